"""``binome ask``, ``requests``, ``confirm``, ``reject`` and ``intake``.

Each command calls one use case of ``app.requests`` / ``app.request_actions`` and prints
its result: the reformulation and options in the request's own language, or with
``--json`` the view (``interpretation`` holds exactly the keys of the requests schema).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from binome.cli.common import console, emit, g, lang_of


def register(app: typer.Typer) -> None:
    app.command("ask")(ask)
    app.command("requests")(requests)
    app.command("confirm")(confirm)
    app.command("reject")(reject)
    app.command("intake")(intake)


def _print_request(view: dict[str, Any]) -> None:
    out = console()
    text = view.get("reformulation") or view.get("question") or view.get("text") or ""
    out.print(f"{view['id']} ({view['status']}): {text}", markup=False)


def ask(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="The request, in French or English.")],
) -> None:
    """Understand a request, restate it and offer up to three options.

    The request is stored as awaiting confirmation (or with one clarifying question).
    --lang auto|fr|en is the request's language (auto: detected, the default).

    Example: binome ask "Cale-moi un déjeuner avec Paul jeudi prochain"
    """
    from dataclasses import replace

    from binome.app.requests import ask as ask_request

    glob = g(ctx)
    lang = (glob.lang or "auto").strip().lower()
    app = replace(glob, lang=None).open_app() if lang == "auto" else glob.open_app()
    view = ask_request(app, text, lang=lang[:2] if lang != "auto" else lang)
    emit(ctx, view, lambda: _print_request(view))


def requests(
    ctx: typer.Context,
    all_: Annotated[bool, typer.Option("--all", help="Include decided requests.")] = False,
) -> None:
    """List the requests waiting for a confirmation or an answer.

    Example: binome requests --json
    """
    from binome.app.requests import list_requests

    app = g(ctx).open_app()
    items = list_requests(app, all_=all_)

    def human() -> None:
        for view in items:
            _print_request(view)

    emit(ctx, items, human)


def confirm(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Request id, e.g. Q1.")],
    option: Annotated[int, typer.Option(help="Which option to carry out (1, 2, 3).")] = 1,
) -> None:
    """Carry out a request's option and draft the invitations (nothing is sent).

    Example: binome confirm Q1 --option 2
    """
    from binome.app.request_actions import confirm as confirm_request
    from binome.app.request_wording import say
    from binome.domain.text import N_, Message

    app = g(ctx).open_app()
    result = confirm_request(app, ref, option=option)
    lang = lang_of(ctx, app)

    def human() -> None:
        out = console()
        done = ", ".join(d["id"] for d in result["done"])
        words = Message.of(N_("Request {id} confirmed: {done}."), id=result["id"], done=done)
        out.print(say(words, lang), markup=False)
        for draft in result["invitations"]:
            out.print(f"\n--- {draft['to']} ({draft['lang']}): {draft['subject']}", markup=False)
            out.print(draft["message"], markup=False)
            out.print(draft["ics"], markup=False)

    emit(ctx, result, human)


def reject(
    ctx: typer.Context, ref: Annotated[str, typer.Argument(help="Request id, e.g. Q1.")]
) -> None:
    """Reject a request: nothing is done. Example: binome reject Q1"""
    from binome.app.request_wording import say
    from binome.app.requests import reject as reject_request
    from binome.domain.text import N_, Message

    app = g(ctx).open_app()
    view = reject_request(app, ref)
    emit(
        ctx,
        view,
        lambda: console().print(
            say(Message.of(N_("Request {id} rejected."), id=view["id"]), lang_of(ctx, app))
        ),
    )


def intake(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="An .eml file or an mbox.")],
) -> None:
    """Take requests from e-mail: each message becomes a request (once per Message-ID).

    Example: binome intake forwarded.eml
    """
    from binome.app.requests import intake as intake_mail
    from binome.domain.errors import N_, InvalidInput

    try:
        data = file.read_bytes()
    except OSError as exc:
        raise InvalidInput(N_("Cannot read {path}."), path=str(file)) from exc
    app = g(ctx).open_app()
    result = intake_mail(app, data, name=file.name)

    def human() -> None:
        for view in result["requests"]:
            _print_request(view)

    emit(ctx, result, human)
