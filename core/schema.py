"""The OpenAPI schema documents every status an operation can answer, errors included.

drf-spectacular documents only the success status of an operation. The errors follow
from how every view is built (see core/api_errors.py and roster/permissions.py), so
they are derived here, once, from the view rather than repeated on each of them:

- 400: a write's body failed validation or a product rule refused it
  (``ApplicationError``), or a query parameter is malformed: empty, repeated or not of
  its type (core.api_query, core.filters, core.pagination);
- 403: a view that reads credentials refuses a missing or invalid one, or a user
  without one of the view's roles (SessionAuthentication comes first, so DRF answers
  403, never 401);
- 404: an id in the path, the body or the query is not one the user may see (scoped
  querysets make out-of-scope ids 404s), or a page is past the end;
- 409: a write conflicts with the current state (``ConflictError``: a locked record,
  a spent code, a concurrent edit);
- 415: a write's body is in a content type the view does not parse;
- 429: a throttled view refused the client for now.

An operation can add a status of its own with ``extend_schema(responses=...)``; what
it documents there is kept as it is.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import ResolvedComponent

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

ERROR = "Error"
VALIDATION_ERROR = "ValidationError"
ERROR_SCHEMAS: dict[str, dict[str, Any]] = {
    ERROR: {
        "type": "object",
        "description": "A refusal; ``detail`` says why. Some add fields of their own.",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
        "additionalProperties": True,
    },
    VALIDATION_ERROR: {
        "type": "object",
        "description": (
            "The fields that failed, each with its messages (nested for lists and"
            " objects); ``detail`` for a refusal of the whole request."
        ),
        "properties": {
            "detail": {
                "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]
            },
            "non_field_errors": {"type": "array", "items": {"type": "string"}},
        },
        "additionalProperties": True,
    },
}
DESCRIPTIONS = {
    "400": ("Invalid input, or refused by a rule of the product.", VALIDATION_ERROR),
    "403": ("Not signed in, or no role that may do this.", ERROR),
    "404": ("Not found, or not visible to you.", ERROR),
    "409": ("Conflicts with the current state (locked, already done, changed).", ERROR),
    "415": ("The body is not in a content type this operation reads.", ERROR),
    "429": ("Too many requests; try again later.", ERROR),
}


class AutoSchema(SpectacularAutoSchema):
    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        self._document_one_body_encoding(operation)
        self._document_query_values_not_empty(operation)
        responses = operation["responses"]
        for code in sorted(self.error_statuses(operation)):
            if code not in responses:
                description, name = DESCRIPTIONS[code]
                responses[code] = {
                    "description": description,
                    "content": {"application/json": {"schema": self._error_ref(name)}},
                }
        return operation

    def error_statuses(self, operation: dict[str, Any]) -> set[str]:
        """The error statuses the view answers, from how it is built (see the module)."""
        statuses = set()
        writes = self.method in WRITE_METHODS
        if writes or operation.get("parameters"):
            statuses |= {"400", "404"}
        if writes:
            statuses.add("409")
        if "requestBody" in operation:
            statuses.add("415")
        if self.view.get_authenticators() or not getattr(self.view, "public", False):
            statuses.add("403")
        if self.view.get_throttles():
            statuses.add("429")
        return statuses

    def _document_one_body_encoding(self, operation: dict[str, Any]) -> None:
        """A body is JSON, or multipart for an upload: not every type a parser reads.

        DRF's default parsers also read form encodings, but those can't carry a null, a
        list of objects or a nested object, so a schema-valid body sent that way was
        refused; the documented contract is the encoding that can carry the body.
        """
        content = operation.get("requestBody", {}).get("content", {})
        if "application/json" in content:
            keep = "application/json"
        elif "multipart/form-data" in content:  # an upload view parses only forms
            keep = "multipart/form-data"
        else:
            return
        for media_type in list(content):
            if media_type != keep:
                del content[media_type]

    def _document_query_values_not_empty(self, operation: dict[str, Any]) -> None:
        """An empty query value is refused (core.api_query): a string one has a character."""
        for parameter in operation.get("parameters", []):
            schema = parameter.get("schema", {})
            if (
                parameter["in"] == "query"
                and schema.get("type") == "string"
                and "enum" not in schema
            ):
                schema.setdefault("minLength", 1)

    def _error_ref(self, name: str) -> dict[str, str]:
        component = ResolvedComponent(
            name=name, type=ResolvedComponent.SCHEMA, object=name, schema=ERROR_SCHEMAS[name]
        )
        self.registry.register_on_missing(component)
        return component.ref
