from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import DataRequest


class ErasureRequestForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I ask for my account and my personal data to be erased."),
        error_messages={"required": _("Please confirm that you ask for the erasure.")},
    )


class OfficeRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("request"), choices=DataRequest.Kind.choices)
    email = forms.EmailField(
        label=_("e-mail address of the person"),
        error_messages={"required": _("Please give the person's e-mail address.")},
    )
    received_on = forms.DateField(
        label=_("Received on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The deadline of one month counts from this day."),
    )
    note = forms.CharField(label=_("note of the office"), required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"received_on": timezone.localdate()})
        super().__init__(*args, **kwargs)

    def clean_received_on(self) -> Any:
        received = self.cleaned_data["received_on"]
        if received > timezone.localdate():
            raise forms.ValidationError(_("The day of receipt cannot lie in the future."))
        return received


class ErasureConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have checked who asks and want to erase this person's data now."),
        error_messages={"required": _("Please confirm the erasure.")},
    )
