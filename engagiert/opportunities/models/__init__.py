"""Free engagement and cooperation (C7): the organisations that publish ways to help, long-term
opportunities, spontaneous help in shifts, corporate volunteering and the cooperation registry.

Each area has its own module; this package re-exports the models."""

from .cooperation import (
    Cooperation,
    CorporateKind,
    CorporateMatch,
    CorporateNeed,
    CorporateOffer,
    Sector,
    SuccessFactor,
)
from .providers import Provider

__all__ = [
    "Cooperation",
    "CorporateKind",
    "CorporateMatch",
    "CorporateNeed",
    "CorporateOffer",
    "Provider",
    "Sector",
    "SuccessFactor",
]
