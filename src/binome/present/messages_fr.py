"""French for the msgids of the brief and the demo (present/brief.py, cli/brief_cmd.py,
cli/demo_cmd.py), until the integrator moves them into the gettext catalogue.

``present.brief.tr`` reads the catalogue first and falls back to this dict, so a msgid that
lands in ``fr/LC_MESSAGES/binome.po`` wins over the entry here.
"""

from __future__ import annotations

FR: dict[str, str] = {
    # present/brief.py
    "Busy": "Occupé",
    "all day": "toute la journée",
    "Morning brief — {day}": "Brief du matin — {day}",
    "Weekly review — week of {day}": "Revue de la semaine — semaine du {day}",
    "{principal} · {tz} · read by {reader} ({role})": (
        "{principal} · {tz} · lu par {reader} ({role})"
    ),
    "Today": "Aujourd'hui",
    "Nothing in the agenda.": "Rien à l'agenda.",
    "Priorities": "Priorités",
    "No open task.": "Aucune tâche ouverte.",
    "overdue": "en retard",
    "due {when}": "échéance {when}",
    "waits for {ids}": "attend {ids}",
    "Decisions needed": "Décisions à prendre",
    "Nothing to decide.": "Rien à décider.",
    "To confirm: {what}": "À confirmer : {what}",
    "Question: {question}": "Question : {question}",
    "Late: {what}": "En retard : {what}",
    "was due {when}, to {to}": "dû {when}, à {to}",
    "Commitments this week": "Engagements de la semaine",
    "{what} — due {when}, to {to}": "{what} — dû {when}, à {to}",
    "Risks": "Risques",
    "{count} confidential item(s) not shown.": (
        "{count} élément(s) confidentiel(s) non affiché(s)."
    ),
    "The week": "La semaine",
    "Meetings: {count} ({hours})": "Réunions : {count} ({hours})",
    "Commitments: {on_time} kept on time, {kept_late} kept late, {late} late": (
        "Engagements : {on_time} tenu(s) à temps, {kept_late} tenu(s) en retard, {late} en retard"
    ),
    "Reliability: {percent} %": "Fiabilité : {percent} %",
    "Tasks done: {count}": "Tâches terminées : {count}",
    "principal": "principal",
    "assistant": "assistant",
    "backup": "suppléant",
    "viewer": "lecteur",
    # cli/brief_cmd.py
    "Unknown format: {value} (text, md, html, pdf).": (
        "Format inconnu : {value} (text, md, html, pdf)."
    ),
    "A PDF needs a file: add -o FILE.": "Un PDF a besoin d'un fichier : ajoutez -o FICHIER.",
    "Brief written to {path}.": "Brief écrit dans {path}.",
    # cli/demo_cmd.py
    "This database already holds a workspace: use another --db, or --force to replace "
    "the SQLite file.": "Cette base contient déjà un espace de travail : utilisez une autre "
    "--db, ou --force pour remplacer le fichier SQLite.",
    "--force only replaces SQLite files; drop the PostgreSQL database yourself.": (
        "--force ne remplace que des fichiers SQLite ; supprimez vous-même la base PostgreSQL."
    ),
    "Demo workspace {name}: {people} people, {events} events, {tasks} tasks, "
    "{commitments} commitments, {requests} requests.": "Espace de démonstration {name} : "
    "{people} personnes, {events} événements, {tasks} tâches, {commitments} engagements, "
    "{requests} demandes.",
    "Logins (demo passwords, for this demo only)": (
        "Identifiants (mots de passe de démonstration uniquement)"
    ),
    "Open the web app:": "Ouvrir l'application web :",
    "Or read the brief as another user:": "Ou lire le brief comme un autre utilisateur :",
}
