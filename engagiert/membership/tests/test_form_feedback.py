"""What an applicant and the office notice in the membership forms: what the profile says is
filled in, errors are summed up at the top, no »---------«, no »optional« before »required«."""

import re

import pytest
from django.test import Client

from engagiert.membership.models import Application
from engagiert.membership.tests.factories import (
    ApplicationFactory,
    ContactPersonFactory,
    ProfileFactory,
)

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def selected(text: str, name: str) -> list[str]:
    select = text.split(f'name="{name}"')[1].split("</select>")[0]
    return re.findall(r'<option value="([^"]*)" selected>', select)


def test_the_application_takes_the_card_status_and_the_only_contact_from_the_profile(
    authority, officer
):
    ProfileFactory(authority=authority, volunteer_card="planned")
    contact = ContactPersonFactory(authority=authority)

    text = logged_in(officer).get(f"/netzwerk/{authority.ags}/antrag/").content.decode()

    assert selected(text, "contact_person") == [str(contact.pk)]
    assert selected(text, "volunteer_card") == ["planned"]
    assert "---------" not in text


def test_with_two_contacts_the_applicant_chooses_without_dashes(authority, officer):
    ContactPersonFactory(authority=authority)
    ContactPersonFactory(authority=authority)

    text = logged_in(officer).get(f"/netzwerk/{authority.ags}/antrag/").content.decode()

    assert selected(text, "contact_person") == [""]
    assert '<option value="" selected>Bitte auswählen</option>' in text
    assert "---------" not in text


def test_a_refused_application_sums_up_its_errors_at_the_top(authority, officer):
    ContactPersonFactory(authority=authority)

    response = logged_in(officer).post(
        f"/netzwerk/{authority.ags}/antrag/", {"cross_cutting": "Zu kurz.", "volunteer_card": ""}
    )
    text = response.content.decode()

    summary = text.split('class="kern-alert kern-alert--danger error-summary"')[1].split("</ul>")[0]
    assert "autofocus" in summary
    assert 'href="#id_contact_person"' in summary
    assert 'href="#id_volunteer_card"' in summary
    assert text.index("error-summary") < text.index('name="contact_person"')
    assert not Application.objects.exists()


def test_the_decision_message_is_not_called_optional(office_user, authority):
    application = ApplicationFactory(authority=authority)

    text = logged_in(office_user).get(application.get_absolute_url()).content.decode()

    label = text.split('for="id_message"')[1].split("</label>")[0]
    assert "optional" not in label
    assert "Erforderlich, wenn Sie weitere Angaben erbitten oder ablehnen" in text
