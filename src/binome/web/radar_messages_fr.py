"""French for the radar's web pages (``routes/radar.py``, ``_risk_card.html``, ``risks.html``).

Merged into the catalogue by ``make i18n`` and into ``messages_fr.FR`` (which the page
renderer and the template test read), so the radar's words live beside its routes.
"""

from __future__ import annotations

FR: dict[str, str] = {
    "Critical": "Critique",
    "High": "Élevé",
    "Medium": "Moyen",
    "Low": "Faible",
    "Apply": "Appliquer",
    "Dismiss": "Écarter",
    "Reason": "Motif",
    "cost": "coût",
    "No proposal.": "Aucune proposition.",
    "next 14 days": "14 prochains jours",
    "By severity": "Par gravité",
    "Risks": "Risques",
    "No risk ahead.": "Aucun risque en vue.",
    "Busy": "Occupé",
}
