"""Writes of spontaneous help in shifts: the organiser's plan, sign-ups, hours and evidence.

Rules:
- An action is public while it is published and its provider is verified; an unverified
  provider prepares drafts only.
- Shifts end after they start and ask for 1–500 helpers; a recurring template makes at most
  MAX_GENERATED shifts over at most MAX_TEMPLATE_DAYS days in one go.
- The public sign up with name and e-mail and confirm the address by a link; logged-in people
  are placed at once (their address is known). **The place is taken at confirmation**, not at
  sign-up: an unconfirmed sign-up holds nothing, so addresses nobody confirms (typos, bots)
  never block places, and there is no expiry to sweep. Taking a place locks the shift and
  counts its confirmed helpers inside the transaction, so a shift is never overbooked, also
  when many confirm at once; whoever confirms after the last place went is told so.
- One person (one confirmed address) is never in two shifts that overlap in time; the lock
  covers the overlapping shifts this address has signed up for, so two confirmations of the
  same person at once run one after the other.
- Cancelling (by the personal link) frees the place; after a shift began it can't be cancelled.
- Helpers get a reminder the day before, once (claimed row by row).
- The organiser confirms each helper's hours (the shift's length unless corrected); the helper
  downloads them as evidence with a code that `hours_evidence_lookup` answers.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from engagiert.core.audit import audit_record
from engagiert.core.extensions import HoursEvidence
from engagiert.core.locking import lock_objects
from engagiert.core.mail import mail_send
from engagiert.core.models import AuditEntry
from engagiert.core.outbox import outbox_add
from engagiert.registry.models import Authority

from .models import (
    Action,
    ActionPlace,
    HoursCertificate,
    Provider,
    Shift,
    ShiftSignup,
    Task,
)
from .models.shifts import MAX_HELPERS_PER_SHIFT

Status = ShiftSignup.Status

#: A recurring template makes at most this many shifts …
MAX_GENERATED = 300
#: … over at most this many days.
MAX_TEMPLATE_DAYS = 92


def _local(value: datetime.datetime) -> str:
    return timezone.localtime(value).strftime("%d.%m.%Y %H:%M")


# --- The organiser's plan -------------------------------------------------------------------


def _check_publishable(action: Action) -> None:
    """Only a verified provider publishes; the first publication is dated (digest news)."""
    if action.status == Action.Status.PUBLISHED and action.published_at is None:
        action.published_at = timezone.now()
    if action.status == Action.Status.PUBLISHED and not action.provider.is_verified:
        raise ValidationError(
            {
                "status": _(
                    "Your organisation is not verified yet; until the municipality verifies it, "
                    "actions stay drafts."
                )
            }
        )


@transaction.atomic
def action_create(
    *,
    provider: Provider,
    title: str,
    authority: Authority,
    description: str = "",
    status: str = Action.Status.DRAFT,
    user: Any = None,
    is_demo: bool = False,
) -> Action:
    action = Action(
        provider=provider,
        title=title.strip(),
        description=description.strip(),
        authority=authority,
        status=status,
        created_by=user,
        is_demo=is_demo,
    )
    action.full_clean()
    _check_publishable(action)
    action.save()
    return action


@transaction.atomic
def action_update(*, action: Action, data: dict[str, Any]) -> Action:
    for name in ("title", "description", "authority", "status"):
        if name in data:
            setattr(action, name, data[name])
    action.full_clean()
    _check_publishable(action)
    action.save()
    return action


def place_create(
    *,
    action: Action,
    name: str,
    authority: Authority,
    address: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
) -> ActionPlace:
    place = ActionPlace(
        action=action,
        name=name.strip(),
        address=address.strip(),
        authority=authority,
        latitude=latitude,
        longitude=longitude,
    )
    place.full_clean()
    place.save()
    return place


def task_create(
    *, place: ActionPlace, title: str, description: str = "", requirements: str = ""
) -> Task:
    task = Task(
        place=place,
        title=title.strip(),
        description=description.strip(),
        requirements=requirements.strip(),
    )
    task.full_clean()
    task.save()
    return task


def _check_times(starts_at: datetime.datetime, ends_at: datetime.datetime, field: str) -> None:
    if ends_at <= starts_at:
        raise ValidationError({field: _("A shift must end after it starts.")})
    if ends_at - starts_at > datetime.timedelta(hours=24):
        raise ValidationError({field: _("A shift lasts at most 24 hours.")})


def _check_needed(needed: int) -> None:
    if not 1 <= needed <= MAX_HELPERS_PER_SHIFT:
        raise ValidationError(
            {
                "needed": _("Please ask for between 1 and %(most)d helpers per shift.")
                % {"most": MAX_HELPERS_PER_SHIFT}
            }
        )


def shift_create(
    *, task: Task, starts_at: datetime.datetime, ends_at: datetime.datetime, needed: int
) -> Shift:
    _check_times(starts_at, ends_at, "ends_at")
    _check_needed(needed)
    shift = Shift(task=task, starts_at=starts_at, ends_at=ends_at, needed=needed)
    shift.full_clean()
    shift.save()
    return shift


def _slot_times(
    slots: Iterable[tuple[datetime.time, datetime.time]],
) -> list[tuple[datetime.time, datetime.time]]:
    chosen = sorted(set(slots))
    if not chosen:
        raise ValidationError({"times": _("Please give at least one time slot.")})
    for start, end in chosen:
        if end <= start:
            raise ValidationError(
                {
                    "times": _("The slot %(start)s–%(end)s ends before it starts.")
                    % {"start": start.strftime("%H:%M"), "end": end.strftime("%H:%M")}
                }
            )
    return chosen


@transaction.atomic
def shifts_generate(
    *,
    task: Task,
    first_day: datetime.date,
    last_day: datetime.date,
    weekdays: Iterable[int],
    slots: Iterable[tuple[datetime.time, datetime.time]],
    needed: int,
) -> list[Shift]:
    """A recurring template: on each chosen weekday (0 = Monday) between the two days, one
    shift per time slot (e.g. 8–12 and 12–16 on every weekday for two weeks), all at once."""
    if last_day < first_day:
        raise ValidationError({"last_day": _("The last day must not be before the first day.")})
    if (last_day - first_day).days + 1 > MAX_TEMPLATE_DAYS:
        raise ValidationError(
            {
                "last_day": _("A template covers at most %(days)d days; please plan in parts.")
                % {"days": MAX_TEMPLATE_DAYS}
            }
        )
    days = set(weekdays)
    if not days or not days <= set(range(7)):
        raise ValidationError({"weekdays": _("Please choose at least one weekday.")})
    chosen = _slot_times(slots)
    _check_needed(needed)
    zone = timezone.get_current_timezone()
    shifts = []
    day = first_day
    while day <= last_day:
        if day.weekday() in days:
            for start, end in chosen:
                shifts.append(
                    Shift(
                        task=task,
                        starts_at=datetime.datetime.combine(day, start, tzinfo=zone),
                        ends_at=datetime.datetime.combine(day, end, tzinfo=zone),
                        needed=needed,
                    )
                )
        day += datetime.timedelta(days=1)
    if not shifts:
        raise ValidationError({"weekdays": _("None of the chosen weekdays falls in this period.")})
    if len(shifts) > MAX_GENERATED:
        raise ValidationError(
            {
                "last_day": _(
                    "This would make %(count)d shifts; at most %(most)d are made in one go."
                )
                % {"count": len(shifts), "most": MAX_GENERATED}
            }
        )
    return Shift.objects.bulk_create(shifts)


# --- Sign-up --------------------------------------------------------------------------------


def confirmed_count(shift: Shift) -> int:
    return ShiftSignup.objects.filter(shift=shift, status=Status.CONFIRMED).count()


def _check_open(shift: Shift) -> None:
    action = shift.task.place.action
    if action.status != Action.Status.PUBLISHED or not action.provider.is_verified:
        raise ValidationError(_("Sign-up for this action is not open."))
    if shift.starts_at <= timezone.now():
        raise ValidationError(_("This shift has begun already; please choose a later one."))


def _clash(shift: Shift, email: str, statuses: Iterable[str]) -> ShiftSignup | None:
    """Another sign-up of this address in these states for a shift overlapping this one."""
    return (
        ShiftSignup.objects.filter(
            email=email,
            status__in=list(statuses),
            shift__starts_at__lt=shift.ends_at,
            shift__ends_at__gt=shift.starts_at,
        )
        .exclude(shift=shift)
        .select_related("shift__task__place__action")
        .first()
    )


def _clash_error(other: ShiftSignup) -> ValidationError:
    return ValidationError(
        {
            "email": _(
                "You are signed up for another shift at the same time: »%(task)s« (%(action)s), "
                "%(start)s–%(end)s. One person can help in one shift at a time."
            )
            % {
                "task": other.shift.task.title,
                "action": other.shift.task.place.action.title,
                "start": _local(other.shift.starts_at),
                "end": timezone.localtime(other.shift.ends_at).strftime("%H:%M"),
            }
        }
    )


def _shift_again(shift: Shift) -> Shift:
    return Shift.objects.select_related("task__place__action__provider__organisation").get(
        pk=shift.pk
    )


def _take_place(signup: ShiftSignup) -> ShiftSignup:
    """Under the locks: confirm if a place is free and the person has no overlapping shift."""
    shift = signup.shift
    other = _clash(shift, signup.email, [Status.CONFIRMED])
    if other is not None:
        raise _clash_error(other)
    if confirmed_count(shift) >= shift.needed:
        raise ValidationError(
            _(
                "This shift has all the helpers it needs now. Thank you – please choose "
                "another shift."
            )
        )
    signup.status, signup.confirmed_at = Status.CONFIRMED, timezone.now()
    signup.save()
    _tell(signup, "confirmed")
    return signup


def _lock_for(shift: Shift, email: str) -> Shift:
    """Lock the shift and the overlapping shifts this address signed up for; read it again."""
    lock_objects(
        [
            shift,
            Shift.objects.filter(
                signups__email=email,
                signups__status__in=[Status.PENDING, Status.CONFIRMED],
                starts_at__lt=shift.ends_at,
                ends_at__gt=shift.starts_at,
            ),
        ]
    )
    return _shift_again(shift)


def _tell(signup: ShiftSignup, what: str) -> None:
    mail_send(
        to=[signup.email],
        template=f"opportunities/email/shift_{what}.txt",
        context={"signup": signup, "shift": signup.shift, "action": signup.shift.task.place.action},
    )


@transaction.atomic
def signup_create(*, shift: Shift, name: str, email: str, user: Any = None) -> ShiftSignup:
    """Sign up: with an account the place is taken at once, else after the address is
    confirmed by the link in the e-mail."""
    email = email.strip().lower()
    shift = _lock_for(shift, email)
    _check_open(shift)
    if ShiftSignup.objects.filter(
        shift=shift, email=email, status__in=[Status.PENDING, Status.CONFIRMED]
    ).exists():
        raise ValidationError(
            {
                "email": _(
                    "This address is signed up for this shift already; the link in your e-mail "
                    "shows the sign-up."
                )
            }
        )
    other = _clash(shift, email, [Status.CONFIRMED])
    if other is not None:
        raise _clash_error(other)
    signup = ShiftSignup(shift=shift, name=name.strip(), email=email, user=user)
    signup.full_clean()
    if user is None:
        signup.save()
        _tell(signup, "pending")
        return signup
    return _take_place(signup)


@transaction.atomic
def signup_confirm(*, token: str) -> ShiftSignup:
    """The address is confirmed by the link: the place is taken now, if one is free."""
    found = ShiftSignup.objects.filter(token=token).select_related("shift").first()
    if found is None:
        raise ValidationError(_("This link is not valid. Please check that it is complete."))
    shift = _lock_for(found.shift, found.email)
    signup = ShiftSignup.objects.get(pk=found.pk)
    signup.shift = shift
    if signup.status != Status.PENDING:
        raise ValidationError(
            _("This link has been used already: your sign-up is %(status)s.")
            % {"status": signup.get_status_display()}
        )
    _check_open(shift)
    return _take_place(signup)


@transaction.atomic
def signup_cancel(*, signup: ShiftSignup) -> ShiftSignup:
    """Cancel by the personal link; a confirmed place is free again at once."""
    shift = _lock_for(signup.shift, signup.email)
    signup = ShiftSignup.objects.get(pk=signup.pk)
    signup.shift = shift
    if signup.status == Status.CANCELLED:
        raise ValidationError(_("This sign-up is cancelled already."))
    if shift.starts_at <= timezone.now():
        raise ValidationError(_("The shift has begun; please tell the organisers directly."))
    was_confirmed = signup.status == Status.CONFIRMED
    signup.status, signup.cancelled_at = Status.CANCELLED, timezone.now()
    signup.save(update_fields=["status", "cancelled_at", "updated_at"])
    if was_confirmed:
        _tell(signup, "cancelled")
    return signup


def reminders_send(now: datetime.datetime | None = None) -> int:
    """Remind confirmed helpers of a shift that starts within a day, each once: a row is
    claimed by setting `reminded_at` where it is still empty, so two runs never both send."""
    now = now or timezone.now()
    due = ShiftSignup.objects.filter(
        status=Status.CONFIRMED,
        reminded_at__isnull=True,
        shift__starts_at__gt=now,
        shift__starts_at__lte=now + datetime.timedelta(days=1),
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            claimed = ShiftSignup.objects.filter(pk=pk, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if not claimed:
                continue
            signup = ShiftSignup.objects.select_related("shift__task__place__action").get(pk=pk)
            _tell(signup, "reminder")
            sent += 1
    return sent


# --- The organiser: messages, attendance, hours ---------------------------------------------


@transaction.atomic
def helpers_message(
    *,
    action: Action,
    subject: str,
    text: str,
    user: Any,
    shift: Shift | None = None,
) -> int:
    """Write to the confirmed helpers of one shift or of the whole action (each address one
    mail, nobody sees the others); returns how many were written to."""
    subject, text = subject.strip(), text.strip()
    if not subject:
        raise ValidationError({"subject": _("Please give a subject.")})
    if "\n" in subject or "\r" in subject:
        raise ValidationError({"subject": _("The subject must be one line.")})
    if not text:
        raise ValidationError({"text": _("Please write a message.")})
    helpers = ShiftSignup.objects.filter(shift__task__place__action=action, status=Status.CONFIRMED)
    if shift is not None:
        helpers = helpers.filter(shift=shift)
    people = dict(helpers.order_by("email").values_list("email", "name"))
    if not people:
        raise ValidationError(_("Nobody has confirmed a shift here yet."))
    sender = str(action.provider)
    for email, name in people.items():
        body = render_to_string(
            "opportunities/email/shift_message.txt",
            {"action": action, "text": text, "name": name, "sender": sender},
        )
        outbox_add(to_email=email, to_name=name, subject=f"{action.title}: {subject}", text=body)
    audit_record(
        action=AuditEntry.Action.UPDATE,
        obj=action,
        changes={
            "message": subject,
            "shift": str(shift) if shift else "",
            "recipients": len(people),
        },
    )
    return len(people)


@transaction.atomic
def signup_hours_confirm(
    *, signup: ShiftSignup, attended: bool, hours: Decimal | None, user: Any
) -> ShiftSignup:
    """Mark attendance and confirm the hours (the shift's length unless given otherwise)."""
    lock_objects([signup])
    signup = ShiftSignup.objects.select_related("shift").get(pk=signup.pk)
    if signup.status != Status.CONFIRMED:
        raise ValidationError(_("Only confirmed helpers can be marked present."))
    if signup.shift.starts_at > timezone.now():
        raise ValidationError(_("Hours can be confirmed once the shift has begun."))
    if not attended:
        signup.attended, signup.hours = False, None
        signup.hours_confirmed_at, signup.hours_confirmed_by = None, None
    else:
        value = signup.shift.hours if hours is None else hours
        if value <= 0 or value > 24:
            raise ValidationError({"hours": _("Please give between 0.25 and 24 hours.")})
        signup.attended, signup.hours = True, value
        signup.hours_confirmed_at, signup.hours_confirmed_by = timezone.now(), user
    signup.full_clean()
    signup.save()
    audit_record(
        action=AuditEntry.Action.UPDATE,
        obj=signup,
        changes={"attended": attended, "hours": str(signup.hours)},
    )
    return signup


# --- Evidence -------------------------------------------------------------------------------


def confirmed_hours(*, email: str, provider: Provider | None = None) -> Any:
    """The sign-ups with confirmed hours of one address (for one provider), oldest first."""
    rows = ShiftSignup.objects.filter(
        email=email.lower(),
        status=Status.CONFIRMED,
        attended=True,
        hours__isnull=False,
        hours_confirmed_at__isnull=False,
    ).select_related("shift__task__place__action__provider__organisation", "hours_confirmed_by")
    if provider is not None:
        rows = rows.filter(shift__task__place__action__provider=provider)
    return rows.order_by("shift__starts_at", "pk")


@transaction.atomic
def certificate_for(*, email: str, provider: Provider) -> HoursCertificate:
    """The evidence of the confirmed hours of this address for this provider: the same
    certificate while nothing changed, a new one (new code) when more hours were confirmed."""
    signups = list(confirmed_hours(email=email, provider=provider))
    if not signups:
        raise ValidationError(_("There are no confirmed hours for this organisation yet."))
    wanted = {s.pk for s in signups}
    for certificate in HoursCertificate.objects.filter(
        email=email.lower(), provider=provider
    ).prefetch_related("signups"):
        if {s.pk for s in certificate.signups.all()} == wanted:
            return certificate
    certificate = HoursCertificate.objects.create(
        email=email.lower(), provider=provider, name=signups[-1].name
    )
    certificate.signups.set(signups)
    return certificate


def _confirmers(signups: Iterable[ShiftSignup]) -> str:
    names = []
    for signup in signups:
        person = signup.hours_confirmed_by
        name = (person.get_full_name() or person.email) if person else ""
        if name and name not in names:
            names.append(name)
    return ", ".join(names)


def certificate_evidence(certificate: HoursCertificate) -> HoursEvidence | None:
    """What the certificate stands for now: the hours of its sign-ups still confirmed."""
    signups = [
        s
        for s in certificate.signups.select_related("shift", "hours_confirmed_by").order_by(
            "shift__starts_at"
        )
        if s.status == Status.CONFIRMED and s.attended and s.hours is not None
    ]
    if not signups:
        return None
    return HoursEvidence(
        code=certificate.code,
        organisation=str(certificate.provider.organisation),
        holder_name=certificate.name,
        holder_email=certificate.email,
        hours=float(sum((s.hours for s in signups if s.hours is not None), Decimal(0))),
        first_day=timezone.localtime(signups[0].shift.starts_at).date(),
        last_day=timezone.localtime(signups[-1].shift.starts_at).date(),
        confirmed_by=f"{_confirmers(signups)} ({certificate.provider.organisation})",
    )


def hours_evidence_lookup(code: str) -> HoursEvidence | None:
    """The `hours_evidence` lookup (registered in apps.py): a code issued here, else None."""
    code = (code or "").strip().upper()
    if not code.startswith("STD-"):
        return None
    certificate = (
        HoursCertificate.objects.select_related("provider__organisation").filter(code=code).first()
    )
    return certificate_evidence(certificate) if certificate else None


def confirmed_hours_by_authority(year: int) -> dict[str, float]:
    """The indicator: hours confirmed for shifts in that year, per municipality of the action."""
    totals: dict[str, float] = {}
    rows = ShiftSignup.objects.filter(
        Q(status=Status.CONFIRMED, attended=True, hours_confirmed_at__isnull=False),
        shift__starts_at__year=year,
    ).values_list("shift__task__place__action__authority_id", "hours")
    for ags, hours in rows:
        totals[ags] = totals.get(ags, 0.0) + float(hours or 0)
    return totals
