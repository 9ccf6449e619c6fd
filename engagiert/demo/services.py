"""Load the demo data; running it again changes nothing that is already there."""

from dataclasses import dataclass

from django.db import transaction

from engagiert.accounts.models import Role, User
from engagiert.accounts.services import role_grant
from engagiert.registry.models import Authority, Organisation

from .data import DEMO_PASSWORD, ORGANISATIONS, PEOPLE


@dataclass(frozen=True)
class DemoLogin:
    email: str
    name: str
    role: str


@transaction.atomic
def demo_load() -> list[DemoLogin]:
    """Create the seed organisations and one demo person per role (needs the registry)."""
    keys = {entry[3] for entry in ORGANISATIONS} | {person[4] for person in PEOPLE}
    authorities = Authority.objects.in_bulk([key for key in keys if key])
    for name, kind, town, key, website, description, invented in ORGANISATIONS:
        Organisation.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "town": town,
                "authority": authorities.get(key or ""),
                "website": website,
                "description": description,
                "is_demo": invented,
            },
        )
    logins = []
    for email, first, last, role, key, organisation, function in PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email, DEMO_PASSWORD, first_name=first, last_name=last, is_demo=True
            )
        role_grant(
            user=user,
            role=Role(role),
            function=function,
            authority=authorities[key] if key else None,
            organisation=Organisation.objects.get(name=organisation) if organisation else None,
        )
        scope = (
            f" – {authorities[key].name}" if key else (f" – {organisation}" if organisation else "")
        )
        logins.append(DemoLogin(email, f"{first} {last}", f"{Role(role).label}{scope}"))
    return logins
