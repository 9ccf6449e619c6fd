"""Every log line of a request carries that request's id (also sent as X-Request-ID)."""

import logging
import re
import uuid
from contextvars import ContextVar

from django.http import HttpRequest

#: The id of the request being handled; "-" outside a request (workers, commands).
current_request_id: ContextVar[str] = ContextVar("current_request_id", default="-")

_PROXY_ID = re.compile(r"[A-Za-z0-9._-]{8,128}")


def request_id_for(request: HttpRequest, *, trust_proxy: bool) -> str:
    """The id the trusted reverse proxy assigned, if it sent a well-formed one; else a new one."""
    incoming = request.headers.get("X-Request-ID", "")
    if trust_proxy and _PROXY_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record, for the formatter."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id.get()
        return True
