"""``binome radar``, ``binome apply``, ``binome dismiss``: risks ahead and what to do."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from binome.cli.common import console, emit, g, lang_of

SEVERITY = {
    "fr": {1: "faible", 2: "moyen", 3: "élevé", 4: "critique"},
    "en": {1: "low", 2: "medium", 3: "high", 4: "critical"},
}


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

    def human() -> None:
        out = console()
        if not result["risks"]:
            out.print("Aucun risque en vue." if lang == "fr" else "No risk ahead.", markup=False)
        for risk in result["risks"]:
            for line in risk_lines(risk, lang):
                out.print(line, markup=False)

    emit(ctx, result, human)


def risk_lines(risk: dict[str, Any], lang: str) -> list[str]:
    level = SEVERITY["fr" if lang == "fr" else "en"][risk["severity"]]
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

    def human() -> None:
        done = "appliquée" if lang == "fr" else "applied"
        console().print(f"{result['proposal']} {done} ({result['kind']}).", markup=False)
        for notice in result["notices"]:
            to = notice.get("to") or []  # a plan's draft names one person, a radar's a list
            to = ", ".join([to] if isinstance(to, str) else to)
            label = "Message à envoyer à" if lang == "fr" else "Message to send to"
            console().print(f"  {label} {to}", markup=False)

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

    def human() -> None:
        done = "écarté" if lang == "fr" else "dismissed"
        console().print(f"{result['id']} {done}.", markup=False)

    emit(ctx, result, human)
