from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from engagiert.core.validators import no_control_characters
from engagiert.registry.models import Authority

from .models import (
    Cohort,
    CohortApplication,
    ConsultationSlot,
    EvaluationResponse,
    ExpertInput,
    PanelScore,
    Resource,
    Session,
    Thread,
    TopicProposal,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CohortForm(forms.ModelForm):
    """The office's cohort with its call for applications."""

    class Meta:
        model = Cohort
        fields = [
            "number",
            "title",
            "starts_on",
            "ends_on",
            "max_sites",
            "operator",
            "evaluator",
            "partner_note",
            "call_text",
            "application_deadline",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "application_deadline": DATETIME,
            "call_text": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "application_deadline": _(
                "Until when municipalities can apply (Berlin time); empty: no call yet."
            ),
            "max_sites": _("The selection is capped at this number of sites."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("operator", "evaluator"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = field.queryset.order_by("name")  # type: ignore[union-attr]
            field.empty_label = _("Please choose") if name == "operator" else _("No evaluation")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end cannot lie before the start."))
        return data


class CallForm(forms.Form):
    application_deadline = forms.DateTimeField(
        label=_("Applications until"),
        widget=DATETIME,
        help_text=_("Berlin time. The call opens at once and closes at this moment."),
    )


class PanelScoreForm(forms.ModelForm):
    score = forms.TypedChoiceField(
        label=_("Score"),
        choices=PanelScore.SCALE,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("1 = does not convince, 5 = fully convinces"),
        error_messages={"required": _("Please give a score from 1 to 5.")},
    )

    class Meta:
        model = PanelScore
        fields = ["score", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}


class CohortApplicationForm(forms.ModelForm):
    """The application with its two-person development team."""

    authority = forms.ModelChoiceField(label=_("Municipality"), queryset=Authority.objects.none())
    member_1_name = forms.CharField(
        label=_("Team member 1: name"), max_length=200, validators=[no_control_characters]
    )
    member_1_function = forms.CharField(label=_("Team member 1: function"), max_length=200)
    member_1_email = forms.EmailField(label=_("Team member 1: e-mail"))
    member_2_name = forms.CharField(
        label=_("Team member 2: name"), max_length=200, validators=[no_control_characters]
    )
    member_2_function = forms.CharField(label=_("Team member 2: function"), max_length=200)
    member_2_email = forms.EmailField(label=_("Team member 2: e-mail"))

    class Meta:
        model = CohortApplication
        fields = ["authority", "motivation", "goals", "existing"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4}) for name in ("motivation", "goals", "existing")
        }

    def __init__(self, *args: Any, authorities: list[Authority], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["authority"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Authority.objects.filter(pk__in=[a.pk for a in authorities])
        if len(authorities) == 1:
            field.initial = authorities[0].pk
            field.widget = forms.HiddenInput()
        if self.instance.pk:
            for member in self.instance.team.all():
                for part in ("name", "function", "email"):
                    self.fields[f"member_{member.position}_{part}"].initial = getattr(member, part)

    def team(self) -> list[dict[str, str]]:
        return [
            {
                part: self.cleaned_data[f"member_{n}_{part}"]
                for part in ("name", "function", "email")
            }
            for n in (1, 2)
        ]


class SelectionForm(forms.Form):
    selected = forms.ModelMultipleChoiceField(
        label=_("Selected sites"),
        required=False,
        queryset=CohortApplication.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, applications: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["selected"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = applications
        field.initial = [a.pk for a in applications if a.status == "selected"]


class ProposalForm(forms.ModelForm):
    class Meta:
        model = TopicProposal
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["number", "date", "place", "title", "notes"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }


class AdoptForm(forms.Form):
    proposals = forms.ModelMultipleChoiceField(
        label=_("Topics for this workshop"),
        queryset=TopicProposal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, proposals: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["proposals"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = proposals


class ExpertInputForm(forms.ModelForm):
    material_url = forms.URLField(label=_("material (link)"), required=False, assume_scheme="https")

    class Meta:
        model = ExpertInput
        fields = ["speaker", "title", "material_url"]


class SlotForm(forms.ModelForm):
    class Meta:
        model = ConsultationSlot
        fields = ["starts_at", "ends_at", "advisor", "place"]
        widgets = {
            name: forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
            for name in ("starts_at", "ends_at")
        }


DOCUMENT_ACCEPT = ".pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp"


class ResourceForm(forms.ModelForm):
    url = forms.URLField(label=_("link"), required=False, assume_scheme="https")
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF or office document (Word, Excel, PowerPoint, OpenDocument), up to 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": DOCUMENT_ACCEPT}),
    )

    class Meta:
        model = Resource
        fields = ["title", "description", "url", "file", "tags"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    minutes_file = forms.FileField(
        label=_("Minutes as a file"),
        required=False,
        help_text=_("PDF or office document, up to 10 MB; replaces an earlier file."),
        widget=forms.FileInput(attrs={"accept": DOCUMENT_ACCEPT}),
    )
    remove_file = forms.BooleanField(label=_("Remove the stored file"), required=False)


class ThreadForm(forms.ModelForm):
    body = forms.CharField(label=_("First contribution"), widget=forms.Textarea(attrs={"rows": 4}))

    class Meta:
        model = Thread
        fields = ["title"]


class PostForm(forms.Form):
    body = forms.CharField(label=_("Your contribution"), widget=forms.Textarea(attrs={"rows": 4}))


def _likert(name: str) -> forms.TypedChoiceField:
    """A required answer on the 1–5 scale: five radio buttons, none preselected, no blank."""
    field = EvaluationResponse._meta.get_field(name)
    assert isinstance(field, models.Field)
    return forms.TypedChoiceField(
        label=field.verbose_name,
        choices=EvaluationResponse.SCALE,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose an answer from 1 to 5.")},
    )


class EvaluationForm(forms.ModelForm):
    phase = forms.ChoiceField(
        label=_("Questionnaire"),
        choices=EvaluationResponse.Phase.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose the questionnaire you answer.")},
    )
    strategy = _likert("strategy")
    cooperation = _likert("cooperation")
    competence = _likert("competence")

    class Meta:
        model = EvaluationResponse
        fields = ["phase", "strategy", "cooperation", "competence", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}
