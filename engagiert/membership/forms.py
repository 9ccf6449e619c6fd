from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from engagiert.registry.forms import PlaceFilterForm
from engagiert.registry.models import Authority, Organisation

from . import queries
from .models import (
    Application,
    ContactPerson,
    Declaration,
    Leader,
    Partnership,
    Profile,
    SigningWave,
    VolunteerCardStatus,
)
from .queries import MemberFilter


class MemberFilterForm(PlaceFilterForm):
    """Filters of the member directory."""

    filter_class = MemberFilter

    structure = forms.ChoiceField(
        label=_("Structure"),
        required=False,
        choices=[
            ("", _("Any structure")),
            ("stabsstelle", _("Staff unit (Stabsstelle)")),
            ("runder-tisch", _("Round table")),
            ("freiwilligenagentur", _("Volunteer agency")),
        ],
    )
    volunteer_card = forms.ChoiceField(
        label=_("Ehrenamtskarte"),
        required=False,
        choices=[("", _("Any status")), *VolunteerCardStatus.choices],
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    since = forms.TypedChoiceField(
        label=_("Member since"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_choices(
            "topic", [("", _("All topics")), *queries.topics().values_list("slug", "name")]
        )
        self.set_choices(
            "since", [("", _("Any year")), *[(year, str(year)) for year in queries.member_years()]]
        )


class ProfileForm(forms.ModelForm):
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        error_messages={
            "invalid": _("Please enter a complete web address, e.g. www.stadt.de/ehrenamt.")
        },
        help_text=_(
            "The page where citizens find your engagement offers, e.g. https://www.stadt.de/ehrenamt"
        ),
    )

    class Meta:
        model = Profile
        fields = [
            "website",
            "description",
            "has_staff_unit",
            "has_round_table",
            "has_volunteer_agency",
            "volunteer_card",
            "volunteer_card_since",
            "strategy",
            "topics",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "topics": forms.CheckboxSelectMultiple,
            "strategy": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # »takes part« comes from the Ehrenamtskarte programme (who issues cards for whom); an
        # officer only says whether it is planned, never contradicts what is recorded there.
        card = self.fields["volunteer_card"]
        since = self.fields["volunteer_card_since"]
        since.disabled = True
        since.help_text = _("Recorded with the issuing authority of the Ehrenamtskarte.")
        if self.instance.volunteer_card == VolunteerCardStatus.PARTICIPATING:
            card.disabled = True
            card.help_text = _(
                "Your authority or its Kreis issues the Ehrenamtskarte; this is recorded by "
                "the Ehrenamtskarte programme."
            )
        else:
            card.choices = [  # type: ignore[attr-defined]
                choice
                for choice in VolunteerCardStatus.choices
                if choice[0] != VolunteerCardStatus.PARTICIPATING
            ]
            card.help_text = _(
                "»Takes part« is shown by itself once your authority or its Kreis issues the "
                "Ehrenamtskarte on this platform."
            )


class ContactPersonForm(forms.ModelForm):
    public_fields = forms.MultipleChoiceField(
        label=_("Public details"),
        required=False,
        choices=ContactPerson.Field.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Everything else is shown to network members only."),
    )

    class Meta:
        model = ContactPerson
        fields = ["name", "function", "department", "phone", "email", "public_fields", "is_primary"]


class LeaderForm(forms.ModelForm):
    class Meta:
        model = Leader
        fields = ["name", "office", "since", "email"]
        widgets = {"since": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("PDF file"),
        help_text=_("PDF only, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    is_public = forms.BooleanField(
        label=_("Public (otherwise for network members only)"), required=False, initial=True
    )


class ApplicationForm(forms.ModelForm):
    """The membership application asks for the network's criteria."""

    class Meta:
        model = Application
        fields = [
            "contact_person",
            "cross_cutting",
            "volunteer_card",
            "motivation",
            "accepts_declaration",
        ]
        widgets = {
            "cross_cutting": forms.Textarea(attrs={"rows": 5}),
            "motivation": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, authority: Authority, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        contact = self.fields["contact_person"]
        assert isinstance(contact, forms.ModelChoiceField)
        contact.queryset = ContactPerson.objects.filter(authority=authority, ended_on__isnull=True)
        contact.required = True
        contact.empty_label = _("Please choose")
        contact.help_text = _("Missing someone? Add contact persons to your profile first.")


class ReviewForm(forms.Form):
    """The office's decision on an application."""

    DECISIONS = [
        ("admit", _("Admit")),
        ("request_info", _("Ask for more information")),
        ("decline", _("Decline")),
    ]

    #: Required for some decisions only: the hint says when, no »optional« contradicts it.
    conditionally_required = ("message",)

    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    message = forms.CharField(
        label=_("Message to the applicant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Required when you ask for more information or decline; optional when you admit."
        ),
    )
    wave = forms.ModelChoiceField(
        label=_("Signing of the joint declaration"),
        required=False,
        queryset=SigningWave.objects.order_by("-date"),
        empty_label=_("No signing yet"),
    )
    signed_by = forms.CharField(label=_("Signed by"), required=False, max_length=200)
    signer_role = forms.CharField(label=_("In the role of"), required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # An admitted member signs in the next wave unless the office says otherwise.
        upcoming = queries.open_wave()
        wave = self.fields["wave"]
        wave.initial = upcoming.pk if upcoming else None
        wave.help_text = _(
            "Preselected: the next signing wave. Without one, the member is listed as not "
            "signed yet until the office records its signature in a wave."
        )


class AnswerForm(forms.Form):
    message = forms.CharField(label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 5}))


class LeaveForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for leaving"), widget=forms.Textarea(attrs={"rows": 4})
    )


class DeclarationForm(forms.ModelForm):
    """A new version of the joint declaration, starting from the current one's title and text."""

    class Meta:
        model = Declaration
        fields = ["title", "version", "adopted", "text"]
        widgets = {
            "adopted": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "text": forms.Textarea(attrs={"rows": 16}),
        }
        help_texts = {"version": _("e.g. »2026«; each version once.")}

    def __init__(self, *args: Any, current: Declaration | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if current is not None:
            self.initial.setdefault("title", current.title)
            self.initial.setdefault("text", current.text)


class WaveForm(forms.ModelForm):
    """A signing wave of the joint declaration: which version, when, where."""

    class Meta:
        model = SigningWave
        fields = ["declaration", "occasion", "date", "date_precision", "place"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "date_precision": forms.RadioSelect,
        }
        labels = {"declaration": _("Version of the declaration signed")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        declaration = self.fields["declaration"]
        assert isinstance(declaration, forms.ModelChoiceField)
        declaration.empty_label = None
        declaration.initial = (
            Declaration.objects.order_by("-adopted").values_list("pk", flat=True).first()
        )
        precision = self.fields["date_precision"]
        assert isinstance(precision, forms.ChoiceField)
        precision.choices = SigningWave.Precision.choices


class SignatureForm(forms.Form):
    """Who signed in a wave: a municipality (signed by its leader) or an institution."""

    authority = forms.ModelChoiceField(
        label=_("Municipality"),
        required=False,
        queryset=Authority.objects.none(),
        empty_label=_("Please choose"),
        help_text=_("Either a municipality or an institution signs."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Institution"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("Please choose"),
        help_text=_("Partner institutions, umbrella associations, the ministry."),
    )
    signed_by = forms.CharField(
        label=_("Signed by"),
        required=False,
        max_length=200,
        help_text=_("Empty for a municipality: its leader as recorded in its profile."),
    )
    signer_role = forms.CharField(label=_("In the role of"), required=False, max_length=200)

    def __init__(self, *args: Any, wave: SigningWave, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        signed = wave.signatures.all()
        authority = self.fields["authority"]
        assert isinstance(authority, forms.ModelChoiceField)
        authority.queryset = (
            Authority.objects.filter(memberships__until__isnull=True)
            .exclude(pk__in=signed.filter(authority__isnull=False).values("authority"))
            .distinct()
            .order_by("name")
        )
        organisation = self.fields["organisation"]
        assert isinstance(organisation, forms.ModelChoiceField)
        organisation.queryset = (
            Organisation.objects.filter(partnerships__isnull=False)
            .exclude(pk__in=signed.filter(organisation__isnull=False).values("organisation"))
            .distinct()
            .order_by("name")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("authority")) == bool(data.get("organisation")):
            self.add_error("authority", _("Please choose either a municipality or an institution."))
        return data


class PartnershipForm(forms.ModelForm):
    class Meta:
        model = Partnership
        fields = [
            "organisation",
            "role",
            "since",
            "until",
            "contact_name",
            "contact_email",
            "contact_phone",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation = self.fields["organisation"]
        assert isinstance(organisation, forms.ModelChoiceField)
        organisation.queryset = Organisation.objects.order_by("name")
        organisation.empty_label = _("Please choose")
        organisation.help_text = _("An institution missing here is added in the directory first.")
        role = self.fields["role"]
        assert isinstance(role, forms.ChoiceField)
        role.choices = [("", _("Please choose")), *Partnership.Role.choices]


class InviteForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role on the platform"),
        widget=forms.RadioSelect,
        choices=[],
        error_messages={"required": _("Please choose a role.")},
    )

    def __init__(self, *args: Any, roles: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        role = self.fields["role"]
        assert isinstance(role, forms.ChoiceField)
        role.choices = roles
