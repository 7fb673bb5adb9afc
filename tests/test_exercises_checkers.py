"""Self-paced checkers: right answers pass, wrong ones get a diagnosis that does not give the answer.

Reference answers are computed in ``tests/helpers.py``, independently of ``balkangames.exercises``:
payoffs and classes from the formulas in the model notes, equilibria with the
brute-force oracle in ``tests/reference.py``, thresholds written out by hand,
backward induction by a small recursive search.
"""

from __future__ import annotations

import html
import itertools
import random
import re

import pytest
import sympy
from helpers import W, c, d, names_of, o, reference_answer
from hypothesis import given, settings
from hypothesis import strategies as st
from reference import reference_solution

import balkangames.exercises as ex
from balkangames.exercises import compare, registry
from balkangames.game import Game


def test_every_exercise_has_a_reference_answer():
    for exercise_id in registry.ids():
        reference_answer(exercise_id)  # KeyError names a missing one
    assert len(registry.ids()) >= 30


@pytest.mark.parametrize("exercise_id", registry.ids())
def test_reference_answer_is_accepted(exercise_id):
    feedback = ex.check(reference_answer(exercise_id), exercise_id)
    assert feedback.correct, str(feedback)
    assert str(feedback).startswith("✔ correct")


@pytest.mark.parametrize("exercise_id", registry.ids())
@pytest.mark.parametrize("placeholder", [None, ..., "", []])
def test_unanswered_is_reported_not_judged(exercise_id, placeholder):
    feedback = ex.check(placeholder, exercise_id)
    assert feedback.status == "unanswered" and not feedback.correct
    assert str(feedback) == "… not answered yet"


def test_non_equilibrium_names_the_player_who_gains_and_hides_the_answer():
    feedback = ex.check_equilibria([("restrain", "restrain")], "01-equilibria")
    text = str(feedback)
    assert not feedback.correct
    assert "(restrain, restrain) is not an equilibrium: serbia gains by switching to arm" in text
    assert "1 pure equilibrium is missing" in text
    assert "(arm, arm)" not in text


def test_missing_mixed_equilibrium_is_named_without_its_probabilities():
    pure_only = [e for e in reference_answer("02-equilibria") if all(isinstance(s, str) for s in e)]
    text = str(ex.check_equilibria(pure_only, "02-equilibria"))
    assert "1 mixed equilibrium is missing" in text
    mixed = [e for e in reference_answer("02-equilibria") if e not in pure_only][0]
    for probability in mixed[0]:
        assert str(probability) not in text


def test_equilibria_are_order_independent_and_accept_every_notation():
    answer = reference_answer("02-equilibria")
    for permutation in itertools.permutations(answer):
        assert ex.check_equilibria(list(permutation), "02-equilibria").correct
    mixed = [e for e in answer if not isinstance(e[0], str)][0]
    notations = [("C", "C"), (1, 1), ((1, 0), (0, 1)), {"serbia": "arm", "croatia": "arm"}]
    as_written = [("restrain", "restrain"), ("arm", "arm"), ("restrain", "arm"), ("arm", "arm")]
    for notation, meaning in zip(notations, as_written, strict=True):
        plain = ex.check_equilibria([meaning, mixed], "02-equilibria")
        other = ex.check_equilibria([notation, mixed], "02-equilibria")
        assert plain.status == other.status and plain.hints == other.hints


def test_floats_near_a_mixed_equilibrium_are_told_to_be_exact():
    answer = [e if isinstance(e[0], str) else tuple(tuple(float(p) for p in m) for m in e)
              for e in reference_answer("02-equilibria")]
    text = str(ex.check_equilibria(answer, "02-equilibria"))
    assert "close to an equilibrium — give the exact fraction" in text


def test_payoff_hints_diagnose_swaps_and_signs():
    right = reference_answer("01-payoffs")
    swapped = dict(right, S=right["T"], T=right["S"])
    assert "S and T look swapped" in str(ex.check_payoffs(swapped, "01-payoffs"))
    negated = dict(right, P=-right["P"])
    assert "check the sign of P" in str(ex.check_payoffs(negated, "01-payoffs"))
    off = dict(right, T=right["T"] + 1)
    text = str(ex.check_payoffs(off, "01-payoffs"))
    assert "T is serbia's payoff when it arms" in text and str(right["T"]) not in text
    assert ex.check_payoffs({"R": 2.0, "S": -7.2, "T": 7, "P": "-2"}, "01-payoffs").correct
    malformed = str(ex.check_payoffs({"R": 2}, "01-payoffs"))
    assert "keys 'R', 'S', 'T', 'P'" in malformed
    assert all(str(right[k]) not in malformed for k in "ST")


def test_wrong_class_names_the_violated_inequality():
    text = str(ex.check_class("Stag Hunt", "01-class"))
    assert "stag-hunt needs R > T, but here R < T" in text
    assert "prisoners-dilemma" not in text
    assert ex.check_class("Prisoner's Dilemma", "01-class").correct
    assert "not a class name" in str(ex.check_class("dilemma", "01-class"))


def test_numbers_use_the_stated_tolerance_and_spot_known_slips():
    p = reference_answer("02-mixed-probability")
    assert ex.check_number(float(p) + 0.0009, "02-mixed-probability").correct
    near_miss = ex.check_number(float(p) + 0.002, "02-mixed-probability")
    assert "close — give the exact fraction" in str(near_miss) and not near_miss.correct
    too_high = ex.check_number(float(p) + 0.02, "02-mixed-probability")
    assert "too high (checked to within ±0.001)" in str(too_high)
    assert "probability of arming" in str(ex.check_number(1 - p, "02-mixed-probability"))
    assert not ex.check_number(float(p) + 0.0009, "02-mixed-probability", tolerance=0).correct


def test_expressions_are_compared_by_sympy_equivalence():
    assert ex.check_expression("(o*W - b - c)/(o*W)", "04-guarantee-threshold").correct
    plain = sympy.symbols("o W b c")  # no assumptions: matched by name
    assert ex.check_expression(1 - (plain[2] + plain[3]) / (plain[0] * plain[1]), "04-guarantee-threshold").correct
    forgot_w = str(ex.check_expression(1 - c / (o * W), "03-fear-threshold"))
    assert "depends on w" in forgot_w
    assert "unknown symbol" in str(ex.check_expression("1 - k/(o*W)", "03-fear-threshold"))
    assert "not an equation" in str(ex.check_expression(sympy.Eq(d, 1), "03-fear-threshold"))
    assert "cannot read" in str(ex.check_expression("1 - (", "03-fear-threshold"))


def test_backward_induction_hint_points_at_the_wrong_node():
    right = reference_answer("06-fait-accompli-path")
    wrong = (right[0], "acquiesce" if right[-1] != "acquiesce" else "resist")
    text = str(ex.check_path(wrong, "06-fait-accompli-path"))
    assert "at the defender's node" in text
    assert "not a move" in str(ex.check_path(("invade",), "06-fait-accompli-path"))


def test_checker_for_the_wrong_kind_or_id_is_a_notebook_bug():
    with pytest.raises(ValueError, match="asks for equilibria"):
        ex.check_number(1, "01-equilibria")
    with pytest.raises(ValueError, match="unknown exercise"):
        ex.check(1, "no-such-exercise")


def test_feedback_renders_for_jupyter():
    html = ex.check_class("<b>", "01-class")._repr_html_()
    assert "&lt;b&gt;" in html and "✘" in html
    assert "✔" in ex.check_class("prisoners-dilemma", "01-class")._repr_html_()


ODD_ANSWERS = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=8)
    | st.fractions(),
    lambda inner: st.lists(inner, max_size=3) | st.tuples(inner, inner)
    | st.dictionaries(st.sampled_from(["R", "S", "T", "P", "serbia", 1]), inner, max_size=4),
    max_leaves=8,
)


@settings(max_examples=60, deadline=None)
@given(answer=ODD_ANSWERS, exercise_id=st.sampled_from(registry.ids()))
def test_checkers_never_raise_on_odd_answers(answer, exercise_id):
    feedback = ex.check(answer, exercise_id)
    assert feedback.status in {"correct", "wrong", "unanswered"}
    str(feedback)


small = st.integers(min_value=-5, max_value=5)


@settings(max_examples=40, deadline=None)
@given(entries=st.lists(small, min_size=8, max_size=8), seed=st.integers(0, 1000))
def test_equilibrium_check_matches_the_reference_oracle(entries, seed):
    A = [entries[0:2], entries[2:4]]
    B = [entries[4:6], entries[6:8]]
    reference = reference_solution(A, B)
    if reference["degenerate"]:
        return
    game = Game(A, B, players=("row", "column"), actions=(("restrain", "arm"), ("restrain", "arm")))
    profiles = [names_of(game, e) for e in reference["equilibria"]]
    random.Random(seed).shuffle(profiles)
    assert compare.compare_equilibria(profiles, game).correct
    if len(profiles) > 1:
        dropped = compare.compare_equilibria(profiles[1:], game)
        assert not dropped.correct and any("missing" in hint for hint in dropped.hints)
    pure_equilibria = {p for p in profiles if all(isinstance(s, str) for s in p)}
    for profile in itertools.product(("restrain", "arm"), repeat=2):
        if profile not in pure_equilibria:
            verdict = compare.compare_equilibria(profiles + [profile], game)
            assert any("is not an equilibrium" in hint and "gains by switching" in hint for hint in verdict.hints)


CLASS_NAMES = ["harmony", "stag-hunt", "prisoners-dilemma", "chicken", "deadlock"]


def _wrong_answer_and_secrets(exercise_id):
    """A wrong answer to the exercise and the strings that would give the right one away."""
    kind = registry.get(exercise_id).kind
    right = reference_answer(exercise_id)
    if kind == "payoffs":
        return {k: v + 100 for k, v in right.items()}, {str(v) for v in right.values() if abs(v) > 2}
    if kind == "class":
        return next(n for n in CLASS_NAMES if n != right), {right}
    if kind == "classes":
        guess = next(n for n in CLASS_NAMES if n not in right.values())
        return {player: guess for player in right}, set(right.values())
    if kind == "equilibria":
        pure = {e for e in right if all(isinstance(s, str) for s in e)}
        wrong = next(p for p in itertools.product(("restrain", "arm"), repeat=2) if p not in pure)
        secrets = {str(p) for e in right for m in e if not isinstance(m, str) for p in m if p not in (0, 1)}
        return [wrong], secrets | {f"({e[0]}, {e[1]})" for e in pure}
    if kind == "number":
        return right + 1, {str(right), f"{float(right):.3f}"}
    if kind == "expression":
        return "1", {str(right)}
    if kind == "choice":
        options = {"02-risk-dominance": ["(arm, arm)", "(restrain, restrain)"],
                   "07-lever-mistrust": ["neither", "both"]}.get(exercise_id, ["offense", "guarantee"])
        return next(o for o in options if o != right), {right}
    if kind == "path":
        return ("status quo",) if right != ("status quo",) else ("seize", "resist"), {repr(right), str(list(right))}
    raise AssertionError(kind)


@pytest.mark.parametrize("exercise_id", registry.ids())
def test_wrong_answer_feedback_does_not_give_the_answer_away(exercise_id):
    wrong, secrets = _wrong_answer_and_secrets(exercise_id)
    feedback = ex.check(wrong, exercise_id)
    assert feedback.status == "wrong", str(feedback)
    text = str(feedback) + "\n" + html.unescape(feedback._repr_html_())
    leaked = {secret for secret in secrets if re.search(rf"(?<![\w/.]){re.escape(secret)}(?![\w/.])", text)}
    assert not leaked, (exercise_id, leaked, str(feedback))
