"""Who may read and write network news.

Published public articles are for everyone, members-only ones for the office and people acting
for a member municipality (officer, development team, leader). The office writes about anyone;
an engagement officer of a member municipality writes about their own municipality only, and
edits only that municipality's articles. Drafts and articles waiting for release are seen only
by those who may edit them.
"""

from typing import Any

from engagiert.accounts.models import Role
from engagiert.accounts.permissions import authorities_for_role, is_office
from engagiert.membership.models import Membership
from engagiert.membership.permissions import sees_members_only
from engagiert.registry.models import Authority

from .models import Article, Visibility


def is_member_user(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and sees_members_only(user)


def own_authorities(user: Any) -> list[Authority]:
    """The member municipalities a person writes news for as their engagement officer."""
    mine = authorities_for_role(user, Role.OFFICER)
    if not mine:
        return []
    members = set(
        Membership.objects.filter(authority__in=mine, until__isnull=True).values_list(
            "authority_id", flat=True
        )
    )
    return [authority for authority in mine if authority.pk in members]


def can_write(user: Any) -> bool:
    return is_office(user) or bool(own_authorities(user))


def can_edit(user: Any, article: Article) -> bool:
    if is_office(user):
        return True
    return article.authority_id is not None and any(
        authority.pk == article.authority_id for authority in own_authorities(user)
    )


def can_see(user: Any, article: Article) -> bool:
    if not article.is_published:
        return can_edit(user, article)
    return article.visibility == Visibility.PUBLIC or is_member_user(user)


def can_release(user: Any) -> bool:
    return is_office(user)
