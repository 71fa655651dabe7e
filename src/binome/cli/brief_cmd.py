"""``binome brief``: the morning brief (or, with ``--week``, the weekly review)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from binome.cli.common import console, g


def register(app: typer.Typer) -> None:
    app.command("brief")(brief)


def brief(
    ctx: typer.Context,
    day: Annotated[
        str | None, typer.Option("--date", help="The day, YYYY-MM-DD (default: today).")
    ] = None,
    week: Annotated[bool, typer.Option("--week", help="The weekly review.")] = False,
    fmt: Annotated[str, typer.Option("--format", help="text | md | html | pdf")] = "text",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to FILE (required for pdf).")
    ] = None,
) -> None:
    """Today, the top priorities, the decisions needed, the commitments due.

    Example: binome brief ; binome brief --week ; binome brief --format pdf -o brief.pdf
    """
    from binome.domain.errors import N_, InvalidInput
    from binome.domain.timing import parse_date

    if fmt not in ("text", "md", "html", "pdf"):
        raise InvalidInput(N_("Unknown format: {value} (text, md, html, pdf)."), value=fmt)
    if fmt == "pdf" and output is None and not g(ctx).json:
        raise InvalidInput(N_("A PDF needs a file: add -o FILE."))
    glob = g(ctx)
    app = glob.open_app()
    from binome.app.brief import compose_brief
    from binome.app.radar import brief_risks

    result = compose_brief(app, day=parse_date(day) if day else None, week=week, risks=brief_risks)
    if glob.json:
        import json

        sys.stdout.write(
            json.dumps(result.to_json(), ensure_ascii=False, indent=2, default=str) + "\n"
        )
        return
    show_brief(result, fmt, output)


def show_brief(result: object, fmt: str, output: Path | None) -> None:
    """Print or write ``result`` (a ``Brief``) in ``fmt``."""
    from binome.app.brief import Brief
    from binome.present.brief import render_brief, text_lines, tr

    assert isinstance(result, Brief)
    if output is None and fmt == "text":
        out = console()
        for style, line in text_lines(result):
            out.print(line, style=style or None, markup=False)
        return
    rendered = render_brief(result, fmt)
    if output is None:
        assert isinstance(rendered, str)
        sys.stdout.write(rendered)
        return
    if isinstance(rendered, bytes):
        output.write_bytes(rendered)
    else:
        output.write_text(rendered, encoding="utf-8")
    console().print(tr(result.lang, "Brief written to {path}.", path=str(output)), markup=False)
