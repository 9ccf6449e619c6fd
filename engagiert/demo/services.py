"""Load the demo data; running it again changes nothing that is already there."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from engagiert.accounts.models import Role, User
from engagiert.accounts.services import role_grant
from engagiert.membership.models import (
    ContactPerson,
    Declaration,
    Membership,
    Partnership,
    Profile,
    Signature,
    SigningWave,
    Topic,
    VolunteerCardStatus,
)
from engagiert.membership.services import application_submit
from engagiert.registry.models import Authority, Organisation

from . import data
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
    _network_load()
    for email, first, last, name, function in (data.APPLICANT_OFFICER, data.OPEN_APPLICATION):
        user, authority = _demo_officer(email, first, last, name, function)
        logins.append(DemoLogin(email, f"{first} {last}", f"{Role.OFFICER.label} – {name}"))
    _open_application(*data.OPEN_APPLICATION)
    return logins


def _by_name(names: list[str]) -> dict[str, Authority]:
    found = {a.name: a for a in Authority.objects.filter(name__in=names)}
    missing = set(names) - set(found)
    if missing:
        raise ValueError(f"Not in the registry: {sorted(missing)}")
    return found


def _demo_officer(
    email: str, first: str, last: str, name: str, function: str
) -> tuple[User, Authority]:
    authority = _by_name([name])[name]
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email, DEMO_PASSWORD, first_name=first, last_name=last, is_demo=True
    )
    role_grant(user=user, role=Role.OFFICER, authority=authority, function=function)
    ContactPerson.objects.get_or_create(
        authority=authority,
        name=f"{first} {last}",
        defaults={
            "function": function,
            "email": email,
            "public_fields": ["name", "email"],
            "is_primary": True,
        },
    )
    return user, authority


def _open_application(email: str, first: str, last: str, name: str, function: str) -> None:
    authority = _by_name([name])[name]
    if authority.applications.exists():
        return
    application_submit(
        authority=authority,
        user=User.objects.get(email=email),
        contact_person=ContactPerson.objects.get(authority=authority, name=f"{first} {last}"),
        cross_cutting="Die Koordination Ehrenamt arbeitet ämterübergreifend mit Sozialamt, "
        "Jugendamt und Wirtschaftsförderung; ein Runder Tisch tagt viermal im Jahr.",
        volunteer_card=VolunteerCardStatus.PLANNED,
        accepts_declaration=True,
        motivation="Austausch mit Kommunen ähnlicher Größe (Demo).",
    )


def _network_load() -> None:
    """Declaration, waves, members, topics, partners and a few profiles (see data.py)."""
    declaration, _ = Declaration.objects.get_or_create(
        version="2012",
        defaults={
            "title": data.DECLARATION_TITLE,
            "text": data.DECLARATION_TEXT,
            "adopted": datetime.date(2012, 12, 1),
        },
    )
    for topic in data.TOPICS:
        Topic.objects.get_or_create(name=topic, defaults={"slug": slugify(topic)})
    organisations = {o.name: o for o in Organisation.objects.all()}
    for _number, date, precision, occasion, place, members, signers in data.WAVES:
        wave, _ = SigningWave.objects.get_or_create(
            declaration=declaration,
            occasion=occasion,
            defaults={
                "date": datetime.date.fromisoformat(date),
                "date_precision": precision,
                "place": place,
            },
        )
        for name, authority in _by_name(members).items():
            invented = name in data.INVENTED_MEMBERS
            Signature.objects.get_or_create(
                wave=wave, authority=authority, defaults={"is_demo": True}
            )
            if not Membership.objects.filter(authority=authority).exists():
                Membership.objects.create(authority=authority, since=wave.date, is_demo=invented)
        for name in signers:
            Signature.objects.get_or_create(wave=wave, organisation=organisations[name])
    for name, role, since, until, note in data.PARTNERSHIPS:
        Partnership.objects.get_or_create(
            organisation=organisations[name],
            role=role,
            defaults={"since": since, "until": until, "note": note},
        )
    _profiles_load()


def _profiles_load() -> None:
    topics = {t.name: t for t in Topic.objects.all()}
    authorities = _by_name(list(data.PROFILES))
    for name, (
        staff,
        table,
        agency,
        card,
        since,
        topic_names,
        strategy,
        contact,
    ) in data.PROFILES.items():
        profile, created = Profile.objects.get_or_create(
            authority=authorities[name],
            defaults={
                "has_staff_unit": staff,
                "has_round_table": table,
                "has_volunteer_agency": agency,
                "volunteer_card": card,
                "volunteer_card_since": since,
                "strategy": strategy,
                "is_demo": True,
            },
        )
        if created:
            profile.topics.set([topics[t] for t in topic_names])
        if contact:
            person, function, phone, email = contact
            ContactPerson.objects.get_or_create(
                authority=authorities[name],
                name=person,
                defaults={
                    "function": function,
                    "phone": phone,
                    "email": email,
                    "public_fields": ["name", "email"],
                    "is_primary": True,
                },
            )
