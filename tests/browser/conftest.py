"""Browser fixtures: the app served on a free local port, and Debian's Chromium driven by Playwright.

Without /usr/bin/chromium the browser tests are skipped, unless MEETAPP_REQUIRE_BROWSER=1 (CI) makes that a failure.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from werkzeug.serving import make_server

from meetapp import create_app

CHROMIUM = Path(os.environ.get("MEETAPP_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if Path(item.fspath).is_relative_to(here):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("MEETAPP_REQUIRE_BROWSER") == "1":
            pytest.fail(f"MEETAPP_REQUIRE_BROWSER=1 but {CHROMIUM} is missing (apt-get install chromium)")
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class LiveServer:
    def __init__(self, app):
        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.thread.join(timeout=5)


@pytest.fixture
def live_server(app, app_config):
    """The app on a free port, sharing the test's database, with CSRF on as in production."""
    served = create_app({**app_config, "WTF_CSRF_ENABLED": True})
    with LiveServer(served) as server:
        yield server


@pytest.fixture
def page(browser, live_server, request):
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def sign_in(page, email: str, password: str) -> None:
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def open_menu(page, name: str):
    """Open one of the navigation bar's menus (the signed-in user's, by their name; "Administration") and answer
    the menu's list, whose links and buttons are then visible."""
    navigation = page.get_by_role("navigation", name="Main navigation")
    # Bootstrap's script opens the menu: on a loaded machine a click can come before it has run (the link then
    # only jumps to "#"), or while the collapsed bar is still unfolding. Wait for it, and click again if the menu
    # did not open.
    page.wait_for_load_state("load")
    menu = navigation.locator(".dropdown-menu.show")
    for _attempt in range(3):
        navigation.get_by_role("button", name=name, exact=True).click()
        try:
            menu.wait_for(state="visible", timeout=3000)
            break
        except PlaywrightTimeoutError:
            continue
    return menu


def sign_out(page, user_name: str) -> None:
    open_menu(page, user_name).get_by_role("button", name="Sign out").click()
