from typing import Any

from django.http import HttpRequest

from .extensions import navigation_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The main navigation for this user, with the current section marked."""
    items = navigation_for(request.user)
    path = request.path
    current = max(
        (item for item in items if path.startswith(item.url)),
        key=lambda i: len(i.url),
        default=None,
    )
    return {"main_navigation": items, "current_navigation": current}
