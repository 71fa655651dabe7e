"""``binome token create|list|revoke``: bearer tokens for the JSON API, per user.

The token is printed once, at creation; only its SHA-256 is stored, so it cannot be shown
again (create a new one and revoke the old one instead).
"""

from __future__ import annotations

from typing import Annotated

import typer

from binome.cli.common import console, emit, g, lang_of
from binome.cli.messages_fr import say

token = typer.Typer(help="API tokens (bearer) for the JSON API.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(token, name="token")


@token.command("create")
def token_create(
    ctx: typer.Context,
    name: Annotated[str, typer.Option(help="A label to recognise the token by.")] = "",
) -> None:
    """Create an API token for the acting user (--as) and print it once.

    Example: binome --as assistant token create --name laptop
    """
    from binome.app.sessions import create_api_token

    app = g(ctx).open_app()
    issued = create_api_token(app, name=name)
    lang = lang_of(ctx, app)
    data = {"id": issued.identity.token_id, "name": name, "token": issued.token}

    def human() -> None:
        console().print(
            say(lang, "Token {id} created. It is shown once; keep it safe:", id=data["id"])
        )
        console().print(issued.token, markup=False)

    emit(ctx, data, human)


@token.command("list")
def token_list(ctx: typer.Context) -> None:
    """List the acting user's API tokens (never the secrets). Example: binome token list"""
    from binome.app.sessions import list_api_tokens

    app = g(ctx).open_app()
    rows = list_api_tokens(app)
    lang = lang_of(ctx, app)

    def human() -> None:
        if not rows:
            console().print(say(lang, "No API token yet."))
        for r in rows:
            state = f" ({say(lang, 'revoked')})" if r["revoked"] else ""
            console().print(f"{r['id']}  {r['name']}  {r['created_at'][:16]}{state}", markup=False)

    emit(ctx, rows, human)


@token.command("revoke")
def token_revoke(
    ctx: typer.Context, ref: Annotated[str, typer.Argument(help="Token id or name.")]
) -> None:
    """Revoke an API token at once. Example: binome token revoke 3"""
    from binome.app.sessions import revoke_api_token

    app = g(ctx).open_app()
    result = revoke_api_token(app, ref)
    lang = lang_of(ctx, app)
    ids = ", ".join(str(i) for i in result["revoked"])
    emit(ctx, result, lambda: console().print(say(lang, "Revoked token(s): {ids}.", ids=ids)))
