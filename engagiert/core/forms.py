from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _


class KernFormRenderer(TemplatesSetting):
    """Render every form and field with KERN UX markup (see templates/components/)."""

    form_template_name = "components/form.html"
    field_template_name = "components/field.html"


class FilterForm(forms.Form):
    """Filters of a list page: all optional, and a wrong value is dropped, never an error page.

    Subclasses name the dataclass that `filters()` fills (`filter_class`).
    """

    hide_optional_marker = True  # all filters are optional; saying so on each is noise
    filter_class: type[Any]

    def set_choices(self, name: str, choices: list[Any]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def filters(self) -> Any:
        """The valid filters; an invalid value (a stale link, a typo in the URL) is dropped."""
        if not self.is_bound:
            return self.filter_class()
        self.is_valid()  # cleaned_data then holds exactly the fields that are valid
        return self.filter_class(**{k: v for k, v in self.cleaned_data.items() if v})


def search_field() -> forms.CharField:
    """The free-text name filter of list pages."""
    return forms.CharField(
        label=_("Name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
