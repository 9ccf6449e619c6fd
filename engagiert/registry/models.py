"""The registry: reference data every other app builds on — every local authority of the state,
the organisations around them, and the topic vocabulary.

Authorities come from official data (`import_registry`); their key is the official AGS.
`district` and `region` are the Kreis and Regierungsbezirk above an authority, stored at import
so that filters need no recursive queries. What an engagement officer keeps about an authority
(website, engagement in brief, structures) is the membership profile, not the registry.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from engagiert.core.models import TimestampedModel
from engagiert.core.validators import no_control_characters


class Authority(TimestampedModel):
    class Kind(models.TextChoices):
        REGION = "regierungsbezirk", _("Regierungsbezirk")
        DISTRICT = "kreis", _("Kreis")
        CITY_REGION = "staedteregion", _("Städteregion")
        INDEPENDENT_CITY = "kreisfreie_stadt", _("Kreisfreie Stadt")
        TOWN = "stadt", _("Stadt (kreisangehörig)")
        MUNICIPALITY = "gemeinde", _("Gemeinde")

    #: Kinds that sit directly under a Regierungsbezirk and hold Gemeinden.
    DISTRICT_KINDS = (Kind.DISTRICT, Kind.CITY_REGION)
    #: Kinds that are Gemeinden (the level where people live).
    MUNICIPAL_KINDS = (Kind.INDEPENDENT_CITY, Kind.TOWN, Kind.MUNICIPALITY)

    ags = models.CharField(_("official key (AGS)"), max_length=8, primary_key=True)
    name = models.CharField(_("name"), max_length=200, validators=[no_control_characters])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("belongs to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    district = models.ForeignKey(
        "self",
        verbose_name=_("Kreis"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind__in": DISTRICT_KINDS},
    )
    region = models.ForeignKey(
        "self",
        verbose_name=_("Regierungsbezirk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": Kind.REGION},
    )
    population = models.PositiveIntegerField(_("population"))
    area_km2 = models.DecimalField(_("area in km²"), max_digits=9, decimal_places=2)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    search_key = models.TextField(_("search key"), editable=False)

    class Meta:
        verbose_name = _("authority")
        verbose_name_plural = _("authorities")
        ordering = ["name", "ags"]
        constraints = [
            models.CheckConstraint(
                name="authority_ags_digits",
                condition=models.Q(ags__regex=r"^([0-9]{3}|[0-9]{5}|[0-9]{8})$"),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:authority_detail", kwargs={"ags": self.ags})

    @property
    def is_municipal(self) -> bool:
        return self.kind in self.MUNICIPAL_KINDS

    @property
    def density(self) -> float | None:
        """Inhabitants per km²."""
        return float(self.population) / float(self.area_km2) if self.area_km2 else None

    def hierarchy(self) -> list["Authority"]:
        """Regierungsbezirk → Kreis → this authority (uses the stored district and region)."""
        return [a for a in (self.region, self.district) if a is not None] + [self]


class Topic(TimestampedModel):
    """A focus topic of the office's vocabulary (demographic change, young people …).

    Shared reference data: profiles, events, knowledge and the workshop all tag with it."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("short name"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(TimestampedModel):
    """An association, initiative, agency, business or institution the network works with."""

    class Kind(models.TextChoices):
        ASSOCIATION = "verein", _("Association (Verein)")
        INITIATIVE = "initiative", _("Initiative")
        VOLUNTEER_AGENCY = "freiwilligenagentur", _("Volunteer agency")
        BUSINESS = "unternehmen", _("Business")
        INSTITUTE = "institut", _("Institute or educational institution")
        UMBRELLA = "spitzenverband", _("Municipal umbrella association")
        MINISTRY = "ministerium", _("Ministry or state authority")
        NETWORK = "netzwerk", _("Network")
        CHURCH_WELFARE = "kirche_wohlfahrt", _("Church or welfare organisation")
        MUNICIPALITY = "kommune", _("Municipality")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    town = models.CharField(_("town"), max_length=100, blank=True)
    authority = models.ForeignKey(
        Authority,
        verbose_name=_("located in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    is_demo = models.BooleanField(
        _("demo entry"),
        default=False,
        help_text=_("Invented for demonstration; not a real organisation."),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
