"""The personal data of the impact app (see core.extensions.PersonalData): only who recorded
figures; the figures belong to the authorities."""

from engagiert.core.extensions import PersonalData
from engagiert.core.personal_data import authorship

from .models import IndicatorValue, IndicatorVersion, Snapshot

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
    }
