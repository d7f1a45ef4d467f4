"""The project's URLs plus the baseline: a bare Django view that inserts one row.

The baseline gets every advantage the submit path takes: the very cursor the submit
path uses (``_submit_cursor``: no per-request ``SELECT 1`` health check, the statement
prepared on the server once per connection), and one autocommit statement per request.
"""

from __future__ import annotations

import json
import uuid

from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from config.urls import urlpatterns as project_urlpatterns
from surveys.services.response_storage import _submit_cursor

BASELINE_TABLE = "bench_survey_baseline"


@csrf_exempt
def bare_insert(request: HttpRequest) -> JsonResponse:
    payload = json.loads(request.body)
    with _submit_cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {BASELINE_TABLE} (id, body) VALUES (%s, %s)",  # noqa: S608 - a constant name
            [uuid.uuid4(), json.dumps(payload)],
        )
    return JsonResponse({"stored": True}, status=201)


urlpatterns = [path("bench/bare-insert/", bare_insert), *project_urlpatterns]
