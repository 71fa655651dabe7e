"""French text for the msgids of the work style and slot use cases and their presenters
(``app.profile``, ``app.slots``, ``domain.periods``, ``engine.slot_relax``,
``present.slots``, the CLI commands).

A plain dict, like ``engine.messages_fr``: ``present.slots.say`` uses it while the gettext
catalogue lacks these msgids; ``tests/app/test_slots.py`` checks that every msgid is here.
"""

from __future__ import annotations

FR: dict[str, str] = {
    "A viewer sees free/busy time only.": "Un lecteur ne voit que les plages occupées.",
    "Only the principal or an assistant can change the profile.": (
        "Seuls la personne dirigeante ou un assistant peuvent modifier le profil."
    ),
    "Unknown period: {value} (try {examples}).": "Période inconnue : {value} (essayez {examples}).",
    "Ask for at most {max} slots.": "Demandez au plus {max} créneaux.",
    "Give either --within or --from/--to, not both.": (
        "Donnez --within ou bien --from/--to, pas les deux."
    ),
    "Unknown meeting kind: {value}.": "Type de réunion inconnu : {value}.",
    "Unknown person: {email} (add them with `binome person add`).": (
        "Personne inconnue : {email} (ajoutez-la avec `binome person add`)."
    ),
    "{name}'s own calendar is not in binome: only their meetings with the principal count "
    "as busy.": (
        "L'agenda de {name} n'est pas dans binome : seules ses réunions avec la personne "
        "dirigeante comptent comme occupées."
    ),
    "{name} has no time zone in binome: taken to be in {zone}.": (
        "{name} n'a pas de fuseau horaire dans binome : on suppose {zone}."
    ),
    "Slots of {minutes} min with {names} ({zone} time):": (
        "Créneaux de {minutes} min avec {names} (heure de {zone}) :"
    ),
    "No slot fits; what blocks most: {blocked}.": (
        "Aucun créneau ne convient ; ce qui bloque le plus : {blocked}."
    ),
    "Closest options if one constraint gave way:": (
        "Options les plus proches si une contrainte cédait :"
    ),
    "only if {people} accept, their time": "seulement si {people} acceptent, heure locale",
    "{some} and {last}": "{some} et {last}",
    "local times: {times}": "heures locales : {times}",
    "(Default work style: none stored yet.)": (
        "(Profil de travail par défaut : aucun n'est encore enregistré.)"
    ),
    "Work style updated: {key} = {value}.": "Profil de travail mis à jour : {key} = {value}.",
    "Work style imported from {file}.": "Profil de travail importé depuis {file}.",
    "Cannot read {file}: {detail}.": "Impossible de lire {file} : {detail}.",
}
