"""Who may see and do what in the knowledge base.

Public knowledge items are for everyone; members-only items, questions and answers are for the
office and people acting for a member municipality. Items are kept by their author, the
officers of their municipality and the office; only the office curates (feature, archive, merge).
"""

from typing import Any

from engagiert.accounts.models import Role
from engagiert.accounts.permissions import authorities_for_role, is_office
from engagiert.membership.permissions import sees_members_only
from engagiert.registry.models import Authority

from .models import AssistanceOffer, KnowledgeItem, Visibility


def is_member_user(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and sees_members_only(user)


def can_see_item(user: Any, item: KnowledgeItem) -> bool:
    return item.visibility == Visibility.PUBLIC or is_member_user(user)


def can_edit_item(user: Any, item: KnowledgeItem) -> bool:
    if is_office(user) or (item.author_id and item.author_id == getattr(user, "pk", None)):
        return True
    return item.authority is not None and item.authority in authorities_for_role(user, Role.OFFICER)


def acting_authority(user: Any) -> Authority | None:
    """The municipality a person writes for (their first officer, team or leader role)."""
    for role in (Role.OFFICER, Role.DEVELOPMENT_TEAM, Role.LEADER):
        found = authorities_for_role(user, role)
        if found:
            return found[0]
    return None


def can_answer_request(user: Any, offer: AssistanceOffer) -> bool:
    return is_office(user) or offer.authority in authorities_for_role(user, Role.OFFICER)
