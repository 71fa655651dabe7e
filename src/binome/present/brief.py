"""The brief on paper: terminal text (Rich), Markdown, HTML and PDF, in French or English.

One function, ``blocks``, decides what the director reads and in which order (title, the
day's agenda, priorities, decisions, commitments, risks only when there are some, the week);
each format only lays those blocks out. The brief arrives already masked (``app.brief``), so
nothing here decides confidentiality: a masked agenda item is written "Occupé"/"Busy".
HTML is escaped by Jinja2's autoescape (SECURITY.md row 37) and carries inline CSS only,
so the file is self-contained and readable on a phone. The PDF embeds DejaVu Sans when the
system has it (Debian ``fonts-dejavu-core``), else uses a core font with text transliterated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from binome.app.brief import Brief
from binome.domain.errors import N_
from binome.domain.timing import zone
from binome.i18n import format_day, format_span, format_time, render
from binome.present.agenda import ALL_DAY, BUSY, remote_note

Kind = Literal["title", "subtitle", "heading", "event", "item", "detail", "note"]


@dataclass(frozen=True, slots=True)
class Block:
    """One line of the brief. ``lead`` is the time column of an agenda line."""

    kind: Kind
    text: str
    lead: str = ""
    detail: str = ""


def tr(lang: str, msgid: str, **params: Any) -> str:
    """``render`` from the one catalogue (this module's ``FR`` is folded into it)."""
    return render(msgid, lang, **params)


def _when(iso: str, lang: str, tz: str, today: date) -> str:
    value = datetime.fromisoformat(iso).astimezone(zone(tz))
    day = value.date()
    label = {"fr": "aujourd'hui", "en": "today"}[lang] if day == today else format_day(day, lang)
    return f"{label} {format_time(value, lang)}"


def _time_range(item: dict[str, Any], lang: str) -> str:
    if item["all_day"]:
        return tr(lang, ALL_DAY)
    start, end = datetime.fromisoformat(item["start"]), datetime.fromisoformat(item["end"])
    return f"{format_time(start, lang)}–{format_time(end, lang)}"


def agenda_blocks(brief: Brief) -> list[Block]:
    lang = brief.lang
    out: list[Block] = []
    for item in brief.agenda:
        if item.get("masked"):
            out.append(Block("event", tr(lang, BUSY), lead=_time_range(item, lang)))
            continue
        detail = f" · {item['location']}" if item.get("location") else ""
        remote = remote_note(item, lang)
        if remote:
            detail += f"  [{remote}]"
        out.append(Block("event", str(item.get("title") or ""), _time_range(item, lang), detail))
    return out


def priority_blocks(brief: Brief) -> list[Block]:
    lang, out = brief.lang, []
    for rank, task in enumerate(brief.priorities, start=1):
        facts = []
        if task.get("due"):
            when = _when(task["due"], lang, brief.tz, brief.day)
            due = tr(lang, N_("due {when}"), when=when)
            facts.append(f"{tr(lang, N_('overdue'))}, {due}" if task.get("overdue") else due)
        facts.append(format_span_minutes(task["estimate_minutes"], lang))
        if task.get("objective"):
            facts.append(task["objective"])
        if task.get("blocked_by"):
            facts.append(tr(lang, N_("waits for {ids}"), ids=", ".join(task["blocked_by"])))
        out.append(Block("item", f"{rank}. {task['title']}", detail=" · ".join(facts)))
    return out


def format_span_minutes(minutes: int, lang: str) -> str:
    from datetime import timedelta

    return format_span(timedelta(minutes=minutes), lang)


def decision_blocks(brief: Brief) -> list[Block]:
    lang, out = brief.lang, []
    for d in brief.decisions:
        if d["kind"] == "request":
            out.append(
                Block("item", f"{d['id']} " + tr(lang, N_("To confirm: {what}"), what=d["what"]))
            )
            if d.get("question"):
                out.append(
                    Block("detail", tr(lang, N_("Question: {question}"), question=d["question"]))
                )
            for n, option in enumerate(d.get("options") or (), start=1):
                out.append(Block("detail", f"{n}) {_option(option, lang, brief)}"))
        else:
            text = tr(lang, N_("Late: {what}"), what=d["what"])
            when = _when(d["due"], lang, brief.tz, brief.day)
            detail = tr(lang, N_("was due {when}, to {to}"), when=when, to=d["to_name"] or d["to"])
            out.append(Block("item", f"{d['id']} {text}", detail=detail))
    return out


def _option(option: dict[str, Any], lang: str, brief: Brief) -> str:
    if "start" not in option:
        return str(option.get("label") or option)
    tz = zone(brief.tz)
    start = datetime.fromisoformat(option["start"]).astimezone(tz)
    text = f"{format_day(start.date(), lang)} {format_time(start, lang)}"
    if option.get("end"):
        text += f"–{format_time(datetime.fromisoformat(option['end']), lang, tz)}"
    return f"{text} — {option['reason']}" if option.get("reason") else text


def commitment_blocks(brief: Brief) -> list[Block]:
    lang, out = brief.lang, []
    for c in brief.commitments:
        if c["status"] == "late":
            continue  # already under "Decisions needed"
        when = _when(c["due"], lang, brief.tz, brief.day)
        text = tr(
            lang,
            N_("{what} — due {when}, to {to}"),
            what=c["what"],
            when=when,
            to=c["to_name"] or c["to"],
        )
        out.append(Block("item", f"{c['id']} {text}"))
    return out


def week_blocks(brief: Brief) -> list[Block]:
    week, lang = brief.week, brief.lang
    if week is None:
        return []
    out = [
        Block("heading", tr(lang, N_("The week"))),
        Block(
            "item",
            tr(
                lang,
                N_("Meetings: {count} ({hours})"),
                count=week.meetings,
                hours=format_span_minutes(week.meeting_minutes, lang)
                if week.meeting_minutes
                else "0",
            ),
        ),
        Block(
            "item",
            tr(
                lang,
                N_("Commitments: {on_time} kept on time, {kept_late} kept late, {late} late"),
                on_time=week.kept_on_time,
                kept_late=week.kept_late,
                late=week.late,
            ),
        ),
    ]
    if week.reliability is not None:
        percent = round(week.reliability * 100)
        out.append(Block("item", tr(lang, N_("Reliability: {percent} %"), percent=percent)))
    out.append(Block("item", tr(lang, N_("Tasks done: {count}"), count=len(week.tasks_done))))
    out += [Block("detail", f"{v['id']} {v['title']}") for v in week.tasks_done]
    return out


def blocks(brief: Brief) -> list[Block]:
    """Everything the brief says, in reading order."""
    lang = brief.lang
    day = format_day(brief.day, lang)
    title = (
        tr(lang, N_("Weekly review — week of {day}"), day=format_day(brief.week.first_day, lang))
        if brief.week is not None
        else tr(lang, N_("Morning brief — {day}"), day=day)
    )
    role = tr(lang, brief.reader_role)
    out = [
        Block("title", title),
        Block(
            "subtitle",
            tr(
                lang,
                N_("{principal} · {tz} · read by {reader} ({role})"),
                principal=brief.principal,
                tz=brief.tz,
                reader=brief.reader,
                role=role,
            ),
        ),
        Block("heading", tr(lang, N_("Today")) + f" — {day}"),
    ]
    out += agenda_blocks(brief) or [Block("note", tr(lang, N_("Nothing in the agenda.")))]
    out += week_blocks(brief)
    out.append(Block("heading", tr(lang, N_("Priorities"))))
    out += priority_blocks(brief) or [Block("note", tr(lang, N_("No open task.")))]
    out.append(Block("heading", tr(lang, N_("Decisions needed"))))
    out += decision_blocks(brief) or [Block("note", tr(lang, N_("Nothing to decide.")))]
    commitments = commitment_blocks(brief)
    if commitments:
        out.append(Block("heading", tr(lang, N_("Commitments this week"))))
        out += commitments
    if brief.risks:  # nothing at all until the radar provides risks: no placeholder
        out.append(Block("heading", tr(lang, N_("Risks"))))
        out += [Block("item", str(r.get("summary") or r.get("title") or ""), detail=_fix(r))
                for r in brief.risks]  # fmt: skip
    if brief.hidden:
        out.append(
            Block(
                "note", tr(lang, N_("{count} confidential item(s) not shown."), count=brief.hidden)
            )
        )
    return out


def _fix(risk: dict[str, Any]) -> str:
    """A risk's best proposal and its id, ready for ``binome apply``."""
    proposals = risk.get("proposals") or []
    if not proposals:
        return ""
    return f"{proposals[0]['summary']} ({proposals[0]['id']})"


# -- formats -------------------------------------------------------------------------


def text_lines(brief: Brief) -> list[tuple[str, str]]:
    """(Rich style, plain line) pairs for the terminal; lines carry no markup."""
    styles = {"title": "bold", "subtitle": "dim", "heading": "bold cyan", "note": "dim"}
    lines: list[tuple[str, str]] = []
    for b in blocks(brief):
        if b.kind == "heading":
            lines.append(("", ""))
        lines.append((styles.get(b.kind, ""), plain(b)))
    return lines


def plain(b: Block) -> str:
    """A block as one line of plain text (the terminal and PDF layout)."""
    if b.kind == "event":
        return f"  {b.lead:<15} {b.text}{b.detail}"
    if b.kind == "item":
        return f"  {b.text}" + (f" — {b.detail}" if b.detail else "")
    if b.kind in ("detail", "note"):
        return f"     {b.text}" if b.kind == "detail" else f"  {b.text}"
    return b.text


def to_text(brief: Brief) -> str:
    return "\n".join(line for _, line in text_lines(brief)) + "\n"


def to_markdown(brief: Brief) -> str:
    out: list[str] = []
    for b in blocks(brief):
        text = _md_escape(b.text)
        if b.kind == "title":
            out += [f"# {text}", ""]
        elif b.kind == "subtitle":
            out += [f"_{text}_", ""]
        elif b.kind == "heading":
            out += ["", f"## {text}", ""]
        elif b.kind == "event":
            out.append(f"- **{b.lead}** {text}{_md_escape(b.detail)}")
        elif b.kind == "item":
            out.append(f"- {text}" + (f" — {_md_escape(b.detail)}" if b.detail else ""))
        elif b.kind == "detail":
            out.append(f"    - {text}")
        else:
            out.append(f"_{text}_")
    return "\n".join(out) + "\n"


def _md_escape(text: str) -> str:
    for ch in ("\\", "*", "_", "`", "<", ">", "[", "]"):
        text = text.replace(ch, "\\" + ch)
    return text


_HTML = """<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>
body{font:16px/1.45 -apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1d232a;
max-width:42rem;margin:0 auto;padding:1rem;background:#fff}
h1{font-size:1.35rem;margin:.2rem 0}h2{font-size:1.05rem;margin:1.3rem 0 .4rem;
color:#0b5d73;border-bottom:1px solid #d5e3e8;padding-bottom:.2rem}
.sub,.note{color:#66707a;font-size:.9rem}ul{list-style:none;padding:0;margin:0}
li{padding:.25rem 0}.lead{display:inline-block;min-width:7.5rem;font-variant-numeric:tabular-nums;
color:#0b5d73;font-weight:600}.detail{color:#66707a}.sub-item{padding-left:1.5rem;color:#3b444d}
@media (max-width:30rem){.lead{display:block;min-width:0}}
</style></head><body>
{% for b in head %}
{% if b.kind == "title" %}<h1>{{ b.text }}</h1>
{% else %}<p class="sub">{{ b.text }}</p>
{% endif %}
{% endfor %}
{% for heading, items in sections %}
<section><h2>{{ heading }}</h2><ul>
{% for b in items %}
{% if b.kind == "event" %}<li><span class="lead">{{ b.lead }}</span> {{ b.text }}\
<span class="detail">{{ b.detail }}</span></li>
{% elif b.kind == "item" %}<li>{{ b.text }}{% if b.detail %} <span class="detail">— \
{{ b.detail }}</span>{% endif %}</li>
{% elif b.kind == "detail" %}<li class="sub-item">{{ b.text }}</li>
{% else %}<li class="note">{{ b.text }}</li>
{% endif %}
{% endfor %}
</ul></section>
{% endfor %}
</body></html>
"""


def to_html(brief: Brief) -> str:
    from jinja2 import Environment

    env = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    items = blocks(brief)
    head = [b for b in items if b.kind in ("title", "subtitle")]
    sections: list[tuple[str, list[Block]]] = []
    for b in items:
        if b.kind == "heading":
            sections.append((b.text, []))
        elif b.kind not in ("title", "subtitle"):
            if not sections:
                sections.append(("", []))
            sections[-1][1].append(b)
    return env.from_string(_HTML).render(
        lang=brief.lang, title=head[0].text, head=head, sections=sections
    )


FORMATS = ("text", "md", "html", "pdf")


def render_brief(brief: Brief, fmt: str) -> str | bytes:
    """The brief in ``fmt`` (text, md, html: str; pdf: bytes)."""
    if fmt == "pdf":
        from binome.present.brief_pdf import to_pdf

        return to_pdf(brief)
    return {"text": to_text, "md": to_markdown, "html": to_html}[fmt](brief)


__all__: Sequence[str] = (
    "FORMATS",
    "Block",
    "blocks",
    "plain",
    "render_brief",
    "text_lines",
    "to_html",
    "to_markdown",
    "to_text",
    "tr",
)
