"""A person with roles in two municipalities writes in the knowledge base for the same one they
register for events for (one order of roles, engagiert.accounts.permissions.ACTING_ROLES)."""

import pytest
from django.test import Client

from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.knowledge.models import Question
from engagiert.membership.tests.factories import MembershipFactory
from engagiert.registry.tests.factories import AuthorityFactory


@pytest.mark.django_db
def test_question_of_a_leader_in_a_development_team_elsewhere_is_asked_for_the_leaders_town(
    django_capture_on_commit_callbacks,
):
    led = MembershipFactory(authority=AuthorityFactory(name="Leitstadt")).authority
    team = MembershipFactory(authority=AuthorityFactory(name="Teamdorf")).authority
    person = UserFactory()
    role_grant(user=person, role=Role.DEVELOPMENT_TEAM, authority=team)
    role_grant(user=person, role=Role.LEADER, authority=led)
    client = Client()
    client.force_login(person)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/wissen/fragen/",
            {"title": "Wer hat Erfahrung?", "body": "Mit Ehrenamtsbörsen.", "topics": []},
        )

    assert Question.objects.get().authority == led
