"""The personal data of the volunteer card app (see core.extensions.PersonalData).

An erased application or card is the same as one the keeping periods erased (retention.py):
the row stays for the card statistics (issuer, status, dates, field of engagement, year of
birth), without name, address, JuLeiCa data or account.
"""

from typing import Any

from django.utils import timezone

from engagiert.core.extensions import DataSubject, PersonalData
from engagiert.core.personal_data import (
    ERASED,
    PUBLIC_TASK,
    authorship,
    blanking,
    rows_by,
)

from .models import Application, BenefitPartner, Card, Engagement
from .retention import ERASED_EMAIL, applications_erase

ISSUER = "Die ausgebende Kommune (Kreis oder kreisfreie Stadt)"
APPLICANTS = "Antragstellende und Inhaberinnen und Inhaber der Ehrenamtskarte"
CARD_RETENTION = (
    "Abgelehnte Anträge nach Ablauf der Frist, Karten nach ihrem Ende und der Frist; danach und "
    "auf Antrag ohne Namen, Adresse und Konto, nur für die Statistik."
)
STAFF = "Beschäftigte der ausgebenden Kommunen"

applications = rows_by(Application, user="user", email="email")
engagements = rows_by(Engagement, user="application__user", email="application__email")
named_contacts = rows_by(Engagement, email="contact_email")
cards = rows_by(Card, user="user", email="email")
partners = rows_by(BenefitPartner, user="account", email="contact_email")


def _applications_erase(subject: DataSubject) -> int:
    return applications_erase(applications(subject), timezone.now())


def _cards_erase(subject: DataSubject) -> int:
    pks = list(cards(subject).values_list("pk", flat=True))
    return Card.objects.filter(pk__in=pks).update(
        first_name=ERASED,
        last_name=ERASED,
        email="",
        user=None,
        personal_data_erased_at=timezone.now(),
    )


def _engagement_erased() -> dict[str, Any]:
    return {
        "contact_name": ERASED,
        "contact_email": ERASED_EMAIL,
        "activity": "",
        "confirmation_note": "",
        "evidence_code": "",
    }


def declarations() -> dict[str, PersonalData]:
    return {
        "volunteercard.application": PersonalData(
            model="volunteercard.Application",
            fields=(
                "kind",
                "status",
                "user",
                "first_name",
                "last_name",
                "birth_date",
                "email",
                "street",
                "postcode",
                "residence",
                "juleica_number",
                "juleica_valid_until",
                "submitted_on",
                "decision_reason",
            ),
            purpose="Antrag auf die Ehrenamtskarte NRW und Prüfung der Voraussetzungen",
            legal_basis=f"{PUBLIC_TASK}; Art. 6 Abs. 1 lit. b DSGVO (Antrag)",
            retention=CARD_RETENTION,
            rows_of=applications,
            erase=_applications_erase,
            data_subjects=APPLICANTS,
            recipients=ISSUER,
        ),
        "volunteercard.engagement": PersonalData(
            model="volunteercard.Engagement",
            fields=("organisation", "field", "activity", "hours_per_week", "since"),
            purpose="Ehrenamtskarte: angegebenes Engagement und Bestätigung der Organisation",
            legal_basis=f"{PUBLIC_TASK}; Art. 6 Abs. 1 lit. b DSGVO (Antrag)",
            retention=CARD_RETENTION,
            rows_of=engagements,
            erase=blanking(engagements, **_engagement_erased()),
            data_subjects=APPLICANTS,
            recipients=f"{ISSUER}; die genannte Organisation",
        ),
        "volunteercard.engagement_contact": PersonalData(
            model="volunteercard.Engagement",
            fields=("organisation", "contact_name", "contact_email", "confirmation"),
            purpose="Ehrenamtskarte: Ansprechpersonen der Organisationen, die das Engagement "
            "bestätigen",
            legal_basis=PUBLIC_TASK,
            retention=CARD_RETENTION,
            rows_of=named_contacts,
            erase=blanking(named_contacts, contact_name=ERASED, contact_email=ERASED_EMAIL),
            data_subjects="Ansprechpersonen in Vereinen und Organisationen",
            recipients=ISSUER,
        ),
        "volunteercard.card": PersonalData(
            model="volunteercard.Card",
            fields=(
                "number",
                "kind",
                "user",
                "first_name",
                "last_name",
                "email",
                "birth_year",
                "valid_from",
                "valid_until",
                "issued_at",
            ),
            purpose="Ehrenamtskarte NRW: ausgegebene Karten und ihre Prüfung durch "
            "Akzeptanzstellen",
            legal_basis=PUBLIC_TASK,
            retention=CARD_RETENTION,
            rows_of=cards,
            erase=_cards_erase,
            data_subjects=APPLICANTS,
            recipients=f"{ISSUER}; Akzeptanzstellen sehen bei der Prüfung nur die Gültigkeit",
        ),
        "volunteercard.partner": PersonalData(
            model="volunteercard.BenefitPartner",
            fields=("organisation", "account", "contact_name", "contact_email", "phone"),
            purpose="Akzeptanzstellen der Ehrenamtskarte: Ansprechpersonen",
            legal_basis=PUBLIC_TASK,
            retention="Solange die Akzeptanzstelle teilnimmt; auf Antrag ohne Ansprechperson.",
            rows_of=partners,
            erase=blanking(partners, contact_name=ERASED, contact_email="", phone="", account=None),
            data_subjects="Ansprechpersonen der Akzeptanzstellen",
            recipients=ISSUER,
        ),
        "volunteercard.application_decision": authorship(
            Application,
            user="decided_by",
            fields=("decided_by", "decided_at"),
            purpose="Ehrenamtskarte: wer über einen Antrag entschieden hat",
            data_subjects=STAFF,
        ),
        "volunteercard.card_issue": authorship(
            Card,
            user="issued_by",
            fields=("issued_by", "issued_at"),
            purpose="Ehrenamtskarte: wer eine Karte ausgegeben hat",
            data_subjects=STAFF,
        ),
        "volunteercard.card_revocation": authorship(
            Card,
            user="revoked_by",
            fields=("revoked_by", "revoked_at"),
            purpose="Ehrenamtskarte: wer eine Karte widerrufen hat",
            data_subjects=STAFF,
        ),
        "volunteercard.partner_decision": authorship(
            BenefitPartner,
            user="decided_by",
            fields=("decided_by", "decided_at"),
            purpose="Akzeptanzstellen: wer über die Aufnahme entschieden hat",
            data_subjects=STAFF,
        ),
    }
