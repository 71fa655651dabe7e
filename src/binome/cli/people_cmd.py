"""``binome person add|list`` and ``binome objective add|list``."""

from __future__ import annotations

from typing import Annotated

import typer

from binome.cli.common import console, emit, g, lang_of

person = typer.Typer(help="People the pair works with.", no_args_is_help=True)
objective = typer.Typer(help="Strategic objectives and their weights.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(person, name="person")
    app.add_typer(objective, name="objective")


@person.command("add")
def person_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Option(help="Full name.")],
    email: Annotated[str, typer.Option(help="E-mail address (their identity).")],
    tz: Annotated[str | None, typer.Option(help="IANA time zone, e.g. America/New_York.")] = None,
    country: Annotated[str | None, typer.Option(help="ISO country code for holidays.")] = None,
    hours: Annotated[str | None, typer.Option(help="Working hours, e.g. 09:00-18:00.")] = None,
    vip: Annotated[bool, typer.Option(help="Mark as VIP.")] = False,
    organization: Annotated[str | None, typer.Option(help="Company or team.")] = None,
    nickname: Annotated[list[str] | None, typer.Option(help="Another name they go by.")] = None,
) -> None:
    """Add a person.

    Example: binome person add --name "Paul Durand" --email paul@example.com --tz Europe/Paris
    """
    from binome.app.items import add_person
    from binome.i18n import render

    app = g(ctx).open_app()
    view = add_person(
        app,
        name=name,
        email=email,
        tz=tz,
        country=country,
        hours=hours,
        vip=vip,
        organization=organization,
        nicknames=tuple(nickname or ()),
    )
    emit(
        ctx,
        view,
        lambda: console().print(
            render(
                "Added {name} <{email}>.", lang_of(ctx, app), name=view["name"], email=view["email"]
            )
        ),
    )


@person.command("list")
def person_list(ctx: typer.Context) -> None:
    """List people. Example: binome person list --json"""
    from rich.table import Table

    from binome.app.items import list_people
    from binome.i18n import t

    app = g(ctx).open_app()
    people = list_people(app)
    lang = lang_of(ctx, app)

    def human() -> None:
        table = Table(box=None, pad_edge=False)
        for col in ("Name", "E-mail", "Time zone", "Hours", "VIP"):
            table.add_column(t(lang, col))
        for p in people:
            table.add_row(p["name"], p["email"], p["tz"] or "", p["hours"], "★" if p["vip"] else "")
        console().print(table)

    emit(ctx, people, human)


@objective.command("add")
def objective_add(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="What the objective is.")],
    weight: Annotated[int, typer.Option(help="Relative weight, 1-100.")],
    classification: Annotated[
        str, typer.Option(help="public|internal|confidential|secret")
    ] = "internal",
) -> None:
    """Add a strategic objective. Example: binome objective add "Lever 20 M€" --weight 30"""
    from binome.app.items import add_objective
    from binome.domain.model import Classification
    from binome.i18n import render

    app = g(ctx).open_app()
    view = add_objective(
        app, title=title, weight=weight, classification=Classification.parse(classification)
    )
    emit(
        ctx,
        view,
        lambda: console().print(render("Objective {id} added.", lang_of(ctx, app), id=view["id"])),
    )


@objective.command("list")
def objective_list(ctx: typer.Context) -> None:
    """List objectives by weight. Example: binome objective list"""
    from rich.table import Table

    from binome.app.items import list_objectives
    from binome.i18n import t

    app = g(ctx).open_app()
    items = list_objectives(app)
    lang = lang_of(ctx, app)

    def human() -> None:
        table = Table(box=None, pad_edge=False)
        for col in ("ID", "Objective", "Weight"):
            table.add_column(t(lang, col))
        for o in items:
            table.add_row(o["id"], o["title"] or t(lang, "(restricted)"), str(o["weight"]))
        console().print(table)

    emit(ctx, items, human)
