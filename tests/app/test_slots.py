"""Slots from the store: whose busy time counts, what never blocks, and what is never shown."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from binome.app.calendar import NewEvent, add_event
from binome.app.items import add_person
from binome.app.profile import import_profile, set_profile_value
from binome.app.slots import SlotAnswer, find_slots_for, suggest_slots
from binome.app.uow import unit_of_work
from binome.domain.errors import InvalidInput
from binome.domain.messages_fr import FR as DOMAIN_FR
from binome.domain.model import Classification, Event, EventStatus, Role
from binome.domain.timing import Span, Timed
from binome.engine.messages_fr import FR as ENGINE_FR
from binome.present.slot_messages_fr import FR as PRESENT_FR
from binome.present.slots import slot_lines, slots_json
from tests.app.conftest import add_user, open_app

PARIS = ZoneInfo("Europe/Paris")
SRC = Path(__file__).resolve().parents[2] / "src" / "binome"
REPO = SRC.parents[1]


def at(hhmm: str, day: int = 1, month: int = 12) -> datetime:
    hour, minute = (int(x) for x in hhmm.split(":"))
    return datetime(2026, month, day, hour, minute, tzinfo=PARIS)


@pytest.fixture
def lyon(workspace_url: str) -> str:
    """Claire's example profile and Luc, a Lyon colleague (9:00-18:00)."""
    app = open_app(workspace_url)
    import_profile(app, (REPO / "examples" / "profil.toml").read_text(encoding="utf-8"))
    add_person(app, name="Luc Bernard", email="luc@example.fr", tz="Europe/Paris", country="FR")
    return workspace_url


def tuesday_morning(url: str, actor: str | None = None, minutes: str = "30m") -> SlotAnswer:
    """Tuesday 1 December, 9:00-12:00 in Paris, with Luc."""
    return suggest_slots(
        open_app(url, actor=actor),
        emails=["luc@example.fr"],
        duration=minutes,
        start="2026-12-01T09:00",
        end="2026-12-01T12:00",
        count=10,
    )


def starts(answer: SlotAnswer) -> list[str]:
    return [s.span.start.astimezone(PARIS).strftime("%H:%M") for s in answer.result.slots]


def store_event(url: str, title: str, start: str, end: str, day: int = 1, **fields: object) -> None:
    owner = fields.pop("owner_email", None)
    with unit_of_work(open_app(url)) as uow:
        timing = Timed(at(start, day), at(end, day))
        event = Event(title=title, timing=timing, **fields)  # type: ignore[arg-type]
        uow.repos.add_event(event, now=uow.now, owner_email=owner)  # type: ignore[arg-type]


def test_the_principals_meeting_and_its_buffers_block_the_time(lyon: str) -> None:
    add_event(open_app(lyon), NewEvent(title="Comex", start=at("10:00"), end=at("11:00")))
    found = starts(tuesday_morning(lyon))
    assert found
    for hhmm in found:  # 15 min buffer each side of 10:00-11:00, meeting of 30 min
        assert hhmm <= "09:15" or hhmm >= "11:15"
    assert "09:00" in found or "09:15" in found
    assert any(h >= "11:15" for h in found)


def test_transparent_and_cancelled_events_never_block(lyon: str) -> None:
    store_event(lyon, "Rappel", "09:00", "12:00", transparent=True)
    store_event(lyon, "Annulé", "09:00", "12:00", status=EventStatus.CANCELLED)
    assert "09:00" in starts(tuesday_morning(lyon))


def test_tentative_events_block_only_when_the_profile_says_so(lyon: str) -> None:
    store_event(lyon, "Peut-être", "09:00", "12:00", status=EventStatus.TENTATIVE)
    assert starts(tuesday_morning(lyon)) == []
    set_profile_value(open_app(lyon), "count_tentative_as_busy", "false")
    assert "09:00" in starts(tuesday_morning(lyon))


def test_a_participants_own_calendar_counts_and_another_persons_does_not(lyon: str) -> None:
    store_event(lyon, "Luc's dentist", "09:00", "10:30", owner_email="luc@example.fr")
    store_event(lyon, "Zoé's day", "09:00", "12:00", owner_email="zoe@example.fr")
    answer = tuesday_morning(lyon)
    found = starts(answer)
    assert found
    assert min(found) >= "10:30"
    assert answer.notes == ()  # Luc's calendar is known: no "only their meetings" note


def test_in_a_participants_calendar_only_what_blocks_blocks(lyon: str) -> None:
    luc = {"owner_email": "luc@example.fr"}
    store_event(lyon, "Focus", "09:00", "12:00", transparent=True, **luc)
    store_event(lyon, "Off", "09:00", "12:00", status=EventStatus.CANCELLED, **luc)
    assert "09:00" in starts(tuesday_morning(lyon))
    store_event(lyon, "Maybe", "09:00", "12:00", status=EventStatus.TENTATIVE, **luc)
    assert starts(tuesday_morning(lyon)) == []
    set_profile_value(open_app(lyon), "count_tentative_as_busy", "false")
    assert "09:00" in starts(tuesday_morning(lyon))


def test_without_their_calendar_the_answer_says_only_shared_meetings_count(lyon: str) -> None:
    answer = tuesday_morning(lyon)
    assert [n.params["name"] for n in answer.notes] == ["Luc Bernard"]
    store_event(lyon, "Luc, later", "09:00", "10:00", day=9, owner_email="luc@example.fr")
    assert tuesday_morning(lyon).notes == ()  # his calendar is known, if empty that morning


def test_a_secret_meeting_blocks_for_the_assistant_without_showing_anything(lyon: str) -> None:
    add_user(lyon, "sam", Role.ASSISTANT)
    add_event(
        open_app(lyon),
        NewEvent(
            title="CANARY merger talks",
            start=at("09:00"),
            end=at("12:00"),
            location="CANARY-ROOM",
            classification=Classification.SECRET,
        ),
    )
    answer = tuesday_morning(lyon, actor="sam")
    assert answer.result.slots == ()
    for lang in ("fr", "en"):
        shown = json.dumps(slots_json(answer, lang), ensure_ascii=False) + "\n".join(
            slot_lines(answer, lang)
        )
        assert "CANARY" not in shown


def test_with_no_common_hours_the_answer_asks_each_remote_person_to_stretch(lyon: str) -> None:
    app = open_app(lyon)
    add_person(app, name="Emily", email="emily@example.com", tz="America/New_York", country="US")
    add_person(app, name="Wei Ling", email="wl@example.sg", tz="Asia/Singapore", country="SG")
    answer = suggest_slots(app, emails=["emily@example.com", "wl@example.sg"], duration="45m",
                           within="next week", count=2)  # fmt: skip
    assert answer.result.slots == ()
    assert answer.result.blocked_by is not None
    [first, *_] = answer.result.near_misses
    text = slots_json(answer, "en")["near_misses"][0]
    assert (
        text["relaxed"]
        == "only if Emily (06:30-07:15) and Wei Ling (19:30-20:15) accept, their time"
    )
    assert text["reasons"][0].startswith("local times: Paris 12:30, New York 06:30")
    french = slots_json(answer, "fr")["near_misses"][0]["relaxed"]
    assert (
        french
        == "seulement si Emily (06:30-07:15) et Wei Ling (19:30-20:15) acceptent, heure locale"
    )
    assert first.slot.span.start.astimezone(PARIS).weekday() != 2  # Wednesday pm stays free


def test_an_unknown_email_is_a_clear_error(lyon: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        suggest_slots(open_app(lyon), emails=["nobody@example.com"], duration="30m")
    assert caught.value.params["email"] == "nobody@example.com"


def test_someone_without_a_zone_is_taken_to_be_in_the_principals_and_told(lyon: str) -> None:
    add_person(open_app(lyon), name="Zoé", email="zoe@example.fr")
    answer = suggest_slots(open_app(lyon), emails=["zoe@example.fr"], duration="30m",
                           within="next week")  # fmt: skip
    assert answer.others[0].tz == "Europe/Paris"
    assert "Zoé has no time zone in binome: taken to be in Europe/Paris." in [
        n.msgid.format(**n.params) for n in answer.notes
    ]


@pytest.mark.parametrize(
    ("word", "kind"),
    [("1:1", "1on1"), ("tête-à-tête", "1on1"), ("Déjeuner", "lunch"), ("appel", "call"),
     ("externe", "external"), ("external", "external")],
)  # fmt: skip
def test_meeting_kinds_are_understood_in_the_words_people_use(
    lyon: str, word: str, kind: str
) -> None:
    answer = suggest_slots(open_app(lyon), emails=[], duration="30m", kind=word, count=1)
    assert answer.kind == kind


def test_more_than_fifty_slots_is_refused(lyon: str) -> None:
    with pytest.raises(InvalidInput):
        suggest_slots(open_app(lyon), emails=[], duration="30m", count=51)


def test_within_and_from_together_are_refused(lyon: str) -> None:
    with pytest.raises(InvalidInput):
        suggest_slots(
            open_app(lyon), emails=[], duration="30m", within="next week", start="2026-12-01"
        )


def test_find_slots_for_works_inside_another_use_cases_unit_of_work(lyon: str) -> None:
    window = Span(at("09:00"), at("12:00"))
    with unit_of_work(open_app(lyon), write=False) as uow:
        result = find_slots_for(uow, ["luc@example.fr"], timedelta(minutes=45), window, "1on1", 2)
    assert len(result.slots) == 2
    assert set(result.slots[0].local_times) == {"claire@example.fr", "luc@example.fr"}


def _msgids(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    found = set()
    for call in re.finditer(r'(?:N_|say)\(\s*((?:"[^"]*"\s*)+)', text):
        found.add("".join(re.findall(r'"([^"]*)"', call[1])))
    found |= set(re.findall(r'\(\s*"(Work style [^"]+)"', text))
    return found


def test_every_new_user_text_has_its_french() -> None:
    french = {**DOMAIN_FR, **ENGINE_FR, **PRESENT_FR}
    files = ["app/profile.py", "app/slots.py", "domain/periods.py", "present/slots.py"]
    files += ["engine/slot_relax.py"]
    files += ["cli/profile_cmd.py", "cli/slots_cmd.py"]
    missing = {m for f in files for m in _msgids(SRC / f) if m and m not in french}
    assert missing == set()
