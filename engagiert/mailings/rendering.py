"""An info-mail as one recipient receives it, and its text in the platform's limited markup
(`core.markup`).

The preview and the sending use `render_mail` alike, so what the office sees is what arrives:
the automatic greeting (»Guten Tag <name>,«, or »Guten Tag,« without a name) when the
info-mail has one, the text, the footer with the links to read online and to unsubscribe.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string

from engagiert.core.markup import to_html, to_text

from .models import Mailing

__all__ = ["RenderedMail", "render_mail", "to_html", "to_text"]


@dataclass(frozen=True)
class RenderedMail:
    #: The plain-text part as sent.
    text: str
    #: The HTML part as sent: a whole document around `content`.
    html: str
    #: The HTML document's body: what the preview shows in the page.
    content: str


def render_mail(
    mailing: Mailing, *, name: str, unsubscribe_url: str, archive_url: str
) -> RenderedMail:
    context = {
        "mailing": mailing,
        "greeting": mailing.greeting,
        "name": name,
        "unsubscribe_url": unsubscribe_url,
        "html_body": to_html(mailing.body),
        "text_body": to_text(mailing.body),
        "archive_url": archive_url,
    }
    content = render_to_string("mailings/email/_mailing_content.html", context)
    return RenderedMail(
        text=render_to_string("mailings/email/mailing.txt", context),
        html=render_to_string("mailings/email/mailing.html", context | {"content": content}),
        content=content,
    )
