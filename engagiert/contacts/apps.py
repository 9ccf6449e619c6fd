import datetime
from typing import Any

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from engagiert.core.extensions import (
    InboxItem,
    NavItem,
    Panel,
    PanelRequest,
    PeriodicJob,
    Place,
    inbox_providers,
    navigation,
    panels,
    periodic_jobs,
    personal_data,
)


def _office(user: Any) -> bool:
    from .permissions import can_use_crm

    return can_use_crm(user)


def _page_of(follow_up: Any) -> str:
    """The CRM page that lists the follow-up: its person's, else its municipality's."""
    if follow_up.person_id:
        return reverse("contacts:person", args=[follow_up.person_id])
    return reverse("contacts:authority", args=[follow_up.authority_id])


def _follow_ups_waiting() -> list[InboxItem]:
    """Every open follow-up, with its due date and the colleague it is assigned to."""
    from .queries import open_follow_ups

    return [
        InboxItem(
            key=f"contacts.followup:{follow_up.pk}",
            kind=_("Follow-up"),
            title=f"{follow_up.title} – {follow_up.about}",
            url=_page_of(follow_up) + f"#wiedervorlage-{follow_up.pk}",
            since=follow_up.created_at,
            due=follow_up.due_on,
            assignee_id=follow_up.assignee_id,
        )
        for follow_up in open_follow_ups()
    ]


def _authority_panel(request: PanelRequest) -> list[Panel]:
    """On a municipality's page, the office sees its people and open follow-ups, and the way
    to the municipality's contact page."""
    if request.place != Place.AUTHORITY_DETAIL or not _office(request.user):
        return []
    from .queries import authority_summary

    return [
        Panel(
            "contacts/_authority_panel.html",
            {"authority": request.authority, "summary": authority_summary(request.authority)},
        )
    ]


def _retention() -> dict[str, int]:
    from engagiert.core.audit import audit_actor

    from .services import crm_retention

    with audit_actor("retention"):
        return crm_retention()


def _leavers_roles_end() -> int:
    from engagiert.core.audit import audit_actor

    from .services import leavers_roles_end

    with audit_actor("schedule"):
        return leavers_roles_end()


class ContactsConfig(AppConfig):
    name = "engagiert.contacts"
    label = "contacts"
    verbose_name = _("Contacts")

    def ready(self) -> None:
        from engagiert.core.audit import audit_model

        from . import models
        from .personal_data import declarations

        for key, declaration in declarations().items():
            personal_data.register(key, declaration)
        navigation.register(
            "contacts.list", NavItem(_("Contacts"), "contacts:list", _office, order=78)
        )
        inbox_providers.register("contacts.follow_ups", _follow_ups_waiting)
        panels.register("contacts.authority", _authority_panel)
        periodic_jobs.register(
            "contacts.retention",
            PeriodicJob(
                _("Delete old contact notes, done follow-ups and import previews"),
                datetime.timedelta(days=1),
                _retention,
            ),
        )
        periodic_jobs.register(
            "contacts.leavers_roles",
            PeriodicJob(
                _("End the roles that leavers handed over, on their leaving day"),
                datetime.timedelta(days=1),
                _leavers_roles_end,
            ),
        )
        audit_model(
            models.FollowUp, scope=lambda f: f"authority:{f.authority_id}" if f.authority_id else ""
        )
        audit_model(models.Tag)
