from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from engagiert.core.validators import no_control_characters
from engagiert.registry.models import Authority

from .models import (
    CohortApplication,
    ConsultationSlot,
    EvaluationResponse,
    ExpertInput,
    Resource,
    Session,
    Thread,
    TopicProposal,
)


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


class ResourceForm(forms.ModelForm):
    url = forms.URLField(label=_("link"), required=False, assume_scheme="https")

    class Meta:
        model = Resource
        fields = ["title", "description", "url", "tags"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ThreadForm(forms.ModelForm):
    body = forms.CharField(label=_("First contribution"), widget=forms.Textarea(attrs={"rows": 4}))

    class Meta:
        model = Thread
        fields = ["title"]


class PostForm(forms.Form):
    body = forms.CharField(label=_("Your contribution"), widget=forms.Textarea(attrs={"rows": 4}))


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = EvaluationResponse
        fields = ["phase", "strategy", "cooperation", "competence", "comment"]
        widgets = {
            "strategy": forms.RadioSelect,
            "cooperation": forms.RadioSelect,
            "competence": forms.RadioSelect,
            "comment": forms.Textarea(attrs={"rows": 3}),
        }
