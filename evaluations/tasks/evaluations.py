"""Celery tasks for evaluations."""
