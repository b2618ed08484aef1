"""What a user may see of a background job: visibility and the public state the progress bar polls.

A running job's batch progress may live outside the database (see :mod:`workflow.services.memory_io`:
the import's write transaction must not be interrupted), so the state merges the two sources.
"""

from __future__ import annotations

from typing import Any

from workflow.i18n import gettext as _
from workflow.models import Job, User
from workflow.services.errors import NotFound
from workflow.services.jobs import get_job


def visible_job(job_id: int, *, actor: User) -> Job:
    """A job its creator, an editor or an admin may follow. :raise NotFound: otherwise."""
    job = get_job(job_id)
    if job is None or (job.created_by_id != actor.id and not actor.has_role("editor")):
        raise NotFound(_("No such job."))
    return job


def job_state(job: Job) -> dict[str, Any]:
    """``{id, kind, state, done, total, percent, message, result}``; never the payload (server paths)."""
    done, total = job.done, job.total
    if job.state == "running":
        from workflow.services.memory_io import live_progress

        live = live_progress(job.id)
        if live and live.get("total"):
            done, total = int(live["done"]), int(live["total"])
    percent = min(100, round(100 * done / total)) if total > 0 else (100 if job.state == "done" else 0)
    result = job.result.get("summary", {}) if job.state == "done" else {}
    return {
        "id": job.id,
        "kind": job.kind,
        "state": job.state,
        "done": done,
        "total": total,
        "percent": percent,
        "message": job.message,
        "result": result if isinstance(result, dict) else {"value": result},
    }
