from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from engagiert.registry.models import Topic

from .models import AssistanceOffer, KnowledgeItem, Question
from .services import ITEM_FIELDS


class KnowledgeItemForm(forms.ModelForm):
    class Meta:
        model = KnowledgeItem
        fields = ITEM_FIELDS
        widgets = {
            **{
                name: forms.Textarea(attrs={"rows": 4})
                for name in ("summary", "problem", "approach", "resources_used", "results")
            },
            "topics": forms.CheckboxSelectMultiple,
        }


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(label=_("Merge into"), queryset=KnowledgeItem.objects.none())

    def __init__(self, *args: Any, item: KnowledgeItem, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["into"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = KnowledgeItem.objects.filter(
            status=KnowledgeItem.Status.PUBLISHED, merged_into__isnull=True
        ).exclude(pk=item.pk)


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["title", "body", "topics"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 5}),
            "topics": forms.CheckboxSelectMultiple,
        }


class AnswerForm(forms.Form):
    body = forms.CharField(label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 5}))


class FollowForm(forms.Form):
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics I follow"),
        required=False,
        queryset=Topic.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
    )


class OfferForm(forms.ModelForm):
    class Meta:
        model = AssistanceOffer
        fields = ["title", "description", "topics", "contact", "effort", "is_active"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "topics": forms.CheckboxSelectMultiple,
        }


class RequestForm(forms.Form):
    message = forms.CharField(
        label=_("What do you need?"), widget=forms.Textarea(attrs={"rows": 4})
    )


class ReplyForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[("accept", _("Accept")), ("decline", _("Decline"))],
    )
    reply = forms.CharField(
        label=_("Reply"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("PDF file"),
        help_text=_("PDF only, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
