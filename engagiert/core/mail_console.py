"""The development mail backend: one line per sent mail on the console (to whom, subject), so
that `make run` stays readable. EMAIL_CONSOLE_FULL=1 prints whole messages instead (Django's
console backend)."""

from django.core.mail.backends.console import EmailBackend
from django.core.mail.message import EmailMessage
from django.utils.translation import gettext as _


class SummaryEmailBackend(EmailBackend):
    def write_message(self, message: EmailMessage) -> None:
        recipients = ", ".join(message.recipients())
        self.stream.write(
            _("Mail to %(to)s: %(subject)s") % {"to": recipients, "subject": message.subject} + "\n"
        )
