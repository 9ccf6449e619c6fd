import datetime
from typing import Any

from django.apps import AppConfig
from django.core import checks
from django.core.management import call_command
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from .checks import admin_writes_check
from .extensions import PeriodicJob, periodic_jobs

MINUTE = datetime.timedelta(minutes=1)


def _dispatch_outbox() -> object:
    """Every minute, whatever a task worker did or did not do: no mail waits for a lost task."""
    from .outbox import outbox_dispatch

    return outbox_dispatch()


def _empty_sent_bodies() -> object:
    from .audit import audit_actor
    from .outbox import outbox_bodies_empty

    with audit_actor("retention"):
        return outbox_bodies_empty()


def _create_cache_tables(using: str, **_kwargs: Any) -> None:
    """`migrate` creates the database cache's table too (the throttle's shared counters)."""
    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "engagiert.core"
    label = "core"
    verbose_name = _("Platform")

    def ready(self) -> None:
        periodic_jobs.register(
            "core.outbox",
            # Runs may overlap (each message is claimed by itself): a killed schedule process
            # holds the outbox up for a minute at most.
            PeriodicJob(_("Send due e-mails"), MINUTE, _dispatch_outbox, lease=MINUTE),
        )
        periodic_jobs.register(
            "core.outbox_retention",
            PeriodicJob(
                _("Empty the texts of sent e-mails"), datetime.timedelta(days=1), _empty_sent_bodies
            ),
        )
        post_migrate.connect(_create_cache_tables, sender=self)
        checks.register(admin_writes_check, checks.Tags.admin)
