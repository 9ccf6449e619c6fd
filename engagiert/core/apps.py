import datetime
from typing import Any

from django.apps import AppConfig
from django.core import checks
from django.core.management import call_command
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from django_tasks.signals import task_finished, task_started

from . import logs
from .checks import admin_writes_check
from .extensions import DataSubject, PeriodicJob, PersonalData, periodic_jobs, personal_data

MINUTE = datetime.timedelta(minutes=1)


def _dispatch_outbox() -> object:
    """Every minute, whatever a task worker did or did not do: no mail waits for a lost task."""
    from .outbox import outbox_dispatch

    return outbox_dispatch()


def _worker_heartbeat() -> object:
    """A task for a worker to run: /readyz reports a worker that ran none for a while."""
    from .tasks import worker_heartbeat

    return worker_heartbeat.enqueue().id


def _empty_sent_bodies() -> object:
    from .audit import audit_actor
    from .outbox import outbox_bodies_empty

    with audit_actor("retention"):
        return outbox_bodies_empty()


def _create_cache_tables(using: str, **_kwargs: Any) -> None:
    """`migrate` creates the database cache's table too (the throttle's shared counters)."""
    call_command("createcachetable", database=using, verbosity=0)


def _outbox_rows(subject: DataSubject) -> Any:
    from .models import OutboundMail
    from .personal_data import rows_by

    return rows_by(OutboundMail, email="to_email")(subject)


def _outbox_erase(subject: DataSubject) -> int:
    from django.db.models import Q

    from .models import OutboundMail
    from .personal_data import NOTICE_BATCH

    pending_notice = Q(batch__startswith=NOTICE_BATCH, status__in=["queued", "sending"])
    rows = _outbox_rows(subject).exclude(pending_notice)
    pks = list(rows.values_list("pk", flat=True))
    OutboundMail.objects.filter(pk__in=pks).delete()
    return len(pks)


def _audit_rows(subject: DataSubject) -> Any:
    from .models import AuditEntry

    if subject.user is None:
        return AuditEntry.objects.none()
    return AuditEntry.objects.filter(actor=subject.user)


def _audit_erase(subject: DataSubject) -> int:
    from .audit import audit_forget
    from .personal_data import full_name

    return audit_forget(user=subject.user, terms=[subject.email, full_name(subject)])


def _declare_personal_data() -> None:
    personal_data.register(
        "core.outbox",
        PersonalData(
            model="core.OutboundMail",
            fields=("to_email", "to_name", "subject", "text", "sent_at"),
            purpose="Versand der E-Mails der Plattform (Bestätigungen, Einladungen, Infomails)",
            legal_basis="Art. 6 Abs. 1 lit. e DSGVO (Aufgabe im öffentlichen Interesse)",
            retention="Bis zum Versand; versandte Nachrichten werden nach Ablauf der "
            "Aufbewahrungsfrist gelöscht.",
            rows_of=_outbox_rows,
            erase=_outbox_erase,
            data_subjects="Alle Empfängerinnen und Empfänger von E-Mails der Plattform",
            recipients="Der beauftragte E-Mail-Dienstleister (Auftragsverarbeitung)",
        ),
    )
    personal_data.register(
        "core.audit",
        PersonalData(
            model="core.AuditEntry",
            fields=("created_at", "actor", "actor_label", "action", "object_repr", "changes"),
            purpose="Nachvollziehbarkeit von Änderungen (Protokoll: wer hat wann was geändert)",
            legal_basis="Art. 6 Abs. 1 lit. c und e DSGVO i. V. m. Art. 5 Abs. 2 und Art. 32 "
            "DSGVO (Rechenschaft, Sicherheit der Verarbeitung)",
            retention="Dauerhaft; bei Löschung einer Person bleibt der Eintrag ohne Namen und "
            "E-Mail-Adresse bestehen.",
            rows_of=_audit_rows,
            erase=_audit_erase,
            data_subjects="Nutzerinnen und Nutzer, die Daten ändern; Personen, deren Daten "
            "geändert werden",
        ),
    )


class CoreConfig(AppConfig):
    name = "engagiert.core"
    label = "core"
    verbose_name = _("Platform")

    def ready(self) -> None:
        periodic_jobs.register(
            "core.outbox",
            # Runs may overlap (each message is claimed by itself): a killed schedule process
            # holds the outbox up for a minute at most.
            PeriodicJob(_("Send due e-mails"), MINUTE, _dispatch_outbox, lease=MINUTE),
        )
        periodic_jobs.register(
            "core.outbox_retention",
            PeriodicJob(
                _("Empty the texts of sent e-mails"), datetime.timedelta(days=1), _empty_sent_bodies
            ),
        )
        periodic_jobs.register(
            "core.worker_heartbeat",
            PeriodicJob(
                _("Check that a task worker runs"), MINUTE, _worker_heartbeat, lease=MINUTE
            ),
        )
        post_migrate.connect(_create_cache_tables, sender=self)
        task_started.connect(logs.task_started)
        task_finished.connect(logs.task_finished)
        checks.register(admin_writes_check, checks.Tags.admin)
        _declare_personal_data()
