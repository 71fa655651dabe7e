"""The model refuses impossible values where they are built (one test per invariant)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from binome.domain.errors import InvalidInput, UserError
from binome.domain.model import (
    Classification,
    Commitment,
    CommitmentStatus,
    Event,
    Objective,
    Person,
    Priority,
    Role,
    Task,
    WorkingHours,
    Workspace,
    check_email,
)
from binome.domain.timing import BadSpan, Timed, UnknownZone, zone

PARIS = zone("Europe/Paris")
DUE = datetime(2026, 12, 4, 17, 0, tzinfo=UTC)


def test_an_event_cannot_end_before_it_starts() -> None:
    start = datetime(2026, 12, 3, 14, 0, tzinfo=PARIS)
    with pytest.raises(BadSpan) as info:
        Event(title="Comité", timing=Timed(start, start - timedelta(hours=1)))
    assert set(info.value.params) == {"start", "end"}


def test_an_event_needs_a_timing() -> None:
    with pytest.raises(InvalidInput):
        Event(title="x", timing="tomorrow")  # type: ignore[arg-type]


@pytest.mark.parametrize("tz", ["Europe/Pariss", "Nowhere/City"])
def test_a_person_or_workspace_in_an_unknown_zone_is_refused(tz: str) -> None:
    with pytest.raises(UnknownZone):
        Person(name="Paul", email="paul@example.com", tz=tz)
    with pytest.raises(UnknownZone):
        Workspace(name="w", tz=tz)


@pytest.mark.parametrize(
    "email", ["paul", "paul@", "@example.com", "paul@example", "a b@example.com", "x@y@z.fr"]
)
def test_a_bad_email_is_refused(email: str) -> None:
    with pytest.raises(InvalidInput) as info:
        Person(name="Paul", email=email)
    assert info.value.params["value"] == email


def test_emails_are_kept_lower_case_and_trimmed() -> None:
    assert check_email("  Paul.Durand@Example.COM ") == "paul.durand@example.com"


def test_a_person_needs_a_name_of_sensible_length() -> None:
    with pytest.raises(InvalidInput):
        Person(name="  ", email="paul@example.com")
    with pytest.raises(InvalidInput):
        Person(name="x" * 201, email="paul@example.com")


def test_a_country_is_an_iso_code() -> None:
    with pytest.raises(InvalidInput):
        Person(name="Paul", email="paul@example.com", country="France")


@pytest.mark.parametrize("estimate", [timedelta(0), timedelta(minutes=-30), timedelta(days=61)])
def test_a_task_estimate_must_be_positive_and_bounded(estimate: timedelta) -> None:
    with pytest.raises(InvalidInput):
        Task(title="Préparer le comité", estimate=estimate)


def test_a_task_cannot_be_due_before_it_may_start_nor_depend_on_itself() -> None:
    with pytest.raises(InvalidInput):
        Task(title="t", estimate=timedelta(hours=1), due=DUE, earliest_start=DUE)
    with pytest.raises(InvalidInput):
        Task(id=3, title="t", estimate=timedelta(hours=1), depends_on=(3,))
    with pytest.raises(InvalidInput):
        Task(title="t", estimate=timedelta(hours=1), owner="intern")


@pytest.mark.parametrize("weight", [0, -1, 101])
def test_an_objective_weight_is_between_1_and_100(weight: int) -> None:
    with pytest.raises(InvalidInput) as info:
        Objective(title="Lever 20 M€", weight=weight)
    assert info.value.params["value"] == weight


@pytest.mark.parametrize("text", ["9-18", "25:00-26:00", "09:00-08:00", "09:60-18:00", "abc"])
def test_bad_working_hours_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        WorkingHours.parse(text)


def test_working_hours_parse_and_render_round_trip() -> None:
    hours = WorkingHours.parse("08h30-19:00")
    assert (hours.start, hours.end) == (time(8, 30), time(19, 0))
    assert hours.render() == "08:30-19:00"
    assert WorkingHours.parse("09:00-24:00").end == time(23, 59)
    with pytest.raises(InvalidInput):
        WorkingHours(days=frozenset({0}))


def test_a_commitment_is_late_only_when_open_past_its_due_date() -> None:
    c = Commitment(what="Envoyer le budget", owner="c@x.fr", beneficiary="p@x.fr", due=DUE)
    assert c.effective_status(DUE - timedelta(hours=1)) is CommitmentStatus.OPEN
    assert c.effective_status(DUE + timedelta(hours=1)) is CommitmentStatus.LATE
    with pytest.raises(InvalidInput):
        Commitment(what="x", owner="nobody", beneficiary="p@x.fr", due=DUE)


def test_closed_sets_parse_leniently_and_refuse_unknown_values() -> None:
    assert Classification.parse(" Secret ") is Classification.SECRET
    assert Priority.parse("haute") is Priority.HIGH
    assert Role.parse("Assistant") is Role.ASSISTANT
    for parse in (Classification.parse, Priority.parse, Role.parse):
        with pytest.raises(UserError):
            parse("bogus")


def test_ical_classes_map_to_classifications_and_back() -> None:
    assert Classification.from_ical_class(None) is Classification.INTERNAL
    assert Classification.from_ical_class("PRIVATE") is Classification.SECRET
    assert Classification.from_ical_class("X-WEIRD") is Classification.CONFIDENTIAL
    assert Classification.SECRET.to_ical_class() == "PRIVATE"
    assert Classification.SECRET.sealed
    assert not Classification.INTERNAL.sealed


def test_a_workspace_speaks_french_or_english_only() -> None:
    with pytest.raises(InvalidInput):
        Workspace(name="w", tz="Europe/Paris", lang="de")
