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
from .opportunities import Interest, Opportunity, SavedSearch
from .providers import Provider
from .shifts import Action, ActionPlace, HoursCertificate, Shift, ShiftSignup, Task

__all__ = [
    "Action",
    "ActionPlace",
    "Cooperation",
    "CorporateKind",
    "CorporateMatch",
    "CorporateNeed",
    "CorporateOffer",
    "HoursCertificate",
    "Provider",
    "Sector",
    "Shift",
    "ShiftSignup",
    "SuccessFactor",
    "Task",
]
__all__ = ["Interest", "Opportunity", "Provider", "SavedSearch"]
