"""The network: municipality profiles, membership by application, the joint declaration and
its signing waves, and the partner institutions.

An authority is a member while it has a Membership without an end date. Memberships arise
only by admitting an Application; ending one keeps it (and the application history) on record.
"""

from .applications import Application, ApplicationEvent, Membership
from .declarations import Declaration, Partnership, Signature, SigningWave, known_part
from .profiles import (
    ContactPerson,
    Leader,
    Profile,
    StrategyDocument,
    VolunteerCardStatus,
    strategy_document_path,
)

__all__ = [
    "Application",
    "ApplicationEvent",
    "ContactPerson",
    "Declaration",
    "Leader",
    "Membership",
    "Partnership",
    "Profile",
    "Signature",
    "SigningWave",
    "StrategyDocument",
    "VolunteerCardStatus",
    "known_part",
    "strategy_document_path",
]
