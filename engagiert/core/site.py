from django.conf import settings


def site_domain() -> str:
    """The platform's host name (from SITE_URL), for Message-IDs, List-Id and calendar UIDs."""
    return settings.SITE_URL.split("://")[-1].split("/")[0].split(":")[0] or "localhost"
