import datetime
from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from engagiert.core.extensions import (
    DataSubject,
    NavItem,
    Panel,
    PanelRequest,
    PeriodicJob,
    PersonalData,
    Place,
    navigation,
    panels,
    periodic_jobs,
    personal_data,
)


def _is_office(user: Any) -> bool:
    from engagiert.accounts.permissions import is_office

    return is_office(user)


def _dashboard_link(request: PanelRequest) -> list[Panel]:
    """»Meine Daten« in the personal area."""
    if request.place != Place.DASHBOARD or not request.user.is_authenticated:
        return []
    return [Panel("privacy/_dashboard_panel.html")]


def _remind_office() -> object:
    from engagiert.core.audit import audit_actor

    from .services import reminders_send

    with audit_actor("privacy_reminder"):
        return reminders_send()


def _request_rows(subject: DataSubject) -> Any:
    from engagiert.core.personal_data import rows_by

    from .models import DataRequest

    return rows_by(DataRequest, user="user", email="email")(subject)


def _request_erase(subject: DataSubject) -> int:
    from engagiert.core.personal_data import blanking

    return blanking(_request_rows, email="", user=None, note="")(subject)


def _export_rows(subject: DataSubject) -> Any:
    from engagiert.core.personal_data import rows_by

    from .models import DataExport

    return rows_by(DataExport, user="user")(subject)


def _export_erase(subject: DataSubject) -> int:
    from .export_services import export_delete

    exports = list(_export_rows(subject))
    for export in exports:
        export_delete(export=export)
    return len(exports)


def _delete_expired_exports() -> int:
    from .export_services import exports_expired_delete

    return exports_expired_delete()


def _declarations() -> dict[str, PersonalData]:
    from engagiert.core.personal_data import authorship

    from .models import DataRequest

    office = "Beschäftigte der Netzwerkstelle"
    return {
        "privacy.request": PersonalData(
            model="privacy.DataRequest",
            fields=("kind", "status", "user", "email", "received_on", "due_on", "completed_at"),
            purpose="Bearbeitung von Anträgen auf Auskunft und Löschung (Art. 15–17 DSGVO)",
            legal_basis="Art. 6 Abs. 1 lit. c DSGVO i. V. m. Art. 12 bis 17 DSGVO",
            retention="Als Nachweis der Erledigung; nach einer Löschung ohne E-Mail-Adresse "
            "und Konto.",
            rows_of=_request_rows,
            erase=_request_erase,
            data_subjects="Antragstellende Personen",
        ),
        "privacy.export": PersonalData(
            model="privacy.DataExport",
            fields=("user", "status", "created_at", "finished_at", "expires_at"),
            purpose="Bereitstellung der eigenen Daten als ZIP-Datei (Art. 15 und 20 DSGVO)",
            legal_basis="Art. 6 Abs. 1 lit. c DSGVO i. V. m. Art. 15 und 20 DSGVO",
            retention="Die Datei wird nach wenigen Tagen mit ihrem Eintrag gelöscht.",
            rows_of=_export_rows,
            erase=_export_erase,
            data_subjects="Personen, die ihre Daten herunterladen",
        ),
        "privacy.request_recorded": authorship(
            DataRequest,
            user="created_by",
            fields=("kind", "received_on", "created_by"),
            purpose="Anträge auf Auskunft und Löschung: wer einen Antrag erfasst hat",
            data_subjects=office,
        ),
        "privacy.request_completed": authorship(
            DataRequest,
            user="completed_by",
            fields=("kind", "completed_at", "completed_by"),
            purpose="Anträge auf Auskunft und Löschung: wer einen Antrag erledigt hat",
            data_subjects=office,
        ),
    }


class PrivacyConfig(AppConfig):
    name = "engagiert.privacy"
    label = "privacy"
    verbose_name = _("Data protection")

    def ready(self) -> None:
        self._inbox_ready()
        navigation.register(
            "privacy.office",
            NavItem(_("Data protection"), "privacy:office_requests", _is_office, order=85),
        )
        panels.register("privacy.dashboard", _dashboard_link)
        periodic_jobs.register(
            "privacy.reminders",
            PeriodicJob(
                _("Remind the office of data protection requests due soon"),
                datetime.timedelta(days=1),
                _remind_office,
            ),
        )
        periodic_jobs.register(
            "privacy.exports",
            PeriodicJob(
                _("Delete data exports past their time"),
                datetime.timedelta(hours=1),
                _delete_expired_exports,
            ),
        )
        for key, declaration in _declarations().items():
            personal_data.register(key, declaration)

    def _inbox_ready(self) -> None:
        """What waits for the network office in its inbox."""
        from engagiert.core.extensions import inbox_providers

        from .queries import inbox_open_requests

        inbox_providers.register("privacy.requests", inbox_open_requests)
