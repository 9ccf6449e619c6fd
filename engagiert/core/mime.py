"""An outbox message as the bytes an SMTP server receives, built without the email package's
generic header folding (which costs more than sending the message).

The result is what Django's EmailMultiAlternatives would send: UTF-8 text (and HTML) as 8bit,
quoted-printable when a line is too long for SMTP; non-ASCII header values as encoded words;
addresses checked by Django's `sanitize_address`. A line break in any header value is refused
(header injection), like Django does.
"""

import functools
import re
import uuid
from email import charset as email_charset
from email.header import Header
from email.utils import formataddr, formatdate

from django.conf import settings
from django.core.mail import BadHeaderError
from django.core.mail.message import sanitize_address

_UTF8_QP = email_charset.Charset("utf-8")
_UTF8_QP.body_encoding = email_charset.QP
#: Encoded words in quoted-printable (readable, and cheaper than trying both encodings).
_UTF8_HEADER = email_charset.Charset("utf-8")
_UTF8_HEADER.header_encoding = email_charset.QP
#: SMTP's limit for a line, in bytes, without the line end.
_LONGEST_LINE = 998


def _one_line(value: str, name: str = "") -> None:
    """Refuse a line break in a header value (Django's own check and message)."""
    if "\n" in value or "\r" in value:
        raise BadHeaderError(f"Header values can't contain newlines (got {value!r} for {name!r})")


@functools.lru_cache(maxsize=256)
def header_value(name: str, value: str) -> str:
    """A header value as it goes on the wire; refuses line breaks."""
    _one_line(value, name)
    if value.isascii():  # folded only past SMTP's line limit (a long link stays one line)
        return value if len(value) + len(name) + 2 <= _LONGEST_LINE else Header(value).encode()
    return Header(value, _UTF8_HEADER, header_name=name).encode()


#: An address that Django's `sanitize_address` returns as it is: ASCII dot-atoms before the @,
#: ASCII labels of at most 63 characters after it. Nearly every recipient's address is one, and
#: parsing it costs a worker more than sending it over a local connection.
_PLAIN_ADDRESS = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*"
)


def envelope_address(address: str) -> str:
    """An address (with or without a name) checked and encoded as Django's SMTP backend does."""
    return address if _PLAIN_ADDRESS.fullmatch(address) else _sanitized(address)


@functools.lru_cache(maxsize=64)
def _sanitized(address: str) -> str:
    _one_line(address)
    return sanitize_address(address, settings.DEFAULT_CHARSET)


def recipient(name: str, email: str) -> str:
    """The To header's value: the name (quoted or encoded as needed) and the address."""
    address = envelope_address(email)
    if not name:
        return address
    _one_line(name, "To")
    return formataddr((name, address), charset=_UTF8_HEADER)


def _part(content_type: str, body: str) -> bytes:
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    data = text.encode()
    if any(len(line) > _LONGEST_LINE for line in data.split(b"\n")):
        encoding, data = "quoted-printable", _UTF8_QP.body_encode(text).encode("ascii")
    else:
        encoding = "8bit"
    lines = data.replace(b"\r\n", b"\n").split(b"\n")
    head = f'Content-Type: {content_type}; charset="utf-8"\r\nContent-Transfer-Encoding: {encoding}'
    return head.encode() + b"\r\n\r\n" + b"\r\n".join(lines)


def message_bytes(
    *,
    sender: str,
    to_name: str,
    to_email: str,
    subject: str,
    text: str,
    html: str,
    headers: dict[str, str],
) -> bytes:
    """The whole message, CRLF line ends, ready for `smtplib.SMTP.sendmail`."""
    fields = {
        "Subject": header_value("Subject", subject),
        "From": envelope_address(sender),
        "To": recipient(to_name, to_email),
        "Date": formatdate(localtime=settings.EMAIL_USE_LOCALTIME),
        "MIME-Version": "1.0",
    }
    for name, value in headers.items():
        # An address header is checked and encoded like the sender's (header injection, IDN).
        address = name.lower() == "reply-to"
        fields[name] = envelope_address(str(value)) if address else header_value(name, str(value))
    head = "".join(f"{name}: {value}\r\n" for name, value in fields.items()).encode()
    body = _part("text/plain", text)
    if not html:
        return head + body
    boundary = f"===============engagiert-{uuid.uuid4().hex}=="
    content_type = f'Content-Type: multipart/alternative; boundary="{boundary}"\r\n\r\n'
    separator = f"\r\n--{boundary}\r\n".encode()
    return (
        head
        + content_type.encode()
        + separator[2:]
        + body
        + separator
        + _part("text/html", html)
        + f"\r\n--{boundary}--\r\n".encode()
    )
