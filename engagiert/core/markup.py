"""The platform's limited markup: one plain source, rendered as sanitised HTML and as plain text.

The office writes paragraphs, **bold**, »- « lists and bare links (and, in long pages such as the
legal pages, »## « headings); nothing else is markup, and whatever HTML someone types is escaped
and then cleaned again by nh3 (no script, no styles). Info-mails and legal pages use it.
"""

import html
import re

import nh3

_LINK = re.compile(r"(https?://[^\s<>\"]+)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _inline(text: str) -> str:
    escaped = html.escape(text)
    escaped = _BOLD.sub(r"<strong>\1</strong>", escaped)
    return _LINK.sub(r'<a href="\1">\1</a>', escaped)


def to_html(source: str, *, headings: bool = False) -> str:
    """Paragraphs and lists as HTML, sanitised; with `headings`, a »## « line is a heading."""
    blocks = [block.strip("\n") for block in re.split(r"\n\s*\n", source.strip()) if block.strip()]
    parts = []
    for block in blocks:
        lines = block.splitlines()
        if headings and lines[0].startswith("## "):
            parts.append(f"<h2>{_inline(lines[0][3:].strip())}</h2>")
            lines = lines[1:]
            if not lines:
                continue
        if all(line.lstrip().startswith("- ") for line in lines):
            items = "".join(f"<li>{_inline(line.lstrip()[2:])}</li>" for line in lines)
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append("<p>" + "<br>".join(_inline(line) for line in lines) + "</p>")
    return nh3.clean(
        "".join(parts),
        tags={"p", "br", "strong", "ul", "li", "a", "h2"},
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
    )


def to_text(source: str) -> str:
    """The plain-text part: the source without the bold markers."""
    return _BOLD.sub(r"\1", source.strip())
