"""The radar use cases: ``binome radar``, ``apply``, ``dismiss``, and the brief's top risks.

``scan_workspace`` loads what the detectors need (the horizon's occurrences and the last
four weeks', people, open work, the profile), runs ``engine.radar.scan`` and persists the
result in ``risks``/``proposals``: a risk row per ``Risk.key``, a proposal row per
``Proposal.key``, so ``R3``/``P7`` printed by one run are accepted by the next command.

Hidden risks: a risk dismissed (``dismiss``) or resolved (``apply``) stores the
fingerprint it had; it stays hidden while the fingerprint is the same and comes back
(state ``open``) as soon as the situation behind it changes.

Confidentiality: the radar sees what its reader may see. Occurrences the reader may not
read enter the detectors with their times only (``Item.masked``), so conflicts and load
still count them, but no title, place or guest of theirs reaches an explanation; tasks,
commitments, requests and objectives they may not read are named "confidential".
Showing confidential content is audited (``read.confidential``), as the agenda does.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import timedelta, tzinfo
from typing import Any

from sqlalchemy import select

from binome.app.access import can_read, require_not_viewer
from binome.app.changes import apply_change
from binome.app.context import App
from binome.app.expansion import Occurrence
from binome.app.ids import format_id, parse_id
from binome.app.radar_input import build_input
from binome.app.radar_plan import with_planner
from binome.app.read_cache import cached
from binome.app.uow import UnitOfWork, unit_of_work
from binome.app.views import event_ref
from binome.domain.errors import N_, Conflict, InvalidInput, NotFound
from binome.domain.model import Commitment, Task
from binome.domain.proposal import Change, ChangeKind, Proposal
from binome.domain.risk import Risk
from binome.domain.text import Message
from binome.domain.timing import Span, parse_duration, zone
from binome.engine.radar import RadarInput, scan
from binome.i18n import fmt_value, t
from binome.store.codec import from_db_opt, to_db, to_db_opt
from binome.store.tables import ProposalRow, RiskRow

__all__ = [
    "apply_proposal",
    "brief_risks",
    "dismiss_risk",
    "list_risks",
    "parse_horizon",
    "render_text",
    "run_radar",
    "scan_workspace",
    "top_risks",
]

DEFAULT_HORIZON = timedelta(days=14)
HIDDEN = ("dismissed", "resolved")
SEALED = ("confidential", "secret")


def parse_horizon(text: str | None) -> timedelta:
    """``14d``, ``2w``, ``48h``... (at most a year)."""
    if not text:
        return DEFAULT_HORIZON
    match = re.fullmatch(r"\s*(\d{1,2})\s*w\s*", text.lower())
    if match:
        return timedelta(weeks=int(match[1]))
    return parse_duration(text)


# -- rendering ------------------------------------------------------------------------


def render_text(message: Message | str, lang: str, tz: tzinfo | None = None) -> str:
    """A radar message in ``lang``: the catalogue first, then the radar's French dict."""
    if isinstance(message, str):
        return message
    template = t(lang, message.msgid)  # the one catalogue (tests/test_i18n.py: complete)
    values = {k: _value(v, lang, tz) for k, v in message.params.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def _value(value: Any, lang: str, tz: tzinfo | None) -> str:
    if isinstance(value, Message):
        return render_text(value, lang, tz)
    if isinstance(value, list | tuple):
        return ", ".join(_value(v, lang, tz) for v in value)
    return fmt_value(value, lang, tz)


# -- persistence ----------------------------------------------------------------------


def _json(message: Message) -> dict[str, Any]:
    return {"msgid": message.msgid, "params": {k: str(v) for k, v in message.params.items()}}


def _persist(uow: UnitOfWork, risks: Sequence[Risk]) -> list[tuple[Risk, RiskRow, list[int]]]:
    """Upsert rows; return the risks still to show with their row and proposal row ids.
    Two flushes in all (risk ids, then proposal ids) and one query per table: a scan runs
    on a cold Today view, where a flush and a query per proposal cost half the scan."""
    ws, now = uow.repos.ws, to_db(uow.now)
    keys = [r.key for r in risks]
    rows = {
        row.key: row
        for row in uow.session.scalars(
            select(RiskRow).where(RiskRow.workspace_id == ws, RiskRow.key.in_(keys))
        )
    } if keys else {}  # fmt: skip
    kept: list[tuple[Risk, RiskRow]] = []
    for risk in risks:
        row = rows.get(risk.key)
        if row is None:
            row = RiskRow(workspace_id=ws, key=risk.key, first_seen=now, state="open")
            uow.session.add(row)
        elif row.state in HIDDEN and row.dismissed_fingerprint == risk.fingerprint:
            row.last_seen = now
            continue
        elif row.state in HIDDEN:
            row.state, row.dismissed_fingerprint = "open", None
        row.kind, row.severity = risk.kind.value, risk.severity
        row.starts_at = to_db_opt(risk.starts_at)
        row.fingerprint, row.last_seen = risk.fingerprint, now
        row.data = json.dumps({"about": list(risk.about), "explanation": _json(risk.explanation)})
        kept.append((risk, row))
    uow.session.flush()  # new risks get their ids
    offered = _proposal_rows(uow, [p.key for risk, _ in kept for p in risk.proposals])
    placed = [
        (risk, row, _persist_proposals(uow, row, risk.proposals, offered)) for risk, row in kept
    ]
    uow.session.flush()  # new proposals get theirs
    return [(risk, row, [p.id for p in prows]) for risk, row, prows in placed]


def _proposal_rows(uow: UnitOfWork, keys: Sequence[str]) -> dict[str, ProposalRow]:
    if not keys:
        return {}
    query = select(ProposalRow).where(
        ProposalRow.workspace_id == uow.repos.ws, ProposalRow.key.in_(sorted(set(keys)))
    )
    return {row.key: row for row in uow.session.scalars(query)}


def _persist_proposals(
    uow: UnitOfWork, risk: RiskRow, proposals: Sequence[Proposal], rows: dict[str, ProposalRow]
) -> list[ProposalRow]:
    out = []
    for rank, p in enumerate(proposals, start=1):
        row = rows.get(p.key)
        if row is None:
            row = ProposalRow(workspace_id=uow.repos.ws, key=p.key, state="open")
            uow.session.add(row)
            rows[p.key] = row
        elif row.risk_id != risk.id:  # the same fix offered again for another risk
            row.state, row.applied_at = "open", None
        row.risk_id, row.rank = risk.id, rank
        row.data = json.dumps(
            {
                "kind": p.kind,
                "summary": _json(p.summary),
                "changes": [c.as_json() for c in p.changes],
                "cost": p.cost,
            },
            default=str,
        )
        out.append(row)
    return out


# -- views ----------------------------------------------------------------------------


Work = tuple[dict[str, Task], dict[str, Commitment]]


def _about(
    uow: UnitOfWork, risk: Risk, occs: Mapping[str, Occurrence], inp: RadarInput, tz: tzinfo,
    work: Work,
) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:  # fmt: skip
    """The items and people of a risk as the reader may see them; sealed refs shown."""
    out: dict[str, list[dict[str, Any]]] = {
        k: [] for k in ("events", "tasks", "commitments", "requests", "objectives", "people")
    }
    sealed: list[str] = []
    masked_any = False
    tasks, commitments = work
    for ref in risk.about:
        kind, _, ident = ref.partition(":")
        if kind == "event" and ref in occs:
            e = occs[ref].event
            visible = can_read(uow.actor, e.classification, ref)
            masked_any |= not visible
            span = occs[ref].span
            out["events"].append({
                "id": format_id("event", int(ident)), "masked": not visible,
                "title": e.title if visible else None,
                "start": span.start.astimezone(tz).isoformat(),
                "end": span.end.astimezone(tz).isoformat(),
            })  # fmt: skip
            if visible and e.classification.value in SEALED:
                sealed.append(ref)
        elif kind in ("task", "commitment") and ref in {**tasks, **commitments}:
            obj = tasks.get(ref) or commitments[ref]
            visible = can_read(uow.actor, obj.classification, ref)
            masked_any |= not visible
            title = getattr(obj, "title", None) or getattr(obj, "what", None)
            out[f"{kind}s"].append({"id": format_id(kind, int(ident)), "masked": not visible,
                                    "title": title if visible else None})  # fmt: skip
            if visible and obj.classification.value in SEALED:
                sealed.append(ref)
        elif kind in ("request", "objective"):
            out[f"{kind}s"].append({"id": format_id(kind, int(ident))})
        elif kind == "person":
            person = inp.people.get(ident)
            out["people"].append({"email": ident, "name": person.name if person else None})
    if masked_any:
        out["people"] = []
    return out, sealed


def _view(
    uow: UnitOfWork, risk: Risk, row: RiskRow, ids: Sequence[int],
    occs: Mapping[str, Occurrence], inp: RadarInput, work: Work,
) -> tuple[dict[str, Any], list[str]]:  # fmt: skip
    lang, tz = uow.lang, zone(uow.workspace.tz)
    about, sealed = _about(uow, risk, occs, inp, tz, work)
    proposals = [
        {
            "id": format_id("proposal", pid),
            "kind": p.kind,
            "summary": render_text(p.summary, lang, tz),
            "explanation": render_text(p.explanation, lang, tz),
            "changes": [c.as_json() for c in p.changes],
            "cost": p.cost,
        }
        for p, pid in zip(risk.proposals, ids, strict=True)
    ]
    explanation = render_text(risk.explanation, lang, tz)
    view = {
        "id": format_id("risk", row.id),
        "kind": risk.kind.value,
        "severity": risk.severity,
        "starts_at": None if risk.starts_at is None else risk.starts_at.astimezone(tz).isoformat(),
        "about": about,
        "explanation": explanation,
        "summary": explanation,
        "best_proposal": proposals[0]["summary"] if proposals else None,
        "proposals": proposals,
    }
    return view, sealed


def scan_workspace(
    uow: UnitOfWork, horizon: timedelta = DEFAULT_HORIZON, *, planner: bool = False
) -> list[dict[str, Any]]:
    """Scan, persist and return the risks to show (views, most severe first); with
    ``planner``, deadline risks carry the CP-SAT planner's alternatives. With the web's
    read-model cache, once per data version, reader and minute (``app.read_cache``)."""
    return cached(uow, "radar", (horizon, planner), lambda: _scan(uow, horizon, planner))


def _scan(uow: UnitOfWork, horizon: timedelta, planner: bool) -> list[dict[str, Any]]:
    inp, occs = build_input(uow, horizon)
    risks = scan(inp)
    if planner:
        risks = with_planner(inp, risks)
    by_ref = {event_ref(o.event): o for o in occs if o.span.end > uow.now}
    views: list[dict[str, Any]] = []
    sealed: set[str] = set()
    work = (
        {f"task:{t.id}": t for t in uow.repos.tasks()},
        {f"commitment:{c.id}": c for c in uow.repos.commitments()},
    )
    for risk, row, ids in _persist(uow, risks):
        view, refs = _view(uow, risk, row, ids, by_ref, inp, work)
        views.append(view)
        sealed.update(refs)
    if sealed:
        refs = sorted(sealed)
        uow.audit("read.confidential", "radar", ",".join(r.split(":")[1] for r in refs)[:64], refs)
    return views


def run_radar(app: App, *, horizon: str | None = None, planner: bool = False) -> dict[str, Any]:
    """``binome radar [--plan]``: the risks over the horizon, most severe first."""
    span = parse_horizon(horizon)
    with unit_of_work(app) as uow:
        tz = zone(uow.workspace.tz)
        risks = scan_workspace(uow, span, planner=planner)
        return {
            "as_of": uow.now.astimezone(tz).isoformat(),
            "horizon_end": (uow.now + span).astimezone(tz).isoformat(),
            "tz": uow.workspace.tz,
            "risks": risks,
        }


def top_risks(app_or_uow: App | UnitOfWork, n: int = 3) -> list[dict[str, Any]]:
    """The ``n`` most severe risks of the next two weeks (the brief, the web Today page)."""
    if isinstance(app_or_uow, UnitOfWork):
        return scan_workspace(app_or_uow)[:n]
    with unit_of_work(app_or_uow) as uow:
        return scan_workspace(uow)[:n]


def list_risks(app: App) -> list[dict[str, Any]]:
    """The web Today page's risks section: the five most severe of the next two weeks."""
    return top_risks(app, 5)


def brief_risks(uow: UnitOfWork, window: Span) -> list[dict[str, Any]]:
    """``app.brief.RiskProvider``: the top three risks, each with its best proposal."""
    return top_risks(uow, 3)


# -- decisions ------------------------------------------------------------------------


def _risk_row(uow: UnitOfWork, ref: str) -> RiskRow:
    row = uow.session.get(RiskRow, parse_id("risk", ref))
    if row is None or row.workspace_id != uow.repos.ws:
        raise NotFound(N_("No {kind} {ref} here."), kind="risk", ref=ref)
    return row


def _still_offered(uow: UnitOfWork, key: str) -> bool:
    """Whether today's situation still calls for the proposal ``key`` (the planner is
    asked only when the plain scan does not offer it and a deadline is at risk)."""
    inp, _ = build_input(uow, DEFAULT_HORIZON)
    risks = scan(inp)
    if key in {p.key for r in risks for p in r.proposals}:
        return True
    return key in {p.key for r in with_planner(inp, risks) for p in r.proposals}


def _plan_still_valid(uow: UnitOfWork, data: Mapping[str, Any]) -> bool:
    """Whether a ``binome plan`` proposal still applies: the late task it was made for is
    still open (the next ``binome plan`` replaces the proposals anyway)."""
    task = uow.repos.tasks(open_only=True)
    return parse_id("task", str(data.get("task_id") or "")) in {t.id for t in task}


def apply_proposal(app: App, ref: str) -> dict[str, Any]:
    """``binome apply P7``: every change of the proposal (the radar's or ``binome plan``'s),
    atomically, audited; a radar proposal is first checked against today's situation and
    its risk is then resolved (hidden until its situation changes)."""
    with unit_of_work(app) as uow:
        require_not_viewer(uow.actor)
        row = uow.session.get(ProposalRow, parse_id("proposal", ref))
        if row is None or row.workspace_id != uow.repos.ws:
            raise NotFound(N_("No {kind} {ref} here."), kind="proposal", ref=ref)
        if row.state == "applied":
            raise Conflict(N_("Proposal {ref} was already applied."), ref=ref)
        data = json.loads(row.data)
        if data.get("source") == "plan":
            if not _plan_still_valid(uow, data):
                raise Conflict(N_("Proposal {ref} is out of date: run binome plan again."), ref=ref)
        elif not _still_offered(uow, row.key):
            raise Conflict(N_("Proposal {ref} is out of date: run binome radar again."), ref=ref)
        changes = [
            Change(kind=ChangeKind(c["kind"]), target=c["target"], params=c["params"])
            for c in data["changes"]
        ]
        done = [apply_change(uow, change, lang=uow.lang) for change in changes]
        row.state, row.applied_at = "applied", to_db(uow.now)
        risk = uow.session.get(RiskRow, row.risk_id or 0)
        if risk is not None:
            risk.state, risk.dismissed_fingerprint = "resolved", risk.fingerprint
        uow.audit("proposal.apply", "proposal", str(row.id), data)
        return {
            "proposal": format_id("proposal", row.id),
            "risk": None if risk is None else format_id("risk", risk.id),
            "kind": data["kind"],
            "applied": done,
            "notices": [d["notice"] for d in done if d.get("notice")],
        }


def dismiss_risk(app: App, ref: str, *, reason: str) -> dict[str, Any]:
    """``binome dismiss R3 --reason TEXT``: hide the risk until its situation changes."""
    with unit_of_work(app) as uow:
        require_not_viewer(uow.actor)
        row = _risk_row(uow, ref)  # an unknown id answers 404 before a missing reason
        if not reason.strip():
            raise InvalidInput(N_("Say why with --reason."), field="reason")
        row.state, row.dismissed_fingerprint = "dismissed", row.fingerprint
        uow.audit("risk.dismiss", "risk", str(row.id), {"reason": reason.strip()})
        return {
            "id": format_id("risk", row.id),
            "kind": row.kind,
            "state": row.state,
            "reason": reason.strip(),
            "since": None if row.last_seen is None else from_db_opt(row.last_seen),
        }
