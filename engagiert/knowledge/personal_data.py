"""The personal data of the knowledge app (see core.extensions.PersonalData).

Knowledge, questions and answers stay for the network when their author is erased: the link
to the person goes, and a contact line naming their address is emptied.
"""

from typing import Any

from django.db.models import Model, Q, QuerySet

from engagiert.core.extensions import DataSubject, PersonalData
from engagiert.core.personal_data import (
    PUBLIC_TASK,
    UNTIL_ERASURE,
    USE_OF_PLATFORM,
    authorship,
    blanking,
    deleting,
    rows_by,
)

from .models import (
    Answer,
    AssistanceOffer,
    AssistanceRequest,
    KnowledgeItem,
    Question,
    TopicFollow,
)

MEMBERS = "Mitgliedskommunen des Netzwerks; öffentliche Beiträge: Öffentlichkeit"


def _contact_naming(model: type[Model], subject: DataSubject) -> QuerySet[Any]:
    """Rows whose free-text contact line gives the person's address."""
    if not subject.email:
        return model._default_manager.none()
    return model._default_manager.filter(contact__icontains=subject.email)


def _items(subject: DataSubject) -> QuerySet[Any]:
    author = Q(author=subject.user) if subject.user is not None else Q(pk__in=[])
    return KnowledgeItem.objects.filter(
        author | Q(pk__in=_contact_naming(KnowledgeItem, subject).values("pk"))
    ).order_by("pk")


def _items_erase(subject: DataSubject) -> int:
    rows = _items(subject)
    pks = list(rows.values_list("pk", flat=True))
    KnowledgeItem.objects.filter(pk__in=_contact_naming(KnowledgeItem, subject)).update(contact="")
    return KnowledgeItem.objects.filter(pk__in=pks).update(author=None)


def _offers(subject: DataSubject) -> QuerySet[Any]:
    return _contact_naming(AssistanceOffer, subject)


def _answers(subject: DataSubject) -> QuerySet[Any]:
    if subject.user is None:
        return Answer.objects.none()
    return Answer.objects.filter(author=subject.user).order_by("pk")


def _answers_erase(subject: DataSubject) -> int:
    if subject.user is None:
        return 0
    helpful = Answer.helpful.through.objects.filter(user=subject.user).delete()[0]
    return helpful + Answer.objects.filter(author=subject.user).update(author=None)


def declarations() -> dict[str, PersonalData]:
    follows = rows_by(TopicFollow, user="user")
    return {
        "knowledge.item": PersonalData(
            model="knowledge.KnowledgeItem",
            fields=("title", "author", "contact", "created_at"),
            purpose="Wissensdatenbank: Verfasserin oder Verfasser und Kontaktangabe",
            legal_basis=PUBLIC_TASK,
            retention="Der Beitrag bleibt; Verweis auf die Person und Kontaktangabe werden bei "
            "Löschung entfernt.",
            rows_of=_items,
            erase=_items_erase,
            recipients=MEMBERS,
        ),
        "knowledge.question": authorship(
            Question,
            user="author",
            fields=("title", "body", "author", "created_at"),
            purpose="Fragen an das Netzwerk",
            recipients=MEMBERS,
        ),
        "knowledge.answer": PersonalData(
            model="knowledge.Answer",
            fields=("question", "body", "author", "accepted", "created_at"),
            purpose="Antworten im Netzwerk und Hinweise »hilfreich«",
            legal_basis=PUBLIC_TASK,
            retention="Die Antwort bleibt; der Verweis auf die Person und ihre Hinweise "
            "»hilfreich« werden bei Löschung entfernt.",
            rows_of=_answers,
            erase=_answers_erase,
            recipients=MEMBERS,
        ),
        "knowledge.follow": PersonalData(
            model="knowledge.TopicFollow",
            fields=("user", "topic"),
            purpose="Themen, denen jemand folgt (Benachrichtigung über neue Fragen)",
            legal_basis=USE_OF_PLATFORM,
            retention=UNTIL_ERASURE,
            rows_of=follows,
            erase=deleting(follows),
        ),
        "knowledge.assistance_offer": PersonalData(
            model="knowledge.AssistanceOffer",
            fields=("authority", "title", "contact"),
            purpose="Amtshilfe-Angebote der Kommunen: Kontaktangabe",
            legal_basis=PUBLIC_TASK,
            retention="Solange das Angebot besteht; die Kontaktangabe wird auf Antrag entfernt.",
            rows_of=_offers,
            erase=blanking(_offers, contact=""),
            data_subjects="Beschäftigte der Kommunen",
            recipients=MEMBERS,
        ),
        "knowledge.assistance_request": authorship(
            AssistanceRequest,
            user="requested_by",
            fields=("offer", "authority", "message", "requested_by", "created_at"),
            purpose="Amtshilfe-Anfragen: wer für die Kommune angefragt hat",
        ),
    }
