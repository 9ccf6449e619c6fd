import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

#: Digits with the usual separators, e.g. »0221 / 42 06 07-34« or »+49 2373 903 1302«.
phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()/\-]{4,28}[0-9]$",
    _("Please enter a phone number with digits only and spaces, / or - , e.g. 02373 903-1302."),
)

#: Control characters (line breaks, tabs, NUL …) and Unicode line and paragraph separators.
_CONTROL_CATEGORIES = frozenset({"Cc", "Zl", "Zp"})


def no_control_characters(value: str) -> None:
    """One line of plain text: for every field that can end up in an e-mail header (a subject,
    a recipient's name), where a line break would make the message unsendable."""
    if any(unicodedata.category(character) in _CONTROL_CATEGORIES for character in value):
        raise ValidationError(
            _("Please write this on one line, without line breaks or control characters."),
            code="control_characters",
        )
