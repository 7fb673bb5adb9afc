"""The nbgrader course: the release leaks nothing, and a batch of awkward submissions grades right.

Everything runs in a scratch copy of ``exercises/assignments`` (see
``exercises/course_tools.py``); nothing is written into the repository.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

EXERCISES = Path(__file__).resolve().parents[1] / "exercises"
sys.path.insert(0, str(EXERCISES))

import course_tools as ct  # noqa: E402

PS1, PS2 = "ps1-security-dilemma", "ps2-alliances-thresholds"
ASSIGNMENTS = (PS1, PS2)  # the course may hold more (ps3 has its own tests)
NOTEBOOK = {PS1: "security-dilemma", PS2: "alliances-thresholds"}

WRONG_CLASSIFY = 'def classify(R, S, T, P):\n    return "prisoners-dilemma"\n'
WRONG_EQUILIBRIA = "def pure_equilibria(A, B):\n    return {(1, 1)}\n"
WRONG_PUNISHMENT = (  # forgets the race cost in P
    "def payoffs(offense, distinguishability, stakes=10, restraint_value=2, arming_cost=1, race_cost=1):\n"
    "    o, d = Fraction(offense), Fraction(distinguishability)\n"
    '    return {"R": Fraction(restraint_value), "T": o * stakes - arming_cost,\n'
    '            "S": -o * (1 - d) * stakes, "P": Fraction(-arming_cost)}\n'
)
# Tries the instructor's source notebook, its own sanitised notebook (which holds the
# hidden tests while it runs) and the gradebook; runs the stolen solution if it gets one.
CHEAT = """\
import json
import sqlite3
from pathlib import Path

course = Path.cwd().parents[2]
stolen = None
for path in (course / "source" / "ps1-security-dilemma" / "security-dilemma.ipynb",
             Path.cwd() / "security-dilemma.ipynb"):
    try:
        cells = json.loads(path.read_text())["cells"]
    except OSError as error:
        print("blocked", type(error).__name__, path.name)
        continue
    print("read", path)
    for cell in cells:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == "q1-answer":
            stolen = "".join(cell["source"])
try:
    rows = sqlite3.connect(f"file:{course / 'gradebook.db'}?mode=ro", uri=True).execute(
        "select source from source_cells").fetchall()
    print("read gradebook", len(rows))
except sqlite3.Error as error:
    print("blocked", type(error).__name__, "gradebook.db")
if stolen and "BEGIN SOLUTION" in stolen:
    exec(stolen)
"""

#: student -> (assignment, replaced cell sources, deleted cells, test cells expected to fail)
CASES = {
    "correct": (PS1, {}, (), set()),
    "partly-wrong": (PS1, {"q2-answer": WRONG_CLASSIFY}, (), {"q2-tests-hidden"}),
    "raising": (PS1, {"q3-answer": 'raise RuntimeError("gave up")'}, (), {"q3-tests-hidden"}),
    "loops-forever": (PS1, {"q2-answer": "while True:\n    pass\n"}, (), {"q2-tests-hidden"}),
    "deleted-test": (PS1, {"q3-answer": WRONG_EQUILIBRIA}, ("q3-tests-hidden",), {"q3-tests-hidden"}),
    "edited-test": (PS1, {"q1-answer": WRONG_PUNISHMENT, "q1-tests-hidden": "assert True\n"}, (), {"q1-tests-hidden"}),
    "reads-source": (PS1, {"q1-answer": CHEAT}, (), {"q1-tests-hidden"}),
    "ps2-correct": (PS2, {}, (), set()),
    "ps2-symbolic-slip": (PS2, {"q2-answer": "a_star = 1 - b / (o * W)\n"}, (), {"q2-tests-hidden"}),
}


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A scratch copy of the course with both assignments released."""
    root = ct.copy_course(tmp_path_factory.mktemp("course"))
    for assignment in ASSIGNMENTS:
        ct.nbgrader(root, "generate_assignment", assignment, "--force")
    return root


def _notebooks(course, assignment, where):
    return ct.read_notebook(course / where / assignment / f"{NOTEBOOK[assignment]}.ipynb")


def _regions(nb):
    """(lines inside solution / hidden-test regions, lines outside them), stripped."""
    inside, outside = set(), set()
    for cell in nb.cells:
        hidden = False
        for line in cell.source.splitlines():
            text = line.strip()
            if text.startswith(("### BEGIN SOLUTION", "### BEGIN HIDDEN TESTS")):
                hidden = True
            elif text.startswith(("### END SOLUTION", "### END HIDDEN TESTS")):
                hidden = False
            elif text:
                (inside if hidden else outside).add(text)
    return inside - outside, outside


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_contains_no_solution_or_hidden_test(course, assignment):
    source = _notebooks(course, assignment, "source")
    release_path = course / "release" / assignment / f"{NOTEBOOK[assignment]}.ipynb"
    release = ct.read_notebook(release_path)
    secret, public = _regions(source)
    assert len(secret) > 10, "the source should hold solutions and hidden tests to protect"
    released_lines = {line.strip() for cell in release.cells for line in cell.source.splitlines()}
    assert not secret & released_lines, f"leaked: {sorted(secret & released_lines)}"
    text = release_path.read_text()
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS", "Model answer"):
        assert marker not in text
    # Not vacuous: the questions, visible tests and stubs are all there.
    assert public - {"### BEGIN SOLUTION"} <= released_lines | {""}
    assert "raise NotImplementedError()" in released_lines
    assert "YOUR ANSWER HERE" in released_lines
    assert all(not cell.get("outputs") for cell in release.cells if cell.cell_type == "code")


def test_every_assignment_document_builds_and_declares_what_it_allows(tmp_path):
    """The MyST documents build into nbgrader sources whose set-up cell applies the declared imports."""
    from balkangames.grading.assignments import build_sources, declared

    built = build_sources(ct.COURSE / "documents", tmp_path)
    assert {path.parent.name for path in built} == set(ct.ASSIGNMENT_IDS)
    for path in built:
        nb = ct.read_notebook(path)
        allowed, data_files = declared(nb)
        assert "fractions" in allowed and "balkangames" not in allowed and data_files == ()
        setup = ct.cell_by_id(nb, "setup")
        assert setup.metadata["nbgrader"]["locked"] and f"allow_imports({', '.join(map(repr, allowed))})".replace(
            "'", '"') in setup.source
        assert set(ct.checks(path.parent.name)) == set(ct.autograded_points(nb)), path


def _submission(course, student):
    assignment, replaced, deleted, _ = CASES[student]
    nb = ct.solved(_notebooks(course, assignment, "release"), _notebooks(course, assignment, "source"), replaced)
    nb.cells = [cell for cell in nb.cells if ct.grade_id(cell) not in deleted]
    return assignment, nb


@pytest.mark.slow
def test_batch_of_awkward_submissions_gets_expected_scores(course):
    import grade

    for student in CASES:
        assignment, nb = _submission(course, student)
        ct.submit(course, student, assignment, {NOTEBOOK[assignment]: nb})
    statuses = [grade.autograde(course, assignment, jobs=2) for assignment in ASSIGNMENTS]
    assert statuses == [0, 0]

    for assignment in ASSIGNMENTS:
        points = ct.autograded_points(_notebooks(course, assignment, "source"))
        scores = ct.autograded_scores(course, assignment)
        for student, (case_assignment, _, _, failing) in CASES.items():
            if case_assignment != assignment:
                continue
            expected = sum(points.values()) - sum(points[cell] for cell in failing)
            assert scores[student] == pytest.approx(expected), student

    # Tampered test cells were replaced by the grader's own calls.
    edited = _notebooks(course, PS1, Path("autograded") / "edited-test")
    assert "probe('payoffs'" in ct.cell_by_id(edited, "q1-tests-hidden").source
    assert "assert True" not in ct.cell_by_id(edited, "q1-tests-hidden").source
    deleted = _notebooks(course, PS1, Path("autograded") / "deleted-test")
    assert "probe('pure_equilibria'" in ct.cell_by_id(deleted, "q3-tests-hidden").source
    # The cheat found nothing to read.
    cheat = _notebooks(course, PS1, Path("autograded") / "reads-source")
    printed = "".join(o.get("text", "") for o in ct.cell_by_id(cheat, "q1-answer").outputs)
    assert printed.count("blocked") == 3 and "read" not in printed.replace("blocked", ""), printed
    looped = _notebooks(course, PS1, Path("autograded") / "loops-forever")
    assert any(o.get("ename") in {"KeyboardInterrupt", "CellTimeoutError"}
               for o in ct.cell_by_id(looped, "q2-answer").outputs)

    _check_export_and_feedback(course)


def _check_export_and_feedback(course):
    ct.nbgrader(course, "export", "--to", "grades.csv")
    with open(course / "grades.csv", newline="") as handle:
        rows = {(row["assignment"], row["student_id"]): row for row in csv.DictReader(handle)}
    for student, (assignment, *_rest) in CASES.items():
        assert (assignment, student) in rows
    scores = ct.autograded_scores(course, PS1)
    assert float(rows[(PS1, "correct")]["raw_score"]) == pytest.approx(scores["correct"])

    for assignment in ASSIGNMENTS:
        ct.nbgrader(course, "generate_feedback", assignment, "--force")
    for student, (assignment, *_rest) in CASES.items():
        html = (course / "feedback" / student / assignment / f"{NOTEBOOK[assignment]}.html").read_text()
        assert "hidden tests are not shown" in html
        for hidden_name in ("player_terms", "pure_nash_equilibria", "player_class", "trust_threshold",
                            "grim_trigger_delta", "symbolic_terms", "grading_probe", "probe("):
            assert hidden_name not in html, (student, hidden_name)


@pytest.mark.slow
def test_exchange_workflow_release_fetch_submit_collect_autograde(tmp_path):
    """The instructor commands of exercises/README.md, with a student in between."""
    import getpass

    import grade

    course = ct.copy_course(tmp_path / "course")
    exchange, student_home = tmp_path / "exchange", tmp_path / "student"
    exchange.mkdir()
    student_home.mkdir()
    where = f"--Exchange.root={exchange}"
    ct.nbgrader(course, "generate_assignment", PS1, "--force")
    ct.nbgrader(course, "release_assignment", PS1, where)
    ct.nbgrader(student_home, "fetch_assignment", PS1, "--course=balkangames", where)
    fetched = student_home / PS1 / f"{NOTEBOOK[PS1]}.ipynb"
    source = _notebooks(course, PS1, "source")
    # The student answers everything but gets question 3 wrong, then submits.
    solved = ct.solved(ct.read_notebook(fetched), source, {"q3-answer": WRONG_EQUILIBRIA})
    ct.write_notebook(solved, fetched)
    ct.nbgrader(student_home, "submit", PS1, "--course=balkangames", where)
    ct.nbgrader(course, "collect", PS1, where)
    student = getpass.getuser()
    assert (course / "submitted" / student / PS1 / f"{NOTEBOOK[PS1]}.ipynb").exists()
    assert grade.autograde(course, PS1, jobs=1) == 0
    points = ct.autograded_points(source)
    assert ct.autograded_scores(course, PS1)[student] == sum(points.values()) - points["q3-tests-hidden"]


@pytest.mark.slow
def test_check_submission_grades_one_notebook_as_it_will_be_graded(tmp_path, capsys):
    """`make -C exercises check-submission`: no nbgrader server, the same sandbox, imports and review."""
    import grade

    release = ct.source_notebook(PS1, NOTEBOOK[PS1])
    shortcut = ("from balkangames.model import player_terms\n"
                "def payoffs(o, d, **k):\n    return player_terms(o, d)\n")
    nb = ct.solved(release, release, {"q1-answer": shortcut})
    path = tmp_path / f"{NOTEBOOK[PS1]}.ipynb"
    ct.write_notebook(nb, path)
    assert grade.check_notebook(ct.COURSE, PS1, path) == 1
    printed = capsys.readouterr().out
    assert "import of balkangames (not allowed in this assignment) (cell" in printed
    assert "FAILED payoffs" in printed and "PASSED classify" in printed and "PASSED pure_equilibria" in printed
