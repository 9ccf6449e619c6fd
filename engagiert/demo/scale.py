"""Large synthetic networks for benchmarks and the multi-process test (never the demo itself)."""

import datetime
from decimal import Decimal

from engagiert.core.text import search_key
from engagiert.membership.models import ContactPerson, Membership
from engagiert.registry.models import Authority


def member_network(
    recipients: int, *, each: int, contact_name: str = "Kontakt", domain: str = "@kommune.example"
) -> list[Authority]:
    """Member authorities »Musterstadt n« with `each` contact persons apiece, `recipients`
    contacts in all (`kontakt00000<domain>` …); the first contact of each is the primary one."""
    authorities = Authority.objects.bulk_create(
        Authority(
            ags=f"05{n:06d}",
            name=f"Musterstadt {n}",
            kind=Authority.Kind.INDEPENDENT_CITY,
            population=20_000 + n,
            area_km2=Decimal("100.00"),
            latitude=Decimal("51.5"),
            longitude=Decimal("7.5"),
            search_key=search_key(f"Musterstadt {n}"),
        )
        for n in range(-(-recipients // each))
    )
    Membership.objects.bulk_create(
        Membership(authority=authority, since=datetime.date(2015, 6, 1))
        for authority in authorities
    )
    ContactPerson.objects.bulk_create(
        (
            ContactPerson(
                authority=authorities[n // each],
                name=f"{contact_name} {n}",
                function="Koordination",
                email=f"kontakt{n:05d}{domain}",
                public_fields=["name"],
                is_primary=n % each == 0,
            )
            for n in range(recipients)
        ),
        batch_size=1000,
    )
    return authorities
