"""Signed links that carry one short text (a card number, an address) for one purpose: the
salt names the purpose, so a link made for one never works for another. Without a time limit;
for links that expire or carry more, use `django.core.signing.TimestampSigner` directly."""

from django.core import signing


def link_token(value: str, *, salt: str) -> str:
    """A URL-safe token standing for `value`."""
    return signing.dumps(value, salt=salt, compress=True)


def link_value(token: str, *, salt: str) -> str | None:
    """The text a token stands for, or None when it was altered or made for another purpose."""
    try:
        return str(signing.loads(token, salt=salt))
    except signing.BadSignature:
        return None
