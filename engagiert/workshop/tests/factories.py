import datetime

import factory
from django.utils import timezone

from engagiert.accounts.models import Role, User
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.registry.models import Authority, Organisation
from engagiert.registry.tests.factories import AuthorityFactory, OrganisationFactory
from engagiert.workshop.models import (
    Cohort,
    CohortApplication,
    ConsultationSlot,
    EvaluationResponse,
    ExpertInput,
    Post,
    Resource,
    Session,
    TeamMember,
    Thread,
    TopicProposal,
    TopicVote,
)


class CohortFactory(factory.django.DjangoModelFactory[Cohort]):
    """A running cohort whose call is still open for two weeks (numbered from 100 on, so that
    tests can name small numbers of their own)."""

    class Meta:
        model = Cohort

    number = factory.Sequence(lambda n: 100 + n)
    starts_on = datetime.date(2026, 1, 15)
    ends_on = datetime.date(2027, 6, 30)
    operator = factory.SubFactory(
        OrganisationFactory,
        name=factory.Sequence(lambda n: f"Institut für Engagementförderung {n}"),
        kind=Organisation.Kind.INSTITUTE,
    )
    evaluator = factory.SubFactory(
        OrganisationFactory,
        name=factory.Sequence(lambda n: f"Hochschule für Evaluation {n}"),
        kind=Organisation.Kind.INSTITUTE,
    )
    max_sites = 10
    call_text = "Wir suchen Kommunen, die ihre Engagementförderung strategisch aufstellen wollen."
    application_deadline = factory.LazyFunction(
        lambda: timezone.now() + datetime.timedelta(days=14)
    )
    votes_per_team = 3


class CohortApplicationFactory(factory.django.DjangoModelFactory[CohortApplication]):
    """A submitted application with its two-person team (pass `team=[]` for none)."""

    class Meta:
        model = CohortApplication
        skip_postgeneration_save = True

    cohort = factory.SubFactory(CohortFactory)
    authority = factory.SubFactory(AuthorityFactory)
    submitted_by = factory.SubFactory(UserFactory)
    motivation = "Wir wollen Engagement in unserer Kommune strategisch fördern."
    goals = "Eine Engagementstrategie, die der Rat beschließt."
    existing = "Koordinierungsstelle Ehrenamt, Runder Tisch, Ehrenamtskarte seit 2016."
    status = CohortApplication.Status.SUBMITTED

    @factory.post_generation
    def team(self, create: bool, extracted: list[dict[str, str]] | None, **kwargs: object) -> None:
        if not create:
            return
        if extracted is None:
            TeamMemberFactory(application=self, position=1)
            TeamMemberFactory(application=self, position=2, function="Sozialplanung")
            return
        for position, member in enumerate(extracted, start=1):
            TeamMemberFactory(application=self, position=position, **member)


class TeamMemberFactory(factory.django.DjangoModelFactory[TeamMember]):
    class Meta:
        model = TeamMember

    application = factory.SubFactory(CohortApplicationFactory, team=[])
    position = 1
    name = factory.Faker("name", locale="de_DE")
    function = "Koordination Ehrenamt"
    email = factory.Sequence(lambda n: f"team{n}@kommune.example")
    user = None


def selected_team(
    cohort: Cohort, authority: Authority | None = None, **kwargs: object
) -> CohortApplication:
    """A selected application whose two members have accounts with the development-team role,
    as `cohort_select` leaves them."""
    application = CohortApplicationFactory(
        cohort=cohort,
        authority=authority or AuthorityFactory(),
        status=CohortApplication.Status.SELECTED,
        decided_at=timezone.now(),
        **kwargs,
    )
    for member in application.team.all():
        member.user = UserFactory(email=member.email)
        role_grant(
            user=member.user,
            role=Role.DEVELOPMENT_TEAM,
            authority=application.authority,
            function=member.function,
        )
        member.save(update_fields=["user"])
    return application


def team_user(application: CohortApplication, position: int = 1) -> User:
    """The account of a selected team's member."""
    user = application.team.get(position=position).user
    assert user is not None
    return user


class SessionFactory(factory.django.DjangoModelFactory[Session]):
    class Meta:
        model = Session

    cohort = factory.SubFactory(CohortFactory)
    number = factory.Sequence(lambda n: n + 1)
    date = datetime.date(2026, 3, 12)
    place = "Haus der Kommunen, Düsseldorf"
    title = factory.Sequence(lambda n: f"Werkstatt {n + 1}")


class TopicProposalFactory(factory.django.DjangoModelFactory[TopicProposal]):
    class Meta:
        model = TopicProposal

    cohort = factory.SubFactory(CohortFactory)
    title = factory.Sequence(lambda n: f"Thema {n + 1}")
    description = "Das brauchen wir für unsere Strategie."
    proposed_by = None
    authority = None


class TopicVoteFactory(factory.django.DjangoModelFactory[TopicVote]):
    class Meta:
        model = TopicVote

    proposal = factory.SubFactory(TopicProposalFactory)
    authority = factory.SubFactory(AuthorityFactory)
    user = None


class ExpertInputFactory(factory.django.DjangoModelFactory[ExpertInput]):
    class Meta:
        model = ExpertInput

    session = factory.SubFactory(SessionFactory)
    speaker = "Dr. Petra Beispiel"
    title = "Engagementstrategien im Vergleich"
    material_url = "https://example.org/folien.pdf"


class ConsultationSlotFactory(factory.django.DjangoModelFactory[ConsultationSlot]):
    """A free appointment three days ahead, one hour long."""

    class Meta:
        model = ConsultationSlot

    cohort = factory.SubFactory(CohortFactory)
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=3)).replace(microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=1))
    advisor = "Dr. Petra Beispiel"
    place = "Videokonferenz"
    booked_by = None
    booked_by_user = None


class ResourceFactory(factory.django.DjangoModelFactory[Resource]):
    class Meta:
        model = Resource

    cohort = factory.SubFactory(CohortFactory)
    title = factory.Sequence(lambda n: f"Lernquelle {n + 1}")
    description = "Eine Handreichung für die Praxis."
    url = "https://example.org/handreichung"
    tags = "Strategie, Ehrenamtskarte"
    added_by = None


class ThreadFactory(factory.django.DjangoModelFactory[Thread]):
    class Meta:
        model = Thread

    cohort = factory.SubFactory(CohortFactory)
    title = factory.Sequence(lambda n: f"Diskussion {n + 1}")
    author = None


class PostFactory(factory.django.DjangoModelFactory[Post]):
    class Meta:
        model = Post

    thread = factory.SubFactory(ThreadFactory)
    author = None
    body = factory.Sequence(lambda n: f"Beitrag {n + 1}: So machen wir das bei uns.")


class EvaluationResponseFactory(factory.django.DjangoModelFactory[EvaluationResponse]):
    class Meta:
        model = EvaluationResponse

    cohort = factory.SubFactory(CohortFactory)
    authority = factory.SubFactory(AuthorityFactory)
    phase = EvaluationResponse.Phase.START
    strategy = 3
    cooperation = 4
    competence = 2
    comment = ""
