"""A person with data in every app, built with each app's own test factories.

`seed_person` gives one person a row for every personal-data declaration (a test checks that
no declaration is left without one), so export and erasure are tested against all of them.
Each person is seeded in their own authority; every name, address and phone number is theirs.
"""

import datetime
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils import timezone

from engagiert.accounts.models import (
    InboxAssignment,
    KnownDevice,
    Passkey,
    RecoveryCode,
    Role,
    User,
    UserSession,
)
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import TwoFactorFactory, UserFactory
from engagiert.api.models import Scope, WebhookEvent, WebhookSubscription
from engagiert.api.services import token_issue
from engagiert.audiences.tests.factories import SegmentFactory
from engagiert.contacts.models import ContactImport
from engagiert.contacts.tests.factories import ActivityFactory, FollowUpFactory
from engagiert.core.audit import audit_actor, audit_record
from engagiert.core.models import AuditEntry
from engagiert.core.outbox import outbox_add
from engagiert.events.models import (
    Answer,
    CalendarFeed,
    Event,
    Feedback,
    Invitation,
    Invitee,
    Question,
    Registration,
)
from engagiert.events.tests.factories import EventFactory, RegistrationFactory
from engagiert.impact.models import (
    AssessmentReminder,
    AssessmentResponse,
    NetworkReport,
    Questionnaire,
    Snapshot,
)
from engagiert.impact.tests.factories import IndicatorFactory, IndicatorValueFactory
from engagiert.impact.tests.measure_factories import EvidenceFactory, GoalFactory, MeasureFactory
from engagiert.knowledge.models import AssistanceRequest, TopicFollow
from engagiert.knowledge.tests.factories import (
    AnswerFactory,
    AssistanceOfferFactory,
    KnowledgeItemFactory,
    QuestionFactory,
)
from engagiert.legal.models import ConsentRecord, FeedbackCase, NoteVersion, Page, PageVersion
from engagiert.mailings.models import (
    DigestRun,
    NotificationPreference,
    Subscription,
    Unsubscription,
)
from engagiert.mailings.tests.factories import MailingFactory
from engagiert.membership.models import ApplicationEvent, ContactPerson, StrategyDocument
from engagiert.membership.tests.factories import (
    ApplicationFactory,
    ContactPersonFactory,
    LeaderFactory,
    PartnershipFactory,
    ProfileFactory,
    SignatureFactory,
)
from engagiert.news.tests.factories import ArticleFactory
from engagiert.opportunities.models import HoursCertificate, SavedSearch
from engagiert.opportunities.tests.cooperation_factories import (
    CooperationFactory,
    MatchFactory,
)
from engagiert.opportunities.tests.factories import (
    InterestFactory,
    OpportunityFactory,
    ProviderFactory,
)
from engagiert.opportunities.tests.shift_factories import ActionFactory, SignupFactory
from engagiert.privacy.models import DataExport, DataRequest, one_month_after
from engagiert.registry.tests.factories import AuthorityFactory, TopicFactory
from engagiert.volunteercard.tests.card_factories import CardFactory
from engagiert.volunteercard.tests.factories import (
    ApplicationFactory as CardApplicationFactory,
)
from engagiert.volunteercard.tests.factories import EngagementFactory, IssuerFactory
from engagiert.volunteercard.tests.partner_factories import PartnerFactory
from engagiert.workshop.models import PanelScore
from engagiert.workshop.tests.factories import (
    CohortApplicationFactory,
    ConsultationSlotFactory,
    PostFactory,
    ResourceFactory,
    ThreadFactory,
    TopicProposalFactory,
    TopicVoteFactory,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Person:
    user: User
    first_name: str
    last_name: str
    email: str
    phone: str
    event: Event

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def identifying(self) -> list[str]:
        """What must not be found anywhere after the erasure."""
        return [self.name, self.last_name, self.email, self.phone]


def _membership(person: Person, authority: object) -> None:
    user, name, email, phone = person.user, person.name, person.email, person.phone
    ContactPersonFactory(authority=authority, name=name, email=email, phone=phone)
    LeaderFactory(authority=authority, name=name, email=email)
    application = ApplicationFactory(authority=authority, submitted_by=user)
    ApplicationEvent.objects.create(application=application, actor=user, action="submitted")
    document = StrategyDocument(
        profile=ProfileFactory(authority=authority), title="Leitbild", uploaded_by=user
    )
    document.file.save(f"leitbild-{authority.name}.pdf", ContentFile(PDF), save=False)
    document.save()
    PartnershipFactory(contact_name=name, contact_email=email, contact_phone=phone)
    SignatureFactory(authority=authority, signed_by=name)


def _events(person: Person, authority: object) -> None:
    user, name, email = person.user, person.name, person.email
    registration = RegistrationFactory(
        event=person.event,
        user=user,
        name=name,
        email=email,
        organisation_name=f"Stadt von {name}",
        authority=authority,
        status=Registration.Status.CONFIRMED,
        needs="Rollstuhlplatz, vegetarisch",
        checked_in_at=timezone.now(),
    )
    Feedback.objects.create(
        registration=registration, overall=5, usefulness=4, comment=f"Grüße, {name}"
    )
    question = Question.objects.create(event=person.event, text="Anreise?", kind=Question.Kind.TEXT)
    Answer.objects.create(registration=registration, question=question, value=f"Bahn ({name})")
    invitation = Invitation.objects.create(
        event=person.event, segment=SegmentFactory(), sent_by=user
    )
    Invitee.objects.create(invitation=invitation, email=email, name=name, authority=authority)
    CalendarFeed.objects.create(user=user)


def _content(person: Person, authority: object) -> None:
    user, name, email, phone = person.user, person.name, person.email, person.phone
    MailingFactory(created_by=user)
    Unsubscription.objects.create(email=email)
    Subscription.objects.create(email=email, name=name, user=user, confirmed_at=timezone.now())
    NotificationPreference.objects.create(user=user, kind="events", frequency="now")
    DigestRun.objects.create(user=user, frequency="digest", sent_until=timezone.now())
    application = CohortApplicationFactory(
        authority=authority,
        submitted_by=user,
        team=[{"user": user, "name": name, "email": email, "function": "Sozialplanung"}],
    )
    TopicProposalFactory(cohort=application.cohort, proposed_by=user, authority=authority)
    PanelScore.objects.create(application=application, reviewer=user, score=4, comment="Stark.")
    TopicVoteFactory(user=user, authority=authority)
    ConsultationSlotFactory(cohort=application.cohort, booked_by_user=user)
    ResourceFactory(cohort=application.cohort, added_by=user)
    PostFactory(thread=ThreadFactory(cohort=application.cohort, author=user), author=user)
    KnowledgeItemFactory(authority=authority, author=user, contact=f"{name}, {email}")
    question = QuestionFactory(author=user, authority=authority)
    AnswerFactory(question=question, author=user)
    TopicFollow.objects.create(user=user, topic=TopicFactory())
    ArticleFactory(author=user, authority=authority)
    offer = AssistanceOfferFactory(authority=authority, contact=f"{name}, {phone}, {email}")
    AssistanceRequest.objects.create(
        offer=offer, authority=authority, requested_by=user, message="Bitte um Rat."
    )


def _card(person: Person, authority: object) -> None:
    user, email = person.user, person.email
    issuer = IssuerFactory(authority=authority)
    application = CardApplicationFactory(
        issuer=issuer,
        user=user,
        first_name=person.first_name,
        last_name=person.last_name,
        email=email,
        street="Lindenallee 7",
        postcode="40210",
        decided_by=user,
        decided_at=timezone.now(),
    )
    EngagementFactory(application=application)
    EngagementFactory(contact_name=person.name, contact_email=email)  # someone else's
    CardFactory(
        issuer=issuer,
        user=user,
        first_name=person.first_name,
        last_name=person.last_name,
        email=email,
        issued_by=user,
        revoked_by=user,
        revoked_at=timezone.now(),
    )
    PartnerFactory(
        account=user,
        contact_name=person.name,
        contact_email=email,
        phone=person.phone,
        decided_by=user,
    )


def _opportunities(person: Person, authority: object) -> None:
    user, name, email, phone = person.user, person.name, person.email, person.phone
    contact = {"contact_name": name, "contact_email": email, "contact_phone": phone}
    provider = ProviderFactory(
        authority=authority,
        municipal_contact_name=name,
        municipal_contact_email=email,
        verified_by=user,
        **contact,
    )
    opportunity = OpportunityFactory(provider=provider, **contact)
    InterestFactory(opportunity=opportunity, user=user, name=name, email=email, message="Hallo")
    signup = SignupFactory(
        user=user,
        name=name,
        email=email,
        attended=True,
        hours=4,
        hours_confirmed_at=timezone.now(),
        hours_confirmed_by=user,
    )
    certificate = HoursCertificate.objects.create(provider=provider, email=email, name=name)
    certificate.signups.add(signup)
    SavedSearch.objects.create(user=user, name=f"Suche von {name}", query="q=Garten")
    CooperationFactory(authority=authority, **contact)
    ActionFactory(created_by=user)
    MatchFactory(proposer=user)
    version = IndicatorFactory().versions.get()
    version.created_by = user
    version.save()
    IndicatorValueFactory(authority=authority, year=2025, value=3, recorded_by=user)
    Snapshot.objects.create(year=2000 + user.pk % 90, taken_by=user)


def _login(person: Person) -> None:
    user = person.user
    TwoFactorFactory(user=user)
    RecoveryCode.objects.create(user=user, code_hash=f"hash-{user.pk}")
    UserSession.objects.create(
        user=user,
        session_key=f"sitzung-{user.pk}",
        device="Firefox unter Linux",
        address="192.0.2.0/24",
        last_seen_at=timezone.now(),
    )
    KnownDevice.objects.create(user=user, fingerprint=f"geraet-{user.pk}", device="Firefox")
    Passkey.objects.create(
        user=user,
        name=f"Laptop von {person.name}",
        credential_id=f"passkey-{user.pk}",
        public_key=f"schluessel-{user.pk}",
        user_handle=f"kennung-{user.pk}",
        transports=["internal"],
        last_used_at=timezone.now(),
    )
    InboxAssignment.objects.create(
        key=f"membership.application:{user.pk}", assignee=user, assigned_by=user
    )


def _legal(person: Person) -> None:
    user, name, email = person.user, person.name, person.email
    DataExport.objects.create(user=user, status=DataExport.Status.DONE)
    ConsentRecord.objects.create(
        user=user,
        email=email,
        purpose="newsletter",
        wording="Ich möchte den Newsletter erhalten.",
        version="1",
        note_version=1,
        source="Anmeldung",
        withdrawn_at=timezone.now(),
        end_reason="Abgemeldet",
    )
    FeedbackCase.objects.create(
        name=name,
        email=email,
        page_url="/veranstaltungen/",
        description="Der Kalender ist mit der Tastatur nicht bedienbar.",
        reply="Danke, wir beheben es.",
        answered_at=timezone.now(),
        answered_by=user,
    )
    PageVersion.objects.create(
        page=Page.IMPRINT, number=1000 + user.pk, created_by=user, body="Impressum"
    )
    NoteVersion.objects.create(
        key="legal.feedback",
        number=1000 + user.pk,
        created_by=user,
        purpose="Antwort",
        legal_basis="Art. 6",
        retention="Ein Jahr",
    )


def _api(person: Person, authority: object) -> None:
    user = person.user
    token, _secret = token_issue(
        name="CMS",
        scopes=[Scope.values[0]],
        expires_at=timezone.now() + datetime.timedelta(days=30),
        created_by=user,
        authority=authority,
    )
    token.revoked_by = user
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_by", "revoked_at"])
    WebhookSubscription.objects.create(
        name="Website",
        url="https://example.org/hook",
        events=[WebhookEvent.values[0]],
        secret="whsec_test",
        authority=authority,
        created_by=user,
    )


def _impact(person: Person, authority: object) -> None:
    user = person.user
    measure = MeasureFactory(authority=authority, created_by=user)
    EvidenceFactory(measure=measure, recorded_by=user)
    GoalFactory(authority=authority, set_by=user)
    year = 1900 + user.pk % 90
    questionnaire = Questionnaire.objects.create(
        year=year, opens_on=datetime.date(year, 1, 1), closes_on=datetime.date(year, 3, 31)
    )
    AssessmentResponse.objects.create(
        questionnaire=questionnaire,
        authority=authority,
        submitted_at=timezone.now(),
        submitted_by=user,
    )
    AssessmentReminder.objects.create(questionnaire=questionnaire, sent_by=user, recipients=1)
    NetworkReport.objects.create(year=year, requested_by=user)


def _contacts(person: Person, authority: object) -> None:
    """Notes and a follow-up about the person as a contact; a note, a follow-up and an import of
    theirs as a colleague of the office."""
    contact = ContactPerson.objects.get(email=person.email)
    ActivityFactory(person=contact, text=f"Telefonat mit {person.name}")
    FollowUpFactory(person=contact, title="Rückruf")
    colleague_of = ContactPersonFactory(authority=authority)
    ActivityFactory(person=colleague_of, author=person.user)
    FollowUpFactory(person=colleague_of, assignee=person.user, created_by=person.user)
    ContactImport.objects.create(filename="kontakte.xlsx", created_by=person.user)


def _core(person: Person) -> None:
    outbox_add(to_email=person.email, to_name=person.name, subject="Willkommen", text="Hallo")
    with audit_actor(person.user):
        audit_record(action=AuditEntry.Action.UPDATE, obj=person.event, changes={"title": "x"})
    today = timezone.localdate()
    DataRequest.objects.create(
        kind=DataRequest.Kind.EXPORT,
        status=DataRequest.Status.COMPLETED,
        user=person.user,
        email=person.email,
        due_on=one_month_after(today),
        created_by=person.user,
        completed_by=person.user,
    )


def seed_person(
    first_name: str,
    last_name: str,
    email: str,
    phone: str,
    *,
    town: str = "Unna",
    event: Event | None = None,
) -> Person:
    """A person with a row in every declaration (see the module's docstring)."""
    user = UserFactory(first_name=first_name, last_name=last_name, email=email)
    role_grant(user=user, role=Role.VOLUNTEER)
    person = Person(user, first_name, last_name, email, phone, event or EventFactory())
    authority = AuthorityFactory(name=town)
    _membership(person, authority)
    _events(person, authority)
    _content(person, authority)
    _card(person, authority)
    _opportunities(person, authority)
    _login(person)
    _legal(person)
    _api(person, authority)
    _impact(person, authority)
    _contacts(person, authority)
    _core(person)
    return person
