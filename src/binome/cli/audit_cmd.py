"""``binome audit`` and ``binome audit verify``."""

from __future__ import annotations

from typing import Annotated

import typer

from binome.cli.common import console, emit, g, lang_of

audit = typer.Typer(help="The tamper-evident audit log.", invoke_without_command=True)


def register(app: typer.Typer) -> None:
    app.add_typer(audit, name="audit")


@audit.callback()
def audit_list(
    ctx: typer.Context,
    since: Annotated[str | None, typer.Option(help="Only entries at or after (ISO 8601).")] = None,
    actor: Annotated[str | None, typer.Option(help="Only this user's entries.")] = None,
) -> None:
    """Show the audit log (principal, or whom the principal grants).

    Example: binome audit --since 2026-11-01
    """
    if ctx.invoked_subcommand is not None:
        return
    from rich.table import Table

    from binome.app.audit import list_audit
    from binome.domain.timing import UTC, parse_datetime
    from binome.i18n import t

    app = g(ctx).open_app()
    rows = list_audit(app, since=parse_datetime(since, UTC) if since else None, actor=actor)
    lang = lang_of(ctx, app)

    def human() -> None:
        table = Table(box=None, pad_edge=False)
        for col in ("#", "When (UTC)", "Who", "Action", "Object"):
            table.add_column(t(lang, col))
        for r in rows:
            table.add_row(
                str(r["seq"]),
                r["at"][:19].replace("T", " "),
                r["actor"],
                r["action"],
                f"{r['object_type']}:{r['object_id']}",
            )
        console().print(table)

    emit(ctx, rows, human)


@audit.command("verify")
def audit_verify(ctx: typer.Context) -> None:
    """Prove the audit chain intact, or name the first bad entry. Example: binome audit verify"""
    from binome.app.audit import verify_audit
    from binome.domain.errors import N_, BinomeError
    from binome.i18n import render

    app = g(ctx).open_app()
    result = verify_audit(app)
    lang = lang_of(ctx, app)
    emit(
        ctx,
        result,
        lambda: console().print(
            render("Audit log intact: {n} entries verified.", lang, n=result["checked"])
            if result["ok"]
            else ""
        ),
    )
    if not result["ok"]:
        raise BinomeError(
            N_("Audit log broken at entry {seq} ({problem})."),
            seq=result["first_bad_seq"],
            problem=result["problem"],
        )
