"""A large synthetic knowledge base for tests and benchmarks (every item marked synthetic)."""

import random
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils.translation import ngettext

from engagiert.knowledge.models import KnowledgeItem, Visibility
from engagiert.registry.models import Authority

TEXT = (
    "Ehrenamt Engagementstrategie Bürgerbeteiligung Nachbarschaftshilfe Freiwilligenagentur "
    "Quartiersarbeit Jugendbeteiligung Seniorenbegleitung Integrationslotsen Sportverein "
    "Vereinsberatung Anerkennungskultur Ehrenamtskarte Unternehmensengagement Stiftung "
    "Klimaschutz Flüchtlingshilfe Patenschaften Digitalisierung Netzwerktreffen "
    "Wirkungsmessung Fortbildung Koordinierungsstelle Runder Tisch Kommune Kreis"
)
WORDS = TEXT.split()


class Command(BaseCommand):
    help = "Create N synthetic knowledge items (marked synthetic) and rebuild the search index."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("count", type=int)
        parser.add_argument("--seed", type=int, default=2026)

    @transaction.atomic
    def handle(self, *args: Any, count: int, seed: int, **options: Any) -> None:
        rng = random.Random(seed)
        authorities = list(Authority.objects.filter(kind__in=Authority.MUNICIPAL_KINDS))

        def sentence(n: int) -> str:
            return " ".join(rng.choice(WORDS) for _ in range(n)) + "."

        items = [
            KnowledgeItem(
                kind=rng.choice(KnowledgeItem.Kind.values),
                title=sentence(6)[:-1],
                summary=sentence(30),
                approach=sentence(60),
                results=sentence(40),
                authority=rng.choice(authorities) if authorities else None,
                year=rng.randint(2012, 2026),
                is_synthetic=True,
                visibility=Visibility.MEMBERS if rng.random() < 0.2 else Visibility.PUBLIC,
            )
            for _ in range(count)
        ]
        created = KnowledgeItem.objects.bulk_create(items, batch_size=1000)
        # bulk_create sends no signals: the search index is built anew, items included
        call_command("rebuild_search_index", stdout=self.stdout)
        self.stdout.write(
            ngettext(
                "%(count)d synthetic item created.",
                "%(count)d synthetic items created.",
                len(created),
            )
            % {"count": len(created)}
        )
