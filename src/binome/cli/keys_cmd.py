"""``binome key rotate``: a new encryption key for the workspace (principal only)."""

from __future__ import annotations

from typing import Annotated

import typer

from binome.cli.common import console, emit, g, lang_of

key = typer.Typer(help="The workspace encryption key.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(key, name="key")


@key.command("rotate")
def key_rotate(
    ctx: typer.Context,
    valid_days: Annotated[
        int | None, typer.Option(help="The new key expires after this many days.")
    ] = None,
) -> None:
    """Re-encrypt every confidential item with a new key; old keys are then retired.

    Example: binome key rotate --valid-days 365
    """
    from binome.app.keys import rotate_key
    from binome.i18n import render

    app = g(ctx).open_app()
    result = rotate_key(app, valid_days=valid_days)
    emit(
        ctx,
        result,
        lambda: console().print(
            render(
                "Key rotated to {key_id}: {rows} items re-encrypted.",
                lang_of(ctx, app),
                key_id=result["key_id"],
                rows=result["rows"],
            )
        ),
    )
