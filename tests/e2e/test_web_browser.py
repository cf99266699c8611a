"""relance web in a real browser (Debian's chromium, driven by selenium): the call
card comes up in the page, an outcome key typed there reaches the store, a second
tab is told the app is open elsewhere, and a request without the key or from
another origin is refused. The screenshot it takes is kept in .venv/artifacts/."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path

import pytest

from relance_tui.core.calls.timing import DEFAULT_TZ
from relance_tui.core.errors import StoreLocked
from relance_tui.core.models import Outcome
from relance_tui.core.station.demo import load_demo
from relance_tui.core.store.files import take_lock
from relance_tui.core.store.store import Store
from relance_tui.locations import data_dir
from tests.conftest import require_program
from tests.e2e.test_tmux import installed_relance

ARTIFACTS = Path(__file__).resolve().parents[2] / ".venv" / "artifacts"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def until(what, timeout: float, every: float = 0.2):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if found := what():
            return found
        time.sleep(every)
    raise AssertionError(f"not within {timeout} s: {what.__doc__ or what}")


def app_holds(db: Path) -> bool:
    """The app opened the file (it holds its lock)."""
    try:
        take_lock(db).release()
    except StoreLocked:
        return True
    return False


def confirmed(db: Path) -> bool:
    """A confirmation is in the store."""
    with Store.open_read_only(db) as store:
        return any(a.outcome is Outcome.CONFIRMED for a in store.attempts())


@pytest.fixture
def browser():  # type: ignore[no-untyped-def]
    chromium = require_program("chromium")
    driver_path = require_program("chromedriver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(argument)
    options.add_argument("--window-size=1100,760")
    driver = webdriver.Chrome(options=options, service=Service(driver_path))
    yield driver
    driver.quit()


def test_the_call_card_in_a_browser_tab(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    db = tmp_path / "relance.json"
    with Store.open(db) as store:
        load_demo(store, data_dir(), datetime.now(DEFAULT_TZ))
    port = free_port()
    server = subprocess.Popen(
        [installed_relance(), "web", "--no-open", "--port", str(port), "--db", str(db)]
        + ["--screen", "calls"],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "RELANCE_LANG": "fr"},
    )
    try:
        assert server.stdout is not None
        address = until(
            lambda: next((w for w in server.stdout.readline().split() if "token=" in w), ""), 30
        )
        browser.get(address)
        until(lambda: app_holds(db), 60)
        page = browser.find_element(By.TAG_NAME, "body")
        # The page shows the terminal (its intro gone) once the app's first bytes came.
        until(lambda: "-first-byte" in (page.get_attribute("class") or ""), 60)
        # The card's key, typed in the page (its terminal has the app's first bytes):
        # waited on in the store.
        ActionChains(browser).click(page).send_keys("c").perform()
        until(lambda: confirmed(db), 60)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(ARTIFACTS / "web-call-card.png"))

        browser.switch_to.new_window("tab")
        browser.get(address)
        assert "déjà ouvert" in browser.page_source and "Prendre la main" in browser.page_source

        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/")
        assert refused.value.code == 403
        token = address.split("token=", 1)[1]
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request(
            "GET",
            "/ws",
            headers={
                "Cookie": f"relance_web={token}",
                "Origin": "https://example.com",
                "Connection": "Upgrade",
                "Upgrade": "websocket",
                "Sec-WebSocket-Version": "13",
                "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
            },
        )
        assert connection.getresponse().status == 403
    finally:
        server.send_signal(signal.SIGINT)  # ctrl+c: the tab's app quits first, then the server
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            raise
    assert not app_holds(db)  # the app let its file go
