"""E-mail intake: who asks, what is asked, and hostile mail bounded (SECURITY.md 44-46).

Every message is built here as bytes, in French and English: plain, replied, forwarded
(inline and as an attachment), signed, HTML-only, with an invitation, and bombs.
"""

from __future__ import annotations

import contextlib
import time
from email.message import EmailMessage

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from binome.domain.errors import InvalidInput
from binome.sources.mail.intake import parse_mbox, parse_message, strip_history


def mail(
    body: str, *, sender: str = "Claire Dubois <claire@example.fr>", subject: str = "RDV"
) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "assistant@example.fr"
    msg["Subject"] = subject
    msg["Date"] = "Thu, 26 Nov 2026 09:00:00 +0100"
    msg["Message-ID"] = "<abc@example.fr>"
    msg.set_content(body)
    return msg.as_bytes()


def test_a_french_request_keeps_sender_subject_date_and_drops_the_signature() -> None:
    data = mail("Cale-moi un déjeuner avec Paul jeudi prochain.\n\nCordialement,\nClaire\n")
    req = parse_message(data)
    assert (req.sender_email, req.sender_name) == ("claire@example.fr", "Claire Dubois")
    assert req.text == "Cale-moi un déjeuner avec Paul jeudi prochain."
    assert (req.subject, req.message_id, req.lang_hint) == ("RDV", "<abc@example.fr>", "fr")
    assert req.date is not None
    assert req.date.isoformat() == "2026-11-26T09:00:00+01:00"
    assert not req.sender_suspect


def test_an_english_reply_loses_its_quoted_history() -> None:
    body = (
        "Please move my 3pm to tomorrow morning.\n\n"
        "On Wed, 25 Nov 2026 at 18:02, Paul <paul@example.com> wrote:\n"
        "> Can we meet at 3pm?\n> Paul\n"
    )
    req = parse_message(mail(body, sender="Anna <anna@example.com>"))
    assert req.text == "Please move my 3pm to tomorrow morning."
    assert req.lang_hint == "en"


def test_a_french_reply_header_wrapped_over_two_lines_is_cut() -> None:
    body = (
        "Oui, décale à 16h.\n\n"
        "Le jeu. 26 nov. 2026 à 08:40, Paul Martin <paul@example.fr> a\n"
        "écrit :\n> On se voit à 15h ?\n"
    )
    assert parse_message(mail(body)).text == "Oui, décale à 16h."


@pytest.mark.parametrize(
    "history",
    [
        "-----Original Message-----\nFrom: Bob\nSent: Monday\n\nold text",
        "De : Bob <bob@example.fr>\nEnvoyé : lundi\nObjet : old\n\nold text",
        "From: Bob <bob@example.com>\nSent: Monday\n\nold text",
    ],
)
def test_outlook_history_blocks_are_cut(history: str) -> None:
    assert strip_history(f"Annule mon rendez-vous de 16h\n\n{history}") == (
        "Annule mon rendez-vous de 16h"
    )


@pytest.mark.parametrize("signoff", ["-- \nClaire", "Envoyé de mon iPhone", "Best regards,\nAnna"])
def test_signatures_are_cut(signoff: str) -> None:
    assert (
        strip_history(f"Bloque deux heures vendredi\n\n{signoff}") == "Bloque deux heures vendredi"
    )


def test_an_inline_forward_makes_the_forwarder_the_requester_and_the_content_the_request() -> None:
    body = (
        "Peux-tu caler ça ?\n\n"
        "---------- Forwarded message ---------\n"
        "From: Paul Martin <paul@example.fr>\n"
        "Date: Wed, 25 Nov 2026\n"
        "Subject: Déjeuner\n"
        "To: Claire <claire@example.fr>\n\n"
        "Est-ce qu'on peut déjeuner jeudi prochain ?\n\nCordialement,\nPaul\n"
    )
    req = parse_message(mail(body, subject="Fwd: Déjeuner"))
    assert req.forwarded
    assert req.sender_email == "claire@example.fr"
    assert req.text == "Est-ce qu'on peut déjeuner jeudi prochain ?"
    assert req.forward_note == "Peux-tu caler ça ?"


def test_a_forward_as_attachment_reads_the_attached_message() -> None:
    inner = EmailMessage()
    inner["From"] = "Paul <paul@example.com>"
    inner["Subject"] = "Board prep"
    inner.set_content("Can we push the board prep back by 30 minutes?\n\nThanks,\nPaul")
    outer = EmailMessage()
    outer["From"] = "Anna <anna@example.com>"
    outer["Subject"] = "Fwd: Board prep"
    outer.set_content("See below, please handle.")
    outer.add_attachment(inner)
    req = parse_message(outer.as_bytes())
    assert (req.forwarded, req.sender_email) == (True, "anna@example.com")
    assert req.text == "Can we push the board prep back by 30 minutes?"
    assert req.forward_note == "See below, please handle."


def test_text_plain_is_preferred_over_html() -> None:
    msg = EmailMessage()
    msg["From"] = "a@example.com"
    msg.set_content("Cancel my 2pm")
    msg.add_alternative("<p>HTML version</p>", subtype="html")
    assert parse_message(msg.as_bytes()).text == "Cancel my 2pm"


def test_html_only_mail_becomes_text_without_scripts_images_or_quotes() -> None:
    msg = EmailMessage()
    msg["From"] = "a@example.com"
    msg.set_content(
        "<html><head><style>p{}</style><script>alert(1)</script></head><body>"
        "<p>Réunion avec Sophie demain&nbsp;à 10h</p><img src='http://track/x.png'>"
        "<iframe src='http://evil'></iframe><div class='gmail_quote'>old <b>quoted</b></div>"
        "</body></html>",
        subtype="html",
    )
    text = parse_message(msg.as_bytes()).text
    assert text == "Réunion avec Sophie demain à 10h"


def test_an_invitation_inside_is_flagged_never_accepted() -> None:
    msg = EmailMessage()
    msg["From"] = "unknown@phish.example"
    msg.set_content("Please accept.")
    ics = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    msg.add_alternative(ics, subtype="calendar", params={"method": "REQUEST"})
    req = parse_message(msg.as_bytes())
    assert req.has_invitation
    assert req.text == "Please accept."


@pytest.mark.parametrize(
    ("sender", "email"),
    [
        ("=?utf-8?q?a=40b?=c@host", ""),
        ('"alice@evil.com" <bob@good.com>', "bob@good.com"),
        ("alice@good.com<bob@evil.com>", "alice@good.com"),
    ],
)
def test_crafted_from_headers_are_parsed_strictly_and_flagged(sender: str, email: str) -> None:
    raw = f"From: {sender}\r\nSubject: x\r\n\r\nCancel my 2pm\r\n".encode()
    req = parse_message(raw)
    assert req.sender_suspect
    assert req.sender_email == email


def test_invisible_and_bidi_characters_in_a_sender_name_are_escaped_and_flagged() -> None:
    req = parse_message(mail("Cancel my 2pm", sender="Paul\u202egnp.exe <p@example.com>"))
    assert req.sender_suspect
    assert "\u202e" not in req.sender_name
    assert "\\u202e" in req.sender_name


def _timed_rejection(data: bytes) -> float:
    start = time.perf_counter()
    with pytest.raises(InvalidInput):
        parse_message(data)
    return time.perf_counter() - start


def test_a_million_part_mime_bomb_is_rejected_in_under_two_seconds() -> None:
    head = b'From: a@example.com\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'
    data = head + b"--b\r\n\r\nx\r\n" * 700_000 + b"--b--\r\n"
    assert _timed_rejection(data) < 2


def test_deep_multipart_nesting_is_rejected_in_under_two_seconds() -> None:
    parts = [b"From: a@example.com\r\n"]
    for i in range(10_000):
        parts.append(f'Content-Type: multipart/mixed; boundary="b{i}"\r\n\r\n--b{i}\r\n'.encode())
    assert _timed_rejection(b"".join(parts)) < 2


def test_moderate_nesting_past_the_depth_cap_is_rejected() -> None:
    parts = [b"From: a@example.com\r\n"]
    for i in range(15):
        parts.append(f'Content-Type: multipart/mixed; boundary="b{i}"\r\n\r\n--b{i}\r\n'.encode())
    parts.append(b"Content-Type: text/plain\r\n\r\nhi\r\n")
    for i in reversed(range(15)):
        parts.append(f"--b{i}--\r\n".encode())
    with pytest.raises(InvalidInput):
        parse_message(b"".join(parts))


def test_an_oversized_mail_is_rejected_before_parsing() -> None:
    data = mail("x") + b"A" * 11_000_000
    assert _timed_rejection(data) < 2


def test_an_mbox_yields_each_message_and_unescapes_from_lines() -> None:
    one = mail("Cancel my 2pm\n>From the desk of Anna", sender="anna@example.com")
    two = mail("Annule mon rendez-vous de 16h")
    data = b"From anna@example.com Thu Nov 26 09:00:00 2026\n" + one.replace(b"\r\n", b"\n")
    data += b"\nFrom claire@example.fr Thu Nov 26 09:01:00 2026\n" + two.replace(b"\r\n", b"\n")
    got = list(parse_mbox(data))
    assert [r.sender_email for r in got] == ["anna@example.com", "claire@example.fr"]
    assert got[0].text == "Cancel my 2pm\nFrom the desk of Anna"


def test_a_from_header_that_crashes_the_stdlib_parser_is_kept_raw_and_flagged() -> None:
    req = parse_message(b"From: a:b<\r\nSubject: s\r\n\r\nCancel my 2pm\r\n")
    assert req.sender_suspect
    assert req.text == "Cancel my 2pm"


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_mangled_mail_is_read_or_rejected_as_invalid_input_never_a_crash(
    data: st.DataObject,
) -> None:
    raw = bytearray(mail("Cale un déjeuner avec Paul\n\nCordialement"))
    for _ in range(data.draw(st.integers(1, 20))):
        pos = data.draw(st.integers(0, len(raw)))
        junk = data.draw(
            st.one_of(
                st.binary(max_size=8),
                st.sampled_from([b"\r\n--", b"boundary=q", b"=?utf-8?b?", b"From: a:b<\r\n", b"<"]),
            )
        )
        raw[pos:pos] = junk
    with contextlib.suppress(InvalidInput):
        parse_message(bytes(raw))
