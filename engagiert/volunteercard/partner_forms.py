"""Forms of the benefit partners, their benefits, the public benefit list and the staff pages."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from engagiert.core.forms import FilterForm, search_field
from engagiert.registry.queries import municipalities

from . import partner_queries
from .models import Benefit, BenefitPartner, PartnerLocation
from .partners import coordinates_problem

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _coordinates_checked(form: forms.BaseForm) -> dict[str, Any]:
    """Both coordinates or neither, said at the field together with the form's other errors."""
    if problem := coordinates_problem(form.cleaned_data):
        form.add_error("longitude", problem)
    return form.cleaned_data


def gemeinde_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Town or municipality"),
        queryset=municipalities(),
        empty_label=_("Please choose"),
    )


def coordinate_field(label: Any, lowest: int, highest: int) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=lowest,
        max_value=highest,
        help_text=_("Optional; without it the map shows the municipality's centre."),
    )


class LocationForm(forms.ModelForm):
    authority = gemeinde_field()
    latitude = coordinate_field(_("Latitude (e.g. 52.028)"), -90, 90)
    longitude = coordinate_field(_("Longitude (e.g. 8.899)"), -180, 180)

    class Meta:
        model = PartnerLocation
        fields = ["name", "street", "postcode", "authority", "latitude", "longitude"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.at_municipality_centre:
            self.initial.update(latitude=None, longitude=None)

    def clean(self) -> dict[str, Any]:
        return _coordinates_checked(self)

    def _post_clean(self) -> None:
        """Missing coordinates are the service's to fill in (location_save), not an error."""


class PartnerRegistrationForm(forms.Form):
    """A new partner: the organisation, a contact and the first location."""

    organisation_name = forms.CharField(
        label=_("Name of the business or institution"), max_length=200
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    contact_name = forms.CharField(label=_("Contact person"), max_length=150)
    contact_email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("Your login to the platform; the decision is sent here."),
    )
    phone = forms.CharField(label=_("Telephone"), max_length=40, required=False)
    description = forms.CharField(
        label=_("What card holders should know"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    name = forms.CharField(label=_("Name of the location"), max_length=200)
    street = forms.CharField(label=_("Street and number"), max_length=200, required=False)
    postcode = forms.RegexField(
        label=_("Postcode"),
        regex=r"^[0-9]{5}$",
        required=False,
        error_messages={"invalid": _("A postcode has five digits.")},
    )
    authority = gemeinde_field()
    latitude = coordinate_field(_("Latitude (e.g. 52.028)"), -90, 90)
    longitude = coordinate_field(_("Longitude (e.g. 8.899)"), -180, 180)
    consent = forms.BooleanField(
        label=_(
            "We agree that our name, locations and benefits are published on the benefits map "
            "once the card office has approved us."
        )
    )

    LOCATION = ("name", "street", "postcode", "authority", "latitude", "longitude")

    def clean(self) -> dict[str, Any]:
        return _coordinates_checked(self)

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "organisation_name": data["organisation_name"].strip(),
            "website": data["website"],
            "contact_name": data["contact_name"].strip(),
            "contact_email": data["contact_email"],
            "phone": data["phone"],
            "description": data["description"],
            "location": {key: data[key] for key in self.LOCATION},
        }


class PartnerForm(forms.ModelForm):
    class Meta:
        model = BenefitPartner
        fields = ["contact_name", "contact_email", "phone", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class BenefitForm(forms.ModelForm):
    locations = forms.ModelMultipleChoiceField(
        label=_("Locations"),
        queryset=PartnerLocation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one location.")},
    )

    class Meta:
        model = Benefit
        fields = [
            "title",
            "category",
            "kind",
            "percent",
            "amount_eur",
            "conditions",
            "valid_from",
            "valid_until",
            "statewide",
            "locations",
        ]
        widgets = {
            "conditions": forms.Textarea(attrs={"rows": 3}),
            "valid_from": DATE_WIDGET,
            "valid_until": DATE_WIDGET,
        }

    def __init__(self, *args: Any, partner: BenefitPartner, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["locations"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = partner.locations.select_related("authority").order_by("name", "pk")
        # One line beside the checkbox reads better than a label and a hint.
        self.fields["statewide"].label = _(
            "For holders of every card in NRW (otherwise only for cards of the local issuer)"
        )
        self.fields["statewide"].help_text = ""
        self.fields["percent"].help_text = _("Only for »Percent off«.")
        self.fields["amount_eur"].help_text = _("Only for »Amount off«.")

    def _post_clean(self) -> None:
        """The rules that span fields are the service's (benefit_save), stated at the field."""


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (required for a rejection)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BenefitFilterForm(FilterForm):
    filter_class = partner_queries.BenefitFilter

    q = search_field()
    category = forms.ChoiceField(label=_("Category"), required=False)
    kind = forms.ChoiceField(label=_("Kind of benefit"), required=False)
    kreis = forms.ChoiceField(label=_("Kreis or kreisfreie Stadt"), required=False)
    gemeinde = forms.ChoiceField(label=_("Town or municipality"), required=False)
    statewide = forms.BooleanField(label=_("Only for holders of every card in NRW"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].label = _("Search")
        self.set_choices("category", [("", _("All categories")), *Benefit.Category.choices])
        self.set_choices("kind", [("", _("All kinds")), *Benefit.Kind.choices])
        self.set_choices(
            "kreis", [("", _("All of NRW")), *partner_queries.kreise().values_list("ags", "name")]
        )
        gemeinden = partner_queries.gemeinden_with_partners().values_list("ags", "name")
        self.set_choices("gemeinde", [("", _("All towns")), *gemeinden])


class PartnerStatusFilterForm(FilterForm):
    filter_class = partner_queries.PartnerFilter

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *BenefitPartner.Status.choices],
    )
