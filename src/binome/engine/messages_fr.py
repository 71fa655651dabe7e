"""French text for the msgids of the slot finder (``slots``, ``slot_score``).

A plain dict so the interface (``binome.i18n``) can merge it into its catalogue without
running Babel; ``tests/engine/test_slots.py`` checks that every msgid is here.
"""

from __future__ import annotations

FR: dict[str, str] = {
    "Ask for at least one slot.": "Demandez au moins un créneau.",
    "The duration must be positive.": "La durée doit être positive.",
    "Unknown meeting kind: {value}.": "Type de réunion inconnu : {value}.",
    "a public holiday of {name} ({country})": "un jour férié de {name} ({country})",
    "no common free time of {minutes} min in this window": (
        "aucun temps libre commun de {minutes} min dans cette période"
    ),
    "only if the no-meeting time is given up once": (
        "seulement en renonçant une fois au temps sans réunion"
    ),
    "only if travel time to an off-site meeting is shortened": (
        "seulement en raccourcissant le trajet vers une réunion à l'extérieur"
    ),
    "only if {name} accepts {start}-{end} their time": (
        "seulement si {name} accepte {start}-{end}, heure locale"
    ),
    "only if {name} frees {start}-{end} their time": (
        "seulement si {name} libère {start}-{end}, heure locale"
    ),
    "only if {name} meets on a public holiday ({date})": (
        "seulement si {name} accepte un jour férié ({date})"
    ),
    "only with less than {minutes} min between meetings": (
        "seulement avec moins de {minutes} min entre deux réunions"
    ),
    "the lunch break ({minutes} min kept free)": "la pause déjeuner ({minutes} min gardées libres)",
    "the no-meeting time ({halfdays})": "le temps sans réunion ({halfdays})",
    "the window is already past": "la période est déjà passée",
    "the lunch window ({range})": "la plage du déjeuner ({range})",
    "only if the lunch is held at {start}-{end}": "seulement avec un déjeuner à {start}-{end}",
    "the {minutes} min buffer between meetings": "le battement de {minutes} min entre réunions",
    "travel time around off-site meetings": "les trajets autour des réunions à l'extérieur",
    "{name}'s calendar is full in this window": "l'agenda de {name} est plein sur cette période",
    "{name}'s working hours ({zone}) leave no common time": (
        "les heures de travail de {name} ({zone}) ne laissent aucun temps commun"
    ),
    "buffer of {minutes} min kept": "battement de {minutes} min respecté",
    "busy day ({hours} h of meetings, {max} h at most)": (
        "journée chargée ({hours} h de réunions, {max} h au plus)"
    ),
    "day not overloaded ({hours} h of meetings)": "journée non surchargée ({hours} h de réunions)",
    "focus block untouched": "temps de concentration préservé",
    "focus target of {hours} h this week at risk": (
        "objectif de {hours} h de concentration menacé cette semaine"
    ),
    "inside everyone's hours: {times}": "dans les heures de chacun : {times}",
    "preferred window for calls": "créneau préféré pour les appels",
    "preferred window for external meetings": "créneau préféré pour les réunions externes",
    "preferred window for lunches": "créneau préféré pour les déjeuners",
    "preferred window for one-to-ones": "créneau préféré pour les tête-à-tête",
    "takes time from a focus block": "empiète sur un temps de concentration",
    "week over its {max} h of meetings": "semaine au-delà de ses {max} h de réunions",
    "{minutes} min of travel kept before and after": (
        "{minutes} min de trajet prévues avant et après"
    ),
}
