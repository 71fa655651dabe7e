"""``binome serve``: the web cockpit under uvicorn.

The CLI and the web app are sibling layers (neither imports the other), so uvicorn loads
the app by name (``binome.web.app:app_from_env``) with the database and clock passed in the
environment, as a process manager would.
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

from binome.cli.common import console, g, lang_of
from binome.cli.messages_fr import say


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """Serve the web cockpit and the JSON API.

    Example: binome --db demo.db serve --port 8000
    """
    import uvicorn

    from binome.store.db import resolve_url

    glob = g(ctx)
    os.environ["BINOME_DATABASE_URL"] = resolve_url(glob.db)
    if glob.now:
        os.environ["BINOME_NOW"] = glob.now
    lang = lang_of(ctx, None)
    console(stderr=True).print(
        say(
            lang, "Serving binome on http://{host}:{port}/ (Ctrl+C to stop).", host=host, port=port
        ),
        markup=False,
    )
    uvicorn.run(
        "binome.web.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        proxy_headers=False,
        server_header=False,
        log_level="info",
    )
