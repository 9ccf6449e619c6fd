"""Who belongs to a segment, worked out from the network as it is now.

Recipients are the contact persons (with an e-mail address) and the engagement officers of
current members (for »member directory« those the directory's filters, stored with the segment,
find); for »leaders« the leaders' addresses and the people with the leader role.
Kinds that belong to a later capability (a workshop cohort, the public: the newsletter's
subscribers) are answered by the app that knows them, through its registered segment rule.
Each address appears once.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from engagiert.accounts.models import Role, User
from engagiert.core import extensions
from engagiert.core.extensions import Recipient, segment_rules
from engagiert.membership.forms import MemberFilterForm
from engagiert.membership.models import ContactPerson, Leader
from engagiert.membership.queries import current_member_keys, members
from engagiert.registry.models import Authority

from .models import Segment


def _member_authorities(segment: Segment) -> QuerySet[Authority]:
    current = Authority.objects.filter(pk__in=current_member_keys())
    if segment.kind == Segment.Kind.BIG_CITIES:
        return current.filter(
            kind__in=Authority.MUNICIPAL_KINDS, population__gte=segment.min_population or 0
        )
    if segment.kind == Segment.Kind.DISTRICTS:
        return current.filter(kind__in=Authority.DISTRICT_KINDS)
    if segment.kind == Segment.Kind.DIRECTORY:
        return directory_members(segment.parameters)
    return current


def directory_filters(parameters: dict[str, str]) -> MemberFilterForm:
    """The member directory's filter form, bound to the stored (or requested) parameters; only
    its valid filters count, as on the directory page."""
    return MemberFilterForm({k: str(v) for k, v in parameters.items()})


def directory_members(parameters: dict[str, str]) -> QuerySet[Authority]:
    """The members the directory shows for these filters."""
    return members(directory_filters(parameters).filters())


def directory_description(parameters: dict[str, str], *, labels: bool = True) -> str:
    """The filters in words, e.g. »Kind: All Kreise; Regierungsbezirk: Arnsberg« (without
    `labels` only the values, for a name)."""
    form = directory_filters(parameters)
    form.is_valid()
    parts = []
    for name, value in form.cleaned_data.items():
        if not value:
            continue
        field = form.fields[name]
        shown = dict(getattr(field, "choices", [])).get(value, value)
        parts.append(f"{field.label}: {shown}" if labels else str(shown))
    return ("; " if labels else ", ").join(parts) or _("all members")


#: The kinds audiences answer itself from the network's members; other apps answer the rest.
OWN_KINDS = {
    Segment.Kind.MEMBER_CONTACTS,
    Segment.Kind.BIG_CITIES,
    Segment.Kind.DISTRICTS,
    Segment.Kind.LEADERS,
    Segment.Kind.DIRECTORY,
}


def _from_apps(segment: Segment) -> list[Recipient]:
    """The recipients the rules registered for this kind (key "<app>.<kind>") answer."""
    return [
        recipient
        for key, rule in segment_rules.items()
        if key.partition(".")[2] == segment.kind
        for recipient in rule(segment)
    ]


def recipients(segment: Segment) -> list[Recipient]:
    """Everyone the segment reaches, one entry per e-mail address (lower case)."""
    if segment.kind not in OWN_KINDS:
        unique = {
            r.email.lower(): Recipient(r.email.lower(), r.name, r.authority_id)
            for r in _from_apps(segment)
        }
        return sorted(unique.values(), key=lambda recipient: recipient.email)
    keys = list(_member_authorities(segment).values_list("ags", flat=True))
    found: dict[str, Recipient] = {}

    def add(email: str, name: str, authority_id: str | None) -> None:
        if email and email.lower() not in found:
            found[email.lower()] = Recipient(email.lower(), name, authority_id)

    if segment.kind == Segment.Kind.LEADERS:
        for leader in Leader.objects.filter(authority_id__in=keys).exclude(email=""):
            add(leader.email, leader.name, leader.authority_id)
        roles = Q(role_assignments__role=Role.LEADER)
    else:
        for contact in ContactPerson.objects.filter(
            authority_id__in=keys, ended_on__isnull=True
        ).exclude(email=""):
            add(contact.email, contact.name, contact.authority_id)
        roles = Q(role_assignments__role=Role.OFFICER)
    people = User.objects.filter(
        roles, role_assignments__authority_id__in=keys, is_active=True
    ).values_list("email", "first_name", "last_name", "role_assignments__authority_id")
    for email, first, last, authority_id in people:
        add(email, f"{first} {last}".strip(), authority_id)
    return sorted(found.values(), key=lambda recipient: recipient.email)


def recipients_to_mail(segment: Segment) -> list[Recipient]:
    """Whom mail to the segment (an info-mail, an invitation) goes to: its recipients minus
    every address that opted out of segment mail (unsubscribed), whatever segment it came by."""
    return _without_opt_outs(recipients(segment))


def _without_opt_outs(people: list[Recipient]) -> list[Recipient]:
    addresses = [person.email for person in people]
    opted_out: set[str] = set()
    for opt_outs in extensions.segment_opt_outs:
        opted_out |= opt_outs(addresses)
    return [person for person in people if person.email not in opted_out]


@dataclass(frozen=True)
class Reach:
    """Whom mail to a segment reaches now, and, when that is no one, why."""

    recipients: list[Recipient]
    opted_out: int
    #: Why no one is reached (empty when someone is).
    reason: str

    @property
    def count(self) -> int:
        return len(self.recipients)


def _reason_for_no_one(segment: Segment, opted_out: int) -> str:
    if opted_out:
        return ngettext(
            "Its only recipient has unsubscribed from info-mails.",
            "All its %(count)d recipients have unsubscribed from info-mails.",
            opted_out,
        ) % {"count": opted_out}
    reasons: dict[str, str] = {
        Segment.Kind.PUBLIC: _("No one has confirmed a newsletter subscription yet."),
        Segment.Kind.DIRECTORY: _(
            "No current member matches these filters, or those found have no contact "
            "person with an e-mail address and no engagement officer."
        ),
        Segment.Kind.EVENT: _("The event has no confirmed registrations."),
        Segment.Kind.COHORT: _("The cohort has no development team members with an account."),
    }
    return reasons.get(
        segment.kind, _("No one with an e-mail address belongs to this audience now.")
    )


def reach(segment: Segment) -> Reach:
    """The recipients mail to the segment goes to now, how many opted out, and why no one is
    reached when that is so."""
    people = recipients(segment)
    to_mail = _without_opt_outs(people)
    opted_out = len(people) - len(to_mail)
    return Reach(to_mail, opted_out, "" if to_mail else _reason_for_no_one(segment, opted_out))
