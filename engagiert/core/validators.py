from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

#: Digits with the usual separators, e.g. »0221 / 42 06 07-34« or »+49 2373 903 1302«.
phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()/\-]{4,28}[0-9]$",
    _("Please enter a phone number with digits only and spaces, / or - , e.g. 02373 903-1302."),
)
