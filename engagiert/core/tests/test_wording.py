"""Installed packages do not change the site's German: formal address, Django's wording.

A package's catalogue outranks Django's own for the same message; REST framework's, for one,
says »Gib eine gültige URL ein.« where Django says »Bitte eine gültige Adresse eingeben.«
(`core/wording.py` keeps the formal texts in the project's catalogue, which outranks both).
"""

import gettext
import re
from pathlib import Path

import django
from django.apps import apps
from django.utils import translation

import engagiert

#: Addressing the reader as »du«: what a public body's site never does.
INFORMAL = re.compile(r"\b(du|dich|dir|dein\w*|Gib|Lade|Stelle sicher|Wähle)\b")


def _catalogue(path: Path) -> dict[str, str]:
    mo = path / "locale" / "de" / "LC_MESSAGES" / "django.mo"
    if not mo.exists():
        return {}
    with mo.open("rb") as file:
        catalog = gettext.GNUTranslations(file)._catalog  # type: ignore[attr-defined]
    return {key: value for key, value in catalog.items() if isinstance(key, str) and key}


def _package_catalogues() -> dict[str, dict[str, str]]:
    """Every installed app's German catalogue that is neither Django's nor the project's."""
    django_dir = Path(django.__file__).parent
    project_dir = Path(engagiert.__file__).parent
    found = {}
    for config in apps.get_app_configs():
        path = Path(config.path)
        if path.is_relative_to(django_dir) or path.is_relative_to(project_dir):
            continue
        if catalogue := _catalogue(path):
            found[config.label] = catalogue
    return found


def _django_catalogue() -> dict[str, str]:
    django_dir = Path(django.__file__).parent
    merged = _catalogue(django_dir / "conf")
    for config in apps.get_app_configs():
        if Path(config.path).is_relative_to(django_dir):
            merged = {**_catalogue(Path(config.path)), **merged}
    return merged


def test_a_package_finds_at_least_one_catalogue():
    assert "rest_framework" in _package_catalogues()  # the check below is not empty


def test_messages_django_translates_keep_djangos_wording():
    own = _catalogue(Path(engagiert.__file__).parent.parent)
    django_german = _django_catalogue()
    changed = []
    with translation.override("de"):
        for label, catalogue in _package_catalogues().items():
            for msgid in catalogue.keys() & django_german.keys():
                if msgid in own:
                    continue  # the project chose its own wording
                if translation.gettext(msgid) != django_german[msgid]:
                    changed.append(f"{label}: {msgid!r}")
    assert changed == []


def test_no_package_message_addresses_the_reader_informally():
    informal = []
    with translation.override("de"):
        for label, catalogue in _package_catalogues().items():
            for msgid in catalogue:
                if "\x04" in msgid:  # a message with context
                    continue
                if INFORMAL.search(text := translation.gettext(msgid)):
                    informal.append(f"{label}: {msgid!r} -> {text!r}")
    assert informal == []
