"""Writes of the network: profiles, the membership workflow, signatures.

Membership rules (the network's stated criteria): an application names a contact person, says
how engagement promotion is anchored as a cross-cutting task, and takes part in the
Ehrenamtskarte or plans to; the applicant agrees to sign the joint declaration. The office
admits, asks for more, or declines with a reason. Only submitted applications can be admitted;
one open application per authority; a member cannot apply again. Every step is recorded as an
ApplicationEvent and the applicant (and, for new applications, the office) is told by e-mail.
Admission creates the Membership and, given a signing wave, the authority's signature.
"""

import datetime
from collections.abc import Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from engagiert.accounts.models import Role, User
from engagiert.api.models import WebhookEvent
from engagiert.api.webhooks import webhook_emit
from engagiert.core.audit import audit_record
from engagiert.core.extensions import DataSubject
from engagiert.core.locking import lock_objects
from engagiert.core.mail import mail_send
from engagiert.core.models import AuditEntry
from engagiert.core.services import model_update
from engagiert.core.uploads import check_pdf
from engagiert.legal.services import consent_give, consents_close
from engagiert.registry.models import Authority, Topic

from .models import (
    Application,
    ApplicationEvent,
    ContactPerson,
    Leader,
    Membership,
    Profile,
    Signature,
    SigningWave,
    StrategyDocument,
    VolunteerCardStatus,
)

#: Largest strategy document accepted, in bytes (tests lower it).
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

Status = Application.Status
Action = ApplicationEvent.Action
M = TypeVar("M", ContactPerson, Leader)


def _announce_member(authority: Authority, change: str) -> None:
    """Tell webhooks that a member changed (admitted, left, profile edited)."""
    webhook_emit(
        event=WebhookEvent.MEMBER_CHANGED,
        data={
            "ags": authority.ags,
            "name": authority.name,
            "change": change,
            "url": settings.SITE_URL + authority.get_absolute_url(),
        },
        authority_ags=authority.ags,
    )


def profile_for(authority: Authority) -> Profile:
    profile, _created = Profile.objects.get_or_create(authority=authority)
    return profile


@transaction.atomic
def profile_update(*, authority: Authority, topics: list[Topic], **fields: Any) -> Profile:
    """Save the structures and strategy an officer keeps (the audit log records each change)."""
    profile = profile_for(authority)
    for name, value in fields.items():
        setattr(profile, name, value)
    if profile.volunteer_card != VolunteerCardStatus.PARTICIPATING:
        profile.volunteer_card_since = None
    profile.full_clean()
    profile.save()
    before = sorted(topic.name for topic in profile.topics.all())
    after = sorted(topic.name for topic in topics)
    if before != after:  # many-to-many changes send no save signal: record them here
        profile.topics.set(topics)
        audit_record(
            action=AuditEntry.Action.UPDATE,
            obj=profile,
            changes={"topics": [", ".join(before), ", ".join(after)]},
        )
    _announce_member(authority, "profile")
    return profile


def profile_volunteer_card_set(*, authorities: Iterable[Authority], since_year: int | None) -> None:
    """The Ehrenamtskarte status as the card programme records it (the one place it is kept):
    »takes part« since `since_year`, or, with None, no longer (»does not take part«). Called by
    the card app when an authority or its Kreis begins or ends issuing cards; officers cannot
    set »takes part« themselves."""
    for authority in authorities:
        profile = profile_for(authority)
        if since_year is None:
            if profile.volunteer_card != VolunteerCardStatus.PARTICIPATING:
                continue
            status, year = VolunteerCardStatus.NO, None
        else:
            status, year = VolunteerCardStatus.PARTICIPATING, since_year
        model_update(
            instance=profile,
            fields=["volunteer_card", "volunteer_card_since"],
            data={"volunteer_card": status, "volunteer_card_since": year},
        )


#: What an officer keeps of a contact person and of a leader.
CONTACT_PERSON_FIELDS = [
    "name",
    "function",
    "department",
    "phone",
    "email",
    "public_fields",
    "is_primary",
]
LEADER_FIELDS = ["name", "office", "since", "email"]


def contact_person_save(
    *, authority: Authority, instance: ContactPerson | None, data: dict[str, Any]
) -> ContactPerson:
    """Add a contact person of the authority, or change one (compared with the stored row)."""
    if instance is None or instance.pk is None:
        return _create(ContactPerson(authority=authority), CONTACT_PERSON_FIELDS, data)
    stored = ContactPerson.objects.get(pk=instance.pk, authority=authority)
    old_email = stored.email.lower()
    contact = model_update(instance=stored, fields=CONTACT_PERSON_FIELDS, data=data)[0]
    if contact.public_consent and contact.email.lower() != old_email:
        # Another address is another person, or one who has not agreed to it being shown.
        _contact_consent_end(contact, reason=gettext_noop("The e-mail address was changed."))
    return contact


#: The consent purpose (core.extensions.consent_purposes) of a contact person's public details.
CONTACT_PURPOSE = "membership.contact_public"


@transaction.atomic
def contact_public_consent_give(*, contact: ContactPerson, user: User) -> ContactPerson:
    """The person agrees that the public sees the e-mail and phone the officer marked public.

    Only the person themselves agrees: the account's address is the contact's address."""
    lock_objects([contact])
    contact = ContactPerson.objects.select_related("authority").get(pk=contact.pk)
    if not user.email or contact.email.lower() != user.email.lower():
        raise ValidationError(_("Only the contact person themselves can agree to this."))
    consent_give(
        person=DataSubject(user=user, email=user.email),
        purpose=CONTACT_PURPOSE,
        source="membership.contact",
        reference=str(contact.pk),
    )
    if not contact.public_consent:
        contact, _changed = model_update(
            instance=contact, fields=["public_consent"], data={"public_consent": True}
        )
    return contact


def contact_public_consent_withdrawn(*, contact_id: int) -> int:
    """The consent was withdrawn: the e-mail and phone are hidden from the public at once."""
    return ContactPerson.objects.filter(pk=contact_id).update(public_consent=False)


def _contact_consent_end(contact: ContactPerson, *, reason: str) -> None:
    contact_public_consent_withdrawn(contact_id=contact.pk)
    contact.public_consent = False
    consents_close(purpose=CONTACT_PURPOSE, references=[str(contact.pk)], reason=reason)


def contact_person_delete(*, contact_person: ContactPerson) -> None:
    contact_person.delete()


def leader_save(*, authority: Authority, instance: Leader | None, data: dict[str, Any]) -> Leader:
    """Add a leader of the authority, or change one (compared with the stored row)."""
    if instance is None or instance.pk is None:
        return _create(Leader(authority=authority), LEADER_FIELDS, data)
    stored = Leader.objects.get(pk=instance.pk, authority=authority)
    return model_update(instance=stored, fields=LEADER_FIELDS, data=data)[0]


def leader_delete(*, leader: Leader) -> None:
    leader.delete()


def _create(instance: M, fields: list[str], data: dict[str, Any]) -> M:
    for name in fields:
        if name in data:
            setattr(instance, name, data[name])
    instance.full_clean()
    instance.save()
    return instance


def document_upload(
    *, authority: Authority, title: str, file: UploadedFile, is_public: bool, user: User
) -> StrategyDocument:
    """Store a strategy PDF: checked by its content, not its name, and limited in size."""
    check_pdf(file, max_bytes=MAX_DOCUMENT_BYTES)
    document = StrategyDocument(
        profile=profile_for(authority),
        title=title,
        is_public=is_public,
        uploaded_by=user,
        size=file.size or 0,
    )
    document.file.save("strategie.pdf", file, save=False)
    document.save()
    return document


def document_delete(*, document: StrategyDocument) -> None:
    """Remove the document and its file: nothing stays on disk that the platform no longer shows."""
    storage, name = document.file.storage, document.file.name
    document.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def _applicant_addresses(application: Application) -> list[str]:
    submitter = [application.submitted_by.email] if application.submitted_by else []
    return [*submitter, *_officer_addresses(application.authority)]


def _office_addresses() -> list[str]:
    return list(
        User.objects.filter(role_assignments__role=Role.OFFICE, is_active=True).values_list(
            "email", flat=True
        )
    )


def _tell(application: Application, event: ApplicationEvent, to: list[str]) -> None:
    mail_send(
        to=to,
        template=f"membership/email/application_{event.action}.txt",
        context={"application": application, "event": event},
    )


def _reloaded_in(application: Application, allowed: tuple[str, ...], refusal: str) -> Application:
    """Lock and reload the application and check it is in one of `allowed` states."""
    lock_objects([application])
    application = Application.objects.select_related("authority", "submitted_by").get(
        pk=application.pk
    )
    if application.status not in allowed:
        raise ValidationError(refusal % {"status": application.get_status_display()})
    return application


def _record(
    application: Application, *, action: str, actor: User, message: str = ""
) -> ApplicationEvent:
    return ApplicationEvent.objects.create(
        application=application, action=action, actor=actor, message=message
    )


@transaction.atomic
def application_submit(
    *,
    authority: Authority,
    user: User,
    contact_person: ContactPerson | None,
    cross_cutting: str,
    volunteer_card: str,
    accepts_declaration: bool,
    motivation: str = "",
) -> Application:
    """Apply for membership; refused for members, a second open application, unmet criteria."""
    lock_objects([authority])  # serialise applicants
    if Membership.objects.filter(authority=authority, until__isnull=True).exists():
        raise ValidationError(
            _("%(name)s is a member of the network already.") % {"name": authority}
        )
    if Application.objects.filter(authority=authority, status__in=Application.OPEN).exists():
        raise ValidationError(
            _(
                "There is an open application for %(name)s already; please wait for the review or "
                "answer the network office's question."
            )
            % {"name": authority}
        )
    application = Application(
        authority=authority,
        submitted_by=user,
        contact_person=contact_person,
        cross_cutting=cross_cutting,
        volunteer_card=volunteer_card,
        accepts_declaration=accepts_declaration,
        motivation=motivation,
    )
    _check_criteria(application)
    application.save()
    event = _record(application, action=Action.SUBMITTED, actor=user)
    _tell(application, event, _applicant_addresses(application))
    mail_send(
        to=_office_addresses(),
        template="membership/email/office_new_application.txt",
        context={"application": application},
    )
    return application


def _check_criteria(application: Application) -> None:
    errors: dict[str, str] = {}
    contact = application.contact_person
    if contact is None or contact.authority_id != application.authority_id:
        errors["contact_person"] = _("Please name a contact person of your municipality.")
    if len(application.cross_cutting.strip()) < 20:
        errors["cross_cutting"] = _(
            "Please describe in a few sentences how engagement promotion is anchored in your "
            "administration."
        )
    if application.volunteer_card == VolunteerCardStatus.NO:
        errors["volunteer_card"] = _(
            "Members take part in the Ehrenamtskarte NRW or plan to introduce it."
        )
    if not application.accepts_declaration:
        errors["accepts_declaration"] = _("Members sign the joint declaration.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def application_request_info(*, application: Application, actor: User, message: str) -> Application:
    """The office asks the applicant for more; only while the application is under review."""
    if not message.strip():
        raise ValidationError({"message": _("Please write what you would like to know.")})
    application = _reloaded_in(
        application,
        (Status.SUBMITTED,),
        _("Only a submitted application can be asked about (it is: %(status)s)."),
    )
    application.status = Status.INFO_REQUESTED
    application.save(update_fields=["status", "updated_at"])
    event = _record(application, action=Action.INFO_REQUESTED, actor=actor, message=message)
    _tell(application, event, _applicant_addresses(application))
    return application


@transaction.atomic
def application_answer(
    *, application: Application, actor: User, message: str, cross_cutting: str | None = None
) -> Application:
    """The applicant answers the office's question; the application goes back to review."""
    if not message.strip():
        raise ValidationError({"message": _("Please answer the network office's question.")})
    application = _reloaded_in(
        application,
        (Status.INFO_REQUESTED,),
        _("There is no open question to answer (the application is: %(status)s)."),
    )
    if cross_cutting is not None:
        application.cross_cutting = cross_cutting
        _check_criteria(application)
    application.status = Status.SUBMITTED
    application.save(update_fields=["status", "cross_cutting", "updated_at"])
    event = _record(application, action=Action.ANSWERED, actor=actor, message=message)
    mail_send(
        to=_office_addresses(),
        template="membership/email/office_answer.txt",
        context={"application": application, "event": event},
    )
    return application


@transaction.atomic
def application_admit(
    *,
    application: Application,
    actor: User,
    since: datetime.date | None = None,
    wave: SigningWave | None = None,
    signed_by: str = "",
    signer_role: str = "",
    message: str = "",
) -> Membership:
    """Admit: the authority becomes a member and, with a wave, signs the declaration in it."""
    application = _reloaded_in(
        application,
        (Status.SUBMITTED,),
        _("Only a submitted application can be admitted (it is: %(status)s)."),
    )
    since = since or timezone.localdate()
    application.status = Status.ADMITTED
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_at", "updated_at"])
    membership = Membership.objects.create(
        authority=application.authority, since=since, application=application
    )
    if wave is not None:
        Signature.objects.get_or_create(
            wave=wave,
            authority=application.authority,
            defaults={"signed_by": signed_by, "signer_role": signer_role},
        )
    event = _record(application, action=Action.ADMITTED, actor=actor, message=message)
    _tell(application, event, _applicant_addresses(application))
    _announce_member(application.authority, "admitted")
    return membership


@transaction.atomic
def application_decline(*, application: Application, actor: User, reason: str) -> Application:
    if not reason.strip():
        raise ValidationError({"message": _("Please give the applicant a reason.")})
    application = _reloaded_in(
        application, Application.OPEN, _("This application is decided already (%(status)s).")
    )
    application.status = Status.DECLINED
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_at", "updated_at"])
    event = _record(application, action=Action.DECLINED, actor=actor, message=reason)
    _tell(application, event, _applicant_addresses(application))
    return application


@transaction.atomic
def application_withdraw(*, application: Application, actor: User) -> Application:
    application = _reloaded_in(
        application, Application.OPEN, _("This application is decided already (%(status)s).")
    )
    application.status = Status.WITHDRAWN
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_at", "updated_at"])
    event = _record(application, action=Action.WITHDRAWN, actor=actor)
    mail_send(
        to=_office_addresses(),
        template="membership/email/office_withdrawn.txt",
        context={"application": application, "event": event},
    )
    return application


@transaction.atomic
def membership_end(
    *, authority: Authority, actor: User, reason: str, until: datetime.date | None = None
) -> Membership:
    """The authority leaves the network; its membership and history stay on record."""
    current = Membership.objects.filter(authority=authority, until__isnull=True)
    lock_objects([current])
    membership = current.first()
    if membership is None:
        raise ValidationError(_("%(name)s is not a member.") % {"name": authority})
    if not reason.strip():
        raise ValidationError({"reason": _("Please give a reason for leaving.")})
    until = until or timezone.localdate()
    if until > timezone.localdate():
        raise ValidationError({"until": _("Please give today or a past date as the end.")})
    if until < membership.since:
        raise ValidationError(
            {"until": _("The end cannot lie before the start of the membership.")}
        )
    membership.until = until
    membership.end_reason = reason
    membership.save(update_fields=["until", "end_reason", "updated_at"])
    mail_send(
        to=[*_office_addresses(), *_officer_addresses(authority)],
        template="membership/email/membership_ended.txt",
        context={"membership": membership, "actor": actor},
    )
    _announce_member(authority, "left")
    return membership


def _officer_addresses(authority: Authority) -> list[str]:
    return list(
        User.objects.filter(
            role_assignments__role=Role.OFFICER,
            role_assignments__authority=authority,
            is_active=True,
        ).values_list("email", flat=True)
    )


@transaction.atomic
def applications_decided_delete(*, now: datetime.datetime | None = None) -> int:
    """Delete declined and withdrawn applications MEMBERSHIP_KEEP_DECLINED_DAYS after their
    decision (data minimisation: the people they name, the free texts); admitted ones stay as
    the record of the membership. The audit log counts them, without names."""
    cutoff = (now or timezone.now()) - datetime.timedelta(
        days=settings.MEMBERSHIP_KEEP_DECLINED_DAYS
    )
    due = Application.objects.filter(
        status__in=[Application.Status.DECLINED, Application.Status.WITHDRAWN],
        decided_at__lt=cutoff,
    )
    _count, kinds = due.delete()
    deleted = kinds.get(Application._meta.label, 0)
    if deleted:
        audit_record(
            action=AuditEntry.Action.DELETE,
            model=Application,
            object_repr="Löschfristen Mitgliedsanträge",
            changes={"applications_deleted": deleted},
        )
    return deleted
