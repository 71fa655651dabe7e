"""The agenda read from the occurrence index, every way it is read, says the same thing.

A year of a calendar with all the shapes the index must carry (a weekly series with an
EXDATE and a moved occurrence, a cancelled occurrence, an all-day series, a floating event,
a series so dense its index row is a sentinel, a confidential event, a participant in
New York, a colleague's imported calendar) is shown four ways: the views (``--json``), the
listing (plain lines), the lean sqlite3 path and the unit of work; for the principal and a
viewer; from an index written before migration 0004 (no shown bounds) and for a window
the index does not answer. The lines must be identical, and equal to the views' lines.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from itertools import product
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from binome.app.agenda import AgendaListing
from binome.app.calendar import agenda, agenda_lines_of
from binome.app.calendars import import_calendar
from binome.app.lite import lite_agenda
from binome.domain.model import Role
from binome.i18n import t
from binome.present.agenda import agenda_lines, listing_lines
from binome.store.codec import decode_point, encode_point, point_iso
from binome.store.index_shape import SINGLE
from binome.store.tables import OccurrenceRow, PersonRow, WorkspaceRow
from tests.app.conftest import add_user, claire_workspace, open_app

NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
YEAR = {"start": "2026-01-01", "end": "2026-12-31"}
EARLY = {"start": "2024-03-01", "end": "2024-04-30"}  # before the index's floor: expanded
WINTER = {"start": "2026-01-01", "end": "2026-03-31"}  # no series to expand: one range scan


def _calendar() -> bytes:
    def event(*lines: str) -> str:
        return (
            "BEGIN:VEVENT\r\nDTSTAMP:20261101T000000Z\r\n"
            + "\r\n".join(lines)
            + ("\r\nEND:VEVENT\r\n")
        )

    events = [
        event("UID:w", "DTSTART;TZID=Europe/Paris:20260105T100000", "DURATION:PT1H",
              "SUMMARY:Point hebdo", "LOCATION:Salle 2", "RRULE:FREQ=WEEKLY",
              "EXDATE;TZID=Europe/Paris:20260112T100000",
              "ATTENDEE;CN=John Smith:mailto:john@example.com"),
        event("UID:w", "RECURRENCE-ID;TZID=Europe/Paris:20260119T100000",
              "DTSTART;TZID=Europe/Paris:20260120T150000", "DURATION:PT1H",
              "SUMMARY:Point hebdo déplacé"),
        event("UID:w", "RECURRENCE-ID;TZID=Europe/Paris:20260126T100000",
              "DTSTART;TZID=Europe/Paris:20260126T100000", "DURATION:PT1H",
              "SUMMARY:Point hebdo", "STATUS:CANCELLED"),
        event("UID:d", "DTSTART;VALUE=DATE:20260301", "DTEND;VALUE=DATE:20260302",
              "SUMMARY:Astreinte", "RRULE:FREQ=MONTHLY;COUNT=14"),
        event("UID:f", "DTSTART:20260615T070000", "DTEND:20260615T080000",
              "SUMMARY:Footing"),
        event("UID:m", "DTSTART;TZID=Europe/Paris:20260401T000000", "DURATION:PT1M",
              "SUMMARY:Relevé", "RRULE:FREQ=MINUTELY;INTERVAL=90"),
        event("UID:c", "DTSTART;TZID=America/New_York:20260310T090000", "DURATION:PT30M",
              "SUMMARY:Rachat de Lumen", "CLASS:CONFIDENTIAL",
              "ATTENDEE;CN=John Smith:mailto:john@example.com"),
        event("UID:s", "DTSTART;TZID=Europe/Paris:20261027T143000", "DURATION:PT45M",
              "SUMMARY:Comité", "CLASS:PUBLIC"),
        event("UID:old", "DTSTART;TZID=Europe/Paris:20240315T090000", "DURATION:PT1H",
              "SUMMARY:Ancien", "RRULE:FREQ=WEEKLY;COUNT=10"),
    ]  # fmt: skip
    head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n"
    return (head + "".join(events) + "END:VCALENDAR\r\n").encode()


def _colleague() -> bytes:
    return (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n"
        b"UID:x\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Europe/Paris:20260105T110000\r\n"
        b"DURATION:PT1H\r\nSUMMARY:Agenda de Paul\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT\r\n"
        b"END:VCALENDAR\r\n"
    )


def _build(url: str) -> str:
    claire_workspace(url)
    app = open_app(url, now=NOW)
    import_calendar(app, _calendar(), name="travail.ics")
    import_calendar(app, _colleague(), name="paul.ics", owner="paul@example.com")
    with Session(app.engine) as session, session.begin():
        session.execute(update(PersonRow).where(PersonRow.email == "john@example.com")
                        .values(tz="America/New_York"))  # fmt: skip
    add_user(url, "vincent", Role.VIEWER)
    return url


@pytest.fixture
def calendar_url(database_url: str) -> str:
    return _build(database_url)


@pytest.fixture
def sqlite_calendar_url(sqlite_url: str) -> str:
    return _build(sqlite_url)


def _lines_both_ways(url: str, actor: str | None, window: dict[str, str]) -> list[str]:
    app = open_app(url, actor=actor, now=NOW)
    from_views = agenda_lines(agenda(app, **window)["items"], "fr")
    listing = agenda_lines_of(open_app(url, actor=actor, now=NOW), **window)
    assert listing_lines(listing, "fr") == from_views
    return from_views


@pytest.mark.parametrize("actor", [None, "vincent"])
@pytest.mark.parametrize(
    "window", [YEAR, WINTER, EARLY], ids=["year", "no-sentinel", "before-the-index"]
)
def test_the_listing_and_the_views_show_the_same_lines(
    calendar_url: str, actor: str | None, window: dict[str, str]
) -> None:
    lines = _lines_both_ways(calendar_url, actor, window)
    text = "\n".join(lines)
    assert "Agenda de Paul" not in text  # a colleague's calendar is busy time, not agenda
    if window is EARLY:
        assert text.count("Ancien") == (0 if actor == "vincent" else 7)
        return
    if window is WINTER:
        assert "Relevé" not in text
        assert text.count("Rachat de Lumen") == (0 if actor == "vincent" else 1)
        return
    if actor == "vincent":
        assert "Occupé" in text  # a viewer sees busy blocks only
        assert not {"Rachat", "Point hebdo", "Comité", "Salle", "John"} & set(text.split())
        return
    assert "Rachat de Lumen" in text
    assert f"  {'15 h–16 h':<15} Point hebdo déplacé" in text
    assert "Lundi 12 janvier" not in text  # the EXDATE, and nothing else that day
    assert "Lundi 26 janvier" not in text  # the cancelled occurrence
    assert f"  {t('fr', 'all day'):<15} Astreinte" in text
    assert "[John 4 h (New York)]" in text  # 10:00 in Paris, during both winter times
    assert "[John 5 h (New York)]" in text  # the weeks the US changed clocks first
    assert text.count("Relevé") > 3_000  # the dense series, expanded on demand


@pytest.mark.parametrize(
    "window", [YEAR, WINTER, EARLY], ids=["year", "no-sentinel", "before-the-index"]
)
def test_the_listing_audits_the_confidential_reads_the_views_audit(
    calendar_url: str, window: dict[str, str]
) -> None:
    """The listing names the events it shows itself (``listing_from_index``): its
    ``read.confidential`` entry is the views' own, the confidential event and nothing
    else (not a series the window does not show, not a colleague's)."""
    from binome.app.audit import list_audit

    def audited(read: Callable[[], object]) -> list[tuple[str, str]]:
        before = len(list_audit(open_app(calendar_url, now=NOW)))
        read()
        return [
            (e["object_id"], e["digest"])
            for e in list_audit(open_app(calendar_url, now=NOW))[before:]
            if e["action"] == "read.confidential"
        ]

    views = audited(lambda: agenda(open_app(calendar_url, now=NOW), **window))
    listed = audited(lambda: agenda_lines_of(open_app(calendar_url, now=NOW), **window))
    assert listed == views
    assert len(views) == (0 if window is EARLY else 1)


def test_an_index_written_before_migration_0006_is_dropped_then_rebuilt_by_a_read(
    calendar_url: str,
) -> None:
    """0005's index held no single events: 0006 drops it, and the next read the index
    would answer builds it again, single events included, and reads the same."""
    from binome.store.db import make_engine
    from binome.store.schema import upgrade
    from tests.conftest import downgrade

    before = _lines_both_ways(calendar_url, None, YEAR)
    engine = make_engine(calendar_url)
    with Session(engine) as session:
        series_rows = [
            {c: getattr(r, c) for c in ("workspace_id", "event_id", "start_utc", "end_utc",
                                        "recurrence_id", "local_start", "local_end")}
            for r in session.scalars(select(OccurrenceRow).where(
                OccurrenceRow.recurrence_id != SINGLE))
        ]  # fmt: skip
        horizon = session.scalar(select(WorkspaceRow.occurrence_horizon_utc))
    downgrade(engine, "0005")
    with Session(engine) as session, session.begin():  # an index as 0005 wrote it
        session.execute(insert(OccurrenceRow), series_rows)
        session.execute(update(WorkspaceRow).values(occurrence_horizon_utc=horizon))
    upgrade(engine)
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(OccurrenceRow)) == 0
        assert session.scalar(select(WorkspaceRow.occurrence_horizon_utc)) is None
    assert _lines_both_ways(calendar_url, None, YEAR) == before
    with Session(engine) as session:
        assert session.scalar(select(WorkspaceRow.occurrence_horizon_utc)) is not None
        singles = session.scalar(select(func.count()).where(OccurrenceRow.recurrence_id == SINGLE))
        assert singles == 3  # Footing, Rachat de Lumen, Comité (Paul's calendar is a series)


def test_the_lean_path_reads_the_index_as_the_unit_of_work_does(
    sqlite_calendar_url: str,
) -> None:
    calendar_url = sqlite_calendar_url  # the lean path reads SQLite files only
    db = calendar_url.removeprefix("sqlite:///")
    for actor, window in product((None, "vincent"), (YEAR, WINTER)):
        full = agenda(open_app(calendar_url, actor=actor, now=NOW), **window)
        lean = lite_agenda(db, actor=actor, workspace=None, now=NOW, what=None, **window)
        assert lean.result == full
        lean_listing = lite_agenda(
            db, actor=actor, workspace=None, now=NOW, what=None, listing=True, **window
        )
        assert isinstance(lean_listing.result, AgendaListing)
        assert listing_lines(lean_listing.result, "fr") == agenda_lines(full["items"], "fr")


def test_a_year_is_answered_by_the_index_not_by_the_rules(
    calendar_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from binome.app import expansion

    expanded: list[int] = []
    real = expansion.occurrences

    def counting(events, window, tz, max_instances=expansion.MAX_INSTANCES_PER_QUERY):  # type: ignore[no-untyped-def]
        expanded.extend(e.id for e in events if e.recurrence is not None)
        return real(events, window, tz, max_instances)

    monkeypatch.setattr("binome.app.index_read.occurrences", counting)
    _lines_both_ways(calendar_url, None, YEAR)
    assert len(set(expanded)) == 1  # only the sentinel series (every 30 minutes)


@given(st.one_of(st.dates(), st.datetimes(), st.datetimes(timezones=st.just(UTC))))
def test_an_occurrence_key_reads_its_recurrence_id_without_decoding_it(value: object) -> None:
    text = encode_point(value)  # type: ignore[arg-type]
    assert point_iso(text) == decode_point(text).isoformat()


def test_the_migration_0004_keeps_an_indexed_workspace_readable(tmp_path: Path) -> None:
    from binome.store.db import make_engine
    from binome.store.schema import current_revision, head_revision, upgrade
    from tests.conftest import downgrade

    url = f"sqlite:///{tmp_path / 'b.db'}"
    engine = make_engine(url)
    upgrade(engine)
    downgrade(engine, "0003")  # 0005's and 0004's downgrades
    assert current_revision(engine) == "0003"
    upgrade(engine)
    assert current_revision(engine) == head_revision()


def test_the_sentinels_of_a_window_are_found_by_a_lookup_not_a_scan(
    sqlite_calendar_url: str,
) -> None:
    """Both readers' sentinel queries use the partial index of sentinel rows (a year's
    window holds ~10^5 other rows), not ``ix_occ_window``."""
    import sqlite3

    from sqlalchemy import event

    from binome.store.db import make_engine
    from binome.store.lite import LiteStore
    from binome.store.occurrence_index import sentinel_ids

    start, end = datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC)
    engine = make_engine(sqlite_calendar_url)
    seen: list[tuple[str, Any]] = []
    event.listen(engine, "before_cursor_execute",
                 lambda _c, _cur, sql, params, _ctx, _many: seen.append((sql, params)))  # fmt: skip
    with Session(engine) as session:
        assert len(sentinel_ids(session, 1, start, end)) == 1  # the series every 90 minutes
    path = Path(sqlite_calendar_url.removeprefix("sqlite:///"))
    store = LiteStore.open(path)
    assert store is not None
    traced: list[str] = []
    store.conn.set_trace_callback(traced.append)
    assert len(store.sentinel_ids_in_window(1, start, end)) == 1
    store.close()
    with sqlite3.connect(path) as conn:
        orm_sql, orm_params = seen[-1]
        plans = [
            conn.execute(f"EXPLAIN QUERY PLAN {orm_sql}", orm_params).fetchall(),
            conn.execute(f"EXPLAIN QUERY PLAN {traced[-1]}").fetchall(),
        ]
    for plan in plans:
        assert "USING COVERING INDEX ix_occ_sentinel" in str(plan), plan
