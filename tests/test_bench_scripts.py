"""Every benchmark under bench/ starts: its options parse (`--help`). A merge once left
bench/search_bench.py defining an option that the shared parser of bench/common.py defines too,
and the script stopped before measuring anything."""

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
#: Modules the scripts use, not scripts themselves.
NOT_SCRIPTS = {"common.py", "locustfile.py"}
SCRIPTS = sorted(path.name for path in BENCH.glob("*.py") if path.name not in NOT_SCRIPTS)


def test_the_benchmarks_are_found():
    assert {"search_bench.py", "mailing_bench.py", "load_test.py"} <= set(SCRIPTS)


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_benchmark_parses_its_options(script):
    result = subprocess.run(
        [sys.executable, str(BENCH / script), "--help"], capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stderr[-500:]
    assert "usage:" in result.stdout
