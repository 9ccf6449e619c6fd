import factory

from engagiert.accounts.tests.factories import UserFactory
from engagiert.knowledge.models import (
    Answer,
    AssistanceOffer,
    KnowledgeItem,
    Question,
    Visibility,
)
from engagiert.registry.models import Topic
from engagiert.registry.tests.factories import AuthorityFactory


class KnowledgeItemFactory(factory.django.DjangoModelFactory[KnowledgeItem]):
    """A published, public practice example without a municipality (pass `topics=[…]`)."""

    class Meta:
        model = KnowledgeItem
        skip_postgeneration_save = True

    kind = KnowledgeItem.Kind.PRACTICE
    title = factory.Sequence(lambda n: f"Praxisbeispiel {n}")
    summary = "Ehrenamtliche und Verwaltung arbeiten Hand in Hand."
    year = 2024
    visibility = Visibility.PUBLIC
    status = KnowledgeItem.Status.PUBLISHED

    @factory.post_generation
    def topics(self, create: bool, extracted: list[Topic] | None, **kwargs: object) -> None:
        if create and extracted:
            self.topics.set(extracted)


class QuestionFactory(factory.django.DjangoModelFactory[Question]):
    """A question to the network, asked by a new person (pass `topics=[…]`)."""

    class Meta:
        model = Question
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Wie organisieren Sie Aufgabe {n}?")
    body = "Wir suchen Erfahrungen anderer Kommunen."
    author = factory.SubFactory(UserFactory)

    @factory.post_generation
    def topics(self, create: bool, extracted: list[Topic] | None, **kwargs: object) -> None:
        if create and extracted:
            self.topics.set(extracted)


class AnswerFactory(factory.django.DjangoModelFactory[Answer]):
    class Meta:
        model = Answer

    question = factory.SubFactory(QuestionFactory)
    body = "Bei uns hat sich ein Runder Tisch bewährt."
    author = factory.SubFactory(UserFactory)


class AssistanceOfferFactory(factory.django.DjangoModelFactory[AssistanceOffer]):
    """An open Amtshilfe offer (pass `topics=[…]`)."""

    class Meta:
        model = AssistanceOffer
        skip_postgeneration_save = True

    authority = factory.SubFactory(AuthorityFactory)
    title = factory.Sequence(lambda n: f"Erfahrung mit der Ehrenamtskarte {n}")
    description = "Wir zeigen, wie wir Partnerbetriebe gewonnen haben."
    contact = "Stabsstelle Ehrenamt, 0211 123456"
    effort = "ein zweistündiges Telefonat"
    is_active = True

    @factory.post_generation
    def topics(self, create: bool, extracted: list[Topic] | None, **kwargs: object) -> None:
        if create and extracted:
            self.topics.set(extracted)
