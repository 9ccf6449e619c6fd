"""The personal data of the CRM (see core.extensions.PersonalData).

What the office notes about a contact person (activity entries, follow-ups) is found by the
person's e-mail address and deleted with them; the colleagues of the office who wrote or were
assigned an entry are found by their account, and only the link to them is removed, since the
entry belongs to the municipality's history. Import previews hold the uploaded rows for two
days at most (deleted by the retention job; after confirming, the rows are dropped at once).
"""

from typing import Any

from django.db.models import Q, QuerySet

from engagiert.core.extensions import DataSubject, PersonalData
from engagiert.core.personal_data import PUBLIC_TASK, blanking, deleting, rows_by

from .models import Activity, ContactImport, FollowUp

OFFICE = "Die Netzwerkstelle (nur intern)"


def _colleague_follow_ups(subject: DataSubject) -> QuerySet[Any]:
    if subject.user is None:
        return FollowUp.objects.none()
    user = subject.user
    return FollowUp.objects.filter(
        Q(assignee=user) | Q(created_by=user) | Q(done_by=user)
    ).order_by("pk")


def _erase_colleague(subject: DataSubject) -> int:
    rows = _colleague_follow_ups(subject)
    user = subject.user
    count = rows.count()
    for field in ("assignee", "created_by", "done_by"):
        FollowUp.objects.filter(**{field: user}).update(**{field: None})
    return count


def declarations() -> dict[str, PersonalData]:
    about = rows_by(Activity, email="person__email")
    written = rows_by(Activity, user="author")
    follow_ups = rows_by(FollowUp, email="person__email")
    imports = rows_by(ContactImport, user="created_by")
    return {
        "contacts.activity": PersonalData(
            model="contacts.Activity",
            fields=("kind", "happened_on", "text", "person", "authority", "author"),
            purpose="Kontaktverlauf der Netzwerkstelle: Notizen, Telefonate, Besuche, E-Mails "
            "und Treffen mit Ansprechpersonen und Kommunen",
            legal_basis=PUBLIC_TASK,
            retention="Fünf Jahre nach dem Datum des Eintrags; mit der Person gelöscht.",
            rows_of=about,
            erase=deleting(about),
            data_subjects="Ansprechpersonen der Kommunen und Partnerinstitutionen",
            recipients=OFFICE,
        ),
        "contacts.activity_author": PersonalData(
            model="contacts.Activity",
            fields=("author", "happened_on"),
            purpose="Kontaktverlauf: wer in der Netzwerkstelle einen Eintrag schrieb",
            legal_basis=PUBLIC_TASK,
            retention="Der Eintrag bleibt; der Verweis auf die Person wird bei Löschung entfernt.",
            rows_of=written,
            erase=blanking(written, author=None),
            data_subjects="Beschäftigte der Netzwerkstelle",
            recipients=OFFICE,
        ),
        "contacts.follow_up": PersonalData(
            model="contacts.FollowUp",
            fields=("title", "due_on", "person", "authority", "done_at"),
            purpose="Wiedervorlagen der Netzwerkstelle zu Ansprechpersonen",
            legal_basis=PUBLIC_TASK,
            retention="Ein Jahr nach der Erledigung; mit der Person gelöscht.",
            rows_of=follow_ups,
            erase=deleting(follow_ups),
            data_subjects="Ansprechpersonen der Kommunen und Partnerinstitutionen",
            recipients=OFFICE,
        ),
        "contacts.follow_up_colleague": PersonalData(
            model="contacts.FollowUp",
            fields=("assignee", "created_by", "done_by"),
            purpose="Wiedervorlagen: wem in der Netzwerkstelle sie zugewiesen sind",
            legal_basis=PUBLIC_TASK,
            retention="Ein Jahr nach der Erledigung; der Verweis auf die Person wird bei "
            "Löschung entfernt.",
            rows_of=_colleague_follow_ups,
            erase=_erase_colleague,
            data_subjects="Beschäftigte der Netzwerkstelle",
            recipients=OFFICE,
        ),
        "contacts.import": PersonalData(
            model="contacts.ContactImport",
            fields=("filename", "created_by", "rows"),
            purpose="Import einer Kontaktliste: Vorschau vor dem Speichern",
            legal_basis=PUBLIC_TASK,
            retention="Zwei Tage; nach dem Import werden die Zeilen sofort gelöscht.",
            rows_of=imports,
            erase=blanking(imports, created_by=None),
            data_subjects="Ansprechpersonen in importierten Listen; Beschäftigte der "
            "Netzwerkstelle",
            recipients=OFFICE,
        ),
    }
