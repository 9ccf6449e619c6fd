from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from engagiert.core.forms import FilterForm

from . import engine, queries


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
    region = forms.CharField(label=_("Regierungsbezirk"), required=False, max_length=100)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        facets = queries.facet_choices()
        self.set_choices("kind", [("", _("Everything")), *queries.kind_choices()])
        self.set_choices("topic", [("", _("All topics")), *facets.get("topic", [])])
        self.set_choices(
            "authority_kind", [("", _("All kinds")), *facets.get("authority_kind", [])]
        )

    def filters(self) -> engine.Filters:
        if not self.is_bound:
            return engine.Filters()
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if v and k != "q"}
        return engine.Filters(**data)
