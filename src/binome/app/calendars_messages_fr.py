"""French for the iCalendar import and export messages (merged by ``make i18n``)."""

FR = {
    "older than the stored version (SEQUENCE {sequence} < {stored})": (
        "plus ancienne que la version enregistrée (SEQUENCE {sequence} < {stored})"
    ),
    "The series of this file have too many occurrences ({count}, limit {limit}).": (
        "Les séries de ce fichier ont trop d'occurrences ({count}, limite {limit})."
    ),
    "{count} events use a time zone of the file with no IANA name: "
    "stored at their exact UTC times.": (
        "{count} événements utilisent un fuseau du fichier sans nom IANA : "
        "enregistrés à leurs instants UTC exacts."
    ),
    "Busy": "Occupé",
    "Cannot read {file}: {problem}.": "Impossible de lire {file} : {problem}.",
    "{file} → {calendar}: {created} created, {updated} updated, {unchanged} unchanged, "
    "{removed} removed upstream, {conflicts} conflicts, {skipped} skipped.": (
        "{file} → {calendar} : {created} créés, {updated} mis à jour, {unchanged} inchangés, "
        "{removed} supprimés à la source, {conflicts} conflits, {skipped} ignorés."
    ),
    "Conflict: {uid} was edited in binome; the file's version is in {where}.": (
        "Conflit : {uid} a été modifié dans binome ; la version du fichier est dans {where}."
    ),
    "Skipped (line {line}): {reason}": "Ignoré (ligne {line}) : {reason}",
    "{count} events removed upstream were deleted.": (
        "{count} événements supprimés à la source ont été effacés."
    ),
}
