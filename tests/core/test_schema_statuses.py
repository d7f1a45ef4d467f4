"""The schema lists, for each operation, every error status it can answer, with its body.

The expectations are written from the views here, not read from core/schema.py, so a
new endpoint (or a change to the hook) that leaves a status undocumented fails.
"""

from __future__ import annotations

from typing import Any

import pytest
from drf_spectacular.generators import SchemaGenerator

WRITES = {"post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return SchemaGenerator().get_schema(request=None, public=True)


def operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
    ]


def error_body(schema: dict[str, Any], response: dict[str, Any]) -> dict[str, Any]:
    ref = response["content"]["application/json"]["schema"]["$ref"]
    return schema["components"]["schemas"][ref.rsplit("/", 1)[1]]


def test_every_operation_documents_its_error_statuses(schema) -> None:
    missing = []
    for path, method, operation in operations(schema):
        expected = set()
        if method in WRITES or operation.get("parameters"):
            expected |= {"400", "404"}
        if method in WRITES:
            expected.add("409")
        if "requestBody" in operation:
            expected.add("415")
        if operation.get("security") != [] and {} not in operation.get("security", [{}]):
            expected.add("403")
        absent = expected - set(operation["responses"])
        if absent:
            missing.append(f"{method.upper()} {path}: {sorted(absent)}")

    assert not missing, "\n".join(missing)


def test_every_error_status_has_a_json_body_with_its_detail(schema) -> None:
    for path, method, operation in operations(schema):
        for code, response in operation["responses"].items():
            if code.startswith("4"):
                body = error_body(schema, response)
                assert "detail" in body["properties"], f"{method.upper()} {path} {code}"


def test_a_validation_error_names_its_fields_and_a_refusal_says_why(schema) -> None:
    start = schema["paths"]["/api/v1/evaluations/start/"]["post"]["responses"]

    assert error_body(schema, start["400"])["additionalProperties"] is True
    assert error_body(schema, start["409"])["required"] == ["detail"]


def test_the_anonymous_survey_submit_documents_throttling_and_a_spent_code_but_no_login(
    schema,
) -> None:
    responses = schema["paths"]["/api/v1/surveys/responses/"]["post"]["responses"]

    assert {"201", "400", "404", "409", "415", "429"} <= set(responses)
    assert "403" not in responses


def test_an_operation_without_parameters_documents_no_404(schema) -> None:
    responses = schema["paths"]["/api/v1/me/"]["get"]["responses"]

    assert set(responses) == {"200", "403"}


def test_a_body_is_documented_in_the_one_encoding_that_can_carry_it(schema) -> None:
    encodings = {
        f"{method.upper()} {path}": list(operation["requestBody"]["content"])
        for path, method, operation in operations(schema)
        if "requestBody" in operation
    }

    assert encodings["POST /api/v1/activity/incidents/new/"] == ["application/json"]
    assert encodings["POST /api/v1/training/imports/upload/"] == ["multipart/form-data"]
    assert all(len(types) == 1 for types in encodings.values()), encodings
