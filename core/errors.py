"""The one domain error that pages and APIs turn into a clear message."""

from __future__ import annotations


class ApplicationError(Exception):
    """A rule of the product refused the request; ``message`` is shown to the user.

    ``status`` is the HTTP status an API answers with: 400 for bad input, 409 for a
    conflict with the current state (a locked record, a concurrent edit).
    """

    def __init__(self, message: str, *, status: int = 400, extra: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.extra = extra or {}


class ConflictError(ApplicationError):
    def __init__(self, message: str, *, extra: dict | None = None) -> None:
        super().__init__(message, status=409, extra=extra)
