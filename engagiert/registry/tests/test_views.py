import pytest

LIST = "/kommunen/"


def names_on(response) -> list[str]:
    return [authority.name for authority in response.context["page"].object_list]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Mönchengladbach", "Mönchengladbach"),
        ("Moenchengladbach", "Mönchengladbach"),
        ("monchengladbach", "Mönchengladbach"),
        ("Lünen", "Lünen"),
        ("Luenen", "Lünen"),
        ("LUNEN", "Lünen"),
        ("Düsseldorf", "Düsseldorf"),
        ("Duesseldorf", "Düsseldorf"),
        ("Olsberg", "Olsberg"),
        ("Strasse", None),
        ("kamp lintfort", "Kamp-Lintfort"),
    ],
)
def test_authority_list_view_finds_names_in_every_spelling(client, nrw, query, expected):
    response = client.get(LIST, {"q": query})
    assert response.status_code == 200
    if expected is None:
        assert names_on(response) == []
        assert "Keine passende Kommune gefunden" in response.content.decode()
    else:
        assert expected in names_on(response)


def test_authority_list_view_filters_by_kind_region_and_district(client, nrw):
    response = client.get(LIST, {"kind": "kreisfreie_stadt"})
    assert response.context["page"].paginator.count == 22
    response = client.get(LIST, {"kind": "gemeinden", "region": "051"})
    assert all(
        a.region_id == "051" and a.is_municipal for a in response.context["page"].object_list
    )
    response = client.get(LIST, {"district": "05170"})
    assert response.context["page"].paginator.count == 13
    assert "Kamp-Lintfort" in names_on(response)
    assert "13 Kommunen gefunden" in response.content.decode()


def test_authority_list_view_paginates_all_432(client, nrw):
    first = client.get(LIST)
    assert first.context["page"].paginator.count == 432
    last = client.get(LIST, {"seite": first.context["page"].paginator.num_pages})
    assert len(last.context["page"].object_list) == 432 % 25
    assert client.get(LIST, {"seite": "abc"}).status_code == 200


def test_authority_list_view_ignores_bad_filter_values(client, nrw):
    response = client.get(LIST, {"kind": "planet", "region": "999", "q": "x" * 500, "sort": "evil"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 432


def test_authority_list_view_sorts_by_population(client, nrw):
    response = client.get(LIST, {"sort": "-population", "kind": "gemeinden"})
    assert names_on(response)[:3] == ["Köln", "Düsseldorf", "Dortmund"]


def test_authority_list_view_answers_htmx_with_the_results_fragment(client, nrw):
    response = client.get(LIST, {"q": "Bonn"}, headers={"HX-Request": "true"})
    text = response.content.decode()
    assert "<html" not in text
    assert "Bonn" in text


@pytest.mark.parametrize(
    "filters", [{}, {"kind": "gemeinden", "sort": "-population"}, {"q": "berg"}]
)
def test_authority_list_view_query_count_does_not_grow_with_rows(
    client, nrw, django_assert_max_num_queries, filters
):
    # count, page, regions, districts: the same whether a page holds 1 or 25 rows.
    with django_assert_max_num_queries(4):
        client.get(LIST, filters)


def test_authority_detail_view_shows_hierarchy_population_and_position(client, nrw):
    response = client.get("/kommunen/05170020/")
    text = response.content.decode()
    assert response.status_code == 200
    assert [a.name for a in response.context["authority"].hierarchy()] == [
        "Regierungsbezirk Düsseldorf",
        "Kreis Wesel",
        "Kamp-Lintfort",
    ]
    assert "38.217" in text
    assert "51,5003° N" in text
    assert 'href="/kommunen/05170/"' in text
    assert "Bearbeiten" not in text  # anonymous visitors cannot edit


def test_authority_detail_view_of_a_district_lists_its_municipalities(client, nrw):
    response = client.get("/kommunen/05170/")
    assert len(response.context["children"]) == 13
    assert len(response.context["map"].highlighted) == 13
    assert "Dazu gehören 13 Kommunen" in response.content.decode()


def test_authority_detail_view_query_count_is_fixed(client, nrw, django_assert_max_num_queries):
    # 4 for the authority, its children, organisations and the map; 7 for the network panel;
    # 3 for the panels of the opportunities app (opportunities, actions, cooperations); 1 for
    # the news about the authority.
    for ags in ("05315000", "05170", "051"):
        with django_assert_max_num_queries(15):
            client.get(f"/kommunen/{ags}/")


def test_authority_detail_view_unknown_key_is_404_in_german(client, nrw):
    response = client.get("/kommunen/99999999/")
    assert response.status_code == 404
    assert "Diese Seite gibt es nicht" in response.content.decode()
