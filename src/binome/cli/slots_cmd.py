"""``binome slots``: the best times to meet, ranked and explained, or why there are none."""

from __future__ import annotations

from typing import Annotated

import typer

from binome.cli.common import console, emit, g, lang_of


def register(app: typer.Typer) -> None:
    app.command("slots")(slots)


def slots(
    ctx: typer.Context,
    with_: Annotated[
        str, typer.Option("--with", help="E-mails of the other participants, comma-separated.")
    ],
    duration: Annotated[str, typer.Option(help="Length of the meeting: 45m, 1h30, 2h.")],
    within: Annotated[
        str | None,
        typer.Option(
            help="A period in words: today, tomorrow, this week, next week, in two weeks, "
            "next 10 days, demain, cette semaine, la semaine prochaine..."
        ),
    ] = None,
    from_: Annotated[
        str | None, typer.Option("--from", help="Start of the window (ISO date or time).")
    ] = None,
    to: Annotated[str | None, typer.Option("--to", help="End of the window (ISO).")] = None,
    kind: Annotated[
        str | None,
        typer.Option(help="external | 1on1 | lunch | call (also 1:1, déjeuner, appel...)."),
    ] = None,
    count: Annotated[int, typer.Option(help="How many slots (1-50).")] = 5,
    location: Annotated[
        str | None, typer.Option(help="Where, when off-site (travel time is kept).")
    ] = None,
) -> None:
    """Find the best slots with people, in everyone's working hours and local time.

    Without --within or --from/--to, the next 14 days are searched.

    Example: binome slots --with paul@example.com,mei@example.sg --duration 45m
    --within "next week" --kind call
    """
    from binome.app.slots import suggest_slots
    from binome.present.slots import slot_lines, slots_json

    app = g(ctx).open_app()
    answer = suggest_slots(
        app,
        emails=[e for e in with_.split(",") if e.strip()],
        duration=duration,
        within=within,
        start=from_,
        end=to,
        kind=kind,
        count=count,
        location=location,
    )
    lang = lang_of(ctx, app)

    def human() -> None:
        out = console()
        for line in slot_lines(answer, lang):
            out.print(line, markup=False)

    emit(ctx, slots_json(answer, lang), human)
