"""The opportunities of an area for other websites: an iframe page and JSON and RSS feeds.

Only the iframe page may be framed, by any site: it sets its own Content-Security-Policy with
`frame-ancestors *` (the site-wide policy, set only where a view has none, says 'none') and is
exempt from X-Frame-Options DENY. It shows public data only and has no forms, so being framed
offers no clickjacking target. Its links open our pages in a new tab.
"""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.feedgenerator import Rss201rev2Feed
from django.views.decorators.clickjacking import xframe_options_exempt

from engagiert.core.middleware import content_security_policy
from engagiert.registry.models import Authority

from .. import queries


def _area(ags: str) -> Authority:
    return get_object_or_404(Authority, ags=ags)


@xframe_options_exempt
def embed(request: HttpRequest, ags: str) -> HttpResponse:
    area = _area(ags)
    response = render(
        request,
        "opportunities/embed.html",
        {"area": area, "opportunities": queries.feed(area)},
    )
    response.headers["Content-Security-Policy"] = content_security_policy().replace(
        "frame-ancestors 'none'", "frame-ancestors *"
    )
    return response


def embed_json(request: HttpRequest, ags: str) -> JsonResponse:
    area = _area(ags)
    items = [
        {
            "id": o.pk,
            "title": o.title,
            "url": request.build_absolute_uri(o.get_absolute_url()),
            "organisation": str(o.provider),
            "topic": str(o.topic),
            "municipality": str(o.authority),
            "municipality_ags": o.authority_id,
            "latitude": o.latitude,
            "longitude": o.longitude,
            "schedule": o.schedule,
            "hours_per_week": float(o.hours_per_week) if o.hours_per_week is not None else None,
            "remote_possible": o.remote_possible,
            "starts_on": o.starts_on.isoformat() if o.starts_on else None,
            "ends_on": o.ends_on.isoformat() if o.ends_on else None,
            "published": o.created_at.isoformat(),
        }
        for o in queries.feed(area)
    ]
    response = JsonResponse({"area": {"ags": area.ags, "name": area.name}, "items": items})
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def embed_rss(request: HttpRequest, ags: str) -> HttpResponse:
    area = _area(ags)
    feed = Rss201rev2Feed(
        title=f"Engagementangebote – {area.name}",
        link=request.build_absolute_uri(f"/mitmachen/?ort={area.ags}"),
        description=f"Engagementangebote in {area.name}",
        language="de",
    )
    for o in queries.feed(area):
        feed.add_item(
            title=o.title,
            link=request.build_absolute_uri(o.get_absolute_url()),
            description=o.description[:500],
            pubdate=o.created_at,
            unique_id=request.build_absolute_uri(o.get_absolute_url()),
            categories=[str(o.topic)],
        )
    response = HttpResponse(content_type="application/rss+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response
