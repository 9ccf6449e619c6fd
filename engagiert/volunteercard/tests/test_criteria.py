"""The criteria at every boundary, on both sides of 26 January 2026 (pure functions, the rule
sets as the data migration seeds them)."""

import datetime
from decimal import Decimal

import pytest

from engagiert.registry.models import Authority
from engagiert.volunteercard import criteria
from engagiert.volunteercard.models import Application, Engagement, Issuer, LocalRule, RuleSet
from engagiert.volunteercard.queries import rule_set_on

OLD = RuleSet(
    name="bis 25.01.2026",
    valid_from=datetime.date(2008, 1, 1),
    hours_per_week=Decimal("5.0"),
    hours_per_year=250,
    allowance_allowed=False,
    allowance_max_eur=None,
)
NEW = RuleSet(
    name="ab 26.01.2026",
    valid_from=datetime.date(2026, 1, 26),
    hours_per_week=Decimal("4.0"),
    hours_per_year=200,
    allowance_allowed=True,
    allowance_max_eur=Decimal("3300"),
)
UNNA = Authority(ags="05978000", name="Kreis Unna", kind=Authority.Kind.DISTRICT)
SCHWERTE = Authority(ags="05978028", name="Schwerte", kind=Authority.Kind.TOWN)
DORTMUND = Authority(ags="05913000", name="Dortmund", kind=Authority.Kind.INDEPENDENT_CITY)
ISSUER = Issuer(authority=UNNA, participating_since=datetime.date(2010, 1, 1))
LOCAL = LocalRule(
    issuer=ISSUER,
    valid_from=datetime.date(2020, 1, 1),
    min_age=16,
    min_years_engaged=1,
    requires_local_link=True,
)
COVERED = {SCHWERTE.ags}
DAY = datetime.date(2026, 2, 2)


def _application(day=DAY, **fields):
    values = {
        "first_name": "Jana",
        "last_name": "Schmitz",
        "birth_date": datetime.date(1990, 3, 14),
        "residence": SCHWERTE,
        "submitted_on": day,
        "kind": Application.Kind.NEW,
        **fields,
    }
    return Application(**values)


def _engagement(organisation="Sportverein Schwerte", **fields):
    values = {
        "organisation": organisation,
        "place": SCHWERTE,
        "since": datetime.date(2015, 1, 1),
        "confirmation": Engagement.Confirmation.CONFIRMED,
        "allowance_eur_per_year": Decimal(0),
        **fields,
    }
    return Engagement(**values)


def _judge(application, engagements, rule_set=NEW, local_rule=LOCAL):
    result = criteria.judge(
        application=application,
        engagements=engagements,
        rule_set=rule_set,
        local_rule=local_rule,
        covered=COVERED,
    )
    return {c.key: c for c in result}


def _hours(rule_set, day=DAY, **engagement):
    return _judge(_application(day=day), [_engagement(**engagement)], rule_set)["hours"]


@pytest.mark.django_db
def test_the_seeded_rule_sets_change_between_25_and_26_january_2026():
    old, new = rule_set_on(datetime.date(2026, 1, 25)), rule_set_on(datetime.date(2026, 1, 26))

    assert (old.hours_per_week, old.hours_per_year, old.allowance_allowed) == (5, 250, False)
    assert (new.hours_per_week, new.hours_per_year, new.allowance_max_eur) == (4, 200, 3300)
    assert "Land NRW" in new.source
    assert rule_set_on(datetime.date(2007, 12, 31)) is None


def test_the_reason_names_the_figures_the_organisation_and_the_rule_version():
    hours = _hours(NEW, hours_per_year=200, organisation="Sportverein X")

    assert hours.met is True
    assert hours.reason == (
        "200 h/Jahr bestätigt durch Sportverein X, Regel ab 26.01.2026 "
        "(mind. 4 h/Woche oder 200 h/Jahr): erfüllt"
    )


@pytest.mark.parametrize(
    ("rule_set", "week", "met"),
    [(NEW, "3.9", False), (NEW, "4.0", True), (OLD, "4.9", False), (OLD, "5.0", True)],
)
def test_hours_per_week_at_the_threshold(rule_set, week, met):
    assert _hours(rule_set, hours_per_week=Decimal(week)).met is met


@pytest.mark.parametrize(
    ("rule_set", "year", "met"),
    [(NEW, 199, False), (NEW, 200, True), (OLD, 249, False), (OLD, 250, True)],
)
def test_hours_per_year_at_the_threshold(rule_set, year, met):
    assert _hours(rule_set, hours_per_year=year).met is met


def test_four_hours_a_week_fail_under_the_old_rules_and_pass_under_the_new():
    assert "Regel ab 01.01.2008" in _hours(OLD, hours_per_week=Decimal(4)).reason
    assert _hours(OLD, hours_per_week=Decimal(4)).met is False
    assert _hours(NEW, hours_per_week=Decimal(4)).met is True


def test_hours_of_several_organisations_add_up_across_week_and_year():
    engagements = [
        _engagement("Tafel Schwerte", hours_per_week=Decimal("2.0")),
        _engagement("Kirchenchor", hours_per_year=100),
    ]

    hours = _judge(_application(), engagements)["hours"]

    assert hours.met is True  # 2 h/week = 100 h/year, + 100 h/year = 200
    assert "zusammen 4 h/Woche, 200 h/Jahr" in hours.reason


def test_only_confirmed_or_corrected_hours_count():
    open_ = _engagement("Tafel", hours_per_week=Decimal(10), confirmation="open")
    declined = _engagement("Chor", hours_per_week=Decimal(10), confirmation="declined")
    corrected = _engagement(
        "Verein", hours_per_week=Decimal(10), confirmation="corrected", confirmed_hours_per_year=150
    )

    assert _judge(_application(), [open_])["hours"].met is None  # still open
    assert _judge(_application(), [declined])["hours"].met is False
    assert _judge(_application(), [corrected])["hours"].met is False  # 150 < 200
    assert (
        "150 h/Jahr bestätigt durch Verein" in _judge(_application(), [corrected])["hours"].reason
    )


@pytest.mark.parametrize(
    ("rule_set", "allowance", "met"),
    [
        (OLD, "0", True),
        (OLD, "0.01", False),
        (OLD, "960", False),
        (NEW, "960", True),
        (NEW, "3300", True),
        (NEW, "3300.01", False),
    ],
)
def test_allowance_at_the_ehrenamtspauschale_and_uebungsleiterpauschale(rule_set, allowance, met):
    engagement = _engagement(hours_per_week=Decimal(5), allowance_eur_per_year=Decimal(allowance))

    assert _judge(_application(), [engagement], rule_set)["allowance"].met is met


@pytest.mark.parametrize(
    ("birth_date", "met"),
    [
        (datetime.date(2010, 2, 3), False),  # turns 16 the day after submission: 15
        (datetime.date(2010, 2, 2), True),  # 16th birthday on the submission date
    ],
)
def test_minimum_age_on_the_submission_date(birth_date, met):
    application = _application(birth_date=birth_date)

    age = _judge(application, [_engagement(hours_per_week=Decimal(4))])["age"]

    assert age.met is met
    assert age.reason.startswith(f"Alter {16 if met else 15} am 02.02.2026")
    assert "örtliche Regel Kreis Unna ab 01.01.2020" in age.reason


@pytest.mark.parametrize(
    ("since", "met"), [(datetime.date(2025, 2, 3), False), (datetime.date(2025, 2, 2), True)]
)
def test_prior_engagement_years_from_since(since, met):
    engagement = _engagement(hours_per_week=Decimal(4), since=since)

    assert _judge(_application(), [engagement])["years"].met is met


def test_local_link_by_residence_or_by_an_engagement_in_the_area():
    elsewhere = _engagement(hours_per_week=Decimal(4), place=DORTMUND)
    here = _engagement(hours_per_week=Decimal(4), place=SCHWERTE)

    assert _judge(_application(), [elsewhere])["local"].met is True  # lives in Schwerte
    assert _judge(_application(residence=DORTMUND), [here])["local"].met is True
    assert _judge(_application(residence=DORTMUND), [elsewhere])["local"].met is False


def test_without_a_local_rule_only_the_statewide_criteria_apply():
    keys = _judge(_application(), [_engagement(hours_per_week=Decimal(4))], local_rule=None)

    assert set(keys) == {"hours", "allowance"}


@pytest.mark.parametrize(
    ("valid_until", "met"), [(datetime.date(2026, 2, 1), False), (datetime.date(2026, 2, 2), True)]
)
def test_a_juleica_valid_on_the_submission_date_replaces_the_hours(valid_until, met):
    application = _application(juleica_number="J-123", juleica_valid_until=valid_until)

    hours = _judge(application, [_engagement(hours_per_week=Decimal(1))])["hours"]

    assert hours.met is met
    assert ("JuLeiCa gültig bis" in hours.reason) is met
    assert ("abgelaufen" in hours.reason) is not met


@pytest.mark.parametrize(
    ("since", "met"), [(datetime.date(2001, 2, 3), False), (datetime.date(2001, 2, 2), True)]
)
def test_the_jubilee_card_needs_25_years_of_confirmed_engagement(since, met):
    application = _application(kind=Application.Kind.JUBILEE)

    jubilee = _judge(application, [_engagement(hours_per_week=Decimal(4), since=since)])["jubilee"]

    assert jubilee.met is met


def test_overall_is_open_until_every_criterion_is_decided():
    assert criteria.overall([{"met": True}, {"met": None}]) is None
    assert criteria.overall([{"met": True}, {"met": None}, {"met": False}]) is False
    assert criteria.overall([{"met": True}, {"met": True}]) is True
