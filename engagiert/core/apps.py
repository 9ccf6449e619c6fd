import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from .extensions import PeriodicJob, periodic_jobs


def _dispatch_outbox() -> object:
    """Every minute, whatever a task worker did or did not do: no mail waits for a lost task."""
    from .outbox import outbox_dispatch

    return outbox_dispatch()


class CoreConfig(AppConfig):
    name = "engagiert.core"
    label = "core"
    verbose_name = _("Platform")

    def ready(self) -> None:
        periodic_jobs.register(
            "core.outbox",
            PeriodicJob(_("Send due e-mails"), datetime.timedelta(minutes=1), _dispatch_outbox),
        )
