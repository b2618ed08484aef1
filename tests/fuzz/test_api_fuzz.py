"""Fuzz every API operation from its own OpenAPI document: no 5xx, and every answer matches the contract.

Schemathesis reads ``/api/v1/openapi.json`` from the WSGI app (in process, no server) and Hypothesis
generates requests for each operation, derandomized so a failure reproduces. ``COPYDESK_FUZZ_EXAMPLES``
sets the examples per operation (200 by default; ``make fuzz`` uses 1000). Requests carry the Bearer token
of an admin (who may reach every operation) and then of a translator (who meets the 403/404 answers).
Schemathesis' own pytest integration (``from_fixture``) does not run under pytest 9, so the operations are
driven directly through Hypothesis.
"""

from __future__ import annotations

import os
import time

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.security.conftest import report_figure

EXAMPLES = int(os.environ.get("COPYDESK_FUZZ_EXAMPLES", "200"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def _fuzz(security_app, token: str) -> tuple[int, int, list[str]]:
    """Fuzz every operation with ``token``; return (examples sent, operations, failures)."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", security_app)
    sent = 0
    operations = 0
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @FUZZ_SETTINGS
        @given(case=operation.as_strategy())
        def run(case) -> None:
            nonlocal sent
            sent += 1
            case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)

        try:
            run()
        except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001 - report every operation
            failures.append(f"{operation.method.upper()} {operation.path}: {error}")
    return sent, operations, failures


def _report(capsys, who: str, sent: int, operations: int, failures: list[str], started: float) -> None:
    report_figure(
        capsys,
        f"fuzzing as {who}: {sent:,} examples over {operations} operations, "
        f"{len(failures)} failing operations, {time.monotonic() - started:.0f} s",
    )
    if not failures:
        report_figure(capsys, f"fuzzing: {sent:,} examples over {operations} operations, 0 server errors")


def test_api_as_admin_never_fails_and_keeps_its_contract(security_app, world, capsys):
    started = time.monotonic()
    sent, operations, failures = _fuzz(security_app, world.tokens["admin"])
    _report(capsys, "admin", sent, operations, failures, started)
    assert not failures, "\n\n".join(failures)


def test_api_as_translator_never_fails_and_keeps_its_contract(security_app, world, capsys):
    started = time.monotonic()
    sent, operations, failures = _fuzz(security_app, world.tokens["translator"])
    _report(capsys, "translator", sent, operations, failures, started)
    assert not failures, "\n\n".join(failures)
