import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from engagiert.core.extensions import (
    NavItem,
    PeriodicJob,
    navigation,
    periodic_jobs,
    personal_data,
)

MINUTE = datetime.timedelta(minutes=1)


def _deliver_webhooks() -> object:
    """Every minute, whatever a task worker did: no delivery waits for a lost task."""
    from .webhooks import webhook_dispatch

    return webhook_dispatch()


def _sees_integrations(user: object) -> bool:
    from .permissions import can_see_integrations

    return can_see_integrations(user)


class ApiConfig(AppConfig):
    name = "engagiert.api"
    label = "api"
    verbose_name = _("JSON API")

    def ready(self) -> None:
        navigation.register(
            "api.integrations",
            NavItem(_("Interfaces"), "integrations:token_list", _sees_integrations, order=80),
        )
        periodic_jobs.register(
            "api.webhooks",
            # Runs may overlap (each delivery is claimed by itself).
            PeriodicJob(_("Deliver webhooks"), MINUTE, _deliver_webhooks, lease=MINUTE),
        )
        from .personal_data import declarations

        for key, declaration in declarations().items():
            personal_data.register(key, declaration)
