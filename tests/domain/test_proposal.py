import json

import pytest

from binome.domain.errors import InvalidInput
from binome.domain.proposal import Change, ChangeKind, Proposal, rank_proposals
from binome.domain.text import Message


def _proposal(kind: str, minutes: int, **terms: float) -> Proposal:
    return Proposal.build(
        kind=kind,
        summary=Message.of("Block {minutes} minutes", minutes=minutes),
        explanation=Message.of("Because."),
        changes=[Change(kind=ChangeKind.BLOCK_TIME, target=None, params={"minutes": minutes})],
        cost_terms=terms,
    )


def test_the_same_content_gets_the_same_key_across_runs():
    assert _proposal("block", 30).key == _proposal("block", 30).key
    assert _proposal("block", 30).key != _proposal("block", 45).key


def test_the_key_ignores_the_wording_of_the_summary():
    a = _proposal("block", 30)
    b = Proposal.build(
        kind="block",
        summary=Message.of("Other words"),
        explanation=Message.of("x"),
        changes=a.changes,
    )
    assert a.key == b.key


def test_cost_is_the_weighted_sum_of_its_terms_and_all_terms_are_present():
    p = _proposal("move", 30, people_affected=2, vip_weight=1, moves=1, lateness_minutes=60)
    assert p.cost == pytest.approx(2 + 5 + 0.5 + 1)
    assert set(_proposal("x", 1).cost_terms) == {
        "people_affected",
        "vip_weight",
        "moves",
        "lateness_minutes",
    }


def test_proposals_rank_by_cost_then_key():
    cheap, dear = _proposal("a", 1, moves=1), _proposal("b", 2, people_affected=3)
    tie1, tie2 = _proposal("c", 3, moves=2), _proposal("d", 4, moves=2)
    ranked = rank_proposals([dear, tie2, cheap, tie1])
    assert ranked[0] == cheap
    assert ranked[1:3] == sorted([tie1, tie2], key=lambda p: p.key)
    assert ranked[-1] == dear


def test_change_params_are_json_and_targets_name_a_type():
    change = Change(
        kind=ChangeKind.MOVE_EVENT,
        target="event:12",
        params={"start": "2026-12-03T14:00:00+01:00", "minutes": 30},
    )
    assert json.loads(json.dumps(change.as_json()))["kind"] == "move_event"
    with pytest.raises(InvalidInput):
        Change(kind=ChangeKind.MOVE_EVENT, target="12")


def test_change_kinds_are_the_agreed_vocabulary():
    assert {k.value for k in ChangeKind} == {
        "create_event",
        "move_event",
        "cancel_event",
        "shorten_event",
        "decline_event",
        "block_time",
        "send_notice",
        "defer_task",
        "reassign_task",
        "renegotiate_due",
    }
