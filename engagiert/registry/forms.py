from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from engagiert.core.forms import FilterForm, search_field

from . import queries
from .models import Authority


class PlaceFilterForm(FilterForm):
    """Name, kind and Regierungsbezirk: the filters every list of authorities shares."""

    q = search_field()
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    region = forms.ChoiceField(label=_("Regierungsbezirk"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_choices(
            "kind",
            [
                ("", _("All kinds")),
                ("gemeinden", _("All Gemeinden")),
                ("kreise", _("All Kreise and the Städteregion")),
                *Authority.Kind.choices,
            ],
        )
        self.set_choices(
            "region",
            [
                ("", _("All Regierungsbezirke")),
                *queries.regions().values_list("ags", "name"),
            ],
        )


class AuthorityFilterForm(PlaceFilterForm):
    """The filters of the authority list."""

    filter_class = queries.AuthorityFilter

    district = forms.ChoiceField(label=_("Kreis"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("name", _("Name")),
            ("-population", _("Population, largest first")),
            ("population", _("Population, smallest first")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_choices(
            "district",
            [
                ("", _("All Kreise")),
                *queries.districts().values_list("ags", "name"),
            ],
        )
