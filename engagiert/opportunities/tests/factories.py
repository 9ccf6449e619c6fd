import factory

from engagiert.registry.tests.factories import AuthorityFactory, OrganisationFactory, TopicFactory

from ..models import Interest, Opportunity, Provider


class ProviderFactory(factory.django.DjangoModelFactory[Provider]):
    """A verified provider (an association) in its own town."""

    class Meta:
        model = Provider
        django_get_or_create = ("organisation",)

    organisation = factory.SubFactory(OrganisationFactory)
    authority = factory.SubFactory(AuthorityFactory)
    status = Provider.Status.VERIFIED
    contact_name = "Petra Vogel"
    contact_email = factory.Sequence(lambda n: f"verein{n}@example.org")
    municipal_contact_name = "Jan Stadt"
    municipal_contact_email = "jan.stadt@example.org"


class OpportunityFactory(factory.django.DjangoModelFactory[Opportunity]):
    class Meta:
        model = Opportunity

    provider = factory.SubFactory(ProviderFactory)
    title = factory.Sequence(lambda n: f"Lesepatenschaft {n}")
    description = "Kindern in der Grundschule vorlesen."
    topic = factory.SubFactory(TopicFactory)
    authority = factory.LazyAttribute(lambda o: o.provider.authority)
    latitude = factory.LazyAttribute(lambda o: float(o.authority.latitude))
    longitude = factory.LazyAttribute(lambda o: float(o.authority.longitude))
    contact_name = "Petra Vogel"
    contact_email = factory.LazyAttribute(lambda o: o.provider.contact_email)


class InterestFactory(factory.django.DjangoModelFactory[Interest]):
    class Meta:
        model = Interest

    opportunity = factory.SubFactory(OpportunityFactory)
    name = "Mira Helfer"
    email = factory.Sequence(lambda n: f"helfer{n}@example.org")
    status = Interest.Status.NEW
