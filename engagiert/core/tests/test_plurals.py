"""A message that counts says »1 Platz« and »2 Plätze«: a count in a message goes through
ngettext, never through a plain gettext whose German has only the plural form."""

import ast
from pathlib import Path

import engagiert

SINGULAR_ONLY = {"_", "gettext", "gettext_lazy", "gettext_noop", "pgettext", "pgettext_lazy"}
#: Messages whose count is never 1 (always at least two, as the text says).
NEVER_ONE = {
    # Only raised for two or more authorities of the same name.
    "Municipality: there are %(count)d authorities called »%(name)s«; please give the AGS.",
    # Only raised when the count is above the maximum, which is at least 1.
    "This would make %(count)d shifts; at most %(most)d are made in one go.",
}


def _counting_messages() -> list[str]:
    found = []
    root = Path(engagiert.__file__).parent
    for path in sorted(root.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            text = node.args[-1] if name.startswith("pgettext") else node.args[0]
            if (
                name in SINGULAR_ONLY
                and isinstance(text, ast.Constant)
                and isinstance(text.value, str)
                and "%(count)d" in text.value
                and text.value not in NEVER_ONE
            ):
                found.append(f"{path.relative_to(root)}:{node.lineno}: {text.value}")
    return found


def test_every_counting_message_has_a_singular():
    assert _counting_messages() == []
