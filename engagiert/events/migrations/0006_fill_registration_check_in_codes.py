"""Existing registrations get their own check-in code (the badges used the personal token)."""

import secrets

from django.db import migrations


def fill(apps, schema_editor):
    Registration = apps.get_model("events", "Registration")
    for registration in Registration.objects.filter(check_in_code=None).only("pk"):
        registration.check_in_code = secrets.token_urlsafe(12)
        registration.save(update_fields=["check_in_code"])


class Migration(migrations.Migration):
    dependencies = [("events", '0005_registration_check_in_code')]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
