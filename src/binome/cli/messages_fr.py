"""French for the msgids of ``token_cmd`` and ``serve_cmd`` (to move into the catalogue)."""

from __future__ import annotations

from typing import Any

FR: dict[str, str] = {
    "{proposal} applied ({kind}).": "{proposal} appliquée ({kind}).",
    "Message to send to {to}": "Message à envoyer à {to}",
    "{id} dismissed.": "{id} écarté.",
    "critical": "critique",
    "Token {id} created. It is shown once; keep it safe:": (
        "Jeton {id} créé. Il n'est affiché qu'une fois ; conservez-le :"
    ),
    "Revoked token(s): {ids}.": "Jeton(s) révoqué(s) : {ids}.",
    "No API token yet.": "Aucun jeton d'API pour l'instant.",
    "revoked": "révoqué",
    "Serving binome on http://{host}:{port}/ (Ctrl+C to stop).": (
        "binome est servi sur http://{host}:{port}/ (Ctrl+C pour arrêter)."
    ),
}


def say(lang: str, msgid: str, **params: Any) -> str:
    from binome.i18n import render

    return render(msgid, lang, **params)
