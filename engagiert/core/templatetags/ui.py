"""Template helpers for KERN UX markup."""

import html
import re

from django import template
from django.conf import settings
from django.forms import BoundField
from django.template.base import Parser, Token
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from engagiert.core.audit import ChangeLine, readable_changes
from engagiert.core.models import AuditEntry

register = template.Library()

_CLASS_BY_WIDGET = {
    "checkbox": "kern-form-check__checkbox",
    "radioselect": "kern-form-check__radio",
    "select": "kern-form-input__select",
    "selectmultiple": "kern-form-input__select",
}


@register.simple_tag
def kern_widget(field: BoundField) -> SafeString:
    """The input with KERN classes, and its hint and error tied to it for screen readers."""
    css = _CLASS_BY_WIDGET.get(field.widget_type, "kern-form-input__input")
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    attrs: dict[str, str | bool] = {"class": css}
    if field.errors:
        attrs["class"] = f"{css} {css}--error"
        attrs["aria-invalid"] = "true"
        described_by.insert(0, f"{field.auto_id}_error")
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def page_url(context: template.Context, number: int) -> str:
    """The current list URL with another page number, keeping the filters."""
    query = context.get("query", "")
    return f"?{query}&seite={number}" if query else f"?seite={number}"


@register.simple_tag
def map_tiles() -> dict[str, str] | None:
    """The tile server for maps, when the operator has switched one on (MAP_TILE_URL)."""
    if not settings.MAP_TILE_URL:
        return None
    return {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION}


@register.filter
def get_item(mapping: dict[str, object], key: str) -> object:
    """`{{ names|get_item:slug }}`: a dictionary lookup by a variable key."""
    return mapping.get(key)


@register.filter
def audit_changes(entry: AuditEntry) -> list[ChangeLine]:
    """The entry's changes as a person reads them (see core.audit.readable_changes)."""
    return readable_changes(entry)


_CAPTION = re.compile(r"<caption[^>]*>(.*?)</caption>", re.DOTALL)


class WideTableNode(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: template.Context) -> SafeString:
        content = self.nodelist.render(context)
        if not content.strip():
            return mark_safe("")  # noqa: S308 (nothing to wrap)
        caption = _CAPTION.search(content)
        label = html.unescape(strip_tags(caption.group(1))).strip() if caption else ""
        return format_html(
            '<div class="kern-table-responsive table-scroll" role="region" tabindex="0" '
            'aria-label="{}">{}</div>',
            label or gettext("Table"),
            mark_safe(content),  # noqa: S308 (rendered by the template engine, escaped there)
        )


@register.tag
def wide_table(parser: Parser, token: Token) -> WideTableNode:
    """`{% wide_table %}<table>…</table>{% endwide_table %}`: the one wrapper of every table.
    On a narrow screen the table scrolls sideways inside it, its cut edge fades (a sign that
    there is more), and it is a named region that the keyboard can reach and scroll; the name
    is the table's caption."""
    nodelist = parser.parse(("endwide_table",))
    parser.delete_first_token()
    return WideTableNode(nodelist)
