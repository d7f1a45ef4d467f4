"""Query parameters are given once, with a value, or not at all.

DRF and django-filter read ``request.query_params`` leniently: an empty ``?status=``
or ``?page=`` means "no filter" or page 1, and of a repeated ``?page=1&page=9`` the
last wins. The schema types each parameter as one value, and no API parameter takes
several, so such a query is malformed and is answered 400 with the documented
ValidationError body, naming the parameter, rather than guessed at.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rest_framework.exceptions import ValidationError

if TYPE_CHECKING:
    from django.http import QueryDict
    from rest_framework.request import Request
    from rest_framework.views import APIView

    # Mixed into DRF views: mypy reads it as one, so it knows ``self.request``.
    _MixinBase = APIView
else:
    _MixinBase = object

REPEATED = "Give this parameter once."
EMPTY = "Give this parameter a value, or leave it out."


def query_errors(query: QueryDict) -> dict[str, list[str]]:
    errors = {}
    for name, values in query.lists():
        if len(values) > 1:
            errors[name] = [REPEATED]
        elif not values[0]:
            errors[name] = [EMPTY]
    return errors


class StrictQueryMixin(_MixinBase):
    """Refuses a malformed query after authentication, permissions and throttles.

    Checked there, as DRF checks a body, so a caller without access still gets 403.
    """

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if not hasattr(self, (request.method or "").lower()):
            return  # the method's 405 comes first
        errors = query_errors(request.query_params)
        if errors:
            raise ValidationError(errors)
