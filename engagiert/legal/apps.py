from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from engagiert.core.extensions import (
    DataSubject,
    NavItem,
    PersonalData,
    navigation,
    personal_data,
)


def _office(user: Any) -> bool:
    from .permissions import can_edit_legal_pages

    return can_edit_legal_pages(user)


def _consents_of(subject: DataSubject) -> Any:
    from .queries import consents_of

    return consents_of(subject)


def _erase_consents(subject: DataSubject) -> int:
    return _consents_of(subject).delete()[0]


def _feedback_of(subject: DataSubject) -> Any:
    from .models import FeedbackCase

    return (
        FeedbackCase.objects.filter(email=subject.email.lower())
        if subject.email
        else (FeedbackCase.objects.none())
    )


def _erase_feedback(subject: DataSubject) -> int:
    return _feedback_of(subject).delete()[0]


class LegalConfig(AppConfig):
    name = "engagiert.legal"
    label = "legal"
    verbose_name = _("Legal pages and consent")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import reference

        post_migrate.connect(reference.pages_seed, sender=self)
        navigation.register(
            "legal.office", NavItem(_("Legal pages"), "legal:office", _office, order=85)
        )
        personal_data.register(
            "legal.consents",
            PersonalData(
                model="legal.ConsentRecord",
                fields=("user", "email", "purpose", "reference", "given_at", "withdrawn_at"),
                purpose=_("Proof of what a person agreed to, and when they withdrew it"),
                legal_basis="Art. 6 Abs. 1 lit. c, Art. 7 Abs. 1 DSGVO",
                retention=_("Three years after the consent was withdrawn"),
                rows_of=_consents_of,
                erase=_erase_consents,
                data_subjects=_("Everyone who gave a consent"),
            ),
        )
        personal_data.register(
            "legal.feedback",
            PersonalData(
                model="legal.FeedbackCase",
                fields=("name", "email", "page_url", "description", "reply"),
                purpose=_("Answering feedback on the accessibility of the platform"),
                legal_basis="Art. 6 Abs. 1 lit. c DSGVO, § 10 BITV NRW",
                retention=_("Two years after the answer"),
                rows_of=_feedback_of,
                erase=_erase_feedback,
                data_subjects=_("People who reported a barrier"),
            ),
        )
