"""Impact measurement (C8): the indicator catalogue, its versioned definitions and yearly values.

An indicator's definition is versioned: editing it adds a version valid from a year, and every
value keeps the version it was computed or entered with, so a changed definition never silently
rewrites an old year. Values come from three sources: automatic (an `indicator_providers` entry
of another app, frozen once a year by the snapshot), manual (entered by the municipality) and
external (imported from a CSV file). `source_ref` names where a value came from (a snapshot, an
import file, later a measure or a self-assessment).
"""

import datetime

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
        ASSESSMENT = "assessment", _("self-assessment")

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


# --- The yearly self-assessment -------------------------------------------------------------


class Questionnaire(TimestampedModel):
    """The self-assessment of one year, answered by each member municipality in its period."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(_("open until"))
    intro = models.TextField(_("introduction"), blank=True)

    class Meta:
        verbose_name = _("self-assessment questionnaire")
        verbose_name_plural = _("self-assessment questionnaires")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                name="questionnaire_closes_after_opening",
                condition=Q(closes_on__gte=models.F("opens_on")),
            ),
        ]

    def __str__(self) -> str:
        return str(self.year)

    def is_open_on(self, day: datetime.date) -> bool:
        return self.opens_on <= day <= self.closes_on


class AssessmentSection(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="sections"
    )
    title = models.CharField(_("section"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class AssessmentQuestion(models.Model):
    class Kind(models.TextChoices):
        YES_NO = "yes_no", _("yes/no")
        SCALE = "scale", _("scale from 1 to 5")
        NUMBER = "number", _("number with unit")
        TEXT = "text", _("free text")

    section = models.ForeignKey(
        AssessmentSection,
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    text = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("explanation"), max_length=500, blank=True)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=Kind.choices)
    #: The five points of a scale, one label per line (»trifft gar nicht zu« … »trifft voll zu«).
    scale_labels = models.TextField(_("labels of the scale points"), blank=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("becomes the value of the indicator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"source": Indicator.Source.MANUAL},
    )
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["section__position", "section_id", "position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def labels(self) -> list[str]:
        """The labels of the scale points 1 to 5 (the number alone where none is given)."""
        given = [line.strip() for line in self.scale_labels.splitlines() if line.strip()]
        return [given[n] if n < len(given) else "" for n in range(5)]


class AssessmentResponse(TimestampedModel):
    """One municipality's answers to one questionnaire: a draft until it is submitted."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="responses"
    )
    authority = models.ForeignKey(
        Authority, verbose_name=_("authority"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["questionnaire", "authority__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "authority"], name="one_response_per_questionnaire"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} {self.authority_id}"


class AssessmentAnswer(models.Model):
    """One answer: yes/no as 1/0, a scale point or a number in `number`, free text in `text`."""

    response = models.ForeignKey(
        AssessmentResponse, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        AssessmentQuestion, on_delete=models.CASCADE, related_name="answers"
    )
    number = models.DecimalField(
        _("answer (number)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    text = models.TextField(_("answer (text)"), blank=True)
    #: The officer chose to keep the indicator value they had entered by hand over this answer.
    kept_entered_value = models.BooleanField(_("entered value kept"), default=False)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="one_answer_per_question"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.number if self.number is not None else self.text}"


class AssessmentReminder(models.Model):
    """A reminder sent to the municipalities that had not submitted yet."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="reminders"
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.questionnaire} {self.sent_at:%Y-%m-%d}"


# --- The annual network report --------------------------------------------------------------


def report_path(instance: "NetworkReport", filename: str) -> str:
    return f"wirkung/berichte/{instance.year}/{filename}"


class NetworkReport(TimestampedModel):
    """One generation of the annual network report (PDF), made in the background."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("being generated")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    step = models.PositiveSmallIntegerField(_("step"), default=0)
    steps = models.PositiveSmallIntegerField(_("steps"), default=0)
    step_label = models.CharField(_("current step"), max_length=200, blank=True)
    file = models.FileField(_("PDF file"), upload_to=report_path, max_length=300, blank=True)
    pages = models.PositiveSmallIntegerField(_("pages"), default=0)
    error = models.CharField(_("error"), max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("network report")
        verbose_name_plural = _("network reports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.year} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
