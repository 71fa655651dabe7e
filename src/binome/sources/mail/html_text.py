"""HTML mail bodies turned into plain text, safely, with the standard library only.

No sanitiser is needed because nothing is rendered: tags are dropped, text kept, block
elements become line breaks. Script, style and head contents are skipped, as is quoted
history (``blockquote``, Gmail's ``gmail_quote``). Nothing is fetched (SECURITY.md row 38).
"""

from __future__ import annotations

from html.parser import HTMLParser

_SKIP = frozenset({"script", "style", "head", "title", "blockquote", "template", "noscript"})
_BLOCK = frozenset(
    {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "hr"}
)
_VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "wbr", "col", "area", "base"})


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = " ".join(v or "" for k, v in attrs if k == "class")
        if self.skip:
            if tag not in _VOID:
                self.skip.append(tag)
            return
        if tag in _SKIP or "gmail_quote" in classes or "moz-cite-prefix" in classes:
            if tag not in _VOID:
                self.skip.append(tag)
            return
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag in self.skip:
                while self.skip and self.skip.pop() != tag:
                    pass
            return
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The visible text of ``html``, one block per line, runs of blank lines collapsed."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()
