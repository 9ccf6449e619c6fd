"""The admin writes only through services: the system check refuses any other admin."""

import pytest
from django.contrib import admin

from engagiert.core.admin import ServiceModelAdmin, ServiceTabularInline
from engagiert.core.checks import admin_writes_check
from engagiert.core.services import model_create, model_delete, model_update
from engagiert.registry.models import Authority, Organisation, Topic


def _site(model: type, model_admin: type) -> admin.AdminSite:
    site = admin.AdminSite(name="probe")
    site.register(model, model_admin)
    return site


def test_admin_writes_check_passes_for_every_admin_of_the_platform():
    assert admin_writes_check() == []


def test_admin_writes_check_refuses_a_plain_model_admin():
    errors = admin_writes_check(site=_site(Topic, admin.ModelAdmin))

    assert [error.id for error in errors] == ["core.E001"]
    assert "registry.Topic" in errors[0].msg


def test_admin_writes_check_refuses_a_service_admin_that_saves_by_itself():
    class SavingAdmin(ServiceModelAdmin):
        update_service = model_update

        def save_model(self, request, obj, form, change):
            obj.save()

    errors = admin_writes_check(site=_site(Topic, SavingAdmin))

    assert [error.id for error in errors] == ["core.E001"]
    assert "overrides save_model" in errors[0].msg


def test_admin_writes_check_refuses_a_plain_inline():
    class OrganisationInline(admin.TabularInline):
        model = Organisation

    class AuthorityAdmin(ServiceModelAdmin):
        inlines = [OrganisationInline]

    errors = admin_writes_check(site=_site(Authority, AuthorityAdmin))

    assert [error.id for error in errors] == ["core.E001"]
    assert "OrganisationInline" in errors[0].msg


def test_admin_writes_check_accepts_service_admins_and_inlines():
    class OrganisationInline(ServiceTabularInline):
        model = Organisation
        create_service = model_create

    class AuthorityAdmin(ServiceModelAdmin):
        update_service = model_update
        delete_service = model_delete
        inlines = [OrganisationInline]

    assert admin_writes_check(site=_site(Authority, AuthorityAdmin)) == []


def test_admin_writes_check_ignores_django_s_own_admins():
    from django.contrib.auth.models import Group

    assert admin_writes_check(site=_site(Group, admin.ModelAdmin)) == []


@pytest.mark.django_db
def test_service_admin_offers_no_write_its_class_names_no_service_for(client, office_user):
    client.force_login(office_user)

    page = client.get("/admin/registry/authority/")

    assert page.status_code == 200
    assert 'href="/admin/registry/authority/add/"' not in page.content.decode()
    assert client.get("/admin/registry/authority/add/").status_code == 403
