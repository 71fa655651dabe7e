"""French for the request use cases' own messages (folded into the catalogue by make i18n)."""

FR = {
    "Cannot read {path}.": "Impossible de lire {path}.",
    "Choose an option between 1 and {count}.": "Choisissez une option entre 1 et {count}.",
    "Focused work": "Travail de fond",
    "Meeting": "Réunion",
    "Reminder": "Rappel",
    "Request {ref} is already {status}.": "La demande {ref} est déjà {status}.",
    "Request {ref} needs an answer first: {question}": (
        "La demande {ref} attend d'abord une réponse : {question}"
    ),
    "This request has nothing to carry out.": "Cette demande n'a rien à exécuter.",
}
