"""A primary key written into a page is never localised: with USE_THOUSAND_SEPARATOR the
template would write 1234 as »1.234«, and a form posting it back, an element id or a link
built from it would break once the table holds a thousand rows (found by the inbox browser
test, which chose »Jonas Berg« and had his key 1.234 refused)."""

import re
from pathlib import Path

from django.template import Context, Template
from django.test import override_settings

ROOT = Path(__file__).resolve().parent.parent / "engagiert"
BARE_KEY = re.compile(r"\{\{ ?[a-zA-Z_.]*\.pk ?\}\}")


def test_no_template_writes_a_bare_primary_key():
    found = [
        f"{path.relative_to(ROOT)}: {match.group()}"
        for path in ROOT.rglob("*.html")
        for match in BARE_KEY.finditer(path.read_text())
    ]
    assert not found, "write keys as {{ x.pk|unlocalize }}:\n" + "\n".join(found)


@override_settings(USE_THOUSAND_SEPARATOR=True, LANGUAGE_CODE="de")
def test_unlocalize_keeps_a_large_key_as_digits():
    class Row:
        pk = 1234

    template = "{% load l10n %}{{ row.pk }} {{ row.pk|unlocalize }}"
    assert Template(template).render(Context({"row": Row()})) == "1.234 1234"
