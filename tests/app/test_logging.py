"""Line-safe logging at the edges (SECURITY.md row 41, CWE-117) and no item text in logs."""

from __future__ import annotations

import io
import logging

from hypothesis import given
from hypothesis import strategies as st

from binome.app.logging import configure, encode, log_error, log_event, logger
from binome.domain.errors import N_, NotFound
from tests.conftest import Cli

HOSTILE = [
    "a\nINFO forged",
    "b\r\n",
    "c\u2028d",
    "\x1b[31mred",
    "e\u202egnp.exe",
    "f\u200bg",
    "\\n",
]


def test_hostile_characters_are_encoded_visibly() -> None:
    assert encode("a\nb") == "a\\x0ab"
    assert encode("x\u2028y") == "x\\u2028y"
    assert encode("\x1b[31m") == "\\x1b[31m"
    assert encode("\u202e") == "\\u202e"
    assert encode("back\\slash") == "back\\\\slash"
    assert encode("Réunion à 14 h — ok") == "Réunion à 14 h — ok"


@given(st.text())
def test_any_text_encodes_to_one_printable_line(text: str) -> None:
    out = encode(text)
    assert len(out.splitlines()) <= 1
    assert all(ch.isprintable() for ch in out)


def test_one_log_record_is_one_physical_line_whatever_the_fields_hold() -> None:
    stream = io.StringIO()
    handler = configure(stream=stream, level=logging.DEBUG)
    try:
        for value in HOSTILE:
            log_event("test.event", actor=value, title_id=value)
    finally:
        logger.removeHandler(handler)
    lines = stream.getvalue().splitlines()
    assert len(lines) == len(HOSTILE)
    assert not any(line.startswith("INFO forged") for line in lines)


def test_errors_are_logged_by_msgid_without_their_values() -> None:
    stream = io.StringIO()
    handler = configure(stream=stream, level=logging.DEBUG)
    try:
        log_error(NotFound(N_("No {kind} {ref} here."), kind="task", ref="zz-secret-title"))
        try:
            raise ValueError("zz-secret-in-a-bug")
        except ValueError as exc:
            log_error(exc)
    finally:
        logger.removeHandler(handler)
    text = stream.getvalue()
    assert "access.denied" in text
    assert "No {kind} {ref} here." in text
    assert "internal.error" in text
    assert "test_logging.py" in text
    assert "zz-secret" not in text


def test_the_cli_error_path_logs_one_encoded_line(workspace_cli: Cli) -> None:
    stream = io.StringIO()
    handler = configure(stream=stream, level=logging.DEBUG)
    try:
        result = workspace_cli("agenda", "--as", "evil\nWARNING binome forged entry")
    finally:
        logger.removeHandler(handler)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1
    assert "access.denied" in lines[0]
    assert "evil\\x0aWARNING" in lines[0]
