"""Celery finds tasks in ``evaluations.tasks``; each concern keeps its own module."""

from . import flags, packets  # noqa: F401  (registers the tasks)
