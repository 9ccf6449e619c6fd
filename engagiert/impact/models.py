"""Impact measurement (C8): the indicator catalogue, its versioned definitions and yearly values.

An indicator's definition is versioned: editing it adds a version valid from a year, and every
value keeps the version it was computed or entered with, so a changed definition never silently
rewrites an old year. Values come from three sources: automatic (an `indicator_providers` entry
of another app, frozen once a year by the snapshot), manual (entered by the municipality) and
external (imported from a CSV file). `source_ref` names where a value came from (a snapshot, an
import file, later a measure or a self-assessment).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from engagiert.core.models import TimestampedModel
from engagiert.registry.models import Authority

#: The years values may be given for.
FIRST_YEAR = 2000
LAST_YEAR = 2100


class Indicator(TimestampedModel):
    class Level(models.TextChoices):
        INPUT = "input", _("Input")
        OUTPUT = "output", _("Output")
        OUTCOME = "outcome", _("Outcome")
        IMPACT = "impact", _("Impact")

    class Source(models.TextChoices):
        AUTOMATIC = "automatic", _("automatic from platform data")
        MANUAL = "manual", _("entered yearly by the municipality")
        EXTERNAL = "external", _("external source (CSV import)")

    class Unit(models.TextChoices):
        """What a value is; decides the form field and how a value is shown."""

        EURO = "euro", _("euro")
        FTE = "fte", _("full-time equivalents")
        YES_NO = "yes_no", _("yes/no")
        COUNT = "count", _("count")
        YEARS = "years", _("years")
        PER_1000 = "per_1000", _("per 1,000 inhabitants")
        PERCENT = "percent", _("per cent")

    key = models.SlugField(_("key"), max_length=60, unique=True)
    level = models.CharField(_("level (IOOI)"), max_length=10, choices=Level.choices)
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    provider_key = models.CharField(
        _("platform figure"),
        max_length=100,
        blank=True,
        help_text=_("For automatic indicators: the figure an app of the platform provides."),
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position", "key"]
        constraints = [
            models.CheckConstraint(
                name="automatic_indicator_names_its_provider",
                condition=~Q(source="automatic") | ~Q(provider_key=""),
            ),
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def decimal_places(self) -> int:
        """How precisely a value is entered: FTE with one decimal, counts and yes/no whole."""
        return {self.Unit.FTE: 1, self.Unit.COUNT: 0, self.Unit.YES_NO: 0}.get(
            self.Unit(self.unit), 2
        )


class IndicatorVersion(TimestampedModel):
    """One definition of an indicator, valid from `valid_from` until the next version."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    valid_from = models.PositiveSmallIntegerField(_("valid from (year)"))
    name = models.CharField(_("name"), max_length=200)
    definition = models.TextField(_("definition"))
    source_name = models.CharField(
        _("named source"),
        max_length=300,
        blank=True,
        help_text=_("For external indicators: who publishes the figures."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("indicator version")
        verbose_name_plural = _("indicator versions")
        ordering = ["indicator", "number"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "number"], name="one_version_number"),
            models.UniqueConstraint(
                fields=["indicator", "valid_from"], name="one_version_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.number}, {self.valid_from})"


class Snapshot(models.Model):
    """The automatic indicators of one year, computed and frozen: later data changes nothing."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    taken_at = models.DateTimeField(_("taken"), auto_now_add=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    value_count = models.PositiveIntegerField(_("values"), default=0)

    class Meta:
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class IndicatorValue(TimestampedModel):
    """One indicator's value for one authority and year, with the definition it belongs to."""

    class Origin(models.TextChoices):
        SNAPSHOT = "snapshot", _("yearly snapshot")
        MANUAL = "manual", _("entered by the municipality")
        IMPORT = "import", _("CSV import")

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="values"
    )
    version = models.ForeignKey(
        IndicatorVersion, verbose_name=_("version"), on_delete=models.PROTECT, related_name="+"
    )
    authority = models.ForeignKey(
        Authority, verbose_name=_("authority"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices)
    #: Where the value came from: »snapshot:2025«, the import file's name, later a measure.
    source_ref = models.CharField(_("source reference"), max_length=200, blank=True)
    snapshot = models.ForeignKey(
        Snapshot,
        verbose_name=_("snapshot"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="values",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "authority", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "authority", "year"], name="one_value_per_indicator_and_year"
            ),
            models.CheckConstraint(
                name="value_year_in_range", condition=Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR)
            ),
        ]
        indexes = [models.Index(fields=["indicator", "year"])]

    def __str__(self) -> str:
        return f"{self.indicator} {self.authority_id} {self.year}: {self.value}"


# --- Measures on the impact ladder and goals per indicator ---------------------------------


class Stage(models.IntegerChoices):
    """The seven stages of the impact ladder (PHINEO Wirkungstreppe)."""

    ACTIVITIES = 1, _("Activities take place as planned")
    REACHED = 2, _("Target groups are reached")
    ACCEPTED = 3, _("Target groups accept the offers")
    AWARENESS = 4, _("Target groups change their awareness or skills")
    BEHAVIOUR = 5, _("Target groups change their behaviour")
    LIVING = 6, _("The target groups' living situation changes")
    SOCIETY = 7, _("Society changes")


def stage_level(stage: int) -> str:
    """Stages 1–3 are output, 4–6 outcome, 7 impact (the ladder's own grouping)."""
    if stage <= Stage.ACCEPTED:
        return Indicator.Level.OUTPUT
    if stage <= Stage.LIVING:
        return Indicator.Level.OUTCOME
    return Indicator.Level.IMPACT


class Measure(TimestampedModel):
    """What a municipality does to promote engagement (»Ehrenamtsbörse«), placed on the ladder.

    The stage it has reached is not stored: it is the highest stage with evidence.
    """

    authority = models.ForeignKey(
        Authority, verbose_name=_("authority"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    target_groups = models.CharField(
        _("target groups"),
        max_length=300,
        blank=True,
        help_text=_("Whom the measure is for, e.g. »young people in their first job«."),
    )
    topic = models.ForeignKey(
        "registry.Topic",
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    start_year = models.PositiveSmallIntegerField(_("since (year)"))
    end_year = models.PositiveSmallIntegerField(
        _("until (year)"), null=True, blank=True, help_text=_("Empty while it continues.")
    )
    indicators = models.ManyToManyField(
        Indicator,
        verbose_name=_("indicators it aims at"),
        blank=True,
        related_name="measures",
    )
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Published measures are seen by every member of the network."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["authority", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                name="measure_years_in_order",
                condition=Q(end_year__isnull=True) | Q(end_year__gte=models.F("start_year")),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("impact:measure_detail", args=[self.authority_id, self.pk])


def evidence_file_path(instance: "Evidence", filename: str) -> str:
    return f"wirkung/{instance.measure_id}/{filename}"


class Evidence(TimestampedModel):
    """What shows that a measure has reached a stage: a figure, a document, a survey result."""

    class Kind(models.TextChoices):
        FIGURE = "figure", _("figure")
        DOCUMENT = "document", _("document")
        SURVEY = "survey", _("survey result")
        OBSERVATION = "observation", _("observation")

    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="evidence"
    )
    stage = models.PositiveSmallIntegerField(_("stage"), choices=Stage.choices)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    text = models.TextField(_("what it shows"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    date = models.DateField(_("date"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    file = models.FileField(_("file"), upload_to=evidence_file_path, max_length=300, blank=True)
    content_type = models.CharField(_("file type"), max_length=50, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["measure", "stage", "date", "pk"]
        constraints = [
            models.CheckConstraint(
                name="evidence_stage_on_ladder", condition=Q(stage__gte=1, stage__lte=7)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure_id} / {self.stage}: {self.text[:50]}"


class Goal(TimestampedModel):
    """A municipality's target value of one indicator for a year; the indicator gives the
    direction (higher or lower is better)."""

    authority = models.ForeignKey(
        Authority, verbose_name=_("authority"), on_delete=models.CASCADE, related_name="+"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="goals"
    )
    year = models.PositiveSmallIntegerField(_("target year"))
    target = models.DecimalField(_("target value"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["authority", "indicator__position", "indicator__key", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "indicator", "year"], name="one_goal_per_indicator_and_year"
            ),
            models.CheckConstraint(
                name="goal_year_in_range", condition=Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.authority_id} {self.year}: {self.target}"
