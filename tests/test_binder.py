"""Binder-ready: repo2docker's ``postBuild`` and ``start`` prepare the student workspace and settings.

Both scripts run as repo2docker runs them (bash, in the folder JupyterLab will serve), here with
a temporary home and folder, then JupyterLab is started through ``start`` the way Binder starts
it (no options of ours): it must open on the landing page with the student settings.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

from browser_harness import free_port
from test_student_install import _serve

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _environment(home: Path) -> dict:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    environment.update(HOME=str(home), PATH=f"{BIN}{os.pathsep}{environment.get('PATH', '')}")
    return environment


def _digest(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*") if p.is_file() and ".jupyter" not in p.parts}


def test_postbuild_and_start_prepare_the_workspace_and_open_the_landing_page(tmp_path):
    home, served = tmp_path / "home", tmp_path / "repo"
    home.mkdir(), served.mkdir()
    environment = _environment(home)
    subprocess.run(["bash", str(ROOT / "postBuild")], cwd=served, env=environment, check=True, capture_output=True)
    workspace = served / "workspace"
    assert (workspace / "notebooks" / "00-start-here.md").is_file()
    assert (workspace / "exercises" / "self-paced").is_dir()
    config = json.loads((home / ".jupyter" / "jupyter_server_config.json").read_text())
    assert config["LabApp"]["default_url"] == "/lab/tree/workspace/notebooks/00-start-here.md"
    assert Path(config["LabApp"]["app_settings_dir"], "page_config.json").is_file()

    # start: a deleted notebook comes back, a changed one is kept, then the command runs.
    work = workspace / "notebooks" / "01-security-dilemma-prisoners-dilemma.md"
    work.write_text(work.read_text(encoding="utf-8") + "\nmy notes\n", encoding="utf-8")
    (workspace / "notebooks" / "02-stag-hunt-and-trust.md").unlink()
    before = _digest(workspace)
    ran = subprocess.run(["bash", str(ROOT / "start"), "echo", "the command ran"], cwd=served, env=environment,
                         check=True, capture_output=True, text=True)
    assert ran.stdout.strip() == "the command ran"
    after = _digest(workspace)
    assert {k: after[k] for k in before} == before and "notebooks/02-stag-hunt-and-trust.md" in after

    port, token = free_port(), "binder-token"
    lab = ["bash", str(ROOT / "start"), sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}",
           "--ServerApp.ip=127.0.0.1", *(["--allow-root"] if os.geteuid() == 0 else [])]
    with _serve(lab, port, tmp_path / "lab.log", {**environment, "JUPYTER_TOKEN": token}, served):
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/?token={token}", timeout=60) as response:
            assert response.url.split("?")[0].endswith("/lab/tree/workspace/notebooks/00-start-here.md")
            page = response.read().decode()
        data = json.loads(re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', page, re.S).group(1))
        assert "@jupyter/nbgrader" in data["disabledExtensions"]
        assert data["userSettingsDir"] == str(workspace / ".jupyter" / "user-settings")
        url = f"http://127.0.0.1:{port}/api/contents/workspace/notebooks/00-start-here.md?token={token}"
        with urllib.request.urlopen(url, timeout=60) as response:
            assert json.load(response)["type"] == "notebook"
