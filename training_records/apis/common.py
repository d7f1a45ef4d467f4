"""What the training API views share: roles, query parsing, file downloads."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter

from core.errors import ApplicationError
from roster.models import Role
from training_records import exports

if TYPE_CHECKING:
    from rest_framework.request import Request

MANAGERS = (Role.SUPERVISOR, Role.COORDINATOR)


def query_day(request: Request, name: str, default: datetime.date) -> datetime.date:
    value = request.query_params.get(name)
    if not value:
        return default
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ApplicationError(f"{name} must be a date written YYYY-MM-DD.") from None


def file_format(request: Request) -> str:
    fmt = request.query_params.get("file_format", "xlsx")
    if fmt not in ("xlsx", "csv"):
        raise ApplicationError("file_format must be xlsx or csv.")
    return fmt


def download(export: exports.ExportFile) -> HttpResponse:
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


FILE_FORMAT = OpenApiParameter(
    "file_format", str, enum=["xlsx", "csv"], description="xlsx (default) or csv"
)
FILE_RESPONSES = {(200, exports.XLSX_TYPE): bytes, (200, "text/csv"): bytes}
ON_DATE = OpenApiParameter(
    "on", datetime.date, description="The day to judge compliance on (default today)"
)
