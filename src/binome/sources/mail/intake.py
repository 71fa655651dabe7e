"""Requests arriving by e-mail: one ``IncomingRequest`` per message, hostile input bounded.

Why it is built this way:

- Size and part-count caps are checked on the raw bytes *before* the MIME parser runs
  (counting boundary delimiters is a C-speed scan), so a MIME bomb — a million parts,
  deep nesting, a huge attachment — is rejected in milliseconds with ``InvalidInput``
  (SECURITY.md row 45); the tree is then walked iteratively with a depth cap.
- Headers are parsed with ``email.policy.default``; a From header with defects, several
  addresses or an address-like display name is kept but flagged ``sender_suspect``, and a
  sender is never "verified" here (row 44).
- A ``text/calendar`` REQUEST inside is only flagged ``has_invitation`` (row 46): nothing
  is accepted or added to a calendar from intake.
- The requester is the sender; in a forwarded mail the forwarder asks and the forwarded
  content is the request. Quoted history and signatures are cut ("> ", "Le … a écrit :",
  "On … wrote:", "-----Original Message-----", "De :"/"From:" blocks, "-- ", "Cordialement").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from email import message_from_bytes, policy
from email.errors import MessageError
from email.message import EmailMessage, Message
from email.utils import parseaddr
from typing import Any

from binome.domain.errors import N_, InvalidInput
from binome.sources.mail.html_text import html_to_text

_BOUNDARY = re.compile(
    rb"""boundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))""", re.IGNORECASE
)
_FORWARD = re.compile(
    r"^\s*(?:-{2,}\s*(?:Forwarded message|Message transféré|Message transfere|Original Message"
    r"|Message d'origine)\s*-{2,}|Begin forwarded message\s*:|Début du message réexpédié\s*:)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_QUOTE_START = re.compile(
    r"^(?:>.*"
    r"|(?:Le|On)\s[^\n]{0,200}(?:\n[^\n]{0,200})?(?:a\s+écrit|wrote)\s*:\s*"
    r"|-{2,}\s*(?:Original Message|Message d'origine)\s*-{2,}\s*"
    r"|(?:De|From)\s*:\s.*"
    r"|_{10,}\s*)$",
    re.IGNORECASE | re.MULTILINE,
)
_SIGNATURE = re.compile(
    r"^(?:-- ?"
    r"|(?:bien\s+)?cordialement[,.!]?|bien à vous[,.!]?|(?:best|kind|warm)?\s*regards[,.!]?"
    r"|best[,.!]?|cheers[,.!]?|thanks[,.!]?|merci(?: beaucoup)?[,.!]?|bonne journée[,.!]?"
    r"|(?:envoyé|sent)\s+(?:de|from)\s+(?:mon|my)\s.*|get outlook for .*)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_HEADER_LINE = re.compile(
    r"^(?:From|De|Date|Sent|Envoyé|To|À|A|Cc|Subject|Objet|Reply-To)\s*:", re.IGNORECASE
)
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_FR_WORDS = re.compile(r"\b(?:le|la|les|de|du|des|avec|pour|est|je|tu|vous|merci|demain)\b")
_EN_WORDS = re.compile(r"\b(?:the|to|with|for|is|you|please|thanks|tomorrow|can|my)\b")


# What the stdlib parser raises on some malformed headers (cpython header-parser bugs).
_STDLIB_FAILURES = (MessageError, AttributeError, IndexError, ValueError, TypeError, LookupError)


class MailTooLarge(InvalidInput):
    message = N_("The e-mail is too large or too complex ({reason}).")


class UnreadableMail(InvalidInput):
    message = N_("The e-mail could not be read.")


@dataclass(frozen=True, slots=True, kw_only=True)
class IncomingRequest:
    """A request as received by mail; ``sender_*`` is the requester (never verified here)."""

    sender_email: str
    sender_name: str
    subject: str
    text: str
    lang_hint: str | None
    message_id: str | None
    date: datetime | None
    has_invitation: bool = False
    forwarded: bool = False
    forward_note: str = ""
    sender_suspect: bool = False


def precheck(data: bytes, *, max_bytes: int, max_parts: int) -> None:
    """Reject oversized or over-split input before any MIME parsing."""
    if len(data) > max_bytes:
        raise MailTooLarge(reason=f"{len(data)} bytes > {max_bytes}")
    boundaries = {a or b for a, b in _BOUNDARY.findall(data)}
    if len(boundaries) > max_parts:
        raise MailTooLarge(reason=f"{len(boundaries)} multipart levels")
    parts = sum(data.count(b"\n--" + boundary) for boundary in boundaries)
    if parts > 2 * max_parts + 2 * len(boundaries):
        raise MailTooLarge(reason=f"over {max_parts} parts")


def _walk(msg: Message, max_depth: int, max_parts: int) -> Iterator[tuple[Message, int]]:
    stack: list[tuple[Message, int]] = [(msg, 0)]
    seen = 0
    while stack:
        part, depth = stack.pop()
        seen += 1
        if depth > max_depth:
            raise MailTooLarge(reason=f"nesting deeper than {max_depth}")
        if seen > max_parts:
            raise MailTooLarge(reason=f"over {max_parts} parts")
        yield part, depth
        if part.is_multipart():
            children = part.get_payload()
            assert isinstance(children, list)
            stack.extend((c, depth + 1) for c in reversed(children) if isinstance(c, Message))


def _text_of(part: Message) -> str:
    try:
        content = part.get_content() if isinstance(part, EmailMessage) else None
    except (LookupError, ValueError, AssertionError):
        content = None
    if isinstance(content, str):
        return content
    raw = part.get_payload(decode=True)
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else ""


def _raw_header(msg: Message, name: str) -> str:
    for key, value in msg.raw_items():
        if key.lower() == name.lower():
            return str(value)
    return ""


def _header(msg: Message, name: str) -> str:
    """A header's text; the raw value when the structured parser fails on it."""
    try:
        value = msg.get(name)
        return str(value) if value is not None else ""
    except _STDLIB_FAILURES:
        return _raw_header(msg, name)


def _sender(msg: Message) -> tuple[str, str, bool]:
    try:
        return _structured_sender(msg)
    except _STDLIB_FAILURES:
        name, email = parseaddr(_raw_header(msg, "From"))
        return email, _INVISIBLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", name), True


def _structured_sender(msg: Message) -> tuple[str, str, bool]:
    header = msg["From"]
    addresses: tuple[Any, ...] = tuple(getattr(header, "addresses", ()))
    defects = getattr(header, "defects", ())
    if len(addresses) != 1:
        return "", "", True
    addr = addresses[0]
    email, name = addr.addr_spec, addr.display_name
    suspect = bool(defects) or email.count("@") != 1 or "@" in name or email in ("", "<>")
    suspect = suspect or bool(_INVISIBLE.search(name + email))
    name = _INVISIBLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", name)
    return ("" if email == "<>" else email), name, suspect


def strip_history(text: str) -> str:
    """The new text of a reply: quoted history and signature cut off."""
    text = text.replace("\r\n", "\n")
    m = _QUOTE_START.search(text)
    if m and m.start() > 0:
        text = text[: m.start()]
    elif m:
        text = ""
    m = _SIGNATURE.search(text)
    if m and text[: m.start()].strip():
        text = text[: m.start()]
    return text.strip()


def _split_forward(text: str) -> tuple[str, str] | None:
    """(forwarder's note, forwarded body without its header block) or ``None``."""
    m = _FORWARD.search(text)
    if not m:
        return None
    note, rest = text[: m.start()], text[m.end() :].lstrip("\r\n")
    lines = rest.replace("\r\n", "\n").split("\n")
    i = 0
    while i < len(lines) and (_HEADER_LINE.match(lines[i]) or not lines[i].strip()):
        i += 1
    return strip_history(note), strip_history("\n".join(lines[i:]))


def _lang(msg: Message, text: str) -> str | None:
    declared = _header(msg, "Content-Language").strip().lower()[:2]
    if declared in ("fr", "en"):
        return declared
    fr, en = len(_FR_WORDS.findall(text.lower())), len(_EN_WORDS.findall(text.lower()))
    return None if fr == en else ("fr" if fr > en else "en")


def parse_message(
    data: bytes, *, max_bytes: int = 10_000_000, max_parts: int = 200, max_depth: int = 10
) -> IncomingRequest:
    """One e-mail (RFC 5322 bytes) as the request it carries."""
    precheck(data, max_bytes=max_bytes, max_parts=max_parts)
    try:
        return _parse(data, max_depth=max_depth, max_parts=max_parts)
    except _STDLIB_FAILURES as exc:
        raise UnreadableMail(reason=type(exc).__name__) from exc


def _parse(data: bytes, *, max_depth: int, max_parts: int) -> IncomingRequest:
    msg = message_from_bytes(data, policy=policy.default)
    plain = html = None
    inner: Message | None = None
    invitation = False
    for part, _depth in _walk(msg, max_depth, max_parts):
        ctype = part.get_content_type()
        if ctype == "message/rfc822" and inner is None:
            payload = part.get_payload()
            first = payload[0] if isinstance(payload, list) and payload else None
            inner = first if isinstance(first, Message) else None
        elif ctype in ("text/calendar", "application/ics"):
            method = str(part.get_param("method") or "").upper()
            invitation = invitation or method == "REQUEST" or "METHOD:REQUEST" in _text_of(part)
        elif part.get_content_disposition() == "attachment" or inner is not None:
            continue
        elif ctype == "text/plain" and plain is None:
            plain = _text_of(part)
        elif ctype == "text/html" and html is None:
            html = html_to_text(_text_of(part))
    body = plain if plain is not None else (html or "")
    return _assemble(msg, body, inner, invitation, max_depth, max_parts)


def _assemble(
    msg: Message, body: str, inner: Message | None, invitation: bool, max_depth: int, max_parts: int
) -> IncomingRequest:
    email, name, suspect = _sender(msg)
    forwarded, note = False, ""
    split = _split_forward(body)
    if inner is not None:
        forwarded, note = True, strip_history(body)
        text = ""
        for part, _ in _walk(inner, max_depth, max_parts):
            if part.get_content_type() == "text/plain":
                text = strip_history(_text_of(part))
                break
            if part.get_content_type() == "text/html" and not text:
                text = strip_history(html_to_text(_text_of(part)))
    elif split is not None:
        forwarded, (note, text) = True, split
    else:
        text = strip_history(body)
    subject = _header(msg, "Subject")
    try:
        date = getattr(msg["Date"], "datetime", None)
    except _STDLIB_FAILURES:
        date = None
    message_id = _header(msg, "Message-ID").strip() or None
    return IncomingRequest(
        sender_email=email,
        sender_name=name,
        subject=subject,
        text=text,
        lang_hint=_lang(msg, text or subject),
        message_id=message_id,
        date=date,
        has_invitation=invitation,
        forwarded=forwarded,
        forward_note=note,
        sender_suspect=suspect,
    )


def parse_mbox(
    data: bytes, *, max_bytes: int = 100_000_000, max_messages: int = 10_000, **caps: int
) -> Iterator[IncomingRequest]:
    """Each message of an mbox (mboxrd "From " separators; ">From " lines unescaped)."""
    if len(data) > max_bytes:
        raise MailTooLarge(reason=f"{len(data)} bytes > {max_bytes}")
    chunks = re.split(rb"(?m)^From [^\r\n]*\r?\n", data)
    messages = [c for c in chunks if c.strip()]
    if len(messages) > max_messages:
        raise MailTooLarge(reason=f"over {max_messages} messages")
    for chunk in messages:
        yield parse_message(re.sub(rb"(?m)^>(>*From )", rb"\1", chunk), **caps)
