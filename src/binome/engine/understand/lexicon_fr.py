"""French words the request-understanding rules read, folded (lower case, no accents).

Kept apart from the rules so a reader can see the whole vocabulary at a glance and extend
it without touching the logic. Every entry is *folded* text: ``apres-midi``, not
``après-midi`` — see ``normalize.fold``.
"""

from __future__ import annotations

WEEKDAYS: dict[str, int] = {
    "lundi": 0,
    "mardi": 1,
    "mercredi": 2,
    "jeudi": 3,
    "vendredi": 4,
    "samedi": 5,
    "dimanche": 6,
}

MONTHS: dict[str, int] = {
    "janvier": 1,
    "janv": 1,
    "fevrier": 2,
    "fevr": 2,
    "mars": 3,
    "avril": 4,
    "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "juil": 7,
    "aout": 8,
    "septembre": 9,
    "sept": 9,
    "octobre": 10,
    "oct": 10,
    "novembre": 11,
    "nov": 11,
    "decembre": 12,
    "dec": 12,
}

NUMBERS: dict[str, int] = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "quinze": 15,
    "vingt": 20,
    "trente": 30,
    "quarante": 40,
    "quarante-cinq": 45,
    "soixante": 60,
}

# Verbs and phrases, by intent (checked in the order given in ``intent.py``).
ASK = (
    r"qu'est-ce que j'ai",
    r"est-ce que j'ai",
    r"\bai-je\b",
    r"qu'ai-je",
    r"j'ai quoi",
    r"est-ce que je suis (?:libre|dispo)",
    r"suis-je (?:libre|dispo)",
    r"a quelle heure",
    r"quand (?:est|a lieu)",
    r"qu'est-ce qu'il y a",
    r"quel est mon (?:planning|agenda)",
)
REMIND = (r"rappelle-moi", r"fais-moi penser", r"rappelle moi", r"n'oublie pas de me rappeler")
CANCEL = (r"\bannule", r"\bsupprime", r"n'a plus lieu", r"\bdecommande", r"\bannuler\b")
MOVE = (
    r"\bdecal(?:e|er|ez|es)\b",
    r"\brepouss(?:e|er|ez|es)\b",
    r"\bdeplac(?:e|er|ez|es)\b",
    r"\breport(?:e|er|ez|es)\b",
    r"\bglisse(?:r|z)?\b",
    r"\bavance(?:r|z)?\b",
    r"\bretarde(?:r|z)?\b",
)
TASK = (
    r"\btache\b",
    r"\bnote qu'il faut",
    r"^pense a\b",
    r"^il faut (?!que)",
    r"^je dois\b",
    r"^(?:envoyer|appeler|valider|relancer|signer|preparer)\b",
)
BLOCK = (
    r"\bbloque",
    r"\breserve-moi\b",
    r"\bgarde-moi\b",
    r"\bmets un bloc",
    r"\bprotege",
)
MEETING = (
    r"\bcale",
    r"\borganise",
    r"\bplanifie",
    r"\breunion",
    r"\bvoir\b",
    r"\bvoie\b",
    r"\bvois\b",
    r"\brencontr",
    r"\bdejeuner\b",
    r"\bcreneau\b",
    r"\brendez-vous\b",
    r"\bvisio\b",
    r"\bappel\b",
    r"\bpoint\b",
    r"\bcafe\b",
)

# Meeting nouns, used for the title and to tell "block" from "schedule".
MEETING_NOUNS = (
    "dejeuner d'equipe",
    "reunion budget",
    "comite de direction",
    "dejeuner",
    "reunion",
    "rendez-vous",
    "visio",
    "appel",
    "call",
    "point",
    "cafe",
    "verre",
    "diner",
    "comite",
)

PEOPLE_STOP = frozenset(
    [
        "tous",
        "toutes",
        "chaque",
        "a",
        "au",
        "aux",
        "pour",
        "sur",
        "de",
        "du",
        "des",
        "en",
        "dans",
        "avant",
        "apres",
        "entre",
        "jusqu'a",
        "d'ici",
        "vers",
        "le",
        "la",
        "les",
        "ce",
        "cette",
        "demain",
        "aujourd'hui",
        "apres-demain",
        "ou",
        "s'il",
        "si",
        "qui",
        "que",
        "pendant",
        "lors",
        "prochain",
        "prochaine",
        "matin",
        "midi",
        "soir",
    ]
)
ARTICLES = frozenset(
    [
        "le",
        "la",
        "les",
        "l'",
        "un",
        "une",
        "mon",
        "ma",
        "mes",
        "notre",
        "nos",
        "ton",
        "ta",
        "tes",
        "leur",
        "leurs",
    ]
)
CONJUNCTIONS = frozenset({"et"})
