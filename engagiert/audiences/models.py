"""Audience segments: who an invitation or an info-mail goes to.

One mechanism for events and mailings. A segment is a rule, not a list: its recipients are
worked out when it is used, from the network as it is then.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from engagiert.core.models import TimestampedModel


class Segment(TimestampedModel):
    class Kind(models.TextChoices):
        MEMBER_CONTACTS = "member_contacts", _("All members' contact persons and officers")
        BIG_CITIES = "big_cities", _("Members above a population threshold")
        DISTRICTS = "districts", _("Member Kreise and the Städteregion")
        LEADERS = "leaders", _("Leaders of the members")
        COHORT = "cohort", _("The development teams of one workshop cohort")
        PUBLIC = "public", _("The public (the newsletter's subscribers)")
        DIRECTORY = "directory", _("Members chosen with the member directory's filters")
        EVENT = "event", _("The confirmed participants of one event")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("rule"), max_length=30, choices=Kind.choices)
    min_population = models.PositiveIntegerField(
        _("at least this many inhabitants"),
        null=True,
        blank=True,
        help_text=_("Only for »Members above a population threshold«, e.g. 100000."),
    )
    cohort_number = models.PositiveSmallIntegerField(
        _("cohort number"),
        null=True,
        blank=True,
        help_text=_("Only for »The development teams of one workshop cohort«."),
    )
    parameters = models.JSONField(
        _("parameters"),
        default=dict,
        blank=True,
        help_text=_(
            "For »member directory« the directory's filters, e.g. "
            '{"region": "05900000", "kind": "kreise"}; for »one event« {"event": 12}.'
        ),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("audience segment")
        verbose_name_plural = _("audience segments")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.kind == self.Kind.BIG_CITIES and not self.min_population:
            raise ValidationError(
                {"min_population": _("Please give the population threshold for this rule.")}
            )
        if self.kind == self.Kind.COHORT and not self.cohort_number:
            raise ValidationError({"cohort_number": _("Please give the number of the cohort.")})
        if not isinstance(self.parameters, dict):
            raise ValidationError({"parameters": _("Please give the parameters as a JSON object.")})
        if self.kind == self.Kind.EVENT and not isinstance(self.parameters.get("event"), int):
            raise ValidationError({"parameters": _("Please give the number of the event.")})
