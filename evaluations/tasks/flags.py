"""Celery tasks for flags."""
