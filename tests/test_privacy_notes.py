"""Every form that asks for a name or an e-mail address shows its privacy note (Art. 13 DSGVO).

The test walks every page of the URL × role table that a role can open, as that role, and looks
at each form posting data: one with a name, e-mail or phone field must contain the note rendered
by `{% privacy_note %}` (purpose, legal basis, retention, link to the privacy policy).
"""

import re

import pytest

from tests.test_url_matrix import (  # noqa: F401  (the fixtures are used by name)
    ARGS,
    ROLES,
    TABLE,
    _client,
    _path,
    _shared_world,
    world,
)

pytestmark = pytest.mark.long

_FORM = re.compile(r"<form\b(?P<attrs>[^>]*)>(?P<body>.*?)</form>", re.S | re.I)
#: An e-mail or phone field, or a person's name (a bare »name« may name an indicator or a place).
_PERSONAL_FIELD = re.compile(
    r'<input\b[^>]*(?:type="email"|type="tel"|name="[\w-]*(?:email|phone|first_name|last_name'
    r'|contact_name)")',
    re.I,
)
#: Forms that ask for a name, but not a person's: searches and filters.
_NOT_PERSONAL = re.compile(r'method="get"|role="search"', re.I)
#: Pages that only identify an existing account by its address (nothing new is collected).
_IDENTIFY_ONLY = {"konto/anmelden/", "konto/passwort-vergessen/"}
#: Pages where the office records what a person asked for by letter or phone: the person is not
#: the one filling in; the office's answer to the request informs them.
_RECORDED_BY_THE_OFFICE = {"meine-daten/verwaltung/"}
#: Pages where the office gives an address of its own (an info-mail's reply-to address, the
#: office's by default): no one else's data is collected.
_THE_OFFICES_OWN_ADDRESS = {"infomail/neu/", "infomail/<int:pk>/bearbeiten/"}


def _personal_forms(html: str) -> list[tuple[str, bool]]:
    """Each form posting personal data: its opening tag, and whether it holds the note."""
    found = []
    for form in _FORM.finditer(html):
        if _NOT_PERSONAL.search(form["attrs"]) or not re.search(r'method="post"', form["attrs"]):
            continue
        if _PERSONAL_FIELD.search(form["body"]):
            found.append((form["attrs"].strip()[:80], "data-privacy-note" in form["body"]))
    return found


@pytest.mark.parametrize("role", ROLES)
def test_every_form_asking_for_personal_data_shows_a_privacy_note(world, role):  # noqa: F811
    client, column = _client(world, role), ROLES.index(role)
    missing, seen = [], set()
    for route, statuses in TABLE.items():
        if statuses.split()[column] != "200" or route in (
            _IDENTIFY_ONLY | _RECORDED_BY_THE_OFFICE | _THE_OFFICES_OWN_ADDRESS
        ):
            continue
        path = _path(route, ARGS[route](world) if route in ARGS else {})
        response = client.get(path)
        if "html" not in response.get("Content-Type", ""):
            continue
        for form, has_note in _personal_forms(response.content.decode()):
            seen.add(route)
            if not has_note:
                missing.append(f"{path}: {form}")

    assert missing == [], "\n".join(missing)
    if role == "anonymous":  # the walk does find the public forms
        assert {
            "barrierefreiheit/rueckmeldung/",
            "ehrenamtskarte/antrag/",
            "mitmachen/angebote/<int:pk>/",
        } <= seen
