"""The OpenAPI schema: every operation documents its problem answers, every list its filters
(taken from the filter form of the resource, see `viewsets.PublicViewSet`)."""

from typing import Any, Literal

from django import forms
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework.permissions import AllowAny

from .problems import CONTENT_TYPE, TITLES, ProblemSerializer

#: Free text in a query: anything but the control characters core's middleware refuses.
NO_CONTROL_CHARACTERS = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"

#: Problem answers every operation may give; the ones of lists and writes (a bad filter or
#: body), of writes (a body that is no JSON), and of the operations that need a token.
PROBLEMS = (404, 405, 429, 500)
INPUT_PROBLEMS = (400,)
WRITE_PROBLEMS = (415,)
TOKEN_PROBLEMS = (401, 403)


def _choices(field: forms.ChoiceField) -> list[tuple[Any, Any]]:
    """The field's choices without the empty »all« choice."""
    choices = list(field.choices)  # type: ignore[arg-type]
    return [(value, label) for value, label in choices if value != ""]


def _field_schema(field: forms.Field) -> dict[str, Any]:
    if isinstance(field, forms.BooleanField):
        return {"type": "boolean"}
    if isinstance(field, forms.ChoiceField):
        values = [value for value, _label in _choices(field)]
        coerce = getattr(field, "coerce", None)
        schema: dict[str, Any] = {"type": "integer" if coerce is int else "string"}
        # Choices read from the database may be none yet: then only »no filter« is valid.
        schema["enum"] = [int(v) if coerce is int else str(v) for v in values] or [""]
        if not values:
            schema["type"] = "string"
        return schema
    if isinstance(field, forms.IntegerField):
        return {"type": "integer"}
    # The site refuses control characters in a URL (400) before any view sees them.
    pattern = field.regex.pattern if isinstance(field, forms.RegexField) else NO_CONTROL_CHARACTERS
    schema = {"type": "string", "pattern": pattern}
    if getattr(field, "max_length", None):
        schema["maxLength"] = field.max_length  # type: ignore[attr-defined]
    return schema


def _field_description(field: forms.Field) -> str:
    text = str(field.label or "")
    if field.help_text:
        text += f". {field.help_text}"
    if isinstance(field, forms.ChoiceField):
        choices = _choices(field)
        if 0 < len(choices) <= 12:
            text += ": " + "; ".join(f"`{value}` = {label}" for value, label in choices)
    return text


def form_parameters(form_class: type[forms.Form]) -> list[dict[str, Any]]:
    """The query parameters of a filter form, as OpenAPI parameter objects."""
    form = form_class()
    parameters = []
    for name, field in form.fields.items():
        schema = _field_schema(field)
        parameter = {
            "name": name,
            "in": "query",
            "required": False,
            "description": _field_description(field),
            "schema": schema,
        }
        if schema.get("enum", [""]) != [""]:
            parameter["example"] = schema["enum"][0]
        parameters.append(parameter)
    return parameters


class AutoSchema(SpectacularAutoSchema):
    def _get_filter_parameters(self) -> list[dict[str, Any]]:
        parameters = super()._get_filter_parameters()
        form_class = getattr(self.view, "filter_form_class", None)
        if form_class is not None and self._is_list_view():
            parameters += form_parameters(form_class)
        return parameters

    def _get_response_bodies(
        self, direction: Literal["request", "response"] = "response"
    ) -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        problem = self.resolve_serializer(ProblemSerializer, "response").ref
        writes = self.method != "GET"
        statuses: tuple[int, ...] = PROBLEMS
        statuses += INPUT_PROBLEMS if writes or self._is_list_view() else ()
        statuses += WRITE_PROBLEMS if writes else ()
        statuses += TOKEN_PROBLEMS if self._needs_token() else ()
        for status in statuses:
            responses.setdefault(
                str(status),
                {
                    "content": {CONTENT_TYPE: {"schema": problem}},
                    "description": str(TITLES[status]),
                },
            )
        return responses

    def _needs_token(self) -> bool:
        return any(
            permission is not AllowAny
            for permission in getattr(self.view, "permission_classes", ())
        )


class TokenScheme(OpenApiAuthenticationExtension):
    """The schema's description of the integrations' token (`Authorization: Bearer ek_…`)."""

    target_class = "engagiert.api.authentication.TokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "API-Token der Netzwerkstelle (ek_…), nur für Integrationen mit Scope.",
        }
