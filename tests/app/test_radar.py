"""The radar from the store: stable ids, apply, dismiss until the situation changes,
masking for readers who may not see, audit of what was read and done."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from binome.app.calendar import NewEvent, add_event
from binome.app.radar import apply_proposal, dismiss_risk, run_radar, top_risks
from binome.app.uow import unit_of_work
from binome.domain.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from binome.domain.model import Classification, EventKind, Role
from binome.store.tables import AuditRow, EventRow
from tests.app.conftest import add_user, open_app

PARIS = ZoneInfo("Europe/Paris")


def at(hhmm: str, day: int = 30) -> datetime:
    h, m = (int(x) for x in hhmm.split(":"))
    return datetime(2026, 11, day, h, m, tzinfo=PARIS)


@pytest.fixture
def clash(workspace_url: str) -> str:
    """Monday 30 November: a budget review and a secret call overlap."""
    app = open_app(workspace_url)
    add_event(app, NewEvent(title="Budget review", start=at("10:00"), end=at("11:00")))
    secret = Classification.SECRET
    add_event(
        app,
        NewEvent(title="Secret call", start=at("10:30"), end=at("11:30"), classification=secret),
    )
    return workspace_url


def risks(url: str, actor: str | None = None) -> list[dict[str, object]]:
    return run_radar(open_app(url, actor=actor))["risks"]  # type: ignore[no-any-return]


def actions(url: str) -> list[str]:
    with Session(open_app(url).engine) as session:
        return list(session.scalars(select(AuditRow.action).order_by(AuditRow.seq)))


def test_ids_printed_by_one_run_are_the_same_on_the_next(clash: str) -> None:
    first, second = risks(clash), risks(clash)
    assert [r["id"] for r in first] == [r["id"] for r in second] == ["R1"]
    assert [p["id"] for p in first[0]["proposals"]] == [p["id"] for p in second[0]["proposals"]]


def test_applying_a_proposal_changes_the_calendar_audits_it_and_clears_the_risk(
    clash: str,
) -> None:
    risk = risks(clash)[0]
    move = next(p for p in risk["proposals"] if p["kind"] == "move_event")  # type: ignore[union-attr, index]
    result = apply_proposal(open_app(clash), move["id"])
    assert result["risk"] == "R1"
    assert result["applied"][0]["kind"] == "move_event"
    assert risks(clash) == []
    assert {"change.move_event", "proposal.apply"} <= set(actions(clash))
    with pytest.raises(Conflict):
        apply_proposal(open_app(clash), move["id"])


def test_a_dismissed_risk_stays_hidden_until_its_situation_changes(clash: str) -> None:
    assert [r["id"] for r in risks(clash)] == ["R1"]
    dismiss_risk(open_app(clash), "R1", reason="Both are short")
    assert risks(clash) == []
    assert "risk.dismiss" in actions(clash)
    with unit_of_work(open_app(clash)) as uow:  # the call now ends later: a new situation
        row = uow.session.scalars(select(EventRow).order_by(EventRow.id.desc())).first()
        event = uow.repos.event(row.id)  # type: ignore[union-attr]
        from dataclasses import replace

        from binome.domain.timing import Timed

        uow.repos.update_event(replace(event, timing=Timed(at("10:45"), at("12:00"))),
                               now=uow.now)  # fmt: skip
    again = risks(clash)
    assert [r["id"] for r in again] == ["R1"]


def test_a_reader_who_may_not_see_an_item_sees_its_time_only(clash: str) -> None:
    add_user(clash, "julien", Role.BACKUP)
    view = risks(clash, actor="julien")[0]
    events = view["about"]["events"]  # type: ignore[index]
    secret = next(e for e in events if e["masked"])
    assert secret["title"] is None
    assert "Secret" not in str(view)
    assert [r["id"] for r in risks(clash)] == [view["id"]]  # same risk, same id


def test_showing_a_secret_item_to_the_principal_is_audited(clash: str) -> None:
    risks(clash)
    assert "read.confidential" in actions(clash)


def test_a_viewer_cannot_apply_or_dismiss(clash: str) -> None:
    add_user(clash, "marc", Role.VIEWER)
    proposal = risks(clash)[0]["proposals"][0]["id"]  # type: ignore[index]
    with pytest.raises(PermissionDenied):
        apply_proposal(open_app(clash, actor="marc"), proposal)
    with pytest.raises(PermissionDenied):
        dismiss_risk(open_app(clash, actor="marc"), "R1", reason="no")


def test_unknown_ids_and_empty_reasons_are_user_errors(clash: str) -> None:
    with pytest.raises(NotFound):
        apply_proposal(open_app(clash), "P999")
    with pytest.raises(NotFound):
        dismiss_risk(open_app(clash), "R999", reason="x")
    run_radar(open_app(clash))  # R1 exists: an unknown id answers 404 before the reason
    with pytest.raises(InvalidInput):
        dismiss_risk(open_app(clash), "R1", reason=" ")


def test_top_risks_gives_the_most_severe_first(clash: str) -> None:
    top = top_risks(open_app(clash), 1)
    assert len(top) == 1
    assert top[0]["kind"] == "double_booking"
    assert top[0]["best_proposal"] == top[0]["proposals"][0]["summary"]  # type: ignore[index]


def test_moving_one_occurrence_of_a_series_writes_an_override(workspace_url: str) -> None:
    from binome.app.calendar import agenda
    from binome.app.changes import apply_change
    from binome.domain.proposal import Change, ChangeKind

    app = open_app(workspace_url)
    add_event(app, NewEvent(title="Weekly team", start=at("09:00"), end=at("10:00"),
                            rrule="FREQ=WEEKLY;COUNT=3"))  # fmt: skip
    first = agenda(app, start="2026-12-07", end="2026-12-07")["items"][0]
    with unit_of_work(app) as uow:
        change = Change(kind=ChangeKind.MOVE_EVENT, target=f"event:{first['id'][1:]}",
                        params={"occurrence": first["occurrence"],
                                "start": at("14:00", 7).replace(month=12).isoformat(),
                                "end": at("15:00", 7).replace(month=12).isoformat()})  # fmt: skip
        apply_change(uow, change)
    moved = agenda(app, start="2026-12-07", end="2026-12-07")["items"]
    assert [i["start"] for i in moved] == ["2026-12-07T14:00:00+01:00"]
    others = agenda(app, start="2026-11-30", end="2026-12-14")["items"]
    assert [i["start"][:16] for i in others] == [
        "2026-11-30T09:00",
        "2026-12-07T14:00",
        "2026-12-14T09:00",
    ]


def test_a_preparation_block_is_as_protected_as_its_meeting(workspace_url: str) -> None:
    app = open_app(workspace_url)
    add_event(app, NewEvent(title="Takeover talks", start=at("10:00", 1).replace(month=12),
                            end=at("11:00", 1).replace(month=12), important=True,
                            classification=Classification.SECRET))  # fmt: skip
    risk = next(r for r in risks(workspace_url) if r["kind"] == "no_preparation")
    prep = next(p for p in risk["proposals"] if p["kind"] == "add_preparation")  # type: ignore[union-attr, index]
    apply_proposal(app, prep["id"])
    with unit_of_work(app) as uow:
        rows = uow.session.scalars(select(EventRow).where(EventRow.kind == "preparation")).all()
        assert [r.classification for r in rows] == ["secret"]
    assert [r["kind"] for r in risks(workspace_url)] == []


def test_a_proposal_made_for_a_situation_that_changed_is_refused(clash: str) -> None:
    proposal = risks(clash)[0]["proposals"][0]["id"]  # type: ignore[index]
    add_event(open_app(clash), NewEvent(title="Third", start=at("10:45"), end=at("11:15")))
    with unit_of_work(open_app(clash)) as uow:  # the budget review is cancelled meanwhile
        from dataclasses import replace

        from binome.domain.model import EventStatus

        first = uow.repos.event(1)
        uow.repos.update_event(replace(first, status=EventStatus.CANCELLED), now=uow.now)
    with pytest.raises(Conflict):
        apply_proposal(open_app(clash), proposal)  # type: ignore[arg-type]


def test_with_the_planner_a_deadline_risk_offers_to_move_a_meeting(workspace_url: str) -> None:
    from binome.app.items import add_task
    from binome.domain.timing import parse_duration

    app = open_app(workspace_url)
    for day, end in ((26, "16:00"), (27, "15:00")):  # 3 h free before Friday 17:00...
        add_event(app, NewEvent(title=f"Offsite {day}", start=at("08:30", day),
                                end=at(end, day), kind=EventKind.PERSONAL))  # fmt: skip
    add_event(app, NewEvent(title="Supplier call", start=at("15:00", 27), end=at("17:00", 27)))
    add_task(app, title="Board pack", estimate=parse_duration("5h"), due=at("17:00", 27))
    plain = run_radar(app)["risks"]
    assert [r["kind"] for r in plain if r["kind"] == "deadline_at_risk"] == ["deadline_at_risk"]
    planned = run_radar(app, planner=True)["risks"]
    risk = next(r for r in planned if r["kind"] == "deadline_at_risk")
    kinds = {p["kind"] for p in risk["proposals"]}  # type: ignore[union-attr, index]
    assert kinds & {"move_meeting", "shorten_meeting", "reassign_task"}
    move = next((p for p in risk["proposals"] if p["kind"] == "move_meeting"), None)  # type: ignore[union-attr, index]
    assert move is not None  # ...and moving the 2 h supplier call gives the 2 h missing
    done = apply_proposal(app, move["id"])
    assert done["applied"][0]["kind"] == "move_event"
