"""``binome user add|list|disable``, ``binome grant``, ``binome revoke``, ``binome grants``.

A password is only ever read from stdin (``--password-stdin``), never from argv (where
``ps`` and shell history would show it), and never printed.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from binome.cli.common import console, emit, g, lang_of

user = typer.Typer(help="People who use binome and their roles.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(user, name="user")
    app.command("grant")(grant_cmd)
    app.command("revoke")(revoke_cmd)
    app.command("grants")(grants_cmd)


@user.command("add")
def user_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Login name.")],
    email: Annotated[str, typer.Option(help="E-mail address.")],
    role: Annotated[str, typer.Option(help="assistant|backup|viewer")],
    clearance: Annotated[
        str | None, typer.Option(help="public|internal|confidential|secret (default: by role)")
    ] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin (one line).")
    ] = False,
) -> None:
    """Add a user (principal only).

    Example: printf '%s\\n' "$PW" | binome user add marc --email marc@x.fr --role assistant
    --password-stdin
    """
    from binome.app.users import add_user
    from binome.domain.model import Classification, Role
    from binome.i18n import render

    password = _read_password() if password_stdin else None
    app = g(ctx).open_app()
    view = add_user(
        app,
        name=name,
        email=email,
        role=Role.parse(role),
        clearance=Classification.parse(clearance) if clearance else None,
        password=password,
    )
    emit(
        ctx,
        view,
        lambda: console().print(
            render("User {name} added ({role}).", lang_of(ctx, app), name=view["name"], role=role),
            markup=False,
        ),
    )


def _read_password() -> str:
    from binome.domain.errors import N_, InvalidInput

    line = sys.stdin.readline()
    password = line.rstrip("\r\n")
    if not password:
        raise InvalidInput(N_("No password on stdin."))
    return password


@user.command("list")
def user_list(ctx: typer.Context) -> None:
    """List users (the principal sees everyone, others themselves). Example: binome user list"""
    from rich.table import Table
    from rich.text import Text

    from binome.app.users import list_users
    from binome.i18n import t

    app = g(ctx).open_app()
    rows = list_users(app)
    lang = lang_of(ctx, app)

    def human() -> None:
        table = Table(box=None, pad_edge=False)
        for col in ("ID", "Name", "E-mail", "Role", "Clearance", "Active"):
            table.add_column(t(lang, col))
        for r in rows:
            table.add_row(
                r["id"],
                Text(r["name"]),
                r["email"],
                t(lang, r["role"]),
                t(lang, r["clearance"]),
                t(lang, "yes") if r["active"] else t(lang, "no"),
            )
        console().print(table)

    emit(ctx, rows, human)


@user.command("disable")
def user_disable(
    ctx: typer.Context, name: Annotated[str, typer.Argument(help="Login name or e-mail.")]
) -> None:
    """Disable a user; their sessions end (principal only). Example: binome user disable marc"""
    from binome.app.users import disable_user
    from binome.i18n import render

    app = g(ctx).open_app()
    view = disable_user(app, name)
    emit(
        ctx,
        view,
        lambda: console().print(
            render("User {name} disabled.", lang_of(ctx, app), name=view["name"]), markup=False
        ),
    )


def grant_cmd(
    ctx: typer.Context,
    who: Annotated[str, typer.Argument(help="User name or e-mail.")],
    kind: Annotated[str, typer.Argument(help="clearance | item | audit | delegate")],
    value: Annotated[
        str | None, typer.Argument(help="Classification, item id (E12) or proposal kind.")
    ] = None,
    max_minutes: Annotated[
        int | None, typer.Option(help="Delegation: only changes up to this long.")
    ] = None,
    classification: Annotated[
        str | None, typer.Option(help="Delegation: only items up to this classification.")
    ] = None,
    attendees_max: Annotated[
        int | None, typer.Option(help="Delegation: only with at most this many attendees.")
    ] = None,
) -> None:
    """Widen a user's rights (principal only).

    Example: binome grant marc clearance secret ; binome grant marc item E12 ;
    binome grant marc audit ; binome grant marc delegate create --max-minutes 30
    --classification internal --attendees-max 2
    """
    from binome.app.users import grant
    from binome.i18n import render

    app = g(ctx).open_app()
    view = grant(
        app,
        who,
        kind,
        value,
        max_minutes=max_minutes,
        classification=classification,
        attendees_max=attendees_max,
    )
    emit(
        ctx,
        view,
        lambda: console().print(
            render("Grant {id} for {name}: {kind}.", lang_of(ctx, app), None, **_short(view)),
            markup=False,
        ),
    )


def _short(view: dict[str, Any]) -> dict[str, str]:
    kind = view["kind"] + (f" {view['value']}" if view["value"] else "")
    return {"id": view["id"], "name": view["user"], "kind": kind}


def revoke_cmd(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(help="Grant id (G3), or a user name.")],
    kind: Annotated[str | None, typer.Argument(help="With a user: the grant kind.")] = None,
    value: Annotated[str | None, typer.Argument(help="With a user: the grant value.")] = None,
) -> None:
    """Revoke a grant (principal only). Example: binome revoke G3 ; binome revoke marc audit"""
    from binome.app.users import revoke
    from binome.i18n import render

    app = g(ctx).open_app()
    views = revoke(app, target, kind, value)
    lang = lang_of(ctx, app)

    def human() -> None:
        for view in views:
            console().print(render("Grant {id} revoked.", lang, id=view["id"]), markup=False)

    emit(ctx, views, human)


def grants_cmd(
    ctx: typer.Context,
    all_: Annotated[bool, typer.Option("--all", help="Include revoked grants.")] = False,
) -> None:
    """The rule set: default rights by role and the grants. Example: binome grants --json"""
    from rich.table import Table
    from rich.text import Text

    from binome.app.users import list_grants
    from binome.i18n import t

    app = g(ctx).open_app()
    result = list_grants(app, include_revoked=all_)
    lang = lang_of(ctx, app)

    def human() -> None:
        table = Table(box=None, pad_edge=False, title=t(lang, "Default clearance by role"))
        table.add_column(t(lang, "Role"))
        table.add_column(t(lang, "Clearance"))
        for d in result["defaults"]:
            table.add_row(t(lang, d["role"]), t(lang, d["clearance"]))
        console().print(table)
        grants = Table(box=None, pad_edge=False, title=t(lang, "Grants"))
        for col in ("ID", "User", "Grant", "Conditions", "Revoked"):
            grants.add_column(t(lang, col))
        for r in result["grants"]:
            grants.add_row(
                r["id"],
                Text(r["user"]),
                r["kind"] + (f" {r['value']}" if r["value"] else ""),
                ", ".join(f"{k}={v}" for k, v in r["conditions"].items()),
                (r["revoked_at"] or "")[:16],
            )
        console().print(grants)

    emit(ctx, result, human)
