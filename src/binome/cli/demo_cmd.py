"""``binome demo``: build the demo workspace, print its morning brief and the logins."""

from __future__ import annotations

import shutil
import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from binome.cli.common import console, g


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)


def demo(
    ctx: typer.Context,
    today: Annotated[
        str | None, typer.Option("--today", help="The demo's today, YYYY-MM-DD.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Delete the SQLite file first if it holds data.")
    ] = False,
) -> None:
    """Create a realistic demo workspace (Claire Martin, Lyon) and print her brief.

    Example: binome --db demo.db demo ; binome --db demo.db demo --lang en --force
    """
    from binome.app.brief import compose_brief
    from binome.app.context import Clock
    from binome.app.demo import DEMO_TODAY, build_demo, make_room
    from binome.cli.brief_cmd import show_brief
    from binome.domain.timing import parse_date
    from binome.i18n import check_lang
    from binome.store.db import resolve_url, sqlite_path

    glob = g(ctx)
    lang = check_lang(glob.lang) if glob.lang else "fr"
    day = parse_date(today) if today else DEMO_TODAY
    url = resolve_url(glob.db)
    path = sqlite_path(url)
    make_room(url, force=force)
    app = glob.open_app()
    result = build_demo(app, today=day, lang=lang)
    # The brief is read as the principal, at 07:30 on the demo's today (the build's clock).
    brief_app = replace(app, clock=Clock.fixed(result.now), actor_name=None)
    from binome.app.radar import brief_risks

    brief = compose_brief(brief_app, day=day, risks=brief_risks)
    if glob.json:
        _print_json(result, brief.to_json())
        return
    show_brief(brief, "text", None)
    _print_logins(result, lang, url, path)


def _print_json(result: object, brief: dict[str, object]) -> None:
    import json
    import sys

    from binome.app.demo import DemoResult

    assert isinstance(result, DemoResult)
    data = {
        "workspace": result.workspace.name,
        "today": result.today.isoformat(),
        "now": result.now.isoformat(),
        "counts": dict(result.counts),
        "logins": [
            {"login": x.login, "name": x.name, "role": x.role.value, "password": x.password}
            for x in result.logins
        ],
        "brief": brief,
    }
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _print_logins(result: object, lang: str, url: str, path: Path | None) -> None:
    from binome.app.demo import DemoResult
    from binome.present.brief import tr

    assert isinstance(result, DemoResult)
    out = console()
    c = result.counts
    out.print()
    out.print(
        tr(
            lang,
            "Demo workspace {name}: {people} people, {events} events, {tasks} tasks, "
            "{commitments} commitments, {requests} requests.",
            name=result.workspace.name,
            people=c.get("person", 0),
            events=c.get("event", 0),
            tasks=c.get("task", 0),
            commitments=c.get("commitment", 0),
            requests=c.get("request", 0),
        ),
        markup=False,
    )
    out.print()
    out.print(tr(lang, "Logins (demo passwords, for this demo only)"), style="bold", markup=False)
    for login in result.logins:
        role = tr(lang, login.role.value)
        out.print(f"  {login.login:<8} {login.password:<18} {role:<10} {login.name}", markup=False)
    db = str(path) if path is not None else url
    out.print()
    out.print(tr(lang, "Open the web app:"), style="bold", markup=False)
    prog = program()
    out.print(f"  {prog} --db {db} serve", markup=False)
    out.print(tr(lang, "Or read the brief as another user:"), markup=False)
    out.print(f"  {prog} --db {db} --now {result.now.isoformat()} --as julien brief", markup=False)


def program() -> str:
    """How to type ``binome`` in this shell, for the commands the demo prints.

    ``make demo`` runs ``.venv/bin/binome`` without activating the venv, so a bare
    ``binome`` would not be found: print the script beside this Python (relative to the
    current folder when inside it) unless that very script is already on PATH.
    """
    beside = Path(sys.executable).parent / "binome"
    found = shutil.which("binome")
    if not beside.exists() or (found and Path(found).resolve() == beside.resolve()):
        return "binome"
    try:
        return str(beside.relative_to(Path.cwd()))
    except ValueError:
        return str(beside)
