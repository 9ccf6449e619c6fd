"""The member directory as CSV and XLSX for the network office."""

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from engagiert.core.exports import csv_response, xlsx_response
from engagiert.registry.models import Authority

from .models import known_part


def directory_rows(members: QuerySet[Authority]) -> list[list[object]]:
    """Header plus one row per member, in the directory's order."""
    rows: list[list[object]] = [
        [
            _("Official key (AGS)"),
            _("Name"),
            _("Kind"),
            _("Regierungsbezirk"),
            _("Population"),
            _("Member since"),
            _("Staff unit"),
            _("Round table"),
            _("Volunteer agency"),
            _("Ehrenamtskarte"),
            _("Topics"),
        ]
    ]
    for authority in members:
        profile = getattr(authority, "profile", None)
        rows.append(
            [
                authority.ags,
                authority.name,
                authority.get_kind_display(),
                authority.region.name if authority.region else "",
                authority.population,
                known_part(authority.member_since, authority.member_since_precision) or "",  # type: ignore[attr-defined]
                _yes(profile and profile.has_staff_unit),
                _yes(profile and profile.has_round_table),
                _yes(profile and profile.has_volunteer_agency),
                profile.get_volunteer_card_display() if profile else "",
                ", ".join(topic.name for topic in profile.topics.all()) if profile else "",
            ]
        )
    return rows


def _yes(value: object) -> str:
    return _("yes") if value else _("no")


def directory_download(members: QuerySet[Authority], fmt: str) -> HttpResponse:
    """The directory as CSV (`fmt` "csv") or else XLSX, named by today's date."""
    rows = directory_rows(members)
    name = f"netzwerk-mitglieder-{timezone.localdate():%Y-%m-%d}"
    if fmt == "csv":
        return csv_response(rows, filename=f"{name}.csv")
    return xlsx_response(rows, filename=f"{name}.xlsx", sheet_title=_("Members"))
