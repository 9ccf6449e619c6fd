import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from engagiert.core.extensions import IndicatorProvider, indicator_providers
from engagiert.events.tests.factories import EventFactory, RegistrationFactory
from engagiert.membership.tests.factories import MembershipFactory
from engagiert.registry.tests.factories import AuthorityFactory

from .. import queries, services
from ..models import Indicator, IndicatorValue, Snapshot
from .factories import IndicatorFactory, IndicatorValueFactory


def _event_in(year: int, month: int = 5) -> object:
    starts = timezone.make_aware(datetime.datetime(year, month, 10, 10))
    return EventFactory(starts_at=starts, ends_at=starts + datetime.timedelta(hours=3))


def _value(indicator_key: str, authority, year: int) -> IndicatorValue:
    return IndicatorValue.objects.select_related("version").get(
        indicator__key=indicator_key, authority=authority, year=year
    )


@pytest.mark.django_db
def test_indicator_update_new_definition_keeps_old_years_on_their_version(office, member):
    indicator = IndicatorFactory(version="Budget")
    IndicatorValueFactory(indicator=indicator, authority=member, year=2024)
    data = {
        "level": "input",
        "higher_is_better": True,
        "provider_key": "",
        "unit": "euro",
        "position": 5,
        "name": "Budget (mit Zuschüssen)",
        "definition": "Neu: auch Zuschüsse an Vereine",
        "source_name": "",
        "valid_from": 2026,
    }
    version = services.indicator_update(indicator=indicator, data=data, user=office)

    assert (version.number, version.valid_from) == (2, 2026)
    assert IndicatorValue.objects.get(indicator=indicator, year=2024).version.number == 1
    indicator = queries.indicators().get(pk=indicator.pk)
    services.values_enter(
        authority=member, year=2026, values={indicator: Decimal("5000")}, user=office
    )
    assert IndicatorValue.objects.get(indicator=indicator, year=2026).version.number == 2
    assert queries.version_for(indicator, 2025).name == "Budget"


@pytest.mark.django_db
def test_indicator_update_refuses_to_rewrite_a_definition_values_use(member):
    indicator = IndicatorFactory()
    IndicatorValueFactory(indicator=indicator, authority=member, year=2024)
    data = {"name": "Anders", "definition": "Anders", "source_name": "", "valid_from": 2020}
    with pytest.raises(ValidationError) as error:
        services.indicator_update(indicator=indicator, data=data)
    assert "Werte verwenden bereits" in str(error.value.message_dict["valid_from"])
    with pytest.raises(ValidationError, match="nicht früher"):
        services.indicator_update(indicator=indicator, data={**data, "valid_from": 2019})


@pytest.mark.django_db
def test_indicator_update_corrects_an_unused_definition_in_place():
    indicator = IndicatorFactory()
    data = {"name": "Korrigiert", "definition": "Tippfehler behoben", "valid_from": 2020}
    version = services.indicator_update(indicator=indicator, data=data)
    assert version.number == 1
    assert indicator.versions.get().name == "Korrigiert"


@pytest.mark.django_db
def test_values_enter_creates_changes_and_removes(member, officer):
    budget = IndicatorFactory()
    staff = IndicatorFactory(unit=Indicator.Unit.FTE)
    changed = services.values_enter(
        authority=member, year=2025, values={budget: Decimal(1000), staff: Decimal("1.5")}
    )
    assert changed == 2
    changed = services.values_enter(
        authority=member, year=2025, values={budget: Decimal(1000), staff: None}, user=officer
    )
    assert changed == 1
    assert list(IndicatorValue.objects.values_list("indicator", "value")) == [
        (budget.pk, Decimal("1000.00"))
    ]


@pytest.mark.django_db
def test_values_enter_refuses_automatic_indicators(member):
    automatic = IndicatorFactory(source=Indicator.Source.AUTOMATIC, provider_key="events.x")
    with pytest.raises(ValidationError, match="Nur manuelle"):
        services.values_enter(authority=member, year=2025, values={automatic: Decimal(1)})


@pytest.fixture
def participations(db):
    return IndicatorFactory(
        key="teilnahmen",
        source=Indicator.Source.AUTOMATIC,
        provider_key="events.participations",
        unit=Indicator.Unit.COUNT,
        level=Indicator.Level.OUTPUT,
    )


@pytest.mark.django_db
def test_snapshot_freezes_the_year_against_later_data(member, participations):
    event = _event_in(2025)
    RegistrationFactory(event=event, authority=member)
    RegistrationFactory(event=event, authority=member)

    snapshot = services.snapshot_take(year=2025)
    RegistrationFactory(event=_event_in(2025, 9), authority=member)  # added later

    value = _value("teilnahmen", member, 2025)
    assert value.value == 2
    assert (value.snapshot, value.version.number, value.source_ref) == (
        snapshot,
        1,
        "snapshot:2025",
    )
    with pytest.raises(ValidationError, match="bereits eingefroren"):
        services.snapshot_take(year=2025)
    assert _value("teilnahmen", member, 2025).value == 2
    assert indicator_providers.get("events.participations").values(2025)[member.ags] == 3


@pytest.mark.django_db
def test_snapshot_counts_members_of_the_year_only_and_zero_when_no_figure(participations):
    member = MembershipFactory(since=datetime.date(2025, 3, 1)).authority
    former = MembershipFactory(
        since=datetime.date(2018, 1, 1), until=datetime.date(2024, 6, 30)
    ).authority
    stranger = AuthorityFactory()
    RegistrationFactory(event=_event_in(2025), authority=stranger)

    services.snapshot_take(year=2025)

    assert _value("teilnahmen", member, 2025).value == 0
    assert not IndicatorValue.objects.filter(authority__in=[former, stranger]).exists()


@pytest.mark.django_db
def test_snapshot_skips_an_indicator_whose_source_is_unavailable(member):
    missing = IndicatorFactory(source="automatic", provider_key="volunteercard.nowhere")
    snapshot = services.snapshot_take(year=2025)
    assert snapshot.value_count > 0  # the seeded catalogue's available indicators
    assert not IndicatorValue.objects.filter(indicator=missing).exists()
    assert not queries.provider_available(missing)


@pytest.mark.django_db
def test_snapshot_job_freezes_last_year_once(member, participations):
    assert services.snapshot_take_if_due(today=datetime.date(2026, 1, 2)).year == 2025
    assert services.snapshot_take_if_due(today=datetime.date(2026, 1, 3)) is None
    assert list(Snapshot.objects.values_list("year", flat=True)) == [2025]


@pytest.mark.django_db
def test_snapshot_uses_the_provider_of_each_indicator(member, monkeypatch):
    monkeypatch.setitem(
        indicator_providers._entries,
        "volunteercard.cards_per_1000",
        IndicatorProvider("Karten", "je 1.000", lambda year: {member.ags: 12.345}),
    )
    IndicatorFactory(key="karten", source="automatic", provider_key="volunteercard.cards_per_1000")
    services.snapshot_take(year=2024)
    assert _value("karten", member, 2024).value == Decimal("12.35")


@pytest.fixture
def rate(db):
    return IndicatorFactory(
        key="quote", source=Indicator.Source.EXTERNAL, unit=Indicator.Unit.PERCENT
    )


@pytest.mark.django_db
def test_import_dry_run_saves_nothing_and_counts(rate, member):
    text = f"AGS;Jahr;Wert\n{member.ags};2019;39,7\n{member.ags};2024;41.2\n"
    result = services.external_values_import(
        indicator=rate, text=text, filename="fws.csv", dry_run=True
    )
    assert (result.created, result.errors, result.saved) == (2, [], False)
    assert not IndicatorValue.objects.exists()


@pytest.mark.django_db
def test_import_names_bad_lines_and_saves_nothing(rate, member):
    ags = member.ags
    text = f"{ags};2019;39,7\n99999999;2019;1\n{ags};neunzehn;1\n{ags};2020;viel\n"
    result = services.external_values_import(
        indicator=rate, text=text, filename="fws.csv", dry_run=False
    )
    assert result.errors == [
        "Zeile 2: unbekannter Amtlicher Gemeindeschlüssel (AGS) »99999999«.",
        "Zeile 3: »neunzehn« ist keine Jahreszahl.",
        "Zeile 4: »viel« ist keine Zahl.",
    ]
    assert not result.saved
    assert not IndicatorValue.objects.exists()


@pytest.mark.django_db
def test_import_is_idempotent(rate, member):
    text = f"{member.ags};2019;39,7\n{member.ags};2024;41,2\n"
    first = services.external_values_import(
        indicator=rate, text=text, filename="fws.csv", dry_run=False
    )
    again = services.external_values_import(
        indicator=rate, text=text, filename="fws.csv", dry_run=False
    )
    assert (first.created, first.saved) == (2, True)
    assert (again.created, again.changed, again.unchanged) == (0, 0, 2)
    value = _value("quote", member, 2019)
    assert (value.value, value.origin, value.source_ref) == (Decimal("39.70"), "import", "fws.csv")


@pytest.mark.django_db
def test_snapshot_command_freezes_a_year_and_refuses_a_frozen_one(member, participations):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("impact_snapshot", "--year", "2024", stdout=out)
    assert out.getvalue().startswith("2024: ")
    with pytest.raises(CommandError, match="bereits eingefroren"):
        call_command("impact_snapshot", "--year", "2024")


@pytest.mark.django_db
def test_every_automatic_indicator_of_the_seeded_catalogue_has_its_source_registered():
    registered = {key for key, _provider in indicator_providers.items()}
    automatic = Indicator.objects.filter(source=Indicator.Source.AUTOMATIC)

    assert automatic.exists()
    assert sorted(i.provider_key for i in automatic if i.provider_key not in registered) == []


@pytest.mark.django_db
def test_import_names_a_year_of_other_digits_instead_of_failing(rate, member):
    result = services.external_values_import(
        indicator=rate, text=f"{member.ags};²⁰¹⁹;39,7\n", filename="fws.csv", dry_run=True
    )
    assert result.errors == ["Zeile 1: »²⁰¹⁹« ist keine Jahreszahl."]
