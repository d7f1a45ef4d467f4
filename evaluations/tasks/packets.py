"""Celery tasks for packets."""
