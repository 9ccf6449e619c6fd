"""The officer's website and text move from the registry's Authority to the membership Profile."""

from django.db import migrations


def authority_to_profile(apps, schema_editor):
    Authority = apps.get_model("registry", "Authority")
    Profile = apps.get_model("membership", "Profile")
    db = schema_editor.connection.alias
    texts = Authority.objects.using(db).exclude(website="", description="")
    for ags, website, description in texts.values_list("ags", "website", "description"):
        Profile.objects.using(db).update_or_create(
            authority_id=ags, defaults={"website": website, "description": description}
        )


def profile_to_authority(apps, schema_editor):
    Authority = apps.get_model("registry", "Authority")
    Profile = apps.get_model("membership", "Profile")
    db = schema_editor.connection.alias
    texts = Profile.objects.using(db).exclude(website="", description="")
    for ags, website, description in texts.values_list("authority_id", "website", "description"):
        Authority.objects.using(db).filter(ags=ags).update(
            website=website, description=description
        )


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0002_profile_website_description"),
        ("registry", "0002_search_key_text"),
    ]

    operations = [migrations.RunPython(authority_to_profile, profile_to_authority)]
