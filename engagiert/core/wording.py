"""Messages that installed packages translate informally or differently from Django.

REST framework's German catalogue addresses the reader with »du« (»Gib eine gültige URL ein.«)
and, being an app's catalogue, outranks Django's own for the same message, so the site's forms
would change their tone once it was installed. The project's catalogue outranks both: the
messages below carry the formal German there. `core/tests/test_wording.py` fails when a package
brings another such message.
"""

from django.utils.translation import gettext_noop

MESSAGES = (
    # Shared with Django's catalogue: Django's formal wording.
    gettext_noop("Enter a valid URL."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("No file was submitted."),
    gettext_noop("None"),
    gettext_noop("The submitted file is empty."),
    gettext_noop(
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
    ),
    # REST framework's own, said formally.
    gettext_noop("Ensure that there are no more than {max_decimal_places} decimal places."),
    gettext_noop("Ensure that there are no more than {max_digits} digits in total."),
    gettext_noop(
        "Ensure that there are no more than {max_whole_digits} digits before the decimal point."
    ),
    gettext_noop("Ensure this field has at least {min_length} characters."),
    gettext_noop("Ensure this field has no more than {max_length} characters."),
    gettext_noop("Ensure this filename has at most {max_length} characters (it has {length})."),
    gettext_noop("Ensure this value is greater than or equal to {min_value}."),
    gettext_noop("Ensure this value is less than or equal to {max_value}."),
    gettext_noop(
        'Enter a valid "slug" consisting of Unicode letters, numbers, underscores, or hyphens.'
    ),
    gettext_noop('Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.'),
)
