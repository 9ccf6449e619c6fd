"""The personal data of the API app (see core.extensions.PersonalData): who issued, revoked or
registered an integration's token or webhook. The rows stay; erasure removes the link."""

from engagiert.core.extensions import PersonalData
from engagiert.core.personal_data import authorship

from .models import ApiToken, WebhookSubscription

OFFICE = "Beschäftigte der Netzwerkstelle und Engagementverantwortliche"


def declarations() -> dict[str, PersonalData]:
    return {
        "api.token_issued": authorship(
            ApiToken,
            user="created_by",
            fields=("name", "created_at", "created_by"),
            purpose="Schnittstellen: wer ein API-Token ausgestellt hat",
            data_subjects=OFFICE,
        ),
        "api.token_revoked": authorship(
            ApiToken,
            user="revoked_by",
            fields=("name", "revoked_at", "revoked_by"),
            purpose="Schnittstellen: wer ein API-Token widerrufen hat",
            data_subjects=OFFICE,
        ),
        "api.webhook_registered": authorship(
            WebhookSubscription,
            user="created_by",
            fields=("name", "created_at", "created_by"),
            purpose="Schnittstellen: wer einen Webhook eingerichtet hat",
            data_subjects=OFFICE,
        ),
    }
