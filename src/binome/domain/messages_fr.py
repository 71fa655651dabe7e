"""French text for the msgids of the profile modules (``profile``, ``profile_io``).

A plain dict so the interface (``binome.i18n``) can merge it into its catalogue without
running Babel; ``tests/domain/test_profile.py`` checks that every msgid is here.
"""

from __future__ import annotations

FR: dict[str, str] = {
    "Invalid profile value for {key}: {value} ({why}).": (
        "Valeur de profil invalide pour {key} : {value} ({why})."
    ),
    "expected {expected}": "attendu : {expected}",
    "HH:MM-HH:MM": "HH:MM-HH:MM",
    "HH:MM-HH:MM, end after start": "HH:MM-HH:MM, la fin après le début",
    "DAYS HH:MM-HH:MM, e.g. mon-thu 08:30-10:30": "JOURS HH:MM-HH:MM, ex. mon-thu 08:30-10:30",
    "e.g. wed-pm, fri-am, wed": "ex. wed-pm, fri-am, wed",
    "1on1, external, lunch, call": "1on1, external, lunch, call",
    "a table": "une table",
    "a number": "un nombre",
    "a whole number": "un nombre entier",
    "a list of strings": "une liste de textes",
    "true or false": "true ou false",
    "longer than the lunch window": "plus long que la fenêtre du déjeuner",
    "must not be negative": "ne doit pas être négatif",
    "unknown weekday; use mon..sun, mon-fri or *": (
        "jour inconnu ; utiliser mon..sun, mon-fri ou *"
    ),
    "unknown country code (ISO 3166, e.g. FR)": "code pays inconnu (ISO 3166, ex. FR)",
    "unknown key": "clé inconnue",
    "unknown time zone": "fuseau horaire inconnu",
    "unknown region for {country}": "région inconnue pour {country}",
    "The profile file is not valid TOML: {detail}.": (
        "Le fichier de profil n'est pas un TOML valide : {detail}."
    ),
    "Time zone: {zone}; public holidays of {country}.": (
        "Fuseau horaire : {zone} ; jours fériés : {country}."
    ),
    "{day}: works {range}.": "{day} : travaille {range}.",
    "{day}: not worked.": "{day} : non travaillé.",
    "Lunch between {range}, at least {minutes} min kept free.": (
        "Déjeuner entre {range}, au moins {minutes} min gardées libres."
    ),
    "{minutes} min of buffer between meetings.": "{minutes} min de battement entre réunions.",
    "At most {day} h of meetings a day and {week} h a week.": (
        "Au plus {day} h de réunions par jour et {week} h par semaine."
    ),
    "No meetings on {halfday}.": "Pas de réunion : {halfday}.",
    "Focus time target: {hours} h a week, preferably {windows}.": (
        "Temps de concentration visé : {hours} h par semaine, de préférence {windows}."
    ),
    "Preferred for {kind}: {windows}.": "Préférence pour {kind} : {windows}.",
    "Travel time: {places}; {default} min elsewhere off-site.": (
        "Trajets : {places} ; {default} min pour tout autre lieu extérieur."
    ),
    "Tentative events count as busy.": "Les événements provisoires comptent comme occupés.",
    "Tentative events do not count as busy.": (
        "Les événements provisoires ne comptent pas comme occupés."
    ),
}
