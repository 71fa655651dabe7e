"""The restatement and the one clarifying question, as ``Message`` values; and a renderer.

The engine returns messages (English msgid + fields holding ``date``/``datetime`` values);
the interface renders them. ``render_restatement`` is the small renderer used until then
and by the tests: French text from ``messages_fr.FR``, dates with ``babel.dates``
("jeudi 3 décembre", "12 h 30" in French; "Thursday 3 December", "12:30" in English).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from babel.dates import format_date

from binome.domain.errors import N_
from binome.domain.text import Message
from binome.engine.understand.facts import Facts
from binome.engine.understand.messages_fr import FR

if TYPE_CHECKING:
    from binome.engine.understand.understanding import Understanding

_ACTIONS = {
    "schedule_meeting": N_("You want to schedule {title}{people}{when}."),
    "move_event": N_("You want to move {title}{people}{ref}{when}{shift}."),
    "cancel_event": N_("You want to cancel {title}{people}{ref}."),
    "block_time": N_("You want to block time for {title}{when}."),
    "add_task": N_("You want to add the task {title}{deadline}."),
    "remind": N_("You want a reminder: {title}{when}{offset}."),
    "ask_info": N_("You want to know what is on your calendar{when}."),
}
_DEFAULT_TITLE = {
    "schedule_meeting": N_("a meeting"),
    "move_event": N_("the event"),
    "cancel_event": N_("the event"),
    "block_time": N_("focused work"),
    "add_task": N_("(no title)"),
    "remind": N_("(no title)"),
    "ask_info": N_("(no title)"),
}


def _when(when: dict[str, Any] | None) -> Message | str:
    if not when:
        return ""
    start = datetime.fromisoformat(when["start"])
    end = datetime.fromisoformat(when["end"]) if when["end"] else None
    if end is None:
        if when["exact"]:
            return Message.of(N_(" on {date} at {time}"), date=start.date(), time=start.time())
        return Message.of(N_(" from {date}"), date=start.date())
    if when["exact"] or start.date() == end.date():
        msgid = (
            N_(" on {date} from {start} to {end}")
            if when["exact"]
            else N_(" on {date} between {start} and {end}")
        )
        return Message.of(msgid, date=start.date(), start=start.time(), end=end.time())
    last = end.date() if end.time() != time(0) else date.fromordinal(end.toordinal() - 1)
    if last == start.date():
        return Message.of(N_(" on {date}"), date=start.date())
    return Message.of(N_(" between {first} and {last}"), first=start.date(), last=last)


def _with_article(text: str, title: str | None) -> str | None:
    """The title with the article the request used ("un déjeuner", "the call")."""
    if not title:
        return None
    m = re.search(
        rf"\b(un|une|le|la|l'|les|a|an|the|my|mon|ma)\s*{re.escape(title)}", text, re.IGNORECASE
    )
    if not m:
        return title
    return m.group(0).lower() if m.group(1).lower() not in ("my", "mon", "ma") else m.group(0)


def restate(u: Understanding, now: datetime) -> Message:
    """The reformulation to confirm with the principal, in fields."""
    i = u.interpretation
    title: Message | str = _with_article(u.text, i["title"]) or Message.of(
        _DEFAULT_TITLE[i["intent"]]
    )
    people = (
        Message.of(N_(" with {names}"), names=list(i["participants"])) if i["participants"] else ""
    )
    ref: Message | str = ""
    if i["event_ref"] and i["event_ref"]["start"]:
        start = datetime.fromisoformat(i["event_ref"]["start"])
        ref = Message.of(N_(" planned on {date} at {time}"), date=start.date(), time=start.time())
    elif i["event_ref"] and i["event_ref"]["date"]:
        ref = Message.of(N_(" planned on {date}"), date=date.fromisoformat(i["event_ref"]["date"]))
    deadline: Message | str = ""
    if i["deadline"]:
        due = datetime.fromisoformat(i["deadline"])
        if due.time() == time(0):
            deadline = Message.of(N_(" before {date}"), date=due.date())
        else:
            deadline = Message.of(N_(" before {date} at {time}"), date=due.date(), time=due.time())
    shift: Message | str = ""
    if i["shift_minutes"]:
        later = i["shift_minutes"] > 0
        msgid = N_(" later by {minutes} minutes") if later else N_(" earlier by {minutes} minutes")
        shift = Message.of(msgid, minutes=abs(i["shift_minutes"]))
    offset: Message | str = ""
    if i["reminder_offset_minutes"]:
        offset = Message.of(
            N_(" {minutes} minutes before it"), minutes=abs(i["reminder_offset_minutes"])
        )
    return Message.of(
        _ACTIONS[i["intent"]],
        title=title,
        people=people,
        when=_when(i["when"]),
        ref=ref,
        deadline=deadline,
        shift=shift,
        offset=offset,
    )


def clarifying_question(u: Understanding, f: Facts, now: datetime) -> Message | None:
    """The one question to ask before acting, or ``None`` when the request is clear."""
    for match in u.people:
        if match.status == "ambiguous":
            names = [f"{p.name} <{p.email}>" for p in match.candidates]
            return Message.of(
                N_("Which {name} do you mean: {candidates}?"), name=match.said, candidates=names
            )
    if "same_weekday" in f.notes and f.day:
        return Message.of(
            N_("Today is {today}: do you mean today or {date}?"), today=now.date(), date=f.day
        )
    if f.next_ambiguous:
        first, second = f.next_ambiguous
        return Message.of(N_("Do you mean {first} or {second}?"), first=first, second=second)
    when = u.interpretation["when"]
    if when and datetime.fromisoformat(when["start"]) < now and when["exact"]:
        return Message.of(
            N_("{date} is in the past: which date do you mean?"),
            date=datetime.fromisoformat(when["start"]),
        )
    if when and u.interpretation["intent"] in ("schedule_meeting", "block_time"):
        start = datetime.fromisoformat(when["start"])
        end = datetime.fromisoformat(when["end"]) if when["end"] else None
        if end and end - start <= timedelta(days=1) and start.weekday() >= 5:
            return Message.of(
                N_("{date} is a weekend day: do you want it anyway?"), date=start.date()
            )
        minutes = u.interpretation["duration_minutes"]
        if end and minutes and (end - start).total_seconds() < minutes * 60:
            return Message.of(
                N_("{minutes} minutes do not fit between {start} and {end}: which should change?"),
                minutes=minutes,
                start=start,
                end=end,
            )
    return None


# -- rendering (until the integrator's i18n renderer takes over) --------------------------


def _fmt_time(t: time, lang: str) -> str:
    if lang == "fr":
        return f"{t.hour} h" if t.minute == 0 else f"{t.hour} h {t.minute:02d}"
    return f"{t.hour}:{t.minute:02d}"


def _fmt(value: Any, lang: str) -> str:
    locale = "fr_FR" if lang == "fr" else "en_GB"
    if isinstance(value, Message):
        return render(value, lang)
    if isinstance(value, datetime):
        return f"{_fmt(value.date(), lang)} {_fmt(value.time(), lang)}"
    if isinstance(value, date):
        return str(format_date(value, "EEEE d MMMM", locale=locale))
    if isinstance(value, time):
        return _fmt_time(value, lang)
    if isinstance(value, list):
        parts = [_fmt(v, lang) for v in value]
        last = " et " if lang == "fr" else " and "
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + last + parts[-1]
    return str(value)


def render(message: Message, lang: str) -> str:
    """``message`` as text in ``lang`` (``fr`` uses ``messages_fr.FR``)."""
    template = FR.get(message.msgid, message.msgid) if lang == "fr" else message.msgid
    return template.format(**{k: _fmt(v, lang) for k, v in message.params.items()})


def render_restatement(u: Understanding) -> str:
    """The restatement in the request's own language."""
    return render(u.restatement, u.lang)
