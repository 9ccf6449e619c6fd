"""The office's pages for tokens and webhooks."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from engagiert.api import services
from engagiert.api.models import ApiToken, Scope, WebhookDelivery, WebhookEvent
from engagiert.registry.tests.factories import AuthorityFactory

from .factories import token_issue

pytestmark = pytest.mark.django_db


def test_the_office_issues_a_token_and_sees_its_key_once(client, office_user, authority):
    client.force_login(office_user)
    in_a_year = timezone.localdate() + datetime.timedelta(days=365)

    page = client.post(
        reverse("integrations:token_create"),
        {
            "name": "Freiwilligendatenbank",
            "holder_kind": "authority",
            "authority": authority.ags,
            "scopes": [Scope.MEMBERS_READ, Scope.CARDS_VERIFY],
            "expires_on": in_a_year.isoformat(),
        },
    )

    token = ApiToken.objects.get()
    text = page.content.decode()
    assert "Der API-Token ist ausgestellt" in text
    secret = text.split('id="token-secret" value="')[1].split('"')[0]
    assert services.token_authenticate(secret) == token
    listing = client.get(reverse("integrations:token_list")).content.decode()
    assert token.prefix in listing
    assert secret not in listing


def test_a_scope_that_does_not_fit_the_holder_is_refused_at_the_field(
    client, office_user, organisation
):
    client.force_login(office_user)

    page = client.post(
        reverse("integrations:token_create"),
        {
            "name": "Falsch",
            "holder_kind": "organisation",
            "organisation": organisation.pk,
            "scopes": [Scope.MEMBERS_READ],
            "expires_on": (timezone.localdate() + datetime.timedelta(days=5)).isoformat(),
        },
    )

    assert page.status_code == 200
    assert "passt nicht zur Art" in page.content.decode()
    assert not ApiToken.objects.exists()


def test_the_holder_must_be_chosen(client, office_user):
    client.force_login(office_user)

    page = client.post(
        reverse("integrations:token_create"),
        {
            "name": "Ohne",
            "holder_kind": "authority",
            "scopes": [Scope.MEMBERS_READ],
            "expires_on": (timezone.localdate() + datetime.timedelta(days=5)).isoformat(),
        },
    )

    assert "Bitte wählen Sie, für wen der Token handelt." in page.content.decode()


def test_an_officer_sees_and_revokes_only_the_own_authoritys_tokens(client, officer, authority):
    own, _secret = token_issue([Scope.MEMBERS_READ], authority=authority)
    other, _secret = token_issue([Scope.MEMBERS_READ], authority=AuthorityFactory())
    client.force_login(officer)

    listing = client.get(reverse("integrations:token_list")).content.decode()
    assert own.prefix in listing
    assert other.prefix not in listing
    assert client.get(reverse("integrations:token_create")).status_code == 403
    revoke_other = reverse("integrations:token_revoke", args=[other.pk])
    assert client.post(revoke_other).status_code == 404

    confirm = client.get(reverse("integrations:token_revoke", args=[own.pk]))
    assert "Token widerrufen" in confirm.content.decode()
    client.post(reverse("integrations:token_revoke", args=[own.pk]))

    own.refresh_from_db()
    other.refresh_from_db()
    assert own.revoked_at is not None
    assert own.revoked_by == officer
    assert other.revoked_at is None


def test_people_without_office_or_officer_role_see_no_integrations(client, organisation):
    from engagiert.accounts.models import Role
    from engagiert.accounts.services import role_grant
    from engagiert.accounts.tests.factories import UserFactory

    person = UserFactory()
    role_grant(user=person, role=Role.ORGANISATION, organisation=organisation)
    client.force_login(person)

    assert client.get(reverse("integrations:token_list")).status_code == 403
    assert client.get(reverse("integrations:subscription_list")).status_code == 403


def test_an_officer_registers_a_webhook_for_the_own_authority_only(client, officer, authority):
    client.force_login(officer)
    other = AuthorityFactory()
    form = {
        "name": "Stadt-CMS",
        "url": "https://cms.example.org/hook",
        "events": [WebhookEvent.MEMBER_CHANGED],
    }

    refused = client.post(
        reverse("integrations:subscription_create"), {**form, "authority": other.ags}
    )
    assert "Bitte eine gültige Auswahl treffen" in refused.content.decode()

    page = client.post(
        reverse("integrations:subscription_create"), {**form, "authority": authority.ags}
    )

    assert "Signaturgeheimnis" in page.content.decode()
    subscription = authority.webhook_subscriptions.get()
    assert subscription.secret in page.content.decode()


def test_the_webhook_page_shows_each_deliverys_state(client, office_user):
    subscription, _secret = services.subscription_create(
        name="Landesportal",
        url="https://portal.example.org/hook",
        events=[WebhookEvent.EVENT_PUBLISHED],
        created_by=office_user,
    )
    WebhookDelivery.objects.create(
        subscription=subscription,
        event=WebhookEvent.EVENT_PUBLISHED,
        payload={},
        attempts=3,
        last_status_code=503,
        next_attempt_at=timezone.now() + datetime.timedelta(minutes=4),
    )
    client.force_login(office_user)

    listing = client.get(reverse("integrations:subscription_list")).content.decode()
    page = client.get(reverse("integrations:subscription_detail", args=[subscription.pk]))

    assert "Landesportal" in listing
    text = page.content.decode()
    assert "HTTP 503" in text
    assert "wartet" in text


def test_the_token_list_runs_the_same_queries_for_more_tokens(
    client, office_user, authority, django_assert_max_num_queries
):
    client.force_login(office_user)
    token_issue([Scope.MEMBERS_READ], authority=authority)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("integrations:token_list"))
    for _ in range(10):
        token_issue([Scope.MEMBERS_READ], authority=AuthorityFactory())

    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("integrations:token_list"))
