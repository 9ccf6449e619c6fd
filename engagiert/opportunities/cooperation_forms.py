from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from engagiert.core.forms import FilterForm
from engagiert.registry.forms import PlaceFilterForm
from engagiert.registry.models import Organisation
from engagiert.registry.queries import municipalities

from . import cooperation_queries as queries
from .cooperation_queries import CooperationFilter
from .models import (
    Cooperation,
    CorporateKind,
    CorporateMatch,
    CorporateNeed,
    CorporateOffer,
    Sector,
    SuccessFactor,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _checkbox_label(form: forms.BaseForm, name: str, label: Any) -> None:
    """A checkbox says everything in its label: help text beside it squeezes the label."""
    form.fields[name].label = label
    form.fields[name].help_text = ""


class OfferForm(forms.ModelForm):
    class Meta:
        model = CorporateOffer
        fields = [
            "kind",
            "title",
            "description",
            "team_size",
            "available_from",
            "available_until",
            "authority",
            "radius_km",
            "topics",
            "skills",
            "is_open",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "available_from": DATE,
            "available_until": DATE,
            "topics": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = municipalities()  # type: ignore[attr-defined]
        _checkbox_label(self, "is_open", _("Open for requests (closed entries are not listed)"))


class NeedForm(forms.ModelForm):
    class Meta:
        model = CorporateNeed
        fields = [
            "kind",
            "title",
            "description",
            "date_from",
            "date_until",
            "people",
            "skills",
            "authority",
            "address",
            "topics",
            "is_open",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "date_from": DATE,
            "date_until": DATE,
            "topics": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = municipalities()  # type: ignore[attr-defined]
        _checkbox_label(self, "is_open", _("Open for requests (closed entries are not listed)"))


class ProposeForm(forms.Form):
    """»Kontakt aufnehmen«: which of my offers (or needs) and a message."""

    mine = forms.ModelChoiceField(label=_("For"), queryset=CorporateOffer.objects.none())
    message = forms.CharField(
        label=_("Your message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The other side sees your organisation's name and this message."),
    )

    def __init__(self, *args: Any, mine: Any, label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["mine"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = mine
        field.label = label


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("accept", _("Accept")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=_("A few words (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RecordForm(forms.ModelForm):
    class Meta:
        model = CorporateMatch
        fields = ["engagement_date", "engagement_people", "engagement_hours", "engagement_report"]
        widgets = {"engagement_date": DATE, "engagement_report": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("engagement_date", "engagement_people", "engagement_hours"):
            self.fields[name].required = True


class CorporateFilterForm(FilterForm):
    filter_class = dict

    kind = forms.ChoiceField(
        label=_("Kind of engagement"),
        required=False,
        choices=[("", _("All kinds")), *CorporateKind.choices],
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_choices(
            "topic", [("", _("All topics")), *queries.topics().values_list("slug", "name")]
        )


class CooperationForm(forms.ModelForm):
    sectors = forms.MultipleChoiceField(
        label=_("Sectors involved"),
        choices=Sector.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one sector.")},
    )
    success_factors = forms.MultipleChoiceField(
        label=_("Success factors"),
        required=False,
        choices=SuccessFactor.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What makes the cooperation work – tick what applies."),
    )
    partner_organisations = forms.ModelMultipleChoiceField(
        label=_("Partners from the registry"),
        required=False,
        queryset=Organisation.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Organisations of the municipality and state-wide ones already in the registry; "
            "others go in the list above."
        ),
    )

    class Meta:
        model = Cooperation
        fields = [
            "name",
            "kind",
            "sectors",
            "purpose",
            "partners",
            "partner_organisations",
            "topics",
            "since",
            "success_factors",
            "success_notes",
            "contact_name",
            "contact_email",
            "contact_phone",
            "members_only",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "partners": forms.Textarea(attrs={"rows": 4}),
            "success_notes": forms.Textarea(attrs={"rows": 3}),
            "topics": forms.CheckboxSelectMultiple,
        }

    def __init__(
        self, *args: Any, authorities: Any = None, local_to: Any = None, **kwargs: Any
    ) -> None:
        """`authorities`: for the office, the municipalities to choose from; `local_to`: the
        keys of the municipalities whose organisations are offered as partners (None: all)."""
        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            kwargs.setdefault(
                "initial",
                {"sectors": instance.sector_codes, "success_factors": instance.factor_codes},
            )
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = Cooperation.Kind.choices  # a radio button for »no choice« is noise
        _checkbox_label(
            self, "members_only", _("Only for people of the network's member municipalities")
        )
        if local_to is not None:
            partners = self.fields["partner_organisations"]
            assert isinstance(partners, forms.ModelMultipleChoiceField)
            partners.queryset = Organisation.objects.filter(
                Q(authority__isnull=True) | Q(authority_id__in=local_to)
            ).order_by("name")
        if authorities is not None:
            self.fields["authority"] = forms.ModelChoiceField(
                label=_("Municipality"), queryset=authorities
            )
            self.order_fields(["authority"])

    def _post_clean(self) -> None:
        # The model stores the codes as text: the service sets them and validates the row.
        pass


class CooperationFilterForm(PlaceFilterForm):
    """Filters of the registry: words, kind of authority, Regierungsbezirk, kind of network,
    sector, success factor, topic."""

    filter_class = CooperationFilter

    art = forms.ChoiceField(
        label=_("Kind of network"),
        required=False,
        choices=[("", _("Mono- and multi-sector")), *Cooperation.Kind.choices],
    )
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("All sectors")), *Sector.choices]
    )
    factor = forms.ChoiceField(
        label=_("Success factor"),
        required=False,
        choices=[("", _("Any success factor")), *SuccessFactor.choices],
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].label = _("Words")
        self.fields["kind"].label = _("Kind of authority")
        self.set_choices(
            "topic", [("", _("All topics")), *queries.topics().values_list("slug", "name")]
        )
