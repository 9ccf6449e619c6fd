import datetime

import factory

from engagiert.accounts.tests.factories import UserFactory
from engagiert.membership.models import (
    Application,
    ContactPerson,
    Declaration,
    Leader,
    Membership,
    Partnership,
    Profile,
    Signature,
    SigningWave,
    VolunteerCardStatus,
)
from engagiert.registry.models import Topic
from engagiert.registry.tests.factories import AuthorityFactory, OrganisationFactory


class ProfileFactory(factory.django.DjangoModelFactory[Profile]):
    class Meta:
        model = Profile
        django_get_or_create = ("authority",)
        skip_postgeneration_save = True

    authority = factory.SubFactory(AuthorityFactory)
    volunteer_card = VolunteerCardStatus.PARTICIPATING
    volunteer_card_since = 2015
    strategy = "Engagementstrategie mit Leitbild, Handlungsfeldern und Zielen."

    @factory.post_generation
    def topics(self, create: bool, extracted: list[Topic] | None, **kwargs: object) -> None:
        if create and extracted:
            self.topics.set(extracted)


class ContactPersonFactory(factory.django.DjangoModelFactory[ContactPerson]):
    class Meta:
        model = ContactPerson

    authority = factory.SubFactory(AuthorityFactory)
    name = factory.Faker("name", locale="de_DE")
    function = "Koordination Bürgerschaftliches Engagement"
    department = "Stabsstelle Ehrenamt"
    phone = "0211 123456"
    email = factory.Sequence(lambda n: f"kontakt{n}@kommune.example")
    public_fields = factory.LazyFunction(lambda: ["name", "email"])
    is_primary = True


class LeaderFactory(factory.django.DjangoModelFactory[Leader]):
    class Meta:
        model = Leader

    authority = factory.SubFactory(AuthorityFactory)
    name = factory.Faker("name", locale="de_DE")
    office = Leader.Office.MAYOR
    since = datetime.date(2020, 11, 1)
    email = factory.Sequence(lambda n: f"buergermeister{n}@kommune.example")


class ApplicationFactory(factory.django.DjangoModelFactory[Application]):
    """A submitted application that meets the network's criteria."""

    class Meta:
        model = Application

    authority = factory.SubFactory(AuthorityFactory)
    submitted_by = factory.SubFactory(UserFactory)
    status = Application.Status.SUBMITTED
    contact_person = factory.SubFactory(
        ContactPersonFactory, authority=factory.SelfAttribute("..authority")
    )
    cross_cutting = (
        "Die Engagementförderung ist als Querschnittsaufgabe bei der Stabsstelle verankert."
    )
    volunteer_card = VolunteerCardStatus.PARTICIPATING
    motivation = "Austausch mit anderen Kommunen."
    accepts_declaration = True


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    """A current membership (set `until` and `end_reason` for a past one)."""

    class Meta:
        model = Membership

    authority = factory.SubFactory(AuthorityFactory)
    since = datetime.date(2015, 6, 1)
    until = None


class DeclarationFactory(factory.django.DjangoModelFactory[Declaration]):
    class Meta:
        model = Declaration
        django_get_or_create = ("version",)

    title = "Zukunftsfaktor Bürgerengagement – Gemeinsam und vernetzt handeln"
    version = factory.Sequence(lambda n: f"{2012 + n}")
    adopted = datetime.date(2012, 3, 1)
    text = "Wir setzen uns gemeinsam für bürgerschaftliches Engagement ein."


class SigningWaveFactory(factory.django.DjangoModelFactory[SigningWave]):
    class Meta:
        model = SigningWave

    declaration = factory.SubFactory(DeclarationFactory)
    date = datetime.date(2016, 9, 15)
    date_precision = SigningWave.Precision.DAY
    occasion = factory.Sequence(lambda n: f"Netzwerktreffen {n}")
    place = "Düsseldorf"


class SignatureFactory(factory.django.DjangoModelFactory[Signature]):
    """An authority's signature (pass `authority=None, organisation=…` for an organisation)."""

    class Meta:
        model = Signature

    wave = factory.SubFactory(SigningWaveFactory)
    authority = factory.SubFactory(AuthorityFactory)
    organisation = None
    signed_by = factory.Faker("name", locale="de_DE")
    signer_role = "Bürgermeisterin"


class PartnershipFactory(factory.django.DjangoModelFactory[Partnership]):
    class Meta:
        model = Partnership

    organisation = factory.SubFactory(OrganisationFactory)
    role = Partnership.Role.FACILITATOR
    since = 2012
    contact_name = factory.Faker("name", locale="de_DE")
    contact_email = factory.Sequence(lambda n: f"partner{n}@example.org")
