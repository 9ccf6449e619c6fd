"""Demo: the demo volunteer's Ehrenamtskarte, issued by the first issuing authority.

Runs after the issuers exist (the card application's demo creates them); without an issuer, or
without a signing key, it does nothing. Running it again changes nothing.
"""

import datetime

from django.utils import timezone

from engagiert.accounts.models import User
from engagiert.core.services import model_create
from engagiert.volunteercard import signing
from engagiert.volunteercard.cards import card_issue
from engagiert.volunteercard.models import Application, Card, Issuer

VOLUNTEER = "freiwillige@engagiert.example"


def volunteercard_cards_load() -> Card | None:
    volunteer = User.objects.filter(email=VOLUNTEER).first()
    issuer = Issuer.objects.filter(is_active=True).select_related("authority").first()
    if volunteer is None or issuer is None or signing.keys().signing is None:
        return None
    existing = Card.objects.filter(user=volunteer).first()
    if existing:
        return existing
    today = timezone.localdate()
    application = model_create(
        instance=Application(
            issuer=issuer,
            kind=Application.Kind.NEW,
            status=Application.Status.APPROVED,
            user=volunteer,
            first_name=volunteer.first_name,
            last_name=volunteer.last_name,
            birth_date=datetime.date(1994, 4, 12),
            email=volunteer.email,
            residence=issuer.authority,
            email_confirmed_at=timezone.now(),
            submitted_on=today - datetime.timedelta(days=21),
            decided_at=timezone.now(),
            decision_reason="Demo: Engagement von den Organisationen bestätigt.",
        ),
        data={},
    )
    return card_issue(application=application, by=None)
