"""Every URL of the site × every role: the status a GET answers, in one table.

One world holds two member authorities (»own« and »other«) and an object of every kind that a
URL points at, each belonging to the own authority. Each role is one account: the officer of
the own authority, the officer of the other one, and so on. A second test fails when a URL
exists that the table does not list, so a new page cannot go live without deciding who sees it.
"""

import datetime
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from PIL import Image

from engagiert.accounts.models import Passkey, Role, User
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import PASSWORD, TwoFactorFactory, UserFactory
from engagiert.api import services as api_services
from engagiert.api.models import Scope, WebhookEvent
from engagiert.contacts.models import ContactImport
from engagiert.contacts.tests.factories import ActivityFactory, FollowUpFactory
from engagiert.core.testing import data_shared_by_tests
from engagiert.events.models import CalendarFeed, EventFile, Result
from engagiert.events.models import Question as EventQuestion
from engagiert.events.tests.factories import (
    AgendaItemFactory,
    EventFactory,
    RegistrationFactory,
)
from engagiert.impact.assessment_services import questionnaire_create
from engagiert.impact.models import Evidence, Goal, Indicator, Measure, NetworkReport
from engagiert.knowledge.models import AssistanceRequest, Attachment
from engagiert.knowledge.tests.factories import (
    AnswerFactory,
    AssistanceOfferFactory,
    KnowledgeItemFactory,
    QuestionFactory,
)
from engagiert.legal.models import FeedbackCase
from engagiert.mailings.models import Subscription
from engagiert.mailings.services import newsletter_token, unsubscribe_token
from engagiert.mailings.tests.factories import MailingFactory
from engagiert.membership.models import StrategyDocument
from engagiert.membership.tests.factories import (
    ApplicationFactory,
    ContactPersonFactory,
    LeaderFactory,
    MembershipFactory,
    PartnershipFactory,
    ProfileFactory,
    SignatureFactory,
)
from engagiert.news.models import ArticleFile
from engagiert.news.tests.factories import ArticleFactory
from engagiert.opportunities.models import SavedSearch
from engagiert.opportunities.tests.cooperation_factories import (
    BusinessFactory,
    CooperationFactory,
    MatchFactory,
    NeedFactory,
    OfferFactory,
)
from engagiert.opportunities.tests.factories import (
    InterestFactory,
    OpportunityFactory,
    ProviderFactory,
)
from engagiert.opportunities.tests.shift_factories import ShiftFactory, SignupFactory, at
from engagiert.privacy.models import DataExport, DataRequest
from engagiert.registry.models import Authority
from engagiert.registry.tests.factories import AuthorityFactory
from engagiert.volunteercard import tokens as card_tokens
from engagiert.volunteercard.cards import card_token
from engagiert.volunteercard.tests.card_factories import CardFactory
from engagiert.volunteercard.tests.factories import (
    ApplicationFactory as CardApplicationFactory,
)
from engagiert.volunteercard.tests.factories import (
    EngagementFactory as CardEngagementFactory,
)
from engagiert.volunteercard.tests.factories import IssuerFactory, covering
from engagiert.volunteercard.tests.partner_factories import (
    BenefitFactory,
    LocationFactory,
    PartnerFactory,
)
from engagiert.workshop.tests.factories import (
    CohortFactory,
    ConsultationSlotFactory,
    ResourceFactory,
    SessionFactory,
    ThreadFactory,
    TopicProposalFactory,
    selected_team,
)

pytestmark = pytest.mark.long

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _png() -> bytes:
    """A one-pixel photo for the news article's photo."""
    buffer = io.BytesIO()
    Image.new("RGB", (1, 1)).save(buffer, "PNG")
    return buffer.getvalue()


#: The columns of the table: anonymous, then one account per role.
ROLES = (
    "anonymous",
    "volunteer",
    "officer",
    "other_officer",
    "development_team",
    "leader",
    "organisation",
    "office",
)


@dataclass
class World:
    own: Authority
    other: Authority
    users: dict[str, User | None]
    objects: dict[str, Any]

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None


def _user(role: Role, **where: Any) -> User:
    user = UserFactory(email=f"{role.value}-{len(where)}@example.org")
    role_grant(user=user, role=role, **where)
    return user


def _file(model: type, name: str, **fields: Any) -> Any:
    instance = model(**fields)
    instance.file.save(name, ContentFile(PDF), save=False)
    instance.save()
    return instance


def _with_file(instance: Any, field: str, name: str) -> Any:
    getattr(instance, field).save(name, ContentFile(PDF))
    return instance


def _world() -> World:
    own = AuthorityFactory(name="Ahausen")
    other = AuthorityFactory(name="Bedorf")
    for authority in (own, other):
        MembershipFactory(authority=authority, since=datetime.date(2020, 1, 1))
    profile = ProfileFactory(authority=own)
    cohort = CohortFactory(number=7)
    team = selected_team(cohort, own)
    organisation = cohort.operator
    users: dict[str, User | None] = {
        "anonymous": None,
        "volunteer": _user(Role.VOLUNTEER),
        "officer": _user(Role.OFFICER, authority=own),
        "other_officer": UserFactory(email="officer-bedorf@example.org"),
        "development_team": team.team.get(position=1).user,
        "leader": _user(Role.LEADER, authority=own),
        "organisation": _user(Role.ORGANISATION, organisation=organisation),
        "office": _user(Role.OFFICE),
    }
    role_grant(user=users["other_officer"], role=Role.OFFICER, authority=other)
    officer = users["officer"]
    forgetful = UserFactory(email="vergessen@example.org")  # never logs in: its link stays valid
    event = EventFactory(title="Netzwerktreffen Ahausen")
    registration = RegistrationFactory(event=event, user=officer, email=officer.email)
    item = KnowledgeItemFactory(authority=own)
    article = ArticleFactory(authority=own, photo_credit="Foto: Ahausen", photo_description="Hof")
    article.photo.save("foto.png", ContentFile(_png()))
    card_issuer = covering(IssuerFactory(authority=own))
    card_engagement = CardEngagementFactory(
        application=CardApplicationFactory(issuer=card_issuer), confirmation="open"
    )
    card_partner = PartnerFactory(organisation__name="Stadtbad Ahausen")
    card_location = LocationFactory(partner=card_partner, authority=own)
    offer = AssistanceOfferFactory(authority=own)
    corporate_offer = OfferFactory(provider=BusinessFactory(authority=own))
    corporate_need = NeedFactory(provider=ProviderFactory(authority=own))
    provider = ProviderFactory(organisation=organisation, authority=own)
    opportunity = OpportunityFactory(provider=provider)
    contact = ContactPersonFactory(authority=own)
    objects = {
        "event": event,
        "registration": registration,
        "event_file": _file(EventFile, "foto.pdf", event=event, title="Foto", is_public=False),
        "event_question": EventQuestion.objects.create(
            event=event, text="Abendessen?", kind="text"
        ),
        "event_result": Result.objects.create(event=event, title="Ergebnis", text="Mehr Raum"),
        "feed": CalendarFeed.objects.create(user=officer),
        "item": item,
        "article": article,
        "article_file": _file(ArticleFile, "anhang.pdf", article=article, title="Flyer"),
        "attachment": _file(Attachment, "anhang.pdf", item=item, title="Anhang", size=len(PDF)),
        "question": QuestionFactory(author=officer, authority=own),
        "answer": AnswerFactory(author=officer),
        "offer": offer,
        "assistance": AssistanceRequest.objects.create(
            offer=offer, authority=other, message="Bitte um Rat."
        ),
        "mailing": MailingFactory(),
        "application": ApplicationFactory(authority=own, submitted_by=officer),
        "contact": contact,
        "leader": LeaderFactory(authority=own),
        "document": _file(
            StrategyDocument, "strategie.pdf", profile=profile, title="Leitbild", is_public=False
        ),
        "cohort": cohort,
        "session": _with_file(
            SessionFactory(cohort=cohort, number=1), "minutes_file", "protokoll.pdf"
        ),
        "proposal": TopicProposalFactory(cohort=cohort),
        "slot": ConsultationSlotFactory(cohort=cohort),
        "resource": _with_file(ResourceFactory(cohort=cohort), "file", "lernquelle.pdf"),
        "application_of_team": team,
        "wave": (wave := SignatureFactory(authority=own).wave),
        "signature": wave.signatures.get(),
        "partnership": PartnershipFactory(organisation=organisation),
        "thread": ThreadFactory(cohort=cohort),
        "card_issuer": card_issuer,
        "card_application": card_engagement.application,
        "card_engagement": card_engagement,
        "card_partner": card_partner,
        "card_location": card_location,
        "card_benefit": BenefitFactory(partner=card_partner, at=[card_location]),
        "provider": provider,
        "opportunity": opportunity,
        "interest": InterestFactory(opportunity=opportunity, email="helfer@example.org"),
        "saved_search": SavedSearch.objects.create(user=officer, name="Moers", query=""),
        "card": CardFactory(issuer=card_issuer),
        "uid": urlsafe_base64_encode(force_bytes(forgetful.pk)),
        "reset_token": default_token_generator.make_token(forgetful),
        "corporate_offer": corporate_offer,
        "corporate_need": corporate_need,
        "corporate_match": MatchFactory(offer=corporate_offer, need=corporate_need),
        "cooperation": CooperationFactory(authority=own),
        "questionnaire": questionnaire_create(
            year=2026, opens_on=datetime.date(2026, 1, 1), closes_on=datetime.date(2026, 12, 31)
        ),
        "report": _file(NetworkReport, "bericht.pdf", year=2025, status="done"),
        "data_request": DataRequest.objects.create(
            kind=DataRequest.Kind.ERASURE,
            email="anfrage@example.org",
            due_on=datetime.date.today() + datetime.timedelta(days=30),
        ),
        "data_export": _file(
            DataExport,
            "export.zip",
            user=users["volunteer"],
            status=DataExport.Status.DONE,
            expires_at=timezone.now() + datetime.timedelta(days=7),
        ),
        "two_factor": TwoFactorFactory(user=UserFactory(email="zwei-faktor@example.org")),
        "passkey": Passkey.objects.create(
            user=UserFactory(email="passkey@example.org"),
            name="Laptop",
            credential_id="passkey-1",
            public_key="key",
            user_handle="handle",
        ),
        "api_token": api_services.token_issue(
            name="CMS",
            scopes=[Scope.MEMBERS_READ],
            expires_at=timezone.now() + datetime.timedelta(days=30),
            created_by=None,
            authority=own,
        )[0],
        "webhook": api_services.subscription_create(
            name="CMS",
            url="https://cms.example.org/hook",
            events=[WebhookEvent.MEMBER_CHANGED],
            created_by=None,
            authority=own,
        )[0],
        "feedback_case": FeedbackCase.objects.create(
            email="leser@example.org", page_url="/suche/", description="Kontrast zu gering."
        ),
        "subscription": Subscription.objects.create(email="abo@example.org"),
        "follow_up": FollowUpFactory(person=contact, assignee=users["office"]),
        "activity": ActivityFactory(person=contact),
        "contact_import": ContactImport.objects.create(filename="kontakte.xlsx"),
    }
    # A past shift of the organisation's action with one helper (shift organisers' pages).
    shift = ShiftFactory(
        task__place__action__provider__organisation=organisation,
        task__place__action__provider__authority=own,
        starts_at=at(-1, 8),
        ends_at=at(-1, 12),
    )
    objects["shift"] = shift
    objects["signup"] = SignupFactory(shift=shift)
    # An unpublished measure of the own authority with a document, and a goal.
    measure = Measure.objects.create(authority=own, title="Ehrenamtsbörse", start_year=2024)
    objects["measure"] = measure
    objects["evidence"] = _file(
        Evidence,
        "nachweis.pdf",
        measure=measure,
        stage=3,
        kind="document",
        text="Auswertung",
        date=datetime.date(2025, 5, 1),
        content_type="application/pdf",
    )
    objects["agenda_item"] = AgendaItemFactory(event=event)
    objects["goal"] = Goal.objects.create(
        authority=own, indicator=Indicator.objects.get(key="budget-engagement"), year=2027, target=1
    )
    return World(own=own, other=other, users=users, objects=objects)


@pytest.fixture(scope="module")
def _shared_world(request, django_db_setup, django_db_blocker, tmp_path_factory):
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    with media, data_shared_by_tests(request, django_db_blocker, _world) as fresh_copy:
        yield fresh_copy


@pytest.fixture
def world(db, _shared_world) -> World:
    """The world is built once for the module (a second of work per role otherwise); each test
    gets its own copy, and what it changes in the database is rolled back after it."""
    return _shared_world()


def _readable(part: str) -> str:
    """A regular-expression route (the API's router) written like a path: `<ags>/`."""
    return re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", part).removeprefix("^").removesuffix("$")


def _routes(patterns: list[Any], prefix: str = "") -> Iterator[str]:
    """The route of every URL pattern, includes walked; the Django admin left out."""
    for pattern in patterns:
        route = prefix + _readable(str(pattern.pattern))
        if isinstance(pattern, URLResolver):
            if not route.startswith("admin/"):
                yield from _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and not route.startswith(("static/", "media/")):
            yield route


def _path(route: str, kwargs: dict[str, Any]) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), route)


def _status(client: Client, path: str) -> str:
    response = client.get(path)
    if response.status_code == 302 and response["Location"].startswith("/konto/anmelden/"):
        return "LOG"
    return str(response.status_code)


Kwargs = Callable[[World], dict[str, Any]]

OWN = {"ags": lambda w: w.own.ags}
ARGS: dict[str, Kwargs] = {
    "api/v1/actions/<pk>/": lambda w: {"pk": ShiftFactory().task.place.action_id},
    "api/v1/authorities/<ags>/": lambda w: {"ags": w.own.ags},
    "api/v1/benefit-partners/<pk>/": lambda w: {"pk": w.card_partner.pk},
    "api/v1/benefits/<pk>/": lambda w: {"pk": w.card_benefit.pk},
    "api/v1/declaration-waves/<pk>/": lambda w: {"pk": SignatureFactory(authority=w.own).wave_id},
    "aktuelles/<int:pk>/": lambda w: {"pk": w.article.pk},
    "aktuelles/<int:pk>/anhang/": lambda w: {"pk": w.article.pk},
    "aktuelles/<int:pk>/anhang/<int:attachment>/": lambda w: {
        "pk": w.article.pk,
        "attachment": w.article_file.pk,
    },
    "aktuelles/<int:pk>/anhang/<int:attachment>/loeschen/": lambda w: {
        "pk": w.article.pk,
        "attachment": w.article_file.pk,
    },
    "aktuelles/<int:pk>/bearbeiten/": lambda w: {"pk": w.article.pk},
    "aktuelles/<int:pk>/foto/": lambda w: {"pk": w.article.pk},
    "aktuelles/<int:pk>/status/": lambda w: {"pk": w.article.pk},
    "api/v1/events/<pk>/": lambda w: {"pk": w.event.pk},
    "api/v1/knowledge-items/<pk>/": lambda w: {"pk": w.item.pk},
    "api/v1/members/<ags>/": lambda w: {"ags": w.own.ags},
    "api/v1/opportunities/<pk>/": lambda w: {"pk": w.opportunity.pk},
    "einwilligungen/<int:pk>/widerrufen/": lambda w: {"pk": 1},
    "rechtstexte/<slug:page>/": lambda w: {"page": "impressum"},
    "rechtstexte/hinweise/<str:key>/": lambda w: {"key": "legal.feedback"},
    "rechtstexte/<slug:page>/<int:number>/": lambda w: {"page": "barrierefreiheit", "number": 1},
    "rechtstexte/rueckmeldungen/<int:pk>/": lambda w: {"pk": w.feedback_case.pk},
    "ehrenamtskarte/antrag/<uuid:public_id>/": lambda w: {
        "public_id": w.card_application.public_id
    },
    "ehrenamtskarte/antrag/adresse/<str:token>/": lambda w: {
        "token": card_tokens.email_token(w.card_application)
    },
    "ehrenamtskarte/ausgabestellen/<int:pk>/": lambda w: {"pk": w.card_issuer.pk},
    "ehrenamtskarte/bearbeitung/<int:pk>/": lambda w: {"pk": w.card_application.pk},
    "ehrenamtskarte/bestaetigung/<str:token>/": lambda w: {
        "token": card_tokens.confirmation_token(w.card_engagement)
    },
    "ehrenamtskarte/akzeptanzstellen/<int:pk>/": lambda w: {"pk": w.card_partner.pk},
    "ehrenamtskarte/akzeptanzstellen/<int:pk>/standorte/<int:location>/": lambda w: {
        "pk": w.card_partner.pk,
        "location": w.card_location.pk,
    },
    "ehrenamtskarte/akzeptanzstellen/<int:pk>/standorte/neu/": lambda w: {"pk": w.card_partner.pk},
    "ehrenamtskarte/akzeptanzstellen/<int:pk>/vorteile/<int:benefit>/": lambda w: {
        "pk": w.card_partner.pk,
        "benefit": w.card_benefit.pk,
    },
    "ehrenamtskarte/akzeptanzstellen/<int:pk>/vorteile/<int:benefit>/loeschen/": lambda w: {
        "pk": w.card_partner.pk,
        "benefit": w.card_benefit.pk,
    },
    "ehrenamtskarte/akzeptanzstellen/<int:pk>/vorteile/neu/": lambda w: {"pk": w.card_partner.pk},
    "ehrenamtskarte/verwaltung/akzeptanzstellen/<int:pk>/": lambda w: {"pk": w.card_partner.pk},
    "ehrenamtskarte/verwaltung/ausgeber/<int:issuer>/import/": lambda w: {
        "issuer": w.card_issuer.pk
    },
    "ehrenamtskarte/verwaltung/statistik.<str:fmt>": lambda w: {"fmt": "xlsx"},
    "ehrenamtskarte/vorteile/partner/<int:pk>/": lambda w: {"pk": w.card_partner.pk},
    "ehrenamtskarte/karte/<str:token>/": lambda w: {"token": card_token(w.card)},
    "ehrenamtskarte/karte/<str:token>/karte.pdf": lambda w: {"token": card_token(w.card)},
    "ehrenamtskarte/karte/<str:token>/manifest.webmanifest": lambda w: {
        "token": card_token(w.card)
    },
    "ehrenamtskarte/verwaltung/karten/<str:number>/": lambda w: {"number": w.card.number},
    "ehrenamtskarte/verwaltung/karten/<str:number>/ersetzen/": lambda w: {"number": w.card.number},
    "ehrenamtskarte/verwaltung/karten/<str:number>/sperren/": lambda w: {"number": w.card.number},
    "api/v1/members-only/contacts/<pk>/": lambda w: {"pk": w.contact.pk},
    "api/v1/members-only/documents/<pk>/": lambda w: {"pk": w.document.pk},
    "api/v1/own/opportunities/<pk>/": lambda w: {"pk": w.opportunity.pk},
    "infomail/<int:pk>/": lambda w: {"pk": w.mailing.pk},
    "infomail/<int:pk>/bearbeiten/": lambda w: {"pk": w.mailing.pk},
    "infomail/<int:pk>/fortschritt/": lambda w: {"pk": w.mailing.pk},
    "infomail/abmelden/<str:token>/": lambda w: {"token": unsubscribe_token("leser@example.org")},
    "infomail/abonnieren/bestaetigen/<str:token>/": lambda w: {
        "token": newsletter_token(w.subscription.email)
    },
    "kommunen/<str:ags>/": lambda w: {"ags": w.own.ags},
    "kontakte/<int:pk>/": lambda w: {"pk": w.contact.pk},
    "kontakte/<int:pk>/bearbeiten/": lambda w: {"pk": w.contact.pk},
    "kontakte/<int:pk>/nachfolge/": lambda w: {"pk": w.contact.pk},
    "kontakte/kommune/<str:ags>/": lambda w: {"ags": w.own.ags},
    "kontakte/eintraege/<int:pk>/": lambda w: {"pk": w.activity.pk},
    "kontakte/eintraege/<int:pk>/loeschen/": lambda w: {"pk": w.activity.pk},
    "kontakte/wiedervorlagen/<int:pk>/erledigt/": lambda w: {"pk": w.follow_up.pk},
    "kontakte/import/<int:pk>/": lambda w: {"pk": w.contact_import.pk},
    "schnittstellen/tokens/<int:pk>/widerrufen/": lambda w: {"pk": w.api_token.pk},
    "schnittstellen/webhooks/<int:pk>/": lambda w: {"pk": w.webhook.pk},
    "schnittstellen/webhooks/<int:pk>/loeschen/": lambda w: {"pk": w.webhook.pk},
    "konto/passwort-neu/<uidb64>/<token>/": lambda w: {"uidb64": w.uid, "token": w.reset_token},
    "konto/sicherheit/sitzungen/<int:pk>/beenden/": lambda w: {"pk": 1},
    "konto/sicherheit/passkeys/<int:pk>/umbenennen/": lambda w: {"pk": w.passkey.pk},
    "konto/sicherheit/passkeys/<int:pk>/entfernen/": lambda w: {"pk": w.passkey.pk},
    "konto/zwei-faktor/personen/<int:pk>/zuruecksetzen/": lambda w: {"pk": w.two_factor.user_id},
    "mitmachen/aktionen/<int:pk>/": lambda w: {"pk": w.shift.task.place.action_id},
    "mitmachen/aktionen/<int:pk>/verwalten/": lambda w: {"pk": w.shift.task.place.action_id},
    "mitmachen/aktionen/<int:pk>/verwalten/helfende/<int:signup>/stunden/": lambda w: {
        "pk": w.shift.task.place.action_id,
        "signup": w.signup.pk,
    },
    "mitmachen/aktionen/<int:pk>/verwalten/nachricht/": lambda w: {
        "pk": w.shift.task.place.action_id
    },
    "mitmachen/aktionen/<int:pk>/verwalten/schichten/<int:shift>/": lambda w: {
        "pk": w.shift.task.place.action_id,
        "shift": w.shift.pk,
    },
    "mitmachen/aktionen/anmeldung/<str:token>/": lambda w: {"token": w.signup.token},
    "mitmachen/aktionen/anmeldung/<str:token>/bestaetigen/": lambda w: {"token": w.signup.token},
    "mitmachen/aktionen/anmeldung/<str:token>/nachweis.pdf": lambda w: {"token": w.signup.token},
    "mitmachen/aktionen/anmeldung/<str:token>/stornieren/": lambda w: {"token": w.signup.token},
    "mitmachen/aktionen/meine/nachweis/<int:provider>.pdf": lambda w: {
        "provider": w.shift.task.place.action.provider_id
    },
    "mitmachen/aktionen/schichten/<int:pk>/eintragen/": lambda w: {"pk": w.shift.pk},
    "mitmachen/kooperationen/<int:pk>/": lambda w: {"pk": w.cooperation.pk},
    "meine-daten/export/<int:pk>/": lambda w: {"pk": w.data_export.pk},
    "meine-daten/export/<int:pk>/meine-daten.zip": lambda w: {"pk": w.data_export.pk},
    "meine-daten/verwaltung/<int:pk>/": lambda w: {"pk": w.data_request.pk},
    "meine-daten/verwaltung/<int:pk>/erledigt/": lambda w: {"pk": w.data_request.pk},
    "meine-daten/verwaltung/<int:pk>/export.zip": lambda w: {"pk": w.data_request.pk},
    "meine-daten/verwaltung/<int:pk>/loeschen/": lambda w: {"pk": w.data_request.pk},
    "suche/verwaltung/synonyme/<int:pk>/loeschen/": lambda w: {"pk": 1},
    "mitmachen/kooperationen/<int:pk>/bearbeiten/": lambda w: {"pk": w.cooperation.pk},
    "mitmachen/unternehmen/angebote/<int:pk>/": lambda w: {"pk": w.corporate_offer.pk},
    "mitmachen/unternehmen/angebote/<int:pk>/bearbeiten/": lambda w: {"pk": w.corporate_offer.pk},
    "mitmachen/unternehmen/bedarfe/<int:pk>/": lambda w: {"pk": w.corporate_need.pk},
    "mitmachen/unternehmen/bedarfe/<int:pk>/bearbeiten/": lambda w: {"pk": w.corporate_need.pk},
    "mitmachen/unternehmen/vermittlungen/<int:pk>/": lambda w: {"pk": w.corporate_match.pk},
    "mitmachen/unternehmen/vermittlungen/<int:pk>/antworten/": lambda w: {
        "pk": w.corporate_match.pk
    },
    "mitmachen/unternehmen/vermittlungen/<int:pk>/einsatz/": lambda w: {"pk": w.corporate_match.pk},
    "mitmachen/anbieter/<int:pk>/angebote/neu/": lambda w: {"pk": w.provider.pk},
    "mitmachen/angebote/<int:pk>/": lambda w: {"pk": w.opportunity.pk},
    "mitmachen/angebote/<int:pk>/bearbeiten/": lambda w: {"pk": w.opportunity.pk},
    "mitmachen/angebote/<int:pk>/interesse/": lambda w: {"pk": w.opportunity.pk},
    "mitmachen/angebote/<int:pk>/interessierte/": lambda w: {"pk": w.opportunity.pk},
    "mitmachen/einbetten/<str:ags>/": lambda w: {"ags": w.own.ags},
    "mitmachen/einbetten/<str:ags>/angebote.json": lambda w: {"ags": w.own.ags},
    "mitmachen/einbetten/<str:ags>/angebote.rss": lambda w: {"ags": w.own.ags},
    "mitmachen/einbetten/<str:ags>/code/": lambda w: {"ags": w.own.ags},
    "mitmachen/interesse/<str:token>/": lambda w: {"token": w.interest.token},
    "mitmachen/interesse/<str:token>/bestaetigen/": lambda w: {"token": w.interest.token},
    "mitmachen/interesse/<str:token>/zurueckziehen/": lambda w: {"token": w.interest.token},
    "mitmachen/interessierte/<int:pk>/antwort/": lambda w: {"pk": w.interest.pk},
    "mitmachen/meine-suchen/<int:pk>/loeschen/": lambda w: {"pk": w.saved_search.pk},
    "mitmachen/pruefung/<int:pk>/": lambda w: {"pk": w.provider.pk},
    "mitmachen/vermittlung/<str:ags>/": lambda w: {"ags": w.own.ags},
    "netzwerk/<str:ags>/<str:kind>/<int:pk>/loeschen/": lambda w: {
        "ags": w.own.ags,
        "kind": "kontakt",
        "pk": w.contact.pk,
    },
    "netzwerk/<str:ags>/antraege/": lambda w: {"ags": w.own.ags},
    "netzwerk/<str:ags>/antrag/": lambda w: {"ags": w.own.ags},
    "netzwerk/<str:ags>/austritt/": lambda w: {"ags": w.own.ags},
    "netzwerk/<str:ags>/dokumente/<int:pk>/": lambda w: {"ags": w.own.ags, "pk": w.document.pk},
    "netzwerk/<str:ags>/dokumente/neu/": lambda w: {"ags": w.own.ags},
    "netzwerk/<str:ags>/kontakte/<int:pk>/": lambda w: {"ags": w.own.ags, "pk": w.contact.pk},
    "netzwerk/<str:ags>/kontakte/neu/": lambda w: {"ags": w.own.ags},
    "netzwerk/<str:ags>/leitung/<int:pk>/": lambda w: {"ags": w.own.ags, "pk": w.leader.pk},
    "netzwerk/<str:ags>/leitung/neu/": lambda w: {"ags": w.own.ags},
    "netzwerk/<str:ags>/profil/": lambda w: {"ags": w.own.ags},
    "netzwerk/<str:ags>/verlauf/": lambda w: {"ags": w.own.ags},
    "netzwerk/antraege/<int:pk>/": lambda w: {"pk": w.application.pk},
    "netzwerk/<str:ags>/kontakte/<int:pk>/einladen/": lambda w: {
        "ags": w.own.ags,
        "pk": w.contact.pk,
    },
    "netzwerk/erklaerung/unterzeichnungen/<int:pk>/": lambda w: {"pk": w.wave.pk},
    "netzwerk/erklaerung/unterzeichnungen/<int:pk>/bearbeiten/": lambda w: {"pk": w.wave.pk},
    "netzwerk/erklaerung/unterzeichnungen/<int:pk>/unterschriften/<int:signature>/entfernen/": (
        lambda w: {"pk": w.wave.pk, "signature": w.signature.pk}
    ),
    "netzwerk/partner/<int:pk>/": lambda w: {"pk": w.partnership.pk},
    "netzwerk/partner/<int:pk>/beenden/": lambda w: {"pk": w.partnership.pk},
    "netzwerk/antraege/<int:pk>/zurueckziehen/": lambda w: {"pk": w.application.pk},
    "netzwerk/export.<str:fmt>": lambda w: {"fmt": "csv"},
    "netzwerk/kontakte/<int:pk>/zustimmung/": lambda w: {"pk": w.contact.pk},
    "offene-daten/<slug:slug>/": lambda w: {"slug": "veranstaltungen"},
    "offene-daten/<slug:slug>.<str:fmt>": lambda w: {"slug": "mitglieder", "fmt": "csv"},
    "offene-daten/katalog.<str:fmt>": lambda w: {"fmt": "rdf"},
    "veranstaltungen/<int:pk>/": lambda w: {"pk": w.event.pk},
    "veranstaltungen/<int:pk>/anmelden/": lambda w: {"pk": w.event.pk},
    "veranstaltungen/<int:pk>/bearbeiten/": lambda w: {"pk": w.event.pk},
    "veranstaltungen/<int:pk>/dokumentation/": lambda w: {"pk": w.event.pk},
    "veranstaltungen/<int:pk>/dokumentation/dateien/<int:file_pk>/entfernen/": lambda w: {
        "pk": w.event.pk,
        "file_pk": w.event_file.pk,
    },
    "veranstaltungen/<int:pk>/dokumentation/dateien/<int:file_pk>/": lambda w: {
        "pk": w.event.pk,
        "file_pk": w.event_file.pk,
    },
    "veranstaltungen/<int:pk>/dokumentation/ergebnisse/<int:result_pk>/": lambda w: {
        "pk": w.event.pk,
        "result_pk": w.event_result.pk,
    },
    "veranstaltungen/<int:pk>/dokumentation/ergebnisse/<int:result_pk>/entfernen/": lambda w: {
        "pk": w.event.pk,
        "result_pk": 1,
    },
    "veranstaltungen/<int:pk>/einladen/": lambda w: {"pk": w.event.pk},
    "veranstaltungen/<int:pk>/fragen/": lambda w: {"pk": w.event.pk},
    "veranstaltungen/<int:pk>/fragen/<int:question_pk>/": lambda w: {
        "pk": w.event.pk,
        "question_pk": w.event_question.pk,
    },
    "veranstaltungen/<int:pk>/fragen/<int:question_pk>/entfernen/": lambda w: {
        "pk": w.event.pk,
        "question_pk": 1,
    },
    "veranstaltungen/<int:pk>/kopieren/": lambda w: {"pk": w.event.pk},
    "veranstaltungen/<int:pk>/nachricht/": lambda w: {"pk": w.event.pk},
    "veranstaltungen/<int:pk>/programm/": lambda w: {"pk": w.event.pk},
    "veranstaltungen/<int:pk>/programm/<int:item_pk>/": lambda w: {
        "pk": w.event.pk,
        "item_pk": w.agenda_item.pk,
    },
    "veranstaltungen/<int:pk>/programm/<int:item_pk>/entfernen/": lambda w: {
        "pk": w.event.pk,
        "item_pk": w.agenda_item.pk,
    },
    "veranstaltungen/<int:pk>/programm/<int:item_pk>/verschieben/": lambda w: {
        "pk": w.event.pk,
        "item_pk": w.agenda_item.pk,
    },
    "veranstaltungen/<int:pk>/veroeffentlichen/": lambda w: {"pk": w.event.pk},
    "veranstaltungen/<int:pk>/verwaltung/nachruecken/<int:registration_pk>/": lambda w: {
        "pk": w.event.pk,
        "registration_pk": w.registration.pk,
    },
    "veranstaltungen/anmeldung/<str:token>/bescheinigung.pdf": lambda w: {
        "token": w.registration.token
    },
    "veranstaltungen/<int:pk>/dateien/<int:file_pk>/": lambda w: {
        "pk": w.event.pk,
        "file_pk": w.event_file.pk,
    },
    "veranstaltungen/<int:pk>/einlass/<str:code>/": lambda w: {
        "pk": w.event.pk,
        "code": w.registration.check_in_code,
    },
    "veranstaltungen/<int:pk>/kalender.ics": lambda w: {"pk": w.event.pk},
    "veranstaltungen/<int:pk>/teilnehmende.<str:fmt>": lambda w: {"pk": w.event.pk, "fmt": "csv"},
    "veranstaltungen/<int:pk>/verwaltung/": lambda w: {"pk": w.event.pk},
    "veranstaltungen/<int:pk>/zielgruppe/": lambda w: {"pk": w.event.pk},
    "veranstaltungen/<int:pk>/verwaltung/einlass/<int:registration_pk>/": lambda w: {
        "pk": w.event.pk,
        "registration_pk": w.registration.pk,
    },
    "veranstaltungen/anmeldung/<str:token>/": lambda w: {"token": w.registration.token},
    "veranstaltungen/anmeldung/<str:token>/bestaetigen/": lambda w: {"token": w.registration.token},
    "veranstaltungen/anmeldung/<str:token>/stornieren/": lambda w: {"token": w.registration.token},
    "veranstaltungen/anmeldung/<str:token>/workshops/": lambda w: {"token": w.registration.token},
    "veranstaltungen/kalender/<str:token>.ics": lambda w: {"token": w.feed.token},
    "werkstatt/<int:number>/": lambda w: {"number": w.cohort.number},
    "werkstatt/<int:number>/ausschreibung/": lambda w: {"number": w.cohort.number},
    "werkstatt/<int:number>/auswahl/<int:pk>/bewertung/": lambda w: {
        "number": w.cohort.number,
        "pk": w.application_of_team.pk,
    },
    "werkstatt/<int:number>/bearbeiten/": lambda w: {"number": w.cohort.number},
    "werkstatt/<int:number>/evaluation/export.<str:fmt>": lambda w: {
        "number": w.cohort.number,
        "fmt": "xlsx",
    },
    "werkstatt/<int:number>/raum/lernquellen/<int:pk>/datei/": lambda w: {
        "number": w.cohort.number,
        "pk": w.resource.pk,
    },
    "werkstatt/<int:number>/raum/werkstaetten/<int:session>/protokoll/": lambda w: {
        "number": w.cohort.number,
        "session": w.session.number,
    },
    "werkstatt/<int:number>/raum/werkstaetten/<int:session>/protokoll/datei/": lambda w: {
        "number": w.cohort.number,
        "session": w.session.number,
    },
    "werkstatt/<int:number>/abschliessen/": lambda w: {"number": w.cohort.number},
    "werkstatt/<int:number>/auswahl/": lambda w: {"number": w.cohort.number},
    "werkstatt/<int:number>/bewerbung/": lambda w: {"number": w.cohort.number},
    "werkstatt/<int:number>/evaluation/": lambda w: {"number": w.cohort.number},
    "werkstatt/<int:number>/raum/": lambda w: {"number": w.cohort.number},
    "werkstatt/<int:number>/raum/diskussion/": lambda w: {"number": w.cohort.number},
    "werkstatt/<int:number>/raum/diskussion/<int:pk>/": lambda w: {
        "number": w.cohort.number,
        "pk": w.thread.pk,
    },
    "werkstatt/<int:number>/raum/lernquellen/": lambda w: {"number": w.cohort.number},
    "werkstatt/<int:number>/raum/lernquellen/<int:pk>/veroeffentlichen/": lambda w: {
        "number": w.cohort.number,
        "pk": w.resource.pk,
    },
    "werkstatt/<int:number>/raum/termine/": lambda w: {"number": w.cohort.number},
    "werkstatt/<int:number>/raum/termine/<int:pk>/": lambda w: {
        "number": w.cohort.number,
        "pk": w.slot.pk,
    },
    "werkstatt/<int:number>/raum/themen/": lambda w: {"number": w.cohort.number},
    "werkstatt/<int:number>/raum/themen/<int:pk>/stimme/": lambda w: {
        "number": w.cohort.number,
        "pk": w.proposal.pk,
    },
    "werkstatt/<int:number>/raum/werkstaetten/<int:session>/": lambda w: {
        "number": w.cohort.number,
        "session": w.session.number,
    },
    "wirkung/kommune/<str:ags>/massnahmen/": lambda w: {"ags": w.own.ags},
    "wirkung/kommune/<str:ags>/massnahmen/neu/": lambda w: {"ags": w.own.ags},
    "wirkung/kommune/<str:ags>/ziele/": lambda w: {"ags": w.own.ags},
    "wirkung/kommune/<str:ags>/massnahmen/<int:pk>/": lambda w: {
        "ags": w.own.ags,
        "pk": w.measure.pk,
    },
    "wirkung/kommune/<str:ags>/massnahmen/<int:pk>/bearbeiten/": lambda w: {
        "ags": w.own.ags,
        "pk": w.measure.pk,
    },
    "wirkung/kommune/<str:ags>/massnahmen/<int:pk>/loeschen/": lambda w: {
        "ags": w.own.ags,
        "pk": w.measure.pk,
    },
    "wirkung/kommune/<str:ags>/massnahmen/<int:pk>/nachweise/<int:evidence>/": lambda w: {
        "ags": w.own.ags,
        "pk": w.measure.pk,
        "evidence": w.evidence.pk,
    },
    "wirkung/kommune/<str:ags>/massnahmen/<int:pk>/nachweise/<int:evidence>/loeschen/": lambda w: {
        "ags": w.own.ags,
        "pk": w.measure.pk,
        "evidence": w.evidence.pk,
    },
    "wirkung/kommune/<str:ags>/massnahmen/<int:pk>/nachweise/neu/": lambda w: {
        "ags": w.own.ags,
        "pk": w.measure.pk,
    },
    "wirkung/kommune/<str:ags>/massnahmen/export.<str:fmt>": lambda w: {
        "ags": w.own.ags,
        "fmt": "xlsx",
    },
    "wirkung/kommune/<str:ags>/ziele/<int:pk>/loeschen/": lambda w: {
        "ags": w.own.ags,
        "pk": w.goal.pk,
    },
    "wirkung/katalog/<slug:key>/": lambda w: {"key": "budget-engagement"},
    "wirkung/katalog/<slug:key>/import/": lambda w: {"key": "engagement-rate"},
    "wirkung/katalog/export.<str:fmt>": lambda w: {"fmt": "csv"},
    "wirkung/kommune/<str:ags>/": lambda w: {"ags": w.own.ags},
    "wirkung/kommune/<str:ags>/export.<str:fmt>": lambda w: {"ags": w.own.ags, "fmt": "xlsx"},
    "wirkung/kommune/<str:ags>/vergleich/": lambda w: {"ags": w.own.ags},
    "wirkung/kommune/<str:ags>/vergleich/export.<str:fmt>": lambda w: {
        "ags": w.own.ags,
        "fmt": "csv",
    },
    "wirkung/kommune/<str:ags>/werte/": lambda w: {"ags": w.own.ags},
    "wirkung/netzwerk/export.<str:fmt>": lambda w: {"fmt": "xlsx"},
    "wirkung/bericht/<int:pk>/": lambda w: {"pk": w.report.pk},
    "wirkung/bericht/<int:pk>/bericht.pdf": lambda w: {"pk": w.report.pk},
    "wirkung/kommune/<str:ags>/selbstauskunft/<int:year>/": lambda w: {
        "ags": w.own.ags,
        "year": w.questionnaire.year,
    },
    "wirkung/kommune/<str:ags>/selbstauskunft/<int:year>/konflikt/<int:question>/": lambda w: {
        "ags": w.own.ags,
        "year": w.questionnaire.year,
        "question": 1,
    },
    "wirkung/selbstauskunft/<int:year>/": lambda w: {"year": w.questionnaire.year},
    "wirkung/selbstauskunft/<int:year>/bearbeiten/": lambda w: {"year": w.questionnaire.year},
    "wirkung/selbstauskunft/<int:year>/erinnern/": lambda w: {"year": w.questionnaire.year},
    "wirkung/selbstauskunft/<int:year>/ergebnisse/": lambda w: {"year": w.questionnaire.year},
    "wirkung/selbstauskunft/<int:year>/fragen/neu/": lambda w: {"year": w.questionnaire.year},
    "wirkung/selbstauskunft/<int:year>/fragen/<int:pk>/": lambda w: {
        "year": w.questionnaire.year,
        "pk": w.questionnaire.sections.first().questions.first().pk,
    },
    "wissen/<int:pk>/": lambda w: {"pk": w.item.pk},
    "wissen/<int:pk>/anhang/": lambda w: {"pk": w.item.pk},
    "wissen/<int:pk>/anhang/<int:attachment>/": lambda w: {
        "pk": w.item.pk,
        "attachment": w.attachment.pk,
    },
    "wissen/<int:pk>/bearbeiten/": lambda w: {"pk": w.item.pk},
    "wissen/<int:pk>/kuratieren/": lambda w: {"pk": w.item.pk},
    "wissen/amtshilfe/<int:pk>/": lambda w: {"pk": w.offer.pk},
    "wissen/amtshilfe/anfragen/<int:pk>/": lambda w: {"pk": w.assistance.pk},
    "wissen/antworten/<int:pk>/": lambda w: {"pk": w.answer.pk},
    "wissen/fragen/<int:pk>/": lambda w: {"pk": w.question.pk},
}


#: GET of each route: the status for each role, in the order of ROLES:
#: anonymous, volunteer, officer (own), officer (other), development team (own), leader (own),
#: organisation (the cohort's operator), office. LOG is a redirect to the login page.
# fmt: off
TABLE: dict[str, str] = {
    # route                                           ano vol off oth dev lea org ofc
    "":                                              "200 200 200 200 200 200 200 200",
    # News: everyone reads public articles and the feeds; the office and the officers of member
    # municipalities write (an officer only their own municipality's); writes are POST only.
    "aktuelles/":                                    "200 200 200 200 200 200 200 200",
    "aktuelles/<int:pk>/":                           "200 200 200 200 200 200 200 200",
    "aktuelles/<int:pk>/anhang/":                    "LOG 403 200 403 403 403 403 200",
    "aktuelles/<int:pk>/anhang/<int:attachment>/":   "200 200 200 200 200 200 200 200",
    "aktuelles/<int:pk>/anhang/<int:attachment>/loeschen/": "LOG 405 405 405 405 405 405 405",
    "aktuelles/<int:pk>/bearbeiten/":                "LOG 403 200 403 403 403 403 200",
    "aktuelles/<int:pk>/foto/":                      "200 200 200 200 200 200 200 200",
    "aktuelles/<int:pk>/status/":                    "LOG 405 405 405 405 405 405 405",
    "aktuelles/feed.atom":                           "200 200 200 200 200 200 200 200",
    "aktuelles/feed.rss":                            "200 200 200 200 200 200 200 200",
    "aktuelles/neu/":                                "LOG 403 200 200 403 403 403 200",
    "aktuelles/redaktion/":                          "LOG 403 200 200 403 403 403 200",
    # The JSON API's public reads: the same for everyone (no token needed).
    "api/v1/":                                       "200 200 200 200 200 200 200 200",
    "api/v1/.*/":                                    "404 404 404 404 404 404 404 404",
    "api/v1/actions/":                               "200 200 200 200 200 200 200 200",
    "api/v1/actions/<pk>/":                          "200 200 200 200 200 200 200 200",
    "api/v1/authorities/":                           "200 200 200 200 200 200 200 200",
    "api/v1/authorities/<ags>/":                     "200 200 200 200 200 200 200 200",
    "api/v1/benefit-partners/":                      "200 200 200 200 200 200 200 200",
    "api/v1/benefit-partners/<pk>/":                 "200 200 200 200 200 200 200 200",
    "api/v1/benefits/":                              "200 200 200 200 200 200 200 200",
    "api/v1/benefits/<pk>/":                         "200 200 200 200 200 200 200 200",
    "api/v1/declaration-waves/":                     "200 200 200 200 200 200 200 200",
    "api/v1/declaration-waves/<pk>/":                "200 200 200 200 200 200 200 200",
    "api/v1/docs/":                                  "200 200 200 200 200 200 200 200",
    "api/v1/events/":                                "200 200 200 200 200 200 200 200",
    "api/v1/events/<pk>/":                           "200 200 200 200 200 200 200 200",
    "api/v1/knowledge-items/":                       "200 200 200 200 200 200 200 200",
    "api/v1/knowledge-items/<pk>/":                  "200 200 200 200 200 200 200 200",
    "api/v1/members/":                               "200 200 200 200 200 200 200 200",
    "api/v1/members/<ags>/":                         "200 200 200 200 200 200 200 200",
    "api/v1/opportunities/":                         "200 200 200 200 200 200 200 200",
    "api/v1/opportunities/<pk>/":                    "200 200 200 200 200 200 200 200",
    "api/v1/schema/":                                "200 200 200 200 200 200 200 200",
    "barrierefreiheit/":                             "200 200 200 200 200 200 200 200",
    "barrierefreiheit/rueckmeldung/":                "200 200 200 200 200 200 200 200",
    "datenschutz/":                                  "200 200 200 200 200 200 200 200",
    "einwilligungen/":                               "LOG 200 200 200 200 200 200 200",
    "einwilligungen/<int:pk>/widerrufen/":           "LOG 405 405 405 405 405 405 405",
    "impressum/":                                    "200 200 200 200 200 200 200 200",
    "kontakt/":                                      "200 200 200 200 200 200 200 200",
    "rechtstexte/":                                  "LOG 403 403 403 403 403 403 200",
    "rechtstexte/<slug:page>/":                      "LOG 403 403 403 403 403 403 200",
    "rechtstexte/hinweise/<str:key>/":               "LOG 403 403 403 403 403 403 200",
    "rechtstexte/<slug:page>/<int:number>/":         "LOG 403 403 403 403 403 403 200",
    "rechtstexte/rueckmeldungen/<int:pk>/":          "LOG 403 403 403 403 403 403 200",
    "ehrenamtskarte/":                               "200 200 200 200 200 200 200 200",
    "ehrenamtskarte/antrag/":                        "200 200 200 200 200 200 200 200",
    "ehrenamtskarte/antrag/<uuid:public_id>/":       "200 200 200 200 200 200 200 200",
    "ehrenamtskarte/antrag/adresse/<str:token>/":    "200 200 200 200 200 200 200 200",
    "ehrenamtskarte/ausgabestellen/":                "LOG 403 200 200 403 403 403 200",
    "ehrenamtskarte/ausgabestellen/<int:pk>/":       "LOG 404 200 404 404 404 404 200",
    "ehrenamtskarte/ausgabestellen/neu/":            "LOG 403 403 200 403 403 403 200",
    "ehrenamtskarte/bearbeitung/":                   "LOG 403 403 403 403 403 403 200",
    "ehrenamtskarte/bearbeitung/<int:pk>/":          "LOG 404 404 404 404 404 404 200",
    "ehrenamtskarte/bestaetigung/<str:token>/":      "200 200 200 200 200 200 200 200",
    "ehrenamtskarte/akzeptanzstellen/<int:pk>/":     "LOG 404 404 404 404 404 404 404",
    "ehrenamtskarte/akzeptanzstellen/<int:pk>/standorte/<int:location>/":
                                                     "LOG 404 404 404 404 404 404 404",
    "ehrenamtskarte/akzeptanzstellen/<int:pk>/standorte/neu/":
                                                     "LOG 404 404 404 404 404 404 404",
    "ehrenamtskarte/akzeptanzstellen/<int:pk>/vorteile/<int:benefit>/":
                                                     "LOG 404 404 404 404 404 404 404",
    "ehrenamtskarte/akzeptanzstellen/<int:pk>/vorteile/<int:benefit>/loeschen/":
                                                     "LOG 405 405 405 405 405 405 405",
    "ehrenamtskarte/akzeptanzstellen/<int:pk>/vorteile/neu/":
                                                     "LOG 404 404 404 404 404 404 404",
    "ehrenamtskarte/akzeptanzstellen/meine/":        "LOG 403 403 403 403 403 403 403",
    "ehrenamtskarte/akzeptanzstellen/registrieren/": "200 200 200 200 200 200 200 200",
    "ehrenamtskarte/verwaltung/akzeptanzstellen/":   "LOG 403 403 403 403 403 403 200",
    "ehrenamtskarte/verwaltung/akzeptanzstellen/<int:pk>/":
                                                     "LOG 404 404 404 404 404 404 200",
    "ehrenamtskarte/verwaltung/ausgeber/<int:issuer>/import/":
                                                     "LOG 403 403 403 403 403 403 200",
    "ehrenamtskarte/verwaltung/import-vorlage.csv":  "LOG 403 403 403 403 403 403 200",
    "ehrenamtskarte/verwaltung/statistik.<str:fmt>": "LOG 403 403 403 403 403 403 200",
    "ehrenamtskarte/verwaltung/statistik/":          "LOG 403 403 403 403 403 403 200",
    "ehrenamtskarte/vorteile/":                      "200 200 200 200 200 200 200 200",
    "ehrenamtskarte/vorteile/partner/<int:pk>/":     "200 200 200 200 200 200 200 200",
    "ehrenamtskarte/karte/<str:token>/":             "200 200 200 200 200 200 200 200",
    "ehrenamtskarte/karte/<str:token>/karte.pdf":    "200 200 200 200 200 200 200 200",
    "ehrenamtskarte/karte/<str:token>/manifest.webmanifest": "200 200 200 200 200 200 200 200",
    "ehrenamtskarte/karten/":                        "LOG 200 200 200 200 200 200 200",
    "ehrenamtskarte/offline.js":                     "200 200 200 200 200 200 200 200",
    "ehrenamtskarte/pruefen/":                       "200 200 200 200 200 200 200 200",
    "ehrenamtskarte/pruefen/status/":                "405 405 405 405 405 405 405 405",
    "ehrenamtskarte/verwaltung/karten/":             "LOG 403 403 403 403 403 403 200",
    "ehrenamtskarte/verwaltung/karten/<str:number>/": "LOG 403 403 403 403 403 403 200",
    "ehrenamtskarte/verwaltung/karten/<str:number>/ersetzen/": "LOG 405 405 405 405 405 405 405",
    "ehrenamtskarte/verwaltung/karten/<str:number>/sperren/": "LOG 405 405 405 405 405 405 405",
    "healthz":                                       "200 200 200 200 200 200 200 200",
    # No task worker runs in the tests: no heartbeat, so »not ready« for everyone.
    "readyz":                                        "503 503 503 503 503 503 503 503",
    # The token endpoints answer only a token (their own tests hold the scope × token matrix).
    "api/v1/cards/checks/":                          "401 401 401 401 401 401 401 401",
    "api/v1/members-only/contacts/":                 "401 401 401 401 401 401 401 401",
    "api/v1/members-only/contacts/<pk>/":            "401 401 401 401 401 401 401 401",
    "api/v1/members-only/documents/":                "401 401 401 401 401 401 401 401",
    "api/v1/members-only/documents/<pk>/":           "401 401 401 401 401 401 401 401",
    "api/v1/own/opportunities/":                     "401 401 401 401 401 401 401 401",
    "api/v1/own/opportunities/<pk>/":                "401 401 401 401 401 401 401 401",
    "infomail/":                                     "LOG 200 200 200 200 200 200 200",
    "infomail/<int:pk>/":                            "LOG 404 404 404 404 404 404 200",
    "infomail/<int:pk>/bearbeiten/":                 "LOG 403 403 403 403 403 403 200",
    "infomail/<int:pk>/fortschritt/":                "LOG 403 403 403 403 403 403 200",
    "infomail/abmelden/<str:token>/":                "200 200 200 200 200 200 200 200",
    "infomail/abonnieren/":                          "200 200 200 200 200 200 200 200",
    "infomail/abonnieren/bestaetigen/<str:token>/":  "200 200 200 200 200 200 200 200",
    "infomail/einstellungen/":                       "LOG 200 200 200 200 200 200 200",
    "infomail/postausgang/":                         "LOG 403 403 403 403 403 403 200",
    "infomail/postausgang/erneut-senden/":           "LOG 405 405 405 405 405 405 405",
    "infomail/neu/":                                 "LOG 403 403 403 403 403 403 200",
    "infomail/empfaenger/":                          "LOG 403 403 403 403 403 403 200",
    "infomail/zielgruppe-aus-verzeichnis/":          "LOG 403 403 403 403 403 403 200",
    "kommunen/":                                     "200 200 200 200 200 200 200 200",
    "kommunen/<str:ags>/":                           "200 200 200 200 200 200 200 200",
    "kontakte/":                                     "LOG 403 403 403 403 403 403 200",
    "kontakte/export.csv":                           "LOG 403 403 403 403 403 403 200",
    "kontakte/neu/":                                 "LOG 403 403 403 403 403 403 200",
    "kontakte/<int:pk>/":                            "LOG 403 403 403 403 403 403 200",
    "kontakte/<int:pk>/bearbeiten/":                 "LOG 403 403 403 403 403 403 200",
    "kontakte/<int:pk>/nachfolge/":                  "LOG 403 403 403 403 403 403 200",
    "kontakte/kommune/<str:ags>/":                   "LOG 403 403 403 403 403 403 200",
    "kontakte/eintraege/<int:pk>/":                  "LOG 403 403 403 403 403 403 200",
    "kontakte/eintraege/<int:pk>/loeschen/":         "LOG 403 403 403 403 403 403 200",
    "kontakte/wiedervorlagen/":                      "LOG 403 403 403 403 403 403 200",
    "kontakte/wiedervorlagen/<int:pk>/erledigt/":    "LOG 403 403 403 403 403 403 405",
    "kontakte/import/":                              "LOG 403 403 403 403 403 403 200",
    "kontakte/import/<int:pk>/":                     "LOG 403 403 403 403 403 403 200",
    "konto/":                                        "LOG 200 200 200 200 200 200 200",
    "konto/abmelden/":                               "405 405 405 405 405 405 405 405",
    "konto/anmelden/":                               "200 302 302 302 302 302 302 302",
    "konto/anmelden/passkey/":                       "405 405 405 405 405 405 405 405",
    "konto/anmelden/passkey/optionen/":              "405 405 405 405 405 405 405 405",
    "konto/passwort-neu/<uidb64>/<token>/":          "302 302 302 302 302 302 302 302",
    "konto/passwort-neu/fertig/":                    "200 200 200 200 200 200 200 200",
    "konto/passwort-vergessen/":                     "200 200 200 200 200 200 200 200",
    "konto/passwort-vergessen/gesendet/":            "200 200 200 200 200 200 200 200",
    "meine-daten/":                                  "LOG 200 200 200 200 200 200 200",
    "meine-daten/export/":                           "LOG 405 405 405 405 405 405 405",
    "meine-daten/export/<int:pk>/":                  "LOG 200 404 404 404 404 404 404",
    "meine-daten/export/<int:pk>/meine-daten.zip":   "LOG 200 404 404 404 404 404 404",
    "meine-daten/loeschung/":                        "LOG 405 405 405 405 405 405 405",
    "meine-daten/verwaltung/":                       "LOG 403 403 403 403 403 403 200",
    "meine-daten/verwaltung/<int:pk>/":              "LOG 403 403 403 403 403 403 200",
    "meine-daten/verwaltung/<int:pk>/erledigt/":     "LOG 405 405 405 405 405 405 405",
    "meine-daten/verwaltung/<int:pk>/export.zip":    "LOG 403 403 403 403 403 403 200",
    "meine-daten/verwaltung/<int:pk>/loeschen/":     "LOG 403 403 403 403 403 403 200",
    "meine-daten/verwaltung/verzeichnis.pdf":        "LOG 403 403 403 403 403 403 200",
    "meine-daten/verwaltung/verzeichnis/":           "LOG 403 403 403 403 403 403 200",
    "konto/eingang/zuweisen/":                       "LOG 405 405 405 405 405 405 405",
    "konto/passwort-aendern/":                       "LOG 200 200 200 200 200 200 200",
    "konto/sicherheit/":                             "LOG 200 200 200 200 200 200 200",
    "konto/sicherheit/sitzungen/<int:pk>/beenden/":  "LOG 405 405 405 405 405 405 405",
    "konto/sicherheit/passkeys/":                    "LOG 405 405 405 405 405 405 405",
    "konto/sicherheit/passkeys/optionen/":           "LOG 405 405 405 405 405 405 405",
    "konto/sicherheit/passkeys/<int:pk>/umbenennen/": "LOG 404 404 404 404 404 404 404",
    "konto/sicherheit/passkeys/<int:pk>/entfernen/": "LOG 404 404 404 404 404 404 404",
    "konto/zwei-faktor/":                            "LOG 302 302 302 302 302 302 302",
    "konto/zwei-faktor/passkey/":                    "LOG 405 405 405 405 405 405 405",
    "konto/zwei-faktor/passkey/optionen/":           "LOG 405 405 405 405 405 405 405",
    "konto/zwei-faktor/ausschalten/":                "LOG 405 405 405 405 405 405 405",
    "konto/zwei-faktor/einrichten/":                 "LOG 200 200 200 200 200 200 200",
    "konto/zwei-faktor/personen/":                   "LOG 403 403 403 403 403 403 200",
    "konto/zwei-faktor/personen/<int:pk>/zuruecksetzen/":
                                                     "LOG 403 403 403 403 403 403 200",
    "konto/zwei-faktor/wiederherstellungscodes/":    "LOG 302 302 302 302 302 302 302",
    "mitmachen/":                                    "200 200 200 200 200 200 200 200",
    "mitmachen/aktionen/":                           "200 200 200 200 200 200 200 200",
    "mitmachen/aktionen/<int:pk>/":                  "200 200 200 200 200 200 200 200",
    "mitmachen/aktionen/<int:pk>/verwalten/":        "LOG 403 403 403 403 403 200 200",
    "mitmachen/aktionen/<int:pk>/verwalten/helfende/<int:signup>/stunden/":
                                                     "LOG 405 405 405 405 405 405 405",
    "mitmachen/aktionen/<int:pk>/verwalten/nachricht/":
                                                     "LOG 403 403 403 403 403 200 200",
    "mitmachen/aktionen/<int:pk>/verwalten/schichten/<int:shift>/":
                                                     "LOG 403 403 403 403 403 200 200",
    "mitmachen/aktionen/anmeldung/<str:token>/":     "200 200 200 200 200 200 200 200",
    "mitmachen/aktionen/anmeldung/<str:token>/bestaetigen/":
                                                     "200 200 200 200 200 200 200 200",
    "mitmachen/aktionen/anmeldung/<str:token>/nachweis.pdf":
                                                     "404 404 404 404 404 404 404 404",
    "mitmachen/aktionen/anmeldung/<str:token>/stornieren/":
                                                     "405 405 405 405 405 405 405 405",
    "mitmachen/aktionen/meine/":                     "LOG 200 200 200 200 200 200 200",
    "mitmachen/aktionen/meine/nachweis/<int:provider>.pdf":
                                                     "LOG 404 404 404 404 404 404 404",
    "mitmachen/aktionen/schichten/<int:pk>/eintragen/":
                                                     "404 404 404 404 404 404 404 404",
    "mitmachen/aktionen/verwalten/":                 "LOG 403 403 403 403 403 200 200",
    "mitmachen/kooperationen/":                      "200 200 200 200 200 200 200 200",
    "mitmachen/kooperationen/<int:pk>/":             "200 200 200 200 200 200 200 200",
    "mitmachen/kooperationen/<int:pk>/bearbeiten/":  "LOG 403 200 403 403 403 403 200",
    "mitmachen/kooperationen/neu/":                  "LOG 403 200 200 403 403 403 200",
    "mitmachen/unternehmen/":                        "200 200 200 200 200 200 200 200",
    "mitmachen/unternehmen/angebote/<int:pk>/":      "200 200 200 200 200 200 200 200",
    "mitmachen/unternehmen/angebote/<int:pk>/bearbeiten/":
                                                     "LOG 403 403 403 403 403 403 200",
    "mitmachen/unternehmen/angebote/neu/":           "LOG 403 403 403 403 403 403 403",
    "mitmachen/unternehmen/bedarfe/":                "200 200 200 200 200 200 200 200",
    "mitmachen/unternehmen/bedarfe/<int:pk>/":       "200 200 200 200 200 200 200 200",
    "mitmachen/unternehmen/bedarfe/<int:pk>/bearbeiten/":
                                                     "LOG 403 403 403 403 403 403 200",
    "mitmachen/unternehmen/bedarfe/neu/":            "LOG 403 403 403 403 403 200 403",
    "mitmachen/unternehmen/kontakt/":                "LOG 404 404 404 404 404 404 404",
    "mitmachen/unternehmen/uebersicht/":             "LOG 403 200 200 403 403 403 200",
    "mitmachen/unternehmen/vermittlungen/":          "LOG 200 200 200 200 200 200 200",
    "mitmachen/unternehmen/vermittlungen/<int:pk>/": "LOG 404 200 404 404 404 404 200",
    "mitmachen/unternehmen/vermittlungen/<int:pk>/antworten/":
                                                     "LOG 405 405 405 405 405 405 405",
    "mitmachen/unternehmen/vermittlungen/<int:pk>/einsatz/":
                                                     "LOG 404 403 404 404 404 404 403",
    "mitmachen/anbieter/":                           "LOG 403 403 403 403 403 200 403",
    "mitmachen/anbieter/<int:pk>/angebote/neu/":     "LOG 403 403 403 403 403 200 200",
    "mitmachen/anbieter/registrieren/":              "200 200 200 200 200 200 200 200",
    "mitmachen/angebote/<int:pk>/":                  "200 200 200 200 200 200 200 200",
    "mitmachen/angebote/<int:pk>/bearbeiten/":       "LOG 403 403 403 403 403 200 200",
    "mitmachen/angebote/<int:pk>/interesse/":        "405 405 405 405 405 405 405 405",
    "mitmachen/angebote/<int:pk>/interessierte/":    "LOG 403 403 403 403 403 200 200",
    "mitmachen/einbetten/<str:ags>/":                "200 200 200 200 200 200 200 200",
    "mitmachen/einbetten/<str:ags>/angebote.json":   "200 200 200 200 200 200 200 200",
    "mitmachen/einbetten/<str:ags>/angebote.rss":    "200 200 200 200 200 200 200 200",
    "mitmachen/einbetten/<str:ags>/code/":           "LOG 403 200 403 403 403 200 200",
    "mitmachen/interesse/<str:token>/":              "200 200 200 200 200 200 200 200",
    "mitmachen/interesse/<str:token>/bestaetigen/":  "405 405 405 405 405 405 405 405",
    "mitmachen/interesse/<str:token>/zurueckziehen/":
                                                     "405 405 405 405 405 405 405 405",
    "mitmachen/interessierte/<int:pk>/antwort/":     "LOG 405 405 405 405 405 405 405",
    "mitmachen/meine-suchen/":                       "LOG 200 200 200 200 200 200 200",
    "mitmachen/meine-suchen/<int:pk>/loeschen/":     "LOG 405 405 405 405 405 405 405",
    "mitmachen/pruefung/":                           "LOG 403 200 200 403 403 403 200",
    "mitmachen/pruefung/<int:pk>/":                  "LOG 403 200 403 403 403 403 200",
    "mitmachen/vermittlung/<str:ags>/":              "LOG 403 200 403 403 403 403 200",
    "netzwerk/":                                     "200 200 200 200 200 200 200 200",
    "netzwerk/<str:ags>/<str:kind>/<int:pk>/loeschen/":
                                                     "LOG 405 405 405 405 405 405 405",
    "netzwerk/<str:ags>/antraege/":                  "LOG 403 200 403 403 403 403 200",
    "netzwerk/<str:ags>/antrag/":                    "LOG 403 200 403 403 403 403 403",
    "netzwerk/<str:ags>/austritt/":                  "LOG 403 200 403 403 403 403 200",
    "netzwerk/<str:ags>/dokumente/<int:pk>/":        "404 404 200 200 200 200 404 200",
    "netzwerk/<str:ags>/dokumente/neu/":             "LOG 403 200 403 403 403 403 200",
    "netzwerk/<str:ags>/kontakte/<int:pk>/":         "LOG 403 200 403 403 403 403 200",
    "netzwerk/<str:ags>/kontakte/<int:pk>/einladen/":
                                                     "LOG 403 200 403 403 403 403 200",
    "netzwerk/<str:ags>/kontakte/neu/":              "LOG 403 200 403 403 403 403 200",
    "netzwerk/<str:ags>/leitung/<int:pk>/":          "LOG 403 200 403 403 403 403 200",
    "netzwerk/<str:ags>/leitung/neu/":               "LOG 403 200 403 403 403 403 200",
    "netzwerk/<str:ags>/profil/":                    "LOG 403 200 403 403 403 403 200",
    "netzwerk/<str:ags>/verlauf/":                   "LOG 403 200 403 403 403 403 200",
    "netzwerk/kontakte/<int:pk>/zustimmung/":        "LOG 405 405 405 405 405 405 405",
    "netzwerk/antraege/":                            "LOG 403 403 403 403 403 403 200",
    "netzwerk/antraege/<int:pk>/":                   "LOG 404 200 404 404 404 404 200",
    "netzwerk/antraege/<int:pk>/zurueckziehen/":     "LOG 405 405 405 405 405 405 405",
    "netzwerk/erklaerung/":                          "200 200 200 200 200 200 200 200",
    "netzwerk/erklaerung/fassungen/neu/":            "LOG 403 403 403 403 403 403 200",
    "netzwerk/erklaerung/unterzeichnungen/neu/":     "LOG 403 403 403 403 403 403 200",
    "netzwerk/erklaerung/unterzeichnungen/<int:pk>/":
                                                     "LOG 403 403 403 403 403 403 200",
    "netzwerk/erklaerung/unterzeichnungen/<int:pk>/bearbeiten/":
                                                     "LOG 403 403 403 403 403 403 200",
    "netzwerk/erklaerung/unterzeichnungen/<int:pk>/unterschriften/<int:signature>/entfernen/":
                                                     "LOG 405 405 405 405 405 405 405",
    "netzwerk/export.<str:fmt>":                     "LOG 403 403 403 403 403 403 200",
    "netzwerk/partner/":                             "200 200 200 200 200 200 200 200",
    "netzwerk/mitglied-werden/":                     "200 200 200 200 200 200 200 200",
    "netzwerk/partner/neu/":                         "LOG 403 403 403 403 403 403 200",
    "netzwerk/partner/<int:pk>/":                    "LOG 403 403 403 403 403 403 200",
    "netzwerk/partner/<int:pk>/beenden/":            "LOG 405 405 405 405 405 405 405",
    "offene-daten/":                                 "200 200 200 200 200 200 200 200",
    "offene-daten/<slug:slug>/":                     "200 200 200 200 200 200 200 200",
    "offene-daten/<slug:slug>.<str:fmt>":            "200 200 200 200 200 200 200 200",
    "offene-daten/katalog.<str:fmt>":                "200 200 200 200 200 200 200 200",
    "schnittstellen/":                               "LOG 403 200 200 403 403 403 200",
    "schnittstellen/tokens/<int:pk>/widerrufen/":    "LOG 404 200 404 404 404 404 200",
    "schnittstellen/tokens/neu/":                    "LOG 403 403 403 403 403 403 200",
    "schnittstellen/webhooks/":                      "LOG 403 200 200 403 403 403 200",
    "schnittstellen/webhooks/<int:pk>/":             "LOG 403 200 404 403 403 403 200",
    "schnittstellen/webhooks/<int:pk>/loeschen/":    "LOG 405 405 405 405 405 405 405",
    "schnittstellen/webhooks/neu/":                  "LOG 403 200 200 403 403 403 200",
    "suche/":                                        "200 200 200 200 200 200 200 200",
    "suche/verwaltung/":                             "LOG 403 403 403 403 403 403 200",
    "suche/verwaltung/neu-aufbauen/":                "LOG 405 405 405 405 405 405 405",
    "suche/verwaltung/synonyme/<int:pk>/loeschen/":  "LOG 405 405 405 405 405 405 405",
    "veranstaltungen/":                              "200 200 200 200 200 200 200 200",
    "veranstaltungen/<int:pk>/":                     "200 200 200 200 200 200 200 200",
    "veranstaltungen/<int:pk>/anmelden/":            "405 405 405 405 405 405 405 405",
    # The office's event pages (the organisers see participants only, on verwaltung/).
    "veranstaltungen/<int:pk>/bearbeiten/":          "LOG 403 403 403 403 403 403 200",
    "veranstaltungen/<int:pk>/dokumentation/":       "LOG 403 403 403 403 403 403 200",
    "veranstaltungen/<int:pk>/dokumentation/dateien/<int:file_pk>/":
                                                     "LOG 403 403 403 403 403 403 200",
    "veranstaltungen/<int:pk>/dokumentation/dateien/<int:file_pk>/entfernen/":
                                                     "LOG 405 405 405 405 405 405 405",
    "veranstaltungen/<int:pk>/dokumentation/ergebnisse/<int:result_pk>/":
                                                     "LOG 403 403 403 403 403 403 200",
    "veranstaltungen/<int:pk>/dokumentation/ergebnisse/<int:result_pk>/entfernen/":
                                                     "LOG 405 405 405 405 405 405 405",
    "veranstaltungen/<int:pk>/einladen/":            "LOG 403 403 403 403 403 403 200",
    "veranstaltungen/<int:pk>/fragen/":              "LOG 403 403 403 403 403 403 200",
    "veranstaltungen/<int:pk>/fragen/<int:question_pk>/":
                                                     "LOG 403 403 403 403 403 403 200",
    "veranstaltungen/<int:pk>/fragen/<int:question_pk>/entfernen/":
                                                     "LOG 405 405 405 405 405 405 405",
    "veranstaltungen/<int:pk>/kopieren/":            "LOG 403 403 403 403 403 403 200",
    "veranstaltungen/<int:pk>/nachricht/":           "LOG 403 403 403 403 403 403 200",
    "veranstaltungen/<int:pk>/programm/":            "LOG 403 403 403 403 403 403 200",
    "veranstaltungen/<int:pk>/programm/<int:item_pk>/":
                                                     "LOG 403 403 403 403 403 403 200",
    "veranstaltungen/<int:pk>/programm/<int:item_pk>/entfernen/":
                                                     "LOG 405 405 405 405 405 405 405",
    "veranstaltungen/<int:pk>/programm/<int:item_pk>/verschieben/":
                                                     "LOG 405 405 405 405 405 405 405",
    "veranstaltungen/<int:pk>/veroeffentlichen/":    "LOG 405 405 405 405 405 405 405",
    "veranstaltungen/<int:pk>/verwaltung/nachruecken/<int:registration_pk>/":
                                                     "LOG 405 405 405 405 405 405 405",
    # Only after the event, for those present (the registration here is still to come).
    "veranstaltungen/anmeldung/<str:token>/bescheinigung.pdf":
                                                     "404 404 404 404 404 404 404 404",
    "veranstaltungen/<int:pk>/dateien/<int:file_pk>/":
                                                     "404 404 404 404 404 404 404 200",
    "veranstaltungen/<int:pk>/einlass/<str:code>/":  "LOG 403 403 403 403 403 403 200",
    "veranstaltungen/<int:pk>/kalender.ics":         "200 200 200 200 200 200 200 200",
    "veranstaltungen/<int:pk>/teilnehmende.<str:fmt>":
                                                     "LOG 403 403 403 403 403 403 200",
    "veranstaltungen/<int:pk>/verwaltung/":          "LOG 403 403 403 403 403 403 200",
    "veranstaltungen/<int:pk>/zielgruppe/":          "LOG 405 405 405 405 405 405 405",
    "veranstaltungen/<int:pk>/verwaltung/einlass/<int:registration_pk>/":
                                                     "LOG 405 405 405 405 405 405 405",
    "veranstaltungen/anmeldung/<str:token>/":        "200 200 200 200 200 200 200 200",
    "veranstaltungen/anmeldung/<str:token>/bestaetigen/":
                                                     "200 200 200 200 200 200 200 200",
    "veranstaltungen/anmeldung/<str:token>/stornieren/":
                                                     "200 200 200 200 200 200 200 200",
    "veranstaltungen/anmeldung/<str:token>/workshops/":
                                                     "405 405 405 405 405 405 405 405",
    "veranstaltungen/kalender/<str:token>.ics":      "200 200 200 200 200 200 200 200",
    "veranstaltungen/meine/":                        "LOG 200 200 200 200 200 200 200",
    "veranstaltungen/neu/":                          "LOG 403 403 403 403 403 403 200",
    "veranstaltungen/meine/kalender-erneuern/":      "LOG 405 405 405 405 405 405 405",
    "werkstatt/":                                    "200 200 200 200 200 200 200 200",
    "werkstatt/neu/":                                "LOG 403 403 403 403 403 403 200",
    "werkstatt/<int:number>/":                       "200 200 200 200 200 200 200 200",
    "werkstatt/<int:number>/abschliessen/":          "LOG 405 405 405 405 405 405 405",
    "werkstatt/<int:number>/ausschreibung/":         "LOG 403 403 403 403 403 403 200",
    "werkstatt/<int:number>/auswahl/<int:pk>/bewertung/":
                                                     "LOG 403 403 403 403 403 403 200",
    "werkstatt/<int:number>/bearbeiten/":            "LOG 403 403 403 403 403 403 200",
    "werkstatt/<int:number>/evaluation/export.<str:fmt>":
                                                     "LOG 404 404 404 404 404 404 200",
    "werkstatt/<int:number>/raum/lernquellen/<int:pk>/datei/":
                                                     "LOG 404 404 404 200 404 200 200",
    "werkstatt/<int:number>/raum/werkstaetten/<int:session>/protokoll/":
                                                     "LOG 404 404 404 403 404 200 200",
    "werkstatt/<int:number>/raum/werkstaetten/<int:session>/protokoll/datei/":
                                                     "LOG 404 404 404 200 404 200 200",
    "werkstatt/<int:number>/auswahl/":               "LOG 403 403 403 403 403 403 200",
    "werkstatt/<int:number>/bewerbung/":             "LOG 403 200 200 403 403 403 403",
    "werkstatt/<int:number>/evaluation/":            "LOG 404 404 404 200 404 404 200",
    "werkstatt/<int:number>/raum/":                  "LOG 404 404 404 200 404 200 200",
    "werkstatt/<int:number>/raum/diskussion/":       "LOG 404 404 404 200 404 200 200",
    "werkstatt/<int:number>/raum/diskussion/<int:pk>/":
                                                     "LOG 404 404 404 200 404 200 200",
    "werkstatt/<int:number>/raum/lernquellen/":      "LOG 404 404 404 200 404 200 200",
    "werkstatt/<int:number>/raum/lernquellen/<int:pk>/veroeffentlichen/":
                                                     "LOG 405 405 405 405 405 405 405",
    "werkstatt/<int:number>/raum/termine/":          "LOG 404 404 404 200 404 200 200",
    "werkstatt/<int:number>/raum/termine/<int:pk>/": "LOG 405 405 405 405 405 405 405",
    "werkstatt/<int:number>/raum/themen/":           "LOG 404 404 404 200 404 200 200",
    "werkstatt/<int:number>/raum/themen/<int:pk>/stimme/":
                                                     "LOG 405 405 405 405 405 405 405",
    "werkstatt/<int:number>/raum/werkstaetten/<int:session>/":
                                                     "LOG 404 404 404 200 404 200 200",
    "wirkung/":                                      "LOG 403 302 302 403 302 403 302",
    "wirkung/katalog/":                              "LOG 403 200 200 403 200 403 200",
    "wirkung/katalog/<slug:key>/":                   "LOG 403 403 403 403 403 403 200",
    "wirkung/katalog/<slug:key>/import/":            "LOG 403 403 403 403 403 403 200",
    "wirkung/katalog/export.<str:fmt>":              "LOG 403 200 200 403 200 403 200",
    "wirkung/katalog/neu/":                          "LOG 403 403 403 403 403 403 200",
    "wirkung/kommune/<str:ags>/":                    "LOG 403 200 403 403 200 403 200",
    "wirkung/kommune/<str:ags>/export.<str:fmt>":    "LOG 403 200 403 403 200 403 200",
    "wirkung/kommune/<str:ags>/vergleich/":          "LOG 403 200 403 403 200 403 200",
    "wirkung/kommune/<str:ags>/vergleich/export.<str:fmt>":
                                                     "LOG 403 200 403 403 200 403 200",
    "wirkung/kommune/<str:ags>/werte/":              "LOG 403 200 403 403 403 403 200",
    "wirkung/kommune/<str:ags>/massnahmen/":         "LOG 403 200 200 200 200 403 200",
    "wirkung/kommune/<str:ags>/massnahmen/export.<str:fmt>":
                                                     "LOG 403 200 200 200 200 403 200",
    "wirkung/kommune/<str:ags>/massnahmen/neu/":     "LOG 403 200 403 403 403 403 200",
    "wirkung/kommune/<str:ags>/massnahmen/<int:pk>/":
                                                     "LOG 404 200 404 200 200 404 200",
    "wirkung/kommune/<str:ags>/massnahmen/<int:pk>/bearbeiten/":
                                                     "LOG 404 200 404 403 403 404 200",
    "wirkung/kommune/<str:ags>/massnahmen/<int:pk>/loeschen/":
                                                     "LOG 405 405 405 405 405 405 405",
    "wirkung/kommune/<str:ags>/massnahmen/<int:pk>/nachweise/neu/":
                                                     "LOG 404 200 404 403 403 404 200",
    "wirkung/kommune/<str:ags>/massnahmen/<int:pk>/nachweise/<int:evidence>/":
                                                     "404 404 200 404 200 200 404 200",
    "wirkung/kommune/<str:ags>/massnahmen/<int:pk>/nachweise/<int:evidence>/loeschen/":
                                                     "LOG 405 405 405 405 405 405 405",
    "wirkung/kommune/<str:ags>/ziele/":              "LOG 403 200 403 200 200 403 200",
    "wirkung/kommune/<str:ags>/ziele/<int:pk>/loeschen/":
                                                     "LOG 405 405 405 405 405 405 405",
    "wirkung/massnahmen/":                           "LOG 403 200 200 200 200 403 200",
    "wirkung/netzwerk/":                             "LOG 403 403 403 403 403 403 200",
    "wirkung/netzwerk/export.<str:fmt>":             "LOG 403 403 403 403 403 403 200",
    "wirkung/stichtag/":                             "LOG 403 403 403 403 403 403 200",
    "wirkung/bericht/":                              "LOG 403 403 403 403 403 403 200",
    "wirkung/bericht/<int:pk>/":                     "LOG 403 403 403 403 403 403 200",
    "wirkung/bericht/<int:pk>/bericht.pdf":          "LOG 403 403 403 403 403 403 200",
    "wirkung/kommune/<str:ags>/selbstauskunft/<int:year>/":
                                                     "LOG 403 200 403 403 200 403 200",
    "wirkung/kommune/<str:ags>/selbstauskunft/<int:year>/konflikt/<int:question>/":
                                                     "LOG 405 405 405 405 405 405 405",
    "wirkung/selbstauskunft/":                       "LOG 403 403 403 403 403 403 200",
    "wirkung/selbstauskunft/<int:year>/":            "LOG 403 403 403 403 403 403 200",
    "wirkung/selbstauskunft/<int:year>/bearbeiten/": "LOG 403 403 403 403 403 403 200",
    "wirkung/selbstauskunft/<int:year>/erinnern/":   "LOG 405 405 405 405 405 405 405",
    "wirkung/selbstauskunft/<int:year>/ergebnisse/": "LOG 403 403 403 403 403 403 200",
    "wirkung/selbstauskunft/<int:year>/fragen/<int:pk>/":
                                                     "LOG 403 403 403 403 403 403 200",
    "wirkung/selbstauskunft/<int:year>/fragen/neu/": "LOG 403 403 403 403 403 403 200",
    "wirkung/selbstauskunft/kopieren/":              "LOG 405 405 405 405 405 405 405",
    "wirkung/selbstauskunft/neu/":                   "LOG 403 403 403 403 403 403 200",
    "wissen/":                                       "200 200 200 200 200 200 200 200",
    "wissen/<int:pk>/":                              "200 200 200 200 200 200 200 200",
    "wissen/<int:pk>/anhang/":                       "LOG 403 200 403 403 403 403 200",
    "wissen/<int:pk>/anhang/<int:attachment>/":      "200 200 200 200 200 200 200 200",
    "wissen/<int:pk>/bearbeiten/":                   "LOG 403 200 403 403 403 403 200",
    "wissen/<int:pk>/kuratieren/":                   "LOG 405 405 405 405 405 405 405",
    "wissen/amtshilfe/":                             "200 200 200 200 200 200 200 200",
    "wissen/amtshilfe/<int:pk>/":                    "200 200 200 200 200 200 200 200",
    "wissen/amtshilfe/anfragen/<int:pk>/":           "LOG 403 200 403 403 403 403 200",
    "wissen/antworten/<int:pk>/":                    "LOG 405 405 405 405 405 405 405",
    "wissen/fragen/":                                "LOG 403 200 200 200 200 403 200",
    "wissen/fragen/<int:pk>/":                       "LOG 403 200 200 200 200 403 200",
    "wissen/kommunen-wie-meine/":                    "200 200 200 200 200 200 200 200",
    "wissen/neu/":                                   "LOG 403 200 200 200 200 403 200",
    "wissen/themen/":                                "LOG 403 200 200 200 200 403 200",
}
# fmt: on


def _client(world: World, role: str) -> Client:
    client, user = Client(), world.users[role]
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_each_role_as_the_table_says(world, role):
    client = _client(world, role)
    column = ROLES.index(role)
    differences = []
    for route, statuses in TABLE.items():
        path = _path(route, ARGS[route](world) if route in ARGS else {})
        expected, actual = statuses.split()[column], _status(client, path)
        if actual != expected:
            differences.append(f"{path}: {actual} (table: {expected})")

    assert differences == []


def test_the_table_lists_every_url_of_every_app():
    routes = set(_routes(get_resolver().url_patterns))

    assert sorted(routes - set(TABLE)) == [], "new URLs: give each role's status in TABLE"
    assert sorted(set(TABLE) - routes) == [], "URLs that are gone: remove them from TABLE"
    assert set(ARGS) <= set(TABLE)
    assert all(len(statuses.split()) == len(ROLES) for statuses in TABLE.values())


#: What a session between password and second factor may open: its step's page and the logout,
#: and what the code page calls to confirm with a passkey (POST only).
HALF_LOGGED_IN_OPEN = {"konto/abmelden/": "405", "healthz": "200", "readyz": "503"}
STEP_CALLS = {
    "/konto/zwei-faktor/": {"konto/zwei-faktor/passkey/", "konto/zwei-faktor/passkey/optionen/"},
    "/konto/zwei-faktor/einrichten/": {
        "konto/sicherheit/passkeys/",
        "konto/sicherheit/passkeys/optionen/",
    },
}


@pytest.mark.parametrize(
    ("role", "step_page"),
    [("volunteer", "/konto/zwei-faktor/"), ("office", "/konto/zwei-faktor/einrichten/")],
)
def test_no_url_opens_between_password_and_second_factor(world, role, step_page):
    """A volunteer with an authenticator app must enter its code; the office without one must
    set it up: until then every URL leads to that step (the admin too), whatever is typed."""
    user = world.users[role]
    if role == "volunteer":
        TwoFactorFactory(user=user)
    client = Client()
    client.post("/konto/anmelden/", {"username": user.email, "password": PASSWORD})
    differences = []
    for route in [*TABLE, "admin/", "admin/accounts/user/"]:
        path = _path(route, ARGS[route](world) if route in ARGS else {})
        response = client.get(path)
        if path == step_page:
            expected, actual = "200", str(response.status_code)
        elif route in HALF_LOGGED_IN_OPEN:
            expected, actual = HALF_LOGGED_IN_OPEN[route], str(response.status_code)
        elif route in STEP_CALLS[step_page]:
            expected, actual = "405", str(response.status_code)
        else:
            expected, actual = step_page, response.get("Location", str(response.status_code))
        if actual != expected:
            differences.append(f"{path}: {actual} (expected: {expected})")

    assert differences == []
