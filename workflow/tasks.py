"""The background task queue (Huey): SQLite storage by default, Redis when ``REDIS_URL`` is set.

Long work — importing a large TMX, re-checking every article — runs here, outside the request, and
reports progress through a :class:`workflow.models.Job` row that the pages poll for their progress bar.
Run the worker with ``huey_consumer workflow.tasks.huey`` (``make run`` starts one).
"""

from __future__ import annotations

import os
from typing import Any

from flask import Flask
from huey import RedisHuey, SqliteHuey
from huey.api import Huey

from workflow.config import PROJECT_ROOT


def _make_huey() -> Huey:
    redis_url = os.environ.get("REDIS_URL")
    if redis_url:
        return RedisHuey("copydesk", url=redis_url)
    path = os.environ.get("COPYDESK_QUEUE_PATH") or str(PROJECT_ROOT / "instance" / "tasks.sqlite3")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return SqliteHuey("copydesk", filename=path)


huey = _make_huey()
_bound_app: Flask | None = None


def init_tasks(app: Flask) -> None:
    """Remember the app for tasks; in tests (or when configured) run tasks immediately, in process."""
    global _bound_app
    _bound_app = app
    if app.config.get("TESTING") or app.config.get("COPYDESK_TASKS_IMMEDIATE"):
        huey.immediate = True


def _app() -> Flask:
    global _bound_app
    if _bound_app is None:
        from workflow import create_app

        _bound_app = create_app()
    return _bound_app


@huey.task()
def run_job(job_id: int) -> None:
    """Run the job with this id inside an application context (the consumer process has no request)."""
    from workflow.services.jobs import execute_job

    with _app().app_context():
        execute_job(job_id)


def enqueue_job(job_id: int) -> Any:
    """Queue a job for the worker (or run it at once in immediate mode)."""
    return run_job(job_id)
