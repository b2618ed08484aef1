"""The job status page: a progress bar that follows a background job (``static/js/jobs.js`` polls the API)."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from workflow.i18n import gettext as _
from workflow.services.job_status import job_state, visible_job

jobs_bp = Blueprint("jobs", __name__, url_prefix="/jobs")


def job_kind_label(kind: str) -> str:
    """The translated name of a kind of job."""
    return {"tm_import": _("Translation memory import")}.get(kind, kind)


def job_strings() -> dict[str, str]:
    """The sentences the polling script shows, translated for this request."""
    return {
        "queued": _("Waiting for the worker…"),
        "running": _("Running…"),
        "done": _("Finished."),
        "failed": _("Failed: nothing was written."),
        "progress": _("%(done)s of %(total)s"),
        "networkError": _("The server could not be reached; retrying."),
    }


@jobs_bp.route("/<int:job_id>")
@login_required
def job_status(job_id: int) -> str:
    """The job's state, a progress bar, and its result once it has finished."""
    job = visible_job(job_id, actor=current_user)
    return render_template(
        "jobs/status.html",
        job=job,
        state=job_state(job),
        kind_label=job_kind_label(job.kind),
        strings=job_strings(),
    )
