"""French for the e-mail intake's messages (folded into the catalogue by scripts/i18n_merge.py)."""

FR = {
    "The e-mail could not be read.": "Le courriel n'a pas pu être lu.",
    "The e-mail is too large or too complex ({reason}).": (
        "Le courriel est trop volumineux ou trop complexe ({reason})."
    ),
}
