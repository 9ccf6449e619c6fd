"""Demo data of the office's contacts: the main contacts tagged, a call in the activity log
and a follow-up due next week (idempotent)."""

import datetime

from django.utils import timezone

from engagiert.accounts.models import Role, User
from engagiert.contacts.models import Activity, FollowUp, Tag
from engagiert.membership.models import ContactPerson


def contacts_load() -> None:
    office = User.objects.filter(role_assignments__role=Role.OFFICE, is_demo=True).first()
    steering, _created = Tag.objects.get_or_create(name="Steuerungsgruppe")
    steering.contacts.add(*ContactPerson.objects.filter(is_primary=True, authority__isnull=False))
    first = ContactPerson.objects.filter(authority__isnull=False).order_by("pk").first()
    if first is None or office is None or Activity.objects.filter(person=first).exists():
        return
    today = timezone.localdate()
    Activity.objects.create(
        kind=Activity.Kind.CALL,
        happened_on=today - datetime.timedelta(days=7),
        text="Telefonat zum Netzwerktreffen: bringt die Erfahrungen mit der Ehrenamtsbörse mit.",
        author=office,
        person=first,
        authority=first.authority,
    )
    FollowUp.objects.create(
        title="Präsentation zur Ehrenamtsbörse erbitten",
        due_on=today + datetime.timedelta(days=7),
        assignee=office,
        created_by=office,
        person=first,
        authority=first.authority,
    )
