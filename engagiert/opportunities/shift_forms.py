"""Forms of spontaneous help in shifts: the organiser's plan and the public sign-up."""

import datetime
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from engagiert.registry.queries import municipalities

from .models import Action, ActionPlace, Provider, Task
from .models.shifts import MAX_HELPERS_PER_SHIFT

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class ActionFilterForm(forms.Form):
    hide_optional_marker = True
    gemeinde = forms.ChoiceField(label=_("Municipality"), required=False)

    def __init__(self, *args: Any, authorities: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["gemeinde"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("All municipalities")), *authorities]

    def authority(self) -> str:
        return self.cleaned_data.get("gemeinde", "") if self.is_valid() else ""


class SignupForm(forms.Form):
    """Name and e-mail; with an account neither is asked."""

    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("We send you a link to confirm; only then is the place yours."),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if getattr(user, "is_authenticated", False):
            del self.fields["name"]
            del self.fields["email"]


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["title", "description", "authority", "status"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["authority"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = municipalities()


class ActionCreateForm(ActionForm):
    provider = forms.ModelChoiceField(label=_("Organisation"), queryset=Provider.objects.none())

    class Meta(ActionForm.Meta):
        fields = ["provider", "title", "description", "authority", "status"]

    def __init__(self, *args: Any, providers: list[Provider], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["provider"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Provider.objects.filter(pk__in=[p.pk for p in providers])
        if len(providers) == 1:
            field.initial = providers[0].pk
            self.fields["authority"].initial = providers[0].authority_id


class PlaceForm(forms.ModelForm):
    class Meta:
        model = ActionPlace
        fields = ["name", "address", "authority", "latitude", "longitude"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["authority"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = municipalities()


class TaskForm(forms.ModelForm):
    class Meta:
        model = Task
        fields = ["place", "title", "description", "requirements"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, action: Action, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["place"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = action.places.all()


class ShiftForm(forms.Form):
    """One shift; the service checks times and counts (German messages at the fields)."""

    task = forms.ModelChoiceField(label=_("Task"), queryset=Task.objects.none())
    starts_at = forms.DateTimeField(
        label=_("Start"), widget=DATETIME, input_formats=["%Y-%m-%dT%H:%M"]
    )
    ends_at = forms.DateTimeField(label=_("End"), widget=DATETIME, input_formats=["%Y-%m-%dT%H:%M"])
    needed = forms.IntegerField(
        label=_("Helpers needed"), min_value=1, max_value=MAX_HELPERS_PER_SHIFT
    )

    def __init__(self, *args: Any, action: Action, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["task"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Task.objects.filter(place__action=action).select_related("place")


SLOT = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})\s*$")


class ShiftTemplateForm(forms.Form):
    """A recurring template: e.g. every weekday 8–12 and 12–16 for two weeks."""

    task = forms.ModelChoiceField(label=_("Task"), queryset=Task.objects.none())
    first_day = forms.DateField(label=_("First day"), widget=DATE)
    last_day = forms.DateField(label=_("Last day"), widget=DATE)
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Weekdays"),
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        initial=[0, 1, 2, 3, 4],
    )
    times = forms.CharField(
        label=_("Time slots"),
        max_length=300,
        help_text=_("Separated by commas, e.g. »08:00-12:00, 12:00-16:00«."),
    )
    needed = forms.IntegerField(
        label=_("Helpers needed per shift"), min_value=1, max_value=MAX_HELPERS_PER_SHIFT
    )

    def __init__(self, *args: Any, action: Action, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["task"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Task.objects.filter(place__action=action).select_related("place")

    def clean_times(self) -> list[tuple[datetime.time, datetime.time]]:
        slots = []
        for part in self.cleaned_data["times"].split(","):
            if not part.strip():
                continue
            match = SLOT.match(part)
            if match is None:
                raise ValidationError(
                    _("»%(part)s« is not a time slot like 08:00-12:00.") % {"part": part.strip()}
                )
            h1, m1, h2, m2 = (int(g) for g in match.groups())
            try:
                slots.append((datetime.time(h1, m1), datetime.time(h2, m2)))
            except ValueError as error:
                raise ValidationError(
                    _("»%(part)s« is not a valid time.") % {"part": part.strip()}
                ) from error
        if not slots:
            raise ValidationError(_("Please give at least one time slot."))
        return slots


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    text = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 5}))


class HoursForm(forms.Form):
    attended = forms.TypedChoiceField(
        label=_("Present"),
        choices=[("1", _("present")), ("0", _("absent"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    hours = forms.DecimalField(
        label=_("Hours"),
        required=False,
        min_value=0,
        max_value=24,
        decimal_places=2,
        help_text=_("Empty: the length of the shift."),
    )
