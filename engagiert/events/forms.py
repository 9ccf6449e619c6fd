import datetime
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from engagiert.audiences.models import Segment
from engagiert.core.forms import FilterForm
from engagiert.membership.queries import topics

from . import queries, services
from .models import AgendaItem, Event, Feedback, Question, Registration, Result


class EventFilterForm(FilterForm):
    filter_class = queries.EventFilter

    when = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[("upcoming", _("Upcoming")), ("past", _("Past")), ("all", _("All"))],
    )
    kind = forms.ChoiceField(
        label=_("Format"), required=False, choices=[("", _("All formats")), *Event.Kind.choices]
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    topic = forms.ChoiceField(label=_("Topic"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_choices(
            "year", [("", _("All years")), *[(y, str(y)) for y in queries.event_years()]]
        )
        self.set_choices("topic", [("", _("All topics")), *topics().values_list("slug", "name")])


class WorkshopChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: AgendaItem) -> str:
        taken = getattr(obj, "taken", 0)
        places = (
            ""
            if obj.capacity is None
            else f" – {max(obj.capacity - taken, 0)} " + str(_("places free"))
        )
        return f"{obj} ({obj.room}){places}" if obj.room else f"{obj}{places}"


def question_field(question: Question) -> forms.Field:
    """The form field of one of the event's own registration questions."""
    if question.kind == Question.Kind.TEXT:
        return forms.CharField(label=question.text, required=question.required, max_length=1000)
    options = (
        [(services.YES, _("yes")), (services.NO, _("no"))]
        if question.kind == Question.Kind.YES_NO
        else [(option, option) for option in question.options]
    )
    return forms.ChoiceField(
        label=question.text,
        required=question.required,
        choices=options,
        widget=forms.RadioSelect,
    )


@dataclass
class WorkshopSlot:
    """Workshops that overlap in time: one may be chosen of them, or none."""

    starts_at: datetime.datetime
    ends_at: datetime.datetime
    choices: list[tuple[str, str]] = field(default_factory=list)


def workshop_slots(workshops: list[AgendaItem], label: Any) -> list[WorkshopSlot]:
    """Group the workshops into time slots: each slot holds the workshops that overlap."""
    slots: list[WorkshopSlot] = []
    for workshop in sorted(workshops, key=lambda w: (w.starts_at, w.title)):
        if not slots or workshop.starts_at >= slots[-1].ends_at:
            slots.append(WorkshopSlot(workshop.starts_at, workshop.ends_at))
        slot = slots[-1]
        slot.ends_at = max(slot.ends_at, workshop.ends_at)
        slot.choices.append((str(workshop.pk), label(workshop)))
    return slots


class WorkshopSlotsWidget(forms.Widget):
    """One radio group per time slot, »none« first: a clash of workshops cannot be chosen.
    A plain list under the field's name (`workshops=1&workshops=2`) is read as well."""

    template_name = "events/widgets/workshop_slots.html"
    use_fieldset = True

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.slots: list[WorkshopSlot] = []

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str]:
        plain = data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])
        chosen = [data.get(f"{name}_{index}") for index in range(len(self.slots))]
        return [*plain, *[value for value in chosen if value]]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        chosen = {str(v) for v in (value or [])}
        context["widget"]["slots"] = [
            {
                "name": f"{name}_{index}",
                "id": f"{context['widget']['attrs'].get('id', name)}_{index}",
                "slot": slot,
                "chosen": next((pk for pk, _label in slot.choices if pk in chosen), ""),
            }
            for index, slot in enumerate(self.slots)
        ]
        return context


def _offer_workshops(choice: forms.Field, workshops: list[AgendaItem]) -> None:
    """Offer these workshops (annotated with `taken`) as radio groups per time slot."""
    assert isinstance(choice, WorkshopChoiceField)
    assert isinstance(choice.widget, WorkshopSlotsWidget)
    choice.queryset = AgendaItem.objects.filter(pk__in=[w.pk for w in workshops])
    choice.widget.slots = workshop_slots(workshops, choice.label_from_instance)


def workshop_field() -> WorkshopChoiceField:
    return WorkshopChoiceField(
        label=_("Workshops"),
        required=False,
        queryset=AgendaItem.objects.none(),
        widget=WorkshopSlotsWidget,
        help_text=_("Workshops at the same time exclude each other: choose one or none."),
    )


class RegistrationForm(forms.ModelForm):
    """Registration; name and e-mail are asked only of people without an account."""

    workshops = workshop_field()

    needs_consent = forms.BooleanField(
        label=services.NEEDS_CONSENT_WORDING,
        required=False,
        help_text=_("Needed only if you name needs above; you can withdraw it at any time."),
    )

    class Meta:
        model = Registration
        fields = ["name", "email", "organisation_name", "workshops", "needs", "list_consent"]
        widgets = {"needs": forms.Textarea(attrs={"rows": 3})}

    field_order = [*Meta.fields[:5], "needs_consent", "list_consent"]

    def __init__(self, *args: Any, event: Event, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        workshops = [item for item in event.agenda.all() if item.kind == AgendaItem.Kind.WORKSHOP]
        _offer_workshops(self.fields["workshops"], workshops)
        if not workshops:
            del self.fields["workshops"]
        if getattr(user, "is_authenticated", False):
            del self.fields["name"]
            del self.fields["email"]
        self.event, self.user = event, user
        self.questions = list(event.questions.all())
        for question in self.questions:
            self.fields[f"question_{question.pk}"] = question_field(question)
        self.order_fields([*self.field_order[:4], *[f"question_{q.pk}" for q in self.questions]])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["answers"] = {q: cleaned.pop(f"question_{q.pk}", "") or "" for q in self.questions}
        if cleaned.get("needs", "").strip() and not cleaned.get("needs_consent"):
            # Art. 9 Abs. 2 lit. a DSGVO: health-related needs only with explicit consent.
            self.add_error("needs_consent", services.NEEDS_CONSENT_MISSING)
        user = self.user if getattr(self.user, "is_authenticated", False) else None
        services.registration_check_allowed(event=self.event, user=user)
        return cleaned


class WorkshopChangeForm(forms.Form):
    """Choose other workshops on one's registration page."""

    workshops = workshop_field()

    def __init__(self, *args: Any, registration: Registration, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offer_workshops(
            self.fields["workshops"], queries.workshops_with_places(registration.event)
        )
        self.fields["workshops"].initial = [w.pk for w in registration.workshops.all()]


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["overall", "usefulness", "comment"]
        widgets = {
            "overall": forms.RadioSelect,
            "usefulness": forms.RadioSelect,
            "comment": forms.Textarea(attrs={"rows": 4}),
        }


# --- The office's event pages ----------------------------------------------------------------

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _please_choose(field: forms.Field, choices: list[Any]) -> None:
    assert isinstance(field, forms.ChoiceField)
    field.choices = [("", _("Please choose")), *choices]


class EventForm(forms.ModelForm):
    """Everything of an event the office sets; the status changes by »publish«."""

    online_url = forms.URLField(
        label=Event._meta.get_field("online_url").verbose_name,
        help_text=Event._meta.get_field("online_url").help_text,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "description",
            "starts_at",
            "ends_at",
            "venue_name",
            "venue_address",
            "online_url",
            "is_public",
            "audience",
            "capacity",
            "registration_deadline",
            "reminder_days",
            "topics",
            "organisers",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "registration_deadline": DATETIME,
            "topics": forms.CheckboxSelectMultiple,
            "organisers": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "audience": _(
                "Who besides the members may register for a members-only event, e.g. the "
                "development teams of a cohort."
            ),
            "organisers": _("Their people see the participants, like the office."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _please_choose(self.fields["kind"], Event.Kind.choices)
        audience = self.fields["audience"]
        assert isinstance(audience, forms.ModelChoiceField)
        audience.empty_label = _("Members of the network only")
        topics_field = self.fields["topics"]
        assert isinstance(topics_field, forms.ModelMultipleChoiceField)
        topics_field.queryset = topics()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The event cannot end before it starts."))
        deadline = cleaned.get("registration_deadline")
        if starts and deadline and deadline > starts:
            self.add_error(
                "registration_deadline", _("Registration must close before the event starts.")
            )
        return cleaned


class EventCopyForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("New start"),
        widget=DATETIME,
        help_text=_("The end, the deadline and the programme move by the same time."),
    )


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = [
            "kind",
            "title",
            "starts_at",
            "ends_at",
            "room",
            "moderators",
            "capacity",
            "description",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "kind": _(
                "Workshops at the same time run in parallel; participants choose one of them."
            ),
            "capacity": _("For workshops; empty for no limit."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = AgendaItem.Kind.choices

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The item cannot end before it starts."))
        return cleaned


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["text", "kind", "choices", "required"]
        widgets = {"kind": forms.RadioSelect, "choices": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = Question.Kind.choices


class InviteForm(forms.Form):
    segment = forms.ModelChoiceField(
        label=_("Audience"), queryset=Segment.objects.all(), empty_label=_("Please choose")
    )


class ParticipantsMessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    text = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}))
    waiting_too = forms.BooleanField(
        label=_("Also to the people on the waiting list"), required=False
    )


class ResultForm(forms.ModelForm):
    class Meta:
        model = Result
        fields = ["agenda_item", "title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agenda_item"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = event.agenda.filter(kind=AgendaItem.Kind.WORKSHOP)
        field.empty_label = _("The whole event")
        field.label = _("Result of")
        self.instance.event = event


class EventFileForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        help_text=_("A document or photo: PDF, PNG or JPEG, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )
    credit = forms.CharField(
        label=_("Photo credit / source"),
        max_length=200,
        required=False,
        help_text=_("e.g. »© Stadt Kassel/Harry Soremski«"),
    )
    is_public = forms.BooleanField(
        label=_("Public (otherwise only for the office and the organisers)"),
        required=False,
        initial=True,
    )


class EventFileChangeForm(EventFileForm):
    """A file's title, credit and visibility; a new file only to replace it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        file = self.fields["file"]
        file.required = False
        file.label = _("Replace the file")
        file.help_text = _("Only to replace it: a PDF, PNG or JPEG, at most 10 MB.")
