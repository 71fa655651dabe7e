"""``binome event add|list`` and ``binome agenda``."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import typer

from binome.cli.common import console, emit, g, lang_of

event = typer.Typer(help="Calendar events.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(event, name="event")
    app.command("agenda")(agenda)


@event.command("add")
def event_add(
    ctx: typer.Context,
    title: Annotated[str, typer.Option(help="Title.")],
    start: Annotated[
        str,
        typer.Option(
            help="Start, ISO 8601 (zone = the principal's unless "
            "given); a date for an all-day event."
        ),
    ],
    end: Annotated[str, typer.Option(help="End (exclusive), ISO 8601.")],
    attendees: Annotated[str | None, typer.Option(help="E-mails, comma-separated.")] = None,
    location: Annotated[str | None, typer.Option(help="Place.")] = None,
    description: Annotated[str | None, typer.Option(help="Notes.")] = None,
    classification: Annotated[
        str, typer.Option(help="public|internal|confidential|secret")
    ] = "internal",
    flag: Annotated[list[str] | None, typer.Option(help="Flag, e.g. important.")] = None,
    rrule: Annotated[
        str | None, typer.Option(help="Recurrence (RFC 5545), e.g. FREQ=WEEKLY;BYDAY=MO.")
    ] = None,
    objective: Annotated[str | None, typer.Option(help="Objective id, e.g. O2.")] = None,
    kind: Annotated[
        str, typer.Option(help="meeting|focus|preparation|travel|personal")
    ] = "meeting",
) -> None:
    """Add an event.

    Example: binome event add --title "Comité" --start 2026-12-03T14:00 --end 2026-12-03T15:30
    """
    from binome.app.calendar import NewEvent, add_event
    from binome.app.settings import workspace_tz
    from binome.domain.errors import N_, InvalidInput
    from binome.domain.model import Classification, EventKind
    from binome.domain.timing import parse_date, parse_datetime, zone
    from binome.i18n import render

    app = g(ctx).open_app()
    tz = zone(workspace_tz(app))
    if len(start.strip()) == 10 and len(end.strip()) == 10:
        s: datetime | date = parse_date(start)
        e: datetime | date = parse_date(end)
    else:
        s, e = parse_datetime(start, tz), parse_datetime(end, tz)
    flags = {f.strip().lower() for f in flag or ()}
    unknown = flags - {"important"}
    if unknown:
        raise InvalidInput(N_("Unknown flag: {value} (important)."), value=", ".join(unknown))
    try:
        kind_value = EventKind(kind)
    except ValueError as exc:
        raise InvalidInput(N_("Unknown event kind: {value}."), value=kind) from exc
    new = NewEvent(
        title=title,
        start=s,
        end=e,
        attendees=[a.strip() for a in (attendees or "").split(",") if a.strip()],
        location=location,
        description=description,
        classification=Classification.parse(classification),
        important="important" in flags,
        rrule=rrule,
        objective=objective,
        kind=kind_value,
    )
    view = add_event(app, new)
    emit(
        ctx,
        view,
        lambda: console().print(
            render(
                "Event {id} added: {title}.", lang_of(ctx, app), id=view["id"], title=view["title"]
            )
        ),
    )


@event.command("list")
def event_list(
    ctx: typer.Context,
    from_: Annotated[str | None, typer.Option("--from", help="Start (ISO date or time).")] = None,
    to: Annotated[str | None, typer.Option("--to", help="End (ISO date or time).")] = None,
) -> None:
    """List events (occurrences) between two dates. Example: binome event list --from 2026-12-01"""
    show(ctx, None, from_, to)


def agenda(
    ctx: typer.Context,
    what: Annotated[str | None, typer.Argument(help="today | tomorrow | week | YYYY-MM-DD")] = None,
    from_: Annotated[str | None, typer.Option("--from", help="Start (ISO date or time).")] = None,
    to: Annotated[str | None, typer.Option("--to", help="End (ISO date or time).")] = None,
) -> None:
    """The agenda: times in the principal's zone, remote participants' local times beside.

    Example: binome agenda today ; binome agenda week --json ;
    binome agenda --from 2026-12-01 --to 2026-12-31
    """
    show(ctx, what, from_, to)


def show(ctx: typer.Context, what: str | None, start: str | None, end: str | None) -> None:
    from binome.app.calendar import agenda as agenda_case
    from binome.app.calendar import agenda_lines_of
    from binome.cli.fast import print_agenda

    app = g(ctx).open_app()
    read = agenda_case if g(ctx).json else agenda_lines_of
    result = read(app, what=what, start=start, end=end)
    print_agenda(result, lang_of(ctx, app), as_json=g(ctx).json)
