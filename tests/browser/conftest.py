"""Real-browser fixtures: the test app served on a free local port, and Debian's Chromium via Playwright.

The live server runs the same app (and so the same freshly migrated database) as the ``app`` fixture,
in a thread; each request pushes its own application context. Chromium must be installed: without
``/usr/bin/chromium`` the browser tests fail loudly rather than skip, so a missing browser is noticed.
A failed test leaves a screenshot of every page it opened under ``test-output/screenshots/``.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """Keep each phase's report on the test item, so fixtures can tell whether the test failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
def live_server(app, users) -> Iterator[str]:
    """The test app served on 127.0.0.1 and a free port; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the whole run (Debian's package, not a downloaded build)."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"{CHROMIUM} is missing: install it with `apt-get install chromium` to run browser tests."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def new_page(browser, live_server, request) -> Iterator[Callable[..., object]]:
    """Open a page in a fresh browser context (its own cookies), signed in as ``username`` if given."""
    contexts = []
    pages: list[object] = []

    def open_page(username: str | None = None, width: int = 1440, height: int = 900) -> object:
        context = browser.new_context(viewport={"width": width, "height": height}, base_url=live_server)
        context.set_default_timeout(8000)
        contexts.append(context)
        page = context.new_page()
        pages.append(page)
        if username:
            sign_in(page, username)
        return page

    yield open_page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for index, page in enumerate(pages):
            with contextlib.suppress(Exception):  # a screenshot must never hide the real failure
                page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}-{index}.png"), full_page=True)
    for context in contexts:
        context.close()


PASSWORDS = {
    "translator": "Lantern-Quill-42",
    "translator2": "Harbor-Pebble-42",
    "editor": "Ledger-Compass-42",
    "admin": "Summit-Keystone-42",
}


def sign_in(page, username: str) -> None:
    """Sign in through the real login form."""
    page.goto("/auth/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORDS[username])
    page.click("#submit")
    page.wait_for_url(lambda url: "/auth/login" not in url)
