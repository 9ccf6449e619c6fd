"""Forms of the self-assessment: the questionnaire, one question, a municipality's answers."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .assessment_services import Answer
from .forms import _year_field
from .models import AssessmentQuestion, AssessmentSection, Indicator, Questionnaire

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class QuestionnaireChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Questionnaire) -> str:
        return str(_("Questionnaire %(year)s") % {"year": obj.year})


class IndicatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Indicator) -> str:
        return obj.versions.order_by("-number").values_list("name", flat=True).first() or obj.key


class QuestionnaireForm(forms.Form):
    year = _year_field()
    opens_on = forms.DateField(label=_("Open from"), widget=DATE)
    closes_on = forms.DateField(label=_("Open until"), widget=DATE)
    intro = forms.CharField(
        label=_("Introduction"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    copy_from = QuestionnaireChoiceField(
        label=_("Questions"),
        queryset=Questionnaire.objects.all(),
        required=False,
        empty_label=_("the network's standard questionnaire"),
        help_text=_("Copy the questions of an earlier year, or start from the standard ones."),
    )

    def __init__(
        self, *args: Any, questionnaire: Questionnaire | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if questionnaire is not None:  # the year and the questions are fixed once created
            del self.fields["year"], self.fields["copy_from"]


class QuestionForm(forms.Form):
    section = forms.ModelChoiceField(
        label=_("Section"), queryset=AssessmentSection.objects.none(), required=False
    )
    new_section = forms.CharField(label=_("or a new section"), max_length=200, required=False)
    text = forms.CharField(label=_("Question"), max_length=300)
    help_text = forms.CharField(label=_("Explanation"), max_length=500, required=False)
    kind = forms.ChoiceField(
        label=_("Kind of answer"),
        choices=AssessmentQuestion.Kind.choices,
        widget=forms.RadioSelect,
    )
    scale_labels = forms.CharField(
        label=_("Labels of the scale points"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Only for a scale: five lines, from 1 to 5."),
    )
    unit = forms.CharField(
        label=_("Unit"),
        max_length=40,
        required=False,
        help_text=_("Only for a number, e.g. »Vollzeitäquivalente« or »Euro«."),
    )
    indicator = IndicatorChoiceField(
        label=_("The answer becomes the value of the indicator"),
        queryset=Indicator.objects.filter(source=Indicator.Source.MANUAL),
        required=False,
        empty_label=_("none"),
    )
    position = forms.IntegerField(label=_("Position in the section"), min_value=0, initial=100)

    def __init__(self, *args: Any, questionnaire: Questionnaire, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        section = self.fields["section"]
        assert isinstance(section, forms.ModelChoiceField)
        section.queryset = questionnaire.sections.all()

    def clean_scale_labels(self) -> str:
        labels = self.cleaned_data["scale_labels"]
        lines = [line for line in labels.splitlines() if line.strip()]
        if self.data.get("kind") == AssessmentQuestion.Kind.SCALE and len(lines) not in (0, 5):
            raise forms.ValidationError(_("Give five labels, one per line, or none."))
        return "\n".join(line.strip() for line in lines)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("section") and not data.get("new_section"):
            self.add_error("section", _("Choose a section or name a new one."))
        return data

    @staticmethod
    def initial_for(question: AssessmentQuestion) -> dict[str, Any]:
        return {
            f: getattr(question, f)
            for f in ("section", "text", "help_text", "kind", "scale_labels", "unit", "position")
        } | {"indicator": question.indicator_id}


REQUIRED = _("Please answer this question.")
LINKED = _("The answer becomes your indicator value for the year.")


def answer_field(question: AssessmentQuestion) -> forms.Field:
    """The field of one question, by its kind; required but free text (not in a draft)."""
    common: dict[str, Any] = {
        "label": question.text,
        "required": question.kind != AssessmentQuestion.Kind.TEXT,
        "error_messages": {"required": REQUIRED},
    }
    hint = question.help_text
    if question.indicator_id:
        hint = f"{hint} {LINKED}".strip()
    kinds = AssessmentQuestion.Kind
    if question.kind == kinds.YES_NO:
        return forms.TypedChoiceField(
            choices=[("1", _("yes")), ("0", _("no"))],
            coerce=Decimal,
            empty_value=None,
            widget=forms.RadioSelect,
            help_text=hint,
            **common,
        )
    if question.kind == kinds.SCALE:
        choices = [
            (str(point), f"{point} – {label}" if label else str(point))
            for point, label in enumerate(question.labels, start=1)
        ]
        return forms.TypedChoiceField(
            choices=choices,
            coerce=Decimal,
            empty_value=None,
            widget=forms.RadioSelect,
            help_text=hint,
            **common,
        )
    if question.kind == kinds.NUMBER:
        places = question.indicator.decimal_places if question.indicator else 2
        hint = f"{hint} ({question.unit})" if question.unit else hint
        return forms.DecimalField(
            min_value=Decimal(0),
            max_digits=12,
            decimal_places=places,
            localize=True,
            widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            help_text=hint,
            **common,
        )
    return forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=hint,
        **common,
    )


class ResponseForm(forms.Form):
    """One field per question (`q<id>`); submitting requires every question but free texts,
    a draft none; the German »required« message names what is missing."""

    def __init__(
        self,
        *args: Any,
        sections: list[AssessmentSection],
        submitting: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        self.questions: dict[str, AssessmentQuestion] = {}
        self.sections = sections
        for section in sections:
            for question in section.questions.all():
                name = f"q{question.pk}"
                self.questions[name] = question
                self.fields[name] = answer_field(question)
                if self.is_bound and not submitting:  # a draft may leave any question open
                    self.fields[name].required = False

    def grouped(self) -> list[tuple[AssessmentSection, list[forms.BoundField]]]:
        """The bound fields by section, for one fieldset per section."""
        return [
            (section, [self[f"q{q.pk}"] for q in section.questions.all()])
            for section in self.sections
        ]

    def answers(self) -> dict[AssessmentQuestion, Answer]:
        found: dict[AssessmentQuestion, Answer] = {}
        for name, question in self.questions.items():
            value = self.cleaned_data.get(name)
            if question.kind == AssessmentQuestion.Kind.TEXT:
                found[question] = (None, (value or "").strip())
            else:
                found[question] = (value, "")
        return found

    @staticmethod
    def initial_for(answers: dict[int, Any]) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        for question_id, answer in answers.items():
            if answer.text:
                initial[f"q{question_id}"] = answer.text
            elif answer.number is not None:
                kind = answer.question.kind
                whole = kind in (AssessmentQuestion.Kind.YES_NO, AssessmentQuestion.Kind.SCALE)
                initial[f"q{question_id}"] = str(int(answer.number)) if whole else answer.number
        return initial
