from django import forms
from django.utils.translation import gettext_lazy as _

from . import queries
from .models import Authority


class AuthorityFilterForm(forms.Form):
    """The filters of the authority list; every field is optional and wrong values are ignored."""

    hide_optional_marker = True  # all filters are optional; saying so on each is noise

    q = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    region = forms.ChoiceField(label=_("Regierungsbezirk"), required=False)
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

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._choice_field("kind").choices = [
            ("", _("All kinds")),
            ("gemeinden", _("All Gemeinden")),
            ("kreise", _("All Kreise and the Städteregion")),
            *Authority.Kind.choices,
        ]
        self._choice_field("region").choices = [
            ("", _("All Regierungsbezirke")),
            *queries.regions().values_list("ags", "name"),
        ]
        self._choice_field("district").choices = [
            ("", _("All Kreise")),
            *queries.districts().values_list("ags", "name"),
        ]

    def _choice_field(self, name: str) -> forms.ChoiceField:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        return field

    def filters(self) -> queries.AuthorityFilter:
        """The valid filters; an invalid value (a stale link, a typo in the URL) is dropped."""
        if not self.is_bound:
            return queries.AuthorityFilter()
        self.is_valid()  # cleaned_data then holds exactly the fields that are valid
        return queries.AuthorityFilter(**{k: v for k, v in self.cleaned_data.items() if v})


class AuthorityEditForm(forms.ModelForm):
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
        model = Authority
        fields = ["website", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
