from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from engagiert.core.extensions import news_providers_in_order

from .models import NEWSLETTER_WORDING, Mailing, NotificationPreference


class MailingForm(forms.ModelForm):
    class Meta:
        model = Mailing
        fields = ["subject", "segment", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}


class ReleaseForm(forms.Form):
    send_at = forms.DateTimeField(
        label=_("Send from"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Empty: send now."),
    )


class PreferencesForm(forms.Form):
    """One choice per registered kind of news: at once, in the weekly digest, or never."""

    def __init__(self, *args: Any, initial_choices: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for provider in news_providers_in_order():
            self.fields[provider.kind] = forms.ChoiceField(
                label=str(provider.label),
                choices=NotificationPreference.Frequency.choices,
                widget=forms.RadioSelect,
                initial=initial_choices.get(provider.kind),
            )


class NewsletterForm(forms.Form):
    """The public newsletter sign-up: an address, a name if the person likes, the consent."""

    email = forms.EmailField(
        label=_("Your e-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    name = forms.CharField(
        label=_("Your name"),
        required=False,
        max_length=200,
        help_text=_("We use it only to greet you in the newsletter."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    consent = forms.BooleanField(
        label=NEWSLETTER_WORDING,
        error_messages={"required": _("Please agree, so that we may send you the newsletter.")},
    )
