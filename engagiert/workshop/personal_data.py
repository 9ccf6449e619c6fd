"""The personal data of the workshop app (see core.extensions.PersonalData).

What a team wrote stays with its cohort (applications, proposals, posts, learning resources);
an erasure removes the link to the person. A team member erased stays as a place in the team
without name or address, so the cohort's figures do not change.
"""

from engagiert.core.extensions import PersonalData
from engagiert.core.personal_data import (
    ERASED,
    PUBLIC_TASK,
    anonymous_address,
    authorship,
    blanking,
    rows_by,
)

from .models import (
    CohortApplication,
    ConsultationSlot,
    PanelScore,
    Post,
    Resource,
    TeamMember,
    Thread,
    TopicProposal,
    TopicVote,
)

TEAMS = "Entwicklungsteams der Kommunen"
COHORT = "Die Teams und die Betreiber des Durchgangs"


def declarations() -> dict[str, PersonalData]:
    members = rows_by(TeamMember, user="user", email="email")
    return {
        "workshop.team_member": PersonalData(
            model="workshop.TeamMember",
            fields=("application", "position", "user", "name", "function", "email"),
            purpose="Entwicklungswerkstatt: Mitglieder der Entwicklungsteams",
            legal_basis=PUBLIC_TASK,
            retention="Bis zum Ende des Durchgangs und der Evaluation; auf Antrag ohne Namen "
            "und Adresse.",
            rows_of=members,
            erase=blanking(members, name=ERASED, function="", email=anonymous_address(), user=None),
            data_subjects=TEAMS,
            recipients=COHORT,
        ),
        "workshop.application": authorship(
            CohortApplication,
            user="submitted_by",
            data_subjects=TEAMS,
            recipients=COHORT,
            fields=("cohort", "authority", "submitted_by", "created_at"),
            purpose="Bewerbungen für die Entwicklungswerkstatt: wer sie eingereicht hat",
        ),
        "workshop.proposal": authorship(
            TopicProposal,
            user="proposed_by",
            data_subjects=TEAMS,
            recipients=COHORT,
            fields=("cohort", "title", "description", "proposed_by"),
            purpose="Themenvorschläge der Teams",
        ),
        "workshop.vote": authorship(
            TopicVote,
            user="user",
            data_subjects=TEAMS,
            recipients=COHORT,
            fields=("proposal", "user", "created_at"),
            purpose="Themenabstimmung",
        ),
        "workshop.slot": authorship(
            ConsultationSlot,
            user="booked_by_user",
            data_subjects=TEAMS,
            recipients=COHORT,
            fields=("cohort", "starts_at", "advisor", "booked_by_user"),
            purpose="Buchung von Beratungsterminen",
        ),
        "workshop.resource": authorship(
            Resource,
            user="added_by",
            data_subjects=TEAMS,
            recipients=COHORT,
            fields=("cohort", "title", "url", "added_by"),
            purpose="Lernquellen der Teams",
        ),
        "workshop.panel_score": authorship(
            PanelScore,
            user="reviewer",
            data_subjects="Mitglieder des Auswahlgremiums (Netzwerkbüro)",
            recipients="Netzwerkbüro",
            fields=("application", "reviewer", "score", "comment"),
            purpose="Bewertung der Bewerbungen durch das Auswahlgremium",
        ),
        "workshop.thread": authorship(
            Thread,
            user="author",
            data_subjects=TEAMS,
            recipients=COHORT,
            fields=("cohort", "title", "author"),
            purpose="Diskussionen im Durchgang",
        ),
        "workshop.post": authorship(
            Post,
            user="author",
            data_subjects=TEAMS,
            recipients=COHORT,
            fields=("thread", "body", "author", "created_at"),
            purpose="Beiträge in Diskussionen",
        ),
    }
