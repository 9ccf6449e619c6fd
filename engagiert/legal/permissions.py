"""Who may do what with the legal pages: the network office edits them and answers feedback."""

from typing import Any

from engagiert.accounts.permissions import is_office


def can_edit_legal_pages(user: Any) -> bool:
    return is_office(user)
