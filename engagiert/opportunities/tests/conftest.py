import pytest

from engagiert.accounts.models import Role, User
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    """Background tasks (the e-mails) run at once, so `mail.outbox` shows what was sent."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def member_of(provider, email: str = "") -> User:
    """An account holding the organisation role for the provider's organisation."""
    user = UserFactory(email=email or f"mitglied-{provider.pk}@example.org")
    role_grant(user=user, role=Role.ORGANISATION, organisation=provider.organisation)
    return user


def officer_of(authority, email: str = "") -> User:
    user = UserFactory(email=email or f"officer-{authority.ags}@example.org")
    role_grant(user=user, role=Role.OFFICER, authority=authority)
    return user


def sent() -> list:
    """What the outbox has sent so far (the queued mails are dispatched now)."""
    from django.core import mail

    from engagiert.core.outbox import outbox_dispatch

    outbox_dispatch()
    return list(mail.outbox)
