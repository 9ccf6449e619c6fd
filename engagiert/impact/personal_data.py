"""The personal data of the impact app (see core.extensions.PersonalData): only who recorded
figures; the figures belong to the authorities."""

from engagiert.core.extensions import PersonalData
from engagiert.core.personal_data import authorship

from .models import (
    AssessmentReminder,
    AssessmentResponse,
    Evidence,
    Goal,
    IndicatorValue,
    IndicatorVersion,
    Measure,
    NetworkReport,
    Snapshot,
)

STAFF = "Beschäftigte der Kommunen und der Netzwerkstelle"


def declarations() -> dict[str, PersonalData]:
    return {
        "impact.version": authorship(
            IndicatorVersion,
            user="created_by",
            fields=("indicator", "number", "created_by", "created_at"),
            purpose="Wirkungsindikatoren: wer eine Fassung der Definition angelegt hat",
            data_subjects=STAFF,
        ),
        "impact.snapshot": authorship(
            Snapshot,
            user="taken_by",
            fields=("year", "taken_by", "taken_at"),
            purpose="Wirkungsindikatoren: wer ein Jahr festgeschrieben hat",
            data_subjects=STAFF,
        ),
        "impact.value": authorship(
            IndicatorValue,
            user="recorded_by",
            fields=("indicator", "authority", "year", "value", "recorded_by"),
            purpose="Wirkungsindikatoren: wer einen Wert erfasst hat",
            data_subjects=STAFF,
        ),
        "impact.measure": authorship(
            Measure,
            user="created_by",
            fields=("authority", "title", "created_by"),
            purpose="Maßnahmen: wer eine Maßnahme angelegt hat",
            data_subjects=STAFF,
        ),
        "impact.evidence": authorship(
            Evidence,
            user="recorded_by",
            fields=("measure", "stage", "date", "recorded_by"),
            purpose="Maßnahmen: wer einen Wirkungsnachweis erfasst hat",
            data_subjects=STAFF,
        ),
        "impact.goal": authorship(
            Goal,
            user="set_by",
            fields=("authority", "indicator", "year", "target", "set_by"),
            purpose="Wirkungsziele: wer ein Ziel gesetzt hat",
            data_subjects=STAFF,
        ),
        "impact.assessment_response": authorship(
            AssessmentResponse,
            user="submitted_by",
            fields=("questionnaire", "authority", "submitted_at", "submitted_by"),
            purpose="Selbsteinschätzung: wer die Antworten einer Kommune abgegeben hat",
            data_subjects=STAFF,
        ),
        "impact.assessment_reminder": authorship(
            AssessmentReminder,
            user="sent_by",
            fields=("questionnaire", "sent_at", "sent_by"),
            purpose="Selbsteinschätzung: wer eine Erinnerung verschickt hat",
            data_subjects=STAFF,
        ),
        "impact.network_report": authorship(
            NetworkReport,
            user="requested_by",
            fields=("year", "requested_by", "finished_at"),
            purpose="Netzwerkbericht: wer einen Bericht erstellen ließ",
            data_subjects=STAFF,
        ),
    }
