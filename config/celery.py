"""The Celery application.

With no ``CELERY_BROKER_URL`` the settings make tasks run in-process
(``task_always_eager``), so the quick start needs nothing but Python.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("sro360")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
