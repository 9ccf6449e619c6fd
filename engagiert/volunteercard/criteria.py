"""The criteria of the Ehrenamtskarte, judged by the rules in force on the submission date.

Pure functions: given an application, its engagements, the statewide rule set and the issuer's
local rule of the submission date and the Gemeinden the issuer covers, `judge` answers each
criterion as met, not met or open (an organisation has not answered yet), with a German reason
that names the figures and the rule version. Nothing here reads or writes the database.

Hours count only where an organisation confirmed them (as stated, or corrected); hours of
several organisations add up. Hours per week and per year are compared on one scale: a week's
hours count `hours_per_year / hours_per_week` times (50 under both NRW versions), so that 4 h a
week and 200 h a year are the same proof, and a mix of both adds up.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from enum import StrEnum

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .models import Application, Engagement, LocalRule, RuleSet

Confirmation = Engagement.Confirmation
ANSWERED = (Confirmation.CONFIRMED, Confirmation.CORRECTED)


class Key(StrEnum):
    HOURS = "hours"
    ALLOWANCE = "allowance"
    AGE = "age"
    YEARS = "years"
    LOCAL = "local"
    JUBILEE = "jubilee"


@dataclass(frozen=True)
class Criterion:
    key: str
    #: True met, False not met, None open (waiting for an organisation).
    met: bool | None
    reason: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def full_years(start: datetime.date, day: datetime.date) -> int:
    """Whole years from `start` to `day`: one's age on `day` (the birthday itself counts)."""
    return day.year - start.year - ((day.month, day.day) < (start.month, start.day))


def _date(day: datetime.date) -> str:
    return day.strftime("%d.%m.%Y")


def _num(value: Decimal | int | float) -> str:
    value = Decimal(value).normalize()
    places = max(0, -value.as_tuple().exponent)  # type: ignore[operator]
    return number_format(value, decimal_pos=min(places, 2), use_l10n=True)


def _rule(rule_set: RuleSet) -> str:
    return _("rule from %(date)s") % {"date": _date(rule_set.valid_from)}


def _local(local_rule: LocalRule) -> str:
    return _("local rule of %(issuer)s from %(date)s") % {
        "issuer": local_rule.issuer.authority.name,
        "date": _date(local_rule.valid_from),
    }


def _verdict(met: bool | None) -> str:
    return {True: _("met"), False: _("not met"), None: _("open")}[met]


def confirmed_hours(engagement: Engagement) -> tuple[Decimal | None, int | None]:
    """The hours per week and per year an organisation confirmed (none while open/declined)."""
    if engagement.confirmation not in ANSWERED:
        return None, None
    week = engagement.confirmed_hours_per_week
    year = engagement.confirmed_hours_per_year
    if week is None and year is None:  # confirmed as stated
        week, year = engagement.hours_per_week, engagement.hours_per_year
    return (Decimal(week) if week is not None else None), year


def _hours(
    application: Application, engagements: Sequence[Engagement], rule_set: RuleSet
) -> Criterion:
    day = application.submitted_on
    assert day is not None
    rule = _rule(rule_set)
    threshold = _("at least %(week)s h/week or %(year)s h/year") % {
        "week": _num(rule_set.hours_per_week),
        "year": rule_set.hours_per_year,
    }
    juleica = application.juleica_valid_until
    if rule_set.juleica_exempts_hours and application.juleica_number and juleica and juleica >= day:
        return Criterion(
            Key.HOURS,
            True,
            _("JuLeiCa valid until %(until)s replaces the proof of hours, %(rule)s: met")
            % {"until": _date(juleica), "rule": rule},
        )
    weeks_per_year = Decimal(rule_set.hours_per_year) / Decimal(rule_set.hours_per_week)
    total = Decimal(0)
    parts = []
    for engagement in engagements:
        week, year = confirmed_hours(engagement)
        if week is not None:
            total += week * weeks_per_year
            parts.append(
                _("%(hours)s h/week confirmed by %(organisation)s")
                % {"hours": _num(week), "organisation": engagement.organisation}
            )
        elif year is not None:
            total += year
            parts.append(
                _("%(hours)s h/year confirmed by %(organisation)s")
                % {"hours": year, "organisation": engagement.organisation}
            )
    met: bool | None = total >= rule_set.hours_per_year
    if not met and any(e.confirmation == Confirmation.OPEN for e in engagements):
        met = None
    if not parts:
        parts.append(_("no hours confirmed yet"))
    summary = "; ".join(parts)
    if len(parts) > 1:
        summary += _(" (together %(week)s h/week, %(year)s h/year)") % {
            "week": _num(total / weeks_per_year),
            "year": _num(total),
        }
    if juleica and application.juleica_number and juleica < day:
        summary += _("; the JuLeiCa expired on %(until)s") % {"until": _date(juleica)}
    return Criterion(
        Key.HOURS,
        met,
        _("%(summary)s, %(rule)s (%(threshold)s): %(verdict)s")
        % {"summary": summary, "rule": rule, "threshold": threshold, "verdict": _verdict(met)},
    )


def _counted(engagements: Iterable[Engagement]) -> list[Engagement]:
    """Engagements not declined by their organisation."""
    return [e for e in engagements if e.confirmation != Confirmation.DECLINED]


def _allowance(engagements: Sequence[Engagement], rule_set: RuleSet) -> Criterion:
    total = sum((Decimal(e.allowance_eur_per_year) for e in _counted(engagements)), Decimal(0))
    rule = _rule(rule_set)
    if not rule_set.allowance_allowed or rule_set.allowance_max_eur is None:
        met = total == 0
        limit = _("no flat-rate allowance beyond actual expenses")
    else:
        met = total <= rule_set.allowance_max_eur
        limit = _("allowance up to %(max)s €/year") % {"max": _num(rule_set.allowance_max_eur)}
    return Criterion(
        Key.ALLOWANCE,
        met,
        _("Allowance %(total)s €/year, %(rule)s (%(limit)s): %(verdict)s")
        % {"total": _num(total), "rule": rule, "limit": limit, "verdict": _verdict(met)},
    )


def _age(application: Application, local_rule: LocalRule) -> Criterion:
    day = application.submitted_on
    assert day is not None
    age = full_years(application.birth_date, day)
    met = age >= local_rule.min_age
    return Criterion(
        Key.AGE,
        met,
        _("Age %(age)s on %(day)s, %(rule)s (at least %(min)s years): %(verdict)s")
        % {
            "age": age,
            "day": _date(day),
            "rule": _local(local_rule),
            "min": local_rule.min_age,
            "verdict": _verdict(met),
        },
    )


def _earliest(engagements: Sequence[Engagement]) -> Engagement | None:
    counted = _counted(engagements)
    return min(counted, key=lambda e: e.since) if counted else None


def _years(
    application: Application, engagements: Sequence[Engagement], local_rule: LocalRule
) -> Criterion:
    day = application.submitted_on
    assert day is not None
    first = _earliest(engagements)
    years = full_years(first.since, day) if first else 0
    met = years >= local_rule.min_years_engaged
    since = _date(first.since) if first else "–"
    return Criterion(
        Key.YEARS,
        met,
        _(
            "Engaged since %(since)s (%(years)s full years), %(rule)s (at least %(min)s): "
            "%(verdict)s"
        )
        % {
            "since": since,
            "years": years,
            "rule": _local(local_rule),
            "min": local_rule.min_years_engaged,
            "verdict": _verdict(met),
        },
    )


def _local_link(
    application: Application,
    engagements: Sequence[Engagement],
    local_rule: LocalRule,
    covered: set[str],
) -> Criterion:
    places = [e for e in _counted(engagements) if e.place_id in covered]
    if application.residence_id in covered:
        met, what = True, _("residence in %(place)s") % {"place": application.residence.name}
    elif places:
        met, what = (
            True,
            _("engagement in %(place)s") % {"place": places[0].place.name},
        )
    else:
        met, what = False, _("neither residence nor engagement in the area")
    return Criterion(
        Key.LOCAL,
        met,
        _("%(what)s, %(rule)s: %(verdict)s")
        % {"what": what, "rule": _local(local_rule), "verdict": _verdict(met)},
    )


def _jubilee(
    application: Application, engagements: Sequence[Engagement], rule_set: RuleSet
) -> Criterion:
    day = application.submitted_on
    assert day is not None
    answered = [e for e in engagements if e.confirmation in ANSWERED]
    first = min(answered, key=lambda e: e.since) if answered else None
    years = full_years(first.since, day) if first else 0
    met: bool | None = years >= rule_set.jubilee_years
    if not met and any(e.confirmation == Confirmation.OPEN for e in engagements):
        met = None
    return Criterion(
        Key.JUBILEE,
        met,
        _("%(years)s years of confirmed engagement, %(rule)s (at least %(min)s years): %(verdict)s")
        % {
            "years": years,
            "rule": _rule(rule_set),
            "min": rule_set.jubilee_years,
            "verdict": _verdict(met),
        },
    )


def judge(
    *,
    application: Application,
    engagements: Sequence[Engagement],
    rule_set: RuleSet,
    local_rule: LocalRule | None,
    covered: set[str],
) -> list[Criterion]:
    """Every criterion of the application (submitted: `submitted_on` set) with its reason.

    `covered` holds the AGS of the Gemeinden the issuer serves; the local criteria (age, prior
    engagement, link to the area) apply only where the issuer has a local rule on that day.
    """
    result = [_hours(application, engagements, rule_set), _allowance(engagements, rule_set)]
    if local_rule is not None:
        result += [
            _age(application, local_rule),
            _years(application, engagements, local_rule),
        ]
        if local_rule.requires_local_link:
            result.append(_local_link(application, engagements, local_rule, covered))
    if application.kind == Application.Kind.JUBILEE:
        result.append(_jubilee(application, engagements, rule_set))
    return result


def overall(criteria: Iterable[Criterion | dict[str, object]]) -> bool | None:
    """All met: True; any not met: False; otherwise open (None)."""
    values = [c.met if isinstance(c, Criterion) else c["met"] for c in criteria]
    if any(value is False for value in values):
        return False
    if all(value is True for value in values):
        return True
    return None
