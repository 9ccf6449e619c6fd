"""Demo data of the Ehrenamtskarte applications: real participating authorities as issuers
(Kreis Unna for its Gemeinden, Arnsberg, Dülmen, Bocholt), local rules, a card-staff login for
Arnsberg, and invented applications in every state, made through the app's own services."""

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from engagiert.accounts.models import Role, User
from engagiert.accounts.services import role_grant
from engagiert.registry.models import Authority
from engagiert.volunteercard import queries, tokens
from engagiert.volunteercard.models import Application, Engagement, Issuer
from engagiert.volunteercard.services import applications, issuers

from .data import DEMO_PASSWORD

if TYPE_CHECKING:
    from .services import DemoLogin

#: AGS, participating since, validity in years, contact, local rule (min age, min years).
ISSUERS = [
    ("05978", datetime.date(2009, 3, 1), 2, "ehrenamtskarte@kreis-unna.example", (16, 1)),
    ("05958004", datetime.date(2010, 6, 1), 3, "ehrenamtskarte@arnsberg.example", (16, 1)),
    ("05558016", datetime.date(2012, 1, 1), 2, "ehrenamtskarte@duelmen.example", (16, 2)),
    ("05554008", datetime.date(2011, 9, 1), 2, "ehrenamtskarte@bocholt.example", (16, 1)),
]
CARD_STAFF = ("karte-arnsberg@engagiert.example", "Miriam", "Vogt", "05958004")

#: (first, last, born, residence AGS, kind, [(organisation, field, hours/week, hours/year,
#: since, allowance, answer)], decision). The answers: confirm, correct:<hours/week>, decline,
#: or None (still open). The decision: approve, reject:<reason> or None.
APPLICANTS: list[tuple[Any, ...]] = [
    (
        "Lea",
        "Hoffmann",
        datetime.date(1996, 8, 21),
        "05958004",
        "new",
        [
            (
                "Sportverein Arnsberg-Hüsten (Demo)",
                "sport",
                "4.5",
                None,
                "2019-04-01",
                "0",
                "confirm",
            ),
            ("Tafel Arnsberg (Demo)", "social", None, 60, "2021-09-01", "0", None),
        ],
        None,
    ),
    (
        "Mehmet",
        "Yıldız",
        datetime.date(1984, 2, 2),
        "05958004",
        "new",
        [
            ("Löschzug Neheim (Demo)", "rescue", "3.0", None, "2012-05-01", "0", "confirm"),
            (
                "Integrationsrat Arnsberg (Demo)",
                "integration",
                None,
                80,
                "2018-01-01",
                "0",
                "confirm",
            ),
        ],
        None,
    ),
    (
        "Gertrud",
        "Schäfer",
        datetime.date(1951, 11, 30),
        "05958004",
        "jubilee",
        [
            (
                "Kirchenchor St. Laurentius (Demo)",
                "church",
                "5.0",
                None,
                "1990-09-01",
                "0",
                "confirm",
            )
        ],
        "approve",
    ),
    (
        "Jonas",
        "Becker",
        datetime.date(2003, 6, 12),
        "05958004",
        "new",
        [
            (
                "Musikverein Oeventrop (Demo)",
                "culture",
                "4.0",
                None,
                "2022-02-01",
                "0",
                "correct:2.0",
            )
        ],
        "reject:Bestätigt sind 2 Stunden pro Woche; nötig sind im Durchschnitt 4 Stunden.",
    ),
    (
        "Aleksandra",
        "Nowak",
        datetime.date(1978, 4, 5),
        "05978028",
        "new",
        [("Hospizverein Schwerte (Demo)", "social", None, 220, "2016-03-01", "960", "confirm")],
        None,
    ),
]


def volunteercard_load() -> "DemoLogin":
    """Issuers, their local rules and staff, and demo applications (once)."""
    from .services import DemoLogin

    email, first, last, ags = CARD_STAFF
    if not Issuer.objects.filter(authority_id=ags).exists():
        _issuers_load()
        _applications_load()
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email, DEMO_PASSWORD, first_name=first, last_name=last, is_demo=True
    )
    role_grant(user=user, role=Role.CARD_STAFF, authority=Authority.objects.get(ags=ags))
    return DemoLogin(email, f"{first} {last}", f"{Role.CARD_STAFF.label} – Arnsberg")


def _issuers_load() -> None:
    for ags, since, years, contact, (min_age, min_years) in ISSUERS:
        authority = Authority.objects.get(ags=ags)
        issuer = issuers.issuer_create(
            authority=authority,
            data={
                "participating_since": since,
                "validity_years": years,
                "contact_email": contact,
                "is_active": True,
            },
        )
        if not authority.is_municipal:
            issuers.issuer_area_set(
                issuer=issuer, authorities=queries.district_without_issuer(authority, issuer)
            )
        issuers.local_rule_save(
            issuer=issuer,
            instance=None,
            data={
                "valid_from": since,
                "min_age": min_age,
                "min_years_engaged": min_years,
                "requires_local_link": True,
            },
        )


def _applications_load() -> None:
    staff = User.objects.filter(role_assignments__role=Role.OFFICE).first()
    for first, last, born, ags, kind, engagements, decision in APPLICANTS:
        residence = Authority.objects.get(ags=ags)
        email = _address(f"{first}.{last}")
        application = applications.application_submit(
            residence=residence,
            data={
                "kind": kind,
                "first_name": first,
                "last_name": last,
                "birth_date": born,
                "email": email,
                "postcode": "",
            },
            engagements=[
                {
                    "organisation": organisation,
                    "field": field,
                    "place": residence,
                    "contact_name": "Vorstand",
                    "contact_email": _address(f"vorstand{index}.{last}"),
                    "hours_per_week": Decimal(week) if week else None,
                    "hours_per_year": year,
                    "since": datetime.date.fromisoformat(since),
                    "allowance_eur_per_year": Decimal(allowance),
                }
                for index, (organisation, field, week, year, since, allowance, _a) in enumerate(
                    engagements
                )
            ],
        )
        application = applications.application_email_confirm(token=tokens.email_token(application))
        User.objects.filter(card_applications=application).update(is_demo=True)
        rows = application.engagements.order_by("pk")
        for engagement, answer in zip(rows, [e[-1] for e in engagements], strict=True):
            _answer(engagement, answer)
        application = Application.objects.get(pk=application.pk)
        if decision == "approve" and staff is not None:
            applications.application_approve(application=application, by=staff)
        elif decision and decision.startswith("reject:") and staff is not None:
            applications.application_reject(
                application=application, by=staff, reason=decision.removeprefix("reject:")
            )


def _address(name: str) -> str:
    for letter, ascii_ in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("ı", "i")):
        name = name.lower().replace(letter, ascii_)
    return f"{name}@engagiert.example"


def _answer(engagement: Engagement, answer: str | None) -> None:
    if answer is None:
        return
    token = tokens.confirmation_token(engagement)
    if answer.startswith("correct:"):
        applications.engagement_answer(
            token=token,
            answer="correct",
            hours_per_week=Decimal(answer.removeprefix("correct:")),
            note="Im Durchschnitt weniger als angegeben.",
        )
    else:
        applications.engagement_answer(token=token, answer=answer)
