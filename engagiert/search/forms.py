from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from engagiert.core.forms import FilterForm

from . import analysis, engine, queries
from .models import Synonym


class SearchForm(FilterForm):
    """The query and the facet filters; kinds, topics and kinds of authority come from the
    apps that provide documents."""

    filter_class = engine.Filters

    q = forms.CharField(
        label=_("Search for"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    authority_kind = forms.ChoiceField(label=_("Kind of municipality"), required=False)
    region = forms.ChoiceField(label=_("Regierungsbezirk"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        facets = queries.facet_choices()
        self.set_choices("kind", [("", _("Everything")), *queries.kind_choices()])
        self.set_choices("topic", [("", _("All topics")), *facets.get("topic", [])])
        self.set_choices(
            "authority_kind", [("", _("All kinds")), *facets.get("authority_kind", [])]
        )
        self.set_choices("region", [("", _("All regions")), *((r, r) for r in queries.regions())])

    def filters(self) -> engine.Filters:
        if not self.is_bound:
            return engine.Filters()
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if v and k != "q"}
        return engine.Filters(**data)


class SynonymForm(forms.ModelForm):
    """A group of words of the same meaning, separated by commas."""

    class Meta:
        model = Synonym
        fields = ["words"]

    def clean_words(self) -> str:
        members = [w.strip() for w in self.cleaned_data["words"].split(",") if w.strip()]
        if len(members) < 2:
            raise forms.ValidationError(
                _("Name at least two words or phrases, separated by commas.")
            )
        if any(not analysis.terms(member) for member in members):
            raise forms.ValidationError(
                _("Each entry needs a searchable word (not only a number or a stop word).")
            )
        return ", ".join(dict.fromkeys(members))
