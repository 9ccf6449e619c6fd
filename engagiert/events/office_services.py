"""Writes of the network office on its event pages: create, publish and copy an event, the
programme, the registration questions, the reminder, a message to the participants and the
documentation after the event. Registration and places are in `services`.

Rules:
- An event is created as a draft and published by the office; the first publication is dated
  (`services.event_save`, which also keeps the capacity above the confirmed places).
- A copy (the congress every two years, the network meeting twice a year) is a draft at the new
  date: the programme and the questions come along, shifted by the same time; registrations,
  invitations and documentation do not.
- The programme is ordered by time; items of one time slot (parallel workshops) by position.
  A workshop somebody has chosen is not removed (they would lose their choice unseen).
- A question somebody has answered keeps its kind of answer (the answers keep their meaning).
- The reminder goes once per event to the confirmed participants, `reminder_days` days before
  it starts (a late run still sends it, as long as the event has not started).
"""

import datetime
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from engagiert.core.audit import audit_record
from engagiert.core.locking import lock_objects
from engagiert.core.mail import mail_send
from engagiert.core.models import AuditEntry
from engagiert.core.outbox import outbox_add
from engagiert.core.services import model_update
from engagiert.core.uploads import check_pdf_or_image

from . import services
from .models import AgendaItem, Event, EventFile, Question, Registration, Result

Status = Registration.Status


@transaction.atomic
def event_publish(*, event: Event) -> Event:
    """A draft goes public: it shows in the calendar and people can register."""
    if event.status == Event.Status.PUBLISHED:
        raise ValidationError(_("The event is published already."))
    if event.status == Event.Status.CANCELLED:
        raise ValidationError(_("A cancelled event cannot be published."))
    event.status = Event.Status.PUBLISHED
    return services.event_save(event=event)


@transaction.atomic
def event_copy(*, event: Event, starts_at: datetime.datetime) -> Event:
    """A draft copy of the event starting at `starts_at`: everything of the event, the
    programme and the questions shifted by the same time (on the clock); no registrations."""
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": _("The new date must be in the future.")})
    shift = _wall_clock(starts_at) - _wall_clock(event.starts_at)

    def moved(value: datetime.datetime) -> datetime.datetime:
        return timezone.make_aware(_wall_clock(value) + shift)

    topics, organisers = list(event.topics.all()), list(event.organisers.all())
    agenda, questions = list(event.agenda.all()), list(event.questions.all())
    copy = Event.objects.get(pk=event.pk)
    copy.pk = copy.id = None
    copy._state.adding = True
    copy.status = Event.Status.DRAFT
    copy.published_at = copy.reminder_sent_at = None
    copy.is_demo = False
    copy.starts_at, copy.ends_at = moved(copy.starts_at), moved(copy.ends_at)
    if copy.registration_deadline is not None:
        copy.registration_deadline = moved(copy.registration_deadline)
    copy = services.event_save(event=copy, topics=topics, organisers=organisers)
    AgendaItem.objects.bulk_create(
        [
            AgendaItem(
                event=copy,
                title=item.title,
                kind=item.kind,
                starts_at=moved(item.starts_at),
                ends_at=moved(item.ends_at),
                room=item.room,
                moderators=item.moderators,
                description=item.description,
                capacity=item.capacity,
                position=item.position,
            )
            for item in agenda
        ]
    )
    Question.objects.bulk_create(
        [
            Question(
                event=copy,
                text=q.text,
                kind=q.kind,
                choices=q.choices,
                required=q.required,
                position=q.position,
            )
            for q in questions
        ]
    )
    return copy


def _wall_clock(value: datetime.datetime) -> datetime.datetime:
    """The local time as on a clock: a copy keeps 10 o'clock at 10, summer time or not."""
    return timezone.localtime(value).replace(tzinfo=None)


# --- The programme ---------------------------------------------------------------------------


def _check_within(item: AgendaItem) -> None:
    event = item.event
    if item.starts_at and item.ends_at and item.ends_at < item.starts_at:
        raise ValidationError({"ends_at": _("The item cannot end before it starts.")})
    if item.starts_at and not event.starts_at <= item.starts_at <= event.ends_at:
        raise ValidationError(
            {"starts_at": _("The item must start during the event (%(when)s).") % _span(event)}
        )


def _span(event: Event) -> dict[str, str]:
    start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    return {"when": f"{start:%d.%m.%Y %H:%M} – {end:%d.%m.%Y %H:%M}"}


@transaction.atomic
def programme_item_save(*, item: AgendaItem) -> AgendaItem:
    """Add or change an item of the programme; a new one goes last in its time slot."""
    _check_within(item)
    if item.kind == AgendaItem.Kind.PLENARY:
        item.capacity = None
    if item.pk is None:
        last = (
            AgendaItem.objects.filter(
                event=item.event, starts_at=item.starts_at, ends_at=item.ends_at
            )
            .order_by("-position")
            .values_list("position", flat=True)
            .first()
        )
        item.position = 0 if last is None else last + 1
    return services.agenda_item_save(item=item)


@transaction.atomic
def programme_item_delete(*, item: AgendaItem) -> None:
    """Remove an item, unless participants have chosen it (they would lose their workshop)."""
    lock_objects([item.event])
    chosen = item.registrations.filter(status__in=Registration.ACTIVE).count()
    if chosen:
        raise ValidationError(
            ngettext(
                "%(count)d participant has chosen »%(title)s«; it cannot be removed. "
                "Change it instead, or ask them to choose another workshop.",
                "%(count)d participants have chosen »%(title)s«; it cannot be removed. "
                "Change it instead, or ask them to choose another workshop.",
                chosen,
            )
            % {"count": chosen, "title": item.title}
        )
    item.delete()


@transaction.atomic
def programme_item_move(*, item: AgendaItem, up: bool) -> AgendaItem:
    """Move an item one place up or down among the items of its time slot."""
    lock_objects([item.event])
    slot = list(
        AgendaItem.objects.filter(
            event=item.event_id, starts_at=item.starts_at, ends_at=item.ends_at
        ).order_by("position", "title", "pk")
    )
    index = next(i for i, other in enumerate(slot) if other.pk == item.pk)
    target = index - 1 if up else index + 1
    if not 0 <= target < len(slot):
        where = (
            _("»%(title)s« is first in its time slot already.")
            if up
            else _("»%(title)s« is last in its time slot already.")
        )
        raise ValidationError(where % {"title": item.title})
    slot[index], slot[target] = slot[target], slot[index]
    for position, other in enumerate(slot):
        other.position = position
    AgendaItem.objects.bulk_update(slot, ["position"])
    return slot[target]


# --- Registration questions ------------------------------------------------------------------


@transaction.atomic
def question_save(*, question: Question) -> Question:
    """Add or change a question of the registration form; a new one goes last."""
    if question.kind == Question.Kind.CHOICE and len(question.options) < 2:
        raise ValidationError({"choices": _("Please give at least two answers, one per line.")})
    if question.kind != Question.Kind.CHOICE:
        question.choices = ""
    if question.pk is None:
        last = question.event.questions.order_by("-position").first()
        question.position = 0 if last is None else last.position + 1
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def question_update(*, question: Question, data: Mapping[str, Any]) -> Question:
    """Change a question's text, answers to choose from or whether it is required; its kind
    only while nobody has answered it."""
    lock_objects([question])
    stored = Question.objects.get(pk=question.pk)
    kind = data.get("kind", stored.kind)
    if kind != stored.kind and stored.answers.exists():
        raise ValidationError(
            {
                "kind": _(
                    "»%(text)s« has been answered already; its kind of answer stays so the "
                    "answers keep their meaning."
                )
                % {"text": stored.text}
            }
        )
    choices = data.get("choices", stored.choices) if kind == Question.Kind.CHOICE else ""
    if kind == Question.Kind.CHOICE and len(Question(choices=choices).options) < 2:
        raise ValidationError({"choices": _("Please give at least two answers, one per line.")})
    question, _changed = model_update(
        instance=question,
        fields=["text", "kind", "choices", "required"],
        data={**data, "choices": choices},
    )
    return question


@transaction.atomic
def question_delete(*, question: Question) -> None:
    """Remove a question that nobody has answered yet (answers given are kept)."""
    if question.answers.exists():
        raise ValidationError(
            _("»%(text)s« has been answered already; it stays so the answers keep their question.")
            % {"text": question.text}
        )
    question.delete()


# --- Mail to the participants ----------------------------------------------------------------


@transaction.atomic
def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind the confirmed participants of each published event whose reminder is due and
    not yet sent (once per event); returns the number of events reminded of."""
    now = now or timezone.now()
    due = [
        event
        for event in Event.objects.filter(
            status=Event.Status.PUBLISHED,
            reminder_days__isnull=False,
            reminder_sent_at__isnull=True,
            starts_at__gt=now,
        )
        if event.starts_at - datetime.timedelta(days=event.reminder_days or 0) <= now
    ]
    for event in due:
        lock_objects([event])
        if Event.objects.filter(pk=event.pk, reminder_sent_at__isnull=False).exists():
            continue
        for registration in Registration.objects.filter(event=event, status=Status.CONFIRMED):
            mail_send(
                to=[registration.email],
                template="events/email/reminder.txt",
                context={"event": event, "registration": registration},
            )
        Event.objects.filter(pk=event.pk).update(reminder_sent_at=now)
    return len(due)


@transaction.atomic
def participants_message(
    *, event: Event, subject: str, text: str, user: object, waiting_too: bool = False
) -> int:
    """Write to the confirmed participants (and, if asked, those waiting) of one event: one
    mail per address through the outbox; returns how many were written to."""
    subject, text = subject.strip(), text.strip()
    if not subject:
        raise ValidationError({"subject": _("Please give a subject.")})
    if "\n" in subject or "\r" in subject:
        raise ValidationError({"subject": _("The subject must be one line.")})
    if not text:
        raise ValidationError({"text": _("Please write a message.")})
    statuses = [Status.CONFIRMED, Status.WAITING] if waiting_too else [Status.CONFIRMED]
    people = list(Registration.objects.filter(event=event, status__in=statuses).order_by("email"))
    if not people:
        raise ValidationError(_("Nobody is registered for this event yet."))
    for registration in people:
        body = render_to_string(
            "events/email/participants_message.txt",
            {
                "event": event,
                "text": text,
                "registration": registration,
                "site_url": settings.SITE_URL,
            },
        )
        outbox_add(
            to_email=registration.email,
            to_name=registration.name,
            subject=f"{event.title}: {subject}",
            text=body,
        )
    audit_record(
        action=AuditEntry.Action.UPDATE,
        obj=event,
        changes={"message_to_participants": subject, "recipients": len(people)},
    )
    return len(people)


# --- Documentation ---------------------------------------------------------------------------


@transaction.atomic
def result_save(*, result: Result) -> Result:
    """Add a documented result, of the whole event or of one of its workshops."""
    if result.agenda_item is not None and result.agenda_item.event_id != result.event_id:
        raise ValidationError({"agenda_item": _("Please choose a workshop of this event.")})
    if result.pk is None:
        result.position = result.event.results.filter(agenda_item=result.agenda_item).count()
    result.full_clean()
    result.save()
    return result


@transaction.atomic
def result_update(*, result: Result, data: Mapping[str, Any]) -> Result:
    """Change a result; moved to another workshop (or the whole event), it goes last there."""
    agenda_item = data.get("agenda_item", result.agenda_item)
    if agenda_item is not None and agenda_item.event_id != result.event_id:
        raise ValidationError({"agenda_item": _("Please choose a workshop of this event.")})
    stored = Result.objects.get(pk=result.pk)
    moved = (agenda_item.pk if agenda_item else None) != stored.agenda_item_id
    position = (
        result.event.results.filter(agenda_item=agenda_item).count() if moved else stored.position
    )
    result, _changed = model_update(
        instance=result,
        fields=["agenda_item", "title", "text", "position"],
        data={**data, "position": position},
    )
    return result


@transaction.atomic
def result_delete(*, result: Result) -> None:
    result.delete()


@transaction.atomic
def event_file_add(
    *, event: Event, title: str, file: UploadedFile, credit: str = "", is_public: bool = True
) -> EventFile:
    """Add a document or photo (PDF, PNG or JPEG) to the documentation, with its credit."""
    check_pdf_or_image(file)
    document = EventFile(
        event=event, title=title.strip(), file=file, credit=credit.strip(), is_public=is_public
    )
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def event_file_update(
    *,
    document: EventFile,
    title: str,
    credit: str = "",
    is_public: bool = True,
    file: UploadedFile | None = None,
) -> EventFile:
    """Change a file's title, credit or visibility, or replace the file itself (the old one
    is deleted once the change is saved)."""
    if file is not None:
        check_pdf_or_image(file)
    replaced = document.file.name if file is not None else None
    document, _changed = model_update(
        instance=document,
        fields=["title", "credit", "is_public", "file"],
        data={
            "title": title.strip(),
            "credit": credit.strip(),
            "is_public": is_public,
            "file": file,
        },
    )
    if replaced:
        storage = document.file.storage
        transaction.on_commit(lambda: storage.delete(replaced))
    return document


@transaction.atomic
def event_file_delete(*, document: EventFile) -> None:
    document.file.delete(save=False)
    document.delete()
