import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from engagiert.core.extensions import NavItem, PeriodicJob, navigation, periodic_jobs


def _remind_expiring_cards() -> int:
    """Holders hear 90 days ahead that their card ends, with a link to renew it."""
    from engagiert.core.audit import audit_actor

    from .cards import card_expiry_remind

    with audit_actor("volunteercard_reminders"):
        return card_expiry_remind()


class VolunteerCardConfig(AppConfig):
    name = "engagiert.volunteercard"
    label = "volunteercard"
    verbose_name = _("Ehrenamtskarte")

    def ready(self) -> None:
        from django.core import checks

        from engagiert.core.audit import audit_model

        from .models import Card
        from .system_checks import signing_key_configured

        navigation.register(
            "volunteercard.home", NavItem(_("Ehrenamtskarte"), "volunteercard:home", order=40)
        )
        periodic_jobs.register(
            "volunteercard.expiry_reminders",
            PeriodicJob(
                _("Remind holders of cards that expire soon"),
                datetime.timedelta(hours=6),
                _remind_expiring_cards,
            ),
        )
        audit_model(Card)
        checks.register(signing_key_configured, checks.Tags.security, deploy=True)
