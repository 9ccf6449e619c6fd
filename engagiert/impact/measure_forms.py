"""Forms of measures, their evidence and goals; the services check the rules across fields."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagiert.registry.models import Topic

from . import queries
from .forms import this_year
from .models import FIRST_YEAR, LAST_YEAR, Evidence, Indicator, Measure, Stage


class IndicatorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Indicator) -> str:
        return queries.current_version(obj).name


class MeasureForm(forms.ModelForm):
    indicators = IndicatorChoiceField(
        label=_("Indicators it aims at"),
        queryset=Indicator.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The goals of these indicators are shown with the measure."),
    )

    class Meta:
        model = Measure
        fields = [
            "title",
            "description",
            "target_groups",
            "topic",
            "start_year",
            "end_year",
            "indicators",
            "is_published",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicators"].queryset = queries.indicators()  # type: ignore[attr-defined]
        self.fields["topic"].queryset = Topic.objects.order_by("name")  # type: ignore[attr-defined]
        for name in ("start_year", "end_year"):
            field = self.fields[name]
            assert isinstance(field, forms.IntegerField)
            field.min_value, field.max_value = FIRST_YEAR, LAST_YEAR
            field.widget.attrs.update({"min": FIRST_YEAR, "max": LAST_YEAR})
            field.localize = False
        if not self.instance.pk:
            self.fields["start_year"].initial = this_year()

    def _post_clean(self) -> None:
        """The service validates the row; the form only checks its single fields."""


class EvidenceForm(forms.Form):
    stage = forms.TypedChoiceField(label=_("Stage"), choices=Stage.choices, coerce=int)
    kind = forms.ChoiceField(
        label=_("Kind of evidence"), choices=Evidence.Kind.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("What it shows"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("e.g. »42 of 50 participants would come again«."),
    )
    value = forms.DecimalField(
        label=_("Value"),
        required=False,
        max_digits=12,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("For a figure: the number."),
    )
    unit = forms.CharField(
        label=_("Unit"), max_length=50, required=False, help_text=_("e.g. »participants«, »%«.")
    )
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=300,
        required=False,
        help_text=_("Who collected it, e.g. »Feedback forms of the evening«."),
    )
    file = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=_("For a document: PDF, PNG or JPEG, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()


class GoalForm(forms.Form):
    indicator = forms.ChoiceField(label=_("Indicator"))
    year = forms.IntegerField(
        label=_("Target year"), min_value=FIRST_YEAR, max_value=LAST_YEAR, localize=False
    )
    target = forms.DecimalField(
        label=_("Target value"),
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("In the indicator's unit; whether more or less is better comes from it."),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, indicators: list[Indicator], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = {indicator.key: indicator for indicator in indicators}
        field = self.fields["indicator"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (
                indicator.key,
                f"{queries.current_version(indicator).name} ({indicator.get_unit_display()}, "
                f"{_('higher is better') if indicator.higher_is_better else _('lower is better')})",
            )
            for indicator in indicators
        ]
        self.fields["year"].initial = this_year() + 1

    def goal(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["indicator"] = self.indicators[data["indicator"]]
        return data
