"""Writes of the CRM: people at members and partner institutions, staff changes, tags, the
activity log, follow-ups and the import of contact lists.

Only the network office calls these (the views check it). A person who leaves keeps their row:
`person_hand_over` marks them as left and names a successor, who takes over the function, the
main-contact flag, the tags and the open follow-ups; both pages keep showing the history. If the
office says so, the successor's account also takes over the leaver's roles for the municipality
(officer, leader…); the leaver's account loses them once the leaving day has come.
"""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from engagiert.accounts.models import Role, User
from engagiert.accounts.permissions import has_role
from engagiert.accounts.services import role_revoke
from engagiert.core.audit import audit_record
from engagiert.core.locking import lock_objects
from engagiert.core.models import AuditEntry
from engagiert.core.services import model_update
from engagiert.membership.models import ContactPerson
from engagiert.membership.network_services import contact_invite
from engagiert.registry.models import Authority

from . import importing, queries
from .models import Activity, ContactImport, FollowUp, Tag

#: What the office keeps of a person (the institution is set once, at creation).
PERSON_FIELDS = ["name", "function", "department", "phone", "email", "is_primary"]

#: Retention (see personal_data.py): activity entries, done follow-ups, import previews, and the
#: e-mail and phone of people who left.
KEEP_ACTIVITIES = datetime.timedelta(days=5 * 365)
KEEP_DONE_FOLLOW_UPS = datetime.timedelta(days=365)
KEEP_IMPORTS = datetime.timedelta(days=2)
KEEP_DETAILS_OF_LEAVERS = datetime.timedelta(days=2 * 365)


def _tag_list(names: Iterable[str]) -> list[Tag]:
    """The tags of these names, created where new (the same name in another case is reused)."""
    tags: dict[str, Tag] = {}
    for raw in names:
        name = " ".join(raw.split())[:60]
        if not name or name.casefold() in tags:
            continue
        tag = Tag.objects.filter(name__iexact=name).first()
        if tag is None:
            tag = Tag(name=name)
            tag.full_clean()
            tag.save()
        tags[name.casefold()] = tag
    return list(tags.values())


def _tags_set(person: ContactPerson, names: Iterable[str]) -> None:
    tags = _tag_list(names)
    before = sorted(tag.name for tag in person.tags.all())
    after = sorted(tag.name for tag in tags)
    if before != after:  # many-to-many changes send no save signal: record them here
        person.tags.set(tags)
        audit_record(
            action=AuditEntry.Action.UPDATE,
            obj=person,
            changes={"tags": [", ".join(before), ", ".join(after)]},
        )


@transaction.atomic
def person_create(
    *,
    data: dict[str, Any],
    tags: Iterable[str] = (),
    authority: Authority | None = None,
    organisation: Any = None,
) -> ContactPerson:
    """A person at an authority or at a partner institution (exactly one of both)."""
    if (authority is None) == (organisation is None):
        raise ValidationError(_("Please choose either a municipality or a partner institution."))
    person = ContactPerson(authority=authority, organisation=organisation)
    for name in PERSON_FIELDS:
        if name in data:
            setattr(person, name, data[name])
    person.full_clean()
    person.save()
    _tags_set(person, tags)
    return person


@transaction.atomic
def person_update(
    *, person: ContactPerson, data: dict[str, Any], tags: Iterable[str]
) -> ContactPerson:
    stored = ContactPerson.objects.select_for_update().get(pk=person.pk)
    if stored.ended_on is not None:
        raise ValidationError(_("This person has left; their entry stays as it was."))
    person = model_update(instance=stored, fields=PERSON_FIELDS, data=data)[0]
    _tags_set(person, tags)
    return person


@transaction.atomic
def person_hand_over(
    *,
    person: ContactPerson,
    ended_on: datetime.date,
    successor: ContactPerson | None = None,
    successor_data: dict[str, Any] | None = None,
    take_over_roles: bool = False,
    actor: User,
) -> ContactPerson | None:
    """The person left on `ended_on`; a successor (an existing current person of the same
    institution, or a new one from `successor_data`) takes over the function, the main-contact
    flag, the tags and the open follow-ups. Returns the successor, if any."""
    lock_objects([person])
    person = ContactPerson.objects.select_related("authority", "organisation").get(pk=person.pk)
    if person.ended_on is not None:
        raise ValidationError(_("%(name)s has already left.") % {"name": person.name})
    if ended_on > timezone.localdate() + datetime.timedelta(days=366):
        raise ValidationError({"ended_on": _("Please give a date within the next year.")})
    if successor is not None and successor_data:
        raise ValidationError(_("Please choose a successor or enter a new one, not both."))
    if successor is not None:
        same_place = (
            successor.authority_id == person.authority_id
            and successor.organisation_id == person.organisation_id
        )
        if successor.pk == person.pk or not same_place or successor.ended_on is not None:
            raise ValidationError(
                {
                    "successor": _(
                        "The successor must be another current person of the same institution."
                    )
                }
            )
    elif successor_data:
        data = {"function": person.function, "department": person.department, **successor_data}
        successor = person_create(
            data=data, authority=person.authority, organisation=person.organisation
        )
    tags = [tag.name for tag in person.tags.all()]
    was_primary = person.is_primary
    model_update(
        instance=person,
        fields=["ended_on", "successor", "is_primary"],
        data={"ended_on": ended_on, "successor": successor, "is_primary": False},
    )
    if successor is not None:
        model_update(
            instance=successor,
            fields=["function", "is_primary"],
            data={"function": person.function, "is_primary": successor.is_primary or was_primary},
        )
        _tags_set(successor, [*tags, *(tag.name for tag in successor.tags.all())])
        FollowUp.objects.filter(person=person, done_at__isnull=True).update(person=successor)
    if take_over_roles:
        _roles_hand_over(person=person, successor=successor, ended_on=ended_on, actor=actor)
    Activity.objects.create(
        kind=Activity.Kind.NOTE,
        happened_on=min(ended_on, timezone.localdate()),
        author=actor,
        person=person,
        authority=person.authority,
        text=(
            _("Left on %(date)s; successor: %(name)s.")
            % {"date": f"{ended_on:%d.%m.%Y}", "name": successor.name}
            if successor
            else _("Left on %(date)s; no successor named.") % {"date": f"{ended_on:%d.%m.%Y}"}
        ),
    )
    return successor


def _roles_hand_over(
    *,
    person: ContactPerson,
    successor: ContactPerson | None,
    ended_on: datetime.date,
    actor: User,
) -> None:
    """The successor's account gets each role of the leaver's account for the municipality
    (an account with their e-mail, or a new one with the link to choose a password); the
    leaver's account loses them once the leaving day has come."""
    roles = queries.account_roles(person)
    if not roles:
        return
    if successor is None:
        raise ValidationError({"take_over_roles": _("Only a successor can take over the roles.")})
    if not successor.email:
        raise ValidationError(
            {"take_over_roles": _("The successor needs an e-mail address to take over the roles.")}
        )
    for assignment in roles:
        contact_invite(contact=successor, role=assignment.role, invited_by=actor)
        if ended_on <= timezone.localdate():
            role_revoke(assignment=assignment)


#: How far back the daily job looks for leavers whose roles end: a schedule that did not run
#: for a while still ends them.
LEAVERS_LOOKBACK = datetime.timedelta(days=30)


@transaction.atomic
def leavers_roles_end(*, today: datetime.date | None = None) -> int:
    """Roles handed over to a successor ahead of the leaving day end on that day: the leaver's
    account loses each role at the municipality that the successor's account holds there. The
    daily job; returns how many roles ended."""
    today = today or timezone.localdate()
    leavers = ContactPerson.objects.filter(
        ended_on__lte=today, ended_on__gte=today - LEAVERS_LOOKBACK, successor__isnull=False
    ).select_related("successor")
    ended = 0
    for person in leavers:
        successor = cast(ContactPerson, person.successor)  # the filter above
        taken_over = {assignment.role for assignment in queries.account_roles(successor)}
        for assignment in queries.account_roles(person):
            if assignment.role in taken_over:
                role_revoke(assignment=assignment)
                ended += 1
    return ended


@transaction.atomic
def activity_add(
    *,
    author: User,
    kind: str,
    happened_on: datetime.date,
    text: str,
    person: ContactPerson | None = None,
    authority: Authority | None = None,
) -> Activity:
    """A note or a contact (call, visit, e-mail, meeting) about a person or a municipality;
    an entry about a person counts for the person's municipality too."""
    _check_activity(text=text, happened_on=happened_on)
    if person is not None:
        authority = person.authority
    activity = Activity(
        kind=kind,
        happened_on=happened_on,
        text=text.strip(),
        author=author,
        person=person,
        authority=authority,
    )
    activity.full_clean()
    activity.save()
    return activity


def _check_activity(*, text: str, happened_on: datetime.date) -> None:
    if not text.strip():
        raise ValidationError({"text": _("Please write what happened or what to remember.")})
    if happened_on > timezone.localdate():
        raise ValidationError({"happened_on": _("Please give today or a past date.")})


@transaction.atomic
def activity_update(*, activity: Activity, data: Mapping[str, Any]) -> Activity:
    """Correct an entry of the activity log: its kind, date and text (whom it concerns stays).
    The audit log records the change; of the text only that it changed, so the note itself
    goes when its retention ends."""
    lock_objects([activity])
    stored = Activity.objects.get(pk=activity.pk)
    text = str(data.get("text", stored.text)).strip()
    happened_on = data.get("happened_on", stored.happened_on)
    _check_activity(text=text, happened_on=happened_on)
    activity, changed = model_update(
        instance=activity,
        fields=["kind", "happened_on", "text"],
        data={**data, "text": text},
    )
    if changed:
        changes: dict[str, Any] = {
            name: [str(getattr(stored, name)), str(getattr(activity, name))]
            for name in ("kind", "happened_on")
            if getattr(stored, name) != getattr(activity, name)
        }
        if stored.text != activity.text:
            changes["text"] = "changed"
        audit_record(action=AuditEntry.Action.UPDATE, obj=activity, changes=changes)
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity) -> None:
    """Delete an entry of the activity log; the audit log keeps that it was deleted."""
    audit_record(action=AuditEntry.Action.DELETE, obj=activity)
    activity.delete()


def _check_assignee(assignee: User | None) -> None:
    if assignee is None or not assignee.is_active or not has_role(assignee, Role.OFFICE):
        raise ValidationError({"assignee": _("Please choose a colleague of the network office.")})


@transaction.atomic
def follow_up_create(
    *,
    created_by: User,
    title: str,
    due_on: datetime.date,
    assignee: User | None,
    person: ContactPerson | None = None,
    authority: Authority | None = None,
) -> FollowUp:
    """A follow-up for a colleague of the office, about a person or a municipality."""
    _check_assignee(assignee)
    if person is not None:
        authority = person.authority
    follow_up = FollowUp(
        title=title.strip(),
        due_on=due_on,
        assignee=assignee,
        created_by=created_by,
        person=person,
        authority=authority,
    )
    follow_up.full_clean()
    follow_up.save()
    return follow_up


@transaction.atomic
def follow_up_mark(*, follow_up: FollowUp, done: bool, user: User) -> FollowUp:
    """Done, or open again (a mistake, or not really done)."""
    lock_objects([follow_up])
    follow_up = FollowUp.objects.get(pk=follow_up.pk)
    data = (
        {"done_at": timezone.now(), "done_by": user} if done else {"done_at": None, "done_by": None}
    )
    if (follow_up.done_at is not None) != done:
        model_update(instance=follow_up, fields=["done_at", "done_by"], data=data)
    return follow_up


# --- Import ---------------------------------------------------------------------------------


@transaction.atomic
def contact_import_preview(*, file: UploadedFile, user: User) -> ContactImport:
    """Read and check the file; the rows wait with their outcomes for the office's choice.
    No contact person is created or changed here."""
    table = importing.read_table(file)
    rows = importing.check_rows(table)
    return ContactImport.objects.create(
        filename=(file.name or "")[:200],
        created_by=user,
        rows=[row.as_dict() for row in rows],
    )


@transaction.atomic
def contact_import_confirm(
    *, contact_import: ContactImport, update_lines: Iterable[int], user: User
) -> dict[str, int]:
    """Save the checked rows in one transaction: new people are created, duplicates the office
    chose to update are updated, the others skipped, invalid rows left out. A second confirmation
    of the same import changes nothing (the import is done); a row whose address exists by now
    is skipped, so importing the same file twice creates nobody twice."""
    lock_objects([contact_import])
    contact_import = ContactImport.objects.get(pk=contact_import.pk)
    if contact_import.status == ContactImport.Status.DONE:
        raise ValidationError(_("This list has been imported already."))
    update = set(update_lines)
    authorities = {
        a.ags: a
        for a in Authority.objects.filter(ags__in={row["ags"] for row in contact_import.rows})
    }
    result = {"created": 0, "updated": 0, "skipped": 0, "invalid": 0}
    for row in contact_import.rows:
        outcome = row["outcome"]
        data = {key: row[key] for key in ("name", "function", "department", "phone", "email")}
        if outcome == importing.INVALID:
            result["invalid"] += 1
        elif outcome == importing.DUPLICATE:
            existing = ContactPerson.objects.filter(
                pk=row["duplicate_of"], ended_on__isnull=True
            ).first()
            if row["line"] in update and existing is not None:
                changes = {key: value for key, value in data.items() if value and key != "name"}
                person_update(
                    person=existing,
                    data=changes,
                    tags=[*(t.name for t in existing.tags.all()), *row["tags"]],
                )
                result["updated"] += 1
            else:
                result["skipped"] += 1
        elif (
            row["email"]
            and ContactPerson.objects.filter(
                email__iexact=row["email"], ended_on__isnull=True
            ).exists()
        ):
            result["skipped"] += 1
        else:
            try:
                person_create(data=data, tags=row["tags"], authority=authorities[row["ags"]])
            except ValidationError as error:
                raise ValidationError(
                    _("Row %(line)d cannot be saved: %(problem)s")
                    % {"line": row["line"], "problem": " ".join(error.messages)}
                ) from error
            result["created"] += 1
    contact_import.status = ContactImport.Status.DONE
    contact_import.result = result
    contact_import.rows = []  # the people are saved; the copy of the file is not kept
    contact_import.save(update_fields=["status", "result", "rows", "updated_at"])
    audit_record(
        action=AuditEntry.Action.CREATE,
        obj=contact_import,
        changes={key: [0, value] for key, value in result.items()},
    )
    return result


# --- Retention ------------------------------------------------------------------------------


@transaction.atomic
def crm_retention(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Activity entries after five years, done follow-ups after one, import previews after two
    days are deleted; people who left more than two years ago keep name and function (the
    history of who held a function) but lose e-mail and phone."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    activities, _kinds = Activity.objects.filter(happened_on__lt=today - KEEP_ACTIVITIES).delete()
    follow_ups, _kinds = FollowUp.objects.filter(done_at__lt=now - KEEP_DONE_FOLLOW_UPS).delete()
    imports, _kinds = ContactImport.objects.filter(created_at__lt=now - KEEP_IMPORTS).delete()
    leavers = (
        ContactPerson.objects.filter(ended_on__lt=today - KEEP_DETAILS_OF_LEAVERS)
        .exclude(email="", phone="")
        .update(email="", phone="", public_consent=False, public_fields=[])
    )
    counts = {
        "activities": activities,
        "follow_ups": follow_ups,
        "imports": imports,
        "leavers": leavers,
    }
    if any(counts.values()):
        audit_record(
            action=AuditEntry.Action.DELETE,
            model=Activity,
            object_repr="Löschfristen Kontakte",
            changes=counts,
        )
    return counts
