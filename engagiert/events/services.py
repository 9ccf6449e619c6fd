"""Writes of events: registration, waiting list, cancellation, check-in, invitations, feedback.

Rules:
- One can register while the event is published and the deadline has not passed; one address
  holds at most one active registration per event (kindly refused otherwise). A members-only
  event takes only those `permissions.can_register` admits (no volunteers, benefit partners,
  organisations or officers of non-members).
- Members (logged in) are placed at once; the public first confirms the address by a link.
- A place is given when there is room: confirmed registrations never exceed the capacity, and
  a chosen workshop never exceeds its own (a full workshop is refused so that the person can
  choose another one). When the event is full the person waits; waiting people move up in the
  order they started waiting when a confirmed participant cancels.
- Workshops chosen together must not overlap in time.
- An event's capacity is never lowered below its confirmed places (by no path, the admin
  included); an event remembers when it was first published (the digest's news start there).
- Accessibility or dietary needs may be health data (Art. 9 DSGVO): they are kept only with the
  person's explicit consent, and the consents to the needs and to the participant list are
  recorded with the legal app; withdrawing one clears the needs or the list entry.
Every write that counts places takes a row lock on the event (PostgreSQL), and SQLite runs
writing transactions one at a time (BEGIN IMMEDIATE), so concurrent sign-ups never overbook.
"""

import datetime
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext

from engagiert.accounts.models import User
from engagiert.api.models import WebhookEvent
from engagiert.api.webhooks import webhook_emit
from engagiert.audiences.models import Segment
from engagiert.audiences.queries import recipients_to_mail
from engagiert.audiences.services import segment_create
from engagiert.core.audit import audit_record
from engagiert.core.extensions import DataSubject
from engagiert.core.locking import lock_objects
from engagiert.core.mail import mail_send
from engagiert.core.models import AuditEntry
from engagiert.legal.services import consent_give, consents_close
from engagiert.registry.models import Authority, Organisation, Topic

from . import permissions
from .models import (
    AgendaItem,
    Answer,
    CalendarFeed,
    Event,
    Feedback,
    Invitation,
    Invitee,
    Question,
    Registration,
    new_token,
)

Status = Registration.Status

#: The consent purposes of a registration (`core.extensions.consent_purposes`).
LIST_PURPOSE, NEEDS_PURPOSE = "events.participant_list", "events.special_needs"
NEEDS_CONSENT_WORDING = gettext_lazy(
    "I explicitly agree that the organisers process the needs I named (they may concern my "
    "health) for this event; they are deleted after it."
)
#: How a yes-or-no answer is stored (and shown in the participant list and its export).
YES, NO = "yes", "no"
NEEDS_CONSENT_MISSING = gettext_lazy(
    "You named accessibility or dietary needs: please tick that you agree to their use, or "
    "leave the needs empty."
)


def seats_taken(event: Event) -> int:
    return Registration.objects.filter(event=event, status=Status.CONFIRMED).count()


def _has_room(event: Event) -> bool:
    return event.capacity is None or seats_taken(event) < event.capacity


def event_capacity_check(*, event: Event, capacity: int | None) -> None:
    """Refuse a capacity below the places confirmed already: nobody loses a confirmed place."""
    if capacity is None or event.pk is None:
        return
    confirmed = seats_taken(event)
    if capacity < confirmed:
        raise ValidationError(
            {
                "capacity": ngettext(
                    "%(count)d place is confirmed already; the number of places cannot be lower.",
                    "%(count)d places are confirmed already; the number of places cannot be lower.",
                    confirmed,
                )
                % {"count": confirmed}
            }
        )


@transaction.atomic
def event_save(
    *,
    event: Event,
    topics: Iterable[Topic] | None = None,
    organisers: Iterable[Organisation] | None = None,
) -> Event:
    """Save an event as the office edits it (the admin), under the lock registrations take;
    topics and organisers are set when given."""
    if event.pk is not None:
        lock_objects([event])
    event_capacity_check(event=event, capacity=event.capacity)
    newly_published = event.status == Event.Status.PUBLISHED and event.published_at is None
    if newly_published:
        event.published_at = timezone.now()
    event.save()
    if newly_published:
        webhook_emit(
            event=WebhookEvent.EVENT_PUBLISHED,
            data={
                "id": event.pk,
                "title": event.title,
                "starts_at": event.starts_at.isoformat(),
                "url": settings.SITE_URL + event.get_absolute_url(),
            },
        )
    if topics is not None:
        event.topics.set(topics)
    if organisers is not None:
        event.organisers.set(organisers)
    return event


@transaction.atomic
def agenda_item_save(*, item: AgendaItem) -> AgendaItem:
    """Add or change a programme item as the office does (the admin), under the event's lock:
    a workshop's places never drop below the participants confirmed for it."""
    lock_objects([item.event])
    if item.pk is not None and item.capacity is not None:
        chosen = item.registrations.filter(status=Status.CONFIRMED).count()
        if item.capacity < chosen:
            raise ValidationError(
                {
                    "capacity": ngettext(
                        "%(count)d participant has chosen this workshop already; "
                        "its number of places cannot be lower.",
                        "%(count)d participants have chosen this workshop already; "
                        "its number of places cannot be lower.",
                        chosen,
                    )
                    % {"count": chosen}
                }
            )
    item.full_clean()
    item.save()
    return item


def calendar_feed_for(*, user: User) -> CalendarFeed:
    """A person's secret calendar address, made on first use."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


def _check_open(event: Event) -> None:
    if event.status != Event.Status.PUBLISHED:
        raise ValidationError(_("Registration for this event is not open."))
    if timezone.now() > event.deadline:
        raise ValidationError(
            _("The registration deadline was %(deadline)s; registration is closed.")
            % {"deadline": timezone.localtime(event.deadline).strftime("%d.%m.%Y %H:%M")}
        )


def _check_workshops(event: Event, workshops: list[AgendaItem]) -> None:
    for workshop in workshops:
        if workshop.event_id != event.pk or workshop.kind != AgendaItem.Kind.WORKSHOP:
            raise ValidationError({"workshops": _("Please choose workshops of this event.")})
    clash = _("»%(first)s« and »%(second)s« take place at the same time; please choose one.")
    for index, first in enumerate(workshops):
        for second in workshops[index + 1 :]:
            if first.overlaps(second):
                names = {"first": first.title, "second": second.title}
                raise ValidationError({"workshops": clash % names})


def _full_workshops(workshops: Iterable[AgendaItem]) -> list[AgendaItem]:
    """The workshops among these whose places are all taken by confirmed participants."""
    ids = [w.pk for w in workshops if w.capacity is not None]
    if not ids:
        return []
    counted = AgendaItem.objects.filter(pk__in=ids).annotate(
        taken=Count("registrations", filter=Q(registrations__status=Status.CONFIRMED))
    )
    return [w for w in counted if w.capacity is not None and w.taken >= w.capacity]


def _place(registration: Registration, workshops: list[AgendaItem]) -> Registration:
    """Confirm when there is room (workshops included), else put on the waiting list."""
    now = timezone.now()
    if _has_room(registration.event):
        full = _full_workshops(workshops)
        if full:
            raise ValidationError(
                {
                    "workshops": _(
                        "The workshop »%(title)s« is fully booked; please choose another one."
                    )
                    % {"title": full[0].title}
                }
            )
        registration.status, registration.confirmed_at = Status.CONFIRMED, now
    else:
        registration.status, registration.waiting_since = Status.WAITING, now
    registration.save()
    registration.workshops.set(workshops)
    _tell(registration, registration.status)
    return registration


def _tell(registration: Registration, what: str) -> None:
    mail_send(
        to=[registration.email],
        template=f"events/email/registration_{what}.txt",
        context={"registration": registration, "event": registration.event},
    )


def registration_check_allowed(*, event: Event, user: User | None) -> None:
    """Refuse whoever may not register for the event (see permissions.can_register)."""
    if permissions.can_register(user, event):
        return
    if user is None or not user.is_authenticated:
        raise ValidationError(_("This event is for members of the network; please log in."))
    raise ValidationError(
        _(
            "This event is for members of the network; your account does not act for a member "
            "municipality."
        )
    )


@transaction.atomic
def registration_create(
    *,
    event: Event,
    name: str,
    email: str,
    user: User | None = None,
    organisation_name: str = "",
    authority: Authority | None = None,
    workshops: Iterable[AgendaItem] = (),
    needs: str = "",
    needs_consent: bool = False,
    list_consent: bool = False,
    answers: Mapping[Question, str] | None = None,
) -> Registration:
    """Register a person: placed at once with an account, else after confirming the address.
    `answers` answer the event's own questions (a required one must be answered)."""
    if needs.strip() and not needs_consent:
        raise ValidationError({"needs_consent": NEEDS_CONSENT_MISSING})
    lock_objects([event])
    event = Event.objects.get(pk=event.pk)
    _check_open(event)
    given = _check_answers(event, answers or {})
    email = email.strip().lower()
    if Registration.objects.filter(
        event=event, email=email, status__in=Registration.ACTIVE
    ).exists():
        raise ValidationError(
            _(
                "You are registered for this event already. The link in your confirmation e-mail "
                "shows your registration."
            )
        )
    chosen = list(workshops)
    _check_workshops(event, chosen)
    registration_check_allowed(event=event, user=user)
    registration = Registration(
        event=event,
        user=user,
        name=name.strip(),
        email=email,
        authority=authority,
        organisation_name=organisation_name.strip(),
        needs=needs.strip(),
        list_consent=list_consent,
        status=Status.PENDING,
    )
    registration.save()
    Answer.objects.bulk_create(
        [Answer(registration=registration, question=q, value=v) for q, v in given.items()]
    )
    _record_consents(registration)
    if user is None:
        registration.workshops.set(chosen)
        _tell(registration, Status.PENDING)
        return registration
    return _place(registration, chosen)


def _check_answers(event: Event, answers: Mapping[Question, str]) -> dict[Question, str]:
    """The answers to keep (stripped, empty ones left out); a missing required answer or a
    choice that is not offered is refused at the question's field."""
    given = {}
    for question in event.questions.all():
        value = (answers.get(question) or "").strip()
        field = f"question_{question.pk}"
        if not value:
            if question.required:
                raise ValidationError({field: _("Please answer this question.")})
            continue
        if question.kind == Question.Kind.CHOICE and value not in question.options:
            raise ValidationError({field: _("Please choose one of the answers.")})
        if question.kind == Question.Kind.YES_NO and value not in (YES, NO):
            raise ValidationError({field: _("Please answer yes or no.")})
        given[question] = value
    return given


def _record_consents(registration: Registration) -> None:
    person = DataSubject(user=registration.user, email=registration.email)
    for purpose, given in (
        (LIST_PURPOSE, registration.list_consent),
        (NEEDS_PURPOSE, bool(registration.needs)),
    ):
        if given:
            consent_give(
                person=person,
                purpose=purpose,
                source="events.registration",
                reference=str(registration.pk),
            )


def registration_list_consent_withdraw(*, registration_id: int) -> int:
    """The person withdrew their consent: their name leaves the participant list."""
    return Registration.objects.filter(pk=registration_id).update(list_consent=False)


def registration_needs_withdraw(*, registration_id: int) -> int:
    """The person withdrew their consent to their needs: the needs are deleted at once."""
    return Registration.objects.filter(pk=registration_id).update(needs="")


@transaction.atomic
def registration_confirm(*, token: str) -> Registration:
    """The public confirm their address; the link works once and only before the deadline."""
    registration = Registration.objects.select_related("event").filter(token=token).first()
    if registration is None:
        raise ValidationError(_("This link is not valid. Please check that it is complete."))
    lock_objects([registration.event, registration])
    event = Event.objects.get(pk=registration.event_id)
    registration = Registration.objects.get(pk=registration.pk)
    registration.event = event
    if registration.status != Status.PENDING:
        raise ValidationError(
            _("This link has been used already: your registration is %(status)s.")
            % {"status": registration.get_status_display()}
        )
    _check_open(event)
    return _place(registration, list(registration.workshops.all()))


@transaction.atomic
def registration_cancel(*, registration: Registration) -> Registration:
    """Cancel; a freed place goes to the people waiting, in the order they came."""
    lock_objects([registration.event, registration])
    event = Event.objects.get(pk=registration.event_id)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status == Status.CANCELLED:
        raise ValidationError(_("This registration is cancelled already."))
    if event.starts_at <= timezone.now():
        raise ValidationError(_("The event has started; please tell the organisers directly."))
    freed = registration.status == Status.CONFIRMED
    registration.status, registration.cancelled_at = Status.CANCELLED, timezone.now()
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    _tell(registration, Status.CANCELLED)
    if freed:
        _promote(event)
    return registration


def _promote(event: Event) -> list[Registration]:
    """Move waiting people up while there is room; workshops that filled meanwhile are dropped."""
    promoted = []
    while _has_room(event):
        # The event's lock serialises every change of places; the waiting queue is read under it.
        waiting = (
            Registration.objects.filter(event=event, status=Status.WAITING)
            .order_by("waiting_since", "pk")
            .first()
        )
        if waiting is None:
            break
        promoted.append(_move_up(waiting, event))
    return promoted


def _move_up(waiting: Registration, event: Event) -> Registration:
    """Give a waiting person a place (under the event's lock); workshops that filled meanwhile
    are dropped, and the person is told which."""
    chosen = list(waiting.workshops.all())
    full = _full_workshops(chosen)
    waiting.status, waiting.confirmed_at = Status.CONFIRMED, timezone.now()
    waiting.save(update_fields=["status", "confirmed_at", "updated_at"])
    if full:
        waiting.workshops.remove(*full)
    mail_send(
        to=[waiting.email],
        template="events/email/registration_promoted.txt",
        context={"registration": waiting, "event": event, "dropped": full},
    )
    return waiting


@transaction.atomic
def registration_promote(*, registration: Registration) -> Registration:
    """The office moves one person up from the waiting list, out of turn (e.g. a speaker's
    colleague), while the event has a free place; the same lock as the automatic moving up."""
    lock_objects([registration.event])
    event = Event.objects.get(pk=registration.event_id)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status != Status.WAITING:
        raise ValidationError(_("Only people on the waiting list can move up."))
    if event.starts_at <= timezone.now():
        raise ValidationError(_("The event has started; nobody moves up any more."))
    if not _has_room(event):
        raise ValidationError(
            ngettext(
                "The event is fully booked: its one place is confirmed. Raise the number "
                "of places first, or wait until someone cancels.",
                "The event is fully booked: all %(count)d places are confirmed. Raise the number "
                "of places first, or wait until someone cancels.",
                event.capacity or 0,
            )
            % {"count": event.capacity}
        )
    return _move_up(registration, event)


@transaction.atomic
def registration_workshops_change(
    *, registration: Registration, workshops: Iterable[AgendaItem]
) -> Registration:
    """Choose other workshops later (e.g. after moving up from the waiting list)."""
    lock_objects([registration.event])
    event = Event.objects.get(pk=registration.event_id)
    if registration.status == Status.CANCELLED or event.starts_at <= timezone.now():
        raise ValidationError(_("Workshops can be changed until the event starts."))
    chosen = list(workshops)
    _check_workshops(event, chosen)
    already = set(registration.workshops.values_list("pk", flat=True))
    if registration.status == Status.CONFIRMED:
        full = _full_workshops([w for w in chosen if w.pk not in already])
        if full:
            raise ValidationError(
                {
                    "workshops": _(
                        "The workshop »%(title)s« is fully booked; please choose another one."
                    )
                    % {"title": full[0].title}
                }
            )
    registration.workshops.set(chosen)
    return registration


def registration_check_in(*, registration: Registration, present: bool = True) -> Registration:
    """Mark attendance at the door (by scanning the badge or ticking the list)."""
    if registration.status != Status.CONFIRMED:
        raise ValidationError(_("Only confirmed participants can be checked in."))
    registration.checked_in_at = timezone.now() if present else None
    registration.save(update_fields=["checked_in_at", "updated_at"])
    return registration


@transaction.atomic
def registration_needs_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete accessibility and dietary needs EVENTS_KEEP_NEEDS_DAYS after the event ended
    (data minimisation); the audit log counts them, without names."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.EVENTS_KEEP_NEEDS_DAYS)
    over = Registration.objects.filter(event__ends_at__lt=cutoff).exclude(needs="")
    purged = [str(pk) for pk in over.values_list("pk", flat=True)]
    count = over.update(needs="")
    consents_close(
        purpose=NEEDS_PURPOSE,
        references=purged,
        reason=gettext_noop("The needs were deleted after the event."),
    )
    if count:
        audit_record(
            action=AuditEntry.Action.UPDATE,
            model=Registration,
            object_repr="Löschfristen Veranstaltungen",
            changes={"needs_erased": count},
        )
    return count


@transaction.atomic
def invitation_send(*, event: Event, segment: Segment, user: User) -> Invitation:
    """Invite everyone the segment reaches now, except who unsubscribed from mail to segments;
    each address gets one personal e-mail."""
    if event.status != Event.Status.PUBLISHED:
        raise ValidationError(_("Please publish the event before inviting."))
    people = recipients_to_mail(segment)
    if not people and segment.kind != Segment.Kind.PUBLIC:
        raise ValidationError({"segment": _("This audience has no one with an e-mail address.")})
    invitation = Invitation.objects.create(event=event, segment=segment, sent_by=user)
    Invitee.objects.bulk_create(
        [
            Invitee(invitation=invitation, email=p.email, name=p.name, authority_id=p.authority_id)
            for p in people
        ]
    )
    for person in people:
        mail_send(
            to=[person.email],
            template="events/email/invitation.txt",
            context={"event": event, "name": person.name},
        )
    return invitation


def feedback_submit(
    *, registration: Registration, overall: int, usefulness: int, comment: str = ""
) -> Feedback:
    if registration.status != Status.CONFIRMED or registration.event.starts_at > timezone.now():
        raise ValidationError(_("Feedback is possible for participants once the event has begun."))
    if Feedback.objects.filter(registration=registration).exists():
        raise ValidationError(_("Thank you – you have given your feedback already."))
    feedback = Feedback(
        registration=registration, overall=overall, usefulness=usefulness, comment=comment.strip()
    )
    feedback.full_clean()
    feedback.save()
    return feedback


@transaction.atomic
def calendar_feed_renew(*, user: User) -> CalendarFeed:
    """A new secret calendar address; the old one stops working at once (e.g. when it was
    passed on by mistake)."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    feed.token = new_token()
    feed.save(update_fields=["token"])
    return feed


def event_segment(*, event: Event) -> Segment:
    """The audience »confirmed participants of this event« (the same one when asked again)."""
    start = timezone.localtime(event.starts_at).strftime("%d.%m.%Y")
    name = _("Participants: %(event)s (%(date)s)") % {"event": event.title, "date": start}
    return segment_create(
        name=name[: Segment._meta.get_field("name").max_length],
        kind=Segment.Kind.EVENT,
        parameters={"event": event.pk},
        description=_("The confirmed participants of the event »%(event)s«.")
        % {"event": event.title},
    )
