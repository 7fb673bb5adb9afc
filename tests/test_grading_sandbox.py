"""The sandbox as the issue demands it: allow-list, cleared environment, one memory limit, no leftovers.

Each claim is checked against an unsandboxed control kernel running the same
cells, so a test fails if the sandbox stops doing what it should, and would not
pass vacuously if, say, a file were missing.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import nbformat
import pytest
from jupyter_client import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError
from traitlets.config import Config

from balkangames.grading.sandbox import (
    SandboxedKernelManager,
    bwrap_available,
    memory_cgroup,
    remove_cgroup,
)

pytestmark = pytest.mark.skipif(not bwrap_available(), reason="needs bubblewrap")
REPOSITORY = Path(__file__).resolve().parents[1]
MiB = 2**20


class RecordingManager(SandboxedKernelManager):
    """Remembers the host directories and cgroup each sandbox used."""

    used: list = []

    async def _async_pre_start_kernel(self, **kw):
        result = await super()._async_pre_start_kernel(**kw)
        RecordingManager.used.append((self._sandbox_workdir, self._socket_dir, self._sandbox_cgroup))
        return result


def _run(cells, workdir, manager, memory=None, timeout=30):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    config = Config()
    if memory is not None:
        config.SandboxedKernelManager.memory_limit_bytes = memory
    client = NotebookClient(nb, timeout=timeout, allow_errors=True, kernel_name="python3",
                            kernel_manager_class=manager, config=config,
                            resources={"metadata": {"path": str(workdir)}})
    client.execute()
    return ["".join(o.get("text", "") for o in cell.outputs) for cell in nb.cells]


def test_only_the_allow_list_is_visible_and_the_environment_is_cleared(tmp_path, monkeypatch):
    checkout = tmp_path / "elsewhere" / "exercises"
    exchange = tmp_path / "exchange" / "balkangames" / "inbound"
    for folder in (checkout, exchange):
        folder.mkdir(parents=True)
    (checkout / "assignment_sources.py").write_text("SOLUTION = 1")
    (exchange / "submission.ipynb").write_text("{}")
    canary = f"GRADER_TOKEN_{uuid.uuid4().hex[:6].upper()}"
    monkeypatch.setenv(canary, "secret")
    probe = (
        "import os\nfrom pathlib import Path\n"
        f"paths = [{str(checkout / 'assignment_sources.py')!r}, {str(exchange / 'submission.ipynb')!r},\n"
        f"         {str(REPOSITORY / 'exercises' / 'assignments' / 'documents' / 'ps1-security-dilemma' / 'grading.py')!r}, {str(Path.home())!r} + '/.bashrc']\n"
        "print([Path(p).exists() for p in paths], sorted(os.environ))\n"
        "import balkangames_probe, sympy\nprint('imports ok')"
    )
    workdir = tmp_path / "work"
    workdir.mkdir()
    control = _run([probe], workdir, AsyncKernelManager)[0]
    assert control.startswith("[True, True, True") and canary in control
    sandboxed = _run([probe], workdir, SandboxedKernelManager)[0]
    assert sandboxed.startswith("[False, False, False, False]"), sandboxed
    assert canary not in sandboxed and "imports ok" in sandboxed
    names = eval(sandboxed.splitlines()[0].split("] ", 1)[1])  # the list of variable names
    assert set(names) <= {"PATH", "HOME", "LANG", "PYTHONNOUSERSITE", "MPLBACKEND", "JPY_PARENT_PID",
                          "PYTHONSAFEPATH", "PYTHONDONTWRITEBYTECODE", "BALKANGAMES_ALLOWED_IMPORTS",
                          "PWD", "SHLVL", "_", "TERM", "CLICOLOR", "CLICOLOR_FORCE", "FORCE_COLOR", "PAGER", "GIT_PAGER",
                          "JPY_SESSION_NAME", "PYDEVD_USE_FRAME_EVAL"}, names


CHILDREN = """\
import subprocess, sys
code = "b = bytearray({size}); b[::4096] = b'x' * len(b[::4096]); import time; time.sleep(3); print('held')"
children = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True) for _ in range(3)]
print(sum(child.communicate()[0].strip() == "held" for child in children), "of 3 held")
"""
TMP_FILL = """\
written = 0
try:
    with open("/tmp/fill", "wb") as handle:
        for _ in range({chunks}):
            handle.write(b"x" * 2**20)
            handle.flush()
            written += 1
except OSError as error:
    print("refused", type(error).__name__)
print(written, "MiB written")
"""


def _cgroup_possible() -> bool:
    path = memory_cgroup(64 * MiB)
    remove_cgroup(path)
    return path is not None


@pytest.mark.skipif(not _cgroup_possible(), reason="no memory cgroup can be made here (see exercises/README.md)")
def test_memory_limit_holds_for_the_whole_sandbox_and_its_tmp(tmp_path):
    workdir = tmp_path / "work"
    workdir.mkdir()
    three = CHILDREN.format(size=120 * MiB)
    control = _run([three], workdir, AsyncKernelManager)[0]
    assert "3 of 3 held" in control
    try:
        limited = _run([three], workdir, SandboxedKernelManager, memory=256 * MiB)[0]
    except DeadKernelError:
        limited = "kernel killed"
    assert "3 of 3 held" not in limited, "three children of 120 MiB fit in 256 MiB only without a sandbox-wide limit"
    fill = TMP_FILL.format(chunks=400)
    try:
        filled = _run([fill], workdir, SandboxedKernelManager, memory=256 * MiB)[0]
    except DeadKernelError:
        filled = "kernel killed"
    assert "400 MiB written" not in filled, "/tmp counts in the sandbox's memory"


def test_dead_kernel_leaves_no_directories_or_cgroup(tmp_path):
    workdir = tmp_path / "work"
    workdir.mkdir()
    RecordingManager.used = []
    with pytest.raises(DeadKernelError):
        _run(["import os\nos._exit(3)", "print('never')"], workdir, RecordingManager)
    (used_workdir, socket_dir, cgroup), = RecordingManager.used
    assert not os.path.exists(used_workdir) and not os.path.exists(socket_dir)
    assert cgroup is None or not os.path.exists(cgroup)


RESTRICTED = [
    "import sys, os\nprint(sorted(p for p in sys.path if p in ('', '.', os.getcwd())))",
    "import sympy, fractions\nprint('allowed ok')",
    "import balkangames",
    "import importlib\nimportlib.import_module('numpy')",
    "from study_notes import payoffs",
]


def test_the_graded_kernel_sees_only_what_the_assignment_allows(tmp_path):
    """Not balkangames, not other installed libraries, not a module beside the notebook; a clear message."""
    workdir = tmp_path / "work"
    workdir.mkdir()
    (workdir / "study_notes.py").write_text("def payoffs(): return 'copied'\n")
    (workdir / "balkangames").mkdir()  # a folder shadowing the package
    (workdir / "balkangames" / "__init__.py").write_text("SHADOW = 1\n")

    class Restricted(SandboxedKernelManager):
        def __init__(self, **kw):
            super().__init__(**kw)
            self.allowed_imports = ["sympy", "fractions"]

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in RESTRICTED]
    client = NotebookClient(nb, timeout=60, allow_errors=True, kernel_name="python3",
                            kernel_manager_class=Restricted, resources={"metadata": {"path": str(workdir)}})
    client.execute()
    text = ["".join(o.get("text", "") for o in c.outputs) for c in nb.cells]
    errors = [next((o for o in c.outputs if o.output_type == "error"), None) for c in nb.cells]
    assert text[0].strip() == "[]", "the working directory is not on sys.path"
    assert "allowed ok" in text[1]
    for index, name in ((2, "balkangames"), (3, "numpy"), (4, "study_notes")):
        assert errors[index] is not None and errors[index].ename == "ModuleNotFoundError", (name, errors[index])
        assert f"`{name}` is not available when grading" in errors[index].evalue
        assert "compute it yourself" in errors[index].evalue


SETSID_BURNER = """import subprocess, sys
code = "import os, time\\nos.setsid()\\nwhile True: pass"
burner = subprocess.Popen([sys.executable, "-c", code], start_new_session=True)
print(burner.pid)
"""
COUNT = """import os
print(sum(1 for p in os.listdir('/proc') if p.isdigit()))
"""


def _state(pid):
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return ""


def test_processes_a_cell_started_do_not_outlive_it_setsid_included(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(SETSID_BURNER), nbformat.v4.new_code_cell(COUNT)]
    client = NotebookClient(nb, timeout=60, allow_errors=True, kernel_name="python3",
                            kernel_manager_class=SandboxedKernelManager,
                            resources={"metadata": {"path": str(tmp_path)}})
    strays, remaining = [], []

    async def execute_cell(cell, index, **kw):
        result = await NotebookClient.async_execute_cell(client, cell, index, **kw)
        strays.append(client.km.kill_strays())
        import time

        for _ in range(40):  # SIGKILL is delivered asynchronously; a killed process may linger as a zombie
            left = [pid for pid in client.km.sandbox_pids() if _state(pid) not in ("Z", "")]
            if len(left) <= 3:
                break
            time.sleep(0.05)
        remaining.append(len(left))
        return result

    client.async_execute_cell = execute_cell
    client.execute()
    assert strays[0] == 1, "the setsid burner was found in the sandbox's tree and killed"
    # left: the namespace's init (bwrap) and the kernel, nothing else
    assert remaining[0] == 3, "left: bwrap outside, bwrap as the namespace's init, and the kernel"


def test_the_whole_sandbox_has_a_process_limit(tmp_path):
    forks = ("import os\nmade = 0\ntry:\n    for _ in range(200):\n        if os.fork() == 0:\n"
             "            import time; time.sleep(30); os._exit(0)\n        made += 1\n"
             "except OSError as error:\n    print('stopped', made, type(error).__name__)\n")
    workdir = tmp_path / "w"
    workdir.mkdir()
    cgroups = __import__("balkangames.grading.sandbox", fromlist=["x"]).sandbox_cgroups(0, 16, 0)
    if "pids" not in cgroups:
        pytest.skip("no writable pids cgroup here (the documented fallback applies)")
    remove_cgroup(cgroups["pids"])
    config = Config()
    config.SandboxedKernelManager.pids_limit = 40
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(forks)]
    NotebookClient(nb, timeout=60, allow_errors=True, kernel_name="python3", kernel_manager_class=SandboxedKernelManager,
                   config=config, resources={"metadata": {"path": str(workdir)}}).execute()
    output = "".join(o.get("text", "") for o in nb.cells[0].outputs)
    assert output.startswith("stopped") and int(output.split()[1]) < 40, output


def test_a_student_meets_the_same_restriction_in_their_own_kernel(tmp_path):
    """The locked set-up cell's allow_imports, in an ordinary (unsandboxed) kernel: the grader's message."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in (
        "from fractions import Fraction\nimport sympy\nfrom balkangames_probe import allow_imports\n"
        "allow_imports('fractions', 'math', 'sympy')",
        "import json, math\nprint(sympy.Rational(1, 2) + 1, 'ok')",
        "import balkangames.model",
        "import importlib\nimportlib.import_module('balkangames.analysis')",
        "import numpy",
    )]
    NotebookClient(nb, timeout=60, allow_errors=True, kernel_name="python3", kernel_manager_class=AsyncKernelManager,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    assert "3/2 ok" in "".join(o.get("text", "") for o in nb.cells[1].outputs)
    for cell, name in zip(nb.cells[2:], ("balkangames", "balkangames", "numpy"), strict=True):
        error = next(o for o in cell.outputs if o.output_type == "error")
        assert error.ename == "ModuleNotFoundError" and f"`{name}` is not available when grading" in error.evalue


def test_sandbox_cgroups_limit_processes_and_cpu_share_where_writable():
    from balkangames.grading.sandbox import sandbox_cgroups

    made = sandbox_cgroups(64 * MiB, 8, 0.5)
    try:
        if not made:
            pytest.skip("no writable cgroup here: the documented per-process fallback applies")
        if "pids" in made:
            assert Path(made["pids"], "pids.max").read_text().strip() == "8"
        if "cpu" in made:
            folder = Path(made["cpu"])
            quota = (folder / "cpu.max").read_text().split()[0] if (folder / "cpu.max").exists() \
                else (folder / "cpu.cfs_quota_us").read_text().strip()
            assert quota == "50000", "half a core of a 100 ms period"
    finally:
        for path in set(made.values()):
            remove_cgroup(path)
    assert not any(Path(path).exists() for path in made.values())
