"""Up to three concrete options for an understood request, each with its reasons.

One function per intent, each taking the interpretation (SCHEMA.md keys) and returning
``Planned``: the options as JSON-able dicts (what ``confirm`` carries out), or the one
question to ask when no option can be offered. An option always says what it does
(``action``), when (``start``/``end``, ISO 8601 in the principal's zone), a ``label`` and
its ``reasons`` in the request's language:

- meeting, block: the slot finder within the asked window (an exact time asked for comes
  first when it is free), default durations by kind (lunch 1 h 30, call 30 min, else 1 h);
- task: a block before the deadline placed by the slot finder (until the planner
  lands on main, which will re-place blocks), the task itself carried in the option;
- reminder: at the time asked, or N minutes before the referenced event;
- move: the referenced event at the new time (exact, shifted, same time on the new day,
  or the best slots in the new window); cancel: each matching event;
- ask_info has no option: ``answer`` holds the agenda lines, masked for the reader.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from binome.app.calendar import audit_confidential_reads, load_occurrences
from binome.app.expansion import Occurrence
from binome.app.request_events import referenced
from binome.app.request_wording import say, slot_label
from binome.app.slots import find_slots_for
from binome.app.uow import UnitOfWork
from binome.app.views import OccurrenceViews
from binome.domain.errors import N_
from binome.domain.model import Classification
from binome.domain.profile import Kind
from binome.domain.text import Message
from binome.domain.timing import Span, zone
from binome.engine.slots import Slot, SlotResult
from binome.engine.understand.normalize import fold

MAX_OPTIONS = 3
DEFAULT_MINUTES = {"lunch": 90, "call": 30}
SEARCH_DAYS = 7


@dataclass(frozen=True, slots=True, kw_only=True)
class Planned:
    options: list[dict[str, Any]] = field(default_factory=list)
    question: Message | None = None
    answer: list[dict[str, Any]] | None = None
    minutes: int | None = None
    refers_to: tuple[Classification, ...] = ()

    @property
    def classification(self) -> Classification:
        """The request's own: at least internal, and as high as any event it names (its
        options carry their titles and times)."""
        return max((Classification.INTERNAL, *self.refers_to), key=lambda c: c.rank)


@dataclass(frozen=True, slots=True, kw_only=True)
class Ask:
    """What the option finders need: the interpretation, who, and how to say it."""

    i: dict[str, Any]
    emails: tuple[str, ...]
    lang: str
    tz: ZoneInfo

    def when(self, key: str) -> datetime | None:
        w = self.i.get("when") or {}
        return datetime.fromisoformat(w[key]) if w.get(key) else None

    def option(
        self, n: int, span: Span, reasons: Sequence[Message], **extra: Any
    ) -> dict[str, Any]:
        return {
            "n": n,
            "start": span.start.astimezone(self.tz).isoformat(),
            "end": span.end.astimezone(self.tz).isoformat(),
            "label": slot_label(span.start, span.end, self.lang, self.tz),
            "reasons": [say(r, self.lang, self.tz) for r in reasons],
            **extra,
        }


def kind_of(title: str | None) -> Kind | None:
    words = fold(title or "")
    if any(w in words for w in ("dejeuner", "lunch", "diner", "dinner")):
        return "lunch"
    if any(w in words for w in ("call", "appel", "visio", "telephone", "phone")):
        return "call"
    return None


def plan_options(uow: UnitOfWork, ask: Ask) -> Planned:
    intent = ask.i["intent"]
    if intent in ("schedule_meeting", "block_time"):
        return _meeting(uow, ask)
    if intent == "add_task":
        return _task(uow, ask)
    if intent == "remind":
        return _remind(uow, ask)
    if intent == "move_event":
        return _move(uow, ask)
    if intent == "cancel_event":
        return _cancel(uow, ask)
    return _agenda(uow, ask)


def _window(ask: Ask, now: datetime, minutes: int) -> Span:
    start, end = ask.when("start"), ask.when("end")
    if start is None:
        deadline = ask.i.get("deadline")
        finish = datetime.fromisoformat(deadline) if deadline else now + timedelta(SEARCH_DAYS)
        return Span(now, max(finish, now + timedelta(minutes=minutes)))
    if end is None or (ask.i["when"]["exact"] and end - start < timedelta(minutes=minutes)):
        end = start + (timedelta(minutes=minutes) if ask.i["when"]["exact"] else timedelta(14))
    return Span(start, end)


def _from_slots(
    ask: Ask, result: SlotResult, extra: dict[str, Any], start_n: int = 1
) -> tuple[list[dict[str, Any]], Message | None]:
    options = [
        ask.option(start_n + k, slot.span, slot.reasons, **extra)
        for k, slot in enumerate(result.slots)
    ]
    if options or result.blocked_by is None:
        return options, None
    question = N_("No free time fits ({reason}): which should change, the day or the duration?")
    return [], Message.of(question, reason=result.blocked_by)


def _meeting(uow: UnitOfWork, ask: Ask) -> Planned:
    kind = kind_of(ask.i["title"])
    minutes = ask.i["duration_minutes"] or DEFAULT_MINUTES.get(kind or "", 60)
    block = ask.i["intent"] == "block_time"
    action: dict[str, Any] = {"action": "create_event", "kind": "focus" if block else "meeting"}
    emails = () if block else ask.emails
    window = _window(ask, uow.now, minutes)
    length = timedelta(minutes=minutes)
    exact = ask.i["when"] and ask.i["when"]["exact"]
    if exact:
        exact_span = Span(window.start, window.start + length)
        asked = find_slots_for(uow, emails, length, exact_span, count=3)
        first, _ = _from_slots(ask, asked, action)
        day = window.start.astimezone(ask.tz).date()
        around = Span(
            datetime.combine(day, time(0), ask.tz), datetime.combine(day, time(23, 59), ask.tz)
        )
        more = find_slots_for(uow, emails, length, around, kind, MAX_OPTIONS)
        rest = [s for s in more.slots if s.span.start != window.start][: MAX_OPTIONS - len(first)]
        others, question = _from_slots(ask, SlotResult(slots=tuple(rest)), action, len(first) + 1)
        if first:
            first[0]["reasons"].insert(0, say(Message.of(N_("the time you asked for")), ask.lang))
        options = first + others
        if not options:
            _, question = _from_slots(ask, asked, action)
        return Planned(options=options, question=question, minutes=minutes)
    result = find_slots_for(uow, emails, length, window, kind, MAX_OPTIONS)
    if len(result.slots) < MAX_OPTIONS and window.end - window.start <= timedelta(days=1):
        later = _following_days(uow, emails, length, window, kind, MAX_OPTIONS - len(result.slots))
        result = replace(result, slots=result.slots + later)
    options, question = _from_slots(ask, result, action)
    return Planned(options=options, question=question, minutes=minutes)


def _following_days(
    uow: UnitOfWork,
    emails: Sequence[str],
    length: timedelta,
    window: Span,
    kind: Kind | None,
    wanted: int,
) -> tuple[Slot, ...]:
    """The best slot at the same time of day on each following day, until ``wanted``.

    Days are added in the principal's zone (wall clock), so 12:00-14:00 stays 12:00-14:00
    across a DST change."""
    found: list[Slot] = []
    tz = zone(uow.workspace.tz)
    first, last = window.start.astimezone(tz), window.end.astimezone(tz)
    for days in range(1, SEARCH_DAYS + 1):
        shifted = Span(first + timedelta(days), last + timedelta(days))
        best = find_slots_for(uow, emails, length, shifted, kind, 1).slots
        if best:
            why = Message.of(N_("same time of day, {date}"), date=shifted.start.date())
            found.append(replace(best[0], reasons=(why, *best[0].reasons)))
        if len(found) == wanted:
            break
    return tuple(found)


def _task(uow: UnitOfWork, ask: Ask) -> Planned:
    minutes = ask.i["duration_minutes"] or 60
    deadline = ask.i["deadline"]
    task = {"title": ask.i["title"] or ask.i.get("text", ""), "estimate_minutes": minutes}
    task["due"] = deadline
    window = _window(ask, uow.now, minutes)
    block_length = timedelta(minutes=min(minutes, 120))
    result = find_slots_for(uow, (), block_length, window, None, MAX_OPTIONS)
    extra = {"action": "create_task", "kind": "task_block", "task": task}
    options, question = _from_slots(ask, result, extra)
    if deadline:
        due = datetime.fromisoformat(deadline)
        for o in options:
            shown = due.astimezone(ask.tz)
            when: datetime | date = shown.date() if shown.time() == time(0) else shown
            why = Message.of(N_("before the deadline {date}"), date=when)
            o["reasons"].append(say(why, ask.lang, ask.tz))
    return Planned(options=options, question=question, minutes=minutes)


def _remind(uow: UnitOfWork, ask: Ask) -> Planned:
    offset = ask.i["reminder_offset_minutes"]
    if offset is not None:
        found = referenced(uow, ask.i["event_ref"], ask.emails, ask.i["title"])
        if not found:
            return Planned(question=_no_event())
        occ = found[0]
        at = occ.span.start + timedelta(minutes=offset)
        title = occ.event.title
        why = Message.of(N_("{minutes} min before {title}"), minutes=abs(offset), title=title)
        span = Span(at, at + timedelta(minutes=15))
        option = ask.option(1, span, [why], action="create_reminder")
        return Planned(options=[option], refers_to=(occ.event.classification,))
    start = ask.when("start") or uow.now + timedelta(hours=1)
    if start.astimezone(ask.tz).time() == time(0):
        start = start.astimezone(ask.tz).replace(hour=9)
    span = Span(start, start + timedelta(minutes=15))
    why = Message.of(N_("the time you asked for"))
    return Planned(options=[ask.option(1, span, [why], action="create_reminder")])


def _move(uow: UnitOfWork, ask: Ask) -> Planned:
    found = referenced(uow, ask.i["event_ref"], ask.emails, ask.i["title"])
    if not found:
        return Planned(question=_no_event())
    occ = found[0]
    length = occ.span.end - occ.span.start
    extra: dict[str, Any] = {"action": "move_event", "event": _occ_ref(occ)}
    target = _move_target(ask, occ)
    if target is not None:
        span = Span(target[0], target[0] + length)
        option = ask.option(1, span, [target[1]], **extra)
        return Planned(options=[option], refers_to=(occ.event.classification,))
    minutes = int(length.total_seconds() // 60)
    emails = tuple(a.email for a in occ.event.attendees) or ask.emails
    result = find_slots_for(uow, emails, length, _window(ask, uow.now, minutes), None, MAX_OPTIONS)
    options, question = _from_slots(ask, result, extra)
    return Planned(
        options=options,
        question=question,
        minutes=minutes,
        refers_to=(occ.event.classification,),
    )


def _move_target(ask: Ask, occ: Occurrence) -> tuple[datetime, Message] | None:
    start = ask.when("start")
    if ask.i["shift_minutes"]:
        shift = ask.i["shift_minutes"]
        return occ.span.start + timedelta(minutes=shift), Message.of(
            N_("moved by {minutes} min"), minutes=shift
        )
    if start is not None and ask.i["keep_time_of_day"]:
        wall = occ.span.start.astimezone(ask.tz).time()
        moved = datetime.combine(start.astimezone(ask.tz).date(), wall, ask.tz)
        return moved, Message.of(N_("the same time on the new day"))
    if start is not None and ask.i["when"]["exact"]:
        return start, Message.of(N_("the time you asked for"))
    return None


def _cancel(uow: UnitOfWork, ask: Ask) -> Planned:
    found = referenced(uow, ask.i["event_ref"], ask.emails, ask.i["title"])
    if not found:
        return Planned(question=_no_event())
    ref = ask.i["event_ref"] or {}
    if ref.get("all_matching"):
        span = Span(found[0].span.start, found[-1].span.end)
        events = [_occ_ref(o) for o in found]
        option = ask.option(1, span, [], action="cancel_event", events=events)
        return Planned(options=[option], refers_to=tuple(o.event.classification for o in found))
    options = []
    for n, occ in enumerate(found[:MAX_OPTIONS], start=1):
        title = occ.event.title if _readable(uow, occ) else say(Message.of(N_("Busy")), ask.lang)
        why = Message.of(N_("cancel {title}"), title=title)
        options.append(ask.option(n, occ.span, [why], action="cancel_event", event=_occ_ref(occ)))
    refers = tuple(o.event.classification for o in found[:MAX_OPTIONS])
    return Planned(options=options, refers_to=refers)


def _agenda(uow: UnitOfWork, ask: Ask) -> Planned:
    start = ask.when("start") or uow.now
    end = ask.when("end") or start + timedelta(SEARCH_DAYS)
    occs = load_occurrences(uow, Span(start, end))
    people = {p.email: p for p in uow.repos.people()}
    view = OccurrenceViews(uow.actor, zone(uow.workspace.tz), people)
    lines = [view(o) for o in occs]
    audit_confidential_reads(uow, occs)
    return Planned(answer=lines)


def _readable(uow: UnitOfWork, occ: Occurrence) -> bool:
    from binome.app.access import can_read
    from binome.app.views import event_ref

    return can_read(uow.actor, occ.event.classification, event_ref(occ.event))


def _occ_ref(occ: Occurrence) -> dict[str, Any]:
    rid = occ.recurrence_id
    return {
        "id": occ.event.series_id or occ.event.id,
        "version": occ.event.version,
        "recurrence_id": None if rid is None else rid.isoformat(),
        "start": occ.span.start.isoformat(),
        "end": occ.span.end.isoformat(),
    }


def _no_event() -> Message:
    return Message.of(N_("I find no event matching this request: which one do you mean?"))
