"""Writes of the development workshop.

Rules:
- The office creates and edits cohorts and their calls, opens a call until a deadline ahead
  and closes it early; panel members (office users) score each application 1–5 with a comment,
  one score per member and application.
- Applications are accepted and can be changed until the deadline (Europe/Berlin, checked on
  the server); each names exactly two team members; one application per municipality and cohort.
- The office selects at most the cohort's maximum of sites; the others are not selected. Both
  are told by e-mail; selected team members get an account (or their existing one) with the
  development-team role, which lets them into the cohort space.
- Each team has `votes_per_team` votes for topic proposals, at most one per proposal.
- A consultation slot is booked by one team only, also when two teams click at the same moment
  (row lock); the booking team or the organisers can cancel it; a reminder goes out the day before.
- A declined application keeps only its cohort, municipality and decision (the regional spread
  of applications) WORKSHOP_KEEP_DECLINED_DAYS after the decision: its team, its submitter and its
  texts and the panel's scores are deleted by a daily job.
- When a cohort finishes, its municipalities that are not members are invited to apply for
  membership, with the application prefilled from their workshop application.
"""

import datetime
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from engagiert.accounts.models import Role, User
from engagiert.accounts.services import password_set_link, role_grant
from engagiert.core.audit import audit_record
from engagiert.core.locking import lock_objects
from engagiert.core.mail import mail_send
from engagiert.core.models import AuditEntry
from engagiert.core.services import model_update
from engagiert.core.uploads import check_document
from engagiert.knowledge.models import KnowledgeItem, Visibility
from engagiert.knowledge.services import item_create
from engagiert.membership.queries import current_member_keys
from engagiert.registry.models import Authority

from .models import (
    Cohort,
    CohortApplication,
    ConsultationSlot,
    EvaluationResponse,
    ExpertInput,
    PanelScore,
    Post,
    Resource,
    Session,
    TeamMember,
    Thread,
    TopicProposal,
    TopicVote,
)

Status = CohortApplication.Status

#: What the office keeps of a cohort and its call.
COHORT_FIELDS = [
    "number",
    "title",
    "starts_on",
    "ends_on",
    "max_sites",
    "operator",
    "evaluator",
    "partner_note",
    "call_text",
    "application_deadline",
]


@transaction.atomic
def cohort_save(*, instance: Cohort | None, data: dict[str, Any]) -> Cohort:
    """The office creates a cohort with its call, or changes one. The size cannot fall below
    the sites already selected."""
    if instance is None or instance.pk is None:
        cohort = Cohort(**{name: data[name] for name in COHORT_FIELDS if name in data})
        cohort.full_clean()
        cohort.save()
        return cohort
    lock_objects([instance])
    stored = Cohort.objects.get(pk=instance.pk)
    selected = stored.applications.filter(status=Status.SELECTED).count()
    if "max_sites" in data and data["max_sites"] < selected:
        raise ValidationError(
            {
                "max_sites": ngettext(
                    "%(count)d site is selected already; the cohort cannot be smaller.",
                    "%(count)d sites are selected already; the cohort cannot be smaller.",
                    selected,
                )
                % {"count": selected}
            }
        )
    return model_update(instance=stored, fields=COHORT_FIELDS, data=data)[0]


@transaction.atomic
def cohort_call_open(*, cohort: Cohort, deadline: datetime.datetime) -> Cohort:
    """Open (or extend) the call for applications until `deadline`, which lies ahead."""
    if deadline <= timezone.now():
        raise ValidationError({"application_deadline": _("Please give a deadline in the future.")})
    if not cohort.call_text.strip():
        raise ValidationError(
            {"application_deadline": _("Please write the call text before opening the call.")}
        )
    if cohort.finished_at:
        raise ValidationError(_("This cohort is finished already."))
    return model_update(
        instance=cohort, fields=["application_deadline"], data={"application_deadline": deadline}
    )[0]


@transaction.atomic
def cohort_call_close(*, cohort: Cohort) -> Cohort:
    """Close the call now: from this moment no application can be sent or changed."""
    if not cohort.call_is_open:
        raise ValidationError(_("The call for this cohort is not open."))
    return model_update(
        instance=cohort,
        fields=["application_deadline"],
        data={"application_deadline": timezone.now()},
    )[0]


@transaction.atomic
def panel_score_save(
    *, application: CohortApplication, reviewer: User, score: int, comment: str = ""
) -> PanelScore:
    """A panel member scores an application (1 to 5) with a comment; scoring again replaces
    their own earlier score. Closed once the cohort is finished."""
    if application.cohort.finished_at:
        raise ValidationError(_("This cohort is finished already."))
    if score not in range(1, 6):
        raise ValidationError({"score": _("Please give a score from 1 to 5.")})
    found, _created = PanelScore.objects.update_or_create(
        application=application,
        reviewer=reviewer,
        defaults={"score": score, "comment": comment.strip()},
    )
    return found


def _check_call_open(cohort: Cohort) -> None:
    if cohort.application_deadline is None:
        raise ValidationError(_("This cohort has no open call for applications."))
    if timezone.now() > cohort.application_deadline:
        deadline = timezone.localtime(cohort.application_deadline)
        raise ValidationError(
            _("The deadline for applications was %(deadline)s; applications are closed.")
            % {"deadline": deadline.strftime("%d.%m.%Y, %H:%M")}
        )


def _check_team(team: Sequence[dict[str, str]]) -> None:
    complete = [
        m
        for m in team
        if all((m.get(part) or "").strip() for part in ("name", "function", "email"))
    ]
    if len(team) != 2 or len(complete) != 2:
        raise ValidationError(
            _(
                "A development team has exactly two members, each with name, "
                "function and e-mail address."
            )
        )
    if team[0]["email"].strip().lower() == team[1]["email"].strip().lower():
        raise ValidationError(_("The two team members need different e-mail addresses."))


@transaction.atomic
def cohort_apply(
    *,
    cohort: Cohort,
    authority: Authority,
    user: User,
    motivation: str,
    goals: str,
    existing: str,
    team: Sequence[dict[str, str]],
) -> CohortApplication:
    """Apply, or change the application, before the deadline."""
    lock_objects([cohort])
    cohort = Cohort.objects.get(pk=cohort.pk)
    _check_call_open(cohort)
    _check_team(team)
    if cohort.applications.filter(authority=authority).exclude(status=Status.SUBMITTED).exists():
        raise ValidationError(
            _("The office has decided on this application already; it can no longer be changed.")
        )
    application, _created = CohortApplication.objects.update_or_create(
        cohort=cohort,
        authority=authority,
        defaults={
            "motivation": motivation,
            "goals": goals,
            "existing": existing,
            "submitted_by": user,
            "status": Status.SUBMITTED,
        },
    )
    for position, member in enumerate(team, start=1):
        TeamMember.objects.update_or_create(
            application=application,
            position=position,
            defaults={
                "name": member["name"].strip(),
                "function": member["function"].strip(),
                "email": member["email"].strip().lower(),
            },
        )
    return application


def _team_user(member: TeamMember, authority: Authority) -> tuple[User, bool]:
    """The member's account, created without a password if they have none yet."""
    user = User.objects.filter(email__iexact=member.email).first()
    created = user is None
    if user is None:
        first, _sep, last = member.name.rpartition(" ")
        user = User.objects.create_user(
            member.email, None, first_name=first or member.name, last_name=last if first else ""
        )
    role_grant(user=user, role=Role.DEVELOPMENT_TEAM, authority=authority, function=member.function)
    return user, created


@transaction.atomic
def cohort_select(*, cohort: Cohort, selected: Sequence[CohortApplication], user: User) -> None:
    """Select up to the maximum of sites; everyone is told; selected teams get access."""
    lock_objects([cohort])
    cohort = Cohort.objects.get(pk=cohort.pk)
    if len(selected) > cohort.max_sites:
        raise ValidationError(
            ngettext(
                "At most %(max)d site can take part in this cohort.",
                "At most %(max)d sites can take part in this cohort.",
                cohort.max_sites,
            )
            % {"max": cohort.max_sites}
        )
    chosen = {application.pk for application in selected}
    now = timezone.now()
    for application in cohort.applications.select_related("authority", "submitted_by"):
        status = Status.SELECTED if application.pk in chosen else Status.DECLINED
        if status == application.status:
            continue  # saving the selection again tells no one twice
        application.status = status
        application.decided_at = now
        application.save(update_fields=["status", "decided_at", "updated_at"])
        if application.status == Status.SELECTED:
            _welcome_team(cohort, application)
        elif application.submitted_by:
            mail_send(
                to=[application.submitted_by.email],
                template="workshop/email/application_declined.txt",
                context={"cohort": cohort, "application": application},
            )


def _welcome_team(cohort: Cohort, application: CohortApplication) -> None:
    for member in application.team.all():
        account, created = _team_user(member, application.authority)
        member.user = account
        member.save(update_fields=["user"])
        mail_send(
            to=[member.email],
            template="workshop/email/team_selected.txt",
            context={
                "cohort": cohort,
                "application": application,
                "member": member,
                "password_link": password_set_link(account) if created else "",
                "link_valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
            },
        )


def session_create(*, cohort: Cohort, **fields: Any) -> Session:
    """The organisers add a workshop to the cohort's programme."""
    return Session.objects.create(cohort=cohort, **fields)


def expert_input_add(*, session: Session, **fields: Any) -> ExpertInput:
    return ExpertInput.objects.create(session=session, **fields)


def proposal_create(
    *, cohort: Cohort, user: User, authority: Authority | None, **fields: Any
) -> TopicProposal:
    """Propose a topic for an upcoming workshop, for one's team (or as organiser)."""
    return TopicProposal.objects.create(
        cohort=cohort, proposed_by=user, authority=authority, **fields
    )


@transaction.atomic
def vote_cast(*, proposal: TopicProposal, authority: Authority, user: User) -> TopicVote:
    """A team votes for a topic; the cohort row lock keeps the count right under concurrency."""
    lock_objects([Cohort.objects.filter(pk=proposal.cohort_id)])
    cohort = Cohort.objects.get(pk=proposal.cohort_id)
    if proposal.adopted_for_id:
        raise ValidationError(_("This topic is on a workshop's agenda already."))
    used = TopicVote.objects.filter(proposal__cohort=cohort, authority=authority).count()
    if TopicVote.objects.filter(proposal=proposal, authority=authority).exists():
        raise ValidationError(_("Your team has voted for this topic already."))
    if used >= cohort.votes_per_team:
        raise ValidationError(
            _(
                "Your team has used all its %(votes)d votes. Withdraw a vote "
                "to give it to another topic."
            )
            % {"votes": cohort.votes_per_team}
        )
    return TopicVote.objects.create(proposal=proposal, authority=authority, user=user)


def vote_withdraw(*, proposal: TopicProposal, authority: Authority) -> None:
    TopicVote.objects.filter(proposal=proposal, authority=authority).delete()


@transaction.atomic
def session_adopt_topics(*, session: Session, proposals: Sequence[TopicProposal]) -> Session:
    """The operator puts the chosen topics on the agenda of a workshop."""
    for proposal in proposals:
        if proposal.cohort_id != session.cohort_id:
            raise ValidationError(_("Please choose topics of this cohort."))
        proposal.adopted_for = session
        proposal.save(update_fields=["adopted_for", "updated_at"])
    return session


def slot_create(*, cohort: Cohort, **fields: Any) -> ConsultationSlot:
    """The organisers offer a consultation appointment to the teams."""
    return ConsultationSlot.objects.create(cohort=cohort, **fields)


@transaction.atomic
def slot_book(*, slot: ConsultationSlot, authority: Authority, user: User) -> ConsultationSlot:
    """Book an appointment; a slot already taken (also a moment ago) is refused."""
    lock_objects([slot])
    slot = ConsultationSlot.objects.get(pk=slot.pk)
    if slot.booked_by_id == authority.pk:
        raise ValidationError(_("Your team has booked this appointment already."))
    if slot.booked_by_id is not None:
        raise ValidationError(
            _("This appointment has just been booked by another team; please choose another one.")
        )
    if slot.starts_at <= timezone.now():
        raise ValidationError(_("This appointment lies in the past."))
    slot.booked_by, slot.booked_by_user = authority, user
    slot.save(update_fields=["booked_by", "booked_by_user", "updated_at"])
    return slot


@transaction.atomic
def slot_cancel(*, slot: ConsultationSlot) -> ConsultationSlot:
    lock_objects([slot])
    slot = ConsultationSlot.objects.get(pk=slot.pk)
    slot.booked_by = slot.booked_by_user = None
    slot.reminded_at = None
    slot.save(update_fields=["booked_by", "booked_by_user", "reminded_at", "updated_at"])
    return slot


@transaction.atomic
def slot_reminders_send(*, within: datetime.timedelta = datetime.timedelta(hours=24)) -> int:
    """Remind the booking team of appointments in the next 24 hours, once per booking (row
    locks keep two overlapping runs from reminding twice)."""
    now = timezone.now()
    due = ConsultationSlot.objects.filter(
        booked_by__isnull=False,
        reminded_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + within,
    ).select_related("cohort", "booked_by")
    lock_objects([due])
    count = 0
    for slot in due:
        team = TeamMember.objects.filter(
            application__cohort=slot.cohort,
            application__authority=slot.booked_by,
            application__status=Status.SELECTED,
        )
        mail_send(
            to=[member.email for member in team],
            template="workshop/email/slot_reminder.txt",
            context={"slot": slot},
        )
        slot.reminded_at = now
        slot.save(update_fields=["reminded_at"])
        count += 1
    return count


def resource_add(
    *, cohort: Cohort, user: User, file: UploadedFile | None = None, **fields: Any
) -> Resource:
    """Add a learning resource to the cohort's pool (closed until the office releases it): a
    link, a file (PDF or office document, checked by its content) or both."""
    if not file and not fields.get("url"):
        raise ValidationError({"url": _("Please give a link or upload a file.")})
    resource = Resource(cohort=cohort, added_by=user, **fields)
    if file:
        extension = check_document(file)
        resource.file.save(f"lernquelle.{extension}", file, save=False)
    resource.full_clean()
    resource.save()
    return resource


@transaction.atomic
def session_minutes_save(
    *, session: Session, minutes: str, file: UploadedFile | None = None, remove_file: bool = False
) -> Session:
    """The organisers keep the minutes of a workshop: a text, a file (PDF or office
    document), or both; the cohort reads them in its space."""
    old_name = session.minutes_file.name if session.minutes_file else ""
    storage = session.minutes_file.storage
    data: dict[str, Any] = {"minutes": minutes.strip()}
    if file:
        extension = check_document(file, field="minutes_file")
        file.name = f"protokoll-{session.number}.{extension}"
        data["minutes_file"] = file
    elif remove_file:
        data["minutes_file"] = False
    session = model_update(instance=session, fields=["minutes", "minutes_file"], data=data)[0]
    if old_name and old_name != session.minutes_file.name:
        transaction.on_commit(lambda: storage.delete(old_name))
    return session


@transaction.atomic
def resource_publish(*, resource: Resource, user: User) -> KnowledgeItem:
    """The office releases a learning resource into the network's knowledge base (members)."""
    if resource.shared_with_network:
        raise ValidationError(_("This resource is in the knowledge base already."))
    item = item_create(
        authority=None,
        kind=KnowledgeItem.Kind.RESOURCE,
        title=resource.title,
        summary=resource.description or resource.title,
        contact=resource.url,
        visibility=Visibility.MEMBERS,
        author=user,
    )
    resource.shared_with_network = True
    resource.save(update_fields=["shared_with_network", "updated_at"])
    return item


@transaction.atomic
def thread_start(*, cohort: Cohort, user: User, title: str, body: str) -> Thread:
    """Open a confidential discussion with its first contribution."""
    thread = Thread.objects.create(cohort=cohort, author=user, title=title)
    post_add(thread=thread, user=user, body=body)
    return thread


def post_add(*, thread: Thread, user: User, body: str) -> Post:
    if not body.strip():
        raise ValidationError({"body": _("Please write something.")})
    post = Post.objects.create(thread=thread, author=user, body=body.strip())
    thread.save(update_fields=["updated_at"])
    return post


def evaluation_submit(
    *, cohort: Cohort, authority: Authority, phase: str, **answers: object
) -> EvaluationResponse:
    if EvaluationResponse.objects.filter(cohort=cohort, authority=authority, phase=phase).exists():
        raise ValidationError(_("Your team has answered this questionnaire already. Thank you!"))
    response = EvaluationResponse(cohort=cohort, authority=authority, phase=phase, **answers)
    response.full_clean()
    response.save()
    return response


@transaction.atomic
def cohort_finish(*, cohort: Cohort) -> int:
    """Close the cohort; invite its municipalities that are not members to apply (prefilled)."""
    lock_objects([cohort])
    cohort = Cohort.objects.get(pk=cohort.pk)
    if cohort.finished_at:
        raise ValidationError(_("This cohort is finished already."))
    cohort.finished_at = timezone.now()
    cohort.save(update_fields=["finished_at", "updated_at"])
    members = current_member_keys()
    invited = 0
    for application in (
        cohort.applications.filter(status=Status.SELECTED)
        .select_related("authority")
        .prefetch_related("team")
    ):
        if application.authority_id in members:
            continue
        prefill = urlencode(
            {"cross_cutting": application.existing, "motivation": application.goals}
        )
        link = (
            settings.SITE_URL
            + reverse("membership:application_create", args=[application.authority_id])
            + "?"
            + prefill
        )
        officers = User.objects.filter(
            role_assignments__role=Role.OFFICER, role_assignments__authority=application.authority
        )
        mail_send(
            to=[
                *(m.email for m in application.team.all()),
                *officers.values_list("email", flat=True),
            ],
            template="workshop/email/alumni_invitation.txt",
            context={"cohort": cohort, "application": application, "link": link},
        )
        invited += 1
    return invited


@transaction.atomic
def applications_declined_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete the personal data of applications not selected WORKSHOP_KEEP_DECLINED_DAYS after
    the decision: the team, who submitted and the free texts. The row stays (without them) for
    the cohort's figures; the audit log counts the applications, without names."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.WORKSHOP_KEEP_DECLINED_DAYS)
    not_yet_erased = (
        (~Q(motivation="") | ~Q(goals="") | ~Q(existing="") | Q(submitted_by__isnull=False))
        | Q(team__isnull=False)
        | Q(scores__isnull=False)
    )
    due = CohortApplication.objects.filter(
        not_yet_erased, status=CohortApplication.Status.DECLINED, decided_at__lt=cutoff
    )
    ids = list(due.values_list("pk", flat=True).distinct())
    TeamMember.objects.filter(application__in=ids).delete()
    PanelScore.objects.filter(application__in=ids).delete()
    count = CohortApplication.objects.filter(pk__in=ids).update(
        motivation="", goals="", existing="", submitted_by=None, updated_at=timezone.now()
    )
    if count:
        audit_record(
            action=AuditEntry.Action.UPDATE,
            model=CohortApplication,
            object_repr="Löschfristen Entwicklungswerkstatt",
            changes={"declined_applications_erased": count},
        )
    return count
