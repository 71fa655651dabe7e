"""Risk severity badges: a colour per level with AA contrast, and the text label kept (colour
is never the only cue, WCAG 1.4.1)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

WEB = Path(__file__).parents[2] / "src" / "binome" / "web"
CSS = (WEB / "static" / "app.css").read_text(encoding="utf-8")


def luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of ``#rgb`` or ``#rrggbb``."""
    hexa = colour.lstrip("#")
    if len(hexa) == 3:
        hexa = "".join(c * 2 for c in hexa)
    channels = [int(hexa[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def rule(selector: str) -> dict[str, str]:
    found = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", CSS)
    assert found, f"no rule for {selector} in app.css"
    pairs = (d.split(":", 1) for d in found[1].split(";") if ":" in d)
    return {k.strip(): v.strip() for k, v in pairs}


@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_each_severity_badge_has_its_colours_with_aa_contrast(level: int) -> None:
    badge = rule(f".badge.sev-{level}")
    assert contrast(badge["background"], badge["color"]) >= 4.5


@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_each_severity_border_stands_out_on_white(level: int) -> None:
    border = rule(f"li.risk.sev-{level}")["border-left-color"]
    assert contrast(border, "#ffffff") >= 3.0


def test_the_levels_differ_and_the_badge_keeps_its_text_label() -> None:
    backgrounds = {rule(f".badge.sev-{n}")["background"] for n in range(1, 5)}
    assert len(backgrounds) == 4
    card = (WEB / "templates" / "_risk_card.html").read_text(encoding="utf-8")
    assert re.search(r'class="badge sev-\{\{ r\.severity \}\}">\{\{ _\(levels', card)
