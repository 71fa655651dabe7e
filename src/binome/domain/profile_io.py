"""The profile's serial forms: a JSON-able dict, TOML, dotted-key edits, plain words.

The dict is the one form: TOML is the dict written as TOML (``tomllib`` reads it back;
writing is done by hand, TOML being simple for these shapes), and ``set_profile_value``
edits one dotted key of the dict then reads the whole dict again, so an edit is validated
exactly like an import. ``binome.domain.profile`` re-exports everything public here.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping
from typing import Any

from binome.domain.errors import N_, InvalidInput
from binome.domain.profile import (
    DAY_NAMES,
    DEFAULT_RADAR,
    KINDS,
    HalfDay,
    Profile,
    TimeRange,
    Window,
    bad,
)
from binome.domain.text import Message

__all__ = [
    "describe_profile",
    "profile_from_dict",
    "profile_from_toml",
    "profile_to_dict",
    "profile_to_toml",
    "set_profile_value",
]


def profile_to_dict(p: Profile) -> dict[str, Any]:
    """The profile as nested JSON-able values (the store's and the TOML file's shape)."""
    return {
        "timezone": p.timezone,
        "country": p.country,
        "region": p.region,
        "buffer_minutes": p.buffer_minutes,
        "count_tentative_as_busy": p.count_tentative_as_busy,
        "hours": {
            name: (p.hours[i + 1].render() if i + 1 in p.hours else "off")
            for i, name in enumerate(DAY_NAMES)
        },
        "lunch": {"window": p.lunch.render(), "min_minutes": p.lunch_min_minutes},
        "max_meeting_hours": {"day": p.max_meeting_hours_day, "week": p.max_meeting_hours_week},
        "no_meeting": [h.render() for h in p.no_meeting],
        "focus": {
            "hours_per_week": p.focus_hours_week,
            "windows": [w.render() for w in p.focus_windows],
        },
        "preferred": {k: [w.render() for w in p.preferred[k]] for k in KINDS if k in p.preferred},
        "travel": {
            "default_minutes": p.travel_default_minutes,
            "onsite": list(p.onsite),
            "minutes": dict(sorted(p.travel_minutes.items())),
        },
        "urgency": dict(sorted(p.urgency.items())),
        "radar": dict(sorted(p.radar.items())),
    }


def _section(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, Mapping):
        raise bad(key, value, expected=N_("a table"))
    return value


def _number(value: Any, key: str, *, integer: bool = False) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise bad(key, value, expected=N_("a number"))
    if integer and not float(value).is_integer():
        raise bad(key, value, expected=N_("a whole number"))
    if value < 0:
        raise bad(key, value, N_("must not be negative"))
    return int(value) if integer else float(value)


def _strings(value: Any, key: str) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise bad(key, value, expected=N_("a list of strings"))
    return [v.strip() for v in value]


def _country(value: Any, region: Any) -> tuple[str, str | None]:
    import holidays  # pure data library; imported lazily because it is slow to load

    supported = holidays.list_supported_countries()
    code = str(value).strip().upper()
    if code not in supported:
        raise bad("country", value, N_("unknown country code (ISO 3166, e.g. FR)"))
    if region in (None, ""):
        return code, None
    reg = str(region).strip().upper()
    if reg not in {s.upper() for s in supported[code]}:
        raise bad("region", region, N_("unknown region for {country}"), country=code)
    return code, reg


def _hours(section: Mapping[str, Any]) -> dict[int, TimeRange]:
    """Days listed override the default week; ``off`` (or empty) means not worked."""
    hours = dict(Profile.default().hours)
    for name, value in section.items():
        key = f"hours.{name}"
        if name not in DAY_NAMES:
            raise bad(key, name, N_("unknown weekday; use mon..sun, mon-fri or *"))
        day = DAY_NAMES.index(name) + 1
        if str(value).strip().lower() in ("off", ""):
            hours.pop(day, None)
        else:
            hours[day] = TimeRange.parse(str(value), key)
    return hours


def profile_from_dict(data: Mapping[str, Any]) -> Profile:
    """Read (and fully validate) the dict form; missing keys take the defaults."""
    d = profile_to_dict(Profile.default())
    known = set(d)
    for key in data:
        if key not in known:
            raise bad(key, data[key], N_("unknown key"))
    lunch, focus, travel = (
        _section(data, "lunch"),
        _section(data, "focus"),
        _section(data, "travel"),
    )
    limits, radar = _section(data, "max_meeting_hours"), _section(data, "radar")
    country, region = _country(data.get("country", "FR"), data.get("region"))
    tentative = data.get("count_tentative_as_busy", True)
    if not isinstance(tentative, bool):
        raise bad("count_tentative_as_busy", tentative, expected=N_("true or false"))
    preferred = _section(data, "preferred")
    for kind in preferred:
        if kind not in KINDS:
            raise bad(f"preferred.{kind}", kind, expected=N_("1on1, external, lunch, call"))
    return Profile(
        timezone=str(data.get("timezone", "Europe/Paris")),
        country=country,
        region=region,
        hours=_hours(_section(data, "hours")),
        lunch=TimeRange.parse(str(lunch.get("window", "12:00-14:00")), "lunch.window"),
        lunch_min_minutes=_number(lunch.get("min_minutes", 45), "lunch.min_minutes", integer=True),
        buffer_minutes=_number(data.get("buffer_minutes", 10), "buffer_minutes", integer=True),
        max_meeting_hours_day=_number(limits.get("day", 6), "max_meeting_hours.day"),
        max_meeting_hours_week=_number(limits.get("week", 25), "max_meeting_hours.week"),
        focus_hours_week=_number(focus.get("hours_per_week", 8), "focus.hours_per_week"),
        focus_windows=tuple(
            Window.parse(w, "focus.windows")
            for w in _strings(focus.get("windows", []), "focus.windows")
        ),
        no_meeting=tuple(
            sorted(
                HalfDay.parse(h, "no_meeting")
                for h in _strings(data.get("no_meeting", []), "no_meeting")
            )
        ),
        preferred={
            kind: tuple(
                Window.parse(w, f"preferred.{kind}") for w in _strings(v, f"preferred.{kind}")
            )
            for kind, v in preferred.items()
        },
        travel_minutes={
            str(k): _number(v, f"travel.minutes.{k}", integer=True)
            for k, v in _section(travel, "minutes").items()
        },
        travel_default_minutes=_number(
            travel.get("default_minutes", 30), "travel.default_minutes", integer=True
        ),
        onsite=tuple(
            _strings(travel.get("onsite", list(Profile.default().onsite)), "travel.onsite")
        ),
        count_tentative_as_busy=tentative,
        urgency={str(k): _number(v, f"urgency.{k}") for k, v in _section(data, "urgency").items()},
        radar={**DEFAULT_RADAR, **{str(k): _radar(v, f"radar.{k}") for k, v in radar.items()}},
    )


def _radar(value: Any, key: str) -> float | int:
    number = _number(value, key)
    return int(number) if float(number).is_integer() and isinstance(value, int) else number


def profile_from_toml(text: str) -> Profile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(
            N_("The profile file is not valid TOML: {detail}."), detail=str(exc)
        ) from exc
    return profile_from_dict(data)


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else json.dumps(key, ensure_ascii=False)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        # A JSON string is a valid TOML basic string (same escapes, \uXXXX included).
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def profile_to_toml(p: Profile) -> str:
    """TOML text that ``profile_from_toml`` reads back to an equal profile."""
    lines: list[str] = []
    tables: list[tuple[str, Mapping[str, Any]]] = []

    def walk(prefix: str, data: Mapping[str, Any], out: list[str]) -> None:
        for key, value in data.items():
            if value is None:
                continue
            if isinstance(value, Mapping):
                tables.append((f"{prefix}{_toml_key(key)}", value))
            else:
                out.append(f"{_toml_key(key)} = {_toml_value(value)}")

    walk("", profile_to_dict(p), lines)
    while tables:
        name, table = tables.pop(0)
        body: list[str] = []
        walk(f"{name}.", table, body)
        lines += ["", f"[{name}]", *body]
    return "\n".join(lines) + "\n"


_OPEN_TABLES = {("urgency",), ("radar",), ("preferred",), ("travel", "minutes")}
_ALIASES = {
    "lunch": "lunch.window",
    "focus_windows": "focus.windows",
    "travel.default": "travel.default_minutes",
}


def _coerce(text: str) -> Any:
    """A CLI string as the JSON-able value it most likely means (validated afterwards)."""
    raw = text.strip()
    if raw.lower() in ("true", "yes", "oui"):
        return True
    if raw.lower() in ("false", "no", "non"):
        return False
    try:
        return int(raw)
    except ValueError:
        pass
    try:
        return float(raw)
    except ValueError:
        return raw


def set_profile_value(p: Profile, key: str, value: str) -> Profile:
    """``binome profile set KEY VALUE``: edit one dotted key, re-validate the whole profile."""
    path = _ALIASES.get(key.strip(), key.strip()).split(".")
    data = profile_to_dict(p)
    if path[0] == "travel" and len(path) == 2 and path[1] not in data["travel"]:
        path = ["travel", "minutes", path[1]]  # `travel.part-dieu 20`
    parent: Any = data
    for part in path[:-1]:
        parent = parent.get(part) if isinstance(parent, dict) else None
        if not isinstance(parent, dict):
            raise bad(key, value, N_("unknown key"))
    leaf, current = path[-1], parent.get(path[-1])
    if (leaf not in parent and tuple(path[:-1]) not in _OPEN_TABLES) or isinstance(current, dict):
        raise bad(key, value, N_("unknown key"))
    if isinstance(current, list) or path[0] == "preferred":
        parent[leaf] = _strings(value, key)
    elif leaf == "region":
        parent[leaf] = None if value.strip() in ("", "-", "none") else value.strip()
    elif isinstance(current, str):
        parent[leaf] = value.strip()
    else:
        parent[leaf] = _coerce(value)
    try:
        return profile_from_dict(data)
    except InvalidInput as exc:  # name what the user typed, not the inner table key
        if "key" not in exc.params:  # e.g. UnknownZone from the domain's zone check
            raise bad(key, value, N_("unknown time zone")) from exc
        raise InvalidInput(
            exc.message, **{**exc.params, "field": key, "key": key, "value": value}
        ) from exc


def describe_profile(p: Profile) -> list[Message]:
    """The profile in plain words, one message per line of ``binome profile show``."""
    out = [Message.of(N_("Time zone: {zone}; public holidays of {country}."), zone=p.timezone,
                      country=p.country + (f"-{p.region}" if p.region else ""))]  # fmt: skip
    for day in range(1, 8):
        name = DAY_NAMES[day - 1]
        if day in p.hours:
            out.append(
                Message.of(N_("{day}: works {range}."), day=name, range=p.hours[day].render())
            )
        else:
            out.append(Message.of(N_("{day}: not worked."), day=name))
    out.append(Message.of(N_("Lunch between {range}, at least {minutes} min kept free."),
                          range=p.lunch.render(), minutes=p.lunch_min_minutes))  # fmt: skip
    out.append(
        Message.of(N_("{minutes} min of buffer between meetings."), minutes=p.buffer_minutes)
    )
    out.append(Message.of(N_("At most {day} h of meetings a day and {week} h a week."),
                          day=p.max_meeting_hours_day, week=p.max_meeting_hours_week))  # fmt: skip
    for h in p.no_meeting:
        out.append(Message.of(N_("No meetings on {halfday}."), halfday=h.render()))
    focus = ", ".join(w.render() for w in p.focus_windows) or "-"
    out.append(Message.of(N_("Focus time target: {hours} h a week, preferably {windows}."),
                          hours=p.focus_hours_week, windows=focus))  # fmt: skip
    for kind, windows in p.preferred.items():
        out.append(Message.of(N_("Preferred for {kind}: {windows}."), kind=kind,
                              windows=", ".join(w.render() for w in windows)))  # fmt: skip
    places = ", ".join(f"{k} {v} min" for k, v in sorted(p.travel_minutes.items()))
    out.append(Message.of(N_("Travel time: {places}; {default} min elsewhere off-site."),
                          places=places or "-", default=p.travel_default_minutes))  # fmt: skip
    out.append(Message.of(N_("Tentative events count as busy.") if p.count_tentative_as_busy
                          else N_("Tentative events do not count as busy.")))  # fmt: skip
    return out
