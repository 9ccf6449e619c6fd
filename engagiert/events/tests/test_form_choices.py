"""No form shows Django's »---------«: »Zielgruppe« and »Art« of an event are the example."""

import pytest
from django import forms

from engagiert.events.models import Event, Feedback

pytestmark = pytest.mark.django_db


class EventChoicesForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["kind", "audience"]


class LikertForm(forms.ModelForm):
    overall = forms.TypedChoiceField(
        label="Wie war es?",
        coerce=int,
        choices=[("", "---------"), *Feedback.SCALE],
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Feedback
        fields = ["overall"]


def test_optional_and_required_selects_ask_in_german():
    html = str(EventChoicesForm())

    assert "---------" not in html
    assert html.count('<option value="" selected>Bitte auswählen</option>') == 2


def test_a_required_select_with_a_value_has_no_empty_choice():
    html = str(EventChoicesForm(initial={"kind": Event.Kind.CONGRESS}))

    kind = html.split('name="kind"')[1].split("</select>")[0]
    assert '<option value="">' not in kind
    assert '<option value="congress" selected>' in kind


def test_required_radio_buttons_offer_no_empty_choice():
    html = str(LikertForm())

    assert "---------" not in html
    assert 'value=""' not in html.split('name="csrfmiddlewaretoken"')[0]
