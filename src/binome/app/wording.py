"""Words for priorities and plans: render engine ``Message``s in French or English.

French comes from the one gettext catalogue (``binome.i18n``); this module's ``FR`` dict is
only an input that ``make i18n`` folds into it. ``say`` adds what plain ``render`` lacks:
messages stored as JSON (``{"msgid", "params"}``, ISO instants) render like live ones.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, tzinfo
from typing import Any

from binome.domain.errors import N_
from binome.domain.text import Message
from binome.i18n import render

__all__ = ["FR", "say", "say_json"]

#: French for the msgids of ``app/priorities.py``, ``app/planning.py`` and their commands.
FR: dict[str, str] = {
    N_("Serves an objective you may not see (weight {weight})."): (
        "Sert un objectif que vous ne pouvez pas voir (poids {weight})."
    ),
    N_("Unknown proposal: {ref}."): "Proposition inconnue : {ref}.",
    N_("You are not allowed to read this item."): "Vous n’avez pas accès à cet élément.",
    N_(
        "This change cannot be applied: {kind}."
    ): "Cette modification ne peut pas être appliquée : {kind}.",
    N_(
        "No free time for “{title}” after {when}."
    ): "Pas de temps libre pour « {title} » après {when}.",
    N_("Only a meeting can be moved or shortened this way."): (
        "Seule une réunion peut être déplacée ou raccourcie ainsi."
    ),
    N_("The new end must be after the start and before the current end."): (
        "La nouvelle fin doit suivre le début et précéder la fin actuelle."
    ),
    N_("The horizon must be between 1 day and 13 weeks (got {value})."): (
        "L’horizon doit être compris entre 1 jour et 13 semaines (reçu : {value})."
    ),
    N_("Task {ref} is done or dropped: it has no priority."): (
        "La tâche {ref} est terminée ou abandonnée : elle n’a pas de priorité."
    ),
    # CLI labels
    N_("ID"): "ID",
    N_("Task"): "Tâche",
    N_("Estimate"): "Estimation",
    N_("Due"): "Échéance",
    N_("Priority"): "Priorité",
    N_("Busy"): "Occupé",
    N_("high"): "haute",
    N_("medium"): "moyenne",
    N_("low"): "basse",
    N_("Start"): "Début",
    N_("End"): "Fin",
    N_("Owner"): "Responsable",
    N_("Score"): "Score",
    N_("Term"): "Terme",
    N_("Value"): "Valeur",
    N_("Coefficient"): "Coefficient",
    N_("Contribution"): "Contribution",
    N_("Why"): "Pourquoi",
    N_("Task {id} “{title}”: priority score {score}."): (
        "Tâche {id} « {title} » : score de priorité {score}."
    ),
    N_("Plan from {start} to {end}: {count} blocks."): (
        "Plan du {start} au {end} : {count} blocs."
    ),
    N_("Proven optimal."): "Optimalité prouvée.",
    N_("Best plan found; gap to the bound {gap} %."): (
        "Meilleur plan trouvé ; écart à la borne {gap} %."
    ),
    N_("No plan found within the time limit."): "Aucun plan trouvé dans le temps imparti.",
    N_("Late: {id} “{title}”, due {due}: {reason}."): (
        "En retard : {id} « {title} », échéance {due} : {reason}."
    ),
    N_("Applied: {created} created, {moved} moved, {removed} removed, {kept} kept."): (
        "Appliqué : {created} créés, {moved} déplacés, {removed} supprimés, {kept} conservés."
    ),
    N_("Not applied: run again with --apply to write the blocks."): (
        "Non appliqué : relancez avec --apply pour écrire les blocs."
    ),
    N_("focus"): "concentration",
    N_("… and {count} more (--json)."): "… et {count} de plus (--json).",
    N_("assistant"): "assistant·e",
    N_("(hidden)"): "(masqué)",
    # priority term names
    N_("due"): "échéance",
    N_("objective"): "objectif",
    N_("priority"): "priorité",
    N_("blocking"): "bloquante",
    N_("age"): "ancienneté",
    N_("waiting"): "en attente",
}


def say(item: Message | str, lang: str, tz: tzinfo | None = None, **params: Any) -> str:
    """``item`` as text in ``lang``, dates in ``tz``; nested messages rendered the same way."""
    msg = item if isinstance(item, Message) else Message(item, {})
    values = {**msg.params, **params}
    values = {
        k: say(v, lang, tz) if isinstance(v, Message) else _json_message(v, lang, tz)
        for k, v in values.items()
    }
    return render(Message(msg.msgid, values), lang, tz)


def _json_message(value: Any, lang: str, tz: tzinfo | None) -> Any:
    """A message in JSON form (``{"msgid", "params"}``, as drafts carry) is rendered too."""
    if isinstance(value, dict) and set(value) == {"msgid", "params"}:
        return say(Message(str(value["msgid"]), _instants(value["params"])), lang, tz)
    return value


def _instants(params: dict[str, Any]) -> dict[str, Any]:
    """ISO instants back to datetimes, ``PT<n>M`` back to durations (see ``Message.as_json``)."""
    out: dict[str, Any] = {}
    for key, value in params.items():
        if isinstance(value, str) and re.fullmatch(r"PT\d+M", value):
            out[key] = timedelta(minutes=int(value[2:-1]))
            continue
        if isinstance(value, str) and len(value) >= 19 and value[10:11] == "T":
            try:
                out[key] = datetime.fromisoformat(value)
                continue
            except ValueError:
                pass
        out[key] = value
    return out


def say_json(message: dict[str, Any], lang: str, tz: tzinfo | None = None) -> str:
    """A message stored as ``{"msgid", "params"}`` (ISO strings for instants), as text."""
    return str(_json_message(message, lang, tz))
