"""Writes of applications: submitting, confirming the address, the organisations' answers,
the automatic check, the staff's decision, reminders.

Flow: an application is submitted without an account and waits for its e-mail address to be
confirmed by a link (`email_pending`). On confirmation the submission day is fixed (its rules
apply), a light account follows (volunteer role, no password: the mail brings a link to choose
one), and each organisation's contact gets its own confirmation link (`confirmations_open`).
An engagement proven by an evidence code from another app of the platform counts as confirmed
at once. When every organisation has answered (confirmed, corrected or declined), the check
runs and the application waits for the card staff (`in_review`), who approve (the card is
issued) or reject with a reason; the applicant is told by e-mail each time.
Every write locks the application, so an organisation's answer and a decision cannot cross.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from engagiert.accounts.models import Role, User
from engagiert.accounts.services import role_grant
from engagiert.core.extensions import DataSubject, HoursEvidence, hours_evidence_for
from engagiert.core.locking import lock_objects
from engagiert.core.mail import mail_send
from engagiert.legal.services import consent_give
from engagiert.registry.models import Authority

from .. import criteria, queries, tokens
from ..cards import card_issue, card_revoke
from ..models import Application, Card, Engagement
from ..retention import applications_erase

Status = Application.Status
Confirmation = Engagement.Confirmation
MAX_ENGAGEMENTS = 5
#: Reminders to an organisation that has not answered: after these days, at most this often.
REMINDER_AFTER = datetime.timedelta(days=7)
MAX_REMINDERS = 2
#: The consent to the card data (`core.extensions.consent_purposes`), asked in the form.
CARD_DATA_PURPOSE = "volunteercard.card_data"
CARD_DATA_WORDING = gettext_lazy(
    "I have read the privacy note and agree that my data is used for the card."
)
#: The states in which an application is still open (no decision yet).
OPEN_STATES = (Status.EMAIL_PENDING, Status.CONFIRMATIONS_OPEN, Status.IN_REVIEW)

APPLICATION_FIELDS = [
    "kind",
    "first_name",
    "last_name",
    "birth_date",
    "email",
    "street",
    "postcode",
    "juleica_number",
    "juleica_valid_until",
]
ENGAGEMENT_FIELDS = [
    "organisation",
    "field",
    "place",
    "activity",
    "contact_name",
    "contact_email",
    "hours_per_week",
    "hours_per_year",
    "since",
    "allowance_eur_per_year",
    "evidence_code",
]


# --- Links ----------------------------------------------------------------------------------


def status_path(application: Application) -> str:
    return reverse("volunteercard:apply_status", kwargs={"public_id": application.public_id})


def confirmation_path(engagement: Engagement) -> str:
    return reverse(
        "volunteercard:confirmation", kwargs={"token": tokens.confirmation_token(engagement)}
    )


def _set_password_path(user: User) -> str:
    return reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


# --- Submitting -----------------------------------------------------------------------------


def _annual(evidence: HoursEvidence) -> int:
    """Evidence hours as hours per year: a shorter span counts as one year's hours."""
    days = max((evidence.last_day - evidence.first_day).days + 1, 365)
    return int(Decimal(str(evidence.hours)) * 365 / days)


def _same_person(evidence: HoursEvidence, first_name: str, last_name: str, email: str) -> bool:
    name = " ".join(f"{first_name} {last_name}".split()).casefold()
    return (
        evidence.holder_email.strip().casefold() == email.strip().casefold()
        and " ".join(evidence.holder_name.split()).casefold() == name
    )


def _engagement(application: Application, index: int, data: dict[str, Any]) -> Engagement:
    engagement = Engagement(
        application=application, **{k: data.get(k) for k in ENGAGEMENT_FIELDS if k in data}
    )
    engagement.allowance_eur_per_year = data.get("allowance_eur_per_year") or Decimal(0)
    engagement.evidence_code = (data.get("evidence_code") or "").strip()
    no_hours = engagement.hours_per_week is None and engagement.hours_per_year is None
    if no_hours and not engagement.evidence_code:
        raise ValidationError({f"engagement-{index}": _("Give the hours per week or per year.")})
    if engagement.evidence_code:
        evidence = hours_evidence_for(engagement.evidence_code)
        if evidence is None:
            raise ValidationError(
                {f"engagement-{index}": _("This evidence code is unknown. Please check it.")}
            )
        if not _same_person(
            evidence, application.first_name, application.last_name, application.email
        ):
            raise ValidationError(
                {
                    f"engagement-{index}": _(
                        "This evidence code was issued to another person (name or e-mail "
                        "address differ)."
                    )
                }
            )
        engagement.hours_per_week = None
        engagement.hours_per_year = _annual(evidence)
        engagement.confirmation = Confirmation.CONFIRMED
        engagement.confirmed_hours_per_year = engagement.hours_per_year
        engagement.confirmed_at = timezone.now()
        engagement.confirmation_note = _("Evidence %(code)s, confirmed by %(by)s") % {
            "code": evidence.code,
            "by": evidence.confirmed_by,
        }
    return engagement


@transaction.atomic
def application_submit(
    *,
    residence: Authority,
    data: dict[str, Any],
    engagements: list[dict[str, Any]],
    user: User | None = None,
    previous_card: Card | None = None,
) -> Application:
    """Store an application; without an account (or for another address) the address is
    confirmed by a link first, with an account it is submitted at once."""
    issuer = queries.issuer_for(residence)
    if issuer is None:
        raise ValidationError(
            {"residence": _("Your municipality does not issue the Ehrenamtskarte yet.")}
        )
    if not engagements:
        raise ValidationError(_("Please name at least one engagement."))
    if len(engagements) > MAX_ENGAGEMENTS:
        raise ValidationError(
            _("Please name at most %(max)s engagements.") % {"max": MAX_ENGAGEMENTS}
        )
    if previous_card is not None and (user is None or previous_card.user_id != user.pk):
        previous_card = None
    application = Application(
        issuer=issuer,
        residence=residence,
        user=user,
        previous_card=previous_card,
        **{k: data[k] for k in APPLICATION_FIELDS if k in data},
    )
    application.email = application.email.strip().lower()
    if application.kind == Application.Kind.RENEWAL and previous_card is None:
        application.kind = Application.Kind.NEW
    rows = [_engagement(application, i, row) for i, row in enumerate(engagements)]
    application.full_clean()
    application.save()
    for row in rows:
        row.application = application
        row.full_clean()
        row.save()
    consent_give(
        person=DataSubject(user=user, email=application.email),
        purpose=CARD_DATA_PURPOSE,
        source="volunteercard.application",
        reference=str(application.pk),
    )
    if user is not None and user.email.lower() == application.email:
        return _submit(application)
    mail_send(
        to=[application.email],
        template="volunteercard/email/application_email.txt",
        context={
            "application": application,
            "path": reverse(
                "volunteercard:apply_email",
                kwargs={"token": tokens.email_token(application)},
            ),
        },
    )
    return application


def _light_account(application: Application) -> tuple[User, bool]:
    """The applicant's account: an existing one with this address, else a new one without a
    password (True: new)."""
    user = application.user or User.objects.filter(email__iexact=application.email).first()
    created = user is None
    if user is None:
        user = User(
            email=application.email,
            first_name=application.first_name,
            last_name=application.last_name,
        )
        user.set_unusable_password()
        user.full_clean()
        user.save()
        role_grant(user=user, role=Role.VOLUNTEER)
    return user, created


def _submit(application: Application) -> Application:
    """Fix the submission day and its rules, ask the organisations, move on if all answered."""
    today = timezone.localdate()
    user, created = _light_account(application)
    application.user = user
    application.email_confirmed_at = timezone.now()
    application.submitted_on = today
    application.rule_set = queries.rule_set_on(today)
    application.local_rule = queries.local_rule_on(application.issuer, today)
    application.status = Status.CONFIRMATIONS_OPEN
    application.save()
    mail_send(
        to=[application.email],
        template="volunteercard/email/application_received.txt",
        context={
            "application": application,
            "status_path": status_path(application),
            "password_path": _set_password_path(user) if created else "",
        },
    )
    for engagement in application.engagements.filter(confirmation=Confirmation.OPEN):
        engagement.application = application
        _ask(engagement, "engagement_request")
    return _advance(application)


def _ask(engagement: Engagement, template: str) -> None:
    mail_send(
        to=[engagement.contact_email],
        template=f"volunteercard/email/{template}.txt",
        context={
            "engagement": engagement,
            "application": engagement.application,
            "path": confirmation_path(engagement),
        },
    )


@transaction.atomic
def application_email_confirm(*, token: str) -> Application:
    """The applicant confirms the address (the link works once; a second click shows the
    state)."""
    try:
        public_id = tokens.email_token_read(token)
    except tokens.BadLink as error:
        raise ValidationError(
            _("This link is not valid or has expired. Please apply again.")
        ) from error
    application = Application.objects.filter(public_id=public_id).first()
    if application is None:
        raise ValidationError(_("This application no longer exists."))
    lock_objects([application])
    application = Application.objects.select_related("issuer").get(pk=application.pk)
    if application.status != Status.EMAIL_PENDING:
        return application
    return _submit(application)


# --- The organisations' answers -------------------------------------------------------------


def engagement_for_token(token: str) -> Engagement:
    """The engagement a confirmation link was made for (ValidationError for a bad link)."""
    try:
        engagement_id, public_id = tokens.confirmation_token_read(token)
    except tokens.BadLink as error:
        raise ValidationError(_("This confirmation link is not valid or has expired.")) from error
    engagement = (
        Engagement.objects.select_related("application__issuer__authority", "place")
        .filter(pk=engagement_id, application__public_id=public_id)
        .first()
    )
    if engagement is None:
        raise ValidationError(_("This confirmation link is not valid or has expired."))
    return engagement


ANSWERS = {"confirm": Confirmation.CONFIRMED, "correct": Confirmation.CORRECTED}


@transaction.atomic
def engagement_answer(
    *,
    token: str,
    answer: str,
    hours_per_week: Decimal | None = None,
    hours_per_year: int | None = None,
    note: str = "",
) -> Engagement:
    """An organisation confirms, corrects the hours, or declines (with a note)."""
    engagement = engagement_for_token(token)
    lock_objects([engagement.application])
    engagement = Engagement.objects.select_related("application__issuer__authority").get(
        pk=engagement.pk
    )
    application = engagement.application
    if engagement.confirmation != Confirmation.OPEN:
        raise ValidationError(
            _("This engagement has been answered already: %(answer)s.")
            % {"answer": engagement.get_confirmation_display()}
        )
    if application.status != Status.CONFIRMATIONS_OPEN:
        raise ValidationError(
            _("This application is no longer waiting for confirmations (%(status)s).")
            % {"status": application.get_status_display()}
        )
    note = note.strip()
    if answer == "decline":
        if not note:
            raise ValidationError({"note": _("Please say briefly why you decline.")})
        engagement.confirmation = Confirmation.DECLINED
    elif answer == "correct":
        if (hours_per_week is None) == (hours_per_year is None):
            raise ValidationError(
                {"hours_per_week": _("Give the correct hours either per week or per year.")}
            )
        engagement.confirmation = Confirmation.CORRECTED
        engagement.confirmed_hours_per_week = hours_per_week
        engagement.confirmed_hours_per_year = hours_per_year
    elif answer == "confirm":
        engagement.confirmation = Confirmation.CONFIRMED
        engagement.confirmed_hours_per_week = engagement.hours_per_week
        engagement.confirmed_hours_per_year = engagement.hours_per_year
    else:
        raise ValidationError({"answer": _("Please choose an answer.")})
    engagement.confirmation_note = note
    engagement.confirmed_at = timezone.now()
    engagement.full_clean()
    engagement.save()
    _advance(application)
    return engagement


def _advance(application: Application) -> Application:
    """Run the check; once every organisation has answered the staff review it."""
    application_check(application=application)
    if (
        application.status == Status.CONFIRMATIONS_OPEN
        and not application.engagements.filter(confirmation=Confirmation.OPEN).exists()
    ):
        application.status = Status.IN_REVIEW
        application.save(update_fields=["status", "updated_at"])
        if application.issuer.contact_email:
            mail_send(
                to=[application.issuer.contact_email],
                template="volunteercard/email/review_ready.txt",
                context={
                    "application": application,
                    "path": reverse("volunteercard:review_detail", args=[application.pk]),
                },
            )
    return application


def application_check(*, application: Application) -> list[criteria.Criterion]:
    """Judge the application by the rules of its submission day and store the result."""
    if application.submitted_on is None or application.rule_set is None:
        return []
    result = criteria.judge(
        application=application,
        engagements=list(application.engagements.select_related("place")),
        rule_set=application.rule_set,
        local_rule=application.local_rule,
        covered=queries.covered_ags(application.issuer),
    )
    application.check_result = [criterion.as_dict() for criterion in result]
    application.save(update_fields=["check_result", "updated_at"])
    return result


# --- The applicant's consent -----------------------------------------------------------------


def _current_card(application: Application) -> Card | None:
    """The card issued on the application, or the replacement that now stands for it."""
    card = Card.objects.filter(application=application).first()
    while card is not None and card.replaced_by_id is not None:
        card = Card.objects.get(pk=card.replaced_by_id)
    return card


@transaction.atomic
def card_data_consent_withdraw(*, application_id: int) -> Application | None:
    """The applicant withdrew their consent to the card data: an open application is
    withdrawn and its personal data erased at once; an issued card is revoked for it."""
    application = Application.objects.filter(pk=application_id).first()
    if application is None:
        return None
    application = _locked(application)
    if application.status in OPEN_STATES:
        application.status = Status.WITHDRAWN
        application.save()
        applications_erase(Application.objects.filter(pk=application.pk), timezone.now())
        application.refresh_from_db()
        return application
    card = _current_card(application)
    if card is not None and card.revoked_at is None:
        card_revoke(
            card=card,
            by=None,
            category=Card.RevocationCategory.OTHER,
            reason=_("Consent withdrawn"),
        )
    return application


# --- The staff's decision -------------------------------------------------------------------


def _locked(application: Application) -> Application:
    lock_objects([application])
    return Application.objects.select_related("issuer__authority").get(pk=application.pk)


@transaction.atomic
def application_approve(*, application: Application, by: User) -> Card:
    """Approve: the card is issued; its mail (`card_issue`) gives the holder the card's link."""
    application = _locked(application)
    if application.status != Status.IN_REVIEW:
        raise ValidationError(
            _("Only an application in review can be approved; this one is %(status)s.")
            % {"status": application.get_status_display()}
        )
    card = card_issue(application=application, by=by)
    application.status = Status.APPROVED
    application.decided_at, application.decided_by = timezone.now(), by
    application.save()
    return card


@transaction.atomic
def application_reject(*, application: Application, by: User, reason: str) -> Application:
    """Reject with a reason the applicant reads."""
    application = _locked(application)
    if application.status not in (Status.CONFIRMATIONS_OPEN, Status.IN_REVIEW):
        raise ValidationError(
            _("This application has been decided already: %(status)s.")
            % {"status": application.get_status_display()}
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Please give the applicant a reason.")})
    application.status = Status.REJECTED
    application.decided_at, application.decided_by = timezone.now(), by
    application.decision_reason = reason
    application.save()
    mail_send(
        to=[application.email],
        template="volunteercard/email/application_rejected.txt",
        context={"application": application, "path": status_path(application)},
    )
    return application


# --- Reminders ------------------------------------------------------------------------------


def confirmation_reminders_send() -> int:
    """Remind organisations that have not answered for a week (at most MAX_REMINDERS times);
    safe to repeat: a reminded engagement waits another week."""
    due = timezone.now() - REMINDER_AFTER
    engagements = Engagement.objects.select_related("application").filter(
        Q(reminded_at__lte=due)
        | Q(reminded_at__isnull=True, application__email_confirmed_at__lte=due),
        confirmation=Confirmation.OPEN,
        application__status=Status.CONFIRMATIONS_OPEN,
        reminders_sent__lt=MAX_REMINDERS,
    )
    sent = 0
    for engagement in engagements:
        with transaction.atomic():
            claimed = Engagement.objects.filter(
                pk=engagement.pk, reminders_sent=engagement.reminders_sent
            ).update(reminders_sent=F("reminders_sent") + 1, reminded_at=timezone.now())
            if claimed:
                _ask(engagement, "engagement_reminder")
                sent += 1
    return sent
