"""The info-mail's text: the platform's limited markup (`core.markup`), as HTML and plain text."""

from engagiert.core.markup import to_html, to_text

__all__ = ["to_html", "to_text"]
