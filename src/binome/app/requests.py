"""Requests in plain French or English: ask, list, reject, and take them from e-mail.

``ask`` is one transaction: interpret the sentence (``engine.understand``) with the
workspace's people as known people, ``now`` from the app clock and the principal's zone;
compute up to three options (``app.request_options``); store the ``Request`` — awaiting
confirmation, or needing clarification with exactly one question (two people named Paul,
"jeudi" said on a Thursday, a past date, a duration that does not fit, an unknown person,
no free time, no such event). An ``ask_info`` question is answered at once from the
agenda, masked for the reader, and stored as answered (``confirmed``): nothing waits.

The reformulation, question and option reasons are stored as text in the request's own
language: the pair reads them back as they were offered. ``confirm`` lives in
``app.request_actions``. ``intake`` turns each e-mail into a request whose requester is
the sender, once per Message-ID; an invitation from an unknown sender is queued for
review, never added to the calendar (SECURITY.md row 46).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import datetime
from typing import Any

from binome.app import request_wording as words
from binome.app.access import can_read, require_not_viewer, require_write
from binome.app.context import App
from binome.app.ids import format_id, parse_id
from binome.app.request_options import Ask, Planned, plan_options
from binome.app.slots import principal_person
from binome.app.uow import UnitOfWork, unit_of_work
from binome.app.views import iso
from binome.domain.errors import N_, InvalidInput
from binome.domain.model import Request, RequestStatus
from binome.domain.text import Message
from binome.domain.timing import zone
from binome.engine.understand import KnownPerson, PersonMatch, Understanding, interpret, render
from binome.engine.understand import render_restatement as restatement
from binome.sources.mail.intake import IncomingRequest, parse_mbox, parse_message

WAITING = (RequestStatus.AWAITING_CONFIRMATION, RequestStatus.NEEDS_CLARIFICATION)
ASK_LANGS = ("auto", "fr", "en")


def ask(app: App, text: str, *, lang: str = "auto") -> dict[str, Any]:
    """Understand ``text``, offer options, store the request; the view of it."""
    if lang not in ASK_LANGS:
        raise InvalidInput(N_("Unknown language: {value} (fr, en)."), value=lang)
    with unit_of_work(app) as uow:
        require_not_viewer(uow.actor)
        return _ask(uow, text, lang=lang, requester=None)


def _ask(
    uow: UnitOfWork,
    text: str,
    *,
    lang: str,
    requester: str | None,
    source_key: str | None = None,
    review: Message | None = None,
) -> dict[str, Any]:
    me = principal_person(uow)
    people = [p for p in uow.repos.people() if p.email != me.email]
    known = [
        KnownPerson(id=p.id, name=p.name, email=p.email, nicknames=p.nicknames) for p in people
    ]
    u = interpret(text, now=uow.now, tz=uow.workspace.tz, lang=lang, people=known)
    i = dict(u.interpretation)
    emails = [m.email for m in u.people if m.status == "matched" and m.email]
    asker = uow.repos.person_by_email(requester) if requester else None
    meeting = i["intent"] == "schedule_meeting"
    if asker and asker.email != me.email and meeting and asker.email not in emails:
        emails.append(asker.email)
    question = review or _question(u)
    plan = Planned()
    if question is None:
        ask_ = Ask(i=i, emails=tuple(emails), lang=u.lang, tz=zone(uow.workspace.tz))
        plan = plan_options(uow, ask_)
        question = plan.question
    status = RequestStatus.AWAITING_CONFIRMATION
    if question is not None or not (plan.options or plan.answer is not None):
        status = RequestStatus.NEEDS_CLARIFICATION
    elif plan.answer is not None:
        status = RequestStatus.CONFIRMED
    question_text = _say_question(question, u.lang) if question is not None else None
    request = Request(
        text=text,
        lang=u.lang,
        requester=requester or uow.actor.email,
        interpretation=i,
        reformulation=_reformulation(u, plan, question_text),
        question=question_text,
        options=tuple(plan.options),
        status=status,
        classification=plan.classification,
        created_at=uow.now,
        decided_at=uow.now if status is RequestStatus.CONFIRMED else None,
        outcome={"attendees": emails, "via": "mail" if source_key else "ask"},
    )
    stored = uow.repos.add_request(request, now=uow.now, source_key=source_key)
    uow.audit("request.create", "request", str(stored.id), {"status": status.value})
    view = request_view(stored, uow)
    view["people"] = [_match(m) for m in u.people]
    if plan.answer is not None:  # this reader's agenda: shown, never stored
        view["answer"] = plan.answer
        view["reformulation"] += " " + _answer_text(plan.answer, u.lang)
    return view


def _question(u: Understanding) -> Message | None:
    if u.question is not None:
        return u.question
    if u.interpretation["intent"] == "schedule_meeting":
        for match in u.people:
            if match.status == "unknown":
                return Message.of(
                    N_("I do not know {name}: what is their e-mail address?"), name=match.said
                )
    return None


def _say_question(question: Message, lang: str) -> str:
    if question.msgid in words.FR or question.msgid.startswith("No free time"):
        return words.say(question, lang)
    return render(question, lang)


def _reformulation(u: Understanding, plan: Planned, question: str | None) -> str:
    text = restatement(u)
    i = u.interpretation
    meeting = i["intent"] in ("schedule_meeting", "block_time")
    if plan.minutes and meeting and not i["duration_minutes"]:
        text += " " + words.duration_words(plan.minutes, u.lang)
    if plan.answer is not None:
        return text
    if question is not None:
        return f"{text} {question}"
    return text + words.proposal(plan.options, u.lang)


def _answer_text(lines: list[dict[str, Any]], lang: str) -> str:
    if not lines:
        return words.template(N_("Nothing on your calendar then."), lang)
    busy = words.template(N_("Busy"), lang)
    out = []
    for item in lines:
        if item["all_day"]:
            out.append(f"{item['start']}: {item['title'] or busy}")
            continue
        start, end = (datetime.fromisoformat(item[k]) for k in ("start", "end"))
        label = words.slot_label(start, end, lang, start.tzinfo or zone("UTC"))
        out.append(f"{label} {item['title'] or busy}")
    return "; ".join(out)


def _match(m: PersonMatch) -> dict[str, Any]:
    return {
        "said": m.said,
        "status": m.status,
        "email": m.email,
        "candidates": [{"name": c.name, "email": c.email} for c in m.candidates],
    }


def request_view(r: Request, uow: UnitOfWork) -> dict[str, Any]:
    """A request as its reader may see it (masked beyond their clearance)."""
    visible = can_read(uow.actor, r.classification, f"request:{r.id}")
    tz = zone(uow.workspace.tz)
    view: dict[str, Any] = {
        "id": format_id("request", r.id),
        "status": r.status.value,
        "lang": r.lang,
        "created_at": iso(r.created_at.astimezone(tz) if r.created_at else None),
        "masked": not visible,
    }
    if not visible:
        hidden = ("text", "requester", "interpretation", "reformulation", "question", "outcome")
        return view | dict.fromkeys(hidden) | {"options": []}
    return view | {
        "text": r.text,
        "requester": r.requester,
        "interpretation": r.interpretation,
        "reformulation": r.reformulation,
        "question": r.question,
        "options": list(r.options),
        "outcome": r.outcome,
    }


def list_requests(app: App, *, all_: bool = False) -> list[dict[str, Any]]:
    """The requests that wait (or every request with ``all_``), oldest first."""
    with unit_of_work(app, write=False) as uow:
        return request_views(uow, all_=all_)


def request_views(uow: UnitOfWork, *, all_: bool = False) -> list[dict[str, Any]]:
    """``list_requests`` inside a unit of work (masked views included)."""
    return [request_view(r, uow) for r in uow.repos.requests() if all_ or r.status in WAITING]


def waiting_requests(app: App) -> list[dict[str, Any]]:
    """The requests awaiting a decision that the reader may see (Today and Ask)."""
    with unit_of_work(app, write=False) as uow:
        return visible_waiting(uow)


def visible_waiting(uow: UnitOfWork) -> list[dict[str, Any]]:
    return [view for view in request_views(uow) if not view["masked"]]


def reject(app: App, ref: str) -> dict[str, Any]:
    with unit_of_work(app) as uow:
        r = load_waiting(uow, ref)
        stored = uow.repos.update_request(
            replace(r, status=RequestStatus.REJECTED, decided_at=uow.now)
        )
        uow.audit("request.reject", "request", str(r.id), {"status": "rejected"})
        return request_view(stored, uow)


def load_waiting(uow: UnitOfWork, ref: str) -> Request:
    """The request ``ref``, writable by the actor and still waiting for a decision."""
    require_not_viewer(uow.actor)
    r = uow.repos.request(parse_id("request", ref))
    require_write(uow.actor, r.classification, f"request:{r.id}")
    if r.status not in WAITING:
        raise InvalidInput(
            N_("Request {ref} is already {status}."), ref=format_id("request", r.id),
            status=r.status.value,
        )  # fmt: skip
    return r


def intake(app: App, data: bytes, *, name: str = "") -> dict[str, Any]:
    """Each message of an .eml or mbox file as a request; the same Message-ID only once."""
    is_mbox = name.lower().endswith(".mbox") or data.startswith(b"From ")
    messages = list(parse_mbox(data)) if is_mbox else [parse_message(data)]
    out: list[dict[str, Any]] = []
    created = duplicates = 0
    with unit_of_work(app) as uow:
        require_not_viewer(uow.actor)
        for mail in messages:
            key = _source_key(mail)
            existing = uow.repos.request_by_source_key(key)
            if existing is not None:
                duplicates += 1
                out.append(request_view(existing, uow) | {"duplicate": True})
                continue
            out.append(_from_mail(uow, mail, key) | {"duplicate": False})
            created += 1
    return {"file": name, "created": created, "duplicates": duplicates, "requests": out}


def _source_key(mail: IncomingRequest) -> str:
    if mail.message_id:
        return "mail:" + mail.message_id[:190]
    digest = hashlib.sha256(f"{mail.sender_email}\n{mail.subject}\n{mail.text}".encode())
    return "mail-sha256:" + digest.hexdigest()[:64]


def _from_mail(uow: UnitOfWork, mail: IncomingRequest, key: str) -> dict[str, Any]:
    text = mail.text.strip() or mail.subject.strip() or "(no text)"
    review = None
    sender = mail.sender_email.lower()
    known = bool(sender) and uow.repos.person_by_email(sender) is not None
    if mail.has_invitation and (not known or mail.sender_suspect):
        words_ = N_(
            "An invitation from {sender}, who is not in your contacts: to review before "
            "anything is added."
        )
        review = Message.of(words_, sender=sender or "?")
    view = _ask(
        uow,
        text[:2000],
        lang=mail.lang_hint or "auto",
        requester=sender or None,
        source_key=key,
        review=review,
    )
    view["mail"] = {
        "from": sender,
        "subject": mail.subject,
        "has_invitation": mail.has_invitation,
        "forwarded": mail.forwarded,
        "sender_suspect": mail.sender_suspect,
    }
    return view
