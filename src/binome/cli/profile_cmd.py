"""``binome profile show|set|import``: the principal's work style."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from binome.cli.common import console, emit, g, lang_of

if TYPE_CHECKING:
    from binome.app.profile import ProfileView

profile = typer.Typer(
    help="The principal's work style: hours, lunch, buffers, focus time, preferences.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(profile, name="profile")


@profile.command("show")
def profile_show(ctx: typer.Context) -> None:
    """Show the work style in plain words (the TOML keys with --json).

    Example: binome profile show ; binome profile show --json --lang en
    """
    from binome.app.profile import show_profile

    app = g(ctx).open_app()
    view = show_profile(app)
    _emit_view(ctx, view, lang_of(ctx, app), None)


@profile.command("set", context_settings={"ignore_unknown_options": True})
def profile_set(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="Dotted key, e.g. buffer_minutes, hours.fri.")],
    value: Annotated[str, typer.Argument(help="New value, e.g. 15, 08:30-17:00, wed-pm.")],
) -> None:
    """Change one key of the work style (validated; nothing changes on an invalid value).

    Example: binome profile set buffer_minutes 15 ; binome profile set hours.fri 08:30-16:00 ;
    binome profile set no_meeting wed-pm,fri-pm ; binome profile set travel.Part-Dieu 20
    """
    from binome.app.profile import set_profile_value

    app = g(ctx).open_app()
    view = set_profile_value(app, key, value)
    done = ("Work style updated: {key} = {value}.", {"key": key, "value": value})
    _emit_view(ctx, view, lang_of(ctx, app), done)


@profile.command("import")
def profile_import(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A TOML file (see examples/profil.toml).")],
) -> None:
    """Replace the work style with a TOML file; keys it omits take their defaults.

    Example: binome profile import examples/profil.toml
    """
    from binome.app.profile import import_profile
    from binome.domain.errors import N_, InvalidInput

    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(
            N_("Cannot read {file}: {detail}."), file=str(file), detail=type(exc).__name__
        ) from exc
    app = g(ctx).open_app()
    view = import_profile(app, text)
    done = ("Work style imported from {file}.", {"file": str(file)})
    _emit_view(ctx, view, lang_of(ctx, app), done)


def _emit_view(
    ctx: typer.Context, view: ProfileView, lang: str, done: tuple[str, dict[str, str]] | None
) -> None:
    from binome.present.slots import profile_lines, say

    def human() -> None:
        out = console()
        if done is not None:
            out.print(say(done[0], lang, **done[1]), markup=False)
        for line in profile_lines(view.lines, view.stored, lang):
            out.print(line, markup=False)

    emit(ctx, view.as_dict(), human)
