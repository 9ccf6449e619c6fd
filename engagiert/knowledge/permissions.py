"""Who may see and do what in the knowledge base.

Public knowledge items are for everyone; members-only items, questions and answers are for the
office and people acting for a member municipality. Items are kept by their author, the
officers of their municipality and the office; only the office curates (feature, archive, merge).
"""

from typing import Any

from engagiert.accounts.models import Role
from engagiert.accounts.permissions import authorities_for_role, is_office
from engagiert.membership.permissions import sees_members_only

from .models import AssistanceOffer, KnowledgeItem, Visibility


def is_member_user(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and sees_members_only(user)


def can_see_item(user: Any, item: KnowledgeItem) -> bool:
    return item.visibility == Visibility.PUBLIC or is_member_user(user)


def can_edit_item(user: Any, item: KnowledgeItem) -> bool:
    if is_office(user) or (item.author_id and item.author_id == getattr(user, "pk", None)):
        return True
    return item.authority is not None and item.authority in authorities_for_role(user, Role.OFFICER)


def can_answer_request(user: Any, offer: AssistanceOffer) -> bool:
    return is_office(user) or offer.authority in authorities_for_role(user, Role.OFFICER)
