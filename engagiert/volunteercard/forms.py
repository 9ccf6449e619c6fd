from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from engagiert.core.forms import FilterForm, search_field
from engagiert.registry.models import Authority
from engagiert.registry.queries import municipalities

from . import queries
from .models import Application, Engagement, Issuer, LocalRule
from .services.applications import CARD_DATA_WORDING

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MunicipalityField(forms.ModelChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=municipalities(), **kwargs)


class ApplicationForm(forms.ModelForm):
    """The applicant: only what the card and the check need."""

    residence = MunicipalityField(
        label=_("Municipality of residence"),
        help_text=_("Your municipality or its Kreis issues your card."),
    )
    privacy = forms.BooleanField(
        label=CARD_DATA_WORDING,
        error_messages={"required": _("Please agree to the privacy note to apply.")},
    )

    class Meta:
        model = Application
        fields = [
            "kind",
            "first_name",
            "last_name",
            "birth_date",
            "email",
            "street",
            "postcode",
            "residence",
            "juleica_number",
            "juleica_valid_until",
        ]
        widgets = {"birth_date": DATE, "juleica_valid_until": DATE}

    def __init__(self, *args: Any, renewal: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [
            choice
            for choice in Application.Kind.choices
            if renewal or choice[0] != Application.Kind.RENEWAL
        ]
        self.fields["email"].help_text = _("We send you a link to confirm it.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("juleica_number") and not data.get("juleica_valid_until"):
            self.add_error("juleica_valid_until", _("Please give the date your JuLeiCa ends."))
        residence = data.get("residence")
        if residence is not None and queries.issuer_for(residence) is None:
            self.add_error(
                "residence",
                _(
                    "Your municipality does not issue the Ehrenamtskarte yet. Ask your town "
                    "hall whether it plans to take part."
                ),
            )
        return data


class EngagementForm(forms.ModelForm):
    place = MunicipalityField(label=_("Municipality of the engagement"))

    class Meta:
        model = Engagement
        fields = [
            "organisation",
            "field",
            "place",
            "activity",
            "contact_name",
            "contact_email",
            "hours_per_week",
            "hours_per_year",
            "since",
            "allowance_eur_per_year",
            "evidence_code",
        ]
        widgets = {"since": DATE}
        help_texts = {
            "contact_email": _("This person receives a link to confirm your engagement."),
            "hours_per_week": _("Per week or per year, on average."),
            "allowance_eur_per_year": _(
                "Flat-rate allowances only; reimbursed expenses do not count."
            ),
            "evidence_code": _(
                "If the organisation confirmed your hours on this platform already, its code "
                "replaces the confirmation link."
            ),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        week, year = data.get("hours_per_week"), data.get("hours_per_year")
        if week is None and year is None and not data.get("evidence_code"):
            self.add_error("hours_per_week", _("Give the hours per week or per year."))
        if week is not None and year is not None:
            self.add_error("hours_per_year", _("Give the hours either per week or per year."))
        return data

    def _post_clean(self) -> None:
        """The model's check of the hours runs in the service (an evidence code may stand in)."""


class BaseEngagementFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_many_forms": _("Please name at most %(num)d engagements."),
        "too_few_forms": _("Please name at least one engagement."),
    }


#: Five forms on the page: the first required, the other four used when filled in.
EngagementFormSet = forms.formset_factory(
    EngagementForm,
    formset=BaseEngagementFormSet,
    extra=4,
    min_num=1,
    validate_min=True,
    max_num=5,
    absolute_max=5,
    validate_max=True,
)


class ConfirmationForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        widget=forms.RadioSelect,
        choices=[
            ("confirm", _("I confirm the engagement as stated")),
            ("correct", _("I confirm it with other hours")),
            ("decline", _("I cannot confirm it")),
        ],
    )
    hours_per_week = forms.DecimalField(
        label=_("Correct hours per week"),
        required=False,
        min_value=0,
        max_digits=4,
        decimal_places=1,
    )
    hours_per_year = forms.IntegerField(
        label=_("Correct hours per year"), required=False, min_value=0, max_value=5000
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReviewFilterForm(FilterForm):
    filter_class = queries.ReviewFilter

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All states")),
            *[c for c in Application.Status.choices if c[0] != Application.Status.EMAIL_PENDING],
        ],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Application.Kind.choices]
    )
    issuer = forms.TypedChoiceField(
        label=_("Issuing authority"), required=False, coerce=int, empty_value=None
    )
    name = search_field()

    def __init__(self, *args: Any, issuers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_choices("issuer", [("", _("All issuers")), *[(i.pk, str(i)) for i in issuers]])


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the applicant"),
        help_text=_("The applicant reads the reason in the e-mail."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class IssuerCreateForm(forms.ModelForm):
    authority = forms.ModelChoiceField(
        label=_("Authority"),
        queryset=Authority.objects.filter(
            kind__in=(*Authority.MUNICIPAL_KINDS, *Authority.DISTRICT_KINDS),
            card_issuer__isnull=True,
        ).order_by("name"),
    )

    class Meta:
        model = Issuer
        fields = ["participating_since", "validity_years", "contact_email", "is_active"]
        widgets = {"participating_since": DATE}

    def __init__(self, *args: Any, authorities: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if authorities is not None:
            field = self.fields["authority"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = Authority.objects.filter(
                pk__in=[a.pk for a in authorities], card_issuer__isnull=True
            ).order_by("name")
        self.order_fields(["authority"])


class IssuerForm(forms.ModelForm):
    class Meta:
        model = Issuer
        fields = ["participating_since", "validity_years", "contact_email", "is_active"]
        widgets = {"participating_since": DATE}


class AreaForm(forms.Form):
    authorities = forms.ModelMultipleChoiceField(
        label=_("Gemeinden served"),
        queryset=Authority.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, issuer: Issuer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["authorities"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Authority.objects.filter(
            district=issuer.authority, kind__in=Authority.MUNICIPAL_KINDS
        ).order_by("name")


class LocalRuleForm(forms.ModelForm):
    class Meta:
        model = LocalRule
        fields = ["valid_from", "min_age", "min_years_engaged", "requires_local_link"]
        widgets = {"valid_from": DATE}


class CardStaffForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
