"""``binome plan [--horizon 2w] [--apply] [--json]``: task blocks in free time, late tasks."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from binome.cli.common import console, emit, g, lang_of

SHOWN = 4  # alternatives listed per late task on screen; --json has them all


def register(app: typer.Typer) -> None:
    app.command("plan")(plan)


def _human(view: dict[str, Any], lang: str) -> None:
    from datetime import datetime

    from binome.app.wording import say
    from binome.i18n import format_datetime, format_time

    out = console()
    start, end = datetime.fromisoformat(view["from"]), datetime.fromisoformat(view["to"])
    out.print(
        say(
            "Plan from {start} to {end}: {count} blocks.",
            lang,
            start=start,
            end=end,
            count=len(view["blocks"]),
        )
    )
    if view["status"] == "optimal":
        out.print(say("Proven optimal.", lang))
    elif view["status"] == "feasible":
        out.print(
            say("Best plan found; gap to the bound {gap} %.", lang, gap=round(view["gap"] * 100, 1))
        )
    else:
        out.print(say("No plan found within the time limit.", lang))
    for block in view["blocks"]:
        b_start, b_end = (
            datetime.fromisoformat(block["start"]),
            datetime.fromisoformat(block["end"]),
        )
        marks = [say("focus", lang)] if block["focus"] else []
        if block["owner"] == "assistant":
            marks.append(say("assistant", lang))
        title = block["title"] or say("(hidden)", lang)
        suffix = f" ({', '.join(marks)})" if marks else ""
        out.print(
            f"  {format_datetime(b_start, lang)}–{format_time(b_end, lang)}  "
            f"{block['task_id']} {title}{suffix}",
            markup=False,
        )
    for late in view["late"]:
        out.print(
            say(
                "Late: {id} “{title}”, due {due}: {reason}.",
                lang,
                id=late["task_id"],
                title=late["title"] or say("(hidden)", lang),
                due=datetime.fromisoformat(late["due"]),
                reason=late["reason"],
            ),
            markup=False,
        )
        for alt in late["alternatives"][:SHOWN]:
            out.print(f"    {alt['id']}  {alt['summary']} — {alt['explanation']}", markup=False)
        if len(late["alternatives"]) > SHOWN:
            more = len(late["alternatives"]) - SHOWN
            out.print("    " + say("… and {count} more (--json).", lang, count=more))
    changes = view.get("changes")
    if changes is not None:
        out.print(
            say(
                "Applied: {created} created, {moved} moved, {removed} removed, {kept} kept.",
                lang,
                **changes,
            )
        )
    elif view["blocks"]:
        out.print(say("Not applied: run again with --apply to write the blocks.", lang))


def plan(
    ctx: typer.Context,
    horizon: Annotated[str, typer.Option(help="How far ahead: 3d, 2w, 1w...")] = "2w",
    apply: Annotated[
        bool, typer.Option("--apply", help="Write the blocks to the calendar.")
    ] = False,
    time_limit: Annotated[float, typer.Option(help="Solver time limit, seconds.")] = 2.0,
) -> None:
    """Place open tasks in free time before their deadlines; list late tasks and alternatives.

    Example: binome plan --horizon 2w --apply
    """
    from binome.app.planning import plan_tasks

    app = g(ctx).open_app()
    view = plan_tasks(app, horizon=parse_horizon(horizon), apply=apply, time_limit_s=time_limit)
    emit(ctx, view, lambda: _human(view, lang_of(ctx, app)))


def parse_horizon(text: str) -> Any:
    """``2w``/``14d`` (weeks and days), else any duration ``parse_duration`` reads."""
    import re
    from datetime import timedelta

    from binome.domain.timing import parse_duration

    match = re.fullmatch(r"\s*(\d{1,3})\s*([wWdDjJsS])\s*", text)
    if match:
        count, unit = int(match.group(1)), match.group(2).lower()
        return timedelta(weeks=count) if unit in "ws" else timedelta(days=count)
    return parse_duration(text)
