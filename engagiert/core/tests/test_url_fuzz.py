"""Hostile values in every URL pattern of the project and in the query never cause a 5xx.

The URL resolver is walked, so a new pattern is covered without touching this test."""

import re
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

pytestmark = pytest.mark.long

#: Percent-encoded as they would arrive in a URL.
HOSTILE_VALUES = [
    "%00",
    "a" * 5000,
    "%C3%28",
    quote("' OR 1=1--", safe=""),
    quote("{{7*7}}{% debug %}", safe=""),
    "..%2F..%2Fetc%2Fpasswd",
    "9" * 20,
]
#: Query parameters the views read (filters, search, paging, redirects) and the admin's.
QUERY_NAMES = [
    "q", "seite", "topic", "thema", "tag", "status", "kind", "ags", "when", "year", "structure",
    "volunteer_card", "since", "district", "sort", "authority_kind", "next", "o", "p", "e",
    "jahr", "gemeinde", "kommune", "kreis", "umkreis", "zeit", "art", "angebot", "bedarf",
    "schicht", "indikator", "issuer", "provider", "authority", "sector", "category", "mine",
    "first_day", "last_day", "erneuerung", "weekdays",
]  # fmt: skip
PLACEHOLDER = "\x1e"


def _regex_template(regex: str) -> str:
    """`^(?P<pk>[0-9]+)/change/$` -> `<placeholder>/change/`: each group becomes one value."""
    template, depth = [], 0
    for index, char in enumerate(regex):
        escaped = index > 0 and regex[index - 1] == "\\"
        if char == "(" and not escaped:
            if depth == 0:
                template.append(PLACEHOLDER)
            depth += 1
        elif char == ")" and not escaped:
            depth -= 1
        elif depth == 0:
            template.append(char)
    return re.sub(r"\\(.)", r"\1", "".join(template).lstrip("^").rstrip("$").replace("\\Z", ""))


def _template(pattern: RoutePattern | RegexPattern) -> str:
    if isinstance(pattern, RoutePattern):
        return re.sub(r"<[^>]+>", PLACEHOLDER, str(pattern))
    return _regex_template(pattern.regex.pattern)


def url_templates(patterns=None, prefix: str = "/") -> Iterator[str]:
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        template = prefix + _template(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from url_templates(entry.url_patterns, template)
        elif isinstance(entry, URLPattern):
            yield template


def hostile_requests() -> Iterator[str]:
    templates = sorted(set(url_templates()))
    for template in templates:
        if PLACEHOLDER in template:
            for value in HOSTILE_VALUES:
                yield template.replace(PLACEHOLDER, value)
        else:
            for value in HOSTILE_VALUES:
                yield f"{template}?" + "&".join(f"{name}={value}" for name in QUERY_NAMES)


#: The readiness probe answers 503 while no task worker runs (as in the tests): its answer,
#: not an error.
NOT_READY = ("/readyz", 503)


def _server_errors(client: Client) -> list[str]:
    errors = []
    for url in hostile_requests():
        response = client.get(url)
        if (url.split("?")[0], response.status_code) == NOT_READY:
            continue
        if response.status_code >= 500:
            errors.append(f"{response.status_code} {url[:200]}")
    return errors


def test_every_url_pattern_is_fuzzed():
    templates = set(url_templates())

    assert "/kommunen/\x1e/" in templates
    assert "/admin/events/event/\x1e/change/" in templates
    assert len(templates) > 250


@pytest.mark.django_db
def test_no_server_error_for_hostile_urls_anonymous():
    assert _server_errors(Client(raise_request_exception=False)) == []


@pytest.mark.django_db
def test_no_server_error_for_hostile_urls_office(office_user):
    client = Client(raise_request_exception=False)
    client.force_login(office_user)

    assert _server_errors(client) == []
