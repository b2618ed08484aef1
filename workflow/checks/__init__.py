"""Quality checks: one family of checks per module, registered once in :mod:`workflow.checks.registry`."""
