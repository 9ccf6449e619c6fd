"""The main navigation and the start page's figures grow by capability.

Each app's AppConfig may declare `navigation` (a list of NavItem) and `home_figures()`; core
collects them in app order, so a new capability appears by installing its app.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.urls import reverse
from django.utils.functional import Promise


def _everyone(user: Any) -> bool:
    return True


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    visible: Callable[[Any], bool] = field(default=_everyone)
    #: Position in the navigation; capabilities use 10–80, the personal area comes last.
    order: int = 50

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class Figure:
    label: str | Promise
    value: int
    url: str = ""


def navigation_for(user: Any) -> list[NavItem]:
    items: list[NavItem] = []
    for config in apps.get_app_configs():
        items.extend(item for item in getattr(config, "navigation", ()) if item.visible(user))
    return sorted(items, key=lambda item: item.order)


def home_figures() -> list[Figure]:
    figures: list[Figure] = []
    for config in apps.get_app_configs():
        if hasattr(config, "home_figures"):
            figures.extend(config.home_figures())
    return figures


@dataclass(frozen=True)
class Panel:
    """A piece of a page contributed by an app: a template and its context."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)


def panels(place: str, **context: Any) -> list[Panel]:
    """Panels every app contributes to `place` (e.g. "home", "authority_detail").

    An app contributes by defining `panels(place, **context)` on its AppConfig; pages thus
    grow with the installed capabilities without importing them.
    """
    collected: list[Panel] = []
    for config in apps.get_app_configs():
        if hasattr(config, "panels"):
            collected.extend(config.panels(place, **context))
    return collected
