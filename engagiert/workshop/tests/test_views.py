"""The workshop's pages: the closed cohort space admits its teams, the operator and the office
and nobody else (every URL of it walked), the public call, the application form, the selection,
the topic board, booking, and the space's query ceiling."""

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, reverse

from engagiert.accounts.models import Role, User
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.core.models import OutboundMail
from engagiert.registry.models import Authority
from engagiert.registry.tests.factories import AuthorityFactory
from engagiert.workshop import urls as workshop_urls
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
from engagiert.workshop.tests.factories import (
    CohortApplicationFactory,
    CohortFactory,
    ConsultationSlotFactory,
    ExpertInputFactory,
    PostFactory,
    ResourceFactory,
    SessionFactory,
    ThreadFactory,
    TopicProposalFactory,
    TopicVoteFactory,
    selected_team,
    team_user,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NOT_FOUND = "Diese Seite gibt es nicht"
FORBIDDEN = "Dazu sind Sie nicht berechtigt"
SPACE_NAV = "Themen und Abstimmung"
SLOT_TAKEN = (
    "Dieser Termin wurde gerade von einem anderen Team gebucht; bitte wählen Sie einen anderen."
)


def _text(response: Any) -> str:
    return response.content.decode()


def _person(**grant: Any) -> User:
    user = UserFactory()
    role_grant(user=user, **grant)
    return user


# --- Every URL of the cohort space ----------------------------------------------------------


@dataclass
class Space:
    """Cohort 21 with Ahausen's team and one of each object its URLs name; cohort 20 next to
    it with Cedorf's team."""

    cohort: Cohort
    other: Cohort
    team: User
    people: dict[str, User]
    session: Session
    proposal: TopicProposal
    free_slot: ConsultationSlot
    booked_slot: ConsultationSlot
    thread: Thread
    resource: Resource


@pytest.fixture
def space(db) -> Space:
    cohort = CohortFactory(number=21)
    ahausen = selected_team(cohort, AuthorityFactory(name="Ahausen"))
    team = team_user(ahausen)
    session = SessionFactory(cohort=cohort, number=3, title="Beteiligung gestalten")
    ExpertInputFactory(session=session)
    proposal = TopicProposalFactory(cohort=cohort, title="Freiwilligenagentur aufbauen")
    TopicVoteFactory(proposal=proposal, authority=ahausen.authority)
    free_slot = ConsultationSlotFactory(cohort=cohort)
    booked_slot = ConsultationSlotFactory(
        cohort=cohort, booked_by=ahausen.authority, booked_by_user=team
    )
    thread = ThreadFactory(cohort=cohort, title="Vertraulich: Haushalt", author=team)
    PostFactory(thread=thread, author=team, body="Unser Kämmerer sagt nein.")
    resource = ResourceFactory(cohort=cohort, title="Leitfaden Engagementstrategie", added_by=team)
    resource.file.save("leitfaden.pdf", ContentFile(PDF))
    session.minutes = "Protokoll: Die Teams stellen ihre Ausgangslage vor."
    session.minutes_file.save("protokoll.pdf", ContentFile(PDF))

    other = CohortFactory(number=20)
    SessionFactory(cohort=other, number=1)
    cedorf = selected_team(other, AuthorityFactory(name="Cedorf"))
    people = {
        "volunteer": _person(role=Role.VOLUNTEER),
        "officer_elsewhere": _person(role=Role.OFFICER, authority=AuthorityFactory(name="Bedorf")),
        "team_of_another_cohort": team_user(cedorf),
        "evaluator": _person(role=Role.ORGANISATION, organisation=cohort.evaluator),
        "team": team,
        "operator": _person(role=Role.ORGANISATION, organisation=cohort.operator),
        "office": _person(role=Role.OFFICE),
    }
    return Space(
        cohort, other, team, people, session, proposal, free_slot, booked_slot, thread, resource
    )


def _targets(s: Space) -> dict[str, list[tuple[dict[str, int], dict[str, Any]]]]:
    """Each URL of the space with its kwargs and valid POST data (so that a missing check
    would change something). A URL with an object is also tried under cohort 20's number: the
    object must be looked up within the cohort of the URL."""
    own, other = s.cohort.number, s.other.number

    def both(data: dict[str, Any], **obj: int) -> list[tuple[dict[str, int], dict[str, Any]]]:
        return [({"number": own, **obj}, data), ({"number": other, **obj}, data)]

    return {
        "space": [
            (
                {"number": own},
                {"number": 9, "date": "2026-09-01", "place": "Köln", "title": "Eingeschleust"},
            )
        ],
        "topics": [({"number": own}, {"title": "Eingeschleustes Thema"})],
        "vote": both({}, pk=s.proposal.pk) + both({"withdraw": "1"}, pk=s.proposal.pk),
        "session": both({"proposals": [s.proposal.pk]}, session=s.session.number),
        "slots": [
            (
                {"number": own},
                {
                    "starts_at": "2026-12-01T10:00",
                    "ends_at": "2026-12-01T11:00",
                    "advisor": "Eindringling",
                },
            )
        ],
        "slot_action": both({}, pk=s.free_slot.pk) + both({"cancel": "1"}, pk=s.booked_slot.pk),
        "resources": [
            (
                {"number": own},
                {"title": "Eingeschleust", "url": "https://example.org/x", "tags": "Fremd"},
            )
        ],
        "resource_publish": both({}, pk=s.resource.pk),
        "resource_file": both({}, pk=s.resource.pk),
        "minutes": both({"minutes": "Eingeschleustes Protokoll"}, session=s.session.number),
        "minutes_file": both({}, session=s.session.number),
        "evaluation_export": [({"number": own, "fmt": "csv"}, {})],
        "threads": [({"number": own}, {"title": "Eingeschleust", "body": "Hallo"})],
        "thread": both({"body": "Eingeschleuster Beitrag"}, pk=s.thread.pk),
        "evaluation": [
            (
                {"number": own},
                {
                    "phase": "start",
                    "strategy": "5",
                    "cooperation": "5",
                    "competence": "5",
                    "comment": "Eingeschleust",
                },
            )
        ],
    }


def _space_patterns() -> list[URLPattern]:
    """Every URL of the cohort space (`raum/`) and the evaluation."""
    patterns = [p for p in workshop_urls.urlpatterns if isinstance(p, URLPattern)]
    assert len(patterns) == len(workshop_urls.urlpatterns), "nested includes are not walked"
    return [p for p in patterns if "raum/" in str(p.pattern) or "evaluation/" in str(p.pattern)]


#: Views that accept POST only; a GET is refused with 405 before anything is looked up.
POST_ONLY = {"vote", "slot_action", "resource_publish"}


def _everything() -> dict[str, list[dict[str, Any]]]:
    """All the workshop keeps, as plain values (timestamps included), and the queued mails."""
    models = [
        Cohort,
        CohortApplication,
        TeamMember,
        Session,
        TopicProposal,
        TopicVote,
        ExpertInput,
        ConsultationSlot,
        Resource,
        Thread,
        Post,
        EvaluationResponse,
        OutboundMail,
    ]
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in models}


def test_every_url_of_the_space_is_walked(space):
    names = {pattern.name for pattern in _space_patterns()}
    assert names == {
        "space",
        "topics",
        "vote",
        "session",
        "slots",
        "slot_action",
        "resources",
        "resource_publish",
        "resource_file",
        "minutes",
        "minutes_file",
        "threads",
        "thread",
        "evaluation",
        "evaluation_export",
    }
    targets = _targets(space)
    for pattern in _space_patterns():
        assert pattern.name in targets, f"new URL {pattern.name!r}: add it to _targets()"
        for kwargs, _data in targets[pattern.name]:
            assert set(kwargs) == set(pattern.pattern.converters), pattern.name


OUTSIDERS = ["anonymous", "volunteer", "officer_elsewhere", "team_of_another_cohort", "evaluator"]


def _refusal_missing(role: str, name: str, method: str, url: str, response: Any) -> str:
    """What is wrong with an outsider's answer ("" if it is the expected refusal)."""
    status, seen = response.status_code, f"{method.upper()} {url}"
    if role == "anonymous":
        if status != 302 or response["Location"] != f"/konto/anmelden/?next={url}":
            return f"{seen}: {status}, not the login page"
    elif role == "evaluator" and name == "evaluation":
        if status != 200 or "Ergebnisse (Mittelwerte)" not in _text(response):
            return f"{seen}: {status}, no results for the evaluator"
    elif method == "get" and name in POST_ONLY:
        if status != 405:
            return f"{seen}: {status}"
    elif status != 404 or NOT_FOUND not in _text(response):
        return f"{seen}: {status}, not the German 404 page"
    return ""


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_get_404_on_every_url_of_the_space_and_change_nothing(client, space, role):
    """Anonymous visitors are sent to the login; everyone else outside the cohort gets 404 (the
    evaluator reads the evaluation's results, nothing else), and nothing changes."""
    if role != "anonymous":
        client.force_login(space.people[role])
    before = _everything()
    mail.outbox.clear()
    targets = _targets(space)

    walked, wrong = 0, []
    for pattern in _space_patterns():
        for kwargs, data in targets[pattern.name]:
            url = reverse(f"workshop:{pattern.name}", kwargs=kwargs)
            for method in ("get", "post"):
                response = client.get(url) if method == "get" else client.post(url, data)
                walked += 1
                wrong.append(_refusal_missing(role, str(pattern.name), method, url, response))

    assert [problem for problem in wrong if problem] == []
    assert walked == 2 * sum(len(items) for items in targets.values()) == 54
    assert _everything() == before
    assert mail.outbox == []


#: page: German text on it, per role that enters the space. The evaluation's results are for the
#: evaluating institution and the office (README, permissions.can_see_evaluation): the operator
#: runs the space but gets 404 there.
INSIDERS: dict[str, dict[str, str | int]] = {
    "team": {"evaluation": "Fragebogen für Ihr Team", "minutes": 403, "evaluation_export": 404},
    "operator": {"evaluation": 404, "evaluation_export": 404},
    "office": {"evaluation": "Ergebnisse (Mittelwerte)"},
}
#: Downloads: the cohort's files, and the office's export of the evaluation.
DOWNLOADS = {
    "resource_file": "application/pdf",
    "minutes_file": "application/pdf",
    "evaluation_export": "text/csv; charset=utf-8",
}
PAGE_TEXT = {
    "space": "Workshopreihe",
    "topics": "Freiwilligenagentur aufbauen",
    "session": "Engagementstrategien im Vergleich",
    "minutes": "Protokoll: Die Teams stellen ihre Ausgangslage vor.",
    "slots": "Beratung zwischen den Werkstätten",
    "resources": "Leitfaden Engagementstrategie",
    "threads": "Vertraulich: Haushalt",
    "thread": "Unser Kämmerer sagt nein.",
}


@pytest.mark.parametrize("role", list(INSIDERS))
def test_the_team_the_operator_and_the_office_open_every_page_of_the_space(client, space, role):
    client.force_login(space.people[role])

    for pattern in _space_patterns():
        kwargs = _targets(space)[pattern.name][0][0]
        url = reverse(f"workshop:{pattern.name}", kwargs=kwargs)
        response = client.get(url)
        expected = INSIDERS[role].get(pattern.name, PAGE_TEXT.get(pattern.name, ""))
        if pattern.name in POST_ONLY:
            assert response.status_code == 405, url
        elif expected == 404:
            assert response.status_code == 404, url
            assert NOT_FOUND in _text(response)
        elif expected == 403:
            assert response.status_code == 403, url
            assert FORBIDDEN in _text(response)
        elif pattern.name in DOWNLOADS:
            assert response.status_code == 200, url
            assert response["Content-Type"] == DOWNLOADS[pattern.name], url
            assert response["Content-Disposition"].startswith("attachment"), url
        else:
            assert response.status_code == 200, url
            assert str(expected) in _text(response), url
            if pattern.name != "evaluation" or role == "team":
                assert SPACE_NAV in _text(response), url


@pytest.mark.parametrize("role", ["office", "team"])
def test_the_walks_post_data_changes_the_space_for_those_inside(client, space, role):
    """The refusals above mean something: the same POSTs from inside the cohort are saved."""
    client.force_login(space.people[role])
    targets = _targets(space)
    # The office organises; the team votes, books and answers the questionnaire.
    names = {
        "office": ["space", "topics", "session", "slots", "resources", "threads", "thread"],
        "team": ["topics", "vote", "slot_action", "resources", "threads", "thread", "evaluation"],
    }[role]
    before = _everything()

    for name in names:
        # Ahausen has voted for the proposal already: its withdrawal is what changes.
        kwargs, data = targets[name][2 if name == "vote" else 0]
        response = client.post(reverse(f"workshop:{name}", kwargs=kwargs), data)
        assert response.status_code == 302, name

    after = _everything()
    changed = {model for model in after if after[model] != before[model]}
    assert changed >= {"TopicProposal", "Resource", "Thread", "Post"}
    if role == "office":
        assert {"Session", "ConsultationSlot"} <= changed
        assert space.session.topics.get() == space.proposal
    else:
        assert {"TopicVote", "ConsultationSlot", "EvaluationResponse"} <= changed


def test_the_team_posts_into_its_space(client, space):
    client.force_login(space.team)
    number = space.cohort.number

    answers = [
        client.post(f"/werkstatt/{number}/raum/themen/", {"title": "Engagement junger Menschen"}),
        client.post(
            f"/werkstatt/{number}/raum/diskussion/{space.thread.pk}/", {"body": "Bei uns auch."}
        ),
        client.post(f"/werkstatt/{number}/raum/termine/{space.free_slot.pk}/", {}),
        client.post(
            f"/werkstatt/{number}/evaluation/",
            {"phase": "start", "strategy": "2", "cooperation": "4", "competence": "3"},
        ),
    ]

    assert [answer.status_code for answer in answers] == [302] * 4
    assert TopicProposal.objects.get(title="Engagement junger Menschen").authority.name == "Ahausen"
    assert space.thread.posts.last().body == "Bei uns auch."
    space.free_slot.refresh_from_db()
    assert space.free_slot.booked_by.name == "Ahausen"
    assert EvaluationResponse.objects.get().authority.name == "Ahausen"


# --- Public pages ---------------------------------------------------------------------------

OPEN_DEADLINE = datetime.datetime(2099, 6, 15, 10, 0, tzinfo=datetime.UTC)  # 12:00 in Berlin


@pytest.fixture
def call(db):
    """Cohort 3 (2019–2020) is over: Ahausen and Bedorf took part, Cedorf was not selected.
    Cohort 7 is open for applications."""
    past = CohortFactory(
        number=3,
        starts_on=datetime.date(2019, 3, 1),
        ends_on=datetime.date(2020, 9, 30),
        application_deadline=datetime.datetime(2018, 12, 14, 11, 0, tzinfo=datetime.UTC),
        finished_at=datetime.datetime(2020, 10, 1, tzinfo=datetime.UTC),
        operator__name="Institut für Engagementförderung Münster",
        evaluator__name="Hochschule Niederrhein",
    )
    for name, status in [("Ahausen", "selected"), ("Bedorf", "selected"), ("Cedorf", "declined")]:
        CohortApplicationFactory(cohort=past, authority=AuthorityFactory(name=name), status=status)
    open_call = CohortFactory(
        number=7, application_deadline=OPEN_DEADLINE, max_sites=2, call_text="Jetzt bewerben!"
    )
    return past, open_call


def test_public_list_shows_past_cohorts_with_their_municipalities_and_the_open_call(client, call):
    response = client.get("/werkstatt/")

    assert response.status_code == 200
    text = _text(response)
    assert "Entwicklungswerkstatt für kommunale Engagementstrategien" in text
    assert "Durchgang 3" in text
    assert "Durchgang 7" in text
    assert "2019–2020 · Institut für Engagementförderung Münster" in text
    assert ">Ahausen</a>, <a" in text
    assert ">Bedorf</a>" in text
    assert "Cedorf" not in text
    assert "Ausschreibung offen" in text
    assert "Bewerbungen bis 15. Juni 2099, 12:00 Uhr" in text
    assert text.count("Ausschreibung offen") == 1
    assert text.index("Durchgang 7") < text.index("Durchgang 3")


def test_public_detail_of_a_past_cohort_names_its_municipalities(client, call, officer):
    client.force_login(officer)
    response = client.get("/werkstatt/3/")

    text = _text(response)
    assert response.status_code == 200
    assert "Durchgang 3: Zukunftsfaktor Bürgerengagement – Entwicklungswerkstatt" in text
    assert "Institut für Engagementförderung Münster" in text
    assert "Hochschule Niederrhein" in text
    assert "Teilnehmende Kommunen" in text
    assert "Ahausen" in text
    assert "Bedorf" in text
    assert "Cedorf" not in text
    assert "14. Dezember 2018, 12:00 Uhr (abgelaufen)" in text
    assert "Bewerben" not in text
    assert "Zum Durchgangsraum" not in text


def test_public_detail_of_the_open_call_shows_the_deadline_and_lets_officers_apply(
    client, call, officer
):
    anonymous = _text(client.get("/werkstatt/7/"))
    client.force_login(officer)
    as_officer = _text(client.get("/werkstatt/7/"))

    for text in (anonymous, as_officer):
        assert "Bewerbungen bis" in text
        assert "15. Juni 2099, 12:00 Uhr" in text
        assert "Jetzt bewerben!" in text
        assert "bis zu 2 Standorte" in text
    assert "/werkstatt/7/bewerbung/" not in anonymous
    assert 'href="/werkstatt/7/bewerbung/"><span class="kern-label">Bewerben</span>' in as_officer


def test_an_unknown_cohort_is_404(client, call):
    response = client.get("/werkstatt/99/")

    assert response.status_code == 404
    assert NOT_FOUND in _text(response)


# --- The application form -------------------------------------------------------------------

VALID_APPLICATION = {
    "motivation": "Wir wollen Engagement strategisch fördern.",
    "goals": "Eine Engagementstrategie bis Ende nächsten Jahres.",
    "existing": "Koordination Ehrenamt, Runder Tisch.",
    "member_1_name": "Hannah Westhues",
    "member_1_function": "Koordination Ehrenamt",
    "member_1_email": "hannah.westhues@ahausen.example",
    "member_2_name": "Jan Bröker",
    "member_2_function": "Sozialplanung",
    "member_2_email": "jan.broeker@ahausen.example",
}


def test_application_form_shows_german_errors_at_the_fields_and_keeps_the_input(
    client, call, authority, officer
):
    client.force_login(officer)
    data = {
        **VALID_APPLICATION,
        "authority": authority.ags,
        "goals": "",
        "member_2_email": "jan.broeker-at-ahausen",
    }

    response = client.post("/werkstatt/7/bewerbung/", data)

    assert response.status_code == 200
    text = _text(response)
    assert "Für Durchgang 7 bewerben" in text
    assert 'id="id_goals_error"' in text
    assert "Dieses Feld ist zwingend erforderlich." in text
    assert 'id="id_member_2_email_error"' in text
    assert "Bitte gültige E-Mail-Adresse eingeben." in text
    assert 'value="jan.broeker-at-ahausen"' in text
    assert 'value="Jan Bröker"' in text
    assert "Wir wollen Engagement strategisch fördern.</textarea>" in text
    assert not CohortApplication.objects.filter(cohort__number=7).exists()


def test_application_form_saves_and_can_be_changed_until_the_deadline(
    client, call, authority, officer
):
    client.force_login(officer)

    saved = client.post(
        "/werkstatt/7/bewerbung/", {**VALID_APPLICATION, "authority": authority.ags}, follow=True
    )

    assert saved.redirect_chain == [("/werkstatt/7/", 302)]
    text = _text(saved)
    assert "Ihre Bewerbung ist gespeichert. Sie können sie bis zum Ende der" in text
    assert f"Bewerbung von {authority.name}: eingereicht" in text
    assert "Unsere Bewerbung ändern" in text
    form = _text(client.get("/werkstatt/7/bewerbung/"))
    assert 'value="jan.broeker@ahausen.example"' in form

    Cohort.objects.filter(number=7).update(
        application_deadline=datetime.datetime(2025, 6, 30, 21, 59, tzinfo=datetime.UTC)
    )
    late = client.post(
        "/werkstatt/7/bewerbung/",
        {**VALID_APPLICATION, "authority": authority.ags, "goals": "Zu spät geändert."},
    )

    assert late.status_code == 200
    assert (
        "Die Bewerbungsfrist endete am 30.06.2025, 23:59; Bewerbungen sind nicht mehr möglich."
        in _text(late)
    )
    assert CohortApplication.objects.get(cohort__number=7).goals == VALID_APPLICATION["goals"]


def test_only_engagement_officers_apply(client, call):
    client.force_login(_person(role=Role.VOLUNTEER))

    response = client.get("/werkstatt/7/bewerbung/")

    assert response.status_code == 403
    assert "Nur die Engagementverantwortlichen einer Kommune können sich bewerben." in _text(
        response
    )


# --- Selection ------------------------------------------------------------------------------


@pytest.fixture
def applications(call):
    """Three applications for cohort 7's two places, from two Regierungsbezirke."""
    cologne = AuthorityFactory(ags="053", name="Köln", kind=Authority.Kind.REGION)
    muenster = AuthorityFactory(ags="055", name="Münster", kind=Authority.Kind.REGION)
    kinds = [
        ("Ahausen", Authority.Kind.INDEPENDENT_CITY, cologne),
        ("Bedorf", Authority.Kind.MUNICIPALITY, cologne),
        ("Cedorf", Authority.Kind.TOWN, muenster),
    ]
    return [
        CohortApplicationFactory(
            cohort=call[1], authority=AuthorityFactory(name=name, kind=kind, region=region)
        )
        for name, kind, region in kinds
    ]


def test_selection_page_shows_the_spread_by_regierungsbezirk_and_kind(
    client, applications, office_user, django_capture_on_commit_callbacks
):
    client.force_login(office_user)

    text = _text(client.get("/werkstatt/7/auswahl/"))

    assert "3 Bewerbungen für bis zu 2 Standorte" in text
    assert "Verteilung aller Bewerbungen" in text
    assert "Köln: 2 · Münster: 1" in text
    assert "Gemeinde: 1 · Kreisfreie Stadt: 1 · Stadt (kreisangehörig): 1" in text

    too_many = client.post("/werkstatt/7/auswahl/", {"selected": [a.pk for a in applications]})
    assert "An diesem Durchgang können höchstens 2 Standorte teilnehmen." in _text(too_many)
    assert not CohortApplication.objects.filter(cohort__number=7, status="selected").exists()

    chosen = [applications[0].pk, applications[2].pk]
    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post("/werkstatt/7/auswahl/", {"selected": chosen}, follow=True)

    text = _text(saved)
    assert "Die Auswahl ist gespeichert" in text
    selected = text[text.index("Verteilung der ausgewählten Standorte") :]
    assert "Köln: 1 · Münster: 1" in selected
    assert "Kreisfreie Stadt: 1 · Stadt (kreisangehörig): 1" in selected
    assert len(mail.outbox) == 5  # two teams of two, one declined applicant


def test_only_the_office_selects(client, applications, officer):
    client.force_login(officer)

    response = client.post("/werkstatt/7/auswahl/", {"selected": [applications[0].pk]})

    assert response.status_code == 403
    assert "Die Standorte wählt das Netzwerkbüro aus." in _text(response)
    assert not CohortApplication.objects.filter(cohort__number=7, status="selected").exists()


# --- Topic board and booking ----------------------------------------------------------------


@pytest.fixture
def board(db):
    """Cohort 21 with three teams; »Freiwilligenagentur aufbauen« has two votes, »Engagement
    junger Menschen« Ahausen's one, »Ehrenamtskarte« none."""
    cohort = CohortFactory(number=21, votes_per_team=3)
    teams = [selected_team(cohort, AuthorityFactory(name=n)) for n in ("Ahausen", "Bedorf", "Ce")]
    ehrenamtskarte = TopicProposalFactory(cohort=cohort, title="Ehrenamtskarte")
    agentur = TopicProposalFactory(
        cohort=cohort, title="Freiwilligenagentur aufbauen", authority=teams[1].authority
    )
    jung = TopicProposalFactory(cohort=cohort, title="Engagement junger Menschen")
    TopicVoteFactory(proposal=agentur, authority=teams[1].authority)
    TopicVoteFactory(proposal=agentur, authority=teams[2].authority)
    TopicVoteFactory(proposal=jung, authority=teams[0].authority)
    return cohort, teams, {"karte": ehrenamtskarte, "agentur": agentur, "jung": jung}


def test_topic_board_orders_by_votes_and_shows_the_teams_votes(client, board):
    _cohort, teams, _topics = board
    client.force_login(team_user(teams[0]))

    text = _text(client.get("/werkstatt/21/raum/themen/"))

    assert "Ihr Team hat 1 von 3 Stimmen vergeben." in text
    order = [
        text.index("<strong>Freiwilligenagentur aufbauen</strong> – 2 Stimmen"),
        text.index("<strong>Engagement junger Menschen</strong> – 1 Stimme"),
        text.index("<strong>Ehrenamtskarte</strong> – 0 Stimmen"),
    ]
    assert order == sorted(order)
    assert "vorgeschlagen von Bedorf" in text
    assert text.count("Stimme zurückziehen") == 1
    assert text.count("Dafür stimmen") == 2


def test_voting_through_the_board(client, board):
    _cohort, teams, topics = board
    client.force_login(team_user(teams[0]))
    url = "/werkstatt/21/raum/themen/{}/stimme/"

    cast = client.post(url.format(topics["karte"].pk), follow=True)
    twice = client.post(url.format(topics["karte"].pk), follow=True)

    assert cast.redirect_chain == [("/werkstatt/21/raum/themen/", 302)]
    assert "Ihr Team hat 2 von 3 Stimmen vergeben." in _text(cast)
    assert "Ihr Team hat für dieses Thema bereits gestimmt." in _text(twice)
    client.post(url.format(topics["agentur"].pk))
    used_up = _text(client.post(url.format(topics["jung"].pk), {"withdraw": "1"}, follow=True))
    assert "Ihr Team hat 2 von 3 Stimmen vergeben." in used_up
    assert set(
        TopicVote.objects.filter(authority=teams[0].authority).values_list(
            "proposal__title", flat=True
        )
    ) == {"Ehrenamtskarte", "Freiwilligenagentur aufbauen"}


def test_operators_do_not_vote(client, board):
    cohort, _teams, topics = board
    client.force_login(_person(role=Role.ORGANISATION, organisation=cohort.operator))

    response = client.post(f"/werkstatt/21/raum/themen/{topics['karte'].pk}/stimme/")

    assert response.status_code == 403
    assert "Nur Entwicklungsteams können abstimmen." in _text(response)
    assert not TopicVote.objects.filter(proposal=topics["karte"]).exists()


def test_booking_and_cancelling_through_the_view(client, board):
    cohort, teams, _topics = board
    slot = ConsultationSlotFactory(cohort=cohort, advisor="Dr. Petra Weber")
    url = f"/werkstatt/21/raum/termine/{slot.pk}/"
    ahausen, bedorf = team_user(teams[0]), team_user(teams[1])
    client.force_login(bedorf)
    assert "Buchen" in _text(client.get("/werkstatt/21/raum/termine/"))

    client.force_login(ahausen)
    booked = client.post(url, follow=True)

    assert booked.redirect_chain == [("/werkstatt/21/raum/termine/", 302)]
    assert "Der Termin ist für Ihr Team gebucht." in _text(booked)
    slot.refresh_from_db()
    assert (slot.booked_by, slot.booked_by_user) == (teams[0].authority, ahausen)

    client.force_login(bedorf)
    taken = client.post(url, follow=True)
    cancel_foreign = client.post(url, {"cancel": "1"})

    assert SLOT_TAKEN in _text(taken)
    assert cancel_foreign.status_code == 403
    slot.refresh_from_db()
    assert slot.booked_by == teams[0].authority

    client.force_login(ahausen)
    freed = client.post(url, {"cancel": "1"}, follow=True)

    assert "Der Termin ist wieder frei." in _text(freed)
    slot.refresh_from_db()
    assert slot.booked_by is None


# --- Query ceiling of the space's pages -----------------------------------------------------

SPACE_PAGES = ["", "themen/", "termine/", "lernquellen/", "diskussion/", "diskussion/{thread}/"]
#: The most queries any of the pages above needs, as a team member.
SPACE_QUERIES = 12


def _busy_cohort(number: int, team_count: int) -> tuple[User, Thread]:
    """A cohort with `team_count` teams, each proposing, voting and booking; three workshops
    with inputs and adopted topics; 30 resources and a thread of 50 posts by the members."""
    cohort = CohortFactory(number=number)
    teams = [selected_team(cohort) for _ in range(team_count)]
    members = [member.user for team in teams for member in team.team.all()]
    for n in range(1, 4):
        session = SessionFactory(cohort=cohort, number=n)
        ExpertInputFactory.create_batch(2, session=session)
        TopicProposalFactory(cohort=cohort, adopted_for=session)
    for team in teams:
        proposal = TopicProposalFactory(cohort=cohort, authority=team.authority)
        TopicVoteFactory(proposal=proposal, authority=team.authority)
        ConsultationSlotFactory(cohort=cohort, booked_by=team.authority)
        ConsultationSlotFactory(cohort=cohort)
    for n in range(30):
        ResourceFactory(cohort=cohort, added_by=members[n % len(members)])
    thread = ThreadFactory(cohort=cohort, author=members[0])
    for n in range(50):
        PostFactory(thread=thread, author=members[n % len(members)])
    for team in teams:
        PostFactory(thread=ThreadFactory(cohort=cohort, author=team_user(team)))
    return members[0], thread


@pytest.mark.parametrize("page", SPACE_PAGES)
def test_space_pages_run_the_same_queries_for_2_and_10_teams(
    client, django_assert_max_num_queries, page
):
    counted = []
    for number, team_count in ((31, 2), (32, 10)):
        member, thread = _busy_cohort(number, team_count)
        client.force_login(member)
        url = f"/werkstatt/{number}/raum/{page.format(thread=thread.pk)}"
        with (
            django_assert_max_num_queries(SPACE_QUERIES),
            CaptureQueriesContext(connection) as queries,
        ):
            response = client.get(url)
        assert response.status_code == 200
        assert SPACE_NAV in _text(response)
        counted.append(len(queries))

    assert counted[0] == counted[1]
    if page == "lernquellen/":
        assert _text(response).count('class="kern-badge kern-badge--info') == 60
    if page.startswith("diskussion/{"):
        assert _text(response).count('<article class="post">') == 50
