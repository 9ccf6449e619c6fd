import pytest


@pytest.mark.django_db
def test_home_view_explains_the_network_with_live_figures(client, authority):
    response = client.get("/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Kommunen-Netzwerk: engagiert in NRW" in text
    assert "Dezember 2012" in text
