"""The case facts a framework may refer to (in conditions, validation and pre-filled answers).

Facts come from the case record (set at head office from the long list) and its inspection. The kind says
which answer types a fact can pre-fill and what it can be compared with.
"""

from __future__ import annotations

from typing import Literal

FactKind = Literal["text", "date", "number", "boolean", "choice"]

CASE_FACTS: dict[str, FactKind] = {
    "reference": "text",
    "order_type": "choice",
    "commencement_date": "date",
    "end_date": "date",
    "tier": "number",
    "rosh_level": "choice",
    "ppo": "boolean",
    "mappa_level": "number",
    "gender": "choice",
    "date_of_birth": "date",
    "offender_manager": "text",
    "team": "text",
    "ldu": "text",
    "cluster": "text",
    "fieldwork_start": "date",
    "fieldwork_end": "date",
}

ORDER_TYPES = ("community_order", "suspended_sentence_order", "licence", "custody")
ROSH_LEVELS = ("low", "medium", "high", "very_high")


def fact_label(name: str) -> str:
    """How a fact is named in a message, e.g. "the commencement date"."""
    from omi_desktop.core.i18n import _

    labels = {
        "reference": _("the case reference"),
        "order_type": _("the order type"),
        "commencement_date": _("the commencement date"),
        "end_date": _("the end date"),
        "tier": _("the tier"),
        "rosh_level": _("the Risk of Harm level"),
        "ppo": _("the PPO flag"),
        "mappa_level": _("the MAPPA level"),
        "gender": _("the gender"),
        "date_of_birth": _("the date of birth"),
        "offender_manager": _("the offender manager"),
        "team": _("the team"),
        "ldu": _("the local delivery unit"),
        "cluster": _("the cluster"),
        "fieldwork_start": _("the start of fieldwork"),
        "fieldwork_end": _("the end of fieldwork"),
    }
    return labels.get(name, name)
