"""``binome radar``, ``binome apply``, ``binome dismiss``: risks ahead and what to do."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from binome.cli.common import console, emit, g, lang_of
from binome.domain.errors import N_

# The severity, as the catalogue words it (French: haute, moyenne, basse, critique).
SEVERITY = {1: N_("low"), 2: N_("medium"), 3: N_("high"), 4: N_("critical")}


def register(app: typer.Typer) -> None:
    app.command("radar")(radar)
    app.command("apply")(apply)
    app.command("dismiss")(dismiss)


def radar(
    ctx: typer.Context,
    horizon: Annotated[str, typer.Option(help="How far ahead: 14d, 2w, 48h, 365d.")] = "14d",
    plan: Annotated[
        bool, typer.Option("--plan", help="Ask the planner for deadline fixes (slower).")
    ] = False,
) -> None:
    """The risks ahead, most severe first, each with up to three ranked fixes.

    Example: binome radar --horizon 14d ; then binome apply P3 or binome dismiss R2 --reason "ok"
    """
    from binome.app.radar import run_radar

    app = g(ctx).open_app()
    result = run_radar(app, horizon=horizon, planner=plan)
    lang = lang_of(ctx, app)

    from binome.i18n import render

    def human() -> None:
        out = console()
        if not result["risks"]:
            out.print(render(N_("No risk ahead."), lang), markup=False)
        for risk in result["risks"]:
            for line in risk_lines(risk, lang):
                out.print(line, markup=False)

    emit(ctx, result, human)


def risk_lines(risk: dict[str, Any], lang: str) -> list[str]:
    from binome.i18n import render

    level = render(SEVERITY[risk["severity"]], lang)
    lines = [f"{risk['id']} [{level}] {risk['kind']}: {risk['explanation']}"]
    for p in risk["proposals"]:
        lines.append(f"    {p['id']}  {p['summary']} — {p['explanation']} ({p['cost']:g})")
    return lines


def apply(ctx: typer.Context, proposal: Annotated[str, typer.Argument(help="P7")]) -> None:
    """Apply one proposal of the radar, atomically, recorded in the audit log.

    Example: binome apply P7
    """
    from binome.app.radar import apply_proposal

    app = g(ctx).open_app()
    result = apply_proposal(app, proposal)
    lang = lang_of(ctx, app)

    from binome.i18n import render

    def human() -> None:
        said = render(
            N_("{proposal} applied ({kind})."),
            lang,
            proposal=result["proposal"],
            kind=result["kind"],
        )
        console().print(said, markup=False)
        for notice in result["notices"]:
            to = ", ".join(notice.get("to") or [])
            console().print("  " + render(N_("Message to send to {to}"), lang, to=to), markup=False)

    emit(ctx, result, human)


def dismiss(
    ctx: typer.Context,
    risk: Annotated[str, typer.Argument(help="R3")],
    reason: Annotated[str, typer.Option(help="Why it is not a problem.")],
) -> None:
    """Hide a risk until the situation behind it changes.

    Example: binome dismiss R3 --reason "Paul knows, he will join late"
    """
    from binome.app.radar import dismiss_risk

    app = g(ctx).open_app()
    result = dismiss_risk(app, risk, reason=reason)
    lang = lang_of(ctx, app)

    from binome.i18n import render

    def human() -> None:
        console().print(render(N_("{id} dismissed."), lang, id=result["id"]), markup=False)

    emit(ctx, result, human)
