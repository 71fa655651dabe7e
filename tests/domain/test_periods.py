"""Period phrases resolve to the right local days, in French and English, across DST."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from binome.domain.errors import InvalidInput
from binome.domain.periods import resolve_within
from binome.domain.timing import Span

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)  # Thursday 26 November, 9:00 in Paris


def local(span: Span, tz: ZoneInfo = PARIS) -> tuple[str, str]:
    return (
        span.start.astimezone(tz).isoformat(timespec="minutes"),
        span.end.astimezone(tz).isoformat(timespec="minutes"),
    )


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("today", ("2026-11-26T09:00+01:00", "2026-11-27T00:00+01:00")),
        ("aujourd'hui", ("2026-11-26T09:00+01:00", "2026-11-27T00:00+01:00")),
        ("tomorrow", ("2026-11-27T00:00+01:00", "2026-11-28T00:00+01:00")),
        ("Demain", ("2026-11-27T00:00+01:00", "2026-11-28T00:00+01:00")),
        ("après-demain", ("2026-11-28T00:00+01:00", "2026-11-29T00:00+01:00")),
        ("this week", ("2026-11-26T09:00+01:00", "2026-11-30T00:00+01:00")),
        ("cette semaine", ("2026-11-26T09:00+01:00", "2026-11-30T00:00+01:00")),
        ("next week", ("2026-11-30T00:00+01:00", "2026-12-07T00:00+01:00")),
        ("la semaine prochaine", ("2026-11-30T00:00+01:00", "2026-12-07T00:00+01:00")),
        ("in two weeks", ("2026-12-07T00:00+01:00", "2026-12-14T00:00+01:00")),
        ("dans deux semaines", ("2026-12-07T00:00+01:00", "2026-12-14T00:00+01:00")),
        ("next 3 days", ("2026-11-26T09:00+01:00", "2026-11-30T00:00+01:00")),
        ("les 3 prochains jours", ("2026-11-26T09:00+01:00", "2026-11-30T00:00+01:00")),
        ("within two weeks", ("2026-11-26T09:00+01:00", "2026-12-11T00:00+01:00")),
        ("d'ici deux semaines", ("2026-11-26T09:00+01:00", "2026-12-11T00:00+01:00")),
    ],
)
def test_each_phrase_names_the_expected_local_period(
    phrase: str, expected: tuple[str, str]
) -> None:
    assert local(resolve_within(phrase, NOW, "Europe/Paris")) == expected


def test_a_week_across_the_october_dst_change_starts_and_ends_at_local_midnight() -> None:
    now = datetime(2026, 10, 15, 10, 0, tzinfo=UTC)  # next week holds Sunday 25 October
    span = resolve_within("next week", now, "Europe/Paris")
    assert local(span) == ("2026-10-19T00:00+02:00", "2026-10-26T00:00+01:00")
    assert span.end - span.start == timedelta(days=7, hours=1)


def test_the_phrase_is_read_in_the_principals_zone_not_utc() -> None:
    late = datetime(2026, 11, 26, 23, 30, tzinfo=UTC)  # already Friday 00:30 in Paris
    assert local(resolve_within("tomorrow", late, "Europe/Paris"))[0] == "2026-11-28T00:00+01:00"
    new_york = ZoneInfo("America/New_York")
    span = resolve_within("tomorrow", late, "America/New_York")
    assert local(span, new_york)[0] == "2026-11-27T00:00-05:00"


def test_an_unknown_phrase_is_a_clear_error_naming_it() -> None:
    with pytest.raises(InvalidInput) as caught:
        resolve_within("sometime soonish", NOW, "Europe/Paris")
    assert caught.value.params["value"] == "sometime soonish"
    assert "next week" in caught.value.english()


@given(
    now=st.datetimes(
        min_value=datetime(2020, 1, 1),
        max_value=datetime(2035, 12, 31),
        timezones=st.just(UTC),
    ),
    phrase=st.sampled_from(
        ["today", "tomorrow", "this week", "next week", "in 3 weeks", "next 10 days", "demain"]
    ),
    tz=st.sampled_from(["Europe/Paris", "America/New_York", "Asia/Singapore", "Australia/Sydney"]),
)
def test_every_period_is_non_empty_and_never_starts_in_the_past(
    now: datetime, phrase: str, tz: str
) -> None:
    span = resolve_within(phrase, now, tz)
    assert span.start >= now
    assert span.end > span.start
