import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from engagiert.registry.models import Authority, Organisation

from .models import Scope, WebhookEvent

#: The longest a token may be valid; a new one is cheap, a forgotten one a risk.
MAX_VALIDITY_DAYS = 3 * 365


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. »Freiwilligendatenbank der Stadt«."),
    )
    holder_kind = forms.ChoiceField(
        label=_("The token acts for"),
        choices=[("authority", _("an authority")), ("organisation", _("an organisation"))],
        widget=forms.RadioSelect,
        initial="authority",
    )
    authority = forms.ModelChoiceField(
        label=_("Authority"),
        queryset=Authority.objects.all(),
        to_field_name="ags",
        required=False,
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.all(), required=False
    )
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Members-only data only for an authority, opportunities only for an organisation; "
            "verifying cards for both."
        ),
    )
    expires_on = forms.DateField(
        label=_("Valid until"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("expires_on", timezone.localdate() + datetime.timedelta(days=365))

    def clean_expires_on(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["expires_on"]
        today = timezone.localdate()
        if day <= today:
            raise forms.ValidationError(_("The expiry date must lie in the future."))
        if day > today + datetime.timedelta(days=MAX_VALIDITY_DAYS):
            raise forms.ValidationError(_("A token is valid for three years at most."))
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None
        kind = data.get("holder_kind")
        if kind and not data.get(kind):
            self.add_error(kind, _("Choose who the token acts for."))
        return data

    def holder(self) -> dict[str, Any]:
        kind = self.cleaned_data["holder_kind"]
        return {kind: self.cleaned_data[kind]}

    def expires_at(self) -> datetime.datetime:
        """The end of the chosen day, local time."""
        day = self.cleaned_data["expires_on"]
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59)))


class SubscriptionForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    url = forms.URLField(
        label=_("Target address"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Where we send the events, e.g. https://cms.stadt.de/engagiert/webhook"),
    )
    events = forms.MultipleChoiceField(
        label=pgettext_lazy("webhook", "Events"),
        choices=WebhookEvent.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    authority = forms.ModelChoiceField(
        label=_("Only events of this authority"),
        queryset=Authority.objects.none(),
        to_field_name="ags",
        required=False,
        empty_label=_("All authorities"),
    )

    def __init__(self, *args: Any, authorities: list[Authority] | None, **kwargs: Any) -> None:
        """`authorities` the user may choose from; None: every one, or none (the office)."""
        super().__init__(*args, **kwargs)
        field = self.fields["authority"]
        assert isinstance(field, forms.ModelChoiceField)
        if authorities is None:
            field.queryset = Authority.objects.all()
        else:
            field.queryset = Authority.objects.filter(pk__in=[a.pk for a in authorities])
            field.required = True
            field.empty_label = None
