"""French text for the radar's msgids (engine, ``app.radar``, ``app.changes``).

A plain dict merged by ``app.radar.render_text`` until the integrator moves these msgids
into the gettext catalogue; ``tests/engine/test_radar.py`` checks that every msgid is here.
"""

from __future__ import annotations

FR: dict[str, str] = {
    "it overlaps “{other}”": "cela chevauche « {other} »",
    "it leaves {buffer} before “{next}”": "cela laisse {buffer} avant « {next} »",
    "it leaves {travel} to reach {place}": "cela laisse {travel} pour rejoindre {place}",
    "“{first}” and “{second}” overlap by {overlap} on {start}.": (
        "« {first} » et « {second} » se chevauchent de {overlap} le {start}."
    ),
    "Ask for the agenda and the place of “{title}”": (
        "Demander l'ordre du jour et le lieu de « {title} »"
    ),
    "One message to {count} person(s).": "Un message à {count} personne(s).",
    "Agenda for “{title}”": "Ordre du jour de « {title} »",
    "Hello, could you send the agenda, the place or the video link of “{title}” on {start}? "
    "Thank you.": (
        "Bonjour, pourriez-vous envoyer l'ordre du jour, le lieu ou le lien de visio de "
        "« {title} » du {start} ? Merci."
    ),
    "“{first}” ends at {end} and “{second}” starts right after: no {buffer} break.": (
        "« {first} » finit à {end} et « {second} » commence juste après : pas de pause de {buffer}."
    ),
    "Only {gap} between “{first}” ({here}) and “{second}” ({there}): the trip takes {travel}.": (
        "Seulement {gap} entre « {first} » ({here}) et « {second} » ({there}) : le trajet "
        "prend {travel}."
    ),
    "“{title}” on {start} has no agenda, no place and no video link.": (
        "« {title} » du {start} n'a ni ordre du jour, ni lieu, ni lien de visio."
    ),
    "“{title}” on {start} matters and no preparation time is planned before it.": (
        "« {title} » du {start} est important et aucun temps de préparation n'est prévu avant."
    ),
    "it leaves no lunch break": "cela ne laisse pas de pause déjeuner",
    "it falls outside working hours": "c'est hors des heures de travail",
    "it falls on a public holiday": "c'est un jour férié",
    "the {period} holds {load} of meetings": "la {period} compte {load} de réunions",
    "day": "journée",
    "week": "semaine",
    "{load} of meetings this {period}: {over} over your maximum of {limit}.": (
        "{load} de réunions cette {period} : {over} au-delà de votre maximum de {limit}."
    ),
    "No lunch break of {need} left on {day}.": "Plus de pause déjeuner de {need} le {day}.",
    "At most {reach} of focus time this week, under your target of {target}.": (
        "Au plus {reach} de temps de concentration cette semaine, sous votre objectif de {target}."
    ),
    "“{title}” weighs {due} per cent of your objectives but got {got} per "
    "cent of your time over the last four weeks.": (
        "« {title} » pèse {due} % de vos objectifs mais n'a reçu que {got} % de votre temps "
        "ces quatre dernières semaines."
    ),
    "Focus time": "Temps de concentration",
    "Focus time (catching up)": "Temps de concentration (rattrapage)",
    "“{title}” falls outside the working hours of {names} ({local} their time).": (
        "« {title} » tombe hors des heures de travail de {names} ({local}, heure locale)."
    ),
    "“{title}” on {start} is a public holiday for {names} ({countries}).": (
        "« {title} » du {start} tombe un jour férié pour {names} ({countries})."
    ),
    "Hello, I will unfortunately not be able to attend “{title}” on {start}: {why}. "
    "Please accept my apologies.": (
        "Bonjour, je ne pourrai malheureusement pas participer à « {title} » le {start} : "
        "{why}. Veuillez m'en excuser."
    ),
    "Declined: {title}": "Refusé : {title}",
    "New date for “{title}”": "Nouvelle date pour « {title} »",
    "Hello, “{title}” will not be ready by {due} as planned. Could we agree on {new_due}? "
    "Thank you for your understanding.": (
        "Bonjour, « {title} » ne sera pas prêt pour le {due} comme prévu. Pourrions-nous "
        "convenir du {new_due} ? Merci de votre compréhension."
    ),
    "a busy slot": "un créneau occupé",
    "someone": "quelqu'un",
    "Ask the assistant for a briefing note on “{title}”": (
        "Demander à l'assistant(e) une note de synthèse sur « {title} »"
    ),
    "Reading a page takes less time than preparing from scratch.": (
        "Lire une page prend moins de temps que de tout préparer."
    ),
    "Briefing note: {title}": "Note de synthèse : {title}",
    "Could you prepare a one-page note for “{title}” on {start}: who attends, what is at "
    "stake, what we want from it? Thank you.": (
        "Pourriez-vous préparer une note d'une page pour « {title} » du {start} : qui "
        "participe, quels enjeux, ce que nous en attendons ? Merci."
    ),
    "Decline “{title}” with a message": "Décliner « {title} » avec un message",
    "Shorten “{title}” to end at {end}": "Raccourcir « {title} » pour finir à {end}",
    "Add a {minutes}-minute preparation block at {start}": (
        "Ajouter {minutes} minutes de préparation le {start}"
    ),
    "Free time before “{title}”.": "Du temps libre avant « {title} ».",
    "Renegotiate “{title}” to {new_due}": "Renégocier « {title} » au {new_due}",
    "Asks for {delay} more, with a drafted message.": (
        "Demande {delay} de plus, avec un message rédigé."
    ),
    "Hand “{title}” to the assistant": "Confier « {title} » à l'assistant(e)",
    "Frees {free} of your time before the due date.": (
        "Libère {free} de votre temps avant l'échéance."
    ),
    "Block {duration} at {start}: {title}": "Bloquer {duration} le {start} : {title}",
    "Free time that nobody else needs.": "Du temps libre dont personne d'autre n'a besoin.",
    "Move “{title}” to {start}": "Déplacer « {title} » au {start}",
    "Everyone is free then, within working hours and buffers.": (
        "Tout le monde est libre, dans les heures de travail et avec les marges."
    ),
    "Preparation: {title}": "Préparation : {title}",
    "You promised {name} “{what}” by {due}: it is overdue.": (
        "Vous avez promis à {name} « {what} » pour le {due} : c'est en retard."
    ),
    "You promised {name} “{what}” by {due}, and it is not done yet.": (
        "Vous avez promis à {name} « {what} » pour le {due}, et ce n'est pas encore fait."
    ),
    "Send a reminder about request {ref}": "Relancer au sujet de la demande {ref}",
    "The answer is needed to act on it.": "La réponse est nécessaire pour agir.",
    "Waiting for your answer: {what}": "En attente de votre réponse : {what}",
    "Hello, this request is waiting for your answer since {since}: “{what}”. Thank you.": (
        "Bonjour, cette demande attend votre réponse depuis le {since} : « {what} ». Merci."
    ),
    "“{title}” is past due since {due}.": "« {title} » est en retard depuis le {due}.",
    "Not enough free time before {due} for “{title}” ({estimate}): it would end around {finish}.": (
        "Pas assez de temps libre avant le {due} pour « {title} » ({estimate}) : ce serait "
        "fini vers le {finish}."
    ),
    "Work on: {what}": "Travailler sur : {what}",
    "Request {ref} has been waiting for {age}: “{what}”.": (
        "La demande {ref} attend depuis {age} : « {what} »."
    ),
    "A risk's severity is 1 to 4 (got {value}).": (
        "La gravité d'un risque va de 1 à 4 (reçu {value})."
    ),
    "Span bounds must carry a time zone.": "Les bornes d'une période doivent porter un fuseau.",
    "A risk carries at most three proposals.": "Un risque porte au plus trois propositions.",
    "No {kind} {ref} here.": "Aucun(e) {kind} {ref} ici.",
    "Say why with --reason.": "Dites pourquoi avec --reason.",
    "Proposal {ref} was already applied.": "La proposition {ref} a déjà été appliquée.",
    "Proposal {ref} is out of date: run binome radar again.": (
        "La proposition {ref} n'est plus à jour : relancez binome radar."
    ),
    "Proposal {ref} is out of date: run binome plan again.": (
        "La proposition {ref} n'est plus à jour : relancez binome plan."
    ),
    "Invalid change parameter {field}.": "Paramètre de modification invalide : {field}.",
    "Invalid change target: {value}.": "Cible de modification invalide : {value}.",
    "This change cannot be applied here: {kind}.": (
        "Cette modification ne peut pas être appliquée ici : {kind}."
    ),
    "Only a timed event can be shortened.": "Seul un événement horaire peut être raccourci.",
    "No free slot for this meeting in the week after {date}.": (
        "Aucun créneau libre pour cette réunion dans la semaine après le {date}."
    ),
}
