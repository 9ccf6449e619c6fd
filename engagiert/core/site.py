from django.conf import settings


def site_domain() -> str:
    """The platform's host name (from SITE_URL), for Message-IDs, List-Id and calendar UIDs."""
    return settings.SITE_URL.split("://")[-1].split("/")[0].split(":")[0] or "localhost"


def absolute_url(path: str) -> str:
    """A path of this site as an address that works elsewhere (feeds, open data, mail)."""
    return f"{settings.SITE_URL}{path}"
