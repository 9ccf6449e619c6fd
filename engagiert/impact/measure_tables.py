"""The tables of measures and goals, each the same for the page and its downloads."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from engagiert.registry.models import Authority

from . import measure_queries, queries
from .models import Measure
from .tables import Table


def measures(authority: Authority, rows: QuerySet[Measure]) -> Table:
    """The municipality's measures with the stage each has reached (export)."""
    table = Table(
        _("Measures of %(name)s") % {"name": authority.name},
        f"massnahmen-{authority.ags}",
        [
            _("Measure"),
            _("Topic"),
            _("Since"),
            _("Until"),
            _("Target groups"),
            _("Published"),
            _("Reached stage"),
            _("Stage"),
            _("Level"),
            _("Evidence"),
            _("Indicators it aims at"),
        ],
    )
    for measure in rows:
        reached = measure.reached or 0  # type: ignore[attr-defined]
        table.body.append(
            [
                measure.title,
                measure.topic.name if measure.topic else "",
                measure.start_year,
                measure.end_year,
                measure.target_groups,
                _("yes") if measure.is_published else _("no"),
                reached,
                measure_queries.stage_label(reached),
                measure_queries.level_label(reached),
                measure.evidence_count,  # type: ignore[attr-defined]
                ", ".join(queries.current_version(i).name for i in measure.indicators.all()),
            ]
        )
    return table
