"""Load the demo data; running it again changes nothing that is already there."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from engagiert.accounts import twofactor
from engagiert.accounts.models import Role, User
from engagiert.accounts.services import role_grant
from engagiert.audiences.models import Segment
from engagiert.core.models import OutboundMail
from engagiert.events.models import AgendaItem, Event, Registration, Result
from engagiert.events.services import registration_create
from engagiert.knowledge.models import AssistanceOffer, KnowledgeItem, Question
from engagiert.mailings.models import Mailing
from engagiert.mailings.services import mailing_release
from engagiert.membership.models import (
    ContactPerson,
    Declaration,
    Membership,
    Partnership,
    Profile,
    Signature,
    SigningWave,
    VolunteerCardStatus,
)
from engagiert.membership.services import application_submit
from engagiert.registry.models import Authority, Organisation, Topic
from engagiert.workshop.models import (
    Cohort,
    CohortApplication,
    ConsultationSlot,
    ExpertInput,
    Post,
    Resource,
    Session,
    TeamMember,
    Thread,
    TopicProposal,
    TopicVote,
)

from . import data
from .contacts import contacts_load
from .data import DEMO_PASSWORD, ORGANISATIONS, PEOPLE
from .dates import in_office_hours, on_working_day
from .impact import impact_load
from .news import news_load
from .opportunities import opportunities_load
from .opportunity_cooperation import opportunity_cooperation_load
from .opportunity_shifts import shifts_demo_load
from .volunteercard import volunteercard_load
from .volunteercard_cards import volunteercard_cards_load
from .volunteercard_partners import volunteercard_partners_load


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
    _events_load()
    _mailings_load()
    contacts_load()
    logins.append(_workshop_load())
    _knowledge_load()
    news_load()
    logins.append(volunteercard_load())
    # After the card issuers (card application demo): the demo volunteer's Ehrenamtskarte.
    volunteercard_cards_load()
    volunteercard_partners_load()
    logins += opportunities_load()
    shifts_demo_load()
    logins += [DemoLogin(*login) for login in opportunity_cooperation_load()]
    # Last: the impact snapshot counts what the other apps' demo data holds.
    impact_load()
    _two_factor_load(logins)
    return logins


def _two_factor_load(logins: list[DemoLogin]) -> None:
    """The demo accounts that must log in with a second factor get the known demo key."""
    for user in User.objects.filter(email__in=[login.email for login in logins], is_demo=True):
        if twofactor.is_required(user) and not twofactor.has_two_factor(user):
            twofactor.two_factor_seed(user=user, secret=data.DEMO_TOTP_SECRET)


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
                Membership.objects.create(
                    authority=authority,
                    since=wave.date,
                    since_precision=wave.date_precision,
                    is_demo=invented,
                )
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


def _at(value: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(value))


def _events_load() -> None:
    """Segments, the four real events of the seeds, and upcoming demo events."""
    segments = {}
    for name, kind, minimum in data.SEGMENTS:
        segments[name], _ = Segment.objects.get_or_create(
            name=name, defaults={"kind": kind, "min_population": minimum}
        )
    organisations = {o.name: o for o in Organisation.objects.all()}
    topics = {t.name: t for t in Topic.objects.all()}
    for spec in data.PAST_EVENTS:
        event, created = Event.objects.get_or_create(
            title=spec["title"],
            defaults={
                "kind": spec["kind"],
                "status": Event.Status.PUBLISHED,
                "starts_at": _at(spec["starts"]),
                "published_at": _at(spec["starts"]) - datetime.timedelta(days=60),
                "ends_at": _at(spec["ends"]),
                "venue_name": spec["venue"],
                "venue_address": spec["address"],
                "capacity": spec["capacity"],
                "description": spec["description"],
                "is_public": True,
            },
        )
        if created:
            _past_event_details(event, spec, organisations, topics)
    for (
        title,
        kind,
        days,
        hours,
        venue,
        capacity,
        public,
        segment,
        workshops,
    ) in data.UPCOMING_EVENTS:
        start = on_working_day(days)
        event, created = Event.objects.get_or_create(
            title=title,
            defaults={
                "kind": kind,
                "status": Event.Status.PUBLISHED,
                "starts_at": start,
                "ends_at": start + datetime.timedelta(hours=hours),
                "venue_name": venue,
                "capacity": capacity,
                "is_public": public,
                "audience": segments[segment],
                "is_demo": True,
                "published_at": timezone.now(),
                "online_url": "https://konferenz.example.org/sprechstunde"
                if kind == "online"
                else "",
                "description": "Erfundene Veranstaltung für die Demo.",
            },
        )
        if created:
            for title_, offset, places in workshops:
                AgendaItem.objects.create(
                    event=event,
                    title=title_,
                    kind=AgendaItem.Kind.WORKSHOP,
                    capacity=places,
                    starts_at=start + datetime.timedelta(hours=offset),
                    ends_at=start + datetime.timedelta(hours=offset + 2),
                )
    _fill_online_consultation()


def _past_event_details(
    event: Event, spec: dict[str, Any], organisations: dict[str, Any], topics: dict[str, Topic]
) -> None:
    event.organisers.set([organisations[name] for name in spec["organisers"]])
    event.topics.set([topics[name] for name in spec["topics"]])
    for position, (title, text) in enumerate(spec["results"]):
        Result.objects.create(event=event, title=title, text=text, position=position)
    for index, (title, room, results) in enumerate(spec["workshops"]):
        item = AgendaItem.objects.create(
            event=event,
            title=title,
            kind=AgendaItem.Kind.WORKSHOP,
            room=room,
            starts_at=event.starts_at + datetime.timedelta(hours=3),
            ends_at=event.starts_at + datetime.timedelta(hours=5),
            capacity=40,
        )
        for position, (result_title, text) in enumerate(results):
            Result.objects.create(
                event=event,
                agenda_item=item,
                title=result_title,
                text=text,
                position=position + index * 10,
            )
    for number in range(1, spec["participants"] + 1):
        Registration.objects.create(
            event=event,
            name=f"Teilnehmende {number:02d} (Demo)",
            email=f"teilnehmende{number:02d}@demo.engagiert.example",
            status=Registration.Status.CONFIRMED,
            confirmed_at=event.starts_at,
            checked_in_at=event.starts_at,
            list_consent=False,
        )


def _fill_online_consultation() -> None:
    """Three officers take the three places; a fourth person waits (shows the waiting list)."""
    event = Event.objects.get(title="Online-Sprechstunde Ehrenamtskarte")
    if event.registrations.exists():
        return
    for email in (
        "kamp-lintfort@engagiert.example",
        "arnsberg@engagiert.example",
        "team-luenen@engagiert.example",
        "buergermeisterin-menden@engagiert.example",
    ):
        user = User.objects.get(email=email)
        registration_create(
            event=event, user=user, name=user.get_full_name(), email=email, list_consent=True
        )


def _mailings_load() -> None:
    """Two archived info-mails, sent before the demo began: released to »Alle Mitglieder« as
    the demo network has them, and their messages recorded in the outbox as sent (so the
    archive's recipient figures and the progress are true, and nothing is sent again)."""
    office = User.objects.get(email="buero@engagiert.example")
    segment = Segment.objects.get(name="Alle Mitglieder")
    for subject, days_ago, body in data.MAILINGS:
        sent = in_office_hours(timezone.now() - datetime.timedelta(days=days_ago))
        mailing, created = Mailing.objects.get_or_create(
            subject=subject,
            defaults={
                "body": body.format(site_url=settings.SITE_URL),
                "segment": segment,
                "created_by": office,
            },
        )
        if created:
            mailing_release(mailing=mailing, user=office)
            OutboundMail.objects.filter(batch=mailing.batch).update(
                status=OutboundMail.Status.SENT, sent_at=sent, next_attempt_at=sent
            )
            Mailing.objects.filter(pk=mailing.pk).update(released_at=sent, send_at=sent)


def _working_day(day: datetime.date) -> datetime.date:
    """The day itself, or the Monday after it when it falls on a weekend."""
    weekend = day.weekday() >= 5
    return day + datetime.timedelta(days=7 - day.weekday() if weekend else 0)


def _working_day_at(days: int, hour: int) -> datetime.datetime:
    """A full hour on the working day `days` from today (negative: in the past)."""
    day = _working_day(timezone.localdate() + datetime.timedelta(days=days))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _workshop_load() -> DemoLogin:
    """The five cohorts of the seeds (4 and 5 with invented sites, marked demo), a running
    demo cohort and a demo open call. Cohorts loaded before get their sites and dates here."""
    organisations = {o.name: o for o in Organisation.objects.all()}
    operator = organisations["Katholisch-Soziales Institut (KSI)"]
    for number, start, end, evaluator, note, names, size, invented in data.COHORTS:
        dates = {
            "starts_on": datetime.date.fromisoformat(start),
            "ends_on": datetime.date.fromisoformat(end),
            "finished_at": _at(f"{end}T18:00"),
            "max_sites": size,
            "is_demo": invented,
        }
        cohort, created = Cohort.objects.get_or_create(
            number=number,
            defaults={
                **dates,
                "operator": operator,
                "evaluator": organisations.get(evaluator or ""),
                "partner_note": note,
            },
        )
        if not created:
            Cohort.objects.filter(pk=cohort.pk).update(**dates)
        if cohort.applications.exists():
            continue
        for authority in _by_name(names).values():
            CohortApplication.objects.create(
                cohort=cohort,
                authority=authority,
                status=CohortApplication.Status.SELECTED,
                motivation="–",
                goals="–",
                existing="(Demo: Teilnahme angenommen)" if invented else "(nicht überliefert)",
            )
    number, deadline = data.FOURTH_CALL
    Cohort.objects.filter(number=number).update(
        application_deadline=_at(deadline), call_text=data.FOURTH_CALL_TEXT
    )
    email, first, last, organisation = data.OPERATOR_LOGIN
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email, DEMO_PASSWORD, first_name=first, last_name=last, is_demo=True
    )
    role_grant(
        user=user,
        role=Role.ORGANISATION,
        organisation=organisations[organisation],
        function="Leitung Entwicklungswerkstatt",
    )
    _running_cohort(operator, user)
    Segment.objects.get_or_create(
        name=f"Entwicklungsteams Durchgang {data.RUNNING_COHORT}",
        defaults={"kind": Segment.Kind.COHORT, "cohort_number": data.RUNNING_COHORT},
    )
    today = timezone.localdate()
    Cohort.objects.get_or_create(
        number=data.OPEN_CALL_COHORT,
        defaults={
            "starts_on": today + datetime.timedelta(days=90),
            "ends_on": today + datetime.timedelta(days=90 + 365),
            "operator": operator,
            "application_deadline": _working_day_at(30, 18),
            "is_demo": True,
            "call_text": data.OPEN_CALL_TEXT,
        },
    )
    return DemoLogin(email, f"{first} {last}", f"{Role.ORGANISATION.label} – {organisation}")


def _running_cohort(operator: Organisation, operator_user: User) -> None:
    today = timezone.localdate()
    cohort, created = Cohort.objects.get_or_create(
        number=data.RUNNING_COHORT,
        defaults={
            "starts_on": today - datetime.timedelta(days=120),
            "ends_on": today + datetime.timedelta(days=240),
            "operator": operator,
            "is_demo": True,
            "application_deadline": _working_day_at(-150, 18),
        },
    )
    if not created:
        return
    for name, authority in _by_name(list(data.RUNNING_SITES)).items():
        application = CohortApplication.objects.create(
            cohort=cohort,
            authority=authority,
            status=CohortApplication.Status.SELECTED,
            motivation="Wir wollen eine Engagementstrategie entwickeln (Demo).",
            goals="Leitbild und Runder Tisch (Demo).",
            existing="Ehrenamtskarte geplant (Demo).",
        )
        for position, (person, function, email) in enumerate(data.RUNNING_SITES[name], start=1):
            member = TeamMember.objects.create(
                application=application,
                position=position,
                name=person,
                function=function,
                email=email,
            )
            account = User.objects.filter(email=email).first() or User.objects.create_user(
                email,
                DEMO_PASSWORD,
                first_name=person.split()[0],
                last_name=person.split()[-1],
                is_demo=True,
            )
            role_grant(
                user=account, role=Role.DEVELOPMENT_TEAM, authority=authority, function=function
            )
            member.user = account
            member.save(update_fields=["user"])
    session = Session.objects.create(
        cohort=cohort,
        number=1,
        title="Auftakt: Wo stehen wir?",
        date=_working_day(today - datetime.timedelta(days=100)),
        place="Bad Honnef",
        minutes=data.RUNNING_FIRST_MINUTES,
    )
    ExpertInput.objects.create(
        session=session,
        speaker="Katholisch-Soziales Institut",
        title="Engagementstrategien – ein Überblick",
    )
    Session.objects.create(
        cohort=cohort,
        number=2,
        title="Zweite Werkstatt",
        date=_working_day(today + datetime.timedelta(days=20)),
        place="Bad Honnef",
    )
    lunen = Authority.objects.get(name="Lünen")
    for title, votes in data.RUNNING_TOPICS:
        proposal = TopicProposal.objects.create(cohort=cohort, title=title, authority=lunen)
        for authority in list(_by_name(list(data.RUNNING_SITES)).values())[:votes]:
            TopicVote.objects.get_or_create(proposal=proposal, authority=authority)
    for days, hour in ((3, 10), (10, 14)):
        start = _working_day_at(days, hour)
        ConsultationSlot.objects.create(
            cohort=cohort,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=1),
            advisor="Martin Küpper (KSI)",
            place="Videokonferenz",
        )
    for title, tags in data.RUNNING_RESOURCES:
        Resource.objects.create(cohort=cohort, title=title, tags=tags, added_by=operator_user)
    thread = Thread.objects.create(
        cohort=cohort, title="Wie überzeugen wir den Rat?", author=operator_user
    )
    Post.objects.create(
        thread=thread, author=operator_user, body="Welche Argumente haben bei Ihnen gezogen? (Demo)"
    )


def _knowledge_load() -> None:
    """Knowledge items from the seeds, one demo question and one demo Amtshilfe offer."""
    topics = {t.name: t for t in Topic.objects.all()}
    for (
        kind,
        title,
        summary,
        approach,
        results,
        town,
        names,
        year,
        visibility,
        invented,
    ) in data.KNOWLEDGE:
        item, created = KnowledgeItem.objects.get_or_create(
            title=title,
            defaults={
                "kind": kind,
                "summary": summary,
                "approach": approach,
                "results": results,
                "authority": Authority.objects.filter(name=town).first() if town else None,
                "year": year,
                "visibility": visibility,
                "is_demo": invented,
            },
        )
        if created:
            item.topics.set([topics[name] for name in names])
    asker = User.objects.get(email="kamp-lintfort@engagiert.example")
    title, body = data.QUESTION
    if not Question.objects.filter(title=title).exists():
        question = Question.objects.create(
            title=title,
            body=body,
            author=asker,
            authority=Authority.objects.get(name="Kamp-Lintfort"),
        )
        question.topics.set([topics["Unternehmensengagement"]])
    town, title, description, contact, effort = data.OFFER
    offer, created = AssistanceOffer.objects.get_or_create(
        title=title,
        defaults={
            "authority": Authority.objects.get(name=town),
            "description": description,
            "contact": contact,
            "effort": effort,
        },
    )
    if created:
        offer.topics.set([topics["Ehrenamtskarte"]])
