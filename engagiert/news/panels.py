"""The news panels: the latest articles on the public start page and on a municipality's page."""

from django.utils.translation import gettext as _

from engagiert.core.extensions import Panel, PanelRequest, Place

from . import queries

#: Articles on the start page.
HOME_COUNT = 3
#: Articles on a municipality's page.
AUTHORITY_COUNT = 5


def for_place(request: PanelRequest) -> list[Panel]:
    if request.place == Place.HOME:
        articles = list(queries.published(request.user)[:HOME_COUNT])
        heading = _("News")
    elif request.place == Place.AUTHORITY_DETAIL and request.authority is not None:
        articles = list(
            queries.published(request.user, authority=request.authority)[:AUTHORITY_COUNT]
        )
        heading = _("News from %(name)s") % {"name": request.authority.name}
    else:
        return []
    if not articles:
        return []
    return [Panel("news/_panel.html", {"articles": articles, "heading": heading})]
