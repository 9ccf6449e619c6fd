from pathlib import Path

import pytest

from engagiert.registry.services import registry_import_file

REGISTRY_FILE = Path(__file__).resolve().parents[1] / "data" / "nrw_kommunen.csv"


@pytest.fixture
def nrw(db):
    """The real registry of North Rhine-Westphalia (432 authorities)."""
    return registry_import_file(path=REGISTRY_FILE)
