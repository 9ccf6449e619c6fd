"""Free engagement and cooperation (C7): the organisations that publish ways to help, long-term
opportunities, spontaneous help in shifts, corporate volunteering and the cooperation registry.

Each area has its own module; this package re-exports the models."""

from .opportunities import Interest, Opportunity, SavedSearch
from .providers import Provider

__all__ = ["Interest", "Opportunity", "Provider", "SavedSearch"]
