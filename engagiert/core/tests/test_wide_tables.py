"""Every table sits in the one wrapper that lets it scroll sideways on a phone, reachable and
named for keyboard and screen-reader users."""

import re
from pathlib import Path

from django.template import Context, Template

ROOT = Path(__file__).resolve().parents[2]


def test_the_wrapper_is_a_focusable_region_named_by_the_caption():
    html = Template(
        "{% load ui %}{% wide_table %}<table><caption>Mitglieder &amp; Partner</caption>"
        "</table>{% endwide_table %}"
    ).render(Context())

    assert html.startswith(
        '<div class="kern-table-responsive table-scroll" role="region" tabindex="0" '
        'aria-label="Mitglieder &amp; Partner">'
    )


def test_a_table_without_caption_is_a_region_called_tabelle_and_nothing_wraps_nothing():
    template = Template("{% load ui %}{% wide_table %}{{ body }}{% endwide_table %}")

    assert 'aria-label="Tabelle"' in template.render(Context({"body": "<table></table>"}))
    assert template.render(Context({"body": ""})) == ""


def test_every_table_of_every_template_is_in_the_wrapper():
    unwrapped = []
    for path in ROOT.glob("*/templates/**/*.html"):
        text = path.read_text()
        for match in re.finditer(r"<table\b", text):
            before = text[: match.start()]
            if before.rfind("{% wide_table %}") <= before.rfind("{% endwide_table %}"):
                unwrapped.append(str(path.relative_to(ROOT)))
    assert unwrapped == []
