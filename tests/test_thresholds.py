"""sympy thresholds agree with the class changes found numerically, by bisection."""

from fractions import Fraction

import pytest
import sympy
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from balkangames.model import SYMBOLS
from balkangames.params import PARAMETERS, SecurityParams
from balkangames.thresholds import BOUNDARIES, CONTINUOUS, class_at, threshold, thresholds_for

unit = st.fractions(min_value=0, max_value=1, max_denominator=12)
cost = st.fractions(min_value=0, max_value=6, max_denominator=6)


@st.composite
def params(draw):
    return SecurityParams(
        stakes=draw(st.fractions(min_value=1, max_value=20, max_denominator=3)),
        offense=(draw(unit), draw(unit)),
        distinguishability=draw(unit),
        arming_cost=draw(cost),
        race_cost=draw(cost),
        restraint_value=draw(cost),
        guarantee=(draw(unit), draw(unit)),
        same_alliance=draw(st.booleans()),
        alliance_penalty=draw(cost),
        subsidy=(draw(cost), draw(cost)),
    )


def _scan_range(name):
    info = PARAMETERS[name]
    low = info.low if info.low is not None else Fraction(0)
    high = info.high if info.high is not None else Fraction(40)
    return low, high


def _bisect(base, name, player, low, high, iterations=60):
    """Where the player's class changes between low and high, found without sympy."""
    low_class = class_at(base.replace(**{name: low}), player)
    for _ in range(iterations):
        middle = (low + high) / 2
        if class_at(base.replace(**{name: middle}), player) == low_class:
            low = middle
        else:
            high = middle
    return (low + high) / 2


@settings(max_examples=150, deadline=None)
@given(params(), st.sampled_from([n for n in CONTINUOUS if n != "stakes"]), st.sampled_from([1, 2]))
def test_every_class_change_found_by_bisection_is_a_sympy_threshold(base, name, player):
    low, high = _scan_range(name)
    if name == "stakes":
        low = Fraction(1, 100)
    # grid scan for class changes, then bisection inside each changing cell
    grid = [low + (high - low) * Fraction(k, 64) for k in range(65)]
    classes = [class_at(base.replace(**{name: x}), player) for x in grid]
    values = [v for _, v in thresholds_for(base, name, player)]
    for left, right, c_left, c_right in zip(grid, grid[1:], classes, classes[1:]):
        if c_left != c_right:
            found = _bisect(base, name, player, left, right)
            assert any(abs(found - v) < Fraction(1, 10**12) for v in values), (found, values)


# Many draws put the threshold outside the parameter's range; those are skipped, not failed.
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(params(), st.sampled_from(CONTINUOUS), st.sampled_from([1, 2]), st.sampled_from(list(BOUNDARIES)))
def test_each_threshold_is_where_its_comparison_ties(base, name, player, boundary):
    t = threshold(name, player, boundary)
    value = t.value(base)
    assume(value is not None)
    info = PARAMETERS[name]
    assume(info.low is None or value >= info.low)
    assume(info.high is None or value <= info.high)
    assume(not (info.low_open and value <= info.low))
    at = {SYMBOLS[n]: sympy.Rational(v.numerator, v.denominator) for n, v in base.replace(**{name: value}).flat().items()}
    assert t.gap.subs(at) == 0
    # and the gap changes sign across it unless the parameter does not move it here
    slope = t.slope(base.replace(**{name: value}))
    step = Fraction(1, 10**6)
    below = {**at, SYMBOLS[name]: sympy.Rational(value - step)}
    above = {**at, SYMBOLS[name]: sympy.Rational(value + step)}
    if slope != 0:
        assert t.gap.subs(below) * t.gap.subs(above) < 0


def test_model_notes_guarantee_that_ends_fear():
    # fear ends when a_i > 1 − (κ_i + w)/(o_j (1 − d) W)
    s = SYMBOLS
    kappa = s["arming_cost"] + s["alliance_penalty"] * s["same_alliance"] - s["subsidy_2"]
    notes = 1 - (kappa + s["race_cost"]) / (s["offense_1"] * (1 - s["distinguishability"]) * s["stakes"])
    assert sympy.simplify(threshold("guarantee_2", 2, "fear").base_expression - notes) == 0


def test_model_notes_guarantee_that_ends_temptation_and_alliance_penalty():
    s = SYMBOLS
    kappa = s["arming_cost"] + s["alliance_penalty"] * s["same_alliance"] - s["subsidy_1"]
    notes = 1 - (s["restraint_value"] + kappa) / (s["offense_1"] * s["stakes"])
    assert sympy.simplify(threshold("guarantee_2", 1, "temptation").base_expression - notes) == 0
    # same alliance (m = 1): k > G_i − b − c + r_i
    base = SecurityParams(stakes=10, offense=Fraction(2, 5), distinguishability=Fraction(1, 5), same_alliance=True)
    greed = Fraction(2, 5) * 10
    assert threshold("alliance_penalty", 1, "temptation").value(base) == greed - 2 - 1 + 0


def test_threshold_text_and_latex():
    base = SecurityParams(stakes=10, offense=Fraction(2, 5), distinguishability=Fraction(1, 5))
    t = threshold("guarantee_2", 2, "fear")
    assert t.latex.startswith("a_{2} = ")
    assert t.value(base) == Fraction(3, 8)
    assert t.describe(base, ("Serbia", "Kosovo")) == "Kosovo's fear ends once guarantee_2 (a_2) rises above 3/8 ≈ 0.375."
    assert class_at(base.replace(guarantee_2=Fraction(3, 8) + Fraction(1, 100)), 2) == "chicken"
    assert class_at(base.replace(guarantee_2=Fraction(3, 8) - Fraction(1, 100)), 2) == "prisoners-dilemma"


def test_no_threshold_where_the_parameter_does_not_matter():
    assert threshold("race_cost", 1, "temptation").expression is None
    assert threshold("race_cost", 1, "temptation").latex == ""
    # k only matters inside one alliance: with m = 0 there is no value
    assert threshold("alliance_penalty", 1, "fear").value(SecurityParams()) is None


def test_unknown_threshold_requests_list_the_choices():
    with pytest.raises(ValueError, match="thresholds exist for: stakes"):
        threshold("same_alliance", 1, "fear")
    with pytest.raises(ValueError, match="boundary must be one of"):
        threshold("stakes", 1, "greed")
    with pytest.raises(ValueError, match="player must be 1 or 2"):
        threshold("stakes", 3, "fear")


def test_thresholds_display_simplified_with_positive_denominators():
    """What a learner reads equals the solved threshold, with every factor of the denominator
    positive for parameters in range (W o₁ (1 − d), not W o₁ (d − 1)) and a whole part split off."""
    import sympy

    from balkangames.model import SYMBOLS
    from balkangames.params import SecurityParams
    from balkangames.views.html import (
        _signed_terms,
        readable_form,
        shown_expression,
        threshold_formula,
    )

    typical = {SYMBOLS[n]: v for n, v in SecurityParams().flat().items() if n in SYMBOLS}
    shown = 0
    for parameter in CONTINUOUS:
        for player in (1, 2):
            for boundary in ("temptation", "fear", "deadlock"):
                t = threshold(parameter, player, boundary)
                if t.expression is None:
                    continue
                expression = shown_expression(t)
                assert not expression.has(sympy.zoo, sympy.nan)
                whole, sign, numerator, denominator = readable_form(expression)
                terms = _signed_terms(numerator, typical)
                assert sympy.simplify(sum(s * term for s, term in terms) - numerator) == 0
                assert sympy.simplify(whole + sign * numerator / denominator - expression) == 0
                for factor in sympy.Mul.make_args(denominator):
                    assert factor.subs(typical) >= 0, f"{t.latex}: denominator factor {factor} is negative"
                formula = threshold_formula(t)
                assert "- 1\\right)" not in formula and "- \\frac{-" not in formula, formula
                shown += 1
    assert shown >= 20
    fear = threshold("guarantee_2", 2, "fear")
    assert threshold_formula(fear) == "a_{2} = 1 - \\frac{c + w + k m - r_{2}}{W o_{1} \\left(1 - d\\right)}"
