"""Who issues cards for whom, their local rules, their staff.

Rules: a kreisfreie Stadt or a Gemeinde covers itself; a Kreis covers Gemeinden of its own
district; one Gemeinde has at most one issuer. The membership profile's Ehrenamtskarte status
follows from here: every authority that issues or is covered by an active issuer »takes part«
(since the year the issuer began), and loses the status when the participation ends.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from engagiert.accounts.models import Role, RoleAssignment, User
from engagiert.accounts.services import role_grant
from engagiert.core.locking import lock_objects
from engagiert.core.services import model_create, model_update
from engagiert.membership.services import profile_volunteer_card_set
from engagiert.registry.models import Authority

from ..models import CoveredArea, Issuer, LocalRule

ISSUER_FIELDS = ["participating_since", "validity_years", "contact_email", "is_active"]
LOCAL_RULE_FIELDS = ["valid_from", "min_age", "min_years_engaged", "requires_local_link"]


def _participants(issuer: Issuer) -> set[str]:
    """The authorities whose profile shows »takes part« because of this issuer."""
    if not issuer.is_active:
        return set()
    return {issuer.authority_id, *issuer.area.values_list("authority_id", flat=True)}


def _membership_sync(issuer: Issuer, before: set[str]) -> None:
    after = _participants(issuer)
    if after:
        profile_volunteer_card_set(
            authorities=Authority.objects.filter(ags__in=after),
            since_year=issuer.participating_since.year,
        )
    ended = before - after - _still_participating(before - after)
    if ended:
        profile_volunteer_card_set(
            authorities=Authority.objects.filter(ags__in=ended), since_year=None
        )


def _still_participating(agses: set[str]) -> set[str]:
    """Of these authorities, those that take part through another active issuer."""
    own = Issuer.objects.filter(authority_id__in=agses, is_active=True).values_list(
        "authority_id", flat=True
    )
    covered = CoveredArea.objects.filter(
        authority_id__in=agses, issuer__is_active=True
    ).values_list("authority_id", flat=True)
    return set(own) | set(covered)


@transaction.atomic
def issuer_create(*, authority: Authority, data: dict[str, Any]) -> Issuer:
    """Record that an authority issues cards; a Stadt or Gemeinde covers itself at once."""
    if Issuer.objects.filter(authority=authority).exists():
        raise ValidationError(
            {"authority": _("%(name)s issues cards already.") % {"name": authority.name}}
        )
    if authority.kind not in (*Authority.MUNICIPAL_KINDS, *Authority.DISTRICT_KINDS):
        raise ValidationError(
            {"authority": _("Cards are issued by a Kreis, a Stadt or a Gemeinde.")}
        )
    issuer = model_create(
        instance=Issuer(authority=authority, **{k: data[k] for k in ISSUER_FIELDS if k in data}),
        data=data,
    )
    if authority.is_municipal:
        issuer_area_set(issuer=issuer, authorities=[authority])
    else:
        _membership_sync(issuer, set())
    return issuer


@transaction.atomic
def issuer_update(*, issuer: Issuer, data: dict[str, Any]) -> Issuer:
    """Change the issuer's settings; who took part before is read from the stored row, since a
    bound form has already written its values onto the instance it was given."""
    stored = Issuer.objects.get(pk=issuer.pk)
    before = _participants(stored)
    issuer, _changed = model_update(instance=stored, fields=ISSUER_FIELDS, data=data)
    _membership_sync(issuer, before)
    return issuer


def _check_area(issuer: Issuer, authorities: list[Authority]) -> None:
    own = issuer.authority
    for authority in authorities:
        if not authority.is_municipal:
            raise ValidationError(
                {"authorities": _("%(name)s is not a Gemeinde.") % {"name": authority.name}}
            )
        if own.is_municipal and authority.pk != own.pk:
            raise ValidationError(
                {"authorities": _("A Stadt or Gemeinde issues cards for itself only.")}
            )
        if not own.is_municipal and authority.district_id != own.pk:
            raise ValidationError(
                {
                    "authorities": _("%(name)s does not belong to %(district)s.")
                    % {"name": authority.name, "district": own.name}
                }
            )
    taken = (
        CoveredArea.objects.filter(authority__in=authorities)
        .exclude(issuer=issuer)
        .select_related("authority", "issuer__authority")
    )
    if taken:
        raise ValidationError(
            {
                "authorities": [
                    _(
                        "%(name)s is covered by %(issuer)s already; one Gemeinde has at most "
                        "one issuing authority."
                    )
                    % {"name": area.authority.name, "issuer": area.issuer.authority.name}
                    for area in taken
                ]
            }
        )


@transaction.atomic
def issuer_area_set(*, issuer: Issuer, authorities: Iterable[Authority]) -> Issuer:
    """Set the Gemeinden an issuer serves (locked against a second issuer taking one)."""
    chosen = list(authorities)
    lock_objects([issuer])
    _check_area(issuer, chosen)
    before = _participants(issuer)
    keep = {a.pk for a in chosen}
    issuer.area.exclude(authority_id__in=keep).delete()
    existing = set(issuer.area.values_list("authority_id", flat=True))
    for authority in chosen:
        if authority.pk not in existing:
            CoveredArea.objects.create(issuer=issuer, authority=authority)
    _membership_sync(issuer, before)
    return issuer


@transaction.atomic
def local_rule_save(
    *, issuer: Issuer, instance: LocalRule | None, data: dict[str, Any]
) -> LocalRule:
    """Add a version of the issuer's local rules, or change one (a day holds one version)."""
    day: datetime.date = data["valid_from"]
    clash = issuer.rules.filter(valid_from=day)
    if instance is not None and instance.pk:
        clash = clash.exclude(pk=instance.pk)
    if clash.exists():
        raise ValidationError(
            {"valid_from": _("There is a version of the local rules from this day already.")}
        )
    if instance is None or instance.pk is None:
        return model_create(
            instance=LocalRule(
                issuer=issuer, **{k: data[k] for k in LOCAL_RULE_FIELDS if k in data}
            ),
            data=data,
        )
    stored = LocalRule.objects.get(pk=instance.pk, issuer=issuer)
    return model_update(instance=stored, fields=LOCAL_RULE_FIELDS, data=data)[0]


@transaction.atomic
def card_staff_grant(
    *, issuer: Issuer, email: str, first_name: str = "", last_name: str = ""
) -> RoleAssignment:
    """Make a person card staff of the issuer; a new address gets an account without a
    password (they choose one through »forgot password«)."""
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(email=email, first_name=first_name.strip(), last_name=last_name.strip())
        user.set_unusable_password()
        user.full_clean()
        user.save()
    return role_grant(user=user, role=Role.CARD_STAFF, authority=issuer.authority)
