"""A student's way in without build tools: the wheel, a fresh virtual environment, ``balkangames lab``.

The wheel is built from a copy of the repository's files, installed with all its dependencies
(from PyPI, or pip's cache) into a new virtual environment outside the repository, without the
system's or the development environment's packages, and run from a folder outside the
repository: the landing page is served over HTTP, the workspace is made, a second run
overwrites nothing, and no installed file comes from the repository.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request
import venv
from pathlib import Path

import pytest
from browser_harness import free_port, stop, wait_until_listening

ROOT = Path(__file__).resolve().parents[1]
NOT_COPIED = shutil.ignore_patterns(".venv", ".git", "build", "dist", "workspace", "*.egg-info", "__pycache__",
                                    ".pytest_cache", ".hypothesis", ".ruff_cache", "node_modules")
pytestmark = pytest.mark.slow


def _clean_environment(home: Path) -> dict:
    """The student's shell: no development venv, no PYTHONPATH, a home of its own."""
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME") and not k.startswith("JUPYTER")}
    environment["HOME"] = str(home)
    environment["PATH"] = os.pathsep.join(p for p in environment.get("PATH", "").split(os.pathsep)
                                          if not p.startswith(str(ROOT)))
    return environment


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """``(python, environment, folder)``: the wheel installed in a fresh venv outside the repository."""
    folder = tmp_path_factory.mktemp("student")
    assert not folder.resolve().is_relative_to(ROOT)
    source = folder / "source"
    shutil.copytree(ROOT, source, ignore=NOT_COPIED, symlinks=True)
    environment = _clean_environment(folder)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(folder / "dist"),
                    str(source)], check=True, cwd=folder, env=environment)
    wheel, = (folder / "dist").glob("balkangames-*.whl")
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(folder / "venv")
    python = folder / "venv" / ("Scripts" if os.name == "nt" else "bin") / "python"
    # A full install with every dependency (pip's cache makes it quick on a second run).
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
                   check=True, cwd=folder, env=environment)
    shutil.rmtree(source)  # nothing may need the sources the wheel was built from
    return python, environment, folder


@contextlib.contextmanager
def _serve(command: list[str], port: int, log_path: Path, environment: dict, cwd: Path):
    """Run a server with exactly ``environment`` in ``cwd`` until the block ends."""
    with open(log_path, "w") as log:
        server = subprocess.Popen(command, cwd=cwd, env=environment, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
        try:
            wait_until_listening(server, port, log_path, " ".join(command))
            yield server
        finally:
            stop(server)


def _probe(python: Path, environment: dict, cwd: Path, code: str):
    result = subprocess.run([str(python), "-c", code], capture_output=True, text=True, cwd=cwd, env=environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_no_installed_file_comes_from_the_repository(installed):
    python, environment, folder = installed
    found = _probe(python, environment, folder, """if True:
        import json, sys, importlib.metadata as md, balkangames, balkangames.lab as lab
        files = [str(f.locate().resolve()) for f in md.files("balkangames")]
        print(json.dumps({"package": balkangames.__file__, "course": str(lab.course_root()),
                          "files": files, "path": sys.path,
                          "system_site": sys.base_prefix != sys.prefix}))""")
    venv_dir = str((folder / "venv").resolve())
    assert found["package"].startswith(venv_dir) and found["course"].startswith(venv_dir)
    assert found["system_site"], "the student's Python must be a virtual environment"
    assert not [p for p in found["path"] if p.startswith(str(ROOT))]
    assert not [f for f in found["files"] if not f.startswith(venv_dir)]
    shipped = {Path(f).relative_to(found["course"]).as_posix() for f in found["files"]
               if f.startswith(found["course"]) and "__pycache__" not in f}  # pip compiles answers.py on install
    expected = {p.relative_to(ROOT).as_posix() for pattern in ("notebooks/*.md", "exercises/self-paced/**/*",
                                                                "jupyter/student/*", "jupyter/voila/**/*")
                for p in ROOT.glob(pattern) if p.is_file() and "__pycache__" not in p.parts}
    assert shipped == expected
    # the self-paced checkers read their answers from the installed course
    checker = _probe(python, environment, folder, """if True:
        import json
        from balkangames.exercises import registry
        print(json.dumps({"dir": str(registry.self_paced_dir()), "ids": registry.ids()}))""")
    assert checker["dir"].startswith(venv_dir) and len(checker["ids"]) >= 7
    # no .pth file or editable finder may lead back to the checkout
    site = Path(found["package"]).parents[1]
    for pth in site.glob("*.pth"):
        assert str(ROOT) not in pth.read_text(errors="replace"), pth


def test_help_and_version_say_what_will_happen(installed):
    python, environment, folder = installed
    help_text = subprocess.run([str(python), "-m", "balkangames", "lab", "--help"], capture_output=True, text=True,
                               cwd=folder, env=environment, check=True).stdout
    assert "00-start-here.md" in help_text and "never overwritten" in help_text and "DIR" in help_text
    version = subprocess.run([str(python), "-m", "balkangames", "lab", "--version"], capture_output=True, text=True,
                             cwd=folder, env=environment, check=True).stdout
    assert version.startswith("balkangames 0.1.0") and str((folder / "venv").resolve()) in version


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_lab_serves_the_landing_page_and_a_second_run_overwrites_nothing(installed):
    python, environment, folder = installed
    workspace = folder / "my course"  # a space, as in many students' folder names
    balkangames = python.with_name("balkangames.exe" if os.name == "nt" else "balkangames")
    port, token = free_port(), "student-token"
    command = [str(balkangames), "lab", "--no-browser", f"--port={port}", str(workspace)]
    with _serve(command, port, folder / "lab.log", {**environment, "JUPYTER_TOKEN": token}, folder):
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/?token={token}", timeout=30) as response:
            assert response.url.split("?")[0] == f"http://127.0.0.1:{port}/lab/tree/notebooks/00-start-here.md"
            page = response.read().decode()
        config = json.loads(re.search(r'<script id="jupyter-config-data"[^>]*>(.*?)</script>', page, re.S).group(1))
        assert config["treePath"] == "notebooks/00-start-here.md"  # JupyterLab opens the landing page
        assert "@jupyter/nbgrader" in config["disabledExtensions"]  # the student settings are in force
        api = f"http://127.0.0.1:{port}/api/contents/notebooks/00-start-here.md?token={token}"
        with urllib.request.urlopen(api, timeout=30) as response:
            landing = json.load(response)
    assert landing["type"] == "notebook"  # MyST opened as a notebook (jupytext)
    assert landing["content"]["cells"][0]["source"].startswith("# Start here")
    course = sorted(p.relative_to(workspace).as_posix() for p in workspace.rglob("*")
                    if p.is_file() and ".jupyter" not in p.parts)
    assert ".jupytext.toml" in course and "notebooks/00-start-here.md" in course
    assert len([p for p in course if p.startswith("exercises/self-paced/")]) >= 7
    # The student works, deletes a notebook, and starts again: only the deleted file returns.
    work = workspace / "notebooks" / "01-security-dilemma-prisoners-dilemma.md"
    work.write_text(work.read_text(encoding="utf-8") + "\nmy notes\n", encoding="utf-8")
    (workspace / "notebooks" / "02-stag-hunt-and-trust.md").unlink()
    before = {p: _sha(workspace / p) for p in course if p != "notebooks/02-stag-hunt-and-trust.md"}
    again = subprocess.run([str(balkangames), "lab", "--prepare-only", str(workspace)], capture_output=True,
                           text=True, cwd=folder, env=environment, check=True).stdout
    assert "1 missing file(s) copied" in again, again
    assert {p: _sha(workspace / p) for p in before} == before
    assert work.read_text(encoding="utf-8").endswith("my notes\n")
    assert (workspace / "notebooks" / "02-stag-hunt-and-trust.md").exists()
