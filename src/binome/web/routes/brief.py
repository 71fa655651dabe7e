"""The morning brief in the browser: ``/brief`` (inside the cockpit) and ``/brief?format=html``
(the print view: the very document ``binome brief --format html`` writes).

Both come from ``app.brief.compose_brief`` for the logged-in reader (masked as everywhere)
and ``present.brief``. The page renders the brief's blocks with the cockpit's own template;
the print view is ``present.brief.to_html`` with its inline ``<style>`` moved to
``/static/brief.css`` (the pages' CSP allows no inline style). Both are single-column and
phone-readable: the director opens the brief on a phone.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from binome.app.brief import compose_brief
from binome.domain.errors import N_, InvalidInput
from binome.present.brief import blocks, to_html
from binome.web.auth import PageUser
from binome.web.render import user_page

router = APIRouter()
STYLE = re.compile(r"<style>.*?</style>", re.DOTALL)
STYLESHEET = '<link rel="stylesheet" href="/static/brief.css">'


def print_view(html: str) -> str:
    """``to_html``'s document with its inline style replaced by the same rules, linked."""
    return STYLE.sub(STYLESHEET, html, count=1)


def sections(items: list[object]) -> tuple[list[object], list[tuple[str, list[object]]]]:
    """The brief's blocks as (head, [(heading, blocks)]), as ``to_html`` groups them."""
    head = [b for b in items if getattr(b, "kind", "") in ("title", "subtitle")]
    out: list[tuple[str, list[object]]] = []
    for b in items:
        kind = getattr(b, "kind", "")
        if kind == "heading":
            out.append((str(getattr(b, "text", "")), []))
        elif kind not in ("title", "subtitle"):
            if not out:
                out.append(("", []))
            out[-1][1].append(b)
    return head, out


@router.get("/brief", response_class=HTMLResponse)
def brief_page(
    request: Request,
    user: PageUser,
    format: Annotated[str | None, Query(max_length=8)] = None,
) -> Response:
    if format not in (None, "", "html"):
        raise InvalidInput(N_("Unknown format: {value} (html)."), value=format)
    brief = compose_brief(user.app)
    if format == "html":
        return HTMLResponse(print_view(to_html(brief)))
    head, parts = sections(list(blocks(brief)))
    return user_page(request, user, "brief.html", head=head, parts=parts)
