"""The personal data of the events app (see core.extensions.PersonalData).

Registrations are found by the account and by the address (public registrations have no
account). An erased registration stays, without name, address or needs: it still counts in the
participation figures (confirmed, checked in), and its feedback scores in the evaluation.
"""

from engagiert.core.extensions import PersonalData
from engagiert.core.personal_data import (
    CONSENT,
    ERASED,
    HEALTH_CONSENT,
    PUBLIC_TASK,
    UNTIL_ERASURE,
    USE_OF_PLATFORM,
    anonymous_address,
    blanking,
    deleting,
    rows_by,
)

from .models import Answer, CalendarFeed, Feedback, Invitation, Invitee, Registration

ORGANISERS = "Veranstaltende Partner der jeweiligen Veranstaltung"
PARTICIPANTS = "Teilnehmende von Veranstaltungen (mit Konto oder öffentlich angemeldet)"


def declarations() -> dict[str, PersonalData]:
    registrations = rows_by(Registration, user="user", email="email")
    feedback = rows_by(Feedback, user="registration__user", email="registration__email")
    invitees = rows_by(Invitee, email="email")
    invitations = rows_by(Invitation, user="sent_by")
    feeds = rows_by(CalendarFeed, user="user")
    answers = rows_by(Answer, user="registration__user", email="registration__email")
    return {
        "events.registration": PersonalData(
            model="events.Registration",
            fields=(
                "event",
                "user",
                "name",
                "email",
                "organisation_name",
                "authority",
                "status",
                "list_consent",
                "created_at",
                "confirmed_at",
                "checked_in_at",
            ),
            purpose="Anmeldung zu Veranstaltungen, Teilnahmeliste, Namensschild und Einlass",
            legal_basis=f"{USE_OF_PLATFORM}; Teilnahmeliste: Art. 6 Abs. 1 lit. a DSGVO",
            retention="Bis zum Ende des Folgejahres der Veranstaltung; danach und auf Antrag "
            "ohne Namen und Adresse, nur noch als Zahl in der Teilnahmestatistik.",
            rows_of=registrations,
            erase=blanking(
                registrations,
                name=ERASED,
                email=anonymous_address(),
                organisation_name="",
                needs="",
                user=None,
            ),
            data_subjects=PARTICIPANTS,
            recipients=ORGANISERS,
        ),
        "events.registration_needs": PersonalData(
            model="events.Registration",
            fields=("event", "needs"),
            purpose="Barrierefreiheit und Verpflegung: Bedarfe der Teilnehmenden",
            legal_basis=HEALTH_CONSENT,
            retention="Bis zum Ende der Veranstaltung, dann gelöscht.",
            rows_of=registrations,
            erase=blanking(registrations, needs=""),
            data_subjects=PARTICIPANTS,
            recipients=ORGANISERS,
        ),
        "events.answer": PersonalData(
            model="events.Answer",
            fields=("registration", "question", "value"),
            purpose="Antworten auf die Fragen der Anmeldung einer Veranstaltung (z. B. "
            "Teilnahme am Abendessen)",
            legal_basis=USE_OF_PLATFORM,
            retention="Wie die Anmeldung: bis zum Ende des Folgejahres der Veranstaltung; "
            "auf Antrag gelöscht.",
            rows_of=answers,
            erase=deleting(answers),
            data_subjects=PARTICIPANTS,
            recipients=ORGANISERS,
        ),
        "events.feedback": PersonalData(
            model="events.Feedback",
            fields=("registration", "overall", "usefulness", "comment"),
            purpose="Rückmeldung der Teilnehmenden zur Verbesserung der Veranstaltungen",
            legal_basis=CONSENT,
            retention="Die Bewertungen bleiben anonym für die Auswertung; der Freitext wird "
            "auf Antrag gelöscht.",
            rows_of=feedback,
            erase=blanking(feedback, comment=""),
            data_subjects=PARTICIPANTS,
        ),
        "events.invitee": PersonalData(
            model="events.Invitee",
            fields=("invitation", "name", "email"),
            purpose="Einladungen zu Veranstaltungen: wer eingeladen wurde",
            legal_basis=PUBLIC_TASK,
            retention="Bis zum Ende des Folgejahres der Veranstaltung; auf Antrag ohne Namen "
            "und Adresse (die Zahl der Eingeladenen bleibt).",
            rows_of=invitees,
            erase=blanking(invitees, name="", email=anonymous_address()),
            data_subjects="Ansprechpersonen und Verwaltungsspitzen der Kommunen",
        ),
        "events.invitation": PersonalData(
            model="events.Invitation",
            fields=("event", "segment", "sent_by", "created_at"),
            purpose="Einladungen zu Veranstaltungen: wer sie versandt hat",
            legal_basis=PUBLIC_TASK,
            retention="Die Einladung bleibt; der Verweis auf die Person wird bei Löschung "
            "entfernt.",
            rows_of=invitations,
            erase=blanking(invitations, sent_by=None),
            data_subjects="Beschäftigte der Netzwerkstelle",
        ),
        "events.calendar_feed": PersonalData(
            model="events.CalendarFeed",
            fields=("user", "token"),
            purpose="Persönlicher Kalender-Abonnement-Link mit den eigenen Veranstaltungen",
            legal_basis=USE_OF_PLATFORM,
            retention=UNTIL_ERASURE,
            rows_of=feeds,
            erase=deleting(feeds),
            data_subjects="Nutzerinnen und Nutzer mit Konto",
        ),
    }
