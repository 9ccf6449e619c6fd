"""The pages of spontaneous help in shifts: public sign-up, organisers' role matrix, e-mail
privacy, the evidence download, constant query counts."""

import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.core.testing import form_as_posted
from engagiert.opportunities.models import Action, Shift, ShiftSignup

from .shift_factories import (
    ActionFactory,
    ProviderFactory,
    ShiftFactory,
    SignupFactory,
    TaskFactory,
    at,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def member_of(provider) -> Client:
    user = UserFactory()
    role_grant(user=user, role=Role.ORGANISATION, organisation=provider.organisation)
    client = Client()
    client.force_login(user)
    return client


def logged_in(role: Role, **where) -> Client:
    user = UserFactory()
    role_grant(user=user, role=role, **where)
    client = Client()
    client.force_login(user)
    return client


def test_sign_up_confirm_and_cancel_by_the_personal_link(client):
    shift = ShiftFactory(needed=2)
    url = reverse("opportunities:signup_create", args=[shift.pk])

    response = client.post(url, {"name": "Jana Kowalski", "email": "jana@example.org"})

    assert response.status_code == 302
    signup = ShiftSignup.objects.get()
    assert signup.status == ShiftSignup.Status.PENDING
    confirm = reverse("opportunities:signup_confirm", args=[signup.token])
    assert "Anmeldung bestätigen" in client.get(confirm).content.decode()
    client.post(confirm)
    signup.refresh_from_db()
    assert signup.status == ShiftSignup.Status.CONFIRMED
    page = client.get(signup.get_absolute_url()).content.decode()
    assert "Meine Anmeldung stornieren" in page
    client.post(reverse("opportunities:signup_cancel", args=[signup.token]))
    signup.refresh_from_db()
    assert signup.status == ShiftSignup.Status.CANCELLED


def test_htmx_sign_up_answers_with_the_form_fragment_and_errors_at_the_field(client):
    shift = ShiftFactory()
    url = reverse("opportunities:signup_create", args=[shift.pk])

    response = client.post(url, {"name": "", "email": "kaputt"}, HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "Dieses Feld ist zwingend erforderlich." in html
    assert "gültige E-Mail-Adresse" in html
    assert not ShiftSignup.objects.exists()


def test_the_overlap_message_appears_at_the_e_mail_field(client):
    first = ShiftFactory(task__title="Essensausgabe")
    SignupFactory(shift=first, email="ole@example.org")
    second = ShiftFactory(starts_at=at(3, 10), ends_at=at(3, 14))

    response = client.post(
        reverse("opportunities:signup_create", args=[second.pk]),
        {"name": "Ole", "email": "ole@example.org"},
    )

    assert "»Essensausgabe«" in response.content.decode()
    assert ShiftSignup.objects.filter(shift=second).count() == 0


def test_public_sign_up_is_rate_limited(client, settings):
    settings.PUBLIC_FORM_LIMIT = 2
    shift = ShiftFactory(needed=10)
    url = reverse("opportunities:signup_create", args=[shift.pk])

    for n in range(3):
        response = client.post(url, {"name": f"P{n}", "email": f"p{n}@example.org"})

    assert "Zu viele Anmeldungen" in response.content.decode()
    assert ShiftSignup.objects.count() == 2


def test_drafts_and_unverified_providers_are_not_public(client):
    draft = ActionFactory(status="draft")
    unverified = ActionFactory(provider__status="pending")

    for action in (draft, unverified):
        assert client.get(action.get_absolute_url()).status_code == 404
        assert member_of(action.provider).get(action.get_absolute_url()).status_code == 200
    listing = client.get(reverse("opportunities:action_list")).content.decode()
    assert draft.title not in listing
    assert unverified.title not in listing


def test_helpers_e_mails_only_for_the_shifts_organiser():
    shift = ShiftFactory()
    SignupFactory(shift=shift, email="geheim@example.org", name="Mia Sommer")
    action = shift.task.place.action
    helpers_url = reverse("opportunities:shift_helpers", args=[action.pk, shift.pk])
    other_provider = ProviderFactory()

    own = member_of(action.provider).get(helpers_url)
    assert "geheim@example.org" in own.content.decode()

    for client in (
        Client(),
        member_of(other_provider),
        logged_in(Role.VOLUNTEER),
        logged_in(Role.OFFICER, authority=action.authority),
    ):
        assert "geheim@example.org" not in client.get(action.get_absolute_url()).content.decode()
        assert client.get(helpers_url).status_code in (302, 403)


def test_the_organiser_changes_the_title_of_an_action_and_it_is_stored():
    action = ActionFactory(title="Sandsäcke füllen")
    organiser = member_of(action.provider)
    url = reverse("opportunities:action_manage", args=[action.pk])
    shown = organiser.get(url).context["forms"]["action"]

    response = organiser.post(
        url, {"part": "action", **form_as_posted(shown, **{"action-title": "Deich sichern"})}
    )

    assert response.status_code == 302
    assert Action.objects.get(pk=action.pk).title == "Deich sichern"


def test_one_provider_never_edits_anothers_plan_or_confirms_its_hours():
    shift = ShiftFactory(starts_at=at(-1, 8), ends_at=at(-1, 12))
    signup = SignupFactory(shift=shift)
    action = shift.task.place.action
    stranger = member_of(ProviderFactory())

    assert stranger.get(reverse("opportunities:action_manage", args=[action.pk])).status_code == 403
    response = stranger.post(
        reverse("opportunities:action_manage", args=[action.pk]),
        {
            "part": "action",
            "action-title": "Gekapert",
            "action-authority": action.authority_id,
            "action-status": "published",
        },
    )
    assert response.status_code == 403
    response = stranger.post(
        reverse("opportunities:signup_hours", args=[action.pk, signup.pk]),
        {f"h{signup.pk}-attended": "1"},
    )
    assert response.status_code == 403
    assert (
        stranger.post(
            reverse("opportunities:helpers_message", args=[action.pk]),
            {"message-subject": "x", "message-text": "y"},
        ).status_code
        == 403
    )
    signup.refresh_from_db()
    action.refresh_from_db()
    assert signup.hours is None
    assert action.title != "Gekapert"
    # A sign-up of another action cannot be reached through this action's URL.
    other = SignupFactory(shift=ShiftFactory(starts_at=at(-1, 8), ends_at=at(-1, 12)))
    own = member_of(action.provider)
    response = own.post(
        reverse("opportunities:signup_hours", args=[action.pk, other.pk]),
        {f"h{other.pk}-attended": "1"},
    )
    assert response.status_code == 404


def test_the_organiser_plans_with_a_template_and_sees_errors_at_the_field():
    task = TaskFactory()
    action = task.place.action
    client = member_of(action.provider)
    url = reverse("opportunities:action_manage", args=[action.pk])
    first = datetime.date.today() + datetime.timedelta(days=1)
    data = {
        "part": "template",
        "template-task": task.pk,
        "template-first_day": first.isoformat(),
        "template-last_day": (first + datetime.timedelta(days=13)).isoformat(),
        "template-weekdays": ["0", "1", "2", "3", "4"],
        "template-times": "08:00-12:00, 12:00-16:00",
        "template-needed": "4",
    }

    bad = client.post(url, {**data, "template-times": "8 bis 12"})
    assert "ist kein Zeitfenster" in bad.content.decode()
    assert not Shift.objects.exists()

    client.post(url, data)
    assert Shift.objects.filter(task=task).count() == 20
    page = client.get(url).content.decode()
    assert "0 von 4" in page


def test_the_organiser_confirms_hours_and_the_volunteer_downloads_the_evidence(client):
    shift = ShiftFactory(starts_at=at(-1, 8), ends_at=at(-1, 12))
    signup = SignupFactory(shift=shift, name="Mia Sommer")
    action = shift.task.place.action
    organiser = member_of(action.provider)

    organiser.post(
        reverse("opportunities:signup_hours", args=[action.pk, signup.pk]),
        {f"h{signup.pk}-attended": "1", f"h{signup.pk}-hours": "3.5"},
    )
    response = client.get(reverse("opportunities:signup_evidence", args=[signup.token]))

    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Mia Sommer" in text
    assert "3,50 Stunden" in text
    assert "STD-" in text


def test_my_shifts_shows_the_volunteers_shifts_and_hours():
    user = UserFactory(email="lea@example.org")
    role_grant(user=user, role=Role.VOLUNTEER)
    SignupFactory(email="lea@example.org", shift__task__title="Essensausgabe")
    client = Client()
    client.force_login(user)

    page = client.get(reverse("opportunities:my_shifts")).content.decode()

    assert "Essensausgabe" in page


def test_the_list_and_the_action_page_need_a_constant_number_of_queries(
    client, django_assert_max_num_queries
):
    action = ActionFactory()
    for place in range(3):
        for task in range(3):
            t = TaskFactory(place__action=action, place__name=f"Ort {place}", title=f"A {task}")
            for day in range(1, 8):
                shift = ShiftFactory(task=t, starts_at=at(day, 8), ends_at=at(day, 12))
                SignupFactory.create_batch(2, shift=shift)
    for _ in range(25):
        ActionFactory(provider=action.provider)  # no shifts: not listed
        ShiftFactory()

    with django_assert_max_num_queries(12):
        listing = client.get(reverse("opportunities:action_list"))
    with django_assert_max_num_queries(12):
        page = client.get(action.get_absolute_url())

    assert listing.status_code == page.status_code == 200
    assert page.content.decode().count('class="shift-row"') == 63
    assert "3 von 5 Plätzen frei" in page.content.decode()


def test_the_list_filters_by_municipality(client):
    here, there = ShiftFactory(), ShiftFactory()
    ags = here.task.place.action.authority_id

    page = client.get(reverse("opportunities:action_list"), {"gemeinde": ags}).content.decode()

    assert here.task.place.action.title in page
    assert there.task.place.action.title not in page


def test_the_municipalitys_page_shows_its_current_actions(client):
    shift = ShiftFactory(task__place__action__title="Kleiderstube Winter")
    authority = shift.task.place.action.authority
    elsewhere = ShiftFactory(task__place__action__title="Anderswo")

    page = client.get(authority.get_absolute_url()).content.decode()

    assert "Hier in Schichten helfen" in page
    assert "Kleiderstube Winter" in page
    assert elsewhere.task.place.action.title not in page


def test_the_start_page_counts_open_shifts_and_helpers_of_this_month(client):
    open_shift = ShiftFactory(needed=2)
    SignupFactory(shift=open_shift)
    full = ShiftFactory(needed=1)
    SignupFactory(shift=full)
    ShiftFactory(task__place__action__status="draft")

    from engagiert.core.extensions import home_figures

    figures = {str(f.label): f.value for f in home_figures()}

    assert figures["offene Schicht"] == 1
    assert figures["Helfende in Schichten diesen Monat"] == 2


def test_actions_are_found_by_search_once_published():
    from engagiert.opportunities.shift_documents import action_document

    task = TaskFactory(title="Essensausgabe", place__action__title="Tafel Winterhilfe")
    action = task.place.action
    draft = ActionFactory(status="draft")

    document = action_document(action)

    assert document is not None
    assert "Essensausgabe" in document.text
    assert document.url == action.get_absolute_url()
    assert action_document(draft) is None


def test_the_account_downloads_evidence_only_of_its_own_hours():
    from engagiert.opportunities import shifts as services

    shift = ShiftFactory(starts_at=at(-2, 9), ends_at=at(-2, 11))
    mine = SignupFactory(shift=shift, email="lea@example.org", name="Lea Brinkmann")
    SignupFactory(shift=shift, email="other@example.org", name="Andere Person")
    organiser = UserFactory()
    for signup in shift.signups.all():
        services.signup_hours_confirm(signup=signup, attended=True, hours=None, user=organiser)
    provider = shift.task.place.action.provider
    url = reverse("opportunities:my_evidence", args=[provider.pk])
    lea = UserFactory(email="lea@example.org")
    client = Client()
    client.force_login(lea)

    text = PdfReader(io.BytesIO(client.get(url).content)).pages[0].extract_text()
    stranger = Client()
    stranger.force_login(UserFactory(email="nobody@example.org"))

    assert mine.name in text
    assert "Andere Person" not in text
    assert "2,00 Stunden" in text
    assert stranger.get(url).status_code == 404


def test_a_shift_number_of_other_digits_is_not_found_rather_than_a_server_error():
    action = ActionFactory()
    client = member_of(action.provider)
    client.raise_request_exception = False

    for value in ("²", "①", "1²"):
        response = client.get(
            reverse("opportunities:helpers_message", args=[action.pk]), {"schicht": value}
        )
        assert response.status_code == 404


def test_the_action_page_names_the_contact_person_at_the_municipality(client):
    shift = ShiftFactory()
    action = shift.task.place.action
    action.provider.municipal_contact_name = "Jan Stadt"
    action.provider.save()

    page = client.get(reverse("opportunities:action_detail", args=[action.pk])).content.decode()

    assert "Ansprechperson der Kommune: Jan Stadt" in page


def test_the_digest_tells_of_an_action_when_it_is_published_not_when_drafted():
    from engagiert.core.extensions import news_providers
    from engagiert.opportunities import shifts as services

    news = news_providers.get("opportunities.new")
    assert news is not None
    shift = ShiftFactory(task__place__action__status="draft", task__place__action__title="Deich")
    action = shift.task.place.action
    drafted = timezone.now()
    assert news.news(drafted - datetime.timedelta(hours=1), drafted) == []

    services.action_update(action=action, data={"status": "published"})
    published = timezone.now()
    [item] = news.news(drafted, published)
    assert item.title == "Deich"
    assert item.url.endswith(action.get_absolute_url())
    assert "Schichten" in item.detail

    services.action_update(action=action, data={"status": "closed"})
    services.action_update(action=action, data={"status": "published"})
    assert news.news(published, timezone.now()) == []
