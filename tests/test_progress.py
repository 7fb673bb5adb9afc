"""Long work shows progress: every case's sensitivity, and autograding a class (exercises/grade.py)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from pathlib import Path

from balkangames import cases
from balkangames.progress import sensitivity_of_all_cases

ROOT = Path(__file__).resolve().parents[1]


def test_every_case_sensitivity_counts_cases_on_a_bar(capsys):
    reports = sensitivity_of_all_cases()
    ids = cases.list_cases()
    assert list(reports) == ids
    first = cases.load(ids[0]).sensitivity()
    assert reports[ids[0]].as_dict() == first.as_dict()
    bar = capsys.readouterr().err
    assert "sensitivity of every case" in bar and f"{len(ids)}/{len(ids)}" in bar


def _grade_module():
    sys.path.insert(0, str(ROOT / "exercises"))
    spec = importlib.util.spec_from_file_location("grade", ROOT / "exercises" / "grade.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_autograding_shows_each_graded_submission(tmp_path, capsys):
    """The bar follows autograded notebooks as nbgrader writes them, while its processes run."""
    grade = _grade_module()
    students = ["ana", "boris", "chiara"]
    started = time.time()
    writer = (
        "import sys, time, pathlib\n"
        "for name in sys.argv[1:]:\n"
        "    time.sleep(0.7)\n"
        "    folder = pathlib.Path('autograded') / name / 'ps1'\n"
        "    folder.mkdir(parents=True)\n"
        "    (folder / 'ps1.ipynb').write_text('{}')\n"
    )
    processes = [subprocess.Popen([sys.executable, "-c", writer, *students], cwd=tmp_path)]
    codes = grade._wait_showing_progress(processes, tmp_path, "ps1", students, started)
    assert codes == [0]
    bar = capsys.readouterr().err
    assert "autograding ps1" in bar and "3/3" in bar
    assert "1/3" in bar or "2/3" in bar  # seen part-way, not only at the end
