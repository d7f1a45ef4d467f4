"""The project's Celery app as the fault scenarios' workers run it.

Kombu sweeps for the messages a dead worker had taken every ``unacked_restore_interval``
x ``unacked_restore_throttle`` seconds (10 x 10 by default): a killed worker's build
would come back after 100 s whatever the visibility timeout. The scenarios sweep every
2 s so they wait the visibility timeout they set, not minutes; what they check (the
message comes back and is built once) is the same.
"""

from __future__ import annotations

from config.celery import app

app.conf.broker_transport_options = {
    **app.conf.broker_transport_options,
    "unacked_restore_interval": 2,
    "unacked_restore_throttle": 1,
}
