"""The project's Celery app as the fault scenarios' workers run it.

Kombu sweeps for the messages a dead worker had taken every ``unacked_restore_interval``
x ``unacked_restore_throttle`` seconds (10 x 10 by default): a killed worker's build
would come back after 100 s whatever the visibility timeout. The scenarios sweep every
2 s so they wait the visibility timeout they set, not minutes; what they check (the
message comes back and is built once) is the same. A sweep holds a lock in Redis that
expires after 300 s: a worker killed inside a sweep (likelier with one every 2 s) would
hold back every other worker's sweep that long, so here it expires after 5 s.
"""

from __future__ import annotations

from config.celery import app

app.conf.broker_transport_options = {
    **app.conf.broker_transport_options,
    "unacked_restore_interval": 2,
    "unacked_restore_throttle": 1,
    "unacked_mutex_expire": 5,
}
