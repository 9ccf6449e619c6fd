"""`Authorization: Bearer ek_…`: an integration acts as its token's holder.

The request's user is an `ApiClient` (not a person): it is authenticated, names the token in
the audit log and answers no page permission, so a token opens only the API endpoints its
scopes allow."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from . import services
from .models import ApiToken


@dataclass(frozen=True)
class ApiClient:
    """The caller behind a token."""

    token: ApiToken
    is_authenticated: bool = True
    is_active: bool = True
    is_anonymous: bool = False
    is_superuser: bool = False
    is_staff: bool = False
    pk: None = None

    def __str__(self) -> str:
        return _("API token %(token)s") % {"token": self.token}


class TokenAuthentication(BaseAuthentication):
    keyword = b"bearer"

    def authenticate(self, request: Request) -> tuple[ApiClient, ApiToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise AuthenticationFailed(_("Send the token as »Authorization: Bearer ek_…«."))
        try:
            secret = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise AuthenticationFailed(_("This API token is not valid.")) from None
        token = services.token_authenticate(secret)
        if token is None:
            reason = services.token_secret_inactive_reason(secret)
            raise AuthenticationFailed(reason or _("This API token is not valid."))
        return ApiClient(token), token

    def authenticate_header(self, request: Any) -> str:
        """Named in the 401 answer's WWW-Authenticate (and makes DRF answer 401, not 403)."""
        return 'Bearer realm="engagiert"'
