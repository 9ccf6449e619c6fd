"""The knowledge pages as people use them: the knowledge base and sharing an item, the office
curating, the peer finder, collegial advice (members only) with its e-mails, following topics,
Amtshilfe between municipalities, and query ceilings of the list and the search."""

import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

from engagiert.accounts.models import Role, User
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.core.testing import form_as_posted, search_planner_queries
from engagiert.knowledge.models import (
    Answer,
    AssistanceOffer,
    AssistanceRequest,
    KnowledgeItem,
    Question,
    TopicFollow,
    Visibility,
)
from engagiert.knowledge.tests.factories import (
    AnswerFactory,
    AssistanceOfferFactory,
    KnowledgeItemFactory,
    QuestionFactory,
)
from engagiert.membership.tests.factories import MembershipFactory, ProfileFactory
from engagiert.registry.models import Authority, Topic
from engagiert.registry.tests.factories import AuthorityFactory, TopicFactory

pytestmark = pytest.mark.django_db

LIST = "/wissen/"
SHARE = "/wissen/neu/"
QUESTIONS = "/wissen/fragen/"
FOLLOW = "/wissen/themen/"
OFFERS = "/wissen/amtshilfe/"
PEERS = "/wissen/kommunen-wie-meine/"
SEARCH = "/suche/"
REQUIRED = "Dieses Feld ist zwingend erforderlich."
MEMBERS_ONLY = "Dieser Teil der Wissensbasis steht nur Mitgliedern des Netzwerks offen."
#: Queries of /wissen/ for a visitor, whatever the number of items: count, page, topics of the
#: page.
LIST_QUERIES = 3
#: Queries of /suche/?q=… for a visitor, whatever the number of hits: the synonyms, the hits
#: in title and topics, the others and their ranking, the typo check, the page of hits, the
#: choices of the form and the topic names of the facets (plus `search_planner_queries()`).
SEARCH_QUERIES = 10
#: A logged-in person adds the session, the user, their roles and the membership check.
LOGGED_IN = 4
#: An anonymous search is counted by the shared throttle; without Redis that is the database
#: cache: entries check, savepoints, read and increment of the visitor's counter row.
THROTTLE = 9


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def error_at(response: HttpResponse, field: str) -> str:
    """The error text shown at a form field ('' if none)."""
    found = re.search(
        rf'<p class="kern-error" id="id_{field}_error">(.*?)</p>', response.text, re.S
    )
    return re.sub(r"<[^>]+>", "", found.group(1)).strip() if found else ""


def officer_of(authority: Authority, email: str, *, member: bool = True) -> User:
    """The engagement officer of `authority` (a current member unless told otherwise)."""
    if member:
        MembershipFactory(authority=authority)
    user = UserFactory(email=email)
    role_grant(user=user, role=Role.OFFICER, authority=authority)
    return user


def mails_to(address: str) -> list[mail.EmailMessage]:
    return [message for message in mail.outbox if message.to == [address]]


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


ROLES = ["anonymous", "account without a role", "officer of a non-member", "member", "office"]


def matrix(statuses: list[int]) -> list[tuple[str, int]]:
    """Each role with its expected status."""
    return list(zip(ROLES, statuses, strict=True))


def client_as(role: str, request: pytest.FixtureRequest) -> Client:
    if role == "anonymous":
        return Client()
    user = {
        "account without a role": lambda: UserFactory(email="ohne-rolle@example.org"),
        "officer of a non-member": lambda: request.getfixturevalue("outsider"),
        "member": lambda: request.getfixturevalue("member"),
        "office": lambda: request.getfixturevalue("office_user"),
    }[role]()
    return logged_in(user)


# --- The knowledge base -----------------------------------------------------------------------


@pytest.fixture
def shelf(db) -> dict[str, KnowledgeItem]:
    return {
        "public": KnowledgeItemFactory(
            title="Ehrenamtskarte NRW eingeführt",
            summary="Besonders engagierte Menschen erhalten Vergünstigungen.",
            problem="Engagement wurde zu wenig sichtbar gewürdigt.",
            authority=AuthorityFactory(name="Lünen"),
            year=2019,
        ),
        "advice": KnowledgeItemFactory(
            title="Engagementstrategie für den Kreis",
            kind=KnowledgeItem.Kind.RECOMMENDATION,
        ),
        "members": KnowledgeItemFactory(
            title="Interne Auswertung Förderbudget",
            summary="Vertrauliche Zahlen der Mitgliedskommunen.",
            visibility=Visibility.MEMBERS,
        ),
        "archived": KnowledgeItemFactory(
            title="Alte Antragsformulare", status=KnowledgeItem.Status.ARCHIVED
        ),
    }


def test_the_knowledge_base_lists_public_items_for_everyone(client, shelf):
    response = client.get(LIST)

    assert response.status_code == 200
    assert "Wissen des Netzwerks" in response.text
    assert "Ehrenamtskarte NRW eingeführt" in response.text
    assert "Praxisbeispiel · Lünen · " in response.text
    assert "Interne Auswertung Förderbudget" not in response.text
    assert "Alte Antragsformulare" not in response.text
    assert "Wissen teilen" not in response.text


def test_the_year_of_an_item_is_written_as_a_year(client, shelf):
    listed = client.get(LIST)
    detail = client.get(shelf["public"].get_absolute_url())

    assert "Praxisbeispiel · Lünen · 2019" in listed.text
    assert "Lünen</a> · 2019" in detail.text


def test_members_see_members_only_items_marked_and_may_share(shelf, member):
    response = logged_in(member).get(LIST)

    assert "Interne Auswertung Förderbudget" in response.text
    assert '<span class="kern-label">nur für Mitglieder</span>' in response.text
    assert "Wissen teilen" in response.text


def test_the_knowledge_base_filters_by_kind(client, shelf):
    response = client.get(LIST, {"kind": "recommendation"})

    assert [i.title for i in response.context["page"].object_list] == [
        "Engagementstrategie für den Kreis"
    ]
    assert 'href="?kind=recommendation" aria-current="page">Handlungsempfehlung' in response.text


def test_an_items_page_shows_its_parts_in_german(client, shelf):
    response = client.get(shelf["public"].get_absolute_url())

    assert response.status_code == 200
    assert '<h1 class="kern-heading-large">Ehrenamtskarte NRW eingeführt</h1>' in response.text
    assert "Ausgangslage" in response.text
    assert "Engagement wurde zu wenig sichtbar gewürdigt." in response.text
    assert "Kuratieren" not in response.text


@pytest.mark.parametrize(
    ("role", "status"),
    matrix([404, 404, 404, 200, 200]),
    ids=ROLES,
)
def test_a_members_only_item_is_not_found_for_the_public(shelf, request, role, status):
    response = client_as(role, request).get(shelf["members"].get_absolute_url())

    assert response.status_code == status
    assert ("Vertrauliche Zahlen der Mitgliedskommunen." in response.text) is (status == 200)


# --- Sharing an item --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    matrix([302, 403, 403, 200, 200]),
    ids=ROLES,
)
def test_sharing_is_for_members(request, role, status):
    response = client_as(role, request).get(SHARE)

    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/konto/anmelden/?next=/wissen/neu/")
    if status == 403:
        assert MEMBERS_ONLY in response.text


def test_sharing_without_the_required_fields_shows_german_errors_at_the_fields(member):
    response = logged_in(member).post(SHARE, {"title": "  ", "visibility": "public"})

    assert response.status_code == 200
    assert error_at(response, "title") == REQUIRED
    assert error_at(response, "summary") == REQUIRED
    assert error_at(response, "kind") == REQUIRED
    assert error_at(response, "year") == ""
    assert not KnowledgeItem.objects.exists()


def test_a_shared_item_names_its_author_and_municipality(member, authority):
    topic = TopicFactory(name="Junge Menschen", slug="junge-menschen")

    response = logged_in(member).post(
        SHARE,
        {
            "kind": "practice",
            "title": "Jugendparlament mit echtem Budget",
            "summary": "Jugendliche entscheiden über 20.000 Euro im Jahr.",
            "topics": [topic.pk],
            "year": "2024",
            "visibility": "members",
        },
        follow=True,
    )

    item = KnowledgeItem.objects.get()
    assert (item.author, item.authority, item.visibility) == (member, authority, "members")
    assert list(item.topics.all()) == [topic]
    assert response.redirect_chain == [(item.get_absolute_url(), 302)]
    assert "Gespeichert – vielen Dank, dass Sie Ihr Wissen teilen." in response.text
    assert f'<a class="kern-link" href="{authority.get_absolute_url()}">{authority.name}</a>' in (
        response.text
    )


def test_the_author_edits_the_item_another_member_may_not(member, authority, shelf):
    item = KnowledgeItemFactory(title="Unser Ehrenamtsfest", author=member)
    other = officer_of(AuthorityFactory(), "kollegin@kommune.example")

    own = logged_in(member).get(f"/wissen/{item.pk}/bearbeiten/")
    foreign = logged_in(other).get(f"/wissen/{item.pk}/bearbeiten/")

    assert own.status_code == 200
    assert 'value="Unser Ehrenamtsfest"' in own.text
    assert foreign.status_code == 403


def test_the_author_changes_the_title_of_an_item_and_it_is_stored(member, authority, shelf):
    item = KnowledgeItemFactory(title="Unser Ehrenamtsfest", author=member)
    client = logged_in(member)
    shown = client.get(f"/wissen/{item.pk}/bearbeiten/").context["form"]

    response = client.post(
        f"/wissen/{item.pk}/bearbeiten/", form_as_posted(shown, title="Unser Ehrenamtsfest 2026")
    )

    assert response.status_code == 302
    assert KnowledgeItem.objects.get(pk=item.pk).title == "Unser Ehrenamtsfest 2026"


# --- The office curates -----------------------------------------------------------------------


def test_the_office_features_an_item_it_then_leads_the_list(shelf, office_user):
    client = logged_in(office_user)
    advice = shelf["advice"]

    response = client.post(f"/wissen/{advice.pk}/kuratieren/", {"action": "feature"})
    listed = Client().get(LIST)

    assert response["Location"] == advice.get_absolute_url()
    assert listed.context["page"].object_list[0] == advice
    assert '<span class="kern-label">hervorgehoben</span>' in listed.text
    assert "Nicht mehr hervorheben" in client.get(advice.get_absolute_url()).text


def test_the_office_archives_an_item_it_leaves_the_list(shelf, office_user):
    item = shelf["public"]

    response = logged_in(office_user).post(f"/wissen/{item.pk}/kuratieren/", {"action": "archive"})

    assert response["Location"] == LIST
    item.refresh_from_db()
    assert item.get_status_display() == "archiviert"
    assert "Ehrenamtskarte NRW eingeführt" not in Client().get(LIST).text


def test_the_office_merges_a_duplicate_which_then_leads_to_the_surviving_item(shelf, office_user):
    topic = TopicFactory(name="Anerkennungskultur", slug="anerkennung")
    duplicate = KnowledgeItemFactory(title="Ehrenamtskarte in Lünen", topics=[topic])
    survivor = shelf["public"]
    client = logged_in(office_user)

    response = client.post(duplicate.get_absolute_url(), {"into": survivor.pk}, follow=True)

    assert response.redirect_chain == [(survivor.get_absolute_url(), 302)]
    assert "Das Duplikat wurde zusammengeführt." in response.text
    assert list(survivor.topics.all()) == [topic]
    followed = Client().get(duplicate.get_absolute_url())
    assert followed.status_code == 302
    assert followed["Location"] == survivor.get_absolute_url()
    assert "Ehrenamtskarte in Lünen" not in Client().get(LIST).text


def test_an_item_cannot_be_merged_into_itself(shelf, office_user):
    item = shelf["public"]

    response = logged_in(office_user).post(item.get_absolute_url(), {"into": item.pk})

    assert response.status_code == 200
    assert error_at(response, "into").startswith("Bitte eine gültige Auswahl treffen.")
    item.refresh_from_db()
    assert item.merged_into is None


@pytest.mark.parametrize(
    ("role", "status"),
    matrix([302, 403, 403, 403, 302]),
    ids=ROLES,
)
def test_only_the_office_curates(shelf, request, role, status):
    item = shelf["public"]

    response = client_as(role, request).post(
        f"/wissen/{item.pk}/kuratieren/", {"action": "archive"}
    )

    assert response.status_code == status
    item.refresh_from_db()
    assert (item.status == KnowledgeItem.Status.ARCHIVED) is (role == "office")


# --- The peer finder --------------------------------------------------------------------------


@dataclass
class Peers:
    gelsenkirchen: Authority
    topic: Topic


@pytest.fixture
def peers(db) -> Peers:
    """Gelsenkirchen and municipalities more or less like it."""
    muenster_region = AuthorityFactory(
        ags="055", name="Regierungsbezirk Münster", kind=Authority.Kind.REGION
    )
    cologne_region = AuthorityFactory(
        ags="053", name="Regierungsbezirk Köln", kind=Authority.Kind.REGION
    )
    youth = TopicFactory(name="Junge Menschen", slug="junge-menschen")
    ageing = TopicFactory(name="Demografischer Wandel", slug="demografie")

    def place(ags: str, name: str, population: int, **kwargs: Any) -> Authority:
        kwargs.setdefault("region", muenster_region)
        return AuthorityFactory(ags=ags, name=name, population=population, **kwargs)

    gelsenkirchen = place("05513000", "Gelsenkirchen", 260_000)
    ProfileFactory(authority=gelsenkirchen, topics=[youth, ageing], has_round_table=True)
    bottrop = place("05512000", "Bottrop", 117_000)
    ProfileFactory(authority=bottrop, topics=[youth], has_round_table=True)
    place("05515000", "Münster", 316_000)
    place("05315000", "Köln", 1_080_000, region=cologne_region)
    place("05554", "Kreis Borken", 370_000, kind=Authority.Kind.DISTRICT)
    place("05562012", "Dorsten", 74_000, kind=Authority.Kind.TOWN)
    return Peers(gelsenkirchen, youth)


def peer_lines(response: HttpResponse) -> list[str]:
    section = response.text.split('id="peers-heading"')[1].split("</section>")[0]
    return [
        re.sub(r"<[^>]+>", "", line).strip()
        for line in re.findall(r"<li>(.*?)</li>", section, re.S)
    ]


def test_municipalities_like_mine_are_listed_with_their_reasons_in_german(client, peers):
    response = client.get(PEERS, {"ags": peers.gelsenkirchen.ags})

    assert response.status_code == 200
    assert "Kommunen wie meine" in response.text
    assert "Kommunen wie Gelsenkirchen" in response.text
    assert peer_lines(response) == [
        "Bottrop – gleiche Art (Kreisfreie Stadt), gleicher Regierungsbezirk, "
        "Thema »Junge Menschen«, hat ebenfalls: Runder Tisch",
        "Münster – gleiche Art (Kreisfreie Stadt), ähnliche Größe, gleicher Regierungsbezirk",
        "Kreis Borken – ähnliche Größe, gleicher Regierungsbezirk",
        "Köln – gleiche Art (Kreisfreie Stadt)",
        "Dorsten – gleicher Regierungsbezirk",
    ]


def test_an_officer_sees_the_municipalities_like_their_own_at_once(peers):
    officer = officer_of(peers.gelsenkirchen, "gelsenkirchen@kommune.example")

    response = logged_in(officer).get(PEERS)

    assert "Kommunen wie Gelsenkirchen" in response.text
    assert peer_lines(response)[0].startswith("Bottrop – ")


def test_who_has_solved_it_lists_municipalities_with_practice_examples_on_a_topic(peers, member):
    bottrop, muenster, cologne = (
        Authority.objects.get(name=name) for name in ("Bottrop", "Münster", "Köln")
    )
    KnowledgeItemFactory(authority=bottrop, topics=[peers.topic])
    KnowledgeItemFactory(authority=bottrop, topics=[peers.topic], visibility=Visibility.MEMBERS)
    KnowledgeItemFactory(authority=muenster, topics=[peers.topic])
    KnowledgeItemFactory(
        authority=cologne, topics=[peers.topic], kind=KnowledgeItem.Kind.RECOMMENDATION
    )
    KnowledgeItemFactory(
        authority=cologne, topics=[peers.topic], status=KnowledgeItem.Status.ARCHIVED
    )

    public = Client().get(PEERS, {"thema": "junge-menschen"})
    members = logged_in(member).get(PEERS, {"thema": "junge-menschen"})

    assert "Wer hat schon zu »Junge Menschen« gearbeitet?" in public.text
    assert "Bottrop</a> – 1 Praxisbeispiel zu »Junge Menschen«" in public.text
    assert "Münster</a> – 1 Praxisbeispiel zu »Junge Menschen«" in public.text
    assert "Köln</a>" not in public.text
    assert "Bottrop</a> – 2 Praxisbeispiele zu »Junge Menschen«" in members.text


def test_who_has_solved_it_says_so_when_nobody_has(client, peers):
    response = client.get(PEERS, {"thema": "demografie"})

    assert "Zu diesem Thema gibt es bisher keine Praxisbeispiele." in response.text


# --- Collegial advice: members only -----------------------------------------------------------


@pytest.mark.parametrize("page", ["list", "question", "follow"])
@pytest.mark.parametrize(
    ("role", "status"),
    matrix([302, 403, 403, 200, 200]),
    ids=ROLES,
)
def test_collegial_advice_is_for_members_only(request, role, status, page):
    question = QuestionFactory(title="Wie gewinnt ihr junge Ehrenamtliche?")
    path = {"list": QUESTIONS, "question": question.get_absolute_url(), "follow": FOLLOW}[page]

    response = client_as(role, request).get(path)

    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(f"/konto/anmelden/?next={path}")
    if status == 403:
        assert MEMBERS_ONLY in response.text
        assert "Wie gewinnt ihr junge Ehrenamtliche?" not in response.text
    if status == 200:
        assert "Kollegiale Beratung" in response.text


@dataclass
class Advice:
    asker: User
    colleague: User
    follower: User
    topic: Topic


@pytest.fixture
def advice(member) -> Advice:
    """A member asks; a colleague of another member answers; a third member follows the topic."""
    topic = TopicFactory(name="Junge Menschen", slug="junge-menschen")
    colleague = officer_of(AuthorityFactory(name="Bottrop"), "bottrop@kommune.example")
    follower = officer_of(AuthorityFactory(name="Dorsten"), "dorsten@kommune.example")
    TopicFollow.objects.create(user=follower, topic=topic)
    return Advice(member, colleague, follower, topic)


def test_a_question_is_published_and_the_followers_of_its_topic_are_mailed(
    advice, authority, django_capture_on_commit_callbacks
):
    TopicFollow.objects.create(user=advice.asker, topic=advice.topic)

    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in(advice.asker).post(
            QUESTIONS,
            {
                "title": "Wie gewinnt ihr junge Ehrenamtliche?",
                "body": "Unsere Vereine finden kaum Nachwuchs.",
                "topics": [advice.topic.pk],
            },
            follow=True,
        )

    question = Question.objects.get()
    assert (question.author, question.authority) == (advice.asker, authority)
    assert "Ihre Frage wurde im Netzwerk veröffentlicht." in response.text
    assert recipients() == [advice.follower.email]  # not the asker, though following too
    notice = mails_to(advice.follower.email)[0]
    assert notice.subject == "Neue Frage im Netzwerk: Wie gewinnt ihr junge Ehrenamtliche?"
    assert "Unsere Vereine finden kaum Nachwuchs." in notice.body
    assert question.get_absolute_url() in notice.body


@pytest.mark.parametrize(
    "title", ["Wie gewinnt ihr\r\nBcc: alle@example.org", "Frage\u2028Bcc: alle@example.org"]
)
def test_a_question_title_with_a_line_break_is_refused_at_the_field(advice, title):
    response = logged_in(advice.asker).post(
        QUESTIONS, {"title": title, "body": "Unsere Vereine.", "topics": [advice.topic.pk]}
    )

    assert response.status_code == 200
    assert "Bitte in einer Zeile schreiben, ohne Zeilenumbrüche oder Steuerzeichen." in (
        response.text
    )
    assert not Question.objects.exists()


def test_an_answer_is_mailed_to_the_asker_and_the_followers(
    advice, django_capture_on_commit_callbacks
):
    question = QuestionFactory(author=advice.asker, topics=[advice.topic])

    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in(advice.colleague).post(
            question.get_absolute_url(),
            {"body": "Wir gehen in die Schulen und laden zum Schnuppertag ein."},
            follow=True,
        )

    answer = Answer.objects.get()
    assert (answer.author, answer.authority.name) == (advice.colleague, "Bottrop")
    assert "Wir gehen in die Schulen und laden zum Schnuppertag ein." in response.text
    assert "1 Antwort" in response.text
    assert recipients() == sorted([advice.asker.email, advice.follower.email])
    assert mails_to(advice.asker.email)[0].subject == f"Neue Antwort: {question.title}"


def test_whoever_answers_is_not_mailed_their_own_answer(advice, django_capture_on_commit_callbacks):
    question = QuestionFactory(author=advice.asker, topics=[advice.topic])

    with django_capture_on_commit_callbacks(execute=True):
        logged_in(advice.follower).post(
            question.get_absolute_url(), {"body": "Bei uns hilft ein Jugendbeirat."}
        )

    assert recipients() == [advice.asker.email]


def test_an_empty_answer_is_refused_at_the_field(advice):
    question = QuestionFactory(author=advice.asker)

    response = logged_in(advice.colleague).post(question.get_absolute_url(), {"body": "   "})

    assert response.status_code == 200
    assert error_at(response, "body") == REQUIRED
    assert not Answer.objects.exists()


def answer_action(user: User, answer: Answer, action: str) -> HttpResponse:
    return logged_in(user).post(f"/wissen/antworten/{answer.pk}/", {"action": action}, follow=True)


def test_colleagues_mark_an_answer_helpful_but_not_their_own(advice):
    answer = AnswerFactory(question=QuestionFactory(author=advice.asker), author=advice.colleague)

    helpful = answer_action(advice.follower, answer, "helpful")
    again = answer_action(advice.follower, answer, "helpful")
    own = answer_action(advice.colleague, answer, "helpful")

    assert "1 Person findet das hilfreich" in helpful.text
    assert "1 Person findet das hilfreich" in again.text  # counted once
    assert "Ihre eigene Antwort können Sie nicht als hilfreich markieren." in own.text
    assert list(answer.helpful.all()) == [advice.follower]


def test_the_author_of_an_answer_is_offered_no_helpful_button_on_it(advice):
    question = QuestionFactory(author=advice.asker)
    AnswerFactory(question=question, author=advice.colleague, body="Mit Schnuppertagen.")

    own = logged_in(advice.colleague).get(question.get_absolute_url()).text
    other = logged_in(advice.follower).get(question.get_absolute_url()).text

    assert "Hilfreich</span></button>" not in own
    assert "Hilfreich</span></button>" in other


def test_answering_and_accepting_are_confirmed_with_a_message(advice):
    question = QuestionFactory(author=advice.asker)

    answered = logged_in(advice.colleague).post(
        question.get_absolute_url(), {"body": "Mit Schnuppertagen."}, follow=True
    )
    accepted = answer_action(advice.asker, Answer.objects.get(), "accept")
    helpful = answer_action(advice.follower, Answer.objects.get(), "helpful")

    assert "Danke – Ihre Antwort ist veröffentlicht." in answered.text
    assert "Sie haben die Antwort angenommen; die Frage gilt als gelöst." in accepted.text
    assert "Danke – Sie haben die Antwort als hilfreich markiert." in helpful.text


def test_the_question_list_marks_solved_questions(advice, django_assert_max_num_queries):
    solved = QuestionFactory(author=advice.asker, title="Wie finden wir Nachwuchs?")
    AnswerFactory(question=solved, author=advice.colleague, accepted=True)
    open_question = QuestionFactory(author=advice.asker, title="Wer kennt eine Ehrenamtsbörse?")
    AnswerFactory(question=open_question, author=advice.colleague)

    with django_assert_max_num_queries(25):
        page = logged_in(advice.follower).get(QUESTIONS).text

    items = {item.split("</a>")[0].rsplit(">", 1)[-1]: item for item in page.split("<li>")[1:]}
    assert "gelöst" in items["Wie finden wir Nachwuchs?"]
    assert "gelöst" not in items["Wer kennt eine Ehrenamtsbörse?"]


def test_only_the_asker_accepts_an_answer_and_only_one(advice):
    question = QuestionFactory(author=advice.asker)
    first = AnswerFactory(question=question, author=advice.colleague, body="Mit Schnuppertagen.")
    second = AnswerFactory(question=question, author=advice.follower, body="Mit einem Beirat.")

    refused = answer_action(advice.colleague, first, "accept")
    answer_action(advice.asker, first, "accept")
    accepted = answer_action(advice.asker, second, "accept")

    assert "Nur die fragende Person kann eine Antwort annehmen." in refused.text
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.accepted, second.accepted) == (False, True)
    assert accepted.text.count("angenommene Antwort") == 1
    accepted_post = accepted.text.split('<article class="post post--accepted">')[1]
    assert "Mit einem Beirat." in accepted_post.split("</article>")[0]


def test_the_accepted_answer_is_listed_first(advice):
    question = QuestionFactory(author=advice.asker)
    bodies = ["Mit Schnuppertagen.", "Mit einem Jugendbeirat.", "Mit einer Ehrenamtsbörse."]
    answers = [AnswerFactory(question=question, author=advice.colleague, body=b) for b in bodies]

    page = answer_action(advice.asker, answers[2], "accept").text

    # The accepted answer first, then the others as they came in.
    positions = [page.index(body) for body in (bodies[2], bodies[0], bodies[1])]
    assert positions == sorted(positions)


@pytest.mark.parametrize(
    ("role", "status"),
    matrix([302, 403, 403, 302, 302]),
    ids=ROLES,
)
def test_only_members_act_on_answers(request, role, status):
    answer = AnswerFactory()

    response = client_as(role, request).post(
        f"/wissen/antworten/{answer.pk}/", {"action": "helpful"}
    )

    assert response.status_code == status
    assert answer.helpful.exists() is (role in {"member", "office"})


def test_a_member_follows_topics(member):
    youth = TopicFactory(name="Junge Menschen", slug="junge-menschen")
    ageing = TopicFactory(name="Demografischer Wandel", slug="demografie")
    client = logged_in(member)

    response = client.post(FOLLOW, {"topics": [youth.pk, ageing.pk]}, follow=True)
    client.post(FOLLOW, {"topics": [ageing.pk]})

    assert "Sie werden über neue Fragen zu diesen Themen benachrichtigt." in response.text
    assert "Themen, denen ich folge" in response.text
    assert [f.topic for f in TopicFollow.objects.filter(user=member)] == [ageing]
    assert f'value="{ageing.pk}" id="id_topics_0" checked' in client.get(FOLLOW).text


# --- Amtshilfe --------------------------------------------------------------------------------


@dataclass
class Amtshilfe:
    offer: AssistanceOffer
    offering: User
    requester: User


@pytest.fixture
def amtshilfe(member, authority) -> Amtshilfe:
    offer = AssistanceOfferFactory(
        authority=authority, title="Wie wir die Ehrenamtskarte einführten"
    )
    requester = officer_of(AuthorityFactory(name="Bottrop"), "bottrop@kommune.example")
    return Amtshilfe(offer, member, requester)


def test_an_officer_publishes_an_offer(member, authority):
    topic = TopicFactory(name="Ehrenamtskarte", slug="ehrenamtskarte")

    response = logged_in(member).post(
        OFFERS,
        {
            "title": "Partnerbetriebe für die Ehrenamtskarte gewinnen",
            "description": "Unsere Erfahrungen mit 40 Partnerbetrieben.",
            "topics": [topic.pk],
            "contact": "Stabsstelle Ehrenamt",
            "effort": "ein zweistündiges Telefonat",
            "is_active": "on",
        },
        follow=True,
    )

    offer = AssistanceOffer.objects.get()
    assert offer.authority == authority
    assert "Ihr Angebot wurde veröffentlicht." in response.text
    listed = Client().get(OFFERS)
    assert "Partnerbetriebe für die Ehrenamtskarte gewinnen" in listed.text
    assert "Ihre Erfahrung anbieten" not in listed.text  # the form is for officers


def test_another_member_requests_help_and_the_offering_officers_are_mailed(
    amtshilfe, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in(amtshilfe.requester).post(
            amtshilfe.offer.get_absolute_url(),
            {"message": "Wir starten 2026 und suchen Partnerbetriebe."},
            follow=True,
        )

    request = AssistanceRequest.objects.get()
    assert (request.authority.name, request.requested_by) == ("Bottrop", amtshilfe.requester)
    assert request.get_status_display() == "offen"
    assert f"Ihre Anfrage wurde an {amtshilfe.offer.authority.name} gesendet." in response.text
    assert recipients() == [amtshilfe.offering.email]
    notice = mails_to(amtshilfe.offering.email)[0]
    assert notice.subject == "Amtshilfe-Anfrage von Bottrop"
    assert f"/wissen/amtshilfe/anfragen/{request.pk}/" in notice.body


def test_help_from_ones_own_municipality_is_refused(amtshilfe):
    response = logged_in(amtshilfe.offering).post(
        amtshilfe.offer.get_absolute_url(), {"message": "Wir fragen uns selbst."}
    )

    assert response.status_code == 200
    assert "Bei der eigenen Kommune können Sie keine Amtshilfe anfragen." in response.text
    assert not AssistanceRequest.objects.exists()


def test_a_second_open_request_of_the_same_municipality_is_refused(amtshilfe):
    client = logged_in(amtshilfe.requester)
    client.post(amtshilfe.offer.get_absolute_url(), {"message": "Erste Anfrage."})

    response = client.post(amtshilfe.offer.get_absolute_url(), {"message": "Zweite Anfrage."})

    assert "Ihre Kommune hat zu diesem Angebot bereits eine offene Anfrage." in response.text
    assert AssistanceRequest.objects.count() == 1


def test_a_municipality_outside_the_network_cannot_request_help(amtshilfe, outsider):
    response = logged_in(outsider).post(
        amtshilfe.offer.get_absolute_url(), {"message": "Dürfen wir auch fragen?"}
    )

    assert response.status_code in {200, 403}
    assert not AssistanceRequest.objects.exists()


@pytest.mark.parametrize(
    ("decision", "status"), [("accept", "angenommen"), ("decline", "abgelehnt")]
)
def test_the_offering_officer_answers_and_the_requester_is_mailed(
    amtshilfe, django_capture_on_commit_callbacks, decision, status
):
    request = AssistanceRequest.objects.create(
        offer=amtshilfe.offer,
        authority=Authority.objects.get(name="Bottrop"),
        requested_by=amtshilfe.requester,
        message="Wir starten 2026.",
    )
    client = logged_in(amtshilfe.offering)
    form = client.get(f"/wissen/amtshilfe/anfragen/{request.pk}/")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/wissen/amtshilfe/anfragen/{request.pk}/",
            {"decision": decision, "reply": "Melden Sie sich gern bei Frau Schulte."},
            follow=True,
        )
    again = client.post(
        f"/wissen/amtshilfe/anfragen/{request.pk}/", {"decision": "accept", "reply": ""}
    )

    assert "Anfrage von Bottrop" in form.text
    assert "Wir starten 2026." in form.text
    assert "Die anfragende Kommune wird per E-Mail benachrichtigt." in response.text
    request.refresh_from_db()
    assert request.get_status_display() == status
    assert recipients() == [amtshilfe.requester.email]
    answer = mails_to(amtshilfe.requester.email)[0]
    assert answer.subject == (
        f"Ihre Amtshilfe-Anfrage an {amtshilfe.offer.authority.name}: {status}"
    )
    assert "Melden Sie sich gern bei Frau Schulte." in answer.body
    assert "Diese Anfrage wurde bereits beantwortet." in again.text


def test_only_the_offering_municipality_answers_requests(amtshilfe):
    request = AssistanceRequest.objects.create(
        offer=amtshilfe.offer,
        authority=Authority.objects.get(name="Bottrop"),
        requested_by=amtshilfe.requester,
        message="Wir starten 2026.",
    )

    response = logged_in(amtshilfe.requester).post(
        f"/wissen/amtshilfe/anfragen/{request.pk}/", {"decision": "accept", "reply": ""}
    )
    page = logged_in(amtshilfe.requester).get(amtshilfe.offer.get_absolute_url())

    assert response.status_code == 403
    assert "Wir starten 2026." not in page.text  # the list of requests is the offerer's
    request.refresh_from_db()
    assert request.status == AssistanceRequest.Status.OPEN


# --- Query ceilings ---------------------------------------------------------------------------


def fill(count: int, topics: list[Topic]) -> None:
    for n in range(count):
        KnowledgeItemFactory(
            title=f"Ehrenamt im Quartier {n}",
            summary="Ehrenamtliche helfen in der Nachbarschaft.",
            authority=AuthorityFactory(),
            topics=topics,
            visibility=Visibility.MEMBERS if n % 4 == 0 else Visibility.PUBLIC,
        )


def queries_of(client: Client, path: str, params: dict[str, str] | None = None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize("viewer", ["anonymous", "member"])
@pytest.mark.parametrize(
    ("path", "params", "ceiling"),
    [
        (LIST, {}, LIST_QUERIES),
        (LIST, {"kind": "practice", "seite": "2"}, LIST_QUERIES),
        (SEARCH, {"q": "Ehrenamt"}, SEARCH_QUERIES),
        (SEARCH, {"q": "Ehrenamtliche Nachbarschaft", "year": "2024"}, SEARCH_QUERIES + 1),
    ],
    ids=["list", "list-filtered", "search", "search-two-words-filtered"],
)
def test_query_count_does_not_grow_with_rows(
    request, django_assert_max_num_queries, viewer, path, params, ceiling
):
    topics = [TopicFactory(), TopicFactory()]
    client = Client() if viewer == "anonymous" else logged_in(request.getfixturevalue("member"))
    ceiling += LOGGED_IN if viewer == "member" else 0
    ceiling += THROTTLE if viewer == "anonymous" and path == SEARCH else 0
    ceiling += search_planner_queries() if path == SEARCH else 0
    fill(25, topics)
    client.get(path, params)  # the throttle's counter exists from now on, as for any visitor
    few = queries_of(client, path, params)

    fill(50, topics)

    with django_assert_max_num_queries(ceiling):
        response = client.get(path, params)
    assert response.status_code == 200
    assert queries_of(client, path, params) == few
