"""Training logs and course catalogs read into validated rows, in one pass.

``training_log`` reads an agency's export against lookups loaded up front;
``course_catalog`` reads a catalog. Both collect every problem with its row and column
(``cells``), and the caller refuses a file with any.
"""

from __future__ import annotations

from training_records.imports.course_catalog import CourseRow, read_course_rows
from training_records.imports.training_log import (
    MAPPABLE_FIELDS,
    TrainingLog,
    estimate_rows,
    read_training_log,
)

__all__ = [
    "MAPPABLE_FIELDS",
    "CourseRow",
    "TrainingLog",
    "estimate_rows",
    "read_course_rows",
    "read_training_log",
]
