"""Importing .ics files into the store: idempotent upserts, updates by SEQUENCE, overrides,
removed-upstream and prune, conflicts with local edits, one transaction, the occurrence
index answering like the expansion, colleagues' busy time, and export."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from binome.app.calendar import expanded_occurrences, load_occurrences
from binome.app.calendar_export import export_calendar
from binome.app.calendars import busy_for, conflict_calendar, import_calendar
from binome.app.uow import unit_of_work
from binome.domain.errors import ParseError
from binome.domain.timing import Span
from binome.sources.ical import Limits
from binome.store.tables import EventRow, OccurrenceRow, PersonRow, TaskRow
from tests.app.conftest import open_app

YEAR = Span(datetime(2027, 1, 1, tzinfo=UTC), datetime(2028, 1, 1, tzinfo=UTC))


def ics(*events: str, name: str = "Travail") -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    head = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nX-WR-CALNAME:{name}\r\n"
    return (head + body + "END:VCALENDAR\r\n").encode()


def vevent(uid: str, start: str, summary: str = "Comité", seq: int = 0, extra: str = "") -> str:
    lines = [
        f"UID:{uid}",
        "DTSTAMP:20261101T000000Z",
        f"DTSTART;TZID=Europe/Paris:{start}",
        "DURATION:PT1H",
        f"SUMMARY:{summary}",
        f"SEQUENCE:{seq}",
        extra,
    ]
    return "\r\n".join(x for x in lines if x)


WEEKLY = vevent("s1", "20270104T100000", "Point hebdo", extra="RRULE:FREQ=WEEKLY;COUNT=20")
MOVED = vevent(
    "s1",
    "20270112T150000",
    "Point hebdo déplacé",
    extra="RECURRENCE-ID;TZID=Europe/Paris:20270111T100000",
)
SINGLE = vevent(
    "e1",
    "20270310T090000",
    extra="ORGANIZER;CN=Paul Durand:mailto:paul@example.com\r\n"
    "ATTENDEE;CN=Anne Roy:mailto:anne@example.com\r\nCLASS:CONFIDENTIAL",
)


def run(url: str, data: bytes, **kw: Any) -> dict[str, Any]:
    return import_calendar(open_app(url), data, name="travail.ics", **kw)


def count(url: str, table: Any) -> int:
    with Session(open_app(url).engine) as s:
        return int(s.scalar(select(func.count()).select_from(table)) or 0)


def agenda(url: str, window: Span = YEAR, owner: str | None = None) -> list[tuple[str, str, str]]:
    with unit_of_work(open_app(url)) as uow:
        return [
            (o.event.title, o.span.start.isoformat(), o.span.end.isoformat())
            for o in load_occurrences(uow, window, owner=owner)
        ]


def test_importing_the_same_file_twice_changes_nothing(workspace_url: str) -> None:
    first = run(workspace_url, ics(WEEKLY, MOVED, SINGLE))
    assert (first["created"], first["updated"], first["unchanged"]) == (3, 0, 0)
    before = agenda(workspace_url)
    second = run(workspace_url, ics(WEEKLY, MOVED, SINGLE))
    assert (second["created"], second["updated"], second["unchanged"]) == (0, 0, 3)
    assert agenda(workspace_url) == before
    assert count(workspace_url, EventRow) == 3


def test_organizer_and_attendees_become_people_matched_by_email(workspace_url: str) -> None:
    run(workspace_url, ics(SINGLE))
    run(workspace_url, ics(SINGLE))
    with Session(open_app(workspace_url).engine) as s:
        names = dict(s.execute(select(PersonRow.email, PersonRow.name)).all())
    assert names["paul@example.com"] == "Paul Durand"
    assert names["anne@example.com"] == "Anne Roy"


def test_a_newer_sequence_updates_the_event_and_its_occurrences(workspace_url: str) -> None:
    run(workspace_url, ics(WEEKLY))
    changed = WEEKLY.replace("Point hebdo", "Point d'équipe").replace("SEQUENCE:0", "SEQUENCE:1")
    summary = run(workspace_url, ics(changed))
    assert summary["updated"] == 1
    titles = {t for t, _, _ in agenda(workspace_url)}
    assert titles == {"Point d'équipe"}


def test_an_older_sequence_is_skipped_with_its_reason(workspace_url: str) -> None:
    run(workspace_url, ics(WEEKLY.replace("SEQUENCE:0", "SEQUENCE:3")))
    summary = run(workspace_url, ics(WEEKLY.replace("Point hebdo", "Ancien")))
    assert summary["updated"] == 0
    assert "SEQUENCE" in summary["skipped"][0]["reason"]


def test_a_recurrence_id_override_stays_attached_to_its_series(workspace_url: str) -> None:
    run(workspace_url, ics(WEEKLY, MOVED))
    jan = Span(datetime(2027, 1, 10, tzinfo=UTC), datetime(2027, 1, 20, tzinfo=UTC))
    items = agenda(workspace_url, jan)
    assert items == [
        ("Point hebdo déplacé", "2027-01-12T14:00:00+00:00", "2027-01-12T15:00:00+00:00"),
        ("Point hebdo", "2027-01-18T09:00:00+00:00", "2027-01-18T10:00:00+00:00"),
    ]
    with Session(open_app(workspace_url).engine) as s:
        override = s.scalars(select(EventRow).where(EventRow.recurrence_id.is_not(None))).one()
        assert override.series_id is not None


def test_events_removed_upstream_are_reported_and_deleted_only_with_prune(
    workspace_url: str,
) -> None:
    run(workspace_url, ics(WEEKLY, MOVED, SINGLE))
    kept = run(workspace_url, ics(WEEKLY))
    assert {r["uid"] for r in kept["removed_upstream"]} == {"s1", "e1"}
    assert count(workspace_url, EventRow) == 3
    pruned = run(workspace_url, ics(WEEKLY), prune=True)
    assert pruned["pruned"] == 2
    assert count(workspace_url, EventRow) == 1
    assert ("Point hebdo", "2027-01-11T09:00:00+00:00", "2027-01-11T10:00:00+00:00") in agenda(
        workspace_url
    )


def test_a_local_edit_is_never_overwritten_and_both_versions_are_kept(workspace_url: str) -> None:
    run(workspace_url, ics(SINGLE))
    with unit_of_work(open_app(workspace_url)) as uow:
        event = uow.repos.events_by_uid("Travail", "e1")[0]
        uow.repos.update_event(
            replace(event, title="Comité (salle B)", locally_modified=True), now=uow.now
        )
    newer = SINGLE.replace("SUMMARY:Comité", "SUMMARY:Comité budget").replace(
        "SEQUENCE:0", "SEQUENCE:1"
    )
    summary = run(workspace_url, ics(newer))
    assert summary["conflicts"][0]["kept_in"] == conflict_calendar("Travail")
    titles = sorted(t for t, _, _ in agenda(workspace_url))
    assert titles == ["Comité (salle B)", "Comité budget"]
    again = run(workspace_url, ics(newer))  # the conflict copy is upserted, not duplicated
    assert count(workspace_url, EventRow) == 2
    assert again["created"] == 0


def test_a_failure_halfway_leaves_the_database_exactly_as_it_was(workspace_url: str) -> None:
    run(workspace_url, ics(SINGLE))
    before = (
        count(workspace_url, EventRow),
        count(workspace_url, OccurrenceRow),
        agenda(workspace_url),
    )

    def crash(done: int, total: int) -> None:
        if done == 2:
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        run(
            workspace_url,
            ics(WEEKLY, MOVED, SINGLE.replace("SEQUENCE:0", "SEQUENCE:2").replace("Comité", "X")),
            progress=crash,
        )
    after = (
        count(workspace_url, EventRow),
        count(workspace_url, OccurrenceRow),
        agenda(workspace_url),
    )
    assert after == before


def test_too_many_occurrences_in_total_refuse_the_whole_import(workspace_url: str) -> None:
    daily = vevent("d", "20270101T080000", extra="RRULE:FREQ=DAILY")
    with pytest.raises(ParseError) as caught:
        run(workspace_url, ics(daily, SINGLE), limits=Limits(max_total_instances=100))
    assert caught.value.english().startswith("travail.ics:1: ")
    assert count(workspace_url, EventRow) == 0


def test_vtodos_become_tasks_upserted_by_uid(workspace_url: str) -> None:
    todo = (
        b"BEGIN:VTODO\r\nUID:t1\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:Relire\r\n"
        b"DUE:20270105T170000Z\r\nEND:VTODO\r\n"
    )
    data = ics(SINGLE).replace(b"END:VCALENDAR", todo + b"END:VCALENDAR")
    assert run(workspace_url, data)["tasks_created"] == 1
    assert run(workspace_url, data)["tasks_created"] == 0
    assert count(workspace_url, TaskRow) == 1


def test_the_index_answers_a_year_exactly_like_expanding_the_rules(workspace_url: str) -> None:
    run(workspace_url, ics(WEEKLY, MOVED, SINGLE))
    indexed = agenda(workspace_url)
    assert len(indexed) == 21
    with unit_of_work(open_app(workspace_url)) as uow:
        expanded = [(o.event.title, o.span.start.isoformat(), o.span.end.isoformat())
                    for o in expanded_occurrences(uow, YEAR)]  # fmt: skip
    assert indexed == expanded


def test_a_query_past_the_horizon_extends_the_index(workspace_url: str) -> None:
    run(workspace_url, ics(vevent("m", "20270104T100000", "Mensuel", extra="RRULE:FREQ=MONTHLY")))
    far = Span(datetime(2030, 1, 1, tzinfo=UTC), datetime(2030, 3, 1, tzinfo=UTC))
    assert [t for t, _, _ in agenda(workspace_url, far)] == ["Mensuel", "Mensuel"]
    with unit_of_work(open_app(workspace_url)) as uow:
        horizon = uow.repos.occurrence_horizon()
    assert horizon is not None
    assert horizon >= far.end


def test_a_colleagues_calendar_is_their_busy_time_not_the_agenda(workspace_url: str) -> None:
    run(workspace_url, ics(SINGLE), owner="paul@example.com", calendar="Paul")
    assert agenda(workspace_url) == []
    with unit_of_work(open_app(workspace_url)) as uow:
        busy = busy_for(uow, "paul@example.com", YEAR)
    assert [b.span.start.isoformat() for b in busy] == ["2027-03-10T08:00:00+00:00"]


def test_export_keeps_series_whole_and_reimports_to_the_same_occurrences(
    workspace_url: str, sqlite_url: str, tmp_path: Any
) -> None:
    run(workspace_url, ics(WEEKLY, MOVED, SINGLE))
    data = export_calendar(open_app(workspace_url))
    assert data.count(b"BEGIN:VEVENT") == 3
    assert b"RRULE:FREQ=WEEKLY;COUNT=20" in data
    other = f"sqlite:///{tmp_path / 'other.db'}"
    from binome.app.workspace import init_workspace

    init_workspace(
        open_app(other), principal="C", email="c@example.fr", tz="Europe/Paris", country="FR"
    )
    import_calendar(open_app(other), data, name="export.ics", calendar="Travail")
    assert agenda(other) == agenda(workspace_url)


CUSTOM_ZONE = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//t//t//EN\r
BEGIN:VTIMEZONE\r
TZID:Custom Mars Time\r
BEGIN:STANDARD\r
DTSTART:19700101T000000\r
TZOFFSETFROM:+0317\r
TZOFFSETTO:+0317\r
END:STANDARD\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
UID:m1\r
DTSTAMP:20261101T000000Z\r
DTSTART;TZID=Custom Mars Time:20270310T090000\r
DTEND;TZID=Custom Mars Time:20270310T100000\r
SUMMARY:Mars\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_a_zone_with_no_iana_name_is_stored_at_its_utc_instants_with_a_warning(
    workspace_url: str,
) -> None:
    summary = run(workspace_url, CUSTOM_ZONE)
    assert any("IANA" in w for w in summary["warnings"])
    with Session(open_app(workspace_url).engine) as s:
        row = s.scalars(select(EventRow)).one()
    assert row.tzid == "UTC"
    assert agenda(workspace_url) == [
        ("Mars", "2027-03-10T05:43:00+00:00", "2027-03-10T06:43:00+00:00")
    ]


def _indexed_and_expanded(url: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    with unit_of_work(open_app(url)) as uow:
        indexed = [(o.event.title, o.span.start.isoformat()) for o in load_occurrences(uow, YEAR)]
        expanded = [
            (o.event.title, o.span.start.isoformat()) for o in expanded_occurrences(uow, YEAR)
        ]
    return indexed, expanded


def test_the_index_follows_every_write_of_a_single_event(any_workspace_url: str) -> None:
    run(any_workspace_url, ics(WEEKLY))  # builds the index
    with unit_of_work(open_app(any_workspace_url)) as uow:
        series = uow.repos.events_by_uid("Travail", "s1")[0]
        single = uow.repos.add_event(
            replace(series, id=0, version=0, uid="new", title="Déjeuner", recurrence=None),
            now=uow.now,
        )
    indexed, expanded = _indexed_and_expanded(any_workspace_url)
    assert ("Déjeuner", "2027-01-04T09:00:00+00:00") in indexed
    assert indexed == expanded
    moved = replace(single, timing=replace(single.timing, start=single.timing.start.replace(
        month=6), end=single.timing.end.replace(month=6)))  # fmt: skip
    with unit_of_work(open_app(any_workspace_url)) as uow:
        uow.repos.update_event(moved, now=uow.now)
    indexed, expanded = _indexed_and_expanded(any_workspace_url)
    assert [s for t, s in indexed if t == "Déjeuner"] == ["2027-06-04T08:00:00+00:00"]
    assert indexed == expanded
    with unit_of_work(open_app(any_workspace_url)) as uow:
        uow.repos.delete_event(single.id)
    indexed, expanded = _indexed_and_expanded(any_workspace_url)
    assert "Déjeuner" not in {t for t, _ in indexed}
    assert indexed == expanded


def test_a_series_that_becomes_a_single_event_upstream_leaves_no_occurrence_behind(
    any_workspace_url: str,
) -> None:
    run(any_workspace_url, ics(WEEKLY, MOVED))
    assert len(agenda(any_workspace_url)) == 20
    once = vevent("s1", "20270104T100000", "Point unique", seq=1)
    run(any_workspace_url, ics(once))  # the override is kept (no --prune), its series is gone
    indexed, expanded = _indexed_and_expanded(any_workspace_url)
    assert indexed == expanded == [("Point unique", "2027-01-04T09:00:00+00:00")]
    again = vevent("s1", "20270104T100000", "Point hebdo", seq=2, extra="RRULE:FREQ=WEEKLY;COUNT=3")
    run(any_workspace_url, ics(again))
    indexed, expanded = _indexed_and_expanded(any_workspace_url)
    assert indexed == expanded
    assert [t for t, _ in indexed] == ["Point hebdo", "Point hebdo déplacé", "Point hebdo"]


def test_without_an_index_a_read_only_transaction_expands_and_a_reader_builds_it(
    any_workspace_url: str,
) -> None:
    run(any_workspace_url, ics(WEEKLY, MOVED, SINGLE))
    expected = agenda(any_workspace_url)
    with unit_of_work(open_app(any_workspace_url)) as uow:  # as migration 0006 leaves it
        uow.session.execute(delete(OccurrenceRow))
        uow.workspace_row.occurrence_horizon_utc = None
    with unit_of_work(open_app(any_workspace_url), write=False) as uow:
        seen = [(o.event.title, o.span.start.isoformat(), o.span.end.isoformat())
                for o in load_occurrences(uow, YEAR)]  # fmt: skip
        assert uow.repos.occurrence_horizon() is None  # not built: it would be rolled back
    assert seen == expected
    assert count(any_workspace_url, OccurrenceRow) == 0
    assert agenda(any_workspace_url) == expected  # a writing unit of work builds it
    assert count(any_workspace_url, OccurrenceRow) == 21
