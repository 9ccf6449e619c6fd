import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from engagiert.api import services
from engagiert.api.models import ApiToken, Scope
from engagiert.core.models import AuditEntry
from engagiert.membership.tests.factories import ContactPersonFactory

from .factories import bearer, token_issue

pytestmark = pytest.mark.django_db

CONTACTS = "/api/v1/members-only/contacts/"


def test_token_issue_keeps_only_a_digest_of_the_secret(authority):
    token, secret = token_issue([Scope.MEMBERS_READ], authority=authority)

    assert secret.startswith("ek_")
    assert len(secret) > 40
    assert secret.startswith(token.prefix)
    assert len(token.prefix) == 9
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM api_apitoken")
        stored = " ".join(str(value) for row in cursor.fetchall() for value in row)
    assert secret not in stored
    assert secret[len(token.prefix) :] not in stored
    entry = AuditEntry.objects.get(object_id=str(token.pk), content_type__model="apitoken")
    assert secret not in str(entry.changes)
    assert token.digest not in str(entry.changes)


@pytest.mark.parametrize(
    ("holder", "scope"),
    [("authority", Scope.OPPORTUNITIES_WRITE), ("organisation", Scope.MEMBERS_READ)],
)
def test_token_issue_refuses_a_scope_that_does_not_fit_the_holder(
    holder, scope, authority, organisation
):
    target = {"authority": authority, "organisation": organisation}[holder]

    with pytest.raises(ValidationError, match="passt nicht zur Art"):
        token_issue([scope], **{holder: target})


def test_token_opens_the_api_until_it_is_revoked(authority, office_user):
    ContactPersonFactory(authority=authority, name="Lea Kontakt")
    token, secret = token_issue([Scope.MEMBERS_READ], authority=authority)
    client = APIClient()

    assert client.get(CONTACTS, **bearer(secret)).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None

    services.token_revoke(token=token, user=office_user)
    response = client.get(CONTACTS, **bearer(secret))

    assert response.status_code == 401
    assert "widerrufen" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_an_expired_token_is_refused_with_a_german_message(authority):
    token, secret = token_issue([Scope.MEMBERS_READ], authority=authority)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())

    response = APIClient().get(CONTACTS, **bearer(secret))

    assert response.status_code == 401
    assert "abgelaufen" in response.json()["detail"]


@pytest.mark.parametrize(
    "header", ["Bearer ek_unbekannt", "Bearer", "Bearer a b", "Bearer " + "ek_" + "x" * 200]
)
def test_an_unknown_or_malformed_token_is_refused(header, authority):
    response = APIClient().get(CONTACTS, HTTP_AUTHORIZATION=header)

    assert response.status_code == 401
    assert response.json()["detail"]


def test_a_revoked_token_stays_revoked_when_revoked_again(authority, office_user):
    token, _secret = token_issue([Scope.MEMBERS_READ], authority=authority)
    first = services.token_revoke(token=token, user=office_user).revoked_at

    assert services.token_revoke(token=token, user=office_user).revoked_at == first
    assert (
        AuditEntry.objects.filter(object_id=str(token.pk), content_type__model="apitoken").count()
        == 2
    )


def test_token_expiry_must_lie_in_the_future(authority):
    with pytest.raises(ValidationError):
        services.token_issue(
            name="Alt",
            scopes=[Scope.MEMBERS_READ],
            expires_at=timezone.now() - datetime.timedelta(days=1),
            created_by=None,
            authority=authority,
        )
