"""Shared pieces of the real-browser tests: Debian's Chromium via Playwright, servers started
the way a student or an instructor starts them (``make lab``, ``make present``).

Servers run in their own process group and are stopped with it (their kernels included).
Waits are for conditions, with generous limits: the CI machine is a busy 2-core box, and no
test states how fast anything must be (speed lives in ``benchmarks/bench_browser.py``).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STAMP = ROOT / ".venv" / ".installed"
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
SERVER_START_TIMEOUT = 90  # seconds; a cold JupyterLab on a loaded 2-core machine
PAGE_TIMEOUT_MS = 90_000
#: The screens the classroom uses: a student laptop and two projectors.
SCREENS = {"laptop": (1366, 768), "projector": (1280, 720), "wide projector": (1920, 1080)}


def skip_without_chromium():
    """A pytest mark list: skip without chromium locally; with ``CI=true`` the tests must run."""
    if CHROMIUM is None and os.environ.get("CI") != "true":
        return [pytest.mark.browser, pytest.mark.skip(reason="chromium is not installed (required when CI=true)")]
    return [pytest.mark.browser]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop(server: subprocess.Popen) -> None:
    """Stop the server's process group: SIGTERM, then SIGKILL if it lingers."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        server.wait(timeout=10)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)  # kernels left behind by a slow shutdown
    server.wait(timeout=10)


@contextlib.contextmanager
def serve(command: list[str], port: int, log_path: Path, env: dict | None = None):
    """Run ``command`` (a server listening on ``port``) until the block ends."""
    log = open(log_path, "w")  # noqa: SIM115 - closed in the finally block
    server = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, **(env or {})},
        start_new_session=True,  # its kernels share the group, so one signal stops them all
    )
    try:
        wait_until_listening(server, port, log_path, command[0])
        yield server
    finally:
        stop(server)
        log.close()


def wait_until_listening(server: subprocess.Popen, port: int, log_path: Path, name: str) -> None:
    """Wait until ``server`` listens on ``port``; fail with its log if it exits or never does."""
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while True:
        if server.poll() is not None:
            pytest.fail(f"{name} exited early:\n{log_path.read_text()}")
        try:  # the port answers once the server listens
            with socket.create_connection(("127.0.0.1", port), timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                pytest.fail(f"{name} did not start within {SERVER_START_TIMEOUT} s:\n{log_path.read_text()}")
            time.sleep(0.3)


def make(target: str, **variables) -> list[str]:
    """``make TARGET VAR=value ...`` from the repository root, never rebuilding the environment."""
    return ["make", "--no-print-directory", "-o", str(STAMP), target, *(f"{k}={v}" for k, v in variables.items())]


@contextlib.contextmanager
def student_lab(workspace: Path, log_path: Path):
    """``make lab`` with its working copy in ``workspace``; yields the URL (with token)."""
    port, token = free_port(), secrets.token_hex(16)
    command = make("lab", WORKSPACE=workspace, LAB_PORT=port, HOST="127.0.0.1", LAB_ARGS="--no-browser")
    with serve(command, port, log_path, env={"JUPYTER_TOKEN": token}):
        yield f"http://127.0.0.1:{port}/?token={token}"


@contextlib.contextmanager
def browser():
    """A headless Chromium (Playwright)."""
    if CHROMIUM is None:
        pytest.fail("CI=true but chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield instance
        finally:
            instance.close()


def new_page(instance, width: int, height: int):
    page = instance.new_page(viewport={"width": width, "height": height})
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    return page


@contextlib.contextmanager
def instructor_lab(log_path: Path):
    """``make instructor`` (JupyterLab on the repository, nbgrader shown); yields the URL."""
    port, token = free_port(), secrets.token_hex(16)
    command = make("instructor", LAB_PORT=port, HOST="127.0.0.1", LAB_ARGS="--no-browser")
    with serve(command, port, log_path, env={"JUPYTER_TOKEN": token}):
        yield f"http://127.0.0.1:{port}/?token={token}"
