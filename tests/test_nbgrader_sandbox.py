"""The autograding sandbox: student code cannot see the course, the network or its own notebook.

Each check runs the same cells in an unsandboxed kernel as a control, so a test
fails if the sandbox stops hiding what it should (and would not pass vacuously
if, say, the files were missing).
"""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import nbformat
import pytest
from jupyter_client import AsyncKernelManager
from nbclient import NotebookClient
from traitlets.config import Config

from balkangames.grading.feedback import HideHiddenTests, strip_hidden_tests
from balkangames.grading.sandbox import SandboxedKernelManager, bwrap_available, sandbox_command

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "exercises"))

import grade  # noqa: E402

PROBE = """\
import os, socket
from pathlib import Path
def attempt(action):
    try:
        action()
        return "ok"
    except Exception as error:
        return type(error).__name__
results = {
    "secret": attempt(lambda: Path(SECRET).read_text()),
    "gradebook": attempt(lambda: Path(GRADEBOOK).read_bytes()),
    "own notebook": attempt(lambda: Path("submission.ipynb").read_text()),
    "data file": attempt(lambda: Path("data.csv").read_text()),
    "write here": attempt(lambda: Path("scratch.txt").write_text("x")),
    "network": attempt(lambda: socket.create_connection(("127.0.0.1", PORT), timeout=2).close()),
}
print(results)
"""


def test_bubblewrap_is_installed():
    assert bwrap_available(), "autograding needs Debian's bubblewrap: apt-get install -y bubblewrap"


@pytest.fixture
def course(tmp_path):
    root = tmp_path / "course"
    workdir = root / "autograded" / "student" / "ps"
    workdir.mkdir(parents=True)
    (root / "source").mkdir()
    (root / "source" / "secret.ipynb").write_text("solution")
    (root / "gradebook.db").write_bytes(b"hidden tests")
    (workdir / "submission.ipynb").write_text("hidden tests restored by nbgrader")
    (workdir / "data.csv").write_text("1,2\n")
    return root, workdir


def _run(cells, workdir, manager, hidden=(), timeout=20):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    config = Config()
    config.SandboxedKernelManager.hidden_paths = [str(p) for p in hidden]
    config.SandboxedKernelManager.data_files = ["data.csv"]  # what the assignment declares
    client = NotebookClient(
        nb, timeout=timeout, allow_errors=True, interrupt_on_timeout=True, kernel_name="python3",
        kernel_manager_class=manager, config=config, resources={"metadata": {"path": str(workdir)}},
    )
    client.execute()
    return nb


def _probe(course, manager):
    root, workdir = course
    with socket.create_server(("127.0.0.1", 0)) as listener:  # a service on the grader's host
        port = listener.getsockname()[1]
        setup = (f"SECRET = {str(root / 'source' / 'secret.ipynb')!r}\n"
                 f"GRADEBOOK = {str(root / 'gradebook.db')!r}\nPORT = {port}")
        nb = _run([setup, PROBE, "results"], workdir, manager, hidden=[root])
    return eval(nb.cells[2].outputs[0]["data"]["text/plain"])  # a dict of plain strings


def test_sandbox_hides_course_own_notebook_and_network(course):
    control = _probe(course, AsyncKernelManager)
    assert control["secret"] == control["gradebook"] == control["own notebook"] == "ok"
    assert control["network"] == "ok"
    (course[1] / "scratch.txt").unlink()
    sandboxed = _probe(course, SandboxedKernelManager)
    assert sandboxed["secret"] == "FileNotFoundError"
    assert sandboxed["gradebook"] == "FileNotFoundError"
    assert sandboxed["own notebook"] == "FileNotFoundError"
    assert sandboxed["network"] == "ConnectionRefusedError", "the host's services are unreachable"
    # What a submission legitimately needs still works, without touching the real folder.
    assert sandboxed["data file"] == "ok" and sandboxed["write here"] == "ok"
    assert not (course[1] / "scratch.txt").exists()


def test_sandboxed_kernel_survives_a_cell_timeout(course):
    _, workdir = course
    nb = _run(["while True:\n    pass", "print('still alive')"], workdir, SandboxedKernelManager, timeout=5)
    assert nb.cells[0].outputs[-1]["output_type"] == "error"
    assert nb.cells[1].outputs[0]["text"] == "still alive\n"


def test_sandbox_command_masks_paths_and_keeps_python(tmp_path):
    hidden_dir, hidden_file = tmp_path / "course", tmp_path / "gradebook.db"
    hidden_dir.mkdir()
    hidden_file.write_text("")
    command = sandbox_command(
        ["python", "-m", "ipykernel_launcher"], workdir="/w", private_workdir="/p", socket_dir="/s",
        hidden_paths=[str(hidden_dir), str(hidden_file), sys.prefix], hide_home=False,
    )
    pairs = list(zip(command, command[1:], strict=False))
    assert ("--tmpfs", str(hidden_dir)) in pairs
    assert ("/dev/null", str(hidden_file)) in pairs
    assert "--unshare-net" in command and ("--cap-drop", "ALL") in pairs
    # A hidden directory that holds the interpreter is mounted back read-only.
    prefix = str(Path(sys.prefix).resolve())
    assert command[command.index(prefix, command.index("--ro-bind", 3)) - 1] == "--ro-bind"
    assert command[-3:] == ["python", "-m", "ipykernel_launcher"]


def test_grade_splits_students_into_disjoint_groups():
    students = [f"s{k:02d}" for k in range(7)]
    groups = grade.split(students, 3)
    assert sorted(s for group in groups for s in group) == students
    assert len(groups) == 3 and max(map(len, groups)) - min(map(len, groups)) <= 1
    assert grade.split(students[:1], 4) == [["s00"]]
    with pytest.raises(ValueError, match="jobs"):
        grade.split(students, 0)


def test_feedback_keeps_only_the_graders_verdicts():
    cell = nbformat.v4.new_code_cell(
        "assert f(1) == 2\n### BEGIN HIDDEN TESTS\nassert f(3) == secret_value\n### END HIDDEN TESTS\n"
    )
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "grade_id": "t", "points": 1}
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="printed by a hook: secret_value\n"),
        nbformat.v4.new_output("error", ename="GradingFailure", evalue="f: 1 of 3 calls failed",
                               traceback=["line 3: assert f(3) == secret_value"]),
    ]
    answer = nbformat.v4.new_code_cell("### BEGIN HIDDEN TESTS\nnot a test cell\n### END HIDDEN TESTS\n")
    answer.outputs = [nbformat.v4.new_output("stream", name="stdout", text="history: secret_value")]
    review = nbformat.v4.new_markdown_cell("**Autograder review**: builtins patching")
    review.metadata["balkangames_review"] = ["builtins patching"]
    nb = nbformat.v4.new_notebook()
    nb.cells = [review, cell, answer]
    HideHiddenTests().preprocess(nb, {})
    assert len(nb.cells) == 2, "the instructor's review is not feedback"
    assert "secret_value" not in nb.cells[0].source and "assert f(1) == 2" in nb.cells[0].source
    assert nb.cells[0].outputs == [nbformat.v4.new_output(
        "error", ename="GradingFailure", evalue="f: 1 of 3 calls failed",
        traceback=["GradingFailure: f: 1 of 3 calls failed"])]
    assert nb.cells[1].source == answer.source and nb.cells[1].outputs == []
    assert strip_hidden_tests("x = 1\n") == "x = 1\n"


def test_grade_reports_a_course_without_submissions(tmp_path, capsys):
    assert grade.submitted_students(tmp_path, "ps1-security-dilemma") == []
    assert grade.autograde(tmp_path, "ps1-security-dilemma") == 1
    assert "no submissions" in capsys.readouterr().err


def test_missing_bubblewrap_is_explained(course):
    _, workdir = course
    config = Config()
    config.SandboxedKernelManager.bwrap = "no-such-bwrap"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("1")]
    client = NotebookClient(nb, kernel_name="python3", kernel_manager_class=SandboxedKernelManager,
                            config=config, resources={"metadata": {"path": str(workdir)}})
    with pytest.raises(RuntimeError, match="apt-get install -y bubblewrap"):
        client.execute()
