"""The personal data of the membership app (see core.extensions.PersonalData).

Contact persons and leaders are kept for their authority, not with an account: they are found
by their e-mail address (a signature by the signer's name). What an authority itself submitted
(applications, documents) stays; only the link to the person who did it is removed.
"""

from typing import Any

from django.db.models import QuerySet

from engagiert.core.extensions import DataSubject, PersonalData
from engagiert.core.personal_data import (
    PUBLIC_TASK,
    blanking,
    deleting,
    full_name,
    rows_by,
)

from .models import (
    Application,
    ApplicationEvent,
    ContactPerson,
    Leader,
    Partnership,
    Signature,
    StrategyDocument,
)

AS_LONG_AS_LISTED = "Solange die Person für die Kommune als Ansprechperson genannt ist."
MEMBERS = "Mitgliedskommunen des Netzwerks (Mitgliederbereich), teils öffentlich nach Freigabe"


def _signatures(subject: DataSubject) -> QuerySet[Any]:
    name = full_name(subject)
    return Signature.objects.filter(signed_by__iexact=name) if name else Signature.objects.none()


def _document_file(document: StrategyDocument) -> list[Any]:
    return [document.file]


def declarations() -> dict[str, PersonalData]:
    contacts = rows_by(ContactPerson, email="email")
    leaders = rows_by(Leader, email="email")
    applications = rows_by(Application, user="submitted_by")
    steps = rows_by(ApplicationEvent, user="actor")
    documents = rows_by(StrategyDocument, user="uploaded_by")
    partnerships = rows_by(Partnership, email="contact_email")
    return {
        "membership.contact": PersonalData(
            model="membership.ContactPerson",
            fields=(
                "authority",
                "name",
                "function",
                "department",
                "phone",
                "email",
                "public_fields",
                "public_consent",
            ),
            purpose="Ansprechpersonen der Kommunen für das Netzwerk",
            legal_basis=PUBLIC_TASK,
            retention=AS_LONG_AS_LISTED,
            rows_of=contacts,
            erase=deleting(contacts),
            data_subjects="Beschäftigte der Mitgliedskommunen",
            recipients=MEMBERS,
        ),
        "membership.leader": PersonalData(
            model="membership.Leader",
            fields=("authority", "name", "office", "since", "email"),
            purpose="Verwaltungsspitzen der Kommunen (Einladungen zum Spitzentreffen)",
            legal_basis=PUBLIC_TASK,
            retention="Solange die Person das Amt innehat.",
            rows_of=leaders,
            erase=deleting(leaders),
            data_subjects="Bürgermeisterinnen, Landräte und Beigeordnete",
            recipients=MEMBERS,
        ),
        "membership.application": PersonalData(
            model="membership.Application",
            fields=("authority", "submitted_by", "status", "created_at"),
            purpose="Mitgliedsanträge der Kommunen: wer einen Antrag gestellt hat",
            legal_basis=PUBLIC_TASK,
            retention="Der Antrag bleibt bei der Kommune; der Verweis auf die Person wird bei "
            "Löschung entfernt.",
            rows_of=applications,
            erase=blanking(applications, submitted_by=None),
            data_subjects="Beschäftigte der Kommunen",
        ),
        "membership.application_step": PersonalData(
            model="membership.ApplicationEvent",
            fields=("application", "created_at", "actor", "action", "message"),
            purpose="Verlauf der Mitgliedsanträge: wer welchen Schritt getan hat",
            legal_basis=PUBLIC_TASK,
            retention="Der Verlauf bleibt beim Antrag; der Verweis auf die Person wird bei "
            "Löschung entfernt.",
            rows_of=steps,
            erase=blanking(steps, actor=None),
            data_subjects="Beschäftigte der Kommunen und der Netzwerkstelle",
        ),
        "membership.document": PersonalData(
            model="membership.StrategyDocument",
            fields=("profile", "title", "file", "uploaded_by", "created_at"),
            purpose="Engagementstrategien der Kommunen: wer ein Dokument hochgeladen hat",
            legal_basis=PUBLIC_TASK,
            retention="Das Dokument bleibt bei der Kommune; der Verweis auf die Person wird bei "
            "Löschung entfernt.",
            rows_of=documents,
            erase=blanking(documents, uploaded_by=None),
            data_subjects="Beschäftigte der Kommunen",
            files=_document_file,
        ),
        "membership.partnership": PersonalData(
            model="membership.Partnership",
            fields=("organisation", "role", "contact_name", "contact_email", "contact_phone"),
            purpose="Ansprechpersonen der Partnerinstitutionen des Netzwerks",
            legal_basis=PUBLIC_TASK,
            retention="Solange die Person als Ansprechperson genannt ist.",
            rows_of=partnerships,
            erase=blanking(partnerships, contact_name="", contact_email="", contact_phone=""),
            data_subjects="Beschäftigte der Partnerinstitutionen",
        ),
        "membership.signature": PersonalData(
            model="membership.Signature",
            fields=("wave", "authority", "organisation", "signed_by", "signer_role"),
            purpose="Unterzeichnung der gemeinsamen Erklärung: wer für die Kommune unterschrieb",
            legal_basis=PUBLIC_TASK,
            retention="Dauerhaft als Teil der Netzwerkgeschichte; der Name wird auf Antrag "
            "entfernt, die Unterzeichnung der Kommune bleibt.",
            rows_of=_signatures,
            erase=blanking(_signatures, signed_by="", signer_role=""),
            data_subjects="Verwaltungsspitzen der unterzeichnenden Kommunen",
            recipients="Öffentlichkeit (Liste der Unterzeichnenden)",
        ),
    }
