"""Every error of the API as a problem (RFC 9457, `application/problem+json`), in German.

`{"type", "title", "status", "detail", "instance"}`, and for invalid input the fields at fault:
`"errors": [{"field": "kind", "message": "…"}]` (`field` is null for an error of the whole
request). Used for REST framework's errors, a Django 404 under /api/ and unexpected errors (500,
logged with the traceback like any other server error)."""

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import exception_handler as rest_exception_handler

CONTENT_TYPE = "application/problem+json"
logger = logging.getLogger("django.request")

TITLES = {
    400: _("The request is not valid"),
    401: _("Authentication required"),
    403: _("Access denied"),
    404: _("Not found"),
    405: _("Method not allowed"),
    406: _("Format not available"),
    415: _("Unsupported media type"),
    429: _("Too many requests"),
    500: _("Server error"),
}


def problem(
    status: int, *, detail: str, instance: str = "", errors: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The body of a problem answer."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": str(TITLES.get(status, TITLES[500 if status >= 500 else 400])),
        "status": status,
        "detail": detail,
        "instance": instance,
    }
    if errors is not None:
        body["errors"] = errors
    return body


def _field_name(parent: str | None, key: str) -> str | None:
    if key in {"non_field_errors", "__all__"}:
        return parent
    return f"{parent}.{key}" if parent else key


def field_errors(detail: Any, field: str | None = None) -> list[dict[str, Any]]:
    """REST framework's nested error detail as a flat list of (field, message)."""
    if isinstance(detail, dict):
        return [
            error
            for key, value in detail.items()
            for error in field_errors(
                value,
                None
                if key in {"non_field_errors", "__all__"}
                else f"{field}.{key}"
                if field
                else key,
            )
        ]
    if isinstance(detail, list):
        return [error for item in detail for error in field_errors(item, field)]
    return [{"field": field, "message": str(detail)}]


def _as_api_exception(exc: Exception) -> exceptions.APIException | None:
    if isinstance(exc, exceptions.APIException):
        return exc
    if isinstance(exc, Http404):
        return exceptions.NotFound(str(exc.args[0]) if exc.args else None)
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied(str(exc.args[0]) if exc.args else None)
    if isinstance(exc, DjangoValidationError):
        messages = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        return exceptions.ValidationError(messages)
    return None


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    """REST framework's EXCEPTION_HANDLER: every error becomes a problem."""
    request = context.get("request")
    instance = request.path if request is not None else ""
    api_exception = _as_api_exception(exc)
    if api_exception is None:
        logger.error("Internal Server Error: %s", instance, exc_info=exc)
        body = problem(500, detail=gettext("An unexpected error occurred."), instance=instance)
        return Response(body, status=500, content_type=CONTENT_TYPE)
    response = rest_exception_handler(api_exception, context)
    assert response is not None  # an APIException always gets an answer
    status = response.status_code
    if isinstance(api_exception, exceptions.ValidationError):
        body = problem(
            status,
            detail=gettext("Some values are not valid; see »errors«."),
            instance=instance,
            errors=field_errors(api_exception.detail),
        )
    else:
        body = problem(status, detail=str(api_exception.detail), instance=instance)
    response.data = body
    response.content_type = CONTENT_TYPE
    return response


def not_found_view(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """An address under /api/v1/ that names no resource."""
    body = problem(
        404,
        detail=gettext("There is no resource at this address."),
        instance=request.path,
    )
    return JsonResponse(
        body, status=404, content_type=CONTENT_TYPE, json_dumps_params={"ensure_ascii": False}
    )


class FieldErrorSerializer(serializers.Serializer):
    field = serializers.CharField(allow_null=True, help_text=_("The query parameter or field."))
    message = serializers.CharField()


class ProblemSerializer(serializers.Serializer):
    """The documented shape of a problem answer (for the schema)."""

    type = serializers.CharField(default="about:blank")
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField()
    errors = FieldErrorSerializer(many=True, required=False)
