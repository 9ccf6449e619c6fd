"""Writes of the office about the network as a whole: signing waves of the joint declaration
and who signed in them, the partner institutions, and inviting a contact person to an account.

Rules:
- A new signing wave cannot lie before the last one recorded (waves follow one another); it
  names the version of the declaration signed.
- A signatory signs once per wave: a municipality (signed by its leader, whose name is taken
  from the profile when none is given) or an institution.
- A partnership ends with the year it ends; it stays on record.
- An invitation gives the contact person's account (one per e-mail address, never a second)
  the chosen role for the contact's authority; a new account chooses its password through the
  link in the mail. The office invites for any municipality, an officer for their own only.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from engagiert.accounts.models import Role, User
from engagiert.accounts.services import password_set_link, role_grant
from engagiert.core.locking import lock_objects
from engagiert.core.mail import mail_send
from engagiert.core.services import model_update
from engagiert.registry.models import Authority, Organisation

from .models import ContactPerson, Declaration, Leader, Partnership, Signature, SigningWave

#: The roles a contact person of a municipality can be invited to.
INVITABLE_ROLES = (Role.OFFICER, Role.LEADER, Role.DEVELOPMENT_TEAM, Role.CARD_STAFF)

WAVE_FIELDS = ["declaration", "date", "date_precision", "occasion", "place"]
PARTNERSHIP_FIELDS = [
    "organisation",
    "role",
    "since",
    "until",
    "contact_name",
    "contact_email",
    "contact_phone",
    "note",
]


@transaction.atomic
@transaction.atomic
def declaration_publish(*, data: dict[str, Any]) -> Declaration:
    """Publish a new version of the joint declaration: it becomes the text the declaration's
    page shows and the one new signing waves sign. Earlier versions stay with their waves."""
    lock_objects(list(Declaration.objects.order_by("-adopted")[:1]))
    current = Declaration.objects.order_by("-adopted").first()
    if current is not None and data["adopted"] <= current.adopted:
        raise ValidationError(
            {
                "adopted": _(
                    "The current version %(version)s was adopted on %(date)s; a new one follows it."
                )
                % {"version": current.version, "date": current.adopted.strftime("%d.%m.%Y")}
            }
        )
    if current is not None and " ".join(data["text"].split()) == " ".join(current.text.split()):
        raise ValidationError({"text": _("The text is the same as the current version's.")})
    declaration = Declaration(
        title=data["title"].strip(),
        version=data["version"].strip(),
        adopted=data["adopted"],
        text=data["text"].strip(),
    )
    declaration.full_clean()
    declaration.save()
    return declaration


def wave_save(*, instance: SigningWave | None, data: dict[str, Any]) -> SigningWave:
    """Record a new signing wave, or correct one. A new wave follows the last one."""
    if instance is None or instance.pk is None:
        last = SigningWave.objects.order_by("-date").first()
        if last is not None and data["date"] < last.date:
            raise ValidationError(
                {
                    "date": _("The last signing wave was on %(date)s; a new one follows it.")
                    % {"date": last.date.strftime("%d.%m.%Y")}
                }
            )
        wave = SigningWave(**{name: data[name] for name in WAVE_FIELDS if name in data})
        wave.full_clean()
        wave.save()
        return wave
    return model_update(instance=instance, fields=WAVE_FIELDS, data=data)[0]


def _leader_line(authority: Authority) -> tuple[str, str]:
    leader = Leader.objects.filter(authority=authority).order_by("office", "name").first()
    if leader is None:
        return "", ""
    return leader.name, str(leader.get_office_display())


@transaction.atomic
def signature_add(
    *,
    wave: SigningWave,
    authority: Authority | None = None,
    organisation: Organisation | None = None,
    signed_by: str = "",
    signer_role: str = "",
) -> Signature:
    """Record that a municipality or an institution signed in this wave."""
    if (authority is None) == (organisation is None):
        raise ValidationError(
            {"authority": _("Please choose either a municipality or an institution.")}
        )
    lock_objects([wave])
    if Signature.objects.filter(wave=wave, authority=authority, organisation=organisation).exists():
        raise ValidationError(
            _("%(name)s has signed in this wave already.") % {"name": authority or organisation}
        )
    if authority is not None and not signed_by.strip():
        signed_by, default_role = _leader_line(authority)
        signer_role = signer_role or default_role
    signature = Signature(
        wave=wave,
        authority=authority,
        organisation=organisation,
        signed_by=signed_by.strip(),
        signer_role=signer_role.strip(),
    )
    signature.full_clean()
    signature.save()
    return signature


def signature_remove(*, signature: Signature) -> None:
    """Take back a signature recorded by mistake."""
    signature.delete()


def partnership_save(*, instance: Partnership | None, data: dict[str, Any]) -> Partnership:
    """Add a partner institution in a role, or change one."""
    if data.get("since") and data.get("until") and data["until"] < data["since"]:
        raise ValidationError({"until": _("The end cannot lie before the start.")})
    if instance is None or instance.pk is None:
        partnership = Partnership(**{n: data[n] for n in PARTNERSHIP_FIELDS if n in data})
        partnership.full_clean()
        partnership.save()
        return partnership
    return model_update(instance=instance, fields=PARTNERSHIP_FIELDS, data=data)[0]


def partnership_end(*, partnership: Partnership, year: int | None = None) -> Partnership:
    """The partnership ends (this year unless told otherwise); it stays on record."""
    if partnership.until:
        raise ValidationError(_("This partnership has ended already."))
    year = year or timezone.localdate().year
    if partnership.since and year < partnership.since:
        raise ValidationError(_("The end cannot lie before the start."))
    return model_update(instance=partnership, fields=["until"], data={"until": year})[0]


@transaction.atomic
def contact_invite(*, contact: ContactPerson, role: str, invited_by: User) -> User:
    """Invite a contact person to an account with a role for their authority.

    An account with the contact's address is used (never a second one); it gets the role. A new
    account has no password yet: the mail carries the link to choose one."""
    if role not in INVITABLE_ROLES:
        raise ValidationError({"role": _("Please choose one of the roles offered.")})
    if not contact.email:
        raise ValidationError(
            _("%(name)s has no e-mail address yet; please add it first.") % {"name": contact.name}
        )
    user = User.objects.filter(email__iexact=contact.email).first()
    created = user is None
    if user is None:
        first, _sep, last = contact.name.rpartition(" ")
        user = User.objects.create_user(
            contact.email.lower(),
            None,
            first_name=first or contact.name,
            last_name=last if first else "",
        )
    role_grant(user=user, role=Role(role), authority=contact.authority, function=contact.function)
    mail_send(
        to=[user.email],
        template="membership/email/contact_invitation.txt",
        context={
            "contact": contact,
            "authority": contact.authority,
            "role": Role(role).label,
            "invited_by": invited_by,
            "password_link": password_set_link(user) if created else "",
            "login_link": settings.SITE_URL + reverse("accounts:login"),
            "link_valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        },
    )
    return user
