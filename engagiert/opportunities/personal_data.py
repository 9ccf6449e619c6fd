"""The personal data of the opportunities app (see core.extensions.PersonalData).

Interest in an opportunity, a shift sign-up and an hours certificate stay when their person
is erased, without name or address: they count in the providers' and the network's figures
(people reached, hours of engagement). Contact persons of organisations are found by address.
"""

from engagiert.core.extensions import PersonalData
from engagiert.core.personal_data import (
    ERASED,
    PUBLIC_TASK,
    UNTIL_ERASURE,
    USE_OF_PLATFORM,
    anonymous_address,
    authorship,
    blanking,
    deleting,
    rows_by,
)

from .models import (
    Action,
    Cooperation,
    CorporateMatch,
    HoursCertificate,
    Interest,
    Opportunity,
    Provider,
    SavedSearch,
    ShiftSignup,
)

VOLUNTEERS = "Engagierte und Interessierte (mit Konto oder ohne)"
CONTACTS = "Ansprechpersonen der Organisationen und Kommunen"
PROVIDER = "Die anbietende Organisation"
KEPT_FOR_FIGURES = (
    "Bis zum Ende des Folgejahres; danach und auf Antrag ohne Namen und Adresse, nur noch als "
    "Zahl in den Auswertungen."
)
AS_LONG_AS_LISTED = "Solange die Person als Ansprechperson genannt ist; auf Antrag entfernt."


def declarations() -> dict[str, PersonalData]:
    interests = rows_by(Interest, user="user", email="email")
    signups = rows_by(ShiftSignup, user="user", email="email")
    certificates = rows_by(HoursCertificate, email="email")
    searches = rows_by(SavedSearch, user="user")
    providers = rows_by(Provider, email="contact_email")
    municipal = rows_by(Provider, email="municipal_contact_email")
    opportunities = rows_by(Opportunity, email="contact_email")
    cooperations = rows_by(Cooperation, email="contact_email")
    return {
        "opportunities.interest": PersonalData(
            model="opportunities.Interest",
            fields=(
                "opportunity",
                "user",
                "name",
                "email",
                "message",
                "status",
                "answer",
                "created_at",
            ),
            purpose="Interesse an einem Engagementangebot und Antwort der Organisation",
            legal_basis=USE_OF_PLATFORM,
            retention=(
                "Ohne Zusage: gelöscht nach der eingestellten Frist (üblich 180 Tage) ab der "
                "Nachricht, frühestens so lange nach Absage oder Rückzug. Zugesagte: "
                + KEPT_FOR_FIGURES
            ),
            rows_of=interests,
            erase=blanking(
                interests, name=ERASED, email=anonymous_address(), message="", answer="", user=None
            ),
            data_subjects=VOLUNTEERS,
            recipients=PROVIDER,
        ),
        "opportunities.signup": PersonalData(
            model="opportunities.ShiftSignup",
            fields=("shift", "user", "name", "email", "status", "attended", "hours", "created_at"),
            purpose="Anmeldung zu Schichten von Aktionen und bestätigte Stunden",
            legal_basis=USE_OF_PLATFORM,
            retention="Ohne bestätigte Stunden: gelöscht ein Jahr nach der letzten Schicht der "
            "Aktion. Mit bestätigten Stunden: " + KEPT_FOR_FIGURES,
            rows_of=signups,
            erase=blanking(signups, name=ERASED, email=anonymous_address(), user=None),
            data_subjects=VOLUNTEERS,
            recipients=PROVIDER,
        ),
        "opportunities.certificate": PersonalData(
            model="opportunities.HoursCertificate",
            fields=("code", "provider", "name", "email", "created_at"),
            purpose="Nachweise geleisteter Stunden (z. B. für die Ehrenamtskarte)",
            legal_basis=USE_OF_PLATFORM,
            retention=KEPT_FOR_FIGURES,
            rows_of=certificates,
            erase=blanking(certificates, name=ERASED, email=anonymous_address()),
            data_subjects=VOLUNTEERS,
            recipients="Die ausgebende Kommune der Ehrenamtskarte, wenn der Nachweis dort "
            "vorgelegt wird",
        ),
        "opportunities.saved_search": PersonalData(
            model="opportunities.SavedSearch",
            fields=("user", "name", "query", "notify", "created_at"),
            purpose="Gespeicherte Suchen und Benachrichtigung über neue Angebote",
            legal_basis="Art. 6 Abs. 1 lit. a DSGVO (Einwilligung)",
            retention=UNTIL_ERASURE,
            rows_of=searches,
            erase=deleting(searches),
            data_subjects=VOLUNTEERS,
        ),
        "opportunities.provider": PersonalData(
            model="opportunities.Provider",
            fields=("organisation", "contact_name", "contact_email", "contact_phone"),
            purpose="Anbietende Organisationen: Ansprechperson",
            legal_basis=PUBLIC_TASK,
            retention=AS_LONG_AS_LISTED,
            rows_of=providers,
            erase=blanking(providers, contact_name=ERASED, contact_email="", contact_phone=""),
            data_subjects=CONTACTS,
        ),
        "opportunities.provider_municipal_contact": PersonalData(
            model="opportunities.Provider",
            fields=("organisation", "municipal_contact_name", "municipal_contact_email"),
            purpose="Anbietende Organisationen: Ansprechperson in der Kommune",
            legal_basis=PUBLIC_TASK,
            retention=AS_LONG_AS_LISTED,
            rows_of=municipal,
            erase=blanking(municipal, municipal_contact_name="", municipal_contact_email=""),
            data_subjects=CONTACTS,
        ),
        "opportunities.provider_verification": authorship(
            Provider,
            user="verified_by",
            fields=("organisation", "verified_by", "verified_at"),
            purpose="Anbietende Organisationen: wer sie geprüft hat",
            data_subjects="Beschäftigte der Kommunen",
        ),
        "opportunities.opportunity": PersonalData(
            model="opportunities.Opportunity",
            fields=("title", "contact_name", "contact_email", "contact_phone"),
            purpose="Engagementangebote: Ansprechperson",
            legal_basis=PUBLIC_TASK,
            retention=AS_LONG_AS_LISTED + " Bei beendeten Angeboten ein Jahr nach dem Ende.",
            rows_of=opportunities,
            erase=blanking(opportunities, contact_name=ERASED, contact_email="", contact_phone=""),
            data_subjects=CONTACTS,
            recipients="Öffentlichkeit (veröffentlichte Angebote)",
        ),
        "opportunities.cooperation": PersonalData(
            model="opportunities.Cooperation",
            fields=("name", "contact_name", "contact_email", "contact_phone"),
            purpose="Kooperationen der Kommunen: Ansprechperson",
            legal_basis=PUBLIC_TASK,
            retention=AS_LONG_AS_LISTED,
            rows_of=cooperations,
            erase=blanking(cooperations, contact_name=ERASED, contact_email="", contact_phone=""),
            data_subjects=CONTACTS,
        ),
        "opportunities.action": authorship(
            Action,
            user="created_by",
            fields=("title", "created_by", "created_at"),
            purpose="Aktionstage: wer eine Aktion angelegt hat",
        ),
        "opportunities.signup_confirmation": authorship(
            ShiftSignup,
            user="hours_confirmed_by",
            fields=("hours_confirmed_by", "hours_confirmed_at"),
            purpose="Schichten: wer geleistete Stunden bestätigt hat",
        ),
        "opportunities.corporate_match": authorship(
            CorporateMatch,
            user="proposer",
            fields=("offer", "need", "proposer", "message", "created_at"),
            purpose="Unternehmensengagement: wer einen Vorschlag gemacht hat",
        ),
    }
