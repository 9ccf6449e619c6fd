"""How authorities and partner organisations become search documents (registered in apps.py).

An authority is found by its name, kind and region and what its network profile says in
public on its page: its description, the local engagement strategy, the focus topics, its
structures (Stabsstelle, Runder Tisch, Freiwilligenagentur) and its part in the
Ehrenamtskarte NRW. A partner organisation is found with its roles in the network.
"""

from django.db.models import Exists, Field, OuterRef, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from engagiert.core.extensions import Label, SearchDocument, SearchProvider
from engagiert.registry.models import Authority, Organisation
from engagiert.registry.signals import registry_imported

from .models import Membership, Partnership, Profile, VolunteerCardStatus
from .queries import topics

STRUCTURES = ("has_staff_unit", "has_round_table", "has_volunteer_agency")


def _label(name: str) -> str:
    """The German name of a profile field, as the profile page shows it."""
    field = Profile._meta.get_field(name)
    assert isinstance(field, Field)
    return str(field.verbose_name)


def _profile_text(profile: Profile) -> list[str]:
    structures = [_label(name) for name in STRUCTURES if getattr(profile, name)]
    card = (
        f"{_label('volunteer_card')}: {profile.get_volunteer_card_display()}"
        if profile.volunteer_card != VolunteerCardStatus.NO
        else ""
    )
    topic_names = (t.name for t in profile.topics.all())
    return [profile.description, *structures, card, profile.strategy, *topic_names]


def authority_document(authority: Authority) -> SearchDocument:
    region = authority.region.name if authority.region else ""
    profile: Profile | None = getattr(authority, "profile", None)
    parts = [
        authority.get_kind_display(),
        region,
        _("Member of the network") if getattr(authority, "is_member", False) else "",
        *(_profile_text(profile) if profile else []),
    ]
    return SearchDocument(
        kind="authority",
        key=f"authority:{authority.ags}",
        title=authority.name,
        text="\n".join(part for part in parts if part),
        url=authority.get_absolute_url(),
        subkind="authority",
        authority_kind=authority.kind,
        region=region,
    )


def authorities() -> QuerySet[Authority]:
    current = Membership.objects.filter(authority=OuterRef("pk"), until__isnull=True)
    return (
        Authority.objects.select_related("region", "profile")
        .prefetch_related("profile__topics")
        .annotate(is_member=Exists(current))
    )


def _profile_authority(profile: Profile) -> list[Authority]:
    return [profile.authority]


def _membership_authority(membership: Membership) -> list[Authority]:
    return [membership.authority]


def organisation_document(organisation: Organisation) -> SearchDocument | None:
    """A partner institution, with its roles; other organisations have no page to find."""
    roles = [p.get_role_display() for p in organisation.partnerships.all()]
    if not roles:
        return None
    parts = [organisation.get_kind_display(), organisation.town, organisation.description]
    return SearchDocument(
        kind="organisation",
        key=f"organisation:{organisation.pk}",
        title=organisation.name,
        text="\n".join(part for part in (*roles, *parts) if part),
        url=reverse("membership:partners"),
        subkind="organisation",
    )


def organisations() -> QuerySet[Organisation]:
    return Organisation.objects.prefetch_related("partnerships")


def _partnership_organisation(partnership: Partnership) -> list[Organisation]:
    return [partnership.organisation]


def _facets() -> dict[str, list[tuple[str, Label]]]:
    return {
        "topic": list(topics().values_list("slug", "name")),
        "authority_kind": list(Authority.Kind.choices),
    }


def providers() -> list[SearchProvider]:
    return [
        SearchProvider(
            kind="authority",
            label=gettext_lazy("Municipality"),
            model=Authority,
            document=authority_document,
            queryset=authorities,
            watch=((Profile, _profile_authority), (Membership, _membership_authority)),
            m2m=("topics",),
            refresh_on=(registry_imported,),
            facets=_facets,
        ),
        SearchProvider(
            kind="organisation",
            label=gettext_lazy("Partner institution"),
            model=Organisation,
            document=organisation_document,
            queryset=organisations,
            watch=((Partnership, _partnership_organisation),),
        ),
    ]
