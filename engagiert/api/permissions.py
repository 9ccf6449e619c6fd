"""Who may do what with tokens and webhooks, and what a token may do in the API.

Pages: the network office issues tokens and sees all of them; an authority's engagement officer
sees their authority's tokens and may revoke them (but not issue: the office decides who gets
access). Webhooks: the office registers them for everything, an officer for their authority.

API: a token opens an endpoint when it is active and carries the endpoint's scope; every
endpoint then scopes its objects to the token's holder.
"""

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from rest_framework.permissions import BasePermission

from engagiert.accounts.models import Role
from engagiert.accounts.permissions import authorities_for_role, is_office

from .models import ApiToken, Scope, WebhookSubscription


def officer_authorities(user: Any) -> list[str]:
    return [a.ags for a in authorities_for_role(user, Role.OFFICER)]


def can_see_integrations(user: Any) -> bool:
    """The office and engagement officers (the officer sees their own authority's)."""
    return is_office(user) or bool(officer_authorities(user))


def can_issue_tokens(user: Any) -> bool:
    return is_office(user)


def visible_tokens(user: Any) -> QuerySet[ApiToken]:
    tokens = ApiToken.objects.select_related("authority", "organisation", "created_by")
    if is_office(user):
        return tokens
    return tokens.filter(authority_id__in=officer_authorities(user))


def can_revoke(user: Any, token: ApiToken) -> bool:
    return is_office(user) or token.authority_id in officer_authorities(user)


def visible_subscriptions(user: Any) -> QuerySet[WebhookSubscription]:
    subscriptions = WebhookSubscription.objects.select_related("authority")
    if is_office(user):
        return subscriptions
    return subscriptions.filter(Q(authority_id__in=officer_authorities(user)))


class HasScope(BasePermission):
    """A token with this class's scope (subclasses name one)."""

    scope: Scope
    message = ""

    def has_permission(self, request: Any, view: Any) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken):
            return False
        self.message = _("This API token does not carry the scope »%(scope)s«.") % {
            "scope": self.scope.value
        }
        return token.is_active and self.scope in token.scopes


class MembersRead(HasScope):
    scope = Scope.MEMBERS_READ


class OpportunitiesWrite(HasScope):
    scope = Scope.OPPORTUNITIES_WRITE


class CardsVerify(HasScope):
    scope = Scope.CARDS_VERIFY
