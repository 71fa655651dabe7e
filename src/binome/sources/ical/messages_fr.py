"""French for the iCalendar reader's and writer's messages (folded into the catalogue)."""

FR = {
    "A line is too long ({size} characters, limit {limit}).": (
        "Une ligne est trop longue ({size} caractères, limite {limit})."
    ),
    "A time zone could not be exported: {problem}.": (
        "Un fuseau horaire n'a pas pu être exporté : {problem}."
    ),
    "An override needs a recurrence id.": (
        "Une exception à une série a besoin d'un RECURRENCE-ID."
    ),
    "Components are nested too deeply (limit {limit}).": (
        "Les composants sont imbriqués trop profondément (limite {limit})."
    ),
    "END:{kind} does not close the open component.": (
        "END:{kind} ne ferme pas le composant ouvert."
    ),
    "Invalid recurrence rule {rule}: {problem}.": (
        "Règle de récurrence invalide {rule} : {problem}."
    ),
    "Reading took too long (limit {limit} s).": (
        "La lecture a pris trop de temps (limite {limit} s)."
    ),
    "The file contains binary data (byte {byte}).": (
        "Le fichier contient des données binaires (octet {byte})."
    ),
    "The file ends inside {kind} (truncated?).": (
        "Le fichier s'arrête au milieu de {kind} (tronqué ?)."
    ),
    "The file is too large ({size} bytes, limit {limit}).": (
        "Le fichier est trop volumineux ({size} octets, limite {limit})."
    ),
    "This is not an iCalendar file (no BEGIN:VCALENDAR).": (
        "Ce n'est pas un fichier iCalendar (pas de BEGIN:VCALENDAR)."
    ),
    "Too many components (limit {limit}).": "Trop de composants (limite {limit}).",
    "invalid {prop}: {problem}": "{prop} invalide : {problem}",
    "no DTSTART": "pas de DTSTART",
    "unreadable {kind}: {problem}": "{kind} illisible : {problem}",
    "{kind} holds too many subcomponents (limit {limit}).": (
        "{kind} contient trop de sous-composants (limite {limit})."
    ),
    "{where}: duplicate UID {uid}; the newest version is kept.": (
        "{where} : UID {uid} en double ; la version la plus récente est gardée."
    ),
    "{where}: invalid UTF-8 replaced by U+FFFD.": "{where} : UTF-8 invalide remplacé par U+FFFD.",
    "{where}: time zone {zone} is not a known IANA zone; using the definition embedded in the "
    "file.": (
        "{where} : le fuseau {zone} n'est pas un fuseau IANA connu ; la définition incluse dans "
        "le fichier est utilisée."
    ),
    "{where}: unknown time zone {zone}; read in {default}, please review.": (
        "{where} : fuseau horaire inconnu {zone} ; lu en {default}, à vérifier."
    ),
    "{where}: {problem}": "{where} : {problem}",
}
