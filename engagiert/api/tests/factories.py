import datetime
from typing import Any

from django.utils import timezone

from engagiert.api import services
from engagiert.api.models import ApiToken


def token_issue(scopes: list[str], **holder: Any) -> tuple[ApiToken, str]:
    """A token of `holder` (authority= or organisation=) valid for 30 days, and its secret."""
    return services.token_issue(
        name="Testzugang",
        scopes=scopes,
        expires_at=timezone.now() + datetime.timedelta(days=30),
        created_by=None,
        **holder,
    )


def bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
