"""The grader's side, in-process: strict readers, the verdict, the cleaned notebook, the review.

Fast unit tests; the full pipeline is exercised in test_grading_adversarial.py.
"""

from __future__ import annotations

import random
import sys
from fractions import Fraction
from pathlib import Path

import nbformat
import pytest
import sympy

from balkangames.grading.checks import parse_number, parse_srepr
from balkangames.grading.grader import judge, judge_bounded, rebuild_cells, review_code
from balkangames_probe import ANSWERS_MIME, encode

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "exercises"))
import course_tools as ct  # noqa: E402

PS1, PS2 = ct.checks("ps1-security-dilemma"), ct.checks("ps2-alliances-thresholds")
SYMBOLS = {name: sympy.Symbol(name, positive=True) for name in ("o", "W", "b", "c")}


@pytest.mark.parametrize("data, expected", [
    ({"int": "-12"}, Fraction(-12)),
    ({"fraction": "7/102"}, Fraction(7, 102)),
    ({"fraction": "1/0"}, None),
    ({"int": "1.5"}, None),
    ({"int": 3}, None),
    ({"bool": True}, None),
    ({"int": "1", "fraction": "1/1"}, None),
    ({"unsupported": "float"}, None),
    ({"int": "9" * 400}, None),
    ("7", None),
])
def test_parse_number_accepts_exact_strings_only(data, expected):
    assert parse_number(data) == expected


@pytest.mark.parametrize("text", [
    "__import__('os').system('touch /tmp/x')",
    "Symbol('o').subs",
    "Add(Symbol('o'), eval('1'))",
    "Pow(Symbol('o'), Integer(10000000))",
    "Pow(Symbol('o'), Symbol('W'))",
    "Symbol('a', positive=True)",
    "Rational(1, 0)",
    "Mul(" * 300 + "Integer(1)" + ")" * 300,
    "Integer(1" + "0" * 30 + ")",
    "Function('f')(Symbol('o'))",
    "x" * 30000,
])
def test_parse_srepr_refuses_anything_outside_the_whitelist(text):
    assert parse_srepr(text, SYMBOLS) is None


def test_parse_srepr_rebuilds_what_sympy_writes():
    o, W, b, c = SYMBOLS.values()
    expression = 1 - (b + c) / (o * W)
    assert parse_srepr(sympy.srepr(expression), SYMBOLS) == expression
    assert parse_srepr(sympy.srepr(sympy.Rational(-3, 4) * o**2), SYMBOLS) == sympy.Rational(-3, 4) * o**2


def _report(check, calls, value_of):
    results = [{"value": encode(value_of(call))} for call, _ in calls]
    return [{"output_type": "display_data", "data": {ANSWERS_MIME: {"name": check.name, "results": results}}}]


def _display(report):
    return {"output_type": "display_data", "data": {ANSWERS_MIME: report}}


def _decode(call):
    from balkangames_probe import decode_argument

    return [decode_argument(a) for a in call["args"]], {k: decode_argument(v) for k, v in call["kwargs"].items()}


def test_judge_passes_a_right_answer_and_fails_a_wrong_one():
    from balkangames.model import player_terms
    from balkangames.params import SecurityParams

    check = PS1["q1-tests-hidden"]
    calls = check.draw(random.Random(3))

    def right(call):
        (o, d), keywords = _decode(call)
        terms = player_terms(SecurityParams(offense=o, distinguishability=d, **keywords), 1)
        return {key: terms[key] for key in "RSTP"}

    def forgets_race_cost(call):
        answer = right(call)
        (_, _), keywords = _decode(call)
        return {**answer, "P": answer["P"] + keywords.get("race_cost", 1)}

    assert judge(check, calls, _report(check, calls, right)) == (
        True, f"payoffs: correct on all {len(calls)} inputs drawn by the grader")
    passed, message = judge(check, calls, _report(check, calls, forgets_race_cost))
    assert not passed and "returned a wrong value" in message
    floats = _report(check, calls, lambda call: {k: float(v) for k, v in right(call).items()})
    assert judge(check, calls, floats)[0] is False, "floats are not exact answers"


def test_judge_refuses_forged_or_odd_reports():
    check = PS1["q2-tests-hidden"]
    calls = check.draw(random.Random(4))
    good = _report(check, calls, lambda call: "tie")
    assert judge(check, calls, good + good)[0] is False, "two reports"
    assert judge(check, calls, [])[0] is False, "no report"
    short = [{"output_type": "display_data",
              "data": {ANSWERS_MIME: {"name": "classify", "results": [{"value": {"str": "tie"}}]}}}]
    assert "wrong number" in judge(check, calls, short)[1]
    other = [{"output_type": "display_data", "data": {ANSWERS_MIME: {"name": "payoffs", "missing": True}}}]
    assert judge(check, calls, other)[0] is False
    missing = [{"output_type": "display_data", "data": {ANSWERS_MIME: {"name": "classify", "missing": True}}}]
    assert judge(check, calls, missing) == (False, "classify is not defined when the tests run")
    raised = [{"output_type": "display_data", "data": {ANSWERS_MIME: {
        "name": "classify", "results": [{"raised": "<script>alert(1)</script>"}] * len(calls)}}}]
    passed, message = judge(check, calls, raised)
    assert not passed and "<script>" not in message
    assert judge(None, [], good)[1].startswith("no out-of-kernel check")


def test_a_star_is_judged_by_value_not_by_form():
    check = PS2["q2-tests-hidden"]
    calls = check.draw(random.SystemRandom())
    o, W, b, c = SYMBOLS.values()

    def verdict(expression):
        report = {"name": "a_star", "value": encode(expression)}
        return judge(check, calls, [{"output_type": "display_data", "data": {ANSWERS_MIME: report}}])[0]

    assert verdict(1 - (b + c) / (o * W))
    assert verdict((o * W - b - c) / (W * o))
    assert not verdict(1 - b / (o * W))
    assert not verdict(sympy.Symbol("a", positive=True))


def _cell(kind, grade_id=None, source="", **meta):
    cell = nbformat.v4.new_code_cell(source) if kind == "code" else nbformat.v4.new_markdown_cell(source)
    if grade_id:
        cell.metadata["nbgrader"] = {"grade_id": grade_id, "grade": False, "solution": False, "locked": False,
                                     "schema_version": 3, **meta}
    return cell


def _source():
    return [_cell("markdown", "q1-text", "## Question 1", locked=True),
            _cell("code", "q1-answer", "SOLUTION", solution=True),
            _cell("code", "q1-tests", "probe()", grade=True, locked=True, points=2)]


def test_rebuild_keeps_one_cell_per_id_with_the_source_metadata():
    student = [_cell("markdown", "q1-text", "## Question 1", locked=True),
               _cell("code", "q1-answer", "def f(): return 1", solution=True),
               _cell("code", "q1-answer", "def f(): return 2", solution=True),  # duplicated
               _cell("code", "bonus", "print(1)", grade=True, points=100),      # invented
               _cell("code", "q1-tests", "assert True", grade=True, locked=True, points=99)]  # edited
    rebuilt = rebuild_cells(_source(), student)
    ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in rebuilt]
    assert ids.count("q1-answer") == 1 and "bonus" not in ids
    assert rebuilt[ids.index("q1-tests")].metadata["nbgrader"]["points"] == 2
    assert rebuilt[ids.index("q1-tests")].source == "probe()"
    assert rebuilt[ids.index("q1-answer")].source == "def f(): return 1"
    assert [c.source for c in rebuilt if not c.metadata.get("nbgrader")] == ["def f(): return 2", "print(1)"]


def test_rebuild_recovers_answers_whose_metadata_was_stripped():
    student = [_cell("markdown", None, "## Question 1"), _cell("code", None, "def f(): return 1"),
               _cell("code", None, "assert True")]
    rebuilt = rebuild_cells(_source(), student)
    answer = next(c for c in rebuilt if c.metadata.get("nbgrader", {}).get("grade_id") == "q1-answer")
    assert answer.source in ("def f(): return 1", "assert True")
    assert "SOLUTION" not in [c.source for c in rebuilt], "the instructor's solution is never copied in"


def test_review_flags_tricks_and_imports_beyond_the_allowed_but_not_honest_code():
    honest = ["from fractions import Fraction\nimport math\ndef payoffs(o, d):\n    return {'R': Fraction(2)}\n"]
    assert review_code(honest, allowed=("fractions", "math")) == []
    findings = review_code(["get_ipython().input_transformers_post.append(f)",
                            "import sys\nsys._getframe(1)", "from balkangames.model import player_terms"],
                           allowed=("sympy",))
    assert "IPython input transformer: input_transformers_post (cell 1, line 1)" in findings
    assert "IPython shell access: get_ipython (cell 1, line 1)" in findings
    assert "frame or stack inspection: _getframe (cell 2, line 2)" in findings
    assert "import of balkangames (not allowed in this assignment) (cell 3, line 1)" in findings


@pytest.mark.parametrize("code, label", [
    # the issue's hiding tricks: each is read from the syntax tree, not the text
    ("import importlib\ngetattr(importlib.import_module('balkangames.model'), 'player' '_terms')",
     "import of balkangames"),
    ("from balkangames.model import \U0001d5c9layer_terms", "change under NFKC"),
    ("from balkangames.exercises.registry import game_classes", "import of balkangames"),
    ("from study_notes import payoffs", "import of study_notes"),
    ("ip = get_ipython()\ngetattr(ip.events, 'register')('post_run_cell', f)", "IPython event hook"),
    ("m = __import__('o' + 's')", "os or subprocess"),
    ("import ctypes", "ctypes"),
    ("import subprocess as sp\nsp.run(['ls'])", "os or subprocess"),
    ("exec('x = 1')", "dynamic code"),
    ("e = eval\ne('1')", "dynamic code"),
    ("compile('1', 'f', 'eval')", "dynamic code"),
    ("import builtins as b\nb.print = None", "builtins access"),
    ("(lambda: 0).__globals__", "builtins access"),
    ("import sys\nsys.modules['x'] = None", "module table access"),
    ("import inspect\ninspect.currentframe()", "frame or stack inspection"),
])
def test_review_reads_code_not_text(code, label):
    findings = review_code([code], allowed=("fractions", "math", "sympy"))
    assert any(label in finding and "(cell 1, line" in finding for finding in findings), findings


def test_a_malformed_report_fails_only_its_question():
    """The issue's TypeErrors: a value of an unexpected type fails the question with a reason."""
    calls = PS1["q2-tests-hidden"].draw(random.Random(1))
    for value in ({"str": []}, {"str": {"x": 1}}, 5, None, {"dict": "x"}):
        report = {"name": "classify", "results": [{"value": value}] * len(calls)}
        passed, message = judge(PS1["q2-tests-hidden"], calls, [_display(report)])
        assert passed is False and "classify" in message
    strategy_five = {"name": "pure_equilibria", "results": [{"value": {"set": [5]}}]}
    calls = PS1["q3-tests-hidden"].draw(random.Random(1))
    assert judge(PS1["q3-tests-hidden"], calls, [_display(strategy_five)])[0] is False


def test_a_huge_symbolic_answer_is_refused_by_its_structure_and_judging_is_bounded():
    """Pow(Pow(Pow(Pow(o, 64), 64), 64), 64): every exponent <= 64, but never expanded."""
    check = PS2["q2-tests-hidden"]
    calls = check.draw(random.Random(2))
    nested = "Symbol('o')"
    for _ in range(4):
        nested = f"Pow({nested}, Integer(64))"
    assert parse_srepr(nested, SYMBOLS) is None
    report = {"name": "a_star", "value": {"srepr": nested}}
    passed, message = judge_bounded(check, calls, [_display(report)], seconds=30)
    assert passed is False and "a_star" in message


def test_bounded_judging_fails_a_question_that_overruns_and_keeps_the_verdict_shape():
    from balkangames.grading.checks import Check

    def forever(got, want):
        while True:
            pass

    check = Check("f", lambda rng: [({"args": []}, 1)], lambda data: 1, forever)
    report = {"name": "f", "results": [{"value": {"int": "1"}}]}
    passed, message = judge_bounded(check, check.draw(None), [_display(report)], seconds=1)
    assert passed is False and "exceeded the grader's limits" in message


def test_only_builtin_exception_names_are_echoed_back_to_the_student():
    """An exception class named after stolen text must not carry it into the feedback."""
    check = PS1["q2-tests-hidden"]
    calls = check.draw(random.Random(3))
    for raised, shown in (("ZeroDivisionError", "raised ZeroDivisionError"),
                          ("T_equals_o_times_W_minus_c", "raised an exception")):
        report = {"name": "classify", "results": [{"raised": raised}] * len(calls)}
        passed, message = judge(check, calls, [_display(report)])
        assert passed is False and shown in message and ("T_equals" not in message)
