"""Names on the state map: without an outline of the state, the seats of the Regierungsbezirke
orient the reader, and a few marked places carry their names."""

from engagiert.registry.maps import state_map

POINTS = [
    ("05111000", "Düsseldorf", 51.23, 6.78),
    ("05515000", "Münster", 51.96, 7.63),
    ("05958004", "Arnsberg", 51.40, 8.06),
    ("05766020", "Detmold", 51.94, 8.88),
    ("05766044", "Lemgo", 52.03, 8.90),
    ("05334002", "Aachen", 50.77, 6.08),  # the state's width, as on the real map
    ("05762020", "Höxter", 51.77, 9.38),
]


def texts(highlight: set[str]) -> list[str]:
    return [label.text for label in state_map(POINTS, highlight).labels]


def test_landmarks_are_named_and_a_few_marked_places_too():
    assert sorted(texts(set())) == ["Arnsberg", "Detmold", "Düsseldorf", "Münster"]
    assert "Lemgo" in texts({"05766044"})


def test_a_landmark_next_to_a_named_place_gives_way():
    assert "Detmold" not in texts({"05766044"})  # Lemgo lies a few kilometres away


def test_labels_near_the_eastern_edge_end_at_their_point():
    labels = {label.text: label for label in state_map(POINTS, set()).labels}

    assert labels["Detmold"].end
    assert not labels["Düsseldorf"].end
