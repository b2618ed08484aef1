"""Fixtures for fuzzing the API: the security suite's module-wide app and world of real objects."""

from tests.security.conftest import security_app, world  # noqa: F401 - re-exported as fixtures here
