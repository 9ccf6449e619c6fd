"""The organisations answer and the staff decide at the same moment: every answer counts, the
application moves to the review once, and a decision never crosses an answer."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.core.models import OutboundMail
from engagiert.core.testing import run_at_once
from engagiert.volunteercard import tokens
from engagiert.volunteercard.models import Application, Card
from engagiert.volunteercard.services import applications as services

from .factories import ApplicationFactory, EngagementFactory, IssuerFactory, covering


def _open_application(organisations: int) -> Application:
    issuer = covering(IssuerFactory(contact_email="karte@kommune.example"))
    application = ApplicationFactory(
        issuer=issuer, status="confirmations_open", email_confirmed_at=timezone.now()
    )
    EngagementFactory.create_batch(organisations, application=application, confirmation="open")
    return application


def test_five_organisations_answer_at_once(threads_database):
    application = _open_application(5)
    links = [tokens.confirmation_token(e) for e in application.engagements.all()]

    outcomes = run_at_once(
        [
            lambda link=link: services.engagement_answer(token=link, answer="confirm")
            for link in links
        ]
    )

    assert not [o for o in outcomes if isinstance(o, Exception)]
    application.refresh_from_db()
    assert application.status == Application.Status.IN_REVIEW
    assert set(application.engagements.values_list("confirmation", flat=True)) == {"confirmed"}
    assert OutboundMail.objects.filter(to_email="karte@kommune.example").count() == 1


def test_two_staff_approve_at_once_one_card(threads_database):
    application = ApplicationFactory(issuer=covering(IssuerFactory()))
    EngagementFactory(application=application)
    staff = []
    for index in range(2):
        user = UserFactory(email=f"karte{index}@example.org")
        role_grant(user=user, role=Role.CARD_STAFF, authority=application.issuer.authority)
        staff.append(user)

    outcomes = run_at_once(
        [
            lambda user=user: services.application_approve(application=application, by=user)
            for user in staff
        ]
    )

    assert sum(isinstance(o, Card) for o in outcomes) == 1
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 1
    assert Card.objects.count() == 1


@pytest.mark.django_db
def test_a_rejected_application_takes_no_more_answers():
    application = _open_application(1)
    services.application_reject(
        application=application, by=UserFactory(), reason="Kein Wohnsitz im Gebiet."
    )

    with pytest.raises(ValidationError, match="wartet nicht mehr"):
        services.engagement_answer(
            token=tokens.confirmation_token(application.engagements.get()), answer="confirm"
        )
