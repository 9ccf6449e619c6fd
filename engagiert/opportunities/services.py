"""Writes of opportunities: providers register and are verified, opportunities are published,
volunteers show interest and providers answer, searches are kept and tell about news.

Rules:
- Registering creates the registry's organisation (a name is taken once), the provider
  (waiting for verification) and the contact person's account with the organisation role; the
  person sets a password by the link in the welcome mail. The municipality's officers hear of it.
- Verifying names the contact person at the municipality (seed 002); verifying and rejecting
  (with a reason) are mailed to the provider and written to the audit log. Only verified
  providers' opportunities are public.
- An opportunity's place is the Gemeinde's centre unless coordinates are given.
- One address shows interest in an opportunity once. Without an account it first confirms the
  address by a link; the provider hears of confirmed interest only and answers it (in contact,
  accepted, declined), which is mailed to the volunteer.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from engagiert.accounts.models import Role, RoleAssignment, User
from engagiert.accounts.services import role_grant
from engagiert.api.models import WebhookEvent
from engagiert.api.webhooks import webhook_emit
from engagiert.core.audit import audit_record
from engagiert.core.mail import mail_send
from engagiert.core.models import AuditEntry
from engagiert.core.services import model_create, model_update
from engagiert.registry.models import Authority, Organisation

from . import queries
from .models import Interest, Opportunity, Provider, SavedSearch

OPPORTUNITY_FIELDS = (
    "title",
    "description",
    "topic",
    "target_groups",
    "authority",
    "address",
    "latitude",
    "longitude",
    "schedule",
    "hours_per_week",
    "on_weekdays",
    "on_weekends",
    "in_evenings",
    "starts_on",
    "ends_on",
    "skills",
    "requirements",
    "languages",
    "accessibility",
    "remote_possible",
    "minimum_age",
    "contact_name",
    "contact_email",
    "contact_phone",
    "status",
)


def _password_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return settings.SITE_URL + reverse("accounts:password_reset_confirm", args=[uid, token])


# --- Providers ------------------------------------------------------------------------------


@transaction.atomic
def provider_register(
    *,
    organisation_name: str,
    kind: str,
    authority: Authority,
    description: str,
    contact_name: str,
    contact_email: str,
    contact_phone: str = "",
    website: str = "",
) -> Provider:
    """A new organisation registers as a provider; it waits for the municipality's verification."""
    name = organisation_name.strip()
    if Organisation.objects.filter(name__iexact=name).exists():
        raise ValidationError(
            {
                "organisation_name": _(
                    "An organisation of this name is registered already. If it is yours, ask "
                    "its contact person to add you, or write to the network office."
                )
            }
        )
    email = contact_email.strip().lower()
    organisation = model_create(
        instance=Organisation(
            name=name,
            kind=kind,
            authority=authority,
            town=authority.name,
            website=website,
            description=description.strip(),
        ),
        data={},
    )
    provider = model_create(
        instance=Provider(
            organisation=organisation,
            authority=authority,
            contact_name=contact_name.strip(),
            contact_email=email,
            contact_phone=contact_phone.strip(),
        ),
        data={},
    )
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if user is None:
        first, _sep, last = contact_name.strip().rpartition(" ")
        user = User.objects.create_user(
            email, None, first_name=first or contact_name.strip(), last_name=last if first else ""
        )
    role_grant(user=user, role=Role.ORGANISATION, organisation=organisation)
    mail_send(
        to=[email],
        template="opportunities/email/provider_registered.txt",
        context={
            "provider": provider,
            "password_link": _password_link(user) if created else "",
            "link_valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        },
    )
    officers = RoleAssignment.objects.filter(role=Role.OFFICER, authority=authority)
    mail_send(
        to=[a.user.email for a in officers.select_related("user")],
        template="opportunities/email/provider_to_verify.txt",
        context={"provider": provider},
    )
    return provider


@transaction.atomic
def provider_verify(
    *, provider: Provider, user: User, municipal_contact_name: str, municipal_contact_email: str
) -> Provider:
    """Verify a provider, naming the municipality's contact person for it."""
    if not municipal_contact_name.strip():
        raise ValidationError(
            {"municipal_contact_name": _("Name the contact person at the municipality.")}
        )
    provider, _changed = model_update(
        instance=provider,
        fields=(
            "status",
            "verified_at",
            "verified_by",
            "municipal_contact_name",
            "municipal_contact_email",
        ),
        data={
            "status": Provider.Status.VERIFIED,
            "verified_at": timezone.now(),
            "verified_by": user,
            "municipal_contact_name": municipal_contact_name.strip(),
            "municipal_contact_email": municipal_contact_email.strip().lower(),
        },
    )
    mail_send(
        to=[provider.contact_email],
        template="opportunities/email/provider_verified.txt",
        context={"provider": provider},
    )
    return provider


@transaction.atomic
def provider_reject(*, provider: Provider, user: User, reason: str) -> Provider:
    """Decline a provider with a reason, which the organisation is told and the log keeps."""
    if not reason.strip():
        raise ValidationError({"reason": _("Please give a reason.")})
    provider, _changed = model_update(
        instance=provider,
        fields=("status", "verified_at", "verified_by"),
        data={"status": Provider.Status.REJECTED, "verified_at": None, "verified_by": user},
    )
    audit_record(action=AuditEntry.Action.UPDATE, obj=provider, changes={"reason": reason})
    mail_send(
        to=[provider.contact_email],
        template="opportunities/email/provider_rejected.txt",
        context={"provider": provider, "reason": reason.strip()},
    )
    return provider


# --- Opportunities --------------------------------------------------------------------------


@transaction.atomic
def opportunity_save(
    *, provider: Provider, data: dict[str, Any], opportunity: Opportunity | None = None
) -> Opportunity:
    """Publish or change an opportunity; without coordinates it sits at the Gemeinde's centre.

    A new open opportunity of a verified provider is announced to webhooks."""
    data = dict(data)
    if data.get("latitude") is None or data.get("longitude") is None:
        authority = data["authority"]
        data.update(latitude=float(authority.latitude), longitude=float(authority.longitude))
    if opportunity is None:
        fields = {k: v for k, v in data.items() if k in OPPORTUNITY_FIELDS}
        created = model_create(instance=Opportunity(provider=provider, **fields), data={})
        if provider.is_verified and created.status == Opportunity.Status.OPEN:
            webhook_emit(
                event=WebhookEvent.OPPORTUNITY_PUBLISHED,
                data={
                    "id": created.pk,
                    "title": created.title,
                    "provider": str(provider),
                    "authority": created.authority_id,
                    "url": settings.SITE_URL + created.get_absolute_url(),
                },
                authority_ags=created.authority_id,
            )
        return created
    opportunity, _changed = model_update(instance=opportunity, fields=OPPORTUNITY_FIELDS, data=data)
    return opportunity


# --- Interest -------------------------------------------------------------------------------


def _tell_provider(interest: Interest) -> None:
    mail_send(
        to=[interest.opportunity.contact_email],
        template="opportunities/email/interest_new.txt",
        context={"interest": interest, "opportunity": interest.opportunity},
    )


@transaction.atomic
def interest_create(
    *, opportunity: Opportunity, name: str, email: str, message: str = "", user: User | None
) -> Interest:
    """Show interest: at once with an account, else after confirming the address."""
    if not queries.public_opportunities().filter(pk=opportunity.pk).exists():
        raise ValidationError(_("This opportunity is not open for interest any more."))
    email = email.strip().lower()
    if Interest.objects.filter(opportunity=opportunity, email=email).exists():
        raise ValidationError(
            _(
                "You have shown interest in this opportunity already. The link in our e-mail "
                "shows its status."
            )
        )
    interest = Interest(
        opportunity=opportunity,
        user=user,
        name=name.strip(),
        email=email,
        message=message.strip(),
        status=Interest.Status.NEW if user is not None else Interest.Status.PENDING,
    )
    interest.full_clean()
    interest.save()
    if user is None:
        mail_send(
            to=[email],
            template="opportunities/email/interest_confirm.txt",
            context={"interest": interest, "opportunity": opportunity},
        )
    else:
        _tell_provider(interest)
    return interest


@transaction.atomic
def interest_confirm(*, interest: Interest) -> Interest:
    """The volunteer confirms the address; the provider is told."""
    if interest.status != Interest.Status.PENDING:
        return interest
    interest, _changed = model_update(
        instance=interest, fields=("status",), data={"status": Interest.Status.NEW}
    )
    _tell_provider(interest)
    return interest


@transaction.atomic
def interest_answer(*, interest: Interest, status: str, answer: str, user: User) -> Interest:
    """The provider answers; the volunteer is told by e-mail and sees it by their link."""
    if interest.status == Interest.Status.PENDING:
        raise ValidationError(_("The volunteer has not confirmed the e-mail address yet."))
    if interest.status == Interest.Status.WITHDRAWN:
        raise ValidationError(_("The volunteer has withdrawn this interest."))
    if status not in Interest.ANSWERS:
        raise ValidationError({"status": _("Choose an answer.")})
    interest, _changed = model_update(
        instance=interest,
        fields=("status", "answer", "answered_at"),
        data={"status": status, "answer": answer.strip(), "answered_at": timezone.now()},
    )
    audit_record(action=AuditEntry.Action.UPDATE, obj=interest, changes={"status": [None, status]})
    mail_send(
        to=[interest.email],
        template="opportunities/email/interest_answered.txt",
        context={"interest": interest, "opportunity": interest.opportunity},
    )
    return interest


@transaction.atomic
def interest_withdraw(*, interest: Interest) -> Interest:
    """The volunteer withdraws by the personal link; a provider who saw it is told."""
    if interest.status not in Interest.WITHDRAWABLE:
        raise ValidationError(_("This interest can no longer be withdrawn."))
    seen = interest.status != Interest.Status.PENDING
    interest, _changed = model_update(
        instance=interest,
        fields=("status", "withdrawn_at"),
        data={"status": Interest.Status.WITHDRAWN, "withdrawn_at": timezone.now()},
    )
    if seen:
        mail_send(
            to=[interest.opportunity.contact_email],
            template="opportunities/email/interest_withdrawn.txt",
            context={"interest": interest, "opportunity": interest.opportunity},
        )
    return interest


# --- Saved searches -------------------------------------------------------------------------


def saved_search_create(*, user: User, name: str, query: str, notify: bool) -> SavedSearch:
    return model_create(
        instance=SavedSearch(user=user, name=name.strip(), query=query[:1000], notify=notify),
        data={},
    )


def saved_search_delete(*, search: SavedSearch) -> None:
    search.delete()
