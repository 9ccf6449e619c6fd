from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from engagiert.events.models import Event
from engagiert.membership.models import Membership
from engagiert.registry.models import Authority, Topic

from .models import Article
from .services import ARTICLE_FIELDS


class ArticleForm(forms.ModelForm):
    """An article; `authorities` are those the writer may name (an officer: their own)."""

    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 5 MB. With a photo, its credit line is required."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    field_order = [*ARTICLE_FIELDS[:3], "photo", *ARTICLE_FIELDS[3:]]

    class Meta:
        model = Article
        fields = ARTICLE_FIELDS
        widgets = {
            "teaser": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 12}),
            "topics": forms.CheckboxSelectMultiple,
            "visibility": forms.RadioSelect,
        }

    def __init__(
        self, *args: Any, authorities: list[Authority] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        authority = self.fields["authority"]
        assert isinstance(authority, forms.ModelChoiceField)
        if authorities is None:  # the office: any member municipality, or none
            authority.queryset = Authority.objects.filter(
                pk__in=Membership.objects.filter(until__isnull=True).values("authority_id")
            ).order_by("name")
            authority.empty_label = _("The whole network")
        else:
            authority.queryset = Authority.objects.filter(
                pk__in=[a.pk for a in authorities]
            ).order_by("name")
            authority.required = True
            authority.empty_label = None if len(authorities) == 1 else _("Please choose")
        event = self.fields["event"]
        assert isinstance(event, forms.ModelChoiceField)
        event.queryset = Event.objects.filter(status=Event.Status.PUBLISHED).order_by("-starts_at")
        event.empty_label = _("No event")
        topics = self.fields["topics"]
        assert isinstance(topics, forms.ModelMultipleChoiceField)
        topics.queryset = Topic.objects.order_by("name")


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("What should the author change?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("PDF file"),
        help_text=_("PDF only, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )


class TopicFilterForm(forms.Form):
    thema = forms.ModelChoiceField(
        label=_("Topic"),
        required=False,
        queryset=Topic.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("All topics"),
    )
