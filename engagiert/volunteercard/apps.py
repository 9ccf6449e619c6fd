import datetime
from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from engagiert.core.extensions import NavItem, PeriodicJob, navigation, panels, periodic_jobs


def _reviews(user: Any) -> bool:
    from .permissions import can_review

    return can_review(user)


def _scope(instance: Any) -> str:
    """Audit entries belong to the issuing authority (its staff and the office read them)."""
    issuer = getattr(instance, "issuer", None) or getattr(
        getattr(instance, "application", None), "issuer", None
    )
    return f"authority:{issuer.authority_id}" if issuer is not None else ""


class VolunteerCardConfig(AppConfig):
    name = "engagiert.volunteercard"
    label = "volunteercard"
    verbose_name = _("Ehrenamtskarte")

    def ready(self) -> None:
        from engagiert.core.audit import audit_model

        from . import apply_panels, tasks
        from .models import Application, CoveredArea, Engagement, Issuer, LocalRule

        navigation.register(
            "volunteercard.home", NavItem(_("Ehrenamtskarte"), "volunteercard:home", order=40)
        )
        navigation.register(
            "volunteercard.review",
            NavItem(_("Card applications"), "volunteercard:review_list", _reviews, order=41),
        )
        panels.register("volunteercard.applications", apply_panels.for_place)
        periodic_jobs.register(
            "volunteercard.confirmation_reminders",
            PeriodicJob(
                _("Remind organisations of open confirmations"),
                datetime.timedelta(hours=6),
                tasks.remind_organisations,
            ),
        )
        audit_model(Issuer, scope=lambda issuer: f"authority:{issuer.authority_id}")
        audit_model(CoveredArea, scope=_scope)
        audit_model(LocalRule, scope=_scope)
        audit_model(Application, scope=_scope)
        audit_model(Engagement, scope=_scope)
