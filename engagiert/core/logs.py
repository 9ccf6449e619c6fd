"""Every log line of a request carries that request's id (also sent as X-Request-ID), and so
does every log line of a task the request caused. In production the lines are JSON."""

import datetime
import functools
import json
import logging
import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ParamSpec, TypeVar

from django.db import transaction
from django.http import HttpRequest

P = ParamSpec("P")
R = TypeVar("R")

#: The id of the request being handled; "-" outside a request (workers, commands).
current_request_id: ContextVar[str] = ContextVar("current_request_id", default="-")

_PROXY_ID = re.compile(r"[A-Za-z0-9._-]{8,128}")


def request_id_for(request: HttpRequest, *, trust_proxy: bool) -> str:
    """The id the trusted reverse proxy assigned, if it sent a well-formed one; else a new one."""
    incoming = request.headers.get("X-Request-ID", "")
    if trust_proxy and _PROXY_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


class QuietStaticFilter(logging.Filter):
    """Drops the development server's lines for static files served fine (200, 304): a page
    asks for a dozen of them, and they would bury everything else `make run` prints."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) not in (200, 304):
            return True
        request_line = str(record.args[0]) if isinstance(record.args, tuple) and record.args else ""
        return " /static/" not in request_line


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record, for the formatter."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for log collectors: time (UTC, ISO 8601), level, logger,
    message, the request's id, and the traceback when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", current_request_id.get()),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


@contextmanager
def request_id_context(request_id: str) -> Iterator[None]:
    """Log under `request_id` inside the block (a task caused by that request)."""
    token = current_request_id.set(request_id)
    try:
        yield
    finally:
        current_request_id.reset(token)


def carries_request_id(function: Callable[P, R]) -> Callable[P, R]:
    """For a task function: run it under the id of the request that enqueued it (passed by
    `enqueue` as the keyword `request_id`), so that the worker's log lines name the request."""

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        request_id = kwargs.pop("request_id", "-")
        with request_id_context(str(request_id)):
            return function(*args, **kwargs)

    return run


def enqueue(task: Any, *args: Any, **kwargs: Any) -> Any:
    """Enqueue a task whose function `carries_request_id`, handing on the current request's id."""
    return task.enqueue(*args, request_id=current_request_id.get(), **kwargs)


def enqueue_on_commit(task: Any, *args: Any, **kwargs: Any) -> None:
    """`enqueue` once the surrounding transaction commits, under the id of the request now."""
    request_id = current_request_id.get()

    def run() -> None:
        with request_id_context(request_id):
            enqueue(task, *args, **kwargs)

    transaction.on_commit(run)


def task_started(sender: Any, task_result: Any, **kwargs: Any) -> None:
    """The worker's own lines about a task (e.g. »finished«) name the request that caused it."""
    current_request_id.set(str(task_result.kwargs.get("request_id", "-")))


def task_finished(sender: Any, task_result: Any, **kwargs: Any) -> None:
    current_request_id.set("-")
