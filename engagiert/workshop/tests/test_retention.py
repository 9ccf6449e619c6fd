"""Applications not selected lose their personal data WORKSHOP_KEEP_DECLINED_DAYS after the
selection; the cohort's figures keep counting them."""

import datetime

import pytest
from django.utils import timezone

from engagiert.core.extensions import periodic_jobs
from engagiert.core.models import AuditEntry
from engagiert.workshop import queries, services
from engagiert.workshop.models import CohortApplication, TeamMember
from engagiert.workshop.tests.factories import CohortApplicationFactory, CohortFactory

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 9, 1, 12, 0))


def test_declined_applications_lose_team_and_texts_exactly_when_due(settings):
    settings.WORKSHOP_KEEP_DECLINED_DAYS = 30
    cohort = CohortFactory()
    line = NOW - datetime.timedelta(days=30)
    Declined, Selected = CohortApplication.Status.DECLINED, CohortApplication.Status.SELECTED
    due = CohortApplicationFactory(
        cohort=cohort, status=Declined, decided_at=line - datetime.timedelta(hours=1)
    )
    recent = CohortApplicationFactory(
        cohort=cohort, status=Declined, decided_at=line + datetime.timedelta(hours=1)
    )
    selected = CohortApplicationFactory(
        cohort=cohort, status=Selected, decided_at=line - datetime.timedelta(days=9)
    )
    names = list(due.team.values_list("name", flat=True))
    spread_before = queries.spread(list(queries.applications(cohort)))

    assert services.applications_declined_purge(now=NOW) == 1

    due.refresh_from_db()
    assert (due.motivation, due.goals, due.existing, due.submitted_by) == ("", "", "", None)
    assert not TeamMember.objects.filter(name__in=names).exists()
    assert recent.team.count() == 2
    assert selected.team.count() == 2
    assert CohortApplication.objects.get(pk=recent.pk).motivation
    assert queries.spread(list(queries.applications(cohort))) == spread_before
    entry = AuditEntry.objects.get(object_repr="Löschfristen Entwicklungswerkstatt")
    assert entry.changes == {"declined_applications_erased": 1}
    assert not any(name in str(entry.changes) for name in names)
    assert services.applications_declined_purge(now=NOW) == 0


def test_the_purge_runs_daily_on_the_schedule():
    job = periodic_jobs.get("workshop.retention")

    assert job is not None
    assert job.every == datetime.timedelta(days=1)
