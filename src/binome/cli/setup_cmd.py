"""``binome init``: create the database and the workspace."""

from __future__ import annotations

from typing import Annotated

import typer

from binome.cli.common import console, emit, g


def register(app: typer.Typer) -> None:
    app.command("init")(init)


def init(
    ctx: typer.Context,
    principal: Annotated[str, typer.Option(help="The director's full name.")],
    email: Annotated[str, typer.Option(help="The director's e-mail.")],
    tz: Annotated[str, typer.Option(help="IANA time zone, e.g. Europe/Paris.")],
    lang: Annotated[str, typer.Option("--language", help="Workspace language: fr or en.")] = "fr",
    country: Annotated[str | None, typer.Option(help="ISO country for holidays, e.g. FR.")] = None,
    name: Annotated[
        str | None, typer.Option(help="Workspace name (default: the principal).")
    ] = None,
    login: Annotated[
        str | None, typer.Option(help="Principal's login (default: e-mail local part).")
    ] = None,
) -> None:
    """Create (or upgrade) the database and a workspace for a principal.

    Example: binome init --principal "Claire Martin" --email claire@example.fr --tz Europe/Paris
    """
    from binome.app.workspace import init_workspace
    from binome.i18n import check_lang, render

    glob = g(ctx)
    if glob.lang and lang == "fr":
        lang = glob.lang
    app = glob.open_app()
    result = init_workspace(
        app,
        principal=principal,
        email=email,
        tz=tz,
        lang=check_lang(lang),
        country=country.upper() if country else None,
        name=name,
        login=login,
    )
    out_lang = check_lang(glob.lang or lang)
    data = {
        "workspace": result.workspace.name,
        "principal": result.principal.email,
        "tz": result.workspace.tz,
        "lang": result.workspace.lang,
        "key_file": result.key_path,
    }

    def human() -> None:
        console().print(
            render(
                "Workspace {name} created for {principal} ({tz}).",
                out_lang,
                name=result.workspace.name,
                principal=result.principal.name,
                tz=result.workspace.tz,
            )
        )
        if result.key_path:
            console().print(
                render(
                    "Encryption key: {path} (keep it safe; mode 0600).",
                    out_lang,
                    path=result.key_path,
                )
            )

    emit(ctx, data, human)
