"""Browser tests assert with Playwright's waiting `expect`, never with a bare `is_visible()`.

`locator.is_visible()` answers at once: right after a click that submits a form, the browser
may still show the old page, and the assertion fails on a slow machine although the page is
right (CI failed so on the benefit form). `expect(locator).to_be_visible()` waits until the page
shows it or the timeout passes. This check reads every browser test and refuses an `assert`
on one of Playwright's immediate state queries.
"""

import ast
from pathlib import Path

import pytest

#: Locator methods that return the state of this instant instead of waiting for it.
IMMEDIATE = frozenset(
    {"is_visible", "is_hidden", "is_enabled", "is_disabled", "is_checked", "is_editable"}
)
HERE = Path(__file__).parent


def immediate_assertions(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Assert):
            continue
        for call in ast.walk(node.test):
            if (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and call.func.attr in IMMEDIATE
            ):
                found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


@pytest.mark.parametrize("path", sorted(HERE.glob("test_*.py")), ids=lambda path: path.name)
def test_browser_tests_wait_for_what_they_assert(path: Path) -> None:
    assert immediate_assertions(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("source", "found"),
    [
        (
            "assert page.get_by_text('x').is_visible()\n",
            ["1: assert page.get_by_text('x').is_visible()"],
        ),
        ("assert not box.is_checked()\n", ["1: assert not box.is_checked()"]),
        ("expect(page.get_by_text('x')).to_be_visible()\n", []),
        ("assert page.url.endswith('/')\n", []),
    ],
)
def test_immediate_assertions_are_found(source: str, found: list[str]) -> None:
    assert immediate_assertions(source) == found
