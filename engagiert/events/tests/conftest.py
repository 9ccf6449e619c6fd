import pytest

from engagiert.membership.tests.factories import MembershipFactory


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    """Background tasks (the e-mails) run at once, so `mail.outbox` shows what was sent."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def authority(db):
    """A member municipality: its officer may register for members-only events."""
    return MembershipFactory().authority
