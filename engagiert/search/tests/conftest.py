# The people of the knowledge base's tests: a member's officer, a non-member's officer.
from engagiert.knowledge.tests.conftest import member, membership, outsider

__all__ = ["member", "membership", "outsider"]
