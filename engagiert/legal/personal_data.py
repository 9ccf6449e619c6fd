"""The personal data of the legal app (see core.extensions.PersonalData): consents as proof,
feedback on barriers, and who wrote a version of a legal page or answered a feedback case."""

from engagiert.core.extensions import PersonalData
from engagiert.core.personal_data import authorship, deleting, rows_by

from .models import ConsentRecord, FeedbackCase, NoteVersion, PageVersion

OFFICE = "Beschäftigte der Netzwerkstelle"


def declarations() -> dict[str, PersonalData]:
    consents = rows_by(ConsentRecord, user="user", email="email")
    feedback = rows_by(FeedbackCase, email="email")
    return {
        "legal.consents": PersonalData(
            model="legal.ConsentRecord",
            fields=(
                "user",
                "email",
                "purpose",
                "reference",
                "version",
                "note_version",
                "given_at",
                "withdrawn_at",
                "end_reason",
            ),
            purpose="Nachweis, wozu eine Person eingewilligt und wann sie widerrufen hat",
            legal_basis="Art. 6 Abs. 1 lit. c, Art. 7 Abs. 1 DSGVO",
            retention="Drei Jahre nach dem Widerruf der Einwilligung.",
            rows_of=consents,
            erase=deleting(consents),
            data_subjects="Alle, die eine Einwilligung gegeben haben",
        ),
        "legal.feedback": PersonalData(
            model="legal.FeedbackCase",
            fields=("name", "email", "page_url", "description", "reply"),
            purpose="Beantwortung von Rückmeldungen zur Barrierefreiheit der Plattform",
            legal_basis="Art. 6 Abs. 1 lit. c DSGVO, § 10 BITV NRW",
            retention="Zwei Jahre nach der Antwort.",
            rows_of=feedback,
            erase=deleting(feedback),
            data_subjects="Personen, die eine Barriere gemeldet haben",
        ),
        "legal.feedback_answered": authorship(
            FeedbackCase,
            user="answered_by",
            fields=("status", "answered_at", "answered_by"),
            purpose="Rückmeldungen zur Barrierefreiheit: wer eine Rückmeldung beantwortet hat",
            data_subjects=OFFICE,
        ),
        "legal.page_version": authorship(
            PageVersion,
            user="created_by",
            fields=("page", "number", "created_at", "created_by"),
            purpose="Rechtstexte: wer eine Fassung einer Seite angelegt hat",
            data_subjects=OFFICE,
        ),
        "legal.note_version": authorship(
            NoteVersion,
            user="created_by",
            fields=("key", "number", "created_at", "created_by"),
            purpose="Datenschutzhinweise: wer eine Fassung eines Hinweises angelegt hat",
            data_subjects=OFFICE,
        ),
    }
