from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from engagiert.audiences.models import Segment
from engagiert.core.forms import FilterForm
from engagiert.membership.queries import topics

from . import queries, services
from .models import AgendaItem, Event, Feedback, Registration


class EventFilterForm(FilterForm):
    filter_class = queries.EventFilter

    when = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[("upcoming", _("Upcoming")), ("past", _("Past")), ("all", _("All"))],
    )
    kind = forms.ChoiceField(
        label=_("Format"), required=False, choices=[("", _("All formats")), *Event.Kind.choices]
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    topic = forms.ChoiceField(label=_("Topic"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_choices(
            "year", [("", _("All years")), *[(y, str(y)) for y in queries.event_years()]]
        )
        self.set_choices("topic", [("", _("All topics")), *topics().values_list("slug", "name")])


class WorkshopChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: AgendaItem) -> str:
        taken = getattr(obj, "taken", 0)
        places = (
            ""
            if obj.capacity is None
            else f" – {max(obj.capacity - taken, 0)} " + str(_("places free"))
        )
        return f"{obj} ({obj.room}){places}" if obj.room else f"{obj}{places}"


class RegistrationForm(forms.ModelForm):
    """Registration; name and e-mail are asked only of people without an account."""

    workshops = WorkshopChoiceField(
        label=_("Workshops"),
        required=False,
        queryset=AgendaItem.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Workshops at the same time exclude each other."),
    )

    needs_consent = forms.BooleanField(
        label=services.NEEDS_CONSENT_WORDING,
        required=False,
        help_text=_("Needed only if you name needs above; you can withdraw it at any time."),
    )

    class Meta:
        model = Registration
        fields = ["name", "email", "organisation_name", "workshops", "needs", "list_consent"]
        widgets = {"needs": forms.Textarea(attrs={"rows": 3})}

    field_order = [*Meta.fields[:5], "needs_consent", "list_consent"]

    def __init__(self, *args: Any, event: Event, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        workshops = [item for item in event.agenda.all() if item.kind == AgendaItem.Kind.WORKSHOP]
        field = self.fields["workshops"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = event.agenda.filter(kind=AgendaItem.Kind.WORKSHOP)
        field.choices = [(w.pk, field.label_from_instance(w)) for w in workshops]
        if not workshops:
            del self.fields["workshops"]
        if getattr(user, "is_authenticated", False):
            del self.fields["name"]
            del self.fields["email"]
        self.event, self.user = event, user

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("needs", "").strip() and not cleaned.get("needs_consent"):
            # Art. 9 Abs. 2 lit. a DSGVO: health-related needs only with explicit consent.
            self.add_error("needs_consent", services.NEEDS_CONSENT_MISSING)
        user = self.user if getattr(self.user, "is_authenticated", False) else None
        services.registration_check_allowed(event=self.event, user=user)
        return cleaned


class WorkshopChangeForm(forms.Form):
    """Choose other workshops on one's registration page."""

    workshops = WorkshopChoiceField(
        label=_("Workshops"),
        required=False,
        queryset=AgendaItem.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Workshops at the same time exclude each other."),
    )

    def __init__(self, *args: Any, registration: Registration, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["workshops"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = registration.event.agenda.filter(kind=AgendaItem.Kind.WORKSHOP)
        field.initial = [w.pk for w in registration.workshops.all()]


class InvitationForm(forms.Form):
    segment = forms.ModelChoiceField(
        label=_("Audience"), queryset=Segment.objects.all(), empty_label=_("Please choose")
    )


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["overall", "usefulness", "comment"]
        widgets = {
            "overall": forms.RadioSelect,
            "usefulness": forms.RadioSelect,
            "comment": forms.Textarea(attrs={"rows": 4}),
        }
