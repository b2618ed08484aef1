"""Background jobs: create one, run it in the worker with a progress callback, and read its state.

A handler is a function ``handler(job, payload, progress)`` registered by kind; it does its own
transaction(s). The job row is updated in short separate transactions so the progress bar moves while
the handler's own transaction is still open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import current_app

from workflow.database import unit_of_work
from workflow.extensions import db
from workflow.models import Job, User
from workflow.models.base import utcnow

Progress = Callable[[int, int, str], None]
JobHandler = Callable[[Job, dict[str, Any], Progress], dict[str, Any]]

_HANDLERS: dict[str, JobHandler] = {}


def job_handler(kind: str) -> Callable[[JobHandler], JobHandler]:
    """Register the function that runs jobs of ``kind``."""

    def decorator(function: JobHandler) -> JobHandler:
        _HANDLERS[kind] = function
        return function

    return decorator


def start_job(kind: str, payload: dict[str, Any], *, actor: User | None, total: int = 0) -> Job:
    """Create a queued job and hand it to the task queue; returns at once with the job row."""
    from workflow.tasks import enqueue_job

    if kind not in _HANDLERS:
        raise ValueError(f"no handler for job kind {kind!r}")
    with unit_of_work() as session:
        job = Job(kind=kind, state="queued", total=total, created_by_id=actor.id if actor else None)
        job.result = {"payload": payload}
        session.add(job)
        session.flush()
        job_id = job.id
    enqueue_job(job_id)
    return db.session.get(Job, job_id)


def _update(job_id: int, **values: Any) -> None:
    with unit_of_work() as session:
        session.execute(db.update(Job).where(Job.id == job_id).values(**values))


def execute_job(job_id: int) -> None:
    """Run a queued job to the end, recording progress, success or the error message."""
    job = db.session.get(Job, job_id)
    if job is None or job.state not in {"queued"}:
        return
    payload = dict(job.result.get("payload", {}))
    handler = _HANDLERS[job.kind]
    _update(job_id, state="running")

    def progress(done: int, total: int, message: str = "") -> None:
        _update(job_id, done=done, total=total, message=message)

    try:
        result = handler(job, payload, progress)
    except Exception as exc:
        db.session.rollback()
        current_app.logger.exception("job %s failed", job_id)
        detail = getattr(exc, "detail", None) or str(exc) or exc.__class__.__name__
        _update(job_id, state="failed", message=detail, finished_at=utcnow())
        return
    _update(job_id, state="done", result={"summary": result}, finished_at=utcnow())


def get_job(job_id: int) -> Job | None:
    """The job row, fresh from the database."""
    db.session.expire_all()
    return db.session.get(Job, job_id)
