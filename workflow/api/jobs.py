"""API v1 route of background jobs: the state and progress a job page polls every second."""

from __future__ import annotations

from flask import Response, jsonify
from flask_login import current_user

from workflow.api import api_bp
from workflow.api.openapi import doc
from workflow.services.job_status import job_state, visible_job

JOB = {
    "type": "object",
    "required": ["id", "kind", "state", "done", "total", "percent", "message", "result"],
    "properties": {
        "id": {"type": "integer"},
        "kind": {"type": "string"},
        "state": {"type": "string", "enum": ["queued", "running", "done", "failed"]},
        "done": {"type": "integer"},
        "total": {"type": "integer"},
        "percent": {"type": "integer"},
        "message": {"type": "string"},
        "result": {"type": "object"},
    },
}


@api_bp.get("/jobs/<int:job_id>")
@doc(summary="A background job's state and progress", response=JOB, errors=(401, 404))
def job_status(job_id: int) -> Response:
    """Poll this for the progress bar: state queued → running → done or failed."""
    return jsonify(job_state(visible_job(job_id, actor=current_user)))
