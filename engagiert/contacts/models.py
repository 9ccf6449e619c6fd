"""The network office's CRM around the contact persons the membership app keeps.

A person is one `membership.ContactPerson` (there is no second record of them here); this app
owns what the office notes about people and municipalities: the tags, the activity log (notes,
calls, visits, e-mails, meetings), the follow-ups (Wiedervorlagen) and the imports of contact
lists.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from engagiert.core.models import TimestampedModel
from engagiert.core.validators import no_control_characters
from engagiert.membership.models import ContactPerson
from engagiert.registry.models import Authority


class Tag(TimestampedModel):
    """A free, reusable keyword the office gives people (»Steuerungsgruppe«, »Kongress 2026«)."""

    name = models.CharField(
        _("name"), max_length=60, unique=True, validators=[no_control_characters]
    )
    contacts = models.ManyToManyField(
        ContactPerson, verbose_name=_("contact persons"), blank=True, related_name="tags"
    )

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Activity(TimestampedModel):
    """One entry of the activity log: a note, or a call, visit, e-mail or meeting of the office
    with a person or a municipality, on a date, by a colleague."""

    class Kind(models.TextChoices):
        NOTE = "note", _("Note")
        CALL = "call", _("Call")
        VISIT = "visit", _("Visit")
        EMAIL = "email", _("E-mail")
        MEETING = "meeting", _("Meeting")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NOTE)
    happened_on = models.DateField(_("date"))
    text = models.TextField(_("text"), max_length=5000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: The person it concerns, if any; the authority is then the person's.
    person = models.ForeignKey(
        ContactPerson,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="activities",
    )
    authority = models.ForeignKey(
        Authority,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="crm_activities",
    )

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-happened_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(authority__isnull=False),
                name="activity_about_someone",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.happened_on:%d.%m.%Y}"


class FollowUp(TimestampedModel):
    """A Wiedervorlage: something a colleague of the office must do by a date."""

    title = models.CharField(
        _("what is to be done"), max_length=200, validators=[no_control_characters]
    )
    due_on = models.DateField(_("due on"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="crm_follow_ups",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    person = models.ForeignKey(
        ContactPerson,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    authority = models.ForeignKey(
        Authority,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="crm_follow_ups",
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["done_at", "due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(authority__isnull=False),
                name="follow_up_about_someone",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def about(self) -> str:
        return self.person.name if self.person else str(self.authority)


class ContactImport(TimestampedModel):
    """An uploaded contact list between its preview and the office's confirmation: the rows as
    read and checked; no contact is saved before `contact_import_confirm`."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("preview")
        DONE = "done", _("imported")

    filename = models.CharField(_("file"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PREVIEW
    )
    #: Each row as read, with its outcome (see importing.Row).
    rows = models.JSONField(_("rows"), default=list)
    #: After the import: how many people were created, updated, skipped.
    result = models.JSONField(_("result"), default=dict, blank=True)

    class Meta:
        verbose_name = _("contact import")
        verbose_name_plural = _("contact imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename
