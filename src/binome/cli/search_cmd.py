"""``binome search TEXT``: words in titles, places and notes, among what the reader may see."""

from __future__ import annotations

from typing import Annotated

import typer

from binome.cli.common import console, emit, g, lang_of


def register(app: typer.Typer) -> None:
    app.command("search")(search_cmd)


def search_cmd(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Words to find (all of them, anywhere).")],
    limit: Annotated[int, typer.Option(help="At most this many results.")] = 50,
) -> None:
    """Find events, tasks, commitments, objectives and requests by words.

    Example: binome search "comité budget" --json
    """
    from rich.table import Table
    from rich.text import Text

    from binome.app.search import search
    from binome.i18n import t

    app = g(ctx).open_app()
    hits = search(app, text, limit=max(1, min(limit, 500)))
    lang = lang_of(ctx, app)

    def human() -> None:
        if not hits:
            console().print(t(lang, "Nothing found."))
            return
        table = Table(box=None, pad_edge=False)
        for col in ("ID", "Title", "When"):
            table.add_column(t(lang, col))
        for h in hits:
            # Text(): a title is data, never Rich markup ("[red]" stays literal).
            when = (h["when"] or "")[:16].replace("T", " ")
            table.add_row(h["id"], Text(h["title"]), when)
        console().print(table)

    emit(ctx, hits, human)
