"""Evaluations' tables, one module per concern: rubrics and evaluations (issue 4),
flags and removal requests (issue 8), packets (issue 7)."""

from .packets import (  # noqa: F401
    BATCH_JOB_KIND,
    Packet,
    PacketBuildItem,
    PacketBuildStatus,
    PacketStatus,
    PacketVersion,
)
