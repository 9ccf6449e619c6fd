"""The outbox's own message building agrees with Django's on every address."""

from collections.abc import Callable

import pytest
from django.core.mail.message import sanitize_address
from hypothesis import example, given
from hypothesis import strategies as st

from engagiert.core.mime import envelope_address

#: Characters of addresses, the troublesome ones included (quotes, brackets, spaces, dots, @,
#: line breaks, umlauts).
CHARACTERS = st.sampled_from(list("aZ09.-_+!#'\"()<>[]:;, @\r\n\täüßé"))


def _outcome(check: Callable[[str], str], address: str) -> str | type[Exception]:
    """What `check` makes of the address, or the kind of error it refuses it with."""
    try:
        return check(address)
    except ValueError:  # BadHeaderError is one
        return ValueError
    except AttributeError:  # the email package trips over some malformed addresses
        return AttributeError


def _django(address: str) -> str:
    return sanitize_address(address, "utf-8")


@given(
    local=st.text(CHARACTERS, min_size=1, max_size=12),
    domain=st.text(CHARACTERS, min_size=1, max_size=12),
)
@example(local="a.b", domain="EXAMPLE.org")
@example(local="a..b", domain="example.org")
@example(local="a", domain="b.de.")
@example(local="x", domain="a" * 64 + ".de")
@example(local="jürgen", domain="example.org")
@example(local="a", domain="münchen.de")
@example(local="Jo Berg <jo", domain="example.org>")
@example(local="0", domain="\r")
def test_an_address_is_checked_and_encoded_as_django_does(local, domain):
    """Django's answer, except that a line break is always refused (header injection)."""
    address = f"{local}@{domain}"
    line_break = "\r" in address or "\n" in address

    assert _outcome(envelope_address, address) == (
        ValueError if line_break else _outcome(_django, address)
    )


@pytest.mark.parametrize(
    "address", ["kontakt@koeln.de", "a.b+info@sub.example.org", "o'brien@x-y.de"]
)
def test_a_plain_address_goes_out_as_written(address):
    assert envelope_address(address) == address
