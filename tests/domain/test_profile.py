"""The principal's profile: defaults, TOML and dict round trips, dotted edits, errors."""

from __future__ import annotations

import re
from datetime import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from binome.domain.errors import InvalidInput
from binome.domain.messages_fr import FR
from binome.domain.profile import (
    HalfDay,
    Profile,
    TimeRange,
    Window,
    describe_profile,
    profile_from_dict,
    profile_from_toml,
    profile_to_dict,
    profile_to_toml,
    set_profile_value,
)

ROOT = Path(__file__).resolve().parents[2]


def test_the_default_profile_works_long_days_and_a_shorter_friday():
    p = Profile.default()
    assert p.hours[1] == TimeRange(start=time(8, 30), end=time(19, 0))
    assert p.hours[5].end == time(17, 0)
    assert 6 not in p.hours
    assert 7 not in p.hours
    assert p.urgency == {}
    assert p.radar["commitment_warning_days"] == 2
    assert p.radar["request_waiting_hours"] == 24
    assert p.radar["prep_minutes"] == 30


def test_the_example_file_of_the_walkthrough_loads_with_its_comments():
    p = profile_from_toml((ROOT / "examples" / "profil.toml").read_text(encoding="utf-8"))
    assert p.timezone == "Europe/Paris"
    assert p.country == "FR"
    assert p.no_meeting == (HalfDay(weekday=3, part="pm"),)
    assert p.travel_for("Tour Part-Dieu, Lyon") == 20
    assert p.travel_for("Visio Teams") == 0
    assert p.travel_for("Hôtel de Ville, Paris") == 30
    assert p.travel_for(None) == 0
    assert set(p.preferred) == {"1on1", "external", "lunch", "call"}


def test_toml_and_dict_round_trip_the_example():
    p = profile_from_toml((ROOT / "examples" / "profil.toml").read_text(encoding="utf-8"))
    assert profile_from_toml(profile_to_toml(p)) == p
    assert profile_from_dict(profile_to_dict(p)) == p


@pytest.mark.parametrize(
    ("key", "value", "check"),
    [
        ("buffer_minutes", "15", lambda p: p.buffer_minutes == 15),
        ("hours.fri", "08:30-16:00", lambda p: p.hours[5].end == time(16, 0)),
        ("hours.sat", "09:00-12:00", lambda p: p.hours[6].start == time(9, 0)),
        ("hours.mon", "off", lambda p: 1 not in p.hours),
        ("no_meeting", "wed-pm", lambda p: p.no_meeting == (HalfDay(weekday=3, part="pm"),)),
        ("no_meeting", "fri-am, wed", lambda p: len(p.no_meeting) == 2),
        ("country", "us", lambda p: p.country == "US"),
        ("region", "57", lambda p: p.region == "57"),
        ("lunch", "12:30-14:00", lambda p: p.lunch.start == time(12, 30)),
        ("lunch.min_minutes", "30", lambda p: p.lunch_min_minutes == 30),
        ("max_meeting_hours.day", "5.5", lambda p: p.max_meeting_hours_day == 5.5),
        ("focus.windows", "mon-thu 08:30-10:00", lambda p: p.focus_windows[0].days == {1, 2, 3, 4}),
        ("preferred.lunch", "* 12:00-14:00", lambda p: len(p.preferred["lunch"]) == 1),
        ("travel.part-dieu", "20", lambda p: p.travel_minutes["part-dieu"] == 20),
        ("travel.default", "40", lambda p: p.travel_default_minutes == 40),
        ("count_tentative_as_busy", "false", lambda p: p.count_tentative_as_busy is False),
        ("urgency.deadline", "2.5", lambda p: p.urgency["deadline"] == 2.5),
        ("radar.prep_minutes", "45", lambda p: p.radar["prep_minutes"] == 45),
        ("timezone", "America/New_York", lambda p: p.timezone == "America/New_York"),
    ],
)
def test_profile_set_edits_one_dotted_key(key, value, check):
    assert check(set_profile_value(Profile.default(), key, value))


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("nonsense", "1"),
        ("buffer_minutes", "-5"),
        ("buffer_minutes", "soon"),
        ("hours.fri", "17:00-08:30"),
        ("hours.fri", "8h-17h"),
        ("hours.fry", "08:00-17:00"),
        ("no_meeting", "wen-pm"),
        ("no_meeting", "wed-evening"),
        ("country", "ZZ"),
        ("region", "99"),
        ("lunch.min_minutes", "180"),
        ("preferred.dinner", "mon 19:00-21:00"),
        ("focus.windows", "someday 08:00-09:00"),
        ("count_tentative_as_busy", "maybe"),
        ("hours", "08:00-17:00"),
    ],
)
def test_every_invalid_value_names_the_key_and_the_value(key, value):
    with pytest.raises(InvalidInput) as caught:
        set_profile_value(Profile.default(), key, value)
    assert caught.value.params["value"] == value
    assert caught.value.params["key"] == key
    assert value in str(caught.value)


def test_a_broken_toml_file_is_an_invalid_input_not_a_crash():
    with pytest.raises(InvalidInput):
        profile_from_toml("buffer_minutes = = 3")


def test_an_unknown_time_zone_is_refused_naming_the_key():
    with pytest.raises(InvalidInput) as caught:
        set_profile_value(Profile.default(), "timezone", "Mars/Olympus")
    assert caught.value.params["key"] == "timezone"


def test_the_profile_is_described_in_plain_words_in_both_languages():
    p = profile_from_toml((ROOT / "examples" / "profil.toml").read_text(encoding="utf-8"))
    words = describe_profile(p)
    assert len(words) >= 10
    assert all(m.msgid in FR for m in words)
    english = [m.msgid.format(**m.params) for m in words]
    assert "No meetings on wed-pm." in english


def test_every_message_of_the_profile_modules_has_a_french_text():
    src = ROOT / "src" / "binome" / "domain"
    text = (src / "profile.py").read_text() + (src / "profile_io.py").read_text()
    msgids = set(re.findall(r'N_\(\s*"([^"]*)"\s*\)', text))
    assert msgids
    assert msgids <= set(FR), sorted(msgids - set(FR))


clock = st.builds(time, st.integers(0, 22), st.sampled_from([0, 15, 30, 45]))
ranges = st.tuples(clock, st.integers(15, 60 * 8)).map(
    lambda c: TimeRange(
        start=c[0],
        end=time(min(23, c[0].hour + (c[0].minute + c[1]) // 60), (c[0].minute + c[1]) % 60)
        if c[0].hour + (c[0].minute + c[1]) // 60 <= 23
        else time(23, 59),
    )
)
day_runs = st.tuples(st.integers(1, 7), st.integers(0, 6)).map(
    lambda d: frozenset(range(d[0], min(7, d[0] + d[1]) + 1))
)
windows = st.builds(lambda d, r: Window(days=d, range=r), day_runs, ranges)


@settings(max_examples=40, deadline=None)
@given(
    hours=st.dictionaries(st.integers(1, 7), ranges, max_size=7),
    buffer=st.integers(0, 60),
    focus=st.lists(windows, max_size=3),
    no_meeting=st.lists(
        st.builds(
            lambda d, p: HalfDay(weekday=d, part=p),
            st.integers(1, 7),
            st.sampled_from(["am", "pm", "day"]),
        ),
        max_size=3,
        unique=True,
    ),
    preferred=st.dictionaries(
        st.sampled_from(["1on1", "external", "lunch", "call"]),
        st.lists(windows, max_size=2).map(tuple),
    ),
    travel=st.dictionaries(
        st.text("abcdéèçxyz -", min_size=1, max_size=12).map(str.strip).filter(bool),
        st.integers(0, 120),
        max_size=3,
    ),
    tentative=st.booleans(),
)
def test_any_valid_profile_survives_toml_and_back(
    hours, buffer, focus, no_meeting, preferred, travel, tentative
):
    p = Profile(
        hours=hours,
        buffer_minutes=buffer,
        focus_windows=tuple(focus),
        no_meeting=tuple(sorted(no_meeting)),
        preferred=preferred,
        travel_minutes=travel,
        count_tentative_as_busy=tentative,
    )
    assert profile_from_toml(profile_to_toml(p)) == p
    assert profile_from_dict(profile_to_dict(p)) == p


def test_a_file_listing_some_days_keeps_the_default_for_the_others():
    p = profile_from_toml('[hours]\nsat = "09:00-12:00"\nfri = "off"\n')
    assert p.hours[6] == TimeRange(start=time(9, 0), end=time(12, 0))
    assert 5 not in p.hours
    assert p.hours[1] == Profile.default().hours[1]
