from engagiert.core.links import link_token, link_value


def test_a_link_gives_back_its_text_only_for_its_own_purpose() -> None:
    token = link_token("EK-2026-000042", salt="card")
    assert link_value(token, salt="card") == "EK-2026-000042"
    assert link_value(token, salt="renewal") is None


def test_an_altered_or_garbage_link_gives_nothing() -> None:
    token = link_token("jana@example.org", salt="unsubscribe")
    assert link_value(token[:-1] + ("A" if token[-1] != "A" else "B"), salt="unsubscribe") is None
    assert link_value("", salt="unsubscribe") is None
    assert link_value("../../%00", salt="unsubscribe") is None
