"""The brief as an A4 PDF (fpdf2), for printing or sending to a phone.

Lays out ``present.brief.blocks`` with DejaVu Sans when the system has it (Debian
``fonts-dejavu-core``: every French and English character, dashes and middle dots). Without
it the PDF falls back to a core font, which is Latin-1 only: accents are kept, dashes and
dots replaced, anything else reduced to its closest Latin-1 letters.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from binome.app.brief import Brief
from binome.present.brief import Block, blocks, plain

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def to_pdf(brief: Brief, *, font_dir: Path = DEJAVU) -> bytes:
    """An A4 PDF of the brief (fpdf2); DejaVu Sans from ``font_dir`` when present."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    family, clean = _pdf_font(pdf, font_dir)
    sizes = {"title": 16, "heading": 12}
    for b in blocks(brief):
        bold = b.kind in ("title", "heading")
        pdf.set_font(family, "B" if bold else "", sizes.get(b.kind, 10))
        if b.kind == "heading":
            pdf.ln(3)
        pdf.multi_cell(0, 6, clean(_pdf_line(b)), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _pdf_line(b: Block) -> str:
    if b.kind == "event":
        return f"{b.lead}   {b.text}{b.detail}"
    return plain(b).strip() if b.kind not in ("detail",) else "      " + b.text


def _pdf_font(pdf: Any, font_dir: Path) -> tuple[str, Any]:
    regular, bold = font_dir / "DejaVuSans.ttf", font_dir / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        pdf.add_font("DejaVu", "", str(regular))
        pdf.add_font("DejaVu", "B", str(bold))
        return "DejaVu", lambda s: s
    return "Helvetica", latin1


def latin1(text: str) -> str:
    """Core PDF fonts are Latin-1: keep accents, replace dashes, drop the rest."""
    text = text.replace("–", "-").replace("—", "-").replace("’", "'").replace("·", "-")
    out = []
    for ch in text:
        try:
            ch.encode("latin-1")
            out.append(ch)
        except UnicodeEncodeError:
            out.append(unicodedata.normalize("NFKD", ch).encode("latin-1", "ignore").decode())
    return "".join(out)
