"""Who may do what in the network: an officer of A never reaches B, the role matrix of the
network's pages, and who sees members-only contact details."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, reverse

from engagiert.accounts.models import Role, User
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.core.models import AuditEntry
from engagiert.membership import urls as membership_urls
from engagiert.membership.models import (
    Application,
    ApplicationEvent,
    ContactPerson,
    Leader,
    Membership,
    Profile,
    Signature,
    StrategyDocument,
)
from engagiert.membership.tests.factories import (
    ApplicationFactory,
    ContactPersonFactory,
    LeaderFactory,
    MembershipFactory,
    ProfileFactory,
    SignatureFactory,
)
from engagiert.registry.models import Authority
from engagiert.registry.tests.factories import AuthorityFactory, OrganisationFactory, TopicFactory

PDF = b"%PDF-1.4\n% Strategie\n"
FORBIDDEN = "Dazu sind Sie nicht berechtigt"
NOT_FOUND = "Diese Seite gibt es nicht"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _document(authority: Authority, *, title: str, is_public: bool) -> StrategyDocument:
    document = StrategyDocument(
        profile=ProfileFactory(authority=authority), title=title, is_public=is_public, size=len(PDF)
    )
    document.file.save("strategie.pdf", ContentFile(PDF), save=False)
    document.save()
    return document


def _user_in_role(role: str, authority_a: Authority, authority_b: Authority) -> User | None:
    """A person holding exactly one role (None: not logged in)."""
    if role == "anonymous":
        return None
    grants: dict[str, dict[str, Any]] = {
        "office": {"role": Role.OFFICE},
        "officer_a": {"role": Role.OFFICER, "authority": authority_a},
        "officer_b": {"role": Role.OFFICER, "authority": authority_b},
        "development_team_a": {"role": Role.DEVELOPMENT_TEAM, "authority": authority_a},
        "leader_a": {"role": Role.LEADER, "authority": authority_a},
        "organisation_member": {"role": Role.ORGANISATION, "organisation": OrganisationFactory()},
        "volunteer": {"role": Role.VOLUNTEER},
        "benefit_partner": {"role": Role.BENEFIT_PARTNER, "organisation": OrganisationFactory()},
    }
    user = UserFactory()
    role_grant(user=user, **grants[role])
    return user


# --- An officer of A on every URL of B ------------------------------------------------------


@dataclass
class B:
    """Authority B and one of each of its objects, as the URLs name them."""

    authority: Authority
    contact: ContactPerson
    leader: Leader
    document: StrategyDocument
    application: Application


def _authority_b(state: str) -> B:
    """B with a profile, contacts, a leader, documents and an application that is still open.

    »member«: B is a member (admitted earlier), so a leaked »leave« would end its membership;
    »applicant«: B waits for an answer to the office's question, so a leaked answer or withdrawal
    would change the application.
    """
    authority = AuthorityFactory(name="Bedorf")
    topic = TopicFactory(name="Demografischer Wandel", slug="demografie")
    ProfileFactory(authority=authority, has_round_table=True, topics=[topic])
    contact = ContactPersonFactory(authority=authority, name="Berta Bedorf", public_fields=["name"])
    ContactPersonFactory(authority=authority, name="Bodo Bedorf", is_primary=False)
    leader = LeaderFactory(authority=authority, name="Bürgermeisterin Bedorf")
    document = _document(authority, title="Strategie Bedorf intern", is_public=False)
    _document(authority, title="Strategie Bedorf", is_public=True)
    if state == "member":
        admitted = ApplicationFactory(
            authority=authority, contact_person=contact, status=Application.Status.ADMITTED
        )
        MembershipFactory(
            authority=authority, since=datetime.date(2019, 5, 1), application=admitted
        )
        SignatureFactory(authority=authority)
        application = admitted
    else:
        application = ApplicationFactory(
            authority=authority, contact_person=contact, status=Application.Status.INFO_REQUESTED
        )
    return B(authority, contact, leader, document, application)


def _everything_of(authority: Authority) -> dict[str, object]:
    """All that B keeps in the network, as plain values (timestamps included)."""
    return {
        "authority": list(Authority.objects.filter(pk=authority.pk).values()),
        "profile": list(Profile.objects.filter(authority=authority).values()),
        "topics": sorted(
            Profile.topics.through.objects.filter(profile_id=authority.pk).values_list(
                "topic_id", flat=True
            )
        ),
        "contacts": list(ContactPerson.objects.filter(authority=authority).order_by("pk").values()),
        "leaders": list(Leader.objects.filter(authority=authority).order_by("pk").values()),
        "documents": list(
            StrategyDocument.objects.filter(profile__authority=authority).order_by("pk").values()
        ),
        "applications": list(
            Application.objects.filter(authority=authority).order_by("pk").values()
        ),
        "events": list(
            ApplicationEvent.objects.filter(application__authority=authority)
            .order_by("pk")
            .values()
        ),
        "memberships": list(Membership.objects.filter(authority=authority).order_by("pk").values()),
        "signatures": list(Signature.objects.filter(authority=authority).order_by("pk").values()),
        "audit": AuditEntry.objects.filter(scope=f"authority:{authority.ags}").count(),
    }


def _targets(a: Authority, b: B) -> dict[str, list[dict[str, Any]]]:
    """How to fill each URL's kwargs so that it points at B or at an object of B.

    A URL with an authority and an object is tried with B's key and with A's own key: A's
    officer may edit A, so the object itself must be looked up within A.
    """

    def both(**obj: Any) -> list[dict[str, Any]]:
        return [{"ags": b.authority.ags, **obj}, {"ags": a.ags, **obj}]

    only_b = [{"ags": b.authority.ags}]
    return {
        "application_detail": [{"pk": b.application.pk}],
        "application_withdraw": [{"pk": b.application.pk}],
        "profile_edit": only_b,
        "profile_history": only_b,
        "contact_create": only_b,
        "contact_edit": both(pk=b.contact.pk),
        "contact_invite": both(pk=b.contact.pk),
        "leader_create": only_b,
        "leader_edit": both(pk=b.leader.pk),
        "object_delete": [
            *both(kind="kontakt", pk=b.contact.pk),
            *both(kind="leitung", pk=b.leader.pk),
            *both(kind="dokument", pk=b.document.pk),
        ],
        "document_upload": only_b,
        "document_download": both(pk=b.document.pk),
        "application_create": only_b,
        "application_list_own": only_b,
        "membership_end": only_b,
        # Only the contact person themselves agrees to their details being public.
        "contact_consent": [{"pk": b.contact.pk}],
    }


#: Pages about the whole network, not about one authority (checked by the role matrix).
NETWORK_WIDE = {
    "directory",
    "directory_export",
    "declaration",
    "partners",
    "application_queue",
    "join",
}
#: The office's pages on the declaration's versions, signing waves and partner institutions:
#: their objects belong to no authority (the role matrix and test_network_office check that
#: only the office enters).
NETWORK_OFFICE = {
    "declaration_publish",
    "wave_create",
    "wave_detail",
    "wave_edit",
    "signature_remove",
    "partnership_create",
    "partnership_edit",
    "partnership_end",
}
#: Views that accept POST only; a GET is refused with 405 before anything is looked up.
POST_ONLY = {"object_delete", "application_withdraw", "contact_consent"}


def _post_data(name: str, b: B) -> dict[str, Any]:
    """Valid input for each form, so that a missing permission check would change B."""
    person = {
        "name": "Eindringling",
        "function": "Übernahme",
        "phone": "0211 999999",
        "email": "eindringling@ahausen.example",
        "public_fields": ["name", "phone"],
    }
    data: dict[str, dict[str, Any]] = {
        "profile_edit": {
            "has_staff_unit": "on",
            "volunteer_card": "planned",
            "strategy": "Von Ahausen überschrieben.",
        },
        "contact_create": person,
        "contact_edit": person,
        "leader_create": {"name": "Eindringling", "office": Leader.Office.ALDERMAN},
        "leader_edit": {"name": "Eindringling", "office": Leader.Office.ALDERMAN},
        "document_upload": {
            "title": "Fremdes Dokument",
            "is_public": "on",
            "file": SimpleUploadedFile("x.pdf", PDF, "application/pdf"),
        },
        "application_create": {
            "contact_person": b.contact.pk,
            "volunteer_card": "participating",
            "cross_cutting": "Querschnittsaufgabe in allen Dezernaten.",
            "accepts_declaration": "on",
        },
        "application_detail": {"message": "Antwort aus Ahausen", "decision": "decline"},
        "membership_end": {"reason": "Von Ahausen beendet."},
        "contact_invite": {"role": "officer"},
    }
    return data.get(name, {})


def _patterns() -> list[URLPattern]:
    patterns = [p for p in membership_urls.urlpatterns if isinstance(p, URLPattern)]
    assert len(patterns) == len(membership_urls.urlpatterns), "nested includes are not walked"
    return patterns


def test_every_url_of_the_network_is_either_walked_or_network_wide():
    a = AuthorityFactory(name="Ahausen")
    targets = _targets(a, _authority_b("member"))
    for pattern in _patterns():
        converters = set(pattern.pattern.converters)
        if pattern.name in NETWORK_WIDE:
            assert not converters & {"ags", "pk"}, f"{pattern.name} names an authority or object"
        elif pattern.name in NETWORK_OFFICE:
            assert "ags" not in converters, f"{pattern.name} names an authority"
        else:
            assert pattern.name in targets, f"new URL {pattern.name!r}: add it to _targets()"
            for kwargs in targets[pattern.name]:
                assert set(kwargs) == converters, pattern.name


@pytest.mark.parametrize("state", ["member", "applicant"])
def test_officer_of_a_gets_403_or_404_on_every_url_of_b(client, state):
    a = AuthorityFactory(name="Ahausen")
    ProfileFactory(authority=a)
    officer_a = _user_in_role("officer_a", a, a)
    b = _authority_b(state)
    client.force_login(officer_a)
    assert client.get(reverse("membership:profile_edit", args=[a.ags])).status_code == 200
    before = _everything_of(b.authority)
    files_before = _files_of(b)
    targets = _targets(a, b)
    mail.outbox.clear()

    walked, wrong = 0, []
    for pattern in _patterns():
        if pattern.name in NETWORK_WIDE | NETWORK_OFFICE:
            continue
        if pattern.name not in targets:  # pragma: no cover - the test above names it
            pytest.fail(f"URL {pattern.name!r} is not mapped; add it to _targets()")
        for kwargs in targets[pattern.name]:
            url = reverse(f"membership:{pattern.name}", kwargs=kwargs)
            for method in ("get", "post"):
                if method == "get":
                    response = client.get(url)
                else:
                    response = client.post(url, _post_data(pattern.name, b))
                walked += 1
                allowed = {403, 404} | (
                    {405} if method == "get" and pattern.name in POST_ONLY else set()
                )
                status = response.status_code
                if status not in allowed:  # a served PDF has no .content: never read it here
                    wrong.append(f"{method.upper()} {url} ({pattern.name}): {status}")
                    continue
                text = response.content.decode()
                if status == 403 and FORBIDDEN not in text:
                    wrong.append(f"{method.upper()} {url}: 403 without the German explanation")
                elif status == 404 and NOT_FOUND not in text:
                    wrong.append(f"{method.upper()} {url}: 404 without the German page")

    assert wrong == []
    assert walked >= 2 * (len(_patterns()) - len(NETWORK_WIDE) - len(NETWORK_OFFICE))
    assert _everything_of(b.authority) == before
    assert _files_of(b) == files_before
    assert mail.outbox == []


def _files_of(b: B) -> list[str]:
    """The stored strategy files of B."""
    return sorted(path.name for path in Path(b.document.file.path).parent.iterdir())


# --- The role matrix ------------------------------------------------------------------------


@dataclass
class Network:
    a: Authority
    b: Authority
    application: Application
    document: StrategyDocument


@pytest.fixture
def network(db):
    """A is a member (admitted by application) with a members-only strategy; B is not."""
    a = AuthorityFactory(name="Ahausen")
    b = AuthorityFactory(name="Bedorf")
    ProfileFactory(authority=a, topics=[TopicFactory(name="Junge Menschen", slug="jugend")])
    application = ApplicationFactory(authority=a, status=Application.Status.ADMITTED)
    MembershipFactory(authority=a, since=datetime.date(2018, 3, 1), application=application)
    document = _document(a, title="Interne Strategie Ahausen", is_public=False)
    return Network(a, b, application, document)


ROLES = [
    "anonymous",
    "office",
    "officer_a",
    "officer_b",
    "development_team_a",
    "leader_a",
    "organisation_member",
    "volunteer",
    "benefit_partner",
]
LOGIN = "login"

#: page: (URL of the page, German text on it when allowed, expected status per role in ROLES)
MATRIX: dict[str, tuple[Callable[[Network], str], str, tuple[object, ...]]] = {
    "profile_edit": (
        lambda n: reverse("membership:profile_edit", args=[n.a.ags]),
        "Engagementstrukturen und -strategie",
        (LOGIN, 200, 200, 403, 403, 403, 403, 403, 403),
    ),
    # Only the authority's own officer applies; the office reviews and does not apply itself.
    "application_create": (
        lambda n: reverse("membership:application_create", args=[n.a.ags]),
        "Mitgliedschaft beantragen",
        (LOGIN, 403, 200, 403, 403, 403, 403, 403, 403),
    ),
    "application_queue": (
        lambda n: reverse("membership:application_queue"),
        "Mitgliedsanträge",
        (LOGIN, 200, 403, 403, 403, 403, 403, 403, 403),
    ),
    "application_detail": (
        lambda n: reverse("membership:application_detail", args=[n.application.pk]),
        "Mitglied seit 01.03.2018.",
        (LOGIN, 200, 200, 404, 404, 404, 404, 404, 404),
    ),
    "export_csv": (
        lambda n: reverse("membership:directory_export", args=["csv"]),
        "Ahausen",
        (LOGIN, 200, 403, 403, 403, 403, 403, 403, 403),
    ),
    # Members-only: the office, A's own officer, and anyone acting for a member authority.
    "document_members_only": (
        lambda n: reverse("membership:document_download", args=[n.a.ags, n.document.pk]),
        "",
        (404, 200, 200, 404, 200, 200, 404, 404, 404),
    ),
    "membership_end": (
        lambda n: reverse("membership:membership_end", args=[n.a.ags]),
        "Grund für den Austritt",
        (LOGIN, 200, 200, 403, 403, 403, 403, 403, 403),
    ),
}


@pytest.mark.parametrize(
    ("page", "role", "expected"),
    [(page, role, row[2][i]) for page, row in MATRIX.items() for i, role in enumerate(ROLES)],
)
def test_network_pages_permission_matrix(client, network, page, role, expected):
    url_of, german, _statuses = MATRIX[page]
    user = _user_in_role(role, network.a, network.b)
    if user is not None:
        client.force_login(user)
    url = url_of(network)

    response = client.get(url)

    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"] == f"/konto/anmelden/?next={url}"
    elif expected == 200:
        assert response.status_code == 200
        if page == "document_members_only":
            assert response["Content-Type"] == "application/pdf"
            assert b"".join(response.streaming_content) == PDF
        else:
            assert german in response.content.decode("utf-8-sig")
    elif expected == 403:
        assert response.status_code == 403
        assert FORBIDDEN in response.content.decode()
    else:
        assert response.status_code == 404
        assert NOT_FOUND in response.content.decode()


# --- Members-only contact details -----------------------------------------------------------


PHONE = "0221 4711-0815"


@pytest.mark.parametrize(
    ("viewer", "sees_phone"),
    [
        ("anonymous", False),
        ("office", True),
        ("officer_of_a", True),
        ("officer_of_another_member", True),
        ("development_team_of_another_member", True),
        ("officer_of_a_non_member", False),
        ("volunteer", False),
    ],
)
def test_members_only_contact_details_on_the_authority_page(client, viewer, sees_phone):
    a = AuthorityFactory(name="Ahausen")
    MembershipFactory(authority=a)
    ContactPersonFactory(
        authority=a,
        name="Anna Ahausen",
        phone=PHONE,
        email="anna@ahausen.example",
        public_fields=["name"],
    )
    other_member = AuthorityFactory(name="Cestadt")
    MembershipFactory(authority=other_member)
    non_member = AuthorityFactory(name="Dedorf")
    grants: dict[str, dict[str, Any]] = {
        "office": {"role": Role.OFFICE},
        "officer_of_a": {"role": Role.OFFICER, "authority": a},
        "officer_of_another_member": {"role": Role.OFFICER, "authority": other_member},
        "development_team_of_another_member": {
            "role": Role.DEVELOPMENT_TEAM,
            "authority": other_member,
        },
        "officer_of_a_non_member": {"role": Role.OFFICER, "authority": non_member},
        "volunteer": {"role": Role.VOLUNTEER},
    }
    if viewer in grants:
        user = UserFactory()
        role_grant(user=user, **grants[viewer])
        client.force_login(user)

    text = client.get(f"/kommunen/{a.ags}/").content.decode()

    assert "Anna Ahausen" in text  # the name is public
    assert "Koordination Bürgerschaftliches Engagement" in text  # the function always is
    assert (PHONE in text) is sees_phone
    assert ("anna@ahausen.example" in text) is sees_phone
    hint = "Einige Kontaktdaten sehen nur Mitglieder des Netzwerks."
    assert (hint in text) is not sees_phone
