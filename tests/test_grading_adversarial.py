"""A hostile class: every trick earns no unearned point, leaks nothing and drops no submission.

The batch runs through the real pipeline (``exercises/grade.py`` -> nbgrader ->
sandboxed kernel -> out-of-kernel comparison) in a scratch copy of the course.
Each tricky submission answers nothing (or wrongly) and tries to score anyway,
to read what it must not, or to sink its own grading; expected scores are what
its honest answers are worth.
"""

from __future__ import annotations

import csv
import html
import os
import sys
import uuid
from pathlib import Path

import pytest

EXERCISES = Path(__file__).resolve().parents[1] / "exercises"
sys.path.insert(0, str(EXERCISES))

import course_tools as ct  # noqa: E402

PS1, PS2 = "ps1-security-dilemma", "ps2-alliances-thresholds"
ASSIGNMENTS = (PS1, PS2)  # the course may hold more (ps3 has its own tests)
NOTEBOOK = {PS1: "security-dilemma", PS2: "alliances-thresholds"}
CANARY_ENV = f"GRADER_SECRET_{uuid.uuid4().hex[:8].upper()}"
HOST_FILE = Path("/tmp") / f"pwned-{uuid.uuid4().hex}"

BLANK = "raise NotImplementedError()\n"
ASSERTS_TO_PASS = """\
ip = get_ipython()
def no_asserts(lines):
    return [line.replace("assert ", "pass  # ") for line in lines]
ip.input_transformers_post.append(no_asserts)
"""
CLEAR_ERRORS = """\
def forgive(result):
    result.error_in_exec = None
get_ipython().events.register("post_run_cell", forgive)
get_ipython()._showtraceback = lambda *a, **k: None
"""
PATCH_PACKAGE = """\
import builtins, fractions, sympy
import balkangames.model, balkangames.analysis, balkangames.classify
balkangames.model.player_terms = lambda *a, **k: {"R": 0, "S": 0, "T": 0, "P": 0}
balkangames.analysis.pure_nash_equilibria = lambda A, B: set()
balkangames.classify.player_class = lambda *a: "tie"
sympy.simplify = lambda expr, **k: 0
fractions.Fraction.__eq__ = lambda self, other: True
builtins.set = lambda *a: ALWAYS
class _Always(frozenset):
    def __eq__(self, other):
        return True
ALWAYS = _Always()
_real_import = builtins.__import__
builtins.__import__ = lambda name, *a, **k: _real_import(name, *a, **k)
def payoffs(*a, **k):
    return {"R": 0, "S": 0, "T": 0, "P": 0}
def classify(*a):
    return "tie"
def pure_equilibria(A, B):
    return ALWAYS
"""
ALWAYS_EQUAL = """\
class Anything:
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False
    __hash__ = object.__hash__
def payoffs(*a, **k):
    return {key: Anything() for key in "RSTP"}
def classify(*a):
    return Anything()
def pure_equilibria(A, B):
    return Anything()
"""
FRAME_SPY = """\
import sys
def payoffs(*a, **k):
    frame, seen = sys._getframe(1), {}
    while frame is not None:
        seen.update({k: v for k, v in frame.f_locals.items() if k in ("expected", "reference", "want")})
        frame = frame.f_back
    return seen.get("expected", {"R": 0, "S": 0, "T": 0, "P": 0})
"""
FORGE_REPORT = """\
import balkangames_probe as gp
def fake(name, namespace, calls=None):
    get_ipython().display_pub.publish({gp.ANSWERS_MIME: {"name": name, "results": [{"value": {"int": "0"}}] * 200}})
gp.probe = fake
"""
LEAKER = f"""\
import os, sys
def shout(*args):
    ip = get_ipython()
    print("HISTORY", ip.user_ns.get("_ih"), "ENV", dict(os.environ))
    raise RuntimeError("SOURCE " + str(ip.user_ns.get("In")))
get_ipython().events.register("pre_run_cell", shout)
get_ipython().display_pub.publish({{"text/html": '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'}})
from pathlib import Path
for target in ({str(HOST_FILE)!r}, Path.cwd().parents[2] / "pwned", Path.cwd().parents[2] / "gradebook.db"):
    try:
        open(target, "w").write("x")
    except OSError:
        pass
"""
SWALLOW_INTERRUPTS = """\
import time
def pure_equilibria(A, B):
    return set()
while True:
    try:
        time.sleep(0.5)
    except KeyboardInterrupt:
        pass
"""
FLOOD = "print('x' * 10_000_000)\n"
# --- issue 18: answers that do not come from the student, hidden from the review -------------
CALLS_PACKAGE = """\
from balkangames.model import player_terms
from balkangames.params import SecurityParams
def payoffs(o, d, **k):
    t = player_terms(SecurityParams(offense=o, distinguishability=d, **k), 1)
    return {key: t[key] for key in "RSTP"}
"""
HIDDEN_GETATTR = """\
import importlib
terms = getattr(importlib.import_module('balkangames.model'), 'player' '_terms')
def payoffs(o, d, **k):
    return terms(o, d)
"""
LOOKALIKE = "from balkangames.classify import \U0001d5c9layer_class as classify\n"
GRADER_REFERENCES = """\
from balkangames.grading.checks import _equilibria_calls
def pure_equilibria(A, B):
    return set()
"""
STUDY_NOTES = "from study_notes import payoffs\n"
SHADOW = "import balkangames\nfrom balkangames import classify\n"
MALFORMED_Q2 = """\
import balkangames_probe as bp
import json
_real = bp.probe
def _fake(name, namespace, calls=None):
    if name == "classify":
        n = len(json.loads(calls))
        get_ipython().display_pub.publish({bp.ANSWERS_MIME: {"name": name, "results": [{"value": {"str": []}}] * n}})
    else:
        _real(name, namespace, calls)
bp.probe = _fake
"""
DISPLAY_FLOOD = """\
publish = get_ipython().display_pub.publish
for _ in range(2000):
    publish({"text/plain": "x"}, transient={"display_id": "same"})
publish({"text/plain": "y" * 25_000}, transient={"display_id": "same"}, update=True)
"""
SETSID_BURNER = """\
import subprocess, sys
subprocess.Popen([sys.executable, "-c", "import os\\nos.setsid()\\nwhile True: pass"], start_new_session=True)
"""
POW_TOWER = "a_star = sympy.Pow(sympy.Pow(sympy.Pow(sympy.Pow(o, 64, evaluate=False), 64, evaluate=False), " \
            "64, evaluate=False), 64, evaluate=False)\n"


def _strip_metadata(nb):
    for cell in nb.cells:
        cell.metadata.pop("nbgrader", None)
    return nb


def _duplicate_and_invent(nb):
    answer = ct.cell_by_id(nb, "q1-answer")
    extra = ct.nbformat.from_dict(dict(answer))
    extra.source = "x = 1\n"
    bogus = ct.nbformat.v4.new_code_cell("print('bonus')")
    bogus.metadata["nbgrader"] = {"grade": True, "grade_id": "bonus", "points": 100, "locked": False,
                                  "solution": False, "schema_version": 3, "task": False}
    nb.cells.insert(nb.cells.index(answer) + 1, extra)
    nb.cells.append(bogus)
    return nb


def _with_files(**files):
    """A transformation that also places files (text, or ("link", target)) beside the notebook."""
    def transform(nb):
        nb.metadata["balkangames_files"] = files
        return nb
    return transform


def _widget_state(nb):
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {"x": "w" * 20_000_000}}}
    return nb


def _rename(nb):
    ct.cell_by_id(nb, "q2-answer").metadata["nbgrader"]["grade_id"] = "my-answer"
    return nb


#: student -> (assignment, replaced cells, notebook transformation, earned autograded points)
FULL = {PS1: 8, PS2: 7}
CASES = {
    "honest": (PS1, {}, None, 8),
    "asserts-to-pass": (PS1, {"q1-answer": ASSERTS_TO_PASS + BLANK, "q2-answer": BLANK, "q3-answer": BLANK},
                        None, 0),
    "clears-errors": (PS1, {"q1-answer": CLEAR_ERRORS + BLANK, "q2-answer": BLANK, "q3-answer": BLANK}, None, 0),
    "patches-everything": (PS1, {"q1-answer": PATCH_PACKAGE, "q2-answer": "pass", "q3-answer": "pass"}, None, 0),
    "always-equal": (PS1, {"q1-answer": ALWAYS_EQUAL, "q2-answer": "pass", "q3-answer": "pass"}, None, 0),
    "frame-spy": (PS1, {"q1-answer": FRAME_SPY}, None, 5),
    "forges-report": (PS1, {"q1-answer": FORGE_REPORT + BLANK}, None, 0),
    "leaker": (PS1, {"q1-answer": LEAKER}, None, 5),  # q1 left unanswered
    "exits": (PS1, {"q2-answer": "import os\nos._exit(0)\n"}, None, 3),
    "kills-kernel": (PS1, {"q3-answer": "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n"}, None, 5),
    "swallows-interrupts": (PS1, {"q3-answer": SWALLOW_INTERRUPTS}, None, 5),
    "floods-output": (PS1, {"q2-answer": FLOOD + "def classify(R, S, T, P):\n    return 'tie'\n"}, None, 6),
    "stripped-metadata": (PS1, {}, _strip_metadata, 8),
    "duplicated-ids": (PS1, {}, _duplicate_and_invent, 8),
    "renamed-id": (PS1, {}, _rename, 8),
    # issue 18: each answers nothing by itself, so earns only its honest questions
    "calls-package": (PS1, {"q1-answer": CALLS_PACKAGE}, None, 5),
    "hidden-getattr": (PS1, {"q1-answer": HIDDEN_GETATTR}, None, 5),
    "lookalike": (PS1, {"q2-answer": LOOKALIKE}, None, 6),
    "grader-references": (PS1, {"q3-answer": GRADER_REFERENCES}, None, 5),
    "study-notes": (PS1, {"q1-answer": STUDY_NOTES},
                    _with_files(**{"study_notes.py": "def payoffs(*a, **k):\n    return {}\n"}), 5),
    "shadow-package": (PS1, {"q2-answer": SHADOW}, _with_files(**{"balkangames/__init__.py": "classify = 1\n"}), 6),
    "symlinks": (PS1, {"q1-answer": "print(open('notes.txt').read())\n" + BLANK},
                 _with_files(**{"notes.txt": ("link", "../../../source/ps1-security-dilemma/security-dilemma.ipynb"),
                                "data.db": ("link", "../../../gradebook.db")}), 5),
    "malformed-q2": (PS1, {"q2-answer": MALFORMED_Q2}, None, 6),
    "display-flood": (PS1, {"q2-answer": DISPLAY_FLOOD + BLANK}, _widget_state, 6),
    "setsid-burner": (PS1, {"q3-answer": SETSID_BURNER + BLANK}, None, 5),
    "ps2-honest": (PS2, {}, None, 7),
    "ps2-pow-tower": (PS2, {"q2-answer": POW_TOWER}, None, 4),
    "ps2-patches-sympy": (PS2, {"q2-answer": "import sympy\nsympy.simplify = lambda e, **k: 0\na_star = o\n"},
                          None, 4),
    "ps2-odd-expression": (PS2, {"q2-answer": "class Sneaky(sympy.Symbol):\n    def __eq__(self, other):\n"
                                              "        return True\na_star = Sneaky('o')\n"}, None, 4),
    "ps2-always-equal": (PS2, {"q1-answer": ALWAYS_EQUAL.replace("payoffs", "restrain_probability")
                               .replace("classify", "grim_delta"), "q3-answer": "pass"}, None, 3),
}
BROKEN = "not-a-notebook"
FAILED = {"exits", "kills-kernel", "swallows-interrupts", BROKEN}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The whole batch autograded once; returns (course, exit statuses)."""
    import grade

    course = ct.copy_course(tmp_path_factory.mktemp("hostile") / "course")
    for assignment in ASSIGNMENTS:
        ct.nbgrader(course, "generate_assignment", assignment, "--force")
    for student, (assignment, replaced, transform, _) in CASES.items():
        folder = Path(assignment)
        release = ct.read_notebook(course / "release" / folder / f"{NOTEBOOK[assignment]}.ipynb")
        source = ct.read_notebook(course / "source" / folder / f"{NOTEBOOK[assignment]}.ipynb")
        nb = ct.solved(release, source, replaced)
        nb = transform(nb) if transform else nb
        files = nb.metadata.pop("balkangames_files", {})
        ct.submit(course, student, assignment, {NOTEBOOK[assignment]: nb})
        for name, content in files.items():
            path = course / "submitted" / student / assignment / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, (tuple, list)):
                path.symlink_to(content[1])
            else:
                path.write_text(content)
    broken = course / "submitted" / BROKEN / PS1
    broken.mkdir(parents=True)
    (broken / f"{NOTEBOOK[PS1]}.ipynb").write_text("{ this is not json")
    os.environ[CANARY_ENV] = "grader-only-value"
    try:
        statuses = {a: grade.autograde(course, a, jobs=2) for a in ASSIGNMENTS}
    finally:
        os.environ.pop(CANARY_ENV)
    return course, statuses


@pytest.mark.slow
def test_no_trick_earns_an_unearned_point(graded):
    course, statuses = graded
    assert statuses == {PS1: 3, PS2: 0}, "failures are reported by a distinct status"
    for assignment in ASSIGNMENTS:
        scores = ct.autograded_scores(course, assignment)
        for student, (case_assignment, _, _, earned) in CASES.items():
            if case_assignment == assignment:
                assert scores[student] == earned, (student, scores[student], earned)
    assert FULL[PS1] == sum(ct.autograded_points(ct.read_notebook(
        course / "source" / PS1 / f"{NOTEBOOK[PS1]}.ipynb")).values())


@pytest.mark.slow
def test_every_submission_gets_a_row_and_failures_are_told_apart(graded):
    course, _ = graded
    ct.nbgrader(course, "export", "--to", "grades.csv")
    with open(course / "grades.csv", newline="") as handle:
        rows = {(row["assignment"], row["student_id"]): row for row in csv.DictReader(handle)}
    submitted = {(assignment, student) for student, (assignment, *_rest) in CASES.items()} | {(PS1, BROKEN)}
    assert submitted <= set(rows)
    for key, row in rows.items():
        failed = key in submitted and key[1] in FAILED
        assert bool(row["grading_failure"]) == failed, (key, row["grading_failure"])
    assert "did not stop" in rows[(PS1, "swallows-interrupts")]["grading_failure"]
    assert "kernel died" in rows[(PS1, "exits")]["grading_failure"]
    assert "could not autograde" in rows[(PS1, BROKEN)]["grading_failure"]


@pytest.mark.slow
def test_nothing_leaks_into_autograded_notebooks_or_feedback(graded):
    course, _ = graded
    for assignment in ASSIGNMENTS:
        ct.nbgrader(course, "generate_feedback", assignment, "--force")
    secrets = (CANARY_ENV, "grader-only-value", "Model answer")
    # Only the grader writes these: its probe call and the JSON of the inputs it drew.
    hidden = ("BEGIN HIDDEN TESTS", "from balkangames_probe import probe", '"args"')
    for student, (assignment, *_rest) in CASES.items():
        autograded = (course / "autograded" / student / assignment / f"{NOTEBOOK[assignment]}.ipynb").read_text()
        feedback = (course / "feedback" / student / assignment / f"{NOTEBOOK[assignment]}.html").read_text()
        for secret in secrets:
            assert secret not in autograded and secret not in feedback, (student, secret)
        for text in hidden:
            assert text not in html.unescape(feedback), (student, text)
        assert "<script>window" not in feedback and "<img src=x onerror" not in feedback, student
        assert "Autograder review" not in feedback, student
    # The leaker's outputs exist for the instructor, but hold nothing of the grader.
    leaker = ct.read_notebook(course / "autograded" / "leaker" / PS1 / f"{NOTEBOOK[PS1]}.ipynb")
    printed = str([cell.get("outputs") for cell in leaker.cells])
    assert "HISTORY" in printed and "ENV" in printed, "the hook ran"
    assert CANARY_ENV not in printed and "grader-only-value" not in printed


@pytest.mark.slow
def test_nothing_outside_the_sandbox_changes(graded):
    course, _ = graded
    assert not HOST_FILE.exists()
    assert not (course / "pwned").exists()
    assert (course / "gradebook.db").read_bytes()[:15] == b"SQLite format 3"


@pytest.mark.slow
def test_review_flags_the_tricks_for_the_instructor(graded):
    course, _ = graded

    def review(student, assignment=PS1):
        nb = ct.read_notebook(course / "autograded" / student / assignment / f"{NOTEBOOK[assignment]}.ipynb")
        return nb.cells[0].source

    assert "nothing suspicious" in review("honest")
    assert "input transformer" in review("asserts-to-pass")
    assert "event hook" in review("clears-errors") and "traceback display" in review("clears-errors")
    flagged = review("patches-everything")
    for label in ("builtins access", "import of balkangames", "custom equality or hashing"):
        assert label in flagged
    assert "frame or stack inspection" in review("frame-spy")
    assert "custom equality" in review("always-equal")
    assert "catches KeyboardInterrupt" in review("swallows-interrupts")
    # issue 18: every hiding trick is flagged, with its cell and line
    assert "import of balkangames" in review("calls-package")
    assert "import of balkangames" in review("hidden-getattr") and "dynamic attribute access" in review("hidden-getattr")
    assert "change under NFKC" in review("lookalike")
    assert "import of balkangames" in review("grader-references")
    assert "study_notes.py: a Python module" in review("study-notes") and "import of study" in review("study-notes")
    assert "balkangames: a folder" in review("shadow-package")
    assert "notes.txt: a symbolic link" in review("symlinks") and "data.db: a symbolic link" in review("symlinks")
    assert ", line " in review("calls-package")


@pytest.mark.slow
def test_submissions_are_data_nothing_of_the_course_reaches_them(graded):
    course, _ = graded
    model_answer = "o * (1 - d) * stakes"  # the instructor's q1 solution
    for student in ("symlinks", "study-notes", "shadow-package"):
        folder = course / "autograded" / student / PS1
        assert sorted(p.name for p in folder.iterdir()) == [f"{NOTEBOOK[PS1]}.ipynb", "timestamp.txt"], student
        text = (folder / f"{NOTEBOOK[PS1]}.ipynb").read_text()
        assert "SQLite format" not in text and "Model answer" not in text, student
    # the linked source notebook's q1 solution (this student did not write one) is nowhere
    text = (course / "autograded" / "symlinks" / PS1 / f"{NOTEBOOK[PS1]}.ipynb").read_text()
    assert model_answer not in text and "FileNotFoundError" in text
    assert (course / "submitted" / "symlinks" / PS1 / "notes.txt").is_symlink(), "the submission is left as is"


@pytest.mark.slow
def test_display_updates_and_widget_state_count_toward_the_caps(graded):
    course, _ = graded
    path = course / "autograded" / "display-flood" / PS1 / f"{NOTEBOOK[PS1]}.ipynb"
    assert path.stat().st_size < 4_000_000, "an autograded notebook is at most the stated size"
    nb = ct.read_notebook(path)
    assert "widgets" not in nb.metadata
    assert "cut by the grader" in str(ct.cell_by_id(nb, "q2-answer").outputs)


@pytest.mark.slow
def test_output_is_capped_in_bytes(graded):
    course, _ = graded
    flooded = ct.read_notebook(course / "autograded" / "floods-output" / PS1 / f"{NOTEBOOK[PS1]}.ipynb")
    printed = "".join(o.get("text", "") for o in ct.cell_by_id(flooded, "q2-answer").outputs)
    assert 1_000 < len(printed) < 100_000 and "cut by the grader" in printed
