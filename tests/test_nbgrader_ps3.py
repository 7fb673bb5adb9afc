"""Problem set 3 (misperception and the spiral): the out-of-kernel checks judge right and wrong code right.

The fast tests run the instructor's solution cells and some plausible slips in this process
(instructor code, not student code), encode their results as the kernel's probe does and
judge them with the declared checks; the slow test autogrades a small batch through nbgrader
in a scratch copy of the course (sandboxed like every grading).
"""

from __future__ import annotations

import random
import sys
from fractions import Fraction
from itertools import product
from pathlib import Path

import pytest
import sympy

EXERCISES = Path(__file__).resolve().parents[1] / "exercises"
sys.path.insert(0, str(EXERCISES))

import course_tools as ct  # noqa: E402

from balkangames_probe import decode_argument, encode  # noqa: E402

PS3 = "ps3-misperception"
CHECKS = ct.checks(PS3)
F = Fraction


def _namespace(replaced=None):
    """The notebook's globals after running its set-up and answer cells (``replaced`` by grade_id)."""
    namespace: dict = {}
    for cell in ct.source_notebook(PS3, "misperception").cells:
        gid = ct.grade_id(cell)
        if cell.cell_type != "code" or not gid or "tests" in gid:
            continue
        exec(compile((replaced or {}).get(gid, cell.source), gid, "exec"), namespace)  # noqa: S102 -- instructor code
    return namespace


def _verdicts(namespace, seed=7):
    """grade_id -> whether every drawn call of that check is judged right."""
    verdicts = {}
    for gid, check in CHECKS.items():
        passed = True
        for call, reference in check.draw(random.Random(seed)):
            if check.variable:
                value = namespace[check.name]
            else:
                args = [decode_argument(a) for a in call.get("args", [])]
                value = namespace[check.name](*args)
            parsed = check.parse(encode(value))
            passed &= parsed is not None and check.equal(parsed, reference)
        verdicts[gid] = passed
    return verdicts


def test_instructor_solutions_pass_every_check():
    assert _verdicts(_namespace()) == {gid: True for gid in CHECKS}


def _hand_equilibria(o, d, e, priors):
    """Pure Bayesian equilibria written out independently (each type's expected gain, weak replies)."""
    S, P, R = -(o * (1 - d) * 10 + e), F(-2), F(2)
    T = (F(-1), o * 10 - 1)
    found = set()
    for profile in product(product((0, 1), repeat=2), repeat=2):
        ok = True
        for i, t in product((0, 1), repeat=2):
            rival = profile[1 - i]
            def value(action, t=t, rival=rival, i=i):
                row = (R, S) if action == 0 else (T[t], P)
                return priors[i] * row[rival[0]] + (1 - priors[i]) * row[rival[1]]
            ok &= value(profile[i][t]) >= value(1 - profile[i][t])
        if ok:
            found.add(profile)
    return frozenset(found)


def test_type_equilibria_references_match_a_hand_computation():
    calls = CHECKS["q2-tests-hidden"].draw(random.Random(3))
    assert len(calls) >= 20
    kinds = set()
    for call, reference in calls:
        o, d, e, p1, p2 = (decode_argument(a) for a in call["args"])
        assert reference == _hand_equilibria(F(o), F(d), F(e), (F(p1), F(p2)))
        kinds.add(len(reference))
    assert len(kinds) > 1  # the draws reach games with different numbers of equilibria


def test_pi_star_reference_is_the_hand_formula_and_spiral_prior_its_value():
    o, d, W, b, c, w, e = sympy.symbols("o d W b c w e", positive=True)
    (_, (expected, points)), = CHECKS["q1-tests-hidden"].draw(random.Random(1))
    hand = (o * (1 - d) * W + e - c - w) / (o * (1 - d) * W + e + b - w)
    assert sympy.cancel(expected - hand) == 0 and len(points) >= 5
    for call, reference in CHECKS["q3-tests-hidden"].draw(random.Random(1)):
        oo, dd, ee = (F(decode_argument(a)) for a in call["args"])
        S = -(oo * (1 - dd) * 10 + ee)
        want = F(0) if S >= -2 else hand.subs({o: oo, d: dd, W: 10, b: 2, c: 1, w: 1, e: ee})
        assert reference == F(str(want))


SLIPS = {
    "forgets the kin stake": ({"q1-answer": "R, S, P, T = b, -(o * (1 - d) * W), -c - w, -c\n"
                                            "pi_star = sympy.solve(sympy.Eq(p * R + (1 - p) * S, p * T + (1 - p) * P), p)[0]\n"},
                              "q1-tests-hidden"),
    "belief that the rival is greedy": ({"q1-answer": "R, S, P, T = b, -(o * (1 - d) * W + e), -c - w, -c\n"
                                                      "pi_star = 1 - sympy.solve(sympy.Eq(p * R + (1 - p) * S, "
                                                      "p * T + (1 - p) * P), p)[0]\n"}, "q1-tests-hidden"),
    "strict best replies": (None, "q2-tests-hidden"),
    "greedy type like a security seeker": (None, "q2-tests-hidden"),
    "no zero when there is no fear": (
        {"q3-answer": "def spiral_ending_prior(offense, distinguishability, kin):\n"
                      "    o, d, e = Fraction(offense), Fraction(distinguishability), Fraction(kin)\n"
                      "    R, T, S, P = Fraction(2), Fraction(-1), -(o * (1 - d) * 10 + e), Fraction(-2)\n"
                      "    return (P - S) / ((R - T) + (P - S))\n"}, "q3-tests-hidden"),
}


def _q2_variant(slip):
    source = next(c.source for c in ct.source_notebook(PS3, "misperception").cells if ct.grade_id(c) == "q2-answer")
    if slip == "strict best replies":
        changed = source.replace(") >= expected(", ") > expected(")
    else:
        changed = source.replace("T = {0: Fraction(-c), 1: o * W - c}", "T = {0: Fraction(-c), 1: Fraction(-c)}")
    assert changed != source
    return {"q2-answer": changed}


@pytest.mark.parametrize("slip", SLIPS)
def test_each_slip_loses_exactly_its_question(slip):
    replaced, failing = SLIPS[slip]
    verdicts = _verdicts(_namespace(replaced or _q2_variant(slip)))
    assert {gid for gid, ok in verdicts.items() if not ok} == {failing}, verdicts


def test_review_flags_the_package_shortcuts_and_not_the_instructors_solutions():
    from balkangames.grading.grader import review_code

    allowed = ("fractions", "math", "sympy")
    solutions = [c.source for c in ct.source_notebook(PS3, "misperception").cells
                 if ct.grade_id(c) in ("q1-answer", "q2-answer", "q3-answer")]
    assert len(solutions) == 3 and review_code(solutions, allowed) == []
    shortcut = ("from balkangames import beliefs\n"
                "def spiral_ending_prior(offense, distinguishability, kin):\n"
                "    return beliefs.trust_belief_at(1, None)\n")
    findings = review_code([solutions[0], shortcut], allowed)
    assert "import of balkangames (not allowed in this assignment) (cell 2, line 1)" in findings
    assert "use of balkangames: balkangames.beliefs (cell 2, line 3)" in findings


@pytest.mark.slow
def test_ps3_release_hides_solutions_and_a_batch_grades_right(tmp_path):
    import grade

    course = ct.copy_course(tmp_path / "course")
    ct.nbgrader(course, "generate_assignment", PS3, "--force")
    release = ct.read_notebook(course / "release" / PS3 / "misperception.ipynb")
    text = (course / "release" / PS3 / "misperception.ipynb").read_text()
    for secret in ("BEGIN SOLUTION", "HIDDEN TESTS", "Model answer", "probe(", "sympy.solve(sympy.Eq"):
        assert secret not in text, secret
    assert "raise NotImplementedError()" in text and "**Rubric (3 points):**" in text
    source = ct.read_notebook(course / "source" / PS3 / "misperception.ipynb")
    batch = {"correct": {}, "kin-slip": SLIPS["forgets the kin stake"][0], "strict": _q2_variant("strict best replies")}
    for student, replaced in batch.items():
        ct.submit(course, student, PS3, {"misperception": ct.solved(release, source, replaced)})
    assert grade.autograde(course, PS3, jobs=2) == 0
    points = ct.autograded_points(source)
    assert sum(points.values()) == 8
    scores = ct.autograded_scores(course, PS3)
    assert scores == {"correct": 8, "kin-slip": 8 - points["q1-tests-hidden"], "strict": 8 - points["q2-tests-hidden"]}


def test_rubric_and_model_answer_claims_hold():
    """Question 4's rubric and model answer, recomputed with the instructor's solutions and the package."""
    from balkangames import beliefs
    from balkangames.params import SecurityParams

    solved = _namespace()
    low = solved["type_equilibria"](F(2, 5), F(1, 5), 1, F(1, 4), F(1, 4))
    high = solved["type_equilibria"](F(2, 5), F(1, 5), 1, F(3, 4), F(3, 4))
    assert low == {((1, 1), (1, 1))}
    assert high == {((0, 1), (0, 1)), ((1, 1), (1, 1))}
    threshold = solved["spiral_ending_prior"](F(2, 5), F(1, 5), 1)
    assert threshold == F(11, 26) and F(1, 4) < threshold < F(3, 4)
    params = SecurityParams(offense=F(2, 5), distinguishability=F(1, 5), kin=(1, 1))
    assert beliefs.bayesian_game(params, (F(1, 4), F(1, 4))).spiral()
    assert not beliefs.bayesian_game(params, (F(3, 4), F(3, 4))).spiral()
    # a larger kin stake raises the prior that ends the spiral
    values = [solved["spiral_ending_prior"](F(2, 5), F(1, 5), kin) for kin in (0, 1, 2, 4)]
    assert values == sorted(values) and len(set(values)) == 4
    text = (EXERCISES / "assignments" / "documents" / PS3 / "misperception.md").read_text()
    assert "trust threshold 11/26" in text and "priors 1/4" in text and "priors 3/4" in text
