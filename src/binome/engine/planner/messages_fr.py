"""French for every msgid the planner, the priority score and proposals use.

``binome.i18n`` merges these into the catalogue until the ``.po`` files carry them; a test
checks that every ``N_`` msgid of these modules has an entry here.
"""

FR: dict[str, str] = {
    # domain/proposal.py
    "Invalid change target: {value}.": "Cible de modification invalide : {value}.",
    # engine/priority.py
    "No due date.": "Pas d’échéance.",
    "Overdue since {due}.": "En retard depuis {due}.",
    "Due {due}, in {days} days.": "Échéance {due}, dans {days} jours.",
    "Not linked to an objective.": "Rattachée à aucun objectif.",
    "Serves the objective “{title}” (weight {weight}, heaviest {max}).": (
        "Sert l’objectif « {title} » (poids {weight}, le plus lourd {max})."
    ),
    "High priority.": "Priorité haute.",
    "Medium priority.": "Priorité moyenne.",
    "Low priority.": "Priorité basse.",
    "Creation date unknown.": "Date de création inconnue.",
    "Open for {days} days.": "Ouverte depuis {days} jours.",
    "Blocks no other task.": "Ne bloque aucune autre tâche.",
    "Blocks {count} other open tasks ({ids}).": "Bloque {count} autres tâches ouvertes ({ids}).",
    "Not waiting on anyone.": "N’attend personne.",
    "Waiting on {who}.": "En attente de {who}.",
    "Unknown priority coefficient: {value}.": "Coefficient de priorité inconnu : {value}.",
    # engine/planner
    "The planner needs time-zone-aware instants.": (
        "Le planificateur a besoin d’instants avec fuseau horaire."
    ),
    "The planning horizon must end after now.": (
        "L’horizon de planification doit finir après maintenant."
    ),
    "depends on task {task}, which finishes {when}": (
        "dépend de la tâche {task}, qui se termine {when}"
    ),
    "depends on task {task}, which cannot be placed before the horizon end": (
        "dépend de la tâche {task}, qui ne peut pas être placée avant la fin de l’horizon"
    ),
    "not enough free time before the due date: {free} free, {needed} needed": (
        "pas assez de temps libre avant l’échéance : {free} libres, {needed} nécessaires"
    ),
    "the {free} free before the due date go to more urgent tasks; {needed} needed": (
        "les {free} libres avant l’échéance vont à des tâches plus urgentes ; {needed} nécessaires"
    ),
    "Defer task {task} “{title}” until after {due}": (
        "Reporter la tâche {task} « {title} » après {due}"
    ),
    "Task {task} has a lower priority and frees {freed} before the due date.": (
        "La tâche {task} est moins prioritaire et libère {freed} avant l’échéance."
    ),
    "Hand task {task} “{title}” to the assistant": (
        "Confier la tâche {task} « {title} » à l’assistant·e"
    ),
    "The assistant has {free} free before the due date.": (
        "L’assistant·e a {free} de libre avant l’échéance."
    ),
    "Move the meeting “{title}” after {due}": "Déplacer la réunion « {title} » après {due}",
    "Shorten the meeting “{title}” to end at {end}": (
        "Raccourcir la réunion « {title} » pour finir à {end}"
    ),
    "Frees {freed} before the due date.": "Libère {freed} avant l’échéance.",
    "Renegotiate the due date of task {task} to {new_due}": (
        "Renégocier l’échéance de la tâche {task} au {new_due}"
    ),
    "The best plan finishes it {late} late.": "Le meilleur plan la termine avec {late} de retard.",
    "New date for “{title}”": "Nouvelle date pour « {title} »",
    "Hello, “{title}” will not be ready by {due} as planned. Could we agree on {new_due}? "
    "Thank you for your understanding.": (
        "Bonjour, « {title} » ne sera pas prêt pour le {due} comme prévu. Pourrions-nous "
        "convenir du {new_due} ? Merci de votre compréhension."
    ),
}
