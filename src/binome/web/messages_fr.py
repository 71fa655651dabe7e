"""French for every msgid the web app adds (pages, errors, sessions, cockpit).

The integrator moves these into ``i18n/fr/LC_MESSAGES/binome.po``; until then
``render.tr`` looks here first. A test checks that every ``_("...")`` in the templates and
every ``N_`` in the web modules has an entry.
"""

from __future__ import annotations

FR: dict[str, str] = {
    # navigation and layout
    "Skip to content": "Aller au contenu",
    "Main": "Principal",
    "Today": "Aujourd'hui",
    "Week": "Semaine",
    "Priorities": "Priorités",
    "Commitments": "Engagements",
    "Audit": "Journal d'audit",
    "Settings": "Réglages",
    "Log in": "Se connecter",
    "Log out": "Se déconnecter",
    "Login or e-mail": "Identifiant ou e-mail",
    "Password": "Mot de passe",
    "Error": "Erreur",
    "Reference": "Référence",
    "Back to today": "Retour à aujourd'hui",
    # today
    "The day": "La journée",
    "Nothing in the calendar today.": "Rien à l'agenda aujourd'hui.",
    "Busy": "Occupé",
    "all day": "toute la journée",
    "important": "important",
    "confidential": "confidentiel",
    "secret": "secret",
    "With": "Avec",
    "Join": "Rejoindre",
    "Risks": "Risques",
    "No risk ahead.": "Aucun risque en vue.",
    "Requests awaiting confirmation": "Demandes à confirmer",
    "No request waiting.": "Aucune demande en attente.",
    "Commitments due or late": "Engagements à tenir ou en retard",
    "Nothing due.": "Rien à échéance.",
    "Tasks by priority": "Tâches par priorité",
    "No open task.": "Aucune tâche ouverte.",
    "{n} more in Priorities": "{n} de plus dans Priorités",
    "{n} more in Commitments": "{n} de plus dans Engagements",
    "Private task": "Tâche privée",
    "Private commitment": "Engagement privé",
    "Private objective": "Objectif privé",
    "Mark done": "Marquer comme faite",
    "Done": "Fait",
    "done": "faite",
    "due": "échéance",
    "Mark kept": "Marquer tenu",
    "Kept": "Tenus",
    "high": "haute",
    "medium": "moyenne",
    "low": "basse",
    "open": "ouvert",
    "kept": "tenu",
    "late": "en retard",
    "renegotiated": "renégocié",
    "dropped": "abandonné",
    # week
    "Weeks": "Semaines",
    "Previous week": "Semaine précédente",
    "Next week": "Semaine suivante",
    "Week grid": "Grille de la semaine",
    "{n} overlapping items (conflicts) this week.": (
        "{n} éléments se chevauchent (conflits) cette semaine."
    ),
    "overloaded": "surchargé",
    "conflict": "conflit",
    "meeting": "réunion",
    "focus": "concentration",
    "task": "tâche",
    # priorities
    "Objectives": "Objectifs",
    "Objective": "Objectif",
    "Weight": "Poids",
    "No objective yet.": "Aucun objectif pour l'instant.",
    "Time spent since {date} against weight": "Temps passé depuis le {date} au regard du poids",
    "Time spent per objective against its weight": (
        "Temps passé par objectif au regard de son poids"
    ),
    "Time spent (%)": "Temps passé (%)",
    "Weight (%)": "Poids (%)",
    # commitments
    "Late": "En retard",
    "Open": "Ouverts",
    "Renegotiated or dropped": "Renégociés ou abandonnés",
    "None.": "Aucun.",
    "Reliability: kept on time, per week": "Fiabilité : tenus à temps, par semaine",
    "Kept on time (%)": "Tenus à temps (%)",
    "Week of": "Semaine du",
    "Due": "À échéance",
    # audit
    "Audit log intact: {n} entries verified.": "Journal d'audit intact : {n} entrées vérifiées.",
    "Audit log broken at entry {seq}.": "Journal d'audit rompu à l'entrée {seq}.",
    "When (UTC)": "Quand (UTC)",
    "Who": "Qui",
    "Action": "Action",
    "Object": "Objet",
    # settings
    "Language": "Langue",
    "Language of the pages": "Langue des pages",
    "Save": "Enregistrer",
    "API tokens: run `binome token create` in a terminal.": (
        "Jetons d'API : lancez `binome token create` dans un terminal."
    ),
    "Users": "Utilisateurs",
    "Grants": "Droits accordés",
    "People": "Personnes",
    "Name": "Nom",
    "E-mail": "E-mail",
    "Role": "Rôle",
    "Time zone": "Fuseau horaire",
    "Hours": "Horaires",
    "principal": "dirigeant",
    "assistant": "assistant",
    "backup": "suppléant",
    "viewer": "lecteur",
    # API docs
    "Method": "Méthode",
    "Path": "Chemin",
    "What": "Quoi",
    "Send `Authorization: Bearer <token>` (from `binome token create`). "
    "The machine-readable schema is at": (
        "Envoyez `Authorization: Bearer <jeton>` (obtenu par `binome token create`). "
        "Le schéma lisible par machine est à"
    ),
    # errors and sessions
    "Please log in.": "Veuillez vous connecter.",
    "A valid bearer token is required.": "Un jeton d'accès valide est requis.",
    "Unknown login or wrong password.": "Identifiant inconnu ou mot de passe erroné.",
    "Too many failed attempts; wait a few minutes and try again.": (
        "Trop d'essais infructueux ; patientez quelques minutes puis réessayez."
    ),
    "This form has expired or comes from another site; reload the page.": (
        "Ce formulaire a expiré ou vient d'un autre site ; rechargez la page."
    ),
    "Something went wrong on our side. Quote this reference: {id}.": (
        "Une erreur s'est produite de notre côté. Indiquez cette référence : {id}."
    ),
    "Not found.": "Introuvable.",
    "This action is not allowed here.": "Cette action n'est pas permise ici.",
    "Invalid request.": "Requête invalide.",
    "Invalid date: {value}.": "Date invalide : {value}.",
    "No such token: {ref}.": "Jeton inconnu : {ref}.",
    "Invalid If-Match: {value}.": "If-Match invalide : {value}.",
    "Task {ref} is already done.": "La tâche {ref} est déjà faite.",
    "Commitment {ref} is already closed ({status}).": (
        "L'engagement {ref} est déjà clos ({status})."
    ),
    "{ref} changed since you read it (now version {version}); reload and retry.": (
        "{ref} a changé depuis votre lecture (version {version}) ; rechargez et réessayez."
    ),
    "Token created (shown once, keep it safe): {token}": (
        "Jeton créé (affiché une seule fois, conservez-le) : {token}"
    ),
    "Token revoked.": "Jeton révoqué.",
    "Serving binome on http://{host}:{port}/": "binome est servi sur http://{host}:{port}/",
    # Ask, requests, priorities' why and plan, brief, settings (second half of issue 9)
    "Ask": "Demander",
    "Brief": "Brief",
    "Question:": "Question :",
    "Confirm option {n}": "Confirmer l'option {n}",
    "Confirm": "Confirmer",
    "Reject": "Refuser",
    "Confirmed": "Confirmée",
    "Rejected": "Refusée",
    "{n} invitation(s) drafted": "{n} invitation(s) préparée(s)",
    "A request in French or English": "Une demande en français ou en anglais",
    "What should be done?": "Que faut-il faire ?",
    "e.g. Organise a 30-minute meeting with Paul next Tuesday": (
        "p. ex. Organise une réunion de 30 minutes avec Paul mardi prochain"
    ),
    "Ask something": "Demander quelque chose",
    "Apply": "Appliquer",
    "Dismiss": "Écarter",
    "Score {score}, rank {rank} of {of}.": "Score {score}, rang {rank} sur {of}.",
    "Term": "Terme",
    "Contribution": "Contribution",
    "Why this priority": "Pourquoi cette priorité",
    "Why": "Pourquoi",
    "User": "Utilisateur",
    "Grant": "Autorisation",
    "Back to Priorities": "Retour aux priorités",
    "From {start} to {end}.": "Du {start} au {end}.",
    "Plan applied.": "Plan appliqué.",
    "Nothing to plan.": "Rien à planifier.",
    "Late despite the plan": "En retard malgré le plan",
    "Apply plan": "Appliquer le plan",
    "Plan": "Plan",
    "Tasks by priority score": "Tâches par score de priorité",
    "The plan": "Le plan",
    "Show the plan": "Voir le plan",
    "Computing the plan…": "Calcul du plan en cours…",
    "score": "score",
    "Print view": "Version imprimable",
    "Revoke": "Révoquer",
    "Add a grant": "Ajouter une autorisation",
    "Value (clearance level, item id or proposal kind)": (
        "Valeur (niveau d'habilitation, identifiant d'élément ou type de proposition)"
    ),
    "Work style": "Façon de travailler",
    "Unknown format: {value} (html).": "Format inconnu : {value} (html).",
    " I propose: ": " Je propose : ",
}

# The radar pages bring their own words (web/radar_messages_fr.py).
from binome.web.radar_messages_fr import FR as _RADAR  # noqa: E402

FR.update(_RADAR)
