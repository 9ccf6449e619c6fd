import pytest


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    """Background tasks (the e-mails) run at once, so `mail.outbox` shows what was sent."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files (learning resources, minutes) go to the test's own directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
