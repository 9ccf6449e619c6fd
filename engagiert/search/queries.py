"""What the search page needs to know about the providers: the kinds of documents with their
German names, the labels of the shared facets, and which members-only documents a visitor
may find (each provider decides for its own)."""

from typing import Any

from django.db import connection

from engagiert.core.extensions import Label, search_providers

from .models import SearchEntry, Synonym


def kind_choices() -> list[tuple[str, Label]]:
    """Every kind a hit can be filtered by, in the providers' order: a provider's subkinds
    (practice example, recommendation …) or else its kind."""
    return [
        choice
        for provider in search_providers
        for choice in (provider.subkinds or ((provider.kind, provider.label),))
    ]


def kind_labels() -> dict[str, Label]:
    """The German name of every kind and subkind."""
    labels: dict[str, Label] = {p.kind: p.label for p in search_providers}
    labels.update(kind_choices())
    return labels


def facet_choices() -> dict[str, list[tuple[str, Label]]]:
    """The values of the shared facets with their labels, as the owning apps name them."""
    merged: dict[str, dict[str, Label]] = {}
    for provider in search_providers:
        for facet, choices in provider.facets().items():
            merged.setdefault(facet, {}).update(choices)
    return {facet: list(choices.items()) for facet, choices in merged.items()}


def member_kinds(user: Any) -> frozenset[str]:
    """The kinds whose members-only documents this person may find."""
    return frozenset(p.kind for p in search_providers if p.members(user))


def regions() -> list[str]:
    """The Regierungsbezirke the index knows, for the filter (asked on every search page).

    A handful of values among tens of thousands of entries: each is found by one step through
    the index on `region`, the next one above the last (a »loose index scan«), where DISTINCT
    read every entry (43 ms at 50,000 on PostgreSQL, which has no skip scan; now under 1 ms)."""
    table = connection.ops.quote_name(SearchEntry._meta.db_table)
    sql = (
        f"WITH RECURSIVE found(region) AS ("  # noqa: S608
        f" SELECT MIN(region) FROM {table} WHERE region > ''"
        f" UNION ALL SELECT (SELECT MIN(region) FROM {table} WHERE region > found.region)"
        f" FROM found WHERE found.region IS NOT NULL"
        f") SELECT region FROM found WHERE region IS NOT NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [region for (region,) in cursor.fetchall()]


def synonyms() -> list[Synonym]:
    return list(Synonym.objects.all())


def entry_count() -> int:
    return SearchEntry.objects.count()
