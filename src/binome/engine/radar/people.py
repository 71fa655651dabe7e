"""People detectors: a meeting outside someone's working hours, or on their public holiday.

Everyone is judged in their own zone: the principal by the profile's hours, each attendee
binome knows by their ``hours`` in their ``tz`` (the principal's zone when unknown).
Public holidays come from the ``holidays`` package for the person's country and region
(``engine.availability.holiday_dates``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time

from binome.domain.errors import N_
from binome.domain.model import WorkingHours
from binome.domain.risk import Risk, RiskKind, make_risk
from binome.domain.text import Message
from binome.domain.timing import zone
from binome.engine.availability import holiday_dates
from binome.engine.radar import proposals as fix
from binome.engine.radar.calendar import identity
from binome.engine.radar.inputs import Item, RadarInput
from binome.engine.radar.registry import detector


def _candidates(inp: RadarInput) -> Iterator[Item]:
    for item in inp.blocking:
        if item.is_meeting and not item.masked and item.span.start > inp.now:
            yield item


def _outside(start: datetime, end: datetime, hours: WorkingHours | None) -> bool:
    """Whether local ``[start, end)`` leaves the working window of that weekday."""
    if hours is None or start.isoweekday() not in hours.days:
        return True
    if end.date() != start.date():
        return True
    latest = end.time() if end.time() != time(0) else time(23, 59)
    return start.time() < hours.start or latest > hours.end


def _night(local: datetime, inp: RadarInput) -> bool:
    hour = local.hour + local.minute / 60
    return hour >= inp.threshold("night_start_hour") or hour < inp.threshold("night_end_hour")


def _principal_hours(inp: RadarInput, weekday: int) -> WorkingHours | None:
    r = inp.profile.hours.get(weekday)
    return None if r is None else WorkingHours(r.start, r.end, frozenset({weekday}))


@detector("outside_hours")
def outside_hours(inp: RadarInput) -> Iterator[Risk]:
    """Someone (the principal or an attendee) would meet outside their own working hours."""
    for item in _candidates(inp):
        who: list[tuple[str, str, datetime]] = []  # (ref, name, local start)
        tz = zone(inp.profile.timezone)
        start, end = item.span.start.astimezone(tz), item.span.end.astimezone(tz)
        if _outside(start, end, _principal_hours(inp, start.isoweekday())):
            who.append((f"person:{inp.principal}", inp.principal_name or inp.principal, start))
        for email in inp.others(item):
            person = inp.person(email)
            if person is None:
                continue
            ptz = zone(person.tz or inp.profile.timezone)
            local, local_end = item.span.start.astimezone(ptz), item.span.end.astimezone(ptz)
            if _outside(local, local_end, person.hours):
                who.append((f"person:{email}", person.name, local))
        if not who:
            continue
        night = any(_night(local, inp) for _, _, local in who)
        names = [name for _, name, _ in who]
        yield make_risk(
            kind=RiskKind.OUTSIDE_HOURS,
            severity=3 if night else 2,
            starts_at=item.span.start,
            about=[item.ref, *(ref for ref, _, _ in who)],
            identity=identity(item),
            explanation=Message.of(
                N_("“{title}” falls outside the working hours of {names} ({local} their time)."),
                title=item.title,
                names=names,
                local=[f"{local:%H:%M}" for _, _, local in who],
            ),
            facts=[names, [f"{local:%a %H:%M}" for _, _, local in who]]
            if item.recurring
            else [item.span, names],
            proposals=[
                *fix.move_options(inp, item, 2),
                fix.decline(inp, item, Message.of(N_("it falls outside working hours"))),
            ],
        )


def _is_holiday(day: date, country: str | None, region: str | None) -> bool:
    return bool(country) and day in holiday_dates(country or "", region, (day.year,))


@detector("holiday")
def holiday(inp: RadarInput) -> Iterator[Risk]:
    """A meeting on a public holiday of the principal's or an attendee's country."""
    profile = inp.profile
    for item in _candidates(inp):
        who: list[tuple[str, str, str]] = []  # (ref, name, country)
        local = item.span.start.astimezone(zone(profile.timezone)).date()
        if _is_holiday(local, profile.country, profile.region):
            who.append(
                (f"person:{inp.principal}", inp.principal_name or inp.principal, profile.country)
            )
        for email in inp.others(item):
            person = inp.person(email)
            if person is None or not person.country:
                continue
            day = item.span.start.astimezone(zone(person.tz or profile.timezone)).date()
            if _is_holiday(day, person.country, person.region):
                who.append((f"person:{email}", person.name, person.country))
        if not who:
            continue
        yield make_risk(
            kind=RiskKind.HOLIDAY,
            severity=3,
            starts_at=item.span.start,
            about=[item.ref, *(ref for ref, _, _ in who)],
            identity=[item.occurrence],
            explanation=Message.of(
                N_("“{title}” on {start} is a public holiday for {names} ({countries})."),
                title=item.title,
                start=item.span.start,
                names=[name for _, name, _ in who],
                countries=sorted({c for _, _, c in who}),
            ),
            facts=[item.span, [c for _, _, c in who]],
            proposals=[
                *fix.move_options(inp, item, 2),
                fix.decline(inp, item, Message.of(N_("it falls on a public holiday"))),
            ],
        )
