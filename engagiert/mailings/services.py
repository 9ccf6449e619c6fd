"""Writes of info-mails.

Rules: a mailing goes to the segment's recipients as they are when it is released, minus every
unsubscribed address (never mailed again by any segment: `audiences.queries.recipients_to_mail`,
which event invitations use too). Each recipient gets one personal
message (their name, their unsubscribe link, List-Unsubscribe headers) in the outbox batch
»mailing:<id>«; releasing twice adds no one twice. A mailing can be sent now or from a set
time; a test goes only to the writer. Unsubscribing needs no login: the link carries a signed
token of the address.

The newsletter is the info-mails to the public segment. Anyone signs up with an address; it
counts only once confirmed through a link mailed to it that expires after
NEWSLETTER_CONFIRM_DAYS (double opt-in), and the confirmation records the consent. Unsubscribing
withdraws that consent, and withdrawing the consent ends the subscription; unconfirmed sign-ups
are deleted after NEWSLETTER_CONFIRM_DAYS.
"""

import datetime
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from engagiert.accounts.models import User
from engagiert.audiences.queries import reach
from engagiert.core.audit import audit_record
from engagiert.core.extensions import DataSubject, Recipient
from engagiert.core.links import link_token, link_value
from engagiert.core.locking import lock_objects
from engagiert.core.mail import mail_send
from engagiert.core.models import AuditEntry, OutboundMail
from engagiert.core.outbox import outbox_add, outbox_add_many
from engagiert.core.services import model_update
from engagiert.core.site import site_domain
from engagiert.legal.queries import active_consents
from engagiert.legal.services import consent_give, consent_withdraw

from . import rendering
from .models import Mailing, NotificationPreference, Subscription, Unsubscription

UNSUBSCRIBE_SALT = "engagiert.mailings.unsubscribe"
NEWSLETTER_SALT = "engagiert.mailings.newsletter"
#: The consent purpose (core.extensions.consent_purposes) and the form's privacy note.
NEWSLETTER_PURPOSE = "mailings.newsletter"
#: What the office writes of a draft.
MAILING_FIELDS = ["subject", "segment", "reply_to", "greeting", "body"]


def unsubscribe_token(email: str) -> str:
    return link_token(email.lower(), salt=UNSUBSCRIBE_SALT)


def unsubscribe_address(token: str) -> str | None:
    """The address a token stands for, or None when it was altered."""
    return link_value(token, salt=UNSUBSCRIBE_SALT)


def _unsubscribe_url(email: str) -> str:
    return settings.SITE_URL + reverse("mailings:unsubscribe", args=[unsubscribe_token(email)])


def mailing_preview(mailing: Mailing, recipient: Recipient) -> rendering.RenderedMail:
    """The info-mail as this recipient receives it: the preview shows it, and sending sends it."""
    return rendering.render_mail(
        mailing,
        name=recipient.name,
        unsubscribe_url=_unsubscribe_url(recipient.email),
        archive_url=settings.SITE_URL + mailing.get_absolute_url(),
    )


def mailing_message(mailing: Mailing, recipient: Recipient) -> OutboundMail:
    """The (unsaved) message to one recipient, queued when the info-mail is released."""
    url = _unsubscribe_url(recipient.email)
    rendered = mailing_preview(mailing, recipient)
    return OutboundMail(
        batch=mailing.batch,
        to_email=recipient.email,
        to_name=recipient.name,
        subject=mailing.subject,
        text=rendered.text,
        html=rendered.html,
        headers={
            "Reply-To": mailing.reply_to,
            "List-Unsubscribe": f"<{url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"Infomail <infomail.{site_domain()}>",
        },
        next_attempt_at=mailing.send_at or timezone.now(),
    )


def mailing_create(*, user: User, **fields: Any) -> Mailing:
    """The office starts a draft."""
    mailing = Mailing(created_by=user, **fields)
    mailing.full_clean()
    mailing.save()
    return mailing


@transaction.atomic
def mailing_update(*, mailing: Mailing, data: dict[str, Any]) -> Mailing:
    """Change a draft; a released info-mail stays as it was sent."""
    lock_objects([mailing])
    mailing = Mailing.objects.get(pk=mailing.pk)
    if not mailing.is_draft:
        raise ValidationError(_("This info-mail has been released already."))
    mailing, _changed = model_update(instance=mailing, fields=MAILING_FIELDS, data=data)
    return mailing


@transaction.atomic
def mailing_delete(*, mailing: Mailing) -> None:
    """Throw a draft away; a released info-mail stays as the record of what was sent."""
    mailing = Mailing.objects.select_for_update().get(pk=mailing.pk)
    if not mailing.is_draft:
        raise ValidationError(_("This info-mail has been released already."))
    mailing.delete()


@transaction.atomic
def mailing_release(
    *,
    mailing: Mailing,
    user: User,
    send_at: datetime.datetime | None = None,
    expected_count: int | None = None,
) -> Mailing:
    """Send now or from `send_at`: one queued message per recipient who has not unsubscribed.

    `expected_count` is the number of recipients the office confirmed; when the audience has
    changed since, nothing is sent and the office is asked again."""
    lock_objects([mailing])
    mailing = Mailing.objects.get(pk=mailing.pk)
    if not mailing.is_draft:
        raise ValidationError(_("This info-mail has been released already."))
    now = timezone.now()
    if send_at is not None and send_at < now - datetime.timedelta(minutes=1):
        raise ValidationError({"send_at": _("Please choose a time in the future.")})
    found = reach(mailing.segment)
    people = found.recipients
    if not people:
        raise ValidationError(
            _("No one in this audience can receive the info-mail: %(reason)s")
            % {"reason": found.reason}
        )
    if expected_count is not None and expected_count != len(people):
        raise ValidationError(
            ngettext(
                "The audience has changed: it now reaches %(count)d address instead of "
                "%(expected)d. Please confirm again.",
                "The audience has changed: it now reaches %(count)d addresses instead of "
                "%(expected)d. Please confirm again.",
                len(people),
            )
            % {"count": len(people), "expected": expected_count}
        )
    mailing.released_at, mailing.send_at = now, send_at or now
    mailing.recipient_count = len(people)
    mailing.save(update_fields=["released_at", "send_at", "recipient_count", "updated_at"])
    outbox_add_many(
        (mailing_message(mailing, person) for person in people), not_before=mailing.send_at
    )
    return mailing


def mailing_send_test(*, mailing: Mailing, user: User) -> OutboundMail:
    """A test copy to the writer alone, marked as a test in the subject."""
    message = mailing_message(mailing, Recipient(user.email, user.get_full_name(), None))
    return outbox_add(
        to_email=user.email,
        to_name=message.to_name,
        subject=_("[Test] %(subject)s") % {"subject": mailing.subject},
        text=message.text,
        html=message.html,
        headers=message.headers,
    )


def unsubscribe(*, token: str) -> Unsubscription:
    email = unsubscribe_address(token)
    if email is None:
        raise ValidationError(
            _(
                "This unsubscribe link is not valid. Please use the link from "
                "an info-mail exactly as it is."
            )
        )
    unsubscription, _created = Unsubscription.objects.get_or_create(email=email)
    newsletter_unsubscribe(email=email)
    # Messages still waiting for this address are not sent any more.
    OutboundMail.objects.filter(
        to_email=email, batch__startswith="mailing:", status=OutboundMail.Status.QUEUED
    ).delete()
    return unsubscription


@transaction.atomic
def notification_preferences_set(*, user: User, frequencies: dict[str, str]) -> None:
    """How often a person hears of each kind of news (at once, weekly digest, never)."""
    for kind, frequency in frequencies.items():
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"frequency": frequency}
        )


def newsletter_token(email: str) -> str:
    """The confirmation link's token: the address, signed with the time it was made."""
    return signing.dumps(email.lower(), salt=NEWSLETTER_SALT, compress=True)


def newsletter_token_address(token: str) -> str | None:
    """The address of a confirmation token, or None when it was altered or has expired."""
    max_age = datetime.timedelta(days=settings.NEWSLETTER_CONFIRM_DAYS)
    try:
        return str(signing.loads(token, salt=NEWSLETTER_SALT, max_age=max_age))
    except signing.BadSignature:
        return None


def newsletter_subscribe(*, email: str, name: str = "", user: User | None = None) -> Subscription:
    """Sign an address up and mail it the confirmation link; nothing is sent to it before it is
    confirmed. An address signed up already gets the same mail again (or, when confirmed, a
    note that it is), so the page tells no one whether an address is on the list."""
    email = email.strip().lower()
    subscription, created = Subscription.objects.get_or_create(
        email=email, defaults={"name": name.strip(), "user": user}
    )
    if not created and subscription.confirmed_at is None:
        fields = {"name": name.strip() or subscription.name, "user": user or subscription.user}
        subscription, _changed = model_update(
            instance=subscription, fields=list(fields), data=fields
        )
    context = {
        "subscription": subscription,
        "confirm_url": settings.SITE_URL
        + reverse("mailings:newsletter_confirm", args=[newsletter_token(email)]),
        "unsubscribe_url": settings.SITE_URL
        + reverse("mailings:unsubscribe", args=[unsubscribe_token(email)]),
        "days": settings.NEWSLETTER_CONFIRM_DAYS,
    }
    template = "subscribed" if subscription.confirmed_at else "confirm"
    mail_send(to=[email], template=f"mailings/email/newsletter_{template}.txt", context=context)
    return subscription


@transaction.atomic
def newsletter_confirm(*, token: str) -> Subscription:
    """The address confirmed: from now on it receives the newsletter, and the consent is
    recorded with the wording of the sign-up form. Confirming twice changes nothing."""
    email = newsletter_token_address(token)
    subscription = (
        Subscription.objects.select_for_update().filter(email=email).first() if email else None
    )
    if subscription is None:
        raise ValidationError(
            _("This confirmation link is not valid or has expired. Please sign up again.")
        )
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
        # Asking for the newsletter again lifts an earlier unsubscription.
        Unsubscription.objects.filter(email=subscription.email).delete()
        consent_give(
            person=DataSubject(user=subscription.user, email=subscription.email),
            purpose=NEWSLETTER_PURPOSE,
            source=NEWSLETTER_PURPOSE,
        )
    return subscription


def newsletter_unsubscribe(*, email: str) -> None:
    """The unsubscribe link of a newsletter withdraws the consent (which ends the subscription)."""
    person = DataSubject(user=None, email=email)
    for record in active_consents(person, purpose=NEWSLETTER_PURPOSE):
        consent_withdraw(record=record)
    newsletter_subscription_end(email=email)


def newsletter_subscription_end(*, email: str, user: Any = None) -> int:
    """The consent was withdrawn: the address gets no newsletter any more."""
    whose = Q(email__iexact=email) | (Q(user=user) if user is not None else Q(pk__in=[]))
    count, _kinds = Subscription.objects.filter(whose).delete()
    return count


@transaction.atomic
def newsletter_unconfirmed_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete sign-ups not confirmed within NEWSLETTER_CONFIRM_DAYS; the audit log counts them."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.NEWSLETTER_CONFIRM_DAYS)
    count, _kinds = Subscription.objects.filter(confirmed_at=None, created_at__lt=cutoff).delete()
    if count:
        audit_record(
            action=AuditEntry.Action.DELETE,
            model=Subscription,
            object_repr="Löschfristen Newsletter",
            changes={"unconfirmed_deleted": count},
        )
    return count
