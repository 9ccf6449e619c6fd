import datetime

from django.apps import AppConfig
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from engagiert.core.extensions import (
    DataSubject,
    NavItem,
    PeriodicJob,
    PersonalData,
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


def _tokens_of(subject: DataSubject) -> object:
    from .models import ApiToken

    return ApiToken.objects.filter(Q(created_by=subject.user) | Q(revoked_by=subject.user))


def _subscriptions_of(subject: DataSubject) -> object:
    from .models import WebhookSubscription

    return WebhookSubscription.objects.filter(created_by=subject.user)


def _erase_tokens(subject: DataSubject) -> int:
    from .models import ApiToken

    issued = ApiToken.objects.filter(created_by=subject.user).update(created_by=None)
    return issued + ApiToken.objects.filter(revoked_by=subject.user).update(revoked_by=None)


def _erase_subscriptions(subject: DataSubject) -> int:
    from .models import WebhookSubscription

    return WebhookSubscription.objects.filter(created_by=subject.user).update(created_by=None)


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
        retention = _("Until the token or webhook is deleted; the name is removed on request.")
        personal_data.register(
            "api.token_issuer",
            PersonalData(
                model="api.ApiToken",
                fields=("created_by", "revoked_by"),
                purpose=_("Accountability: who issued or revoked an API token for an integration"),
                legal_basis=_("Art. 6 Abs. 1 lit. e DSGVO"),
                retention=retention,
                rows_of=_tokens_of,  # type: ignore[arg-type]
                erase=_erase_tokens,
                data_subjects=_("Staff of the network office"),
            ),
        )
        personal_data.register(
            "api.webhook_registrant",
            PersonalData(
                model="api.WebhookSubscription",
                fields=("created_by",),
                purpose=_("Accountability: who registered a webhook"),
                legal_basis=_("Art. 6 Abs. 1 lit. e DSGVO"),
                retention=retention,
                rows_of=_subscriptions_of,  # type: ignore[arg-type]
                erase=_erase_subscriptions,
                data_subjects=_("Staff of the network office and engagement officers"),
            ),
        )
