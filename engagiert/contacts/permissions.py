"""Who uses the CRM: the network office only (its notes about people are internal)."""

from typing import Any

from engagiert.accounts.permissions import is_office


def can_use_crm(user: Any) -> bool:
    return is_office(user)
