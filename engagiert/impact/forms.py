from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagiert.core.uploads import spreadsheet_text

from . import queries
from .models import FIRST_YEAR, LAST_YEAR, Indicator, IndicatorVersion

#: Largest import file (bytes): some 400 authorities × 15 years fit many times over.
MAX_IMPORT_SIZE = 2 * 1024 * 1024


def this_year() -> int:
    return timezone.localdate().year


def _year_field(label: Any = None, **kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label or _("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR, **kwargs
    )


class IndicatorForm(forms.Form):
    """The catalogue entry: the indicator's fields and its definition (a version)."""

    key = forms.SlugField(
        label=_("Key"), max_length=60, help_text=_("Letters, digits and hyphens; never changes.")
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    definition = forms.CharField(label=_("Definition"), widget=forms.Textarea(attrs={"rows": 4}))
    level = forms.ChoiceField(label=_("Level (IOOI)"), choices=Indicator.Level.choices)
    higher_is_better = forms.TypedChoiceField(
        label=_("Direction"),
        choices=[("1", _("higher is better")), ("0", _("lower is better"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    unit = forms.ChoiceField(label=_("Unit"), choices=Indicator.Unit.choices)
    source = forms.ChoiceField(label=_("Source"), choices=Indicator.Source.choices)
    provider_key = forms.ChoiceField(
        label=_("Platform figure"),
        required=False,
        help_text=_("Only for automatic indicators: the figure an app of the platform provides."),
    )
    source_name = forms.CharField(
        label=_("Named source"),
        max_length=300,
        required=False,
        help_text=_("Only for external indicators, e.g. »Freiwilligensurvey 2019 (BMFSFJ)«."),
    )
    position = forms.IntegerField(label=_("Position in the catalogue"), min_value=0, initial=100)
    valid_from = _year_field(
        _("Definition valid from (year)"),
        help_text=_("Changing the definition keeps earlier years on their old version."),
    )

    def __init__(self, *args: Any, indicator: Indicator | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = queries.provider_choices()
        if indicator is not None:
            del self.fields["key"], self.fields["source"]
            if indicator.provider_key and indicator.provider_key not in dict(choices):
                choices.append((indicator.provider_key, f"{indicator.provider_key} – unavailable"))
        provider = self.fields["provider_key"]
        assert isinstance(provider, forms.ChoiceField)
        provider.choices = [("", "–"), *choices]
        self.fields["valid_from"].initial = this_year()

    @staticmethod
    def initial_for(indicator: Indicator, version: IndicatorVersion) -> dict[str, Any]:
        return {
            "name": version.name,
            "definition": version.definition,
            "source_name": version.source_name,
            "level": indicator.level,
            "higher_is_better": "1" if indicator.higher_is_better else "0",
            "unit": indicator.unit,
            "provider_key": indicator.provider_key,
            "position": indicator.position,
            "valid_from": max(version.valid_from, this_year()),
        }


def value_field(indicator: Indicator, label: str) -> forms.Field:
    """The form field of a manual indicator, by its unit."""
    help_text = str(indicator.get_unit_display())
    if indicator.unit == Indicator.Unit.YES_NO:
        return forms.TypedChoiceField(
            label=label,
            choices=[("", _("not given")), ("1", _("yes")), ("0", _("no"))],
            coerce=Decimal,
            empty_value=None,
            required=False,
        )
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        required=False,
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=indicator.decimal_places,
        validators=[MinValueValidator(Decimal(0))],
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


class ValuesForm(forms.Form):
    """One field per manual indicator, named by its key, valued in the version of the year."""

    def __init__(self, *args: Any, indicators: list[Indicator], year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = {indicator.key: indicator for indicator in indicators}
        for indicator in indicators:
            version = queries.version_for(indicator, year)
            self.fields[indicator.key] = value_field(indicator, version.name)

    def values(self) -> dict[Indicator, Decimal | None]:
        return {self.indicators[key]: self.cleaned_data.get(key) for key in self.indicators}


class YearForm(forms.Form):
    jahr = _year_field(required=False)

    def year(self) -> int:
        return (self.cleaned_data.get("jahr") if self.is_valid() else None) or this_year()


class SnapshotForm(forms.Form):
    year = _year_field(
        help_text=_("The automatic indicators of this year are computed and frozen.")
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Semicolon-separated, one line per value: AGS; year; value."),
    )
    dry_run = forms.BooleanField(
        label=_("Check only (dry run), save nothing"), required=False, initial=True
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_SIZE:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        upload.text = spreadsheet_text(upload.read())
        return upload


class PeerForm(forms.Form):
    indikator = forms.ChoiceField(label=_("Indicator"))
    jahr = _year_field(required=False)

    def __init__(self, *args: Any, indicators: list[Indicator], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = {i.key: i for i in indicators}
        chooser = self.fields["indikator"]
        assert isinstance(chooser, forms.ChoiceField)
        chooser.choices = [(i.key, queries.current_version(i).name) for i in indicators]

    def chosen(self) -> tuple[Indicator | None, int]:
        valid = self.is_valid()
        key = self.cleaned_data.get("indikator") if valid else None
        first = next(iter(self.indicators.values()), None)
        year = (self.cleaned_data.get("jahr") if valid else None) or this_year() - 1
        return self.indicators.get(key or "", first), year
