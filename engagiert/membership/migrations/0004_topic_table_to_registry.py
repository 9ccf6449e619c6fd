"""First step of moving Topic to the registry: its table takes the registry's name.

The rows, their ids and every link to them stay; registry 0004 then takes the model over.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0003_copy_authority_texts"),
    ]

    operations = [migrations.AlterModelTable(name="topic", table="registry_topic")]
