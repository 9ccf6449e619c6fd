import factory
from django.utils import timezone

from engagiert.news.models import Article, Visibility
from engagiert.registry.models import Topic


class ArticleFactory(factory.django.DjangoModelFactory[Article]):
    """A published, public article of the network office (pass `topics=[…]`)."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Meldung {n}")
    teaser = "Das Netzwerk trifft sich in Düsseldorf."
    body = "Erster Absatz.\n\nZweiter Absatz mit **Wichtigem**."
    visibility = Visibility.PUBLIC
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def topics(self, create: bool, extracted: list[Topic] | None, **kwargs: object) -> None:
        if create and extracted:
            self.topics.set(extracted)
