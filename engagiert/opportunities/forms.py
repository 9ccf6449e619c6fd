from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from engagiert.registry.models import Organisation
from engagiert.registry.queries import municipalities

from . import queries
from .models import Interest, Opportunity, SavedSearch

RADII = [(5, "5 km"), (10, "10 km"), (25, "25 km"), (50, "50 km"), (100, "100 km")]


class GemeindeField(forms.ModelChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Gemeinde"))
        super().__init__(queryset=municipalities(), to_field_name="ags", **kwargs)


class MatchForm(forms.Form):
    """The volunteer's search on /mitmachen/ (GET); a wrong value is dropped, never an error."""

    hide_optional_marker = True

    ort = GemeindeField(required=False, empty_label=_("Anywhere in NRW"))
    umkreis = forms.TypedChoiceField(
        label=_("Radius"), choices=RADII, coerce=int, required=False, initial=25
    )
    thema = forms.MultipleChoiceField(
        label=_("Topics"), required=False, widget=forms.CheckboxSelectMultiple
    )
    zeit = forms.MultipleChoiceField(
        label=_("When I have time"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            ("werktags", _("on weekdays")),
            ("wochenende", _("at weekends")),
            ("abends", _("in the evenings")),
            ("einmalig", _("one-off")),
        ],
    )
    kenntnisse = forms.CharField(
        label=_("My skills"),
        required=False,
        max_length=200,
        help_text=_("Separated by commas, e.g. »Arabisch, Führerschein«."),
    )
    remote = forms.BooleanField(label=_("Also from home"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        thema = self.fields["thema"]
        assert isinstance(thema, forms.MultipleChoiceField)
        thema.choices = list(queries.topics().values_list("slug", "name"))

    def search(self) -> queries.Search:
        if not self.is_bound:
            return queries.Search()
        self.is_valid()
        data = self.cleaned_data
        times = set(data.get("zeit") or ())
        skills = tuple(s.strip() for s in (data.get("kenntnisse") or "").split(",") if s.strip())
        return queries.Search(
            place=data.get("ort"),
            radius_km=data.get("umkreis") or 25,
            topics=tuple(data.get("thema") or ()),
            weekdays="werktags" in times,
            weekends="wochenende" in times,
            evenings="abends" in times,
            one_off="einmalig" in times,
            skills=skills,
            remote=bool(data.get("remote")),
        )


class ProviderRegistrationForm(forms.Form):
    organisation_name = forms.CharField(label=_("Name of the organisation"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of organisation"))
    authority = GemeindeField(help_text=_("Where the organisation works."))
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    description = forms.CharField(
        label=_("What the organisation does"), widget=forms.Textarea(attrs={"rows": 4})
    )
    contact_name = forms.CharField(label=_("Your name"), max_length=150)
    contact_email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("Your account: we send a link to set your password."),
    )
    contact_phone = forms.CharField(label=_("Phone"), max_length=40, required=False)

    #: Kinds that publish opportunities (not ministries or umbrella associations).
    KINDS = (
        Organisation.Kind.ASSOCIATION,
        Organisation.Kind.INITIATIVE,
        Organisation.Kind.VOLUNTEER_AGENCY,
        Organisation.Kind.BUSINESS,
        Organisation.Kind.CHURCH_WELFARE,
        Organisation.Kind.MUNICIPALITY,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [(k.value, k.label) for k in self.KINDS]


class VerifyForm(forms.Form):
    municipal_contact_name = forms.CharField(
        label=_("Contact person at the municipality"),
        max_length=150,
        help_text=_("Every provider has a named contact at the municipality."),
    )
    municipal_contact_email = forms.EmailField(label=_("Their e-mail address"))


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("The organisation reads it in the e-mail."),
    )


class OpportunityForm(forms.ModelForm):
    authority = GemeindeField()
    latitude = forms.FloatField(
        label=_("Latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        help_text=_("Leave empty to use the centre of the Gemeinde."),
    )
    longitude = forms.FloatField(
        label=_("Longitude"), required=False, min_value=-180, max_value=180
    )

    class Meta:
        model = Opportunity
        fields = [
            "title",
            "description",
            "topic",
            "target_groups",
            "authority",
            "address",
            "schedule",
            "hours_per_week",
            "on_weekdays",
            "on_weekends",
            "in_evenings",
            "starts_on",
            "ends_on",
            "skills",
            "requirements",
            "languages",
            "accessibility",
            "remote_possible",
            "minimum_age",
            "contact_name",
            "contact_email",
            "contact_phone",
            "status",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        return data

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.update(latitude=self.instance.latitude, longitude=self.instance.longitude)
        self.order_fields(self.Meta.fields[:6] + ["latitude", "longitude"])


class InterestForm(forms.ModelForm):
    class Meta:
        model = Interest
        fields = ["name", "email", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"message": _("A few words about you and when you have time.")}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if user is not None and user.is_authenticated:
            del self.fields["name"]
            del self.fields["email"]

    def _post_clean(self) -> None:
        # The service checks the row (the opportunity is not known to the form).
        pass


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Your answer"), choices=[(s.value, s.label) for s in Interest.ANSWERS]
    )
    answer = forms.CharField(
        label=_("Message to the volunteer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SavedSearchForm(forms.ModelForm):
    class Meta:
        model = SavedSearch
        fields = ["name", "notify"]
