import datetime
from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from engagiert.core.extensions import (
    ConsentPurpose,
    NavItem,
    Panel,
    PanelRequest,
    PeriodicJob,
    Place,
    consent_purposes,
    navigation,
    periodic_jobs,
    personal_data,
    segment_rules,
)


def _may_read(user: Any) -> bool:
    from engagiert.membership.permissions import sees_members_only

    return bool(user.is_authenticated) and sees_members_only(user)


def _news_at_once() -> int:
    from .digest import digest_send

    return digest_send(frequency="now")


def _weekly_digest() -> int:
    from .digest import digest_send

    return digest_send(frequency="digest")


def _purge_unconfirmed() -> int:
    from .services import newsletter_unconfirmed_purge

    return newsletter_unconfirmed_purge()


def _end_subscription(record: Any) -> None:
    from .services import newsletter_subscription_end

    newsletter_subscription_end(email=record.email, user=record.user)


#: How many info-mails the personal start page lists (the archive has them all).
RECENT_SHOWN = 3


def _recent_panel(request: PanelRequest) -> list[Panel]:
    """On the personal start page: the latest info-mails the person may read."""
    if request.place != Place.DASHBOARD or not request.user.is_authenticated:
        return []
    from .queries import recent_mailings

    mailings = list(recent_mailings(request.user)[:RECENT_SHOWN])
    return [Panel("mailings/_dashboard_recent.html", {"mailings": mailings})]


class MailingsConfig(AppConfig):
    name = "engagiert.mailings"
    label = "mailings"
    verbose_name = _("Info-mails")

    def ready(self) -> None:
        from .personal_data import declarations

        for key, declaration in declarations().items():
            personal_data.register(key, declaration)
        self._inbox_ready()
        navigation.register(
            "mailings.mailings",
            NavItem(_("Info-mails"), "mailings:mailing_list", _may_read, order=40),
        )
        periodic_jobs.register(
            "mailings.news_at_once",
            PeriodicJob(_("Send news at once"), datetime.timedelta(hours=1), _news_at_once),
        )
        periodic_jobs.register(
            "mailings.weekly_digest",
            PeriodicJob(_("Send the weekly digest"), datetime.timedelta(days=7), _weekly_digest),
        )
        periodic_jobs.register(
            "mailings.newsletter_retention",
            PeriodicJob(
                _("Delete unconfirmed newsletter sign-ups"),
                datetime.timedelta(days=1),
                _purge_unconfirmed,
            ),
        )
        from engagiert.core import extensions

        from .models import NEWSLETTER_WORDING
        from .queries import newsletter_recipients, unsubscribed

        extensions.segment_opt_outs.register("mailings.unsubscribed", unsubscribed)
        segment_rules.register("mailings.public", newsletter_recipients)
        consent_purposes.register(
            "mailings.newsletter",
            ConsentPurpose(_("Newsletter"), NEWSLETTER_WORDING, "1", _end_subscription),
        )

    def _inbox_ready(self) -> None:
        """What waits for the network office in its inbox."""
        from engagiert.core.extensions import inbox_providers

        from .queries import inbox_failed_mails, inbox_scheduled

        inbox_providers.register("mailings.scheduled", inbox_scheduled)
        inbox_providers.register("mailings.failed_mails", inbox_failed_mails)
        from engagiert.core.extensions import panels

        panels.register("mailings.recent", _recent_panel)
