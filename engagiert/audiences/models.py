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
