"""How opportunities become search documents (registered in apps.py): public ones only (open,
before the end date, of a verified provider); a provider's verification re-indexes its own."""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from engagiert.core.extensions import SearchDocument, SearchProvider

from . import queries
from .models import Opportunity, Provider


def opportunity_document(opportunity: Opportunity) -> SearchDocument | None:
    if not queries.public_opportunities().filter(pk=opportunity.pk).exists():
        return None
    parts = (
        str(opportunity.provider),
        str(opportunity.authority),
        opportunity.description,
        opportunity.target_groups,
        opportunity.skills,
        opportunity.address,
    )
    return SearchDocument(
        kind="opportunity",
        key=f"opportunity:{opportunity.pk}",
        title=opportunity.title,
        text="\n".join(part for part in parts if part),
        url=opportunity.get_absolute_url(),
        topics=[opportunity.topic.slug],
        year=opportunity.created_at.year,
    )


def opportunities() -> QuerySet[Opportunity]:
    return queries.with_details(queries.public_opportunities())


def _provider_opportunities(provider: Provider) -> Iterable[Opportunity]:
    return queries.with_details(provider.opportunities.all())


def provider() -> SearchProvider:
    return SearchProvider(
        kind="opportunity",
        label=_("Engagement opportunity"),
        model=Opportunity,
        document=opportunity_document,
        queryset=opportunities,
        watch=((Provider, _provider_opportunities),),
    )
