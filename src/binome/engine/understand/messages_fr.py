"""French wording of every msgid the understanding engine emits.

Kept as a plain dict so the integrator can move it into the gettext catalogue
(``src/binome/i18n``) in one step; ``reformulate.render`` reads it until then.
"""

from __future__ import annotations

FR: dict[str, str] = {
    # restatements
    "You want to schedule {title}{people}{when}.": (
        "Vous souhaitez organiser {title}{people}{when}."
    ),
    "You want to move {title}{people}{ref}{when}{shift}.": (
        "Vous souhaitez déplacer {title}{people}{ref}{when}{shift}."
    ),
    "You want to cancel {title}{people}{ref}.": "Vous souhaitez annuler {title}{people}{ref}.",
    "You want to block time for {title}{when}.": (
        "Vous souhaitez bloquer du temps pour {title}{when}."
    ),
    "You want to add the task {title}{deadline}.": (
        "Vous souhaitez ajouter la tâche {title}{deadline}."
    ),
    "You want a reminder: {title}{when}{offset}.": (
        "Vous souhaitez un rappel : {title}{when}{offset}."
    ),
    "You want to know what is on your calendar{when}.": (
        "Vous souhaitez savoir ce que vous avez à l'agenda{when}."
    ),
    # default titles
    "a meeting": "une réunion",
    "the event": "l'événement",
    "focused work": "du travail de fond",
    "(no title)": "(sans titre)",
    # pieces
    " with {names}": " avec {names}",
    " on {date} at {time}": " {date} à {time}",
    " from {date}": " à partir du {date}",
    " on {date} from {start} to {end}": " {date} de {start} à {end}",
    " on {date} between {start} and {end}": " {date} entre {start} et {end}",
    " on {date}": " {date}",
    " between {first} and {last}": " entre le {first} et le {last}",
    " planned on {date} at {time}": " du {date} à {time}",
    " planned on {date}": " du {date}",
    " before {date} at {time}": " avant {date} à {time}",
    " before {date}": " avant {date}",
    " later by {minutes} minutes": " de {minutes} minutes plus tard",
    " earlier by {minutes} minutes": " de {minutes} minutes plus tôt",
    " {minutes} minutes before it": " {minutes} minutes avant",
    # questions
    "Which {name} do you mean: {candidates}?": "De quel {name} s'agit-il : {candidates} ?",
    "Today is {today}: do you mean today or {date}?": (
        "Nous sommes {today} : aujourd'hui ou {date} ?"
    ),
    "Do you mean {first} or {second}?": "Voulez-vous dire {first} ou {second} ?",
    "{date} is in the past: which date do you mean?": (
        "{date} est passé : quelle date voulez-vous dire ?"
    ),
    "{date} is a weekend day: do you want it anyway?": (
        "{date} tombe un week-end : le maintenir quand même ?"
    ),
    "{minutes} minutes do not fit between {start} and {end}: which should change?": (
        "{minutes} minutes ne tiennent pas entre {start} et {end} : que faut-il changer ?"
    ),
    # errors
    "The request is empty.": "La demande est vide.",
    "The request is too long (over {limit} characters).": (
        "La demande est trop longue (plus de {limit} caractères)."
    ),
}
