from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _


def add_service_error(form: forms.BaseForm, error: ValidationError) -> None:
    """A service's refusal at the form's field where it names one of them, else above the form
    (a field the form does not show must not turn the refusal into a server error)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def saved(form: forms.BaseForm, action: Callable[[], Any]) -> bool:
    """For a valid form, run the service `action`; False when the form or the service refuses
    (the service's ValidationError then stands at the form)."""
    if not form.is_valid():
        return False
    try:
        action()
    except ValidationError as error:
        add_service_error(form, error)
        return False
    return True


#: Django's label of the empty choice, which no one should ever see.
DJANGO_BLANK_LABEL = "---------"


def without_blank_dashes(bound: BoundField) -> None:
    """Replace Django's »---------«: an optional choice offers »Please choose« for nothing
    chosen; a required one offers no empty choice when radio buttons show it or a value is
    there already, and otherwise asks »Please choose« (a first option is never slipped in)."""
    field = bound.field
    radio = isinstance(field.widget, forms.RadioSelect)
    label = None if field.required and (radio or bound.initial) else _("Please choose")
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == DJANGO_BLANK_LABEL:
            field.empty_label = label
    elif isinstance(field, forms.ChoiceField):
        choices = list(field.choices)  # type: ignore[arg-type]  # normalised to a list
        if choices and choices[0] == ("", DJANGO_BLANK_LABEL):
            field.choices = choices[1:] if label is None else [("", label), *choices[1:]]


class KernFormRenderer(TemplatesSetting):
    """Render every form and field with KERN UX markup (see templates/components/); no field
    shows Django's »---------« (see `without_blank_dashes`)."""

    form_template_name = "components/form.html"
    field_template_name = "components/field.html"

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        bound = context.get("field")
        if isinstance(bound, BoundField):
            without_blank_dashes(bound)
        return super().render(template_name, context, request)


class FilterForm(forms.Form):
    """Filters of a list page: all optional, and a wrong value is dropped, never an error page.

    Subclasses name the dataclass that `filters()` fills (`filter_class`).
    """

    hide_optional_marker = True  # all filters are optional; saying so on each is noise
    hide_error_summary = True  # a wrong filter is dropped; no summary takes the focus
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
