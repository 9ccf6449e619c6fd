import pytest
from django.core.exceptions import ValidationError

from engagiert.core.extensions import DataSubject, personal_data
from engagiert.events.tests.factories import EventFactory, RegistrationFactory
from engagiert.legal import queries, services
from engagiert.legal.models import ConsentRecord


def test_consent_is_given_once_and_withdrawn_once(db):
    registration = RegistrationFactory(event=EventFactory(), list_consent=True)
    person = DataSubject(user=None, email=registration.email)
    give = {
        "person": person,
        "purpose": "events.participant_list",
        "reference": str(registration.pk),
    }

    first = services.consent_give(source="events.registration", **give)
    again = services.consent_give(source="events.registration", **give)

    assert first == again
    assert ConsentRecord.objects.count() == 1
    assert queries.consent_active(person, "events.participant_list", str(registration.pk))
    services.consent_withdraw(record=first)
    assert not queries.consent_active(person, "events.participant_list", str(registration.pk))
    with pytest.raises(ValidationError, match="bereits widerrufen"):
        services.consent_withdraw(record=first)


def test_an_unknown_purpose_is_a_programming_error(db):
    with pytest.raises(ValueError, match="unknown consent purpose"):
        services.consent_give(
            person=DataSubject(user=None, email="a@example.org"), purpose="x.y", source="test"
        )


def test_consents_and_feedback_are_declared_as_personal_data(db):
    services.feedback_submit(name="", email="b@example.org", page_url="/", description="x")
    subject = DataSubject(user=None, email="b@example.org")

    feedback = personal_data.get("legal.feedback")
    assert feedback is not None
    assert personal_data.get("legal.consents") is not None
    assert feedback.rows_of(subject).count() == 1
    assert feedback.erase(subject) == 1
