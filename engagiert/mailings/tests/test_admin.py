"""The office's admin writes info-mails through the mailings services: a sent one stays."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from engagiert.audiences.tests.factories import SegmentFactory
from engagiert.mailings import services
from engagiert.mailings.admin import MailingAdmin
from engagiert.mailings.models import Mailing

from .factories import MailingFactory


@pytest.mark.django_db
def test_mailing_admin_starts_a_draft_in_the_office_user_s_name(client, office_user):
    segment = SegmentFactory()
    client.force_login(office_user)

    response = client.post(
        "/admin/mailings/mailing/add/",
        {
            "subject": "Neues aus dem Netzwerk",
            "body": "Liebe Mitglieder",
            "segment": segment.pk,
            "reply_to": "netzwerk@engagiert.example",
        },
    )

    assert response.status_code == 302
    mailing = Mailing.objects.get()
    assert mailing.created_by == office_user
    assert mailing.is_draft


@pytest.mark.django_db
def test_mailing_admin_leaves_a_released_mailing_as_it_was_sent(client, office_user):
    mailing = MailingFactory(subject="Gesendet", released_at=timezone.now())
    client.force_login(office_user)

    change = client.post(
        f"/admin/mailings/mailing/{mailing.pk}/change/",
        {"subject": "Umgeschrieben", "body": mailing.body, "segment": mailing.segment_id},
    )
    delete = client.post(
        "/admin/mailings/mailing/",
        {"action": "delete_selected", "_selected_action": [mailing.pk], "post": "yes"},
    )

    assert change.status_code == 403
    assert delete.status_code == 403
    mailing.refresh_from_db()
    assert mailing.subject == "Gesendet"


@pytest.mark.django_db
def test_mailing_admin_deletes_a_draft(client, office_user):
    mailing = MailingFactory()
    client.force_login(office_user)

    response = client.post(f"/admin/mailings/mailing/{mailing.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Mailing.objects.exists()


@pytest.mark.django_db
def test_mailing_delete_refuses_a_released_mailing():
    mailing = MailingFactory(released_at=timezone.now())

    with pytest.raises(ValidationError, match="bereits versendet"):
        services.mailing_delete(mailing=mailing)

    assert Mailing.objects.filter(pk=mailing.pk).exists()


@pytest.mark.django_db
def test_mailing_admin_shows_the_service_s_refusal_instead_of_failing(
    client, office_user, monkeypatch
):
    mailing = MailingFactory(subject="Entwurf")
    client.force_login(office_user)
    # as if released between the permission check and the deletion
    monkeypatch.setattr(MailingAdmin, "has_delete_permission", lambda *args, **kwargs: True)
    Mailing.objects.filter(pk=mailing.pk).update(released_at=timezone.now())

    response = client.post(
        f"/admin/mailings/mailing/{mailing.pk}/delete/", {"post": "yes"}, follow=True
    )

    assert response.status_code == 200
    assert "Diese Infomail wurde bereits versendet." in response.content.decode()
    assert Mailing.objects.filter(pk=mailing.pk).exists()
