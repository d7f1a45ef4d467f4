"""Page numbers parse strictly: ``?page=abc`` is a malformed query (400), not a page."""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class StrictPageNumberPagination(PageNumberPagination):
    """DRF answers a page that is not a number 404 "Invalid page", as if past the end,
    and reads ``?page=last`` although the schema types the page as an integer.

    A page past the end is still 404; one that is not a whole number from 1 is 400.
    """

    def get_page_number(self, request: Any, paginator: Any) -> int:
        value = request.query_params.get(self.page_query_param, "1")
        if not (value.isascii() and value.isdigit() and int(value) > 0):
            raise ValidationError({self.page_query_param: ["Must be a whole number from 1."]})
        return int(value)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters
