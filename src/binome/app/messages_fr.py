"""French for the msgids added by users, grants, search, key rotation and the audit checks.

The integrator moves these into ``i18n/fr/LC_MESSAGES/binome.po``; until then this dict is
the reference (and ``tests/app/test_messages_fr.py`` checks every new msgid has an entry
with the same ``{fields}``).
"""

from __future__ import annotations

FR = {
    # errors (app/users.py, app/search.py, app/keys.py, cli/users_cmd.py)
    "--attendees-max is between 0 and 1000.": "--attendees-max est compris entre 0 et 1000.",
    "--max-minutes is between 1 and 1440.": "--max-minutes est compris entre 1 et 1440.",
    "--valid-days is between 1 and 3650.": "--valid-days est compris entre 1 et 3650.",
    "A user name has 1 to 100 characters.": "Un nom d'utilisateur a de 1 à 100 caractères.",
    "A user name may not contain '@' or control characters.": (
        "Un nom d'utilisateur ne peut contenir ni « @ » ni caractère de contrôle."
    ),
    "A user with this name or e-mail already exists.": (
        "Un utilisateur porte déjà ce nom ou cette adresse."
    ),
    "A viewer sees free/busy only.": "Un observateur ne voit que les disponibilités.",
    "A viewer cannot be delegated anything.": "On ne délègue rien à un observateur.",
    "A viewer sees free/busy only; no clearance can be given.": (
        "Un observateur ne voit que les disponibilités ; aucune habilitation possible."
    ),
    "A viewer sees free/busy only; no item can be granted.": (
        "Un observateur ne voit que les disponibilités ; aucun élément ne peut lui être ouvert."
    ),
    "A workspace has one principal; add an assistant instead.": (
        "Un espace a un seul dirigeant ; ajoutez plutôt un assistant."
    ),
    "Invalid item id: {value} (expected e.g. E12, T3, C2, O1, Q4).": (
        "Identifiant d'élément invalide : {value} (par exemple E12, T3, C2, O1, Q4)."
    ),
    "Name the clearance: confidential or secret.": (
        "Précisez l'habilitation : confidential ou secret."
    ),
    "Name the proposal kind to delegate, e.g. create or move.": (
        "Précisez le type de proposition à déléguer, par exemple create ou move."
    ),
    "No password on stdin.": "Aucun mot de passe sur l'entrée standard.",
    "No such active grant.": "Aucune autorisation active de ce type.",
    "Search for at least one word.": "Cherchez au moins un mot.",
    "The encryption key for this workspace expired on {day}: run `binome key rotate`.": (
        "La clé de chiffrement de cet espace a expiré le {day} : lancez `binome key rotate`."
    ),
    "The password is too long (at most {n} characters).": (
        "Le mot de passe est trop long ({n} caractères au plus)."
    ),
    "The password is too short (at least {n} characters).": (
        "Le mot de passe est trop court ({n} caractères au moins)."
    ),
    "The principal already has every right.": "Le dirigeant a déjà tous les droits.",
    "The principal cannot be disabled.": "Le dirigeant ne peut pas être désactivé.",
    "The search is too long (at most {n} words).": (
        "La recherche est trop longue ({n} mots au plus)."
    ),
    "Unknown grant: {value} (clearance, item, audit, delegate).": (
        "Autorisation inconnue : {value} (clearance, item, audit, delegate)."
    ),
    "Unknown user: {name}.": "Utilisateur inconnu : {name}.",
    # confirmations and table headings (cli/users_cmd.py, cli/search_cmd.py, cli/keys_cmd.py)
    "Grant {id} for {name}: {kind}.": "Autorisation {id} pour {name} : {kind}.",
    "Grant {id} revoked.": "Autorisation {id} révoquée.",
    "User {name} added ({role}).": "Utilisateur {name} ajouté ({role}).",
    "User {name} disabled.": "Utilisateur {name} désactivé.",
    "Key rotated to {key_id}: {rows} items re-encrypted.": (
        "Clé renouvelée ({key_id}) : {rows} éléments rechiffrés."
    ),
    "Nothing found.": "Rien trouvé.",
    "Default clearance by role": "Habilitation par défaut selon le rôle",
    "Grants": "Autorisations",
    "Name": "Nom",
    "E-mail": "Courriel",
    "Role": "Rôle",
    "Clearance": "Habilitation",
    "Active": "Actif",
    "User": "Utilisateur",
    "Grant": "Autorisation",
    "Conditions": "Conditions",
    "Revoked": "Révoquée",
    "Title": "Titre",
    "When": "Quand",
    "yes": "oui",
    "no": "non",
    "principal": "dirigeant",
    "assistant": "assistant",
    "backup": "suppléant",
    "viewer": "observateur",
    "public": "public",
    "internal": "interne",
    "confidential": "confidentiel",
    "secret": "secret",
}
