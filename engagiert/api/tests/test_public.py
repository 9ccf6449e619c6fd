"""Public reads: what an anonymous client gets is what the public pages show, never more."""

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .world import SECRET, secrets, seed

#: Every list resource with a detail, and the public page listing the same rows.
RESOURCES = {
    "authorities": "/kommunen/",
    "members": "/netzwerk/",
    "declaration-waves": "/netzwerk/erklaerung/",
    "events": "/veranstaltungen/",
    "knowledge-items": "/wissen/",
    "opportunities": "/mitmachen/",
    "actions": "/mitmachen/aktionen/",
    "benefit-partners": "/ehrenamtskarte/vorteile/",
    "benefits": "/ehrenamtskarte/vorteile/",
}


def _get(client: Client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    assert response["Content-Type"] == "application/json"
    return response.json()


def _everything(client: Client) -> str:
    """Every list (all pages), every detail and the past events, as one text."""
    texts = []
    for resource in RESOURCES:
        url = f"/api/v1/{resource}/?page_size=100"
        while url:
            page = _get(client, url)
            texts.append(json.dumps(page, ensure_ascii=False))
            for row in page["results"]:
                key = row.get("ags") or row["id"]
                texts.append(
                    json.dumps(_get(client, f"/api/v1/{resource}/{key}/"), ensure_ascii=False)
                )
            url = page["next"]
    texts.append(json.dumps(_get(client, "/api/v1/events/?when=all"), ensure_ascii=False))
    return "\n".join(texts)


@pytest.mark.django_db
def test_anonymous_api_never_shows_members_only_data(client):
    seed(2)
    secrets()
    text = _everything(client)
    for name, marker in SECRET.items():
        assert marker not in text, name
    # The public rows are all there.
    for public in (
        "Musterstadt 1",
        "Netzwerktreffen 1",
        "Praxisbeispiel 1",
        "Lesepatenschaft 1",
        "Kleidersammlung 1",
        "Ermäßigter Eintritt 1",
    ):
        assert public in text


@pytest.mark.django_db
def test_api_lists_what_the_public_page_lists(client):
    """Each list resource and its public page agree on the rows of one kind: a title in one is
    in the other, a members-only title in neither."""
    seed(2)
    secrets()
    for resource, page in RESOURCES.items():
        html = client.get(page).content.decode()
        api = json.dumps(_get(client, f"/api/v1/{resource}/?page_size=100"), ensure_ascii=False)
        for name, marker in SECRET.items():
            assert marker not in html, (page, name)
            assert marker not in api, (resource, name)
    events = _get(client, "/api/v1/events/")["results"]
    html = client.get("/veranstaltungen/").content.decode()
    assert {e["title"] for e in events} == {t for t in (e["title"] for e in events) if t in html}


def test_api_root_lists_every_resource(client, db):
    root = _get(client, "/api/v1/")
    assert set(RESOURCES) <= set(root["resources"])
    assert root["schema"].endswith("/api/v1/schema/")


@pytest.mark.django_db
@pytest.mark.parametrize("resource", [*RESOURCES, "events/?when=past"])
def test_list_queries_do_not_grow_with_rows(client, resource, django_assert_max_num_queries):
    url = f"/api/v1/{resource}" + ("" if "?" in resource else "/")
    seed(2)
    _get(client, url)  # the first request starts the throttle's counter (one query more)
    with CaptureQueriesContext(connection) as few:
        _get(client, url)
    seed(8, offset=2)
    with django_assert_max_num_queries(len(few)):
        page = _get(client, url)
    assert page["count"] >= 8 or resource in {"declaration-waves", "events/?when=past"}


@pytest.mark.django_db
def test_members_show_only_public_contact_details(client):
    seed(1)
    secrets()
    member = next(
        m for m in _get(client, "/api/v1/members/")["results"] if m["name"] == "Geheimstadt"
    )
    contact = member["contacts"][0]
    assert contact["name"]
    assert contact["phone"] is None
    assert contact["email"] is None
    assert contact["department"] is None
    assert member["leaders"][0]["name"]
    assert "email" not in member["leaders"][0]
    assert member["profile"]["documents"] == []
    assert member["profile"]["volunteer_card_display"] == "nimmt teil"


@pytest.mark.django_db
def test_authorities_filter_by_membership_kind_and_name(client):
    seed(2)
    members = _get(client, "/api/v1/authorities/?member=true")
    assert {a["name"] for a in members["results"]} == {"Musterstadt 0", "Musterstadt 1"}
    assert all(a["is_member"] and a["kind_display"] for a in members["results"])
    found = _get(client, "/api/v1/authorities/?q=musterstadt%201&kind=kreisfreie_stadt&member=true")
    assert [a["name"] for a in found["results"]] == ["Musterstadt 1"]
