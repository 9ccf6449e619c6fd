from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FeedbackCase, NoteVersion, Page, PageVersion

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PageVersionForm(forms.ModelForm):
    """A new version of a legal page, started from the current one."""

    class Meta:
        model = PageVersion
        fields = [
            "body",
            "conformity",
            "barriers",
            "prepared_on",
            "reviewed_on",
            "method",
            "enforcement_body",
        ]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 18}),
            "barriers": forms.Textarea(attrs={"rows": 5}),
            "method": forms.Textarea(attrs={"rows": 3}),
            "enforcement_body": forms.Textarea(attrs={"rows": 6}),
            "prepared_on": DATE,
            "reviewed_on": DATE,
        }

    def __init__(self, *args: Any, page: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if page != Page.ACCESSIBILITY:
            for name in list(self.fields):
                if name != "body":
                    del self.fields[name]
            return
        self.fields["body"].label = _("Introduction and what the platform does")
        for name in ("conformity", "prepared_on", "reviewed_on", "method", "enforcement_body"):
            self.fields[name].required = True
        conformity = self.fields["conformity"]
        assert isinstance(conformity, forms.ChoiceField)
        conformity.choices = PageVersion.Conformity.choices
        conformity.widget = forms.RadioSelect(choices=PageVersion.Conformity.choices)


class FeedbackForm(forms.ModelForm):
    """The accessibility statement's feedback form; the name may stay empty."""

    class Meta:
        model = FeedbackCase
        fields = ["name", "email", "page_url", "description"]
        labels = {
            "name": _("Your name"),
            "email": _("Your e-mail address for our answer"),
            "page_url": _("Which page or content is concerned?"),
            "description": _("Which barrier did you meet?"),
        }
        help_texts = {"page_url": _("The address or the title of the page.")}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
        }


class FeedbackAnswerForm(forms.Form):
    reply = forms.CharField(
        label=_("Answer to the sender"), widget=forms.Textarea(attrs={"rows": 6})
    )


class NoteVersionForm(forms.ModelForm):
    """A new version of a form's privacy note, started from the current one."""

    class Meta:
        model = NoteVersion
        fields = ["purpose", "legal_basis", "retention"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}
