"""The personal data of the mailings app (see core.extensions.PersonalData)."""

from engagiert.core.extensions import PersonalData
from engagiert.core.personal_data import (
    PUBLIC_TASK,
    UNTIL_ERASURE,
    USE_OF_PLATFORM,
    blanking,
    deleting,
    rows_by,
)

from .models import DigestRun, Mailing, NotificationPreference, Subscription, Unsubscription


def declarations() -> dict[str, PersonalData]:
    mailings = rows_by(Mailing, user="created_by")
    unsubscriptions = rows_by(Unsubscription, email="email")
    preferences = rows_by(NotificationPreference, user="user")
    digests = rows_by(DigestRun, user="user")
    subscriptions = rows_by(Subscription, user="user", email="email")
    return {
        "mailings.mailing": PersonalData(
            model="mailings.Mailing",
            fields=("subject", "created_by", "created_at"),
            purpose="Infomails der Netzwerkstelle: wer eine Infomail verfasst hat",
            legal_basis=PUBLIC_TASK,
            retention="Die Infomail bleibt; der Verweis auf die Person wird bei Löschung entfernt.",
            rows_of=mailings,
            erase=blanking(mailings, created_by=None),
            data_subjects="Beschäftigte der Netzwerkstelle",
        ),
        "mailings.unsubscription": PersonalData(
            model="mailings.Unsubscription",
            fields=("email", "created_at"),
            purpose="Abmeldung von Infomails: an diese Adresse gehen keine Infomails mehr",
            legal_basis="Art. 6 Abs. 1 lit. c DSGVO i. V. m. Art. 21 DSGVO (Widerspruch)",
            retention="Solange keine Infomails an die Adresse gehen sollen; auf Antrag gelöscht.",
            rows_of=unsubscriptions,
            erase=deleting(unsubscriptions),
            data_subjects="Empfängerinnen und Empfänger von Infomails",
        ),
        "mailings.preference": PersonalData(
            model="mailings.NotificationPreference",
            fields=("user", "kind", "frequency"),
            purpose="Benachrichtigungen: welche Neuigkeiten jemand wie oft erhalten möchte",
            legal_basis="Art. 6 Abs. 1 lit. a DSGVO (Einwilligung)",
            retention=UNTIL_ERASURE,
            rows_of=preferences,
            erase=deleting(preferences),
            data_subjects="Nutzerinnen und Nutzer mit Konto",
        ),
        "mailings.digest_run": PersonalData(
            model="mailings.DigestRun",
            fields=("user", "frequency", "sent_until"),
            purpose="Benachrichtigungen: bis wann Neuigkeiten verschickt wurden",
            legal_basis=USE_OF_PLATFORM,
            retention=UNTIL_ERASURE,
            rows_of=digests,
            erase=deleting(digests),
            data_subjects="Nutzerinnen und Nutzer mit Konto",
        ),
        "mailings.subscription": PersonalData(
            model="mailings.Subscription",
            fields=("email", "name", "user", "created_at", "confirmed_at"),
            purpose="Newsletter des Netzwerks: Versand der öffentlichen Infomails an die Adresse",
            legal_basis="Art. 6 Abs. 1 lit. a DSGVO (Einwilligung, bestätigt per E-Mail)",
            retention="Bis zur Abmeldung; unbestätigte Anmeldungen nach wenigen Tagen.",
            rows_of=subscriptions,
            erase=deleting(subscriptions),
            data_subjects="Abonnentinnen und Abonnenten des Newsletters",
        ),
    }
