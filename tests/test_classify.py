"""Classes and Robinson–Goforth types, checked against their definitions."""

from fractions import Fraction
from itertools import permutations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from balkangames.classify import (
    CLASS_NAMES,
    TYPES,
    game_classes,
    ordinal_type,
    player_class,
    player_payoffs,
    robinson_goforth,
    ties,
)

payoff = st.integers(min_value=-3, max_value=3)


def reference_class(R, S, T, P):
    """The model notes' table, written independently as strict orderings."""
    if T > R and P > S and R > P:
        return "prisoners-dilemma"
    if T > P > R > S or (T > R and P > S and P > R):
        return "deadlock"
    if R > T and P > S:
        return "stag-hunt"
    if T > R and S > P:
        return "chicken"
    if R > T and S > P:
        return "harmony"
    return "tie"


@given(payoff, payoff, payoff, payoff)
def test_player_class_matches_the_definition(R, S, T, P):
    assert player_class(R, S, T, P) == reference_class(R, S, T, P)
    assert player_class(R, S, T, P) in CLASS_NAMES


@given(payoff, payoff, payoff, payoff, st.fractions(min_value=Fraction(1, 10), max_value=10), st.integers(-5, 5))
def test_class_survives_positive_affine_changes(R, S, T, P, scale, shift):
    moved = [scale * x + shift for x in (R, S, T, P)]
    assert player_class(*moved) == player_class(R, S, T, P)


def test_ties_are_reported_never_forced_into_a_class():
    assert player_class(R=3, S=0, T=3, P=1) == "tie"
    assert ties(3, 0, 3, 1) == ["R = T"]
    assert player_class(R=4, S=1, T=3, P=1) == "tie"
    assert player_class(R=1, S=0, T=3, P=1) == "tie"  # PD or Deadlock? R = P decides
    assert ties(1, 0, 3, 1) == ["R = P"]


def test_column_player_is_read_in_its_own_frame():
    # a game where only the column player is tempted
    A = [[3, 0], [2, 1]]  # row: R=3 > T=2: stag hunt
    B = [[3, 5], [0, 1]]  # column: R=3, T=5, S=0, P=1: prisoner's dilemma
    assert game_classes(A, B) == ("stag-hunt", "prisoners-dilemma")
    assert player_payoffs(A, B, 1).T == 5
    with pytest.raises(ValueError, match="2x2 games only"):
        player_payoffs([[1, 2, 3], [4, 5, 6]], [[1, 2, 3], [4, 5, 6]], 0)
    with pytest.raises(ValueError, match="player must be 0"):
        player_payoffs(A, B, 2)


# Bruns (2015), "Names for Games", Games 6(4): the symmetric ordinal games by the row
# player's ordering of (R, S, T, P), written out here independently of the package.
BRUNS = {
    "Prisoner's Dilemma": "T>R>P>S", "Deadlock": "T>P>R>S", "Compromise": "T>P>S>R",
    "Hero": "T>S>P>R", "Battle": "T>S>R>P", "Chicken": "T>R>S>P",
    "Stag Hunt": "R>T>P>S", "Assurance": "R>P>T>S", "Coordination": "R>P>S>T",
    "Peace": "R>S>P>T", "Harmony": "R>S>T>P", "Concord": "R>T>S>P",
}


def payoffs_for(order):
    """Payoffs 4 > 3 > 2 > 1 in the given order, as (R, S, T, P)."""
    ranks = {letter: 4 - i for i, letter in enumerate(order.split(">"))}
    return ranks["R"], ranks["S"], ranks["T"], ranks["P"]


def twin(order):
    swap = {"R": "P", "P": "R", "S": "T", "T": "S"}
    return ">".join(swap[x] for x in order.split(">"))


def test_twelve_robinson_goforth_types_of_two_orderings_each():
    assert len(TYPES) == 12
    members = [order for orders in TYPES.values() for order in orders]
    assert sorted(members) == sorted(">".join(p) for p in permutations("RSTP"))
    assert all(len(orders) == 2 and orders[1] == twin(orders[0]) for orders in TYPES.values())


@pytest.mark.parametrize("name, order", BRUNS.items())
def test_every_type_has_its_bruns_name(name, order):
    found = ordinal_type(*payoffs_for(order))
    assert (found.name, found.ordering, found.relabelled) == (name, order, False)
    assert str(found) == f"{name} ({order})"
    relabelled = ordinal_type(*payoffs_for(twin(order)))
    assert relabelled.name == name and relabelled.relabelled
    assert "restrain and arm swapped" in str(relabelled)


def test_labels_read_in_the_restrain_arm_frame():
    """North Macedonia's ordering R > S > T > P is shown as itself, never as its twin."""
    nm = ordinal_type(R=2, S=1, T=0, P=-1)
    assert str(nm) == "Harmony (R>S>T>P)" and "P>T>S>R" not in str(nm)


@given(st.permutations([1, 2, 3, 4]))
def test_type_is_invariant_under_relabeling_both_players_actions(ranks):
    R, S, T, P = ranks
    # relabeling both players' actions swaps R with P and S with T
    assert ordinal_type(R, S, T, P).type == ordinal_type(P, T, S, R).type


def test_type_is_not_invariant_under_relabeling_one_players_actions():
    """Swapping only my own actions maps R<->T and S<->P: the Prisoner's Dilemma's
    T>R>P>S becomes R>T>S>P, Concord. Every one of the 24 orderings changes type this
    way, so a game is not determined by its pair of types."""
    R, S, T, P = payoffs_for("T>R>P>S")
    own_relabelled = ordinal_type(R=T, S=P, T=R, P=S)
    assert own_relabelled.name == "Concord" != "Prisoner's Dilemma"
    changed = sum(
        ordinal_type(*payoffs_for(o)).type != ordinal_type(*(lambda R, S, T, P: (T, P, R, S))(*payoffs_for(o))).type
        for o in (">".join(p) for p in permutations("RSTP"))
    )
    assert changed == 24


def test_named_types_and_ties():
    assert ordinal_type(3, 0, 5, 1).name == "Prisoner's Dilemma"
    assert ordinal_type(4, 0, 3, 1).name == "Stag Hunt"
    assert ordinal_type(3, 1, 4, 0).name == "Chicken"
    assert ordinal_type(1, 0, 3, 2).name == "Deadlock"
    assert ordinal_type(4, 2, 3, 1).name == "Concord"  # R>T>S>P: a Harmony *class*, Bruns's Concord type
    assert ordinal_type(2, 3, 4, 1).name == "Battle"
    assert ordinal_type(1, 1, 2, 0) is None
    row, column = robinson_goforth([[3, 0], [2, 1]], [[3, 5], [0, 1]])
    assert (row.name, column.name) == ("Stag Hunt", "Prisoner's Dilemma")
    assert row.ranks == {"R": 4, "T": 3, "P": 2, "S": 1}
