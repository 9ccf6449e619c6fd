import datetime
from typing import Any

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from engagiert.core.extensions import (
    Figure,
    IndicatorProvider,
    NavItem,
    NewsProvider,
    PeriodicJob,
    figures,
    indicator_providers,
    navigation,
    news_providers,
    panels,
    periodic_jobs,
    personal_data,
)


def _office(user: Any) -> bool:
    from engagiert.accounts.permissions import is_office

    return is_office(user)


def _figures() -> list[Figure]:
    from .queries import current_member_keys

    count = len(current_member_keys())
    return [
        Figure(
            ngettext("member of the network", "members of the network", count),
            count,
            reverse("membership:directory"),
        )
    ]


def _delete_decided_applications() -> int:
    from engagiert.core.audit import audit_actor

    from .services import applications_decided_delete

    with audit_actor("retention"):
        return applications_decided_delete()


#: What the contact person agrees to; the version (in ready()) changes when the wording does.
CONTACT_CONSENT_WORDING = _(
    "My e-mail address and phone number may be shown to everyone in the public profile of the "
    "municipality, as far as the engagement officer marks them public. I can withdraw this at "
    "any time."
)


def _withdraw_contact_consent(record: Any) -> None:
    from .services import contact_public_consent_withdrawn

    contact_public_consent_withdrawn(contact_id=int(record.reference))


def _contact_authority(reference: str) -> str:
    from .models import ContactPerson

    contact = (
        ContactPerson.objects.filter(pk=reference)
        .select_related("authority", "organisation")
        .first()
    )
    return contact.institution.name if contact else ""


class MembershipConfig(AppConfig):
    name = "engagiert.membership"
    label = "membership"
    verbose_name = _("Network and membership")

    def ready(self) -> None:
        from .personal_data import declarations

        for key, declaration in declarations().items():
            personal_data.register(key, declaration)
        self._inbox_ready()
        self._token_api_ready()
        from engagiert.core.audit import audit_model
        from engagiert.core.extensions import ApiRoute, api_routes, search_providers

        from . import api, documents, models
        from .panels import for_place
        from .queries import members_indicator, members_news, membership_years_indicator

        navigation.register(
            "membership.directory", NavItem(_("Network"), "membership:directory", order=5)
        )
        navigation.register(
            "membership.applications",
            NavItem(_("Applications"), "membership:application_queue", _office, order=80),
        )
        figures.register("membership.members", _figures)
        from engagiert.core.extensions import ConsentPurpose, consent_purposes

        consent_purposes.register(
            "membership.contact_public",
            ConsentPurpose(
                _("My contact details in a municipality's public profile"),
                CONTACT_CONSENT_WORDING,
                "1",
                _withdraw_contact_consent,
                _contact_authority,
            ),
        )
        panels.register("membership.network", for_place)
        news_providers.register(
            "membership.new_members",
            NewsProvider("members", _("New members of the network"), members_news, order=20),
        )
        periodic_jobs.register(
            "membership.retention",
            PeriodicJob(
                _("Delete declined and withdrawn membership applications"),
                datetime.timedelta(days=1),
                _delete_decided_applications,
            ),
        )
        api_routes.register(
            "membership.authorities", ApiRoute("authorities", api.AuthorityViewSet, "authority")
        )
        api_routes.register("membership.members", ApiRoute("members", api.MemberViewSet, "member"))
        api_routes.register(
            "membership.signing_waves",
            ApiRoute("declaration-waves", api.SigningWaveViewSet, "declaration-wave"),
        )
        for provider in documents.providers():
            search_providers.register(f"membership.{provider.kind}", provider)
        indicator_providers.register(
            "membership.member",
            IndicatorProvider(_("Member of the network"), _("yes/no"), members_indicator),
        )
        indicator_providers.register(
            "membership.years_of_membership",
            IndicatorProvider(_("Years of membership"), _("years"), membership_years_indicator),
        )

        def by_authority(obj: Any) -> str:
            return f"authority:{obj.authority_id}"

        def by_institution(contact: Any) -> str:
            if contact.authority_id:
                return by_authority(contact)
            return f"organisation:{contact.organisation_id}"

        audit_model(models.Profile, scope=by_authority)
        audit_model(models.ContactPerson, scope=by_institution)
        audit_model(models.Leader, scope=by_authority)
        audit_model(models.StrategyDocument, scope=lambda d: f"authority:{d.profile_id}")
        audit_model(models.Membership, scope=by_authority)
        for model in (
            models.Declaration,
            models.SigningWave,
            models.Signature,
            models.Partnership,
        ):
            audit_model(model)
        from engagiert.core.extensions import open_datasets

        from . import opendata

        for dataset in opendata.datasets():
            open_datasets.register(f"membership.{dataset.slug}", dataset)

    def _token_api_ready(self) -> None:
        """The JSON API's endpoints for integrations with a token (scoped)."""
        from engagiert.core.extensions import ApiRoute, api_routes

        from . import api

        api_routes.register(
            "membership.member-contacts",
            ApiRoute("members-only/contacts", api.MemberContactViewSet, "member-contacts"),
        )
        api_routes.register(
            "membership.member-documents",
            ApiRoute("members-only/documents", api.MemberDocumentViewSet, "member-documents"),
        )

    def _inbox_ready(self) -> None:
        """What waits for the network office in its inbox."""
        from engagiert.core.extensions import inbox_providers

        from .queries import inbox_applications

        inbox_providers.register("membership.applications", inbox_applications)
