"""``app.planning`` and ``app.changes`` on both databases: the profile in the store,
masking of the plan, stored proposals and carrying out each kind of change.

The clock is pinned to Thursday 26 November 2026, 09:00 in Paris.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from binome.app.calendar import NewEvent, add_event
from binome.app.changes import apply_change
from binome.app.context import App, Clock
from binome.app.items import add_person, add_task
from binome.app.planning import plan_tasks
from binome.app.priorities import ranked_tasks, workspace_profile
from binome.app.uow import unit_of_work
from binome.app.workspace import init_workspace
from binome.domain.errors import Conflict, InvalidInput
from binome.domain.model import Classification, Role
from binome.domain.proposal import Change, ChangeKind
from binome.domain.timing import zone
from binome.store.codec import to_db
from binome.store.tables import ProposalRow, UserRow
from tests.conftest import NOW

PARIS = zone("Europe/Paris")


def paris(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=PARIS)


@pytest.fixture
def app(database_url: str) -> App:
    app = App.open(database_url, now=NOW)
    init_workspace(
        app, principal="Claire Martin", email="claire@example.fr", tz="Europe/Paris", country="FR"
    )
    return app


def set_profile(app: App, profile: dict[str, Any]) -> None:
    with unit_of_work(app) as uow:
        uow.workspace_row.profile = json.dumps(profile)


def add_backup(app: App) -> App:
    with unit_of_work(app) as uow:
        uow.session.add(
            UserRow(
                workspace_id=uow.workspace_row.id,
                name="julien",
                email="julien@example.fr",
                role=Role.BACKUP.value,
                clearance=Classification.INTERNAL.value,
                active=True,
                created_at=to_db(NOW),
            )
        )
    return replace(app, actor_name="julien")


def test_an_empty_profile_is_the_default_work_style_in_the_workspace_zone(app: App) -> None:
    with unit_of_work(app, write=False) as uow:
        profile = workspace_profile(uow)
    assert profile.timezone == "Europe/Paris"
    assert profile.buffer_minutes == 10


def test_the_profiles_urgency_coefficients_change_the_order(app: App) -> None:
    waiting = add_task(
        app, title="Attendre Paul", estimate=timedelta(hours=1), waiting_on="paul@example.fr"
    )["id"]
    other = add_task(app, title="Classer", estimate=timedelta(hours=1))["id"]
    assert [t["id"] for t in ranked_tasks(app)] == [other, waiting]
    set_profile(app, {"urgency": {"waiting": 4.0}})
    assert [t["id"] for t in ranked_tasks(app)] == [waiting, other]


def test_no_meeting_half_days_get_no_task_and_focus_windows_are_flagged(app: App) -> None:
    set_profile(app, {"no_meeting": ["thu-pm"], "focus": {"windows": ["thu 09:00-11:00"]}})
    add_task(app, title="Stratégie", estimate=timedelta(hours=2), splittable=False)
    add_task(app, title="Courrier", estimate=timedelta(minutes=30))
    plan = plan_tasks(app, horizon=timedelta(days=1), time_limit_s=1.0)
    for block in plan["blocks"]:
        start = datetime.fromisoformat(block["start"])
        assert not (start.day == 26 and start.hour >= 12), block  # Thursday afternoon is kept
    deep = next(b for b in plan["blocks"] if b["title"] == "Stratégie")
    assert (deep["start"][11:16], deep["end"][11:16], deep["focus"]) == ("09:00", "11:00", True)


def test_the_plan_masks_tasks_the_reader_may_not_see(app: App) -> None:
    add_task(
        app,
        title="Rachat Verdier",
        estimate=timedelta(hours=1),
        classification=Classification.SECRET,
    )
    backup = add_backup(app)
    plan = plan_tasks(backup, horizon=timedelta(days=1), time_limit_s=1.0)
    [block] = plan["blocks"]
    assert block["masked"] is True
    assert block["title"] is None
    assert "Verdier" not in json.dumps(plan)


def late_plan(app: App) -> dict[str, Any]:
    add_person(app, name="Paul Durand", email="paul@example.fr")
    add_event(
        app,
        NewEvent(
            title="Point budget",
            start=paris(26, 9, 15),
            end=paris(26, 10, 15),
            attendees=("paul@example.fr",),
        ),
    )
    add_task(
        app,
        title="Note confidentielle",
        estimate=timedelta(hours=1),
        due=paris(26, 11),
        splittable=False,
        classification=Classification.CONFIDENTIAL,
    )
    return plan_tasks(app, horizon=timedelta(days=2), time_limit_s=1.0)


def stored(app: App) -> list[dict[str, Any]]:
    with unit_of_work(app, write=False) as uow:
        rows = uow.session.scalars(select(ProposalRow).order_by(ProposalRow.rank)).all()
        return [{"key": r.key, "state": r.state, **json.loads(r.data)} for r in rows]


def test_stored_proposals_carry_no_confidential_text(app: App) -> None:
    plan = late_plan(app)
    [late] = plan["late"]
    data = stored(app)
    assert [d["key"] for d in data] == [a["key"] for a in late["alternatives"]]
    assert "confidentielle" not in json.dumps(data)
    assert {d["source"] for d in data} == {"plan"}


def change_of(app: App, kind: str) -> Change:
    item = next(d for d in stored(app) if d["kind"] == kind)
    [raw] = item["changes"]
    return Change(kind=ChangeKind(raw["kind"]), target=raw["target"], params=raw["params"])


@pytest.mark.parametrize(
    ("kind", "field"),
    [("reassign_task", "owner"), ("renegotiate_due", "due")],
)
def test_a_stored_task_change_is_carried_out_and_audited(app: App, kind: str, field: str) -> None:
    late_plan(app)
    change = change_of(app, kind)
    with unit_of_work(app) as uow:
        done = apply_change(uow, change)
    assert field in done
    replanned = plan_tasks(app, horizon=timedelta(days=2), time_limit_s=1.0)
    assert replanned["late"] == []


def test_moving_a_meeting_puts_it_in_the_first_free_time_after_the_due_date(app: App) -> None:
    late_plan(app)
    change = change_of(app, "move_meeting")
    with unit_of_work(app) as uow:
        done = apply_change(uow, change)
    start = datetime.fromisoformat(done["start"])
    assert start >= paris(26, 11)
    assert done["notify"] == ["paul@example.fr"]
    assert plan_tasks(app, horizon=timedelta(days=2), time_limit_s=1.0)["late"] == []


def test_shortening_a_meeting_keeps_its_start(app: App) -> None:
    late_plan(app)
    change = change_of(app, "shorten_meeting")
    with unit_of_work(app) as uow:
        done = apply_change(uow, change)
    assert datetime.fromisoformat(done["start"]) == paris(26, 9, 15)
    assert datetime.fromisoformat(done["end"]) < paris(26, 10, 15)


def test_deferring_a_task_sets_its_earliest_start(app: App) -> None:
    task = add_task(app, title="Classer", estimate=timedelta(hours=1))["id"]
    change = Change(
        kind=ChangeKind.DEFER_TASK,
        target=f"task:{task[1:]}",
        params={"not_before": paris(30, 9).isoformat()},
    )
    with unit_of_work(app) as uow:
        assert apply_change(uow, change)["earliest_start"] == paris(30, 9).isoformat()
    plan = plan_tasks(app, horizon=timedelta(weeks=1), time_limit_s=1.0)
    assert min(datetime.fromisoformat(b["start"]) for b in plan["blocks"]) >= paris(30, 9)


def test_a_change_whose_target_is_of_the_wrong_kind_is_refused(app: App) -> None:
    with unit_of_work(app) as uow, pytest.raises(InvalidInput):
        apply_change(uow, Change(kind=ChangeKind.DEFER_TASK, target="event:1"))


def test_binome_apply_carries_out_a_plan_proposal_once(app: App) -> None:
    from binome.app.radar import apply_proposal

    plan = late_plan(app)
    [late] = plan["late"]
    move = next(a for a in late["alternatives"] if a["kind"] == "move_meeting")
    done = apply_proposal(app, move["id"])
    assert done["risk"] is None
    assert [d["kind"] for d in done["applied"]] == ["move_event"]
    assert plan_tasks(app, horizon=timedelta(days=2), time_limit_s=1.0)["late"] == []
    with pytest.raises(Conflict):
        apply_proposal(app, move["id"])


def test_a_started_block_is_never_touched(app: App) -> None:
    add_task(app, title="Rapport", estimate=timedelta(hours=2), splittable=False)
    plan_tasks(app, horizon=timedelta(days=1), apply=True, time_limit_s=1.0)
    later = replace(app, clock=Clock.fixed(NOW + timedelta(minutes=30)))
    plan = plan_tasks(later, horizon=timedelta(days=1), apply=True, time_limit_s=1.0)
    [block] = plan["blocks"]
    assert block["started"] is True
    assert plan["changes"] == {"created": 0, "moved": 0, "removed": 0, "kept": 0}


def confidential_reads(app: App) -> list[str]:
    from binome.store.tables import AuditRow

    with unit_of_work(app, write=False) as uow:
        rows = uow.session.scalars(
            select(AuditRow).where(AuditRow.action == "read.confidential").order_by(AuditRow.seq)
        ).all()
        return [f"{r.actor}:{r.object_id}" for r in rows]


def test_showing_a_secret_task_is_audited_and_hiding_it_is_not(app: App) -> None:
    add_task(
        app,
        title="Rachat Verdier",
        estimate=timedelta(hours=1),
        classification=Classification.SECRET,
    )
    backup = add_backup(app)
    plan_tasks(backup, horizon=timedelta(days=1), time_limit_s=1.0)
    ranked_tasks(backup)
    assert confidential_reads(app) == []
    plan_tasks(app, horizon=timedelta(days=1), time_limit_s=1.0)
    ranked_tasks(app)
    # One entry per read path (plan, then task list), each naming the secret task it showed.
    assert [r.split(":", 1)[1] for r in confidential_reads(app)] == ["T1", "T1"]
