"""Shared pieces of the JupyterHub end-to-end test and benchmark: local Unix users, a running
JupyterHub with ``deploy/jupyterhub/jupyterhub_config.py``, log-in through PAM, users' servers.

The hub and its users' servers run from the development environment, which every user must be
able to execute (see :func:`hub_launch` for a Python installed in root's private home).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"
COURSE_ID = "balkangames"
BIN = Path(sys.executable).parent  # the environment the hub and every user's server run from
WAIT = 240  # seconds: a cold server on a busy 2-core machine; no speed is asserted with it


def missing() -> str | None:
    """Why a hub with local users cannot run here, or None."""
    if not sys.platform.startswith("linux"):
        return "JupyterHub with local Unix users needs Linux"
    if os.geteuid() != 0:
        return "creating Unix users and running JupyterHub's PAM log-in needs root"
    for tool in ("useradd", "userdel", "groupadd", "groupdel", "chpasswd", "bwrap", "runuser"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    for module in ("jupyterhub", "pamela", "nbgrader", "requests", "psutil"):
        try:
            __import__(module)
        except ImportError:
            return f"{module} is not installed (pip install -e '.[dev,grading,hub]')"
    return None


def _usable_by_others(python: Path) -> bool:
    probe = subprocess.run(["runuser", "-u", "nobody", "--", str(python), "-c", "import jupyterhub, balkangames"],
                           capture_output=True, cwd="/")
    return probe.returncode == 0


#: Run in a private mount namespace before the hub: shows a Python installed under root's
#: private home (pyenv's /root/.pyenv) to every user, and nothing else of that home.
_SHOW_PRIVATE_PYTHON = """set -e
stage=$(mktemp -d)
mount --bind "$PRIVATE" "$stage"
mount -t tmpfs -o mode=0755 tmpfs "$(dirname "$PRIVATE")"
mkdir -p "$PRIVATE"
mount --move "$stage" "$PRIVATE"
exec "$@"
"""


def hub_launch() -> list[str]:
    """The prefix that starts the hub so that every user can run this Python environment.

    Nothing when they already can (Python under /usr or /opt, as the guide sets it up). Where the
    interpreter lives in root's private home (pyenv under /root, as on the development and CI
    machines), the hub runs in its own mount namespace in which that Python folder, and only it,
    is visible to all; its users' servers and kernels inherit the namespace, and :func:`as_user`
    enters it. The environment is the development one either way (the same interpreter).
    """
    if _usable_by_others(Path(sys.executable)):
        return []
    base = Path(sys.base_prefix).resolve()
    home = Path("/root")
    if not base.is_relative_to(home) or Path(sys.prefix).resolve().is_relative_to(home) or ROOT.is_relative_to(home):
        pytest.fail(f"local users cannot run {sys.executable}: install Python and the checkout where all can read")
    private = home / base.relative_to(home).parts[0]
    return ["unshare", "--mount", "--propagation", "private", "--", "env", f"PRIVATE={private}",
            "sh", "-c", _SHOW_PRIVATE_PYTHON, "sh"]


def _run(*command: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


def as_user(name: str, *command: str, hub: dict, cwd: Path | None = None, env: dict | None = None,
            check: bool = True) -> subprocess.CompletedProcess:
    """Run ``command`` as Unix user ``name`` on the hub's machine: their groups and home, the hub's
    Python environment first on PATH, inside the hub's mount namespace when it has one."""
    account = pwd.getpwnam(name)
    environment = {"HOME": account.pw_dir, "USER": name, "LOGNAME": name, "LANG": "C.UTF-8",
                   "PATH": f"{BIN}:/usr/local/bin:/usr/bin:/bin", **(env or {})}
    prefix = []
    if hub.get("namespaced"):
        prefix = ["nsenter", f"--mount=/proc/{hub['pid']}/ns/mnt", "--", shutil.which("runuser"), "-u", name, "--",
                  "env", "-i", *(f"{k}={v}" for k, v in environment.items())]
        user = {}
    else:
        user = {"user": account.pw_uid, "group": account.pw_gid,
                "extra_groups": os.getgrouplist(name, account.pw_gid)}
    result = subprocess.run([*prefix, *command], cwd=cwd or account.pw_dir, env=environment, capture_output=True,
                            text=True, timeout=600, **user)
    if check and result.returncode:
        pytest.fail(f"{' '.join(command)} as {name} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _kill_user_processes(uids: set[int]) -> None:
    """Stop what the test's users still run (their servers, kernels), by process id."""
    import psutil

    for process in psutil.process_iter(["uids"]):
        with contextlib.suppress(psutil.Error):
            if process.info["uids"] and process.info["uids"].real in uids:
                process.kill()


@contextlib.contextmanager
def unix_accounts(students: int, instructors: int = 1):
    """Local users made for the run and removed after it (homes private, random passwords).

    Yields ``{"instructors": [...], "students": [...], "passwords": {...}, "groups": (students, instructors)}``.
    """
    tag = "bg" + secrets.token_hex(2)
    groups = (f"{tag}-stud", f"{tag}-inst")
    teachers = [f"{tag}i{k}" for k in range(1, instructors + 1)]
    learners = [f"{tag}s{k}" for k in range(1, students + 1)]
    passwords = {name: secrets.token_urlsafe(12) for name in (*teachers, *learners)}
    made_groups, made_users = [], []
    try:
        for group in groups:
            _run("groupadd", group)
            made_groups.append(group)
        for name in (*teachers, *learners):
            _run("useradd", "--create-home", "--shell", "/bin/bash", "--gid",
                 groups[1] if name in teachers else groups[0], name)
            made_users.append(name)
            Path(pwd.getpwnam(name).pw_dir).chmod(0o700)  # the guide's setting: homes are private
        _run("chpasswd", input="".join(f"{n}:{p}\n" for n, p in passwords.items()))
        yield {"instructors": teachers, "students": learners, "passwords": passwords, "groups": groups}
    finally:
        uids = set()
        for name in made_users:
            with contextlib.suppress(KeyError):
                uids.add(pwd.getpwnam(name).pw_uid)
        _kill_user_processes(uids)
        for name in made_users:
            subprocess.run(["userdel", "--remove", "--force", name], capture_output=True)
        for group in made_groups:
            subprocess.run(["groupdel", group], capture_output=True)


@contextlib.contextmanager
def running_hub(groups: tuple[str, str], folder: Path, extra: dict | None = None):
    """A running JupyterHub with deploy/jupyterhub/jupyterhub_config.py; yields its settings.

    ``folder`` (readable by all) holds its state and the nbgrader exchange; a service token
    (``BALKANGAMES_HUB_SERVICE_TOKEN``) lets the caller start servers.
    """
    import requests

    settings = {
        "BALKANGAMES_HUB_URL": f"http://127.0.0.1:{free_port()}",
        "BALKANGAMES_HUB_PORT": str(free_port()),
        "BALKANGAMES_PROXY_API_PORT": str(free_port()),
        "BALKANGAMES_HUB_STATE": str(folder / "state"),
        "BALKANGAMES_EXCHANGE": str(folder / "exchange"),
        "BALKANGAMES_STUDENTS_GROUP": groups[0],
        "BALKANGAMES_INSTRUCTORS_GROUP": groups[1],
        "BALKANGAMES_HUB_SERVICE_TOKEN": secrets.token_hex(24),
        **(extra or {}),
    }
    log_path = folder / "jupyterhub.log"
    log = open(log_path, "w")  # noqa: SIM115 - closed below
    environment = {k: v for k, v in os.environ.items()
                   if not k.startswith(("JUPYTER", "VIRTUAL_ENV", "PYTHON"))}
    launch = hub_launch()
    server = subprocess.Popen([*launch, str(BIN / "jupyterhub"), "-f", str(CONFIG)], cwd=folder, stdout=log,
                              stderr=subprocess.STDOUT, env={**environment, **settings}, start_new_session=True)
    url = settings["BALKANGAMES_HUB_URL"]
    try:
        deadline = time.monotonic() + WAIT
        while True:
            if server.poll() is not None:
                pytest.fail(f"JupyterHub exited:\n{log_path.read_text()}")
            with contextlib.suppress(requests.ConnectionError):
                if requests.get(f"{url}/hub/api/", timeout=5).status_code == 200:
                    break
            if time.monotonic() > deadline:
                pytest.fail(f"no JupyterHub after {WAIT} s:\n{log_path.read_text()}")
            time.sleep(0.5)
        yield {"url": url, "folder": folder, "log": log_path, "pid": server.pid, "namespaced": bool(launch),
               **settings}
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=30)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)
        log.close()


def shared_folder() -> Path:
    """A fresh folder every user can traverse (pytest's own temporary folders are private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="balkangames-hub-"))
    folder.chmod(0o755)
    return folder


def log_in(url: str, name: str, password: str):
    """A browser-like session logged in through the hub's PAM form; returns (session, API token)."""
    import requests

    session = requests.Session()
    session.get(f"{url}/hub/login", timeout=30).raise_for_status()
    xsrf = session.cookies.get("_xsrf")
    response = session.post(f"{url}/hub/login", data={"username": name, "password": password, "_xsrf": xsrf},
                            timeout=120, allow_redirects=False)
    assert response.status_code == 302, f"PAM log-in of {name} failed: {response.status_code}"
    session.get(f"{url}/hub/home", timeout=60).raise_for_status()  # the logged-in page sets a fresh _xsrf
    xsrf = [cookie.value for cookie in session.cookies if cookie.name == "_xsrf"][-1]
    made = session.post(f"{url}/hub/api/users/{name}/tokens", json={"note": "e2e test", "expires_in": 3600},
                        headers={"X-XSRFToken": xsrf}, timeout=30)
    assert made.status_code == 201, made.text
    return session, made.json()["token"]


class Server:
    """A user's single-user server, reached through the hub's proxy with the user's token."""

    def __init__(self, url: str, name: str, token: str):
        import requests

        self.hub, self.name = url, name
        self.base = f"{url}/user/{name}"
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"token {token}"

    @classmethod
    def as_service(cls, url: str, name: str, service_token: str) -> Server:
        """The server of ``name``, driven with the hub's service token (the benchmark's way)."""
        return cls(url, name, service_token)

    def start(self) -> None:
        """Ask the hub to start the server; a busy proxy or hub (503, 429) is asked again, as a browser would."""
        deadline = time.monotonic() + WAIT
        while True:
            response = self.http.post(f"{self.hub}/hub/api/users/{self.name}/server", timeout=120)
            if response.status_code in (201, 202) or time.monotonic() > deadline:
                break
            if response.status_code == 400:  # already starting (an earlier request went through), or still stopping
                model = self.http.get(f"{self.hub}/hub/api/users/{self.name}", timeout=60).json()
                if "" in model["servers"] and model["servers"][""].get("pending") != "stop":
                    return
            else:
                assert response.status_code in (429, 503), response.text
            time.sleep(2)
        assert response.status_code in (201, 202) or "pending" in response.text, response.text

    def wait_ready(self) -> None:
        deadline = time.monotonic() + WAIT
        while True:
            model = self.http.get(f"{self.hub}/hub/api/users/{self.name}", timeout=30).json()
            if model["servers"].get("", {}).get("ready"):
                return
            if not model["servers"] and model.get("pending") is None:
                pytest.fail(f"the server of {self.name} stopped while starting: {model}")
            assert time.monotonic() < deadline, f"the server of {self.name} did not start within {WAIT} s"
            time.sleep(1)

    def get(self, path: str, **kwargs):
        response = self.http.get(f"{self.base}/{path}", timeout=120, **kwargs)
        response.raise_for_status()
        return response

    def assignments(self, action: str, assignment: str) -> list[dict]:
        """POST an Assignments-tab action (fetch, submit, fetch_feedback); the assignment list after it."""
        response = self.http.post(f"{self.base}/assignments/{action}", timeout=300,
                                  data={"course_id": COURSE_ID, "assignment_id": assignment})
        response.raise_for_status()
        result = response.json()
        assert result.get("success"), f"{action} failed for {self.name}: {result}"
        return result["value"]

    def contents(self, path: str, **params) -> dict:
        return self.get(f"api/contents/{path}", params=params).json()

    def save_notebook(self, path: str, notebook: dict) -> None:
        response = self.http.put(f"{self.base}/api/contents/{path}", timeout=60,
                                 json={"type": "notebook", "format": "json", "content": notebook})
        assert response.status_code in (200, 201), response.text


