"""What the search page needs to know about the providers: the kinds of documents with their
German names, the labels of the shared facets, and which members-only documents a visitor
may find (each provider decides for its own)."""

from typing import Any

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
    """The Regierungsbezirke the index knows, for the filter."""
    return list(
        SearchEntry.objects.exclude(region="")
        .order_by("region")
        .values_list("region", flat=True)
        .distinct()
    )


def synonyms() -> list[Synonym]:
    return list(Synonym.objects.all())


def entry_count() -> int:
    return SearchEntry.objects.count()
