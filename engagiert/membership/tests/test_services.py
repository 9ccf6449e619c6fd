import pytest

from engagiert.membership import services
from engagiert.membership.models import Application

from .factories import ApplicationFactory


@pytest.mark.django_db
def test_probe(office_user, authority):
    application = ApplicationFactory(authority=authority)
    services.application_request_info(application=application, actor=office_user, message="Wie?")
    assert Application.objects.get().status == "info_requested"
