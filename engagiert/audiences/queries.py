"""Who belongs to a segment, worked out from the network as it is now.

Recipients are the contact persons (with an e-mail address) and the engagement officers of
current members; for »leaders« the leaders' addresses and the people with the leader role.
Kinds that belong to a later capability (a workshop cohort, the public: the newsletter's
subscribers) are answered by the app that knows them, through its registered segment rule.
Each address appears once.
"""

from django.db.models import Q, QuerySet

from engagiert.accounts.models import Role, User
from engagiert.core import extensions
from engagiert.core.extensions import Recipient, segment_rules
from engagiert.membership.models import ContactPerson, Leader
from engagiert.membership.queries import current_member_keys
from engagiert.registry.models import Authority

from .models import Segment


def _member_authorities(segment: Segment) -> QuerySet[Authority]:
    members = Authority.objects.filter(pk__in=current_member_keys())
    if segment.kind == Segment.Kind.BIG_CITIES:
        return members.filter(
            kind__in=Authority.MUNICIPAL_KINDS, population__gte=segment.min_population or 0
        )
    if segment.kind == Segment.Kind.DISTRICTS:
        return members.filter(kind__in=Authority.DISTRICT_KINDS)
    return members


#: The kinds audiences answer itself from the network's members; other apps answer the rest.
OWN_KINDS = {
    Segment.Kind.MEMBER_CONTACTS,
    Segment.Kind.BIG_CITIES,
    Segment.Kind.DISTRICTS,
    Segment.Kind.LEADERS,
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
    people = recipients(segment)
    addresses = [person.email for person in people]
    opted_out: set[str] = set()
    for opt_outs in extensions.segment_opt_outs:
        opted_out |= opt_outs(addresses)
    return [person for person in people if person.email not in opted_out]
