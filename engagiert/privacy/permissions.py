from typing import Any

from engagiert.accounts.permissions import is_office


def can_handle_requests(user: Any) -> bool:
    """The network office answers requests of data subjects and keeps the Art. 30 record."""
    return is_office(user)
