"""Reads from the registry.

Lists select their Kreis and Regierungsbezirk in the same query, so a page of authorities
costs the same number of queries whatever its length.
"""

from dataclasses import dataclass

from django.db.models import Count, QuerySet, Sum

from engagiert.core.text import fold

from .models import Authority, Organisation

SORTS = {
    "name": ["name", "ags"],
    "-population": ["-population", "name"],
    "population": ["population", "name"],
}


#: Filter values that stand for several kinds at once.
KIND_GROUPS = {"gemeinden": Authority.MUNICIPAL_KINDS, "kreise": Authority.DISTRICT_KINDS}


@dataclass(frozen=True)
class AuthorityFilter:
    q: str = ""
    kind: str = ""
    region: str = ""
    district: str = ""
    sort: str = "name"


def municipalities() -> QuerySet[Authority]:
    """Every Gemeinde (kreisfreie Stadt, Stadt, Gemeinde) by name, for choosing a place."""
    return Authority.objects.filter(kind__in=Authority.MUNICIPAL_KINDS).order_by("name")


def of_kind(queryset: QuerySet[Authority], kind: str) -> QuerySet[Authority]:
    """Filter by a kind or a group of kinds (»gemeinden«, »kreise«)."""
    if kind in KIND_GROUPS:
        return queryset.filter(kind__in=KIND_GROUPS[kind])
    return queryset.filter(kind=kind) if kind else queryset


def name_matches(queryset: QuerySet[Authority], q: str) -> QuerySet[Authority]:
    """Every word must occur in the name, ignoring case and umlaut spelling."""
    for word in fold(q).split():
        # search_key holds both »oe« and »o« spellings, so a folded word matches either way.
        queryset = queryset.filter(search_key__contains=word)
    return queryset


def authorities(filters: AuthorityFilter) -> QuerySet[Authority]:
    """Authorities matching the filters, with their Kreis and Regierungsbezirk."""
    queryset = of_kind(Authority.objects.select_related("district", "region"), filters.kind)
    if filters.region:
        queryset = queryset.filter(region_id=filters.region)
    if filters.district:
        queryset = queryset.filter(district_id=filters.district)
    queryset = name_matches(queryset, filters.q)
    return queryset.order_by(*SORTS.get(filters.sort, SORTS["name"]))


def regions() -> QuerySet[Authority]:
    return Authority.objects.filter(kind=Authority.Kind.REGION).order_by("name")


def districts() -> QuerySet[Authority]:
    return Authority.objects.filter(kind__in=Authority.DISTRICT_KINDS).order_by("name")


def authority_with_hierarchy(ags: str) -> Authority | None:
    return Authority.objects.select_related("parent", "district", "region").filter(ags=ags).first()


def children(authority: Authority) -> QuerySet[Authority]:
    return authority.children.order_by("name")


def organisations_in(authority: Authority) -> QuerySet[Organisation]:
    return authority.organisations.order_by("name")


def map_points() -> list[tuple[str, str, float, float]]:
    """(ags, name, lat, lon) of every Gemeinde, for the state map."""
    rows = Authority.objects.filter(kind__in=Authority.MUNICIPAL_KINDS).values_list(
        "ags", "name", "latitude", "longitude"
    )
    return [(ags, name, float(lat), float(lon)) for ags, name, lat, lon in rows]


@dataclass(frozen=True)
class RegistryFigures:
    municipalities: int
    districts: int
    regions: int
    inhabitants: int
    organisations: int


def registry_figures() -> RegistryFigures:
    by_kind = dict(Authority.objects.values_list("kind").annotate(n=Count("ags")).order_by())
    inhabitants = (
        Authority.objects.filter(kind__in=Authority.MUNICIPAL_KINDS).aggregate(
            total=Sum("population")
        )["total"]
        or 0
    )
    return RegistryFigures(
        municipalities=sum(by_kind.get(kind, 0) for kind in Authority.MUNICIPAL_KINDS),
        districts=sum(by_kind.get(kind, 0) for kind in Authority.DISTRICT_KINDS),
        regions=by_kind.get(Authority.Kind.REGION, 0),
        inhabitants=inhabitants,
        organisations=Organisation.objects.count(),
    )
