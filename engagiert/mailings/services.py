"""Writes of info-mails.

Rules: a mailing goes to the segment's recipients as they are when it is released, minus every
unsubscribed address (never mailed again by any segment: `audiences.queries.recipients_to_mail`,
which event invitations use too). Each recipient gets one personal
message (their name, their unsubscribe link, List-Unsubscribe headers) in the outbox batch
»mailing:<id>«; releasing twice adds no one twice. A mailing can be sent now or from a set
time; a test goes only to the writer. Unsubscribing needs no login: the link carries a signed
token of the address.
"""

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from engagiert.accounts.models import User
from engagiert.audiences.queries import recipients_to_mail
from engagiert.core.extensions import Recipient
from engagiert.core.links import link_token, link_value
from engagiert.core.locking import lock_objects
from engagiert.core.models import OutboundMail
from engagiert.core.outbox import outbox_add, outbox_add_many
from engagiert.core.services import model_update
from engagiert.core.site import site_domain

from . import rendering
from .models import Mailing, NotificationPreference, Unsubscription

UNSUBSCRIBE_SALT = "engagiert.mailings.unsubscribe"
#: What the office writes of a draft.
MAILING_FIELDS = ["subject", "segment", "body"]


def unsubscribe_token(email: str) -> str:
    return link_token(email.lower(), salt=UNSUBSCRIBE_SALT)


def unsubscribe_address(token: str) -> str | None:
    """The address a token stands for, or None when it was altered."""
    return link_value(token, salt=UNSUBSCRIBE_SALT)


def _message(mailing: Mailing, recipient: Recipient) -> OutboundMail:
    url = settings.SITE_URL + reverse(
        "mailings:unsubscribe", args=[unsubscribe_token(recipient.email)]
    )
    context = {
        "mailing": mailing,
        "name": recipient.name,
        "unsubscribe_url": url,
        "html_body": rendering.to_html(mailing.body),
        "text_body": rendering.to_text(mailing.body),
        "archive_url": settings.SITE_URL + mailing.get_absolute_url(),
    }
    return OutboundMail(
        batch=mailing.batch,
        to_email=recipient.email,
        to_name=recipient.name,
        subject=mailing.subject,
        text=render_to_string("mailings/email/mailing.txt", context),
        html=render_to_string("mailings/email/mailing.html", context),
        headers={
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
    *, mailing: Mailing, user: User, send_at: datetime.datetime | None = None
) -> Mailing:
    """Send now or from `send_at`: one queued message per recipient who has not unsubscribed."""
    lock_objects([mailing])
    mailing = Mailing.objects.get(pk=mailing.pk)
    if not mailing.is_draft:
        raise ValidationError(_("This info-mail has been released already."))
    now = timezone.now()
    if send_at is not None and send_at < now - datetime.timedelta(minutes=1):
        raise ValidationError({"send_at": _("Please choose a time in the future.")})
    people = recipients_to_mail(mailing.segment)
    if not people:
        raise ValidationError(_("No one in this audience can receive the info-mail."))
    mailing.released_at, mailing.send_at = now, send_at or now
    mailing.recipient_count = len(people)
    mailing.save(update_fields=["released_at", "send_at", "recipient_count", "updated_at"])
    outbox_add_many((_message(mailing, person) for person in people), not_before=mailing.send_at)
    return mailing


def mailing_send_test(*, mailing: Mailing, user: User) -> OutboundMail:
    """A test copy to the writer alone, marked as a test in the subject."""
    message = _message(mailing, Recipient(user.email, user.get_full_name(), None))
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
