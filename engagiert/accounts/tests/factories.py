import factory
import pyotp

from engagiert.accounts.models import TwoFactor, User

PASSWORD = "ein-sicheres-Passwort-2026"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name", locale="de_DE")
    last_name = factory.Faker("last_name", locale="de_DE")
    password = factory.django.Password(PASSWORD)


class TwoFactorFactory(factory.django.DjangoModelFactory[TwoFactor]):
    """An authenticator app already set up; `pyotp.TOTP(device.secret).now()` is its code."""

    class Meta:
        model = TwoFactor

    user = factory.SubFactory(UserFactory)
    secret = factory.LazyFunction(pyotp.random_base32)
