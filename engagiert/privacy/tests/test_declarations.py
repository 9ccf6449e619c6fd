"""Every model of the project that holds personal data is declared (`personal_data`).

The rule that finds personal fields, so a new model cannot be forgotten:
- a foreign key or one-to-one field to the user model (the row names an account);
- an e-mail field;
- a text or date field whose name contains one of PERSON_WORDS (name, phone, street, postcode,
  address, birth, contact …), split at underscores (»contact_name«, »birth_date«, »to_name«).
A model with such a field must be declared by some `personal_data` entry whose `fields` name
it. A field that matches the rule but holds no personal data (the name of an authority or of
a topic) is listed in NOT_PERSONAL with the reason.
"""

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from engagiert.core.extensions import personal_data

PERSON_WORDS = frozenset(
    {"name", "names", "phone", "street", "postcode", "address", "birth", "contact", "signed"}
)

#: "<app label>.<Model>.<field>": why it is not personal data.
NOT_PERSONAL = {
    "registry.Authority.name": "the name of a local authority",
    "registry.Topic.name": "a topic of the vocabulary",
    "registry.Organisation.name": "the name of an organisation",
    "audiences.Segment.name": "the name of an audience segment",
    "events.Event.venue_name": "a venue",
    "events.Event.venue_address": "the address of a venue, not of a person",
    "volunteercard.Issuer.contact_email": "the functional mailbox of the issuing authority",
    "mailings.Mailing.reply_to": "the network office's functional mailbox for answers",
    "volunteercard.RuleSet.name": "the name of a set of rules",
    "volunteercard.PartnerLocation.name": "the name of a place where a benefit is granted",
    "volunteercard.PartnerLocation.street": "the address of a business, not of a person",
    "volunteercard.PartnerLocation.postcode": "the address of a business, not of a person",
    "opportunities.Opportunity.address": "where the engagement takes place",
    "opportunities.ActionPlace.name": "the name of a place of an action day",
    "opportunities.ActionPlace.address": "the address of a place of an action day",
    "opportunities.CorporateNeed.address": "where a company's engagement takes place",
    "impact.IndicatorVersion.name": "the name of an indicator",
    "impact.IndicatorVersion.source_name": "the name of a statistical source",
    "api.ApiToken.name": "what an integration is called (»CMS«), not a person",
    "api.WebhookSubscription.name": "what a webhook is called (»Website«), not a person",
    "search.SearchEntry.title": "derived from the apps' documents, rebuilt from them",
    "contacts.Tag.name": "a keyword the office gives people (»Steuerungsgruppe«)",
}


def _is_personal(field: models.Field) -> bool:
    if field.is_relation:
        return field.related_model is apps.get_model(settings.AUTH_USER_MODEL) and (
            field.many_to_one or field.one_to_one
        )
    if isinstance(field, models.EmailField):
        return True
    if isinstance(field, models.CharField | models.TextField | models.DateField):
        return bool(PERSON_WORDS & set(field.name.split("_")))
    return False


def _project_models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith("engagiert.") and not model._meta.auto_created
    ]


def personal_fields(model: type[models.Model]) -> set[str]:
    label = model._meta.label
    return {
        field.name
        for field in model._meta.get_fields()
        if getattr(field, "concrete", False)
        and _is_personal(field)
        and f"{label}.{field.name}" not in NOT_PERSONAL
    }


def _declared() -> dict[str, set[str]]:
    fields: dict[str, set[str]] = {}
    for declaration in personal_data:
        fields.setdefault(declaration.model, set()).update(declaration.fields)
    return fields


def test_the_rule_finds_personal_fields():
    User = apps.get_model(settings.AUTH_USER_MODEL)
    Registration = apps.get_model("events.Registration")

    assert personal_fields(User) >= {"email", "first_name", "last_name"}
    assert personal_fields(Registration) >= {"user", "name", "email"}
    assert personal_fields(apps.get_model("registry.Authority")) == set()


def test_every_model_with_personal_fields_is_declared():
    declared = _declared()
    missing = [
        f"{model._meta.label}: {', '.join(sorted(fields))}"
        for model in _project_models()
        if (fields := personal_fields(model)) and model._meta.label not in declared
    ]

    assert missing == [], "declare these models in their app's apps.py (personal_data)"


def test_every_personal_field_of_a_declared_model_is_named_in_a_declaration():
    declared = _declared()
    missing = [
        f"{model._meta.label}.{name}"
        for model in _project_models()
        if model._meta.label in declared
        for name in sorted(personal_fields(model) - declared[model._meta.label])
    ]

    assert missing == []


@pytest.mark.parametrize(("key", "declaration"), personal_data.items())
def test_a_declaration_names_existing_fields_and_says_why(key, declaration):
    model = apps.get_model(declaration.model)

    for name in declaration.fields:
        model._meta.get_field(name)
    assert key.split(".")[0] == model._meta.app_label
    assert all((declaration.purpose, declaration.legal_basis, declaration.retention))


def test_the_exceptions_name_existing_fields():
    for entry in NOT_PERSONAL:
        app_model, name = entry.rsplit(".", 1)
        apps.get_model(app_model)._meta.get_field(name)
