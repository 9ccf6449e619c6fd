import datetime
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagiert.audiences.models import Segment
from engagiert.audiences.queries import Reach, reach
from engagiert.core.extensions import news_providers_in_order
from engagiert.core.validators import no_control_characters

from .models import NEWSLETTER_WORDING, Mailing, NotificationPreference

#: A text that begins with a salutation of its own (»Liebe Kolleginnen,«, »Hallo«, …).
SALUTATION = re.compile(
    r"\A\s*(liebe[rs]?|hallo|sehr geehrte[rn]?|guten (tag|morgen|abend)|moin|hi|dear|hello)\b",
    re.IGNORECASE,
)


class MailingForm(forms.ModelForm):
    """The office writes an info-mail; the audience's reach shows at once (and updates when
    another audience is chosen), and an audience that reaches no one is refused at the field."""

    template_name = "mailings/_mailing_form.html"

    class Meta:
        model = Mailing
        fields = ["subject", "segment", "reply_to", "greeting", "body"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 14}),
            "segment": forms.Select(
                attrs={
                    "data-hx-get": reverse_lazy("mailings:segment_reach"),
                    "data-hx-trigger": "change",
                    "data-hx-target": "#segment-reach",
                    "data-hx-swap": "innerHTML",
                    "aria-describedby": "segment-reach",
                }
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        segment = self.fields["segment"]
        assert isinstance(segment, forms.ModelChoiceField)
        segment.empty_label = _("Please choose")

    def chosen_segment(self) -> Segment | None:
        value = self["segment"].value()
        if isinstance(value, Segment):
            return value
        return Segment.objects.filter(pk=value).first() if str(value or "").isdecimal() else None

    def reach(self) -> Reach | None:
        """Whom the chosen audience reaches now (None while none is chosen)."""
        segment = self.chosen_segment()
        return reach(segment) if segment is not None else None

    def clean_segment(self) -> Segment:
        segment: Segment = self.cleaned_data["segment"]
        found = reach(segment)
        if not found.count:
            raise ValidationError(
                _("This audience reaches no one now: %(reason)s"),
                params={"reason": found.reason},
            )
        return segment

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("greeting") and SALUTATION.match(data.get("body") or ""):
            self.add_error(
                "body",
                _(
                    "Your text begins with a salutation, and the info-mail begins with »Guten "
                    "Tag« and the name already. Please delete your salutation or switch the "
                    "personal greeting off."
                ),
            )
        return data


class ReleaseForm(forms.Form):
    send_at = forms.DateTimeField(
        label=_("Send from"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Empty: send now."),
    )
    #: The number of recipients the office confirmed (set on the confirmation step).
    confirmed_count = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def clean_send_at(self) -> datetime.datetime | None:
        send_at: datetime.datetime | None = self.cleaned_data["send_at"]
        if send_at is not None and send_at < timezone.now() - datetime.timedelta(minutes=1):
            raise ValidationError(_("Please choose a time in the future."))
        return send_at


class DirectorySegmentForm(forms.Form):
    """The name under which the member directory's filters are kept as an audience."""

    name = forms.CharField(
        label=_("Name of the audience"),
        max_length=200,
        validators=[no_control_characters],
        help_text=_("You choose it when you write an info-mail or invite to an event."),
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
