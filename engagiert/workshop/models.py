"""The development workshop (Entwicklungswerkstatt): cohorts of municipalities, each with a
two-person development team, working in a closed space for a year or more.

A cohort opens with a call for applications and a deadline; the office selects up to the
cohort's maximum of sites. Selected teams, the operating institution and the office work in
the cohort space: a series of workshops whose topics the teams choose by vote, expert inputs,
consultation appointments, a pool of learning resources, confidential threads and the
evaluation questionnaires.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagiert.core.models import TimestampedModel
from engagiert.core.validators import no_control_characters
from engagiert.registry.models import Authority, Organisation


class Cohort(TimestampedModel):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(
        _("title"),
        max_length=200,
        default="Zukunftsfaktor Bürgerengagement – Entwicklungswerkstatt",
        validators=[no_control_characters],
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    operator = models.ForeignKey(
        Organisation,
        verbose_name=_("operating institution"),
        on_delete=models.PROTECT,
        related_name="operated_cohorts",
    )
    evaluator = models.ForeignKey(
        Organisation,
        verbose_name=_("evaluating institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evaluated_cohorts",
    )
    partner_note = models.CharField(_("in cooperation with"), max_length=200, blank=True)
    max_sites = models.PositiveSmallIntegerField(_("maximum of sites"), default=10)
    call_text = models.TextField(_("call for applications"), blank=True)
    application_deadline = models.DateTimeField(_("applications until"), null=True, blank=True)
    votes_per_team = models.PositiveSmallIntegerField(_("topic votes per team"), default=3)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo entry"), default=False)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="cohort_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return str(_("Cohort %(number)d") % {"number": self.number})

    def get_absolute_url(self) -> str:
        return reverse("workshop:cohort_detail", args=[self.number])

    @property
    def call_is_open(self) -> bool:
        return self.application_deadline is not None and timezone.now() <= self.application_deadline


class CohortApplication(TimestampedModel):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        SELECTED = "selected", _("selected")
        DECLINED = "declined", _("not selected")

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="applications"
    )
    authority = models.ForeignKey(
        Authority,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="workshop_applications",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    motivation = models.TextField(_("why do you want to take part?"))
    goals = models.TextField(_("what do you want to achieve?"))
    existing = models.TextField(
        _("what does your municipality already have?"),
        help_text=_("Structures, strategy, networks, the Ehrenamtskarte …"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("workshop application")
        verbose_name_plural = _("workshop applications")
        ordering = ["authority__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "authority"], name="one_workshop_application_per_cohort"
            )
        ]

    def __str__(self) -> str:
        return f"{self.authority} – {self.cohort}"


class PanelScore(TimestampedModel):
    """One panel member's assessment of an application: a score from 1 to 5 and a comment."""

    SCALE = [(n, str(n)) for n in range(1, 6)]

    application = models.ForeignKey(
        CohortApplication,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("panel member"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    score = models.PositiveSmallIntegerField(_("score"), choices=SCALE)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("panel score")
        verbose_name_plural = _("panel scores")
        ordering = ["application", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="one_score_per_panel_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.score}"


class TeamMember(models.Model):
    """One of the two people of a municipality's development team."""

    application = models.ForeignKey(
        CohortApplication, on_delete=models.CASCADE, related_name="team"
    )
    position = models.PositiveSmallIntegerField(_("position"), choices=[(1, "1"), (2, "2")])
    name = models.CharField(_("name"), max_length=200, validators=[no_control_characters])
    function = models.CharField(_("function"), max_length=200)
    email = models.EmailField(_("e-mail"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="team_memberships",
    )

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("development team")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["application", "position"], name="two_team_positions")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.function})"


def session_minutes_path(instance: "Session", filename: str) -> str:
    return f"werkstatt/{instance.cohort_id}/protokolle/{filename}"


def resource_file_path(instance: "Resource", filename: str) -> str:
    return f"werkstatt/{instance.cohort_id}/lernquellen/{filename}"


class Session(TimestampedModel):
    """One workshop of the cohort's series, with its minutes (text and/or a file)."""

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="sessions"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=200)
    notes = models.TextField(_("programme and notes"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_file = models.FileField(
        _("minutes (file)"), upload_to=session_minutes_path, max_length=300, blank=True
    )

    class Meta:
        verbose_name = _("workshop session")
        verbose_name_plural = _("workshop series")
        ordering = ["cohort", "number"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "number"], name="session_number_per_cohort")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class TopicProposal(TimestampedModel):
    """A topic a team wants for an upcoming workshop; the teams vote, the operator adopts."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="proposals")
    title = models.CharField(_("proposed topic"), max_length=200)
    description = models.TextField(_("why this topic?"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    authority = models.ForeignKey(Authority, null=True, on_delete=models.SET_NULL, related_name="+")
    adopted_for = models.ForeignKey(
        Session,
        verbose_name=_("on the agenda of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="topics",
    )

    class Meta:
        verbose_name = _("topic proposal")
        verbose_name_plural = _("topic proposals")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class TopicVote(models.Model):
    """A team's vote for a proposal (a team votes for a proposal at most once)."""

    proposal = models.ForeignKey(TopicProposal, on_delete=models.CASCADE, related_name="votes")
    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("topic vote")
        verbose_name_plural = _("topic votes")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "authority"], name="one_vote_per_team_and_topic"
            )
        ]

    def __str__(self) -> str:
        return f"{self.authority} → {self.proposal}"


class ExpertInput(TimestampedModel):
    session = models.ForeignKey(
        Session, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="inputs"
    )
    speaker = models.CharField(_("speaker"), max_length=200)
    title = models.CharField(_("title"), max_length=200)
    material_url = models.URLField(_("material (link)"), blank=True)

    class Meta:
        verbose_name = _("expert input")
        verbose_name_plural = _("expert inputs")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.speaker}: {self.title}"


class ConsultationSlot(TimestampedModel):
    """An appointment the operator offers between workshops; one team books it."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    advisor = models.CharField(_("with"), max_length=200)
    place = models.CharField(_("place or link"), max_length=300, blank=True)
    booked_by = models.ForeignKey(
        Authority,
        verbose_name=_("booked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    booked_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("consultation appointment")
        verbose_name_plural = _("consultation appointments")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="slot_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.starts_at):%d.%m.%Y %H:%M} – {self.advisor}"


class Resource(TimestampedModel):
    """An item of the learning-resource pool (Lernquellenpool)."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("short description"), blank=True)
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(_("file"), upload_to=resource_file_path, max_length=300, blank=True)
    tags = models.CharField(
        _("tags"),
        max_length=300,
        blank=True,
        help_text=_("Comma-separated, e.g. »Strategie, Ehrenamtskarte«"),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    shared_with_network = models.BooleanField(
        _("shared with the whole network"),
        default=False,
        help_text=_("The office may release an item for the network's knowledge base."),
    )

    class Meta:
        verbose_name = _("learning resource")
        verbose_name_plural = _("learning-resource pool")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]


class Thread(TimestampedModel):
    """A confidential discussion, visible only inside the cohort."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("discussion")
        verbose_name_plural = _("discussions")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.title


class Post(TimestampedModel):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("contribution"))

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:50]


class EvaluationResponse(TimestampedModel):
    """A team's answers to the start or end questionnaire of the scientific evaluation."""

    class Phase(models.TextChoices):
        START = "start", _("start of the cohort")
        END = "end", _("end of the cohort")

    SCALE = [(n, str(n)) for n in range(1, 6)]

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="evaluations")
    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="+")
    phase = models.CharField(_("questionnaire"), max_length=5, choices=Phase.choices)
    strategy = models.PositiveSmallIntegerField(
        _("Engagement promotion is strategically anchored in our administration."), choices=SCALE
    )
    cooperation = models.PositiveSmallIntegerField(
        _("We cooperate well with civil society and business."), choices=SCALE
    )
    competence = models.PositiveSmallIntegerField(
        _("As a team we feel competent to develop our local strategy."), choices=SCALE
    )
    comment = models.TextField(_("what else should the evaluators know?"), blank=True)

    class Meta:
        verbose_name = _("evaluation response")
        verbose_name_plural = _("evaluation responses")
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "authority", "phase"], name="one_questionnaire_per_team_and_phase"
            )
        ]

    def __str__(self) -> str:
        return f"{self.authority} ({self.get_phase_display()})"
