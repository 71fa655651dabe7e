"""``binome task add|list|done`` and ``binome commitment add|list|done``."""

from __future__ import annotations

from typing import Annotated

import typer

from binome.cli.common import console, emit, g, lang_of

task = typer.Typer(help="Tasks: work with an estimate and a due date.", no_args_is_help=True)
commitment = typer.Typer(help="Commitments: promises with a due date.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(task, name="task")
    app.add_typer(commitment, name="commitment")


def _tz(app: object) -> object:
    from binome.app.settings import workspace_tz
    from binome.domain.timing import zone

    return zone(workspace_tz(app))  # type: ignore[arg-type]


@task.command("add")
def task_add(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="What has to be done.")],
    estimate: Annotated[str, typer.Option(help="Duration, e.g. 45m, 1h30, 2h.")],
    due: Annotated[str | None, typer.Option(help="Due, ISO 8601.")] = None,
    objective: Annotated[str | None, typer.Option(help="Objective id, e.g. O2.")] = None,
    priority: Annotated[str, typer.Option(help="high|medium|low")] = "medium",
    owner: Annotated[str, typer.Option(help="principal|assistant")] = "principal",
    after: Annotated[list[str] | None, typer.Option(help="Depends on task id.")] = None,
    earliest: Annotated[str | None, typer.Option(help="Not before, ISO 8601.")] = None,
    no_split: Annotated[bool, typer.Option("--no-split", help="Do it in one block.")] = False,
    min_chunk: Annotated[str, typer.Option(help="Smallest block when split.")] = "30m",
    waiting_on: Annotated[str | None, typer.Option(help="E-mail of who we wait for.")] = None,
    classification: Annotated[
        str, typer.Option(help="public|internal|confidential|secret")
    ] = "internal",
) -> None:
    """Add a task.

    Example: binome task add "Préparer le comité" --estimate 2h --due 2026-12-03T09:00
    """
    from binome.app.items import add_task
    from binome.domain.model import Classification, Priority
    from binome.domain.timing import parse_datetime, parse_duration
    from binome.i18n import render

    app = g(ctx).open_app()
    tz = _tz(app)
    view = add_task(
        app,
        title=title,
        estimate=parse_duration(estimate),
        due=parse_datetime(due, tz) if due else None,  # type: ignore[arg-type]
        objective=objective,
        priority=Priority.parse(priority),
        owner=owner,
        depends_on=tuple(after or ()),
        earliest_start=parse_datetime(earliest, tz) if earliest else None,  # type: ignore[arg-type]
        splittable=not no_split,
        min_chunk=parse_duration(min_chunk),
        waiting_on=waiting_on,
        classification=Classification.parse(classification),
    )
    emit(
        ctx,
        view,
        lambda: console().print(render("Task {id} added.", lang_of(ctx, app), id=view["id"])),
    )


@task.command("list")
def task_list(
    ctx: typer.Context,
    all_: Annotated[bool, typer.Option("--all", help="Include done tasks.")] = False,
) -> None:
    """List open tasks. Example: binome task list --json"""
    from rich.table import Table

    from binome.app.items import list_tasks
    from binome.i18n import t

    app = g(ctx).open_app()
    tasks = list_tasks(app, include_done=all_)
    lang = lang_of(ctx, app)

    def human() -> None:
        table = Table(box=None, pad_edge=False)
        for col in ("ID", "Task", "Estimate", "Due", "Priority"):
            table.add_column(t(lang, col))
        for item in tasks:
            table.add_row(
                item["id"],
                item["title"] or t(lang, "Busy"),
                item["estimate"],
                (item["due"] or "")[:16].replace("T", " "),
                t(lang, item.get("priority") or ""),
            )
        console().print(table)

    emit(ctx, tasks, human)


@task.command("done")
def task_done(
    ctx: typer.Context, ref: Annotated[str, typer.Argument(help="Task id, e.g. T3.")]
) -> None:
    """Mark a task done. Example: binome task done T3"""
    from binome.app.items import complete_task
    from binome.i18n import render

    app = g(ctx).open_app()
    view = complete_task(app, ref)
    emit(
        ctx,
        view,
        lambda: console().print(render("Task {id} done.", lang_of(ctx, app), id=view["id"])),
    )


@commitment.command("add")
def commitment_add(
    ctx: typer.Context,
    what: Annotated[str, typer.Argument(help="What was promised.")],
    to: Annotated[str, typer.Option(help="E-mail of the person it is owed to.")],
    due: Annotated[str, typer.Option(help="Due, ISO 8601.")],
    owner: Annotated[
        str | None, typer.Option(help="E-mail of who promised (default: the principal).")
    ] = None,
    classification: Annotated[
        str, typer.Option(help="public|internal|confidential|secret")
    ] = "internal",
) -> None:
    """Record a commitment.

    Example: binome commitment add "Envoyer le budget" --to paul@x.fr --due 2026-12-04
    """
    from binome.app.items import add_commitment
    from binome.domain.model import Classification
    from binome.domain.timing import parse_datetime
    from binome.i18n import render

    app = g(ctx).open_app()
    view = add_commitment(
        app,
        what=what,
        to=to,
        due=parse_datetime(due, _tz(app)),  # type: ignore[arg-type]
        owner=owner,
        classification=Classification.parse(classification),
    )
    emit(
        ctx,
        view,
        lambda: console().print(
            render("Commitment {id} recorded.", lang_of(ctx, app), id=view["id"])
        ),
    )


@commitment.command("list")
def commitment_list(ctx: typer.Context) -> None:
    """List commitments with their status (open, late, kept...). Example: binome commitment list"""
    from rich.table import Table

    from binome.app.items import list_commitments
    from binome.i18n import t

    app = g(ctx).open_app()
    items = list_commitments(app)
    lang = lang_of(ctx, app)

    def human() -> None:
        table = Table(box=None, pad_edge=False)
        for col in ("ID", "Commitment", "To", "Due", "Status"):
            table.add_column(t(lang, col))
        for c in items:
            table.add_row(
                c["id"],
                c["what"] or t(lang, "Busy"),
                c.get("to") or "",
                c["due"][:16].replace("T", " "),
                t(lang, c["status"]),
            )
        console().print(table)

    emit(ctx, items, human)


@commitment.command("done")
def commitment_done(
    ctx: typer.Context, ref: Annotated[str, typer.Argument(help="Commitment id, e.g. C2.")]
) -> None:
    """Mark a commitment kept. Example: binome commitment done C2"""
    from binome.app.items import complete_commitment
    from binome.i18n import render

    app = g(ctx).open_app()
    view = complete_commitment(app, ref)
    emit(
        ctx,
        view,
        lambda: console().print(render("Commitment {id} kept.", lang_of(ctx, app), id=view["id"])),
    )
