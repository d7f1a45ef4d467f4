"""One cell read with its parser; a problem is collected with its row and column, not raised."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core.tabular import CellError
from core.tabular_cells import CellProblem


def read_cell(
    number: int,
    cells: dict,
    name: str,
    parse: Callable[..., Any],
    column: Callable[[str], str],
    errors: list[CellError],
    **kwargs: Any,
) -> Any:
    try:
        return parse(cells.get(name), **kwargs)
    except CellProblem as problem:
        errors.append(CellError(number, column(name), str(problem)))
        return None
