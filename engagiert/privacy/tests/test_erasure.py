import json

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Count, Sum

from engagiert.accounts.models import Role, User
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.core.audit import audit_actor
from engagiert.core.models import AuditEntry, OutboundMail
from engagiert.events.models import Registration
from engagiert.opportunities.models import Interest, ShiftSignup
from engagiert.privacy import services
from engagiert.privacy.models import DataRequest
from engagiert.volunteercard.models import Application, Card

pytestmark = pytest.mark.long


def _tables_naming(value: str) -> list[str]:
    """Every column of every table whose text holds `value` (any case; JSON escapes too)."""
    forms = {value.lower(), json.dumps(value)[1:-1].lower()}
    found = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                condition = " OR ".join(
                    f"LOWER(CAST({quote(column.name)} AS TEXT)) LIKE %s" for _ in forms
                )
                cursor.execute(
                    f"SELECT COUNT(*) FROM {quote(table)} WHERE {condition}",  # noqa: S608
                    [f"%{form}%" for form in forms],
                )
                if cursor.fetchone()[0]:
                    found.append(f"{table}.{column.name}")
    return found


def _figures(event) -> dict[str, object]:
    registrations = Registration.objects.filter(event=event)
    return {
        "registered": registrations.filter(status="confirmed").count(),
        "checked_in": registrations.filter(checked_in_at__isnull=False).count(),
        "by_authority": list(
            registrations.values("authority").annotate(n=Count("pk")).order_by("authority")
        ),
        "cards": list(
            Card.objects.values("issuer", "field", "birth_year")
            .annotate(n=Count("pk"))
            .order_by("issuer", "field", "birth_year")
        ),
        "card_applications": Application.objects.values("status").annotate(n=Count("pk")).count(),
        "hours": ShiftSignup.objects.aggregate(hours=Sum("hours"))["hours"],
        "interests": Interest.objects.count(),
    }


@pytest.fixture
def office(db):
    user = UserFactory(email="netzwerkstelle@example.org", first_name="Nora", last_name="Amt")
    role_grant(user=user, role=Role.OFFICE)
    return user


def _erase(person, office):
    request = services.request_create(kind=DataRequest.Kind.ERASURE, user=person.user)
    with audit_actor(office):
        return request, services.erasure_complete(request=request, actor=office)


@pytest.mark.django_db(transaction=True)
def test_after_the_erasure_no_table_names_the_person_and_the_figures_stay(people, office):
    person, other = people
    before = _figures(person.event)
    for value in person.identifying():
        assert _tables_naming(value)  # the search below finds what is there

    _erase(person, office)

    assert {value: _tables_naming(value) for value in person.identifying()} == {
        value: [] for value in person.identifying()
    }
    assert _figures(person.event) == before
    assert _tables_naming(other.email)
    assert _tables_naming(other.phone)
    assert User.objects.filter(email=other.email).exists()


def test_the_erasure_tells_the_person_before_their_address_goes(people, office):
    person, _ = people

    _erase(person, office)

    notice = [message for message in mail.outbox if message.to == [person.email]]
    assert [m.subject for m in notice] == ["Ihre personenbezogenen Daten wurden gelöscht"]
    assert not OutboundMail.objects.filter(to_email=person.email).exists()


def test_the_erasure_records_counts_but_no_name_in_the_audit_log(people, office):
    person, _ = people

    request, counts = _erase(person, office)

    entry = AuditEntry.objects.get(object_repr=f"Löschung nach Anfrage Nr. {request.pk}")
    assert entry.changes == counts
    assert counts["events.registration"] == 1
    assert counts["accounts.user"] == 1
    assert entry.actor == office
    request.refresh_from_db()
    assert (request.status, request.email, request.user) == ("completed", "", None)
    assert request.result == counts


def test_the_last_office_account_cannot_be_erased(office):
    request = services.request_create(kind=DataRequest.Kind.ERASURE, user=office)

    with pytest.raises(ValidationError, match="letzte Konto der Netzwerkstelle"):
        services.erasure_complete(request=request, actor=office)

    assert User.objects.filter(pk=office.pk).exists()
    assert not mail.outbox or all(m.to != [office.email] for m in mail.outbox[1:])


def test_an_office_account_can_be_erased_while_another_remains(office):
    colleague = UserFactory(email="kollegin@example.org")
    role_grant(user=colleague, role=Role.OFFICE)
    request = services.request_create(kind=DataRequest.Kind.ERASURE, user=colleague)

    services.erasure_complete(request=request, actor=office)

    assert not User.objects.filter(email="kollegin@example.org").exists()


def test_a_completed_request_is_not_completed_again(people, office):
    person, _ = people
    request, _ = _erase(person, office)

    with pytest.raises(ValidationError, match="nicht offen"):
        services.erasure_complete(request=request, actor=office)
