import pytest


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    """Background tasks (the e-mails) run at once, so `mail.outbox` shows what was sent."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
