"""What the fault scenarios and the load test verify, read from the database and the
broker rather than from the app's own counters (a job's ``done`` or the API's batch
status would report a success the tables don't hold)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import psycopg
import redis

# packets.services.batches.BUILD_ITEM_TASK; the scripts run outside Django.
BUILD_ITEM_TASK = "packets.build_item"


def sql(url: str, query: str, *params: object) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(query, params).fetchall()


def responses_stored(url: str) -> int:
    return sql(url, "SELECT count(*) FROM surveys_response")[0][0]


def job_finished(url: str, job: int) -> bool:
    """Every item of the batch has left pending (read from the items, not the job row)."""
    return not sql(
        url,
        "SELECT 1 FROM evaluations_packetbuilditem WHERE job_id = %s AND status = 'pending' LIMIT 1",
        job,
    ) and bool(sql(url, "SELECT 1 FROM evaluations_packetbuilditem WHERE job_id = %s", job))


def batch_problems(url: str, job: int, *, all_new: bool = False) -> tuple[int, list[str]]:
    """(officers in the batch, what is wrong with their packets), from the tables.

    Each officer of the batch must have a done item pointing at a version of their
    own packet, and at most one version built since the job was created (exactly one
    with ``all_new``, when every version of the period was deleted before). An officer
    with no version, or with two, is a problem.
    """
    rows = sql(
        url,
        "SELECT i.officer_id, i.status, i.version_id, "
        "count(v.id) FILTER (WHERE v.created_at >= j.created_at), "
        "coalesce(bool_or(v.id = i.version_id), false) "
        "FROM evaluations_packetbuilditem i JOIN roster_job j ON j.id = i.job_id "
        "LEFT JOIN evaluations_packet p ON p.officer_id = i.officer_id AND p.period_id = i.period_id "
        "LEFT JOIN evaluations_packetversion v ON v.packet_id = p.id "
        "WHERE i.job_id = %s GROUP BY i.officer_id, i.status, i.version_id ORDER BY i.officer_id",
        job,
    )
    problems = []
    for officer, status, version, built, own in rows:
        if status != "done" or version is None or not own:
            problems.append(f"officer {officer}: item {status}, version {version}")
        elif built > 1 or (all_new and built != 1):
            problems.append(f"officer {officer}: {built} versions built by this batch")
    if not rows:
        problems.append(f"batch {job} has no officers")
    return len(rows), problems


def tasks_in_flight(url: str, redis_port: int, worker_log: Path, job: int) -> list[str]:
    """Build tasks of ``job`` that a worker is running now, each proved three ways.

    The broker holds its message unacknowledged (taken, acks_late), the worker's log
    says it was received and not that it succeeded, and its item is still pending in
    the database. With a prefetch of 1, a taken message is one being run.
    """
    taken: dict[str, int] = {}
    for raw in redis.Redis(port=redis_port).hvals("unacked"):
        message = json.loads(raw)[0]
        if message["headers"].get("task") != BUILD_ITEM_TASK:
            continue
        body = message["body"]
        if message["properties"].get("body_encoding") == "base64":
            body = base64.b64decode(body)
        taken[message["headers"]["id"]] = json.loads(body)[0][0]
    log = worker_log.read_text()
    running = {
        task: item
        for task, item in taken.items()
        if f"[{task}] received" in log and f"[{task}] succeeded" not in log
    }
    pending = {
        row[0]
        for row in sql(
            url,
            "SELECT id FROM evaluations_packetbuilditem WHERE job_id = %s AND status = 'pending' "
            "AND id = ANY(%s)",
            job,
            list(running.values()),
        )
    }
    return [f"task {task} (item {item})" for task, item in running.items() if item in pending]
