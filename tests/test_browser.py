"""A real browser (Debian's chromium via Playwright) drives the Voilà lecture view of the alliance explorer.

The server and the browser are started and stopped here with bounded timeouts. Without
chromium the test is skipped locally, but with ``CI=true`` it must run.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import jupytext
import pytest

from balkangames import cases

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "present-alliances.md"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SERVER_START_TIMEOUT = 40  # seconds
PAGE_TIMEOUT_MS = 40_000

pytestmark = pytest.mark.browser

if CHROMIUM is None and os.environ.get("CI") != "true":
    pytestmark = [pytest.mark.browser, pytest.mark.skip(reason="chromium is not installed (required when CI=true)")]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def voila_url(tmp_path):
    """Serve notebooks/present-alliances.md with Voilà on a free local port (as make present does)."""
    port = _free_port()
    served = tmp_path / "present-alliances.ipynb"
    jupytext.write(jupytext.read(NOTEBOOK), served)
    log = open(tmp_path / "voila.log", "w")  # noqa: SIM115 - closed in the finally block
    server = subprocess.Popen(
        [sys.executable, "-m", "voila", str(served), "--no-browser", "--Voila.ip=127.0.0.1", f"--port={port}"],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its kernels share the group, so one signal stops them all
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if server.poll() is not None:
                pytest.fail(f"voila exited early:\n{(tmp_path / 'voila.log').read_text()}")
            try:  # the port answers once the server listens (a page request would start a kernel)
                with socket.create_connection(("127.0.0.1", port), timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"voila did not start within {SERVER_START_TIMEOUT} s")
                time.sleep(0.3)
        yield url
    finally:
        _stop(server)
        log.close()


def _stop(server: subprocess.Popen) -> None:
    """Stop the server's process group: SIGTERM, then SIGKILL if it lingers."""
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=8)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(server.pid, signal.SIGKILL)  # kernels left behind by a slow shutdown
    except ProcessLookupError:
        pass
    server.wait(timeout=10)


def _equilibrium_lines(game) -> list[str]:
    names = tuple(cases.actors()[p].name for p in game.players)
    return [line.strip() for line in game.solve().describe(players=names)[1:]]


def test_membership_change_updates_the_equilibrium_in_the_browser(voila_url):
    if CHROMIUM is None:
        pytest.fail("CI=true but chromium is not installed")
    from playwright.sync_api import sync_playwright

    case = cases.load("serbia-kosovo")
    before = _equilibrium_lines(case.game())
    after = _equilibrium_lines(case.game(members={"kosovo": "nato"}))
    assert before != after  # the model itself says NATO membership changes the equilibrium

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page()
            page.set_default_timeout(PAGE_TIMEOUT_MS)
            page.goto(voila_url, timeout=PAGE_TIMEOUT_MS)
            page.get_by_text("Nash equilibria (exact)").wait_for()
            summary = page.locator(".balkangames-text").first
            for line in before:
                assert line in summary.inner_text()
            code_cells = page.locator(".jp-InputArea-editor:visible")
            assert code_cells.count() == 0  # Voilà hides the code

            page.get_by_label("Kosovo", exact=True).select_option(label="NATO")
            page.get_by_text(after[-1]).wait_for()
            text = summary.inner_text()
            for line in after:
                assert line in text
            for line in before:
                assert line not in text
        finally:
            browser.close()
