"""The demo news come from the seeds, and loading the demo again adds none."""

import pytest

from engagiert.accounts.tests.factories import UserFactory
from engagiert.demo.news import news_load
from engagiert.events.tests.factories import EventFactory
from engagiert.news.models import Article
from engagiert.registry.tests.factories import AuthorityFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_the_seeds_news_are_loaded_once_with_their_town_event_and_topic():
    menden = AuthorityFactory(name="Menden (Sauerland)")
    AuthorityFactory(name="Kamp-Lintfort")
    UserFactory(email="kamp-lintfort@engagiert.example")
    top_meeting = EventFactory(title="Spitzentreffen des Kommunen-Netzwerks in Düsseldorf")
    TopicFactory(name="Engagementstrategie", slug="engagementstrategie")

    news_load()
    news_load()

    assert Article.objects.count() == 4
    press = Article.objects.get(title="Bürgermeister Wächter nimmt an Spitzentreffen teil")
    assert (press.authority, press.event) == (menden, top_meeting)
    assert press.published_at.date().isoformat() == "2016-06-28"
    assert "25 Bürgermeister" in press.teaser
    assert [t.name for t in press.topics.all()] == ["Engagementstrategie"]
    assert Article.objects.filter(status=Article.Status.WAITING, is_demo=True).count() == 1
