import datetime
from typing import Any

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from engagiert.core.extensions import (
    ConsentPurpose,
    Figure,
    IndicatorProvider,
    NavItem,
    Panel,
    PanelRequest,
    PeriodicJob,
    Place,
    consent_purposes,
    figures,
    indicator_providers,
    navigation,
    panels,
    periodic_jobs,
    personal_data,
)


def _reviews(user: Any) -> bool:
    from .permissions import can_review

    return can_review(user)


def _scope(instance: Any) -> str:
    """Audit entries belong to the issuing authority (its staff and the office read them)."""
    issuer = getattr(instance, "issuer", None) or getattr(
        getattr(instance, "application", None), "issuer", None
    )
    return f"authority:{issuer.authority_id}" if issuer is not None else ""


def _figures() -> list[Figure]:
    from .statistics import current_benefits, valid_card_count

    cards = valid_card_count()
    benefits = current_benefits().count()
    return [
        Figure(
            ngettext("valid Ehrenamtskarte", "valid Ehrenamtskarten", cards),
            cards,
            reverse("volunteercard:home"),
        ),
        Figure(
            ngettext("benefit for volunteers", "benefits for volunteers", benefits),
            benefits,
            reverse("volunteercard:benefit_list"),
        ),
    ]


def _dashboard_panels(request: PanelRequest) -> list[Panel]:
    """Ways in for the card staff (partners to approve, import, statistics) and for partners."""
    if request.place != Place.DASHBOARD:
        return []
    from engagiert.accounts.permissions import is_office

    from . import partner_queries
    from .models import BenefitPartner
    from .permissions import is_card_staff, staff_issuers

    staff = is_card_staff(request.user)
    owned = list(partner_queries.partners_of(request.user))
    if not staff and not owned:
        return []
    context = {"staff": staff, "owned": owned}
    if staff:
        waiting = partner_queries.staff_partners(request.user).filter(
            status=BenefitPartner.Status.PENDING
        )
        context["pending"] = waiting.count()
        # The office reaches every issuer's import from the statistics' issuers, not from here.
        context["issuers"] = [] if is_office(request.user) else list(staff_issuers(request.user))
    return [Panel("volunteercard/_dashboard_panel.html", context)]


def _erase_personal_data() -> object:
    """Rejected applications and ended cards lose their personal data (data minimisation)."""
    from engagiert.core.audit import audit_actor

    from .retention import personal_data_erase

    with audit_actor("volunteercard_retention"):
        return personal_data_erase()


def _remind_expiring_cards() -> int:
    """Holders hear 90 days ahead that their card ends, with a link to renew it."""
    from engagiert.core.audit import audit_actor

    from .cards import card_expiry_remind

    with audit_actor("volunteercard_reminders"):
        return card_expiry_remind()


def _withdraw_card_data_consent(record: Any) -> None:
    """Without the consent, an open application ends and an issued card is revoked."""
    from .services.applications import card_data_consent_withdraw

    card_data_consent_withdraw(application_id=int(record.reference))


def _application_issuer(reference: str) -> str:
    """Names the application a consent was given for: its day and issuing authority."""
    from django.utils import timezone
    from django.utils.formats import date_format

    from .models import Application

    application = Application.objects.select_related("issuer__authority").filter(pk=reference)
    found = application.first()
    if found is None:
        return ""
    return _("application of %(day)s to %(issuer)s") % {
        "day": date_format(timezone.localdate(found.created_at), "SHORT_DATE_FORMAT"),
        "issuer": found.issuer.authority,
    }


class VolunteerCardConfig(AppConfig):
    name = "engagiert.volunteercard"
    label = "volunteercard"
    verbose_name = _("Ehrenamtskarte")

    def ready(self) -> None:
        from .personal_data import declarations

        for key, declaration in declarations().items():
            personal_data.register(key, declaration)
        self._token_api_ready()
        from django.db.models.signals import post_migrate

        from . import reference

        post_migrate.connect(reference.rule_sets_seed, sender=self)
        from django.core import checks

        from engagiert.core.audit import audit_model
        from engagiert.core.extensions import ApiRoute, api_routes

        from . import api, apply_panels, tasks
        from .models import (
            Application,
            Benefit,
            BenefitPartner,
            Card,
            CoveredArea,
            Engagement,
            Issuer,
            LocalRule,
            PartnerLocation,
        )
        from .statistics import cards_issued, cards_per_thousand
        from .system_checks import signing_key_configured

        api_routes.register(
            "volunteercard.partners",
            ApiRoute("benefit-partners", api.PartnerViewSet, "benefit-partner"),
        )
        api_routes.register(
            "volunteercard.benefits", ApiRoute("benefits", api.BenefitViewSet, "benefit")
        )
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
        figures.register("volunteercard.figures", _figures)
        panels.register("volunteercard.partners", _dashboard_panels)
        indicator_providers.register(
            "volunteercard.cards_per_thousand",
            IndicatorProvider(
                _("Valid Ehrenamtskarten per 1,000 inhabitants"),
                _("cards per 1,000 inhabitants"),
                cards_per_thousand,
            ),
        )
        indicator_providers.register(
            "volunteercard.cards_issued",
            IndicatorProvider(_("Ehrenamtskarten issued"), _("cards"), cards_issued),
        )
        periodic_jobs.register(
            "volunteercard.retention",
            PeriodicJob(
                _("Erase the personal data of rejected applications and ended cards"),
                datetime.timedelta(days=1),
                _erase_personal_data,
            ),
        )
        for model in (BenefitPartner, PartnerLocation, Benefit):
            audit_model(model)
        periodic_jobs.register(
            "volunteercard.expiry_reminders",
            PeriodicJob(
                _("Remind holders of cards that expire soon"),
                datetime.timedelta(hours=6),
                _remind_expiring_cards,
            ),
        )
        audit_model(Card)
        from .services.applications import CARD_DATA_PURPOSE, CARD_DATA_WORDING

        consent_purposes.register(
            CARD_DATA_PURPOSE,
            ConsentPurpose(
                _("Data of my Ehrenamtskarte application and card"),
                CARD_DATA_WORDING,
                "1",
                _withdraw_card_data_consent,
                _application_issuer,
            ),
        )
        checks.register(signing_key_configured, checks.Tags.security, deploy=True)
        from engagiert.core.extensions import open_datasets

        from . import opendata

        for dataset in opendata.datasets():
            open_datasets.register(f"volunteercard.{dataset.slug}", dataset)

    def _token_api_ready(self) -> None:
        """The JSON API's endpoints for integrations with a token (scoped)."""
        from engagiert.core.extensions import ApiRoute, api_routes

        from . import api

        api_routes.register(
            "volunteercard.card-checks",
            ApiRoute("cards/checks", api.CardCheckViewSet, "card-checks"),
        )
