"""What the workshop contributes to other apps through core.extensions (see apps.py)."""

import pytest
from django.urls import reverse

from engagiert.audiences.models import Segment
from engagiert.audiences.queries import recipients
from engagiert.audiences.tests.factories import SegmentFactory
from engagiert.registry.tests.factories import AuthorityFactory
from engagiert.workshop.models import CohortApplication

from .factories import CohortApplicationFactory, CohortFactory, selected_team, team_user

pytestmark = pytest.mark.django_db


def test_the_cohort_segment_reaches_the_members_of_the_selected_teams_only():
    cohort = CohortFactory(number=21)
    selected = selected_team(cohort, AuthorityFactory(name="Ahausen"))
    CohortApplicationFactory(cohort=cohort, status=CohortApplication.Status.DECLINED)
    selected_team(CohortFactory(number=22))
    segment = SegmentFactory(kind=Segment.Kind.COHORT, cohort_number=21)

    found = recipients(segment)

    assert [r.email for r in found] == sorted(m.email.lower() for m in selected.team.all())
    assert {r.authority_id for r in found} == {selected.authority_id}


def test_the_dashboard_of_a_team_member_links_to_the_cohort_space(client):
    cohort = CohortFactory(number=21)
    team = selected_team(cohort, AuthorityFactory(name="Ahausen"))
    client.force_login(team_user(team))

    page = client.get(reverse("accounts:dashboard")).content.decode()

    assert "Entwicklungswerkstatt" in page
    assert "Durchgang 21 – Raum des Teams Ahausen" in page
    assert f'href="{reverse("workshop:space", args=[21])}"' in page
