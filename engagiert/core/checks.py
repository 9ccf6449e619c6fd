"""System check: the admin of the platform's models writes only through services."""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.contrib import admin
from django.core import checks

#: Apps of the platform: their admins must write through services.
PROJECT_PREFIX = "engagiert."


def _problems(admin_class: type, base: type) -> list[str]:
    from .admin import WRITE_METHODS

    if not issubclass(admin_class, base):
        return [f"{admin_class.__module__}.{admin_class.__qualname__} is no {base.__name__}"]
    return [
        f"{admin_class.__module__}.{admin_class.__qualname__} overrides {name}"
        for name in WRITE_METHODS
        if getattr(admin_class, name, None) is not getattr(base, name, None)
    ]


def admin_writes_check(
    *,
    app_configs: Sequence[AppConfig] | None = None,
    databases: Sequence[str] | None = None,
    site: admin.AdminSite | None = None,
    **_: Any,
) -> list[checks.CheckMessage]:
    """Every admin (and inline) of a platform model must be a ServiceModelAdmin (ServiceInline)
    and leave its write methods alone, so no admin save bypasses the owning app's services."""
    from .admin import ServiceInline, ServiceModelAdmin

    errors: list[checks.CheckMessage] = []
    for model, model_admin in (site or admin.site)._registry.items():
        if not model._meta.app_config.name.startswith(PROJECT_PREFIX):
            continue
        problems = _problems(type(model_admin), ServiceModelAdmin)
        for inline in model_admin.inlines:
            problems += _problems(inline, ServiceInline)
        errors += [
            checks.Error(
                f"The admin of {model._meta.label} writes without a service: {problem}.",
                hint="Build it on engagiert.core.admin.ServiceModelAdmin and name its services.",
                obj=model_admin,
                id="core.E001",
            )
            for problem in problems
        ]
    return errors
