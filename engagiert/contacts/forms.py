from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagiert.core.forms import FilterForm
from engagiert.membership.models import ContactPerson
from engagiert.registry.models import Authority, Organisation

from . import queries
from .models import Activity, FollowUp
from .queries import (
    KIND_AUTHORITY,
    KIND_MEMBER,
    KIND_PARTNER,
    STATUS_ALL,
    STATUS_CURRENT,
    STATUS_LEFT,
    ContactFilter,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ContactFilterForm(FilterForm):
    filter_class = ContactFilter

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    tag = forms.ChoiceField(label=_("Tag"), required=False)
    authority = forms.ChoiceField(label=_("Municipality"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind of institution"),
        required=False,
        choices=[
            ("", _("All institutions")),
            (KIND_MEMBER, _("Member municipalities")),
            (KIND_AUTHORITY, _("Other municipalities")),
            (KIND_PARTNER, _("Partner institutions")),
        ],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            (STATUS_CURRENT, _("Current contacts")),
            (STATUS_LEFT, _("Left")),
            (STATUS_ALL, _("All")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_choices("tag", [("", _("All tags")), *((n, n) for n in queries.tag_names())])
        self.set_choices(
            "authority",
            [
                ("", _("All municipalities")),
                *queries.authorities_with_contacts().values_list("ags", "name"),
            ],
        )


class PersonForm(forms.ModelForm):
    """A person's details and tags; on creation also where they work."""

    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=600,
        help_text=_("Separated by commas, e.g. »Steuerungsgruppe, Kongress 2026«."),
        widget=forms.TextInput(attrs={"list": "tag-names", "autocomplete": "off"}),
    )

    class Meta:
        model = ContactPerson
        fields = ["name", "function", "department", "phone", "email", "is_primary"]
        widgets = {
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
        }

    def __init__(self, *args: Any, creating: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["tags"] = ", ".join(tag.name for tag in self.instance.tags.all())
        if creating:
            self.fields["authority"] = forms.ModelChoiceField(
                label=_("Municipality"),
                queryset=Authority.objects.order_by("name"),
                required=False,
                empty_label=_("Please choose"),
            )
            self.fields["organisation"] = forms.ModelChoiceField(
                label=_("or partner institution"),
                queryset=Organisation.objects.filter(partnerships__isnull=False)
                .distinct()
                .order_by("name"),
                required=False,
                empty_label=_("Please choose"),
                help_text=_("Choose either a municipality or a partner institution."),
            )
            self.order_fields(["authority", "organisation"])

    def tag_names(self) -> list[str]:
        return [name for name in self.cleaned_data.get("tags", "").split(",") if name.strip()]

    def _post_clean(self) -> None:
        # The institution is set by the service; the model's constraint is checked there.
        pass


class HandOverForm(forms.Form):
    """A person leaves: when, and who takes over (someone known, or someone new)."""

    ended_on = forms.DateField(label=_("Left on"), widget=DATE)
    successor = forms.ModelChoiceField(
        label=_("Successor (already in the contacts)"),
        queryset=ContactPerson.objects.none(),
        required=False,
        empty_label=_("Nobody from the list"),
    )
    name = forms.CharField(label=_("or a new successor: name"), required=False, max_length=200)
    email = forms.EmailField(label=_("E-mail of the new successor"), required=False)
    phone = forms.CharField(
        label=_("Phone of the new successor"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"type": "tel"}),
    )

    take_over_roles = forms.BooleanField(label=_("Take over the roles"), required=False)

    def __init__(self, *args: Any, person: ContactPerson, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("ended_on", timezone.localdate())
        roles = queries.account_roles(person)
        if roles:
            self.fields["take_over_roles"].help_text = _(
                "The successor's account gets the roles of %(name)s for %(authority)s: "
                "%(roles)s (told by e-mail, with a link to choose a password if new). The "
                "account of %(name)s loses them once the leaving day has come."
            ) % {
                "name": person.name,
                "authority": person.authority,
                "roles": ", ".join(str(role.get_role_display()) for role in roles),
            }
        else:
            del self.fields["take_over_roles"]
        successor = self.fields["successor"]
        assert isinstance(successor, forms.ModelChoiceField)
        successor.queryset = ContactPerson.objects.filter(
            authority=person.authority,
            organisation=person.organisation,
            ended_on__isnull=True,
        ).exclude(pk=person.pk)

    def successor_data(self) -> dict[str, str] | None:
        data = {key: self.cleaned_data.get(key) or "" for key in ("name", "email", "phone")}
        return data if data["name"] else None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("name") and (cleaned.get("email") or cleaned.get("phone")):
            self.add_error("name", _("Please give the new successor's name."))
        return cleaned


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["kind", "happened_on", "text"]
        widgets = {"happened_on": DATE, "text": forms.Textarea(attrs={"rows": 3})}
        labels = {"text": _("What happened or what to remember")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("happened_on", timezone.localdate())


class ColleagueChoiceField(forms.ModelChoiceField):
    """A colleague of the office by name (the address where the account has no name)."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.email)


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["title", "due_on", "assignee"]
        widgets = {"due_on": DATE}
        field_classes = {"assignee": ColleagueChoiceField}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        assignee = self.fields["assignee"]
        assert isinstance(assignee, forms.ModelChoiceField)
        assignee.queryset = queries.office_colleagues()
        assignee.empty_label = None
        assignee.required = True
        self.initial.setdefault("assignee", user.pk)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Contact list"),
        help_text=_(
            "Excel (.xlsx) or CSV (UTF-8 or Windows-1252, separated by ; or ,), at most 5 MB. "
            "The first row names the columns: Name (or Vorname and Nachname), Funktion, "
            "Abteilung, Telefon, E-Mail, AGS or Kommune, Schlagworte."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,.csv,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )
