"""``binome import FILE.ics`` and ``binome export``: iCalendar in and out of the store."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer

from binome.cli.common import console, emit, g, lang_of
from binome.domain.errors import N_

PROGRESS_FROM = 500  # events: below this a progress bar is only noise


def register(app: typer.Typer) -> None:
    app.command("import")(import_file)
    app.command("export")(export_file)


def import_file(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The .ics file.")],
    calendar: Annotated[
        str | None, typer.Option(help="Calendar name (default: the file's, or its stem).")
    ] = None,
    owner: Annotated[
        str | None, typer.Option(help="Import as this colleague's busy time (e-mail).")
    ] = None,
    prune: Annotated[bool, typer.Option(help="Delete events removed upstream.")] = False,
    strict: Annotated[
        bool,
        typer.Option(help="All or nothing: refuse the whole file at its first bad component."),
    ] = False,
    max_size: Annotated[
        int | None,
        typer.Option(min=1, help="Refuse files larger than this many bytes (default 20 MB)."),
    ] = None,
    max_occurrences: Annotated[
        int | None,
        typer.Option(
            min=1, help="Refuse files whose series index more occurrences (default 2,000,000)."
        ),
    ] = None,
) -> None:
    """Import an iCalendar file; importing it again changes nothing.

    A bad component is skipped and reported with its line; with --strict the whole file
    is refused instead and nothing changes. --max-size and --max-occurrences change the
    budgets a file must fit (refused in one line, nothing changed, when it does not).

    Example: binome import agenda.ics --calendar Travail ;
    binome import paul.ics --owner paul@example.com
    """
    from binome.app.calendars import import_calendar
    from binome.domain.errors import InvalidInput
    from binome.sources.ical import Limits

    app = g(ctx).open_app()
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise InvalidInput(
            N_("Cannot read {file}: {problem}."), file=str(file), problem=exc.strerror or ""
        ) from exc
    limits = Limits()
    if max_size is not None:
        limits = replace(limits, max_bytes=max_size)
    if max_occurrences is not None:
        limits = replace(limits, max_total_instances=max_occurrences)

    def run(progress: Any = None) -> dict[str, Any]:
        return import_calendar(
            app,
            data,
            name=file.name,
            calendar=calendar,
            owner=owner,
            prune=prune,
            limits=limits,
            progress=progress,
            strict=strict,
        )

    if g(ctx).json or len(data) < 50_000:
        summary = run()
    else:
        from rich.progress import Progress

        with Progress(console=console(), transient=True) as bar:
            task = bar.add_task(file.name, total=None)

            def step(done: int, total: int) -> None:
                if done % 200 == 0 or done == total:
                    bar.update(task, completed=done, total=total)

            summary = run(step)
    emit(ctx, summary, lambda: _print_summary(summary, lang_of(ctx, app)))


def _print_summary(s: dict[str, Any], lang: str) -> None:
    from binome.i18n import render

    out = console()
    out.print(
        render(
            "{file} → {calendar}: {created} created, {updated} updated, {unchanged} unchanged, "
            "{removed} removed upstream, {conflicts} conflicts, {skipped} skipped.",
            lang,
            file=s["file"],
            calendar=s["calendar"],
            created=s["created"],
            updated=s["updated"],
            unchanged=s["unchanged"],
            removed=len(s["removed_upstream"]),
            conflicts=len(s["conflicts"]),
            skipped=len(s["skipped"]),
        ),
        markup=False,
        highlight=False,
    )
    for item in s["conflicts"]:
        out.print(
            render(
                "Conflict: {uid} was edited in binome; the file's version is in {where}.",
                lang,
                uid=item["uid"],
                where=item["kept_in"],
            ),
            markup=False,
            highlight=False,
        )
    for item in s["skipped"]:
        out.print(
            render(
                "Skipped (line {line}): {reason}", lang, line=item["line"], reason=item["reason"]
            ),
            markup=False,
            highlight=False,
        )
    if s["pruned"]:
        out.print(
            render("{count} events removed upstream were deleted.", lang, count=s["pruned"]),
            markup=False,
        )
    for warning in s["warnings"][:20]:
        out.print(warning, markup=False, highlight=False)


def export_file(
    ctx: typer.Context,
    from_: Annotated[str | None, typer.Option("--from", help="Start (ISO date or time).")] = None,
    to: Annotated[str | None, typer.Option("--to", help="End (ISO date or time).")] = None,
    calendar: Annotated[str | None, typer.Option(help="Only this calendar.")] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to this file.")
    ] = None,
) -> None:
    """Export events as an iCalendar file (series stay series; what you may not read is
    exported as busy time only).

    Example: binome export --from 2026-12-01 --to 2026-12-31 -o december.ics
    """
    from binome.app.calendar_export import export_calendar

    app = g(ctx).open_app()
    data = export_calendar(app, start=from_, end=to, calendar=calendar)
    if output is None:
        sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()
    else:
        output.write_bytes(data)
