"""Two-player games in extensive form (perfect information), solved exactly.

A game tree is built from :class:`Decision` nodes (a player chooses one of its
labelled moves) and :class:`Terminal` nodes (a payoff pair). The module gives

* :func:`backward_induction`: every subgame-perfect equilibrium (SPE), with the
  decision nodes where a player is indifferent reported, never silently broken;
* :func:`to_normal_form`: the strategic form, whose strategies are complete
  plans (a move at every one of the player's nodes, reached or not);
* :func:`non_credible_equilibria`: pure Nash equilibria of that normal form that
  are not subgame perfect, each with the nodes where it relies on a threat or
  promise the player would not carry out;
* :func:`fait_accompli`: the model notes' fait-accompli game (challenger seizes or
  not; defender resists or acquiesces; an ally's involvement α raises the cost of
  seizing) and :func:`fait_accompli_thresholds`, its backward-induction
  thresholds in α, exact and symbolic.

Player 0 moves as the row player of the normal form, player 1 as the column
player. Payoffs are exact Fractions.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import NamedTuple

import sympy

from balkangames.analysis import pure_cells
from balkangames.validation import exact, in_range

__all__ = [
    "Terminal",
    "Decision",
    "SubgamePerfectProfile",
    "BackwardInduction",
    "NormalForm",
    "NonCredibleEquilibrium",
    "FaitAccompliThresholds",
    "backward_induction",
    "to_normal_form",
    "non_credible_equilibria",
    "fait_accompli",
    "fait_accompli_thresholds",
    "CHALLENGER",
    "DEFENDER",
    "STATUS_QUO",
    "SEIZE",
    "ACQUIESCE",
    "RESIST",
    "FAIT_ACCOMPLI_SYMBOLS",
]


@dataclass(frozen=True)
class Terminal:
    """An end of the game: ``payoffs`` = (player 0's, player 1's), exact."""

    payoffs: tuple[Fraction, Fraction]
    label: str = ""

    def __post_init__(self):
        pay = self.payoffs
        if not isinstance(pay, (tuple, list)) or len(pay) != 2:
            raise ValueError(f"a terminal node needs a pair of payoffs (player 0, player 1), got {pay!r}")
        object.__setattr__(
            self, "payoffs", tuple(exact(v, f"payoff of player {k}") for k, v in enumerate(pay))
        )


@dataclass(frozen=True)
class Decision:
    """A node where ``player`` (0 or 1) picks one of ``moves``.

    Args:
        name: unique name of the node in its tree (strategies refer to it).
        player: 0 (row player of the normal form) or 1 (column player).
        moves: ``{label: child}`` or a sequence of ``(label, child)`` pairs; the
            order is kept. Children are :class:`Decision` or :class:`Terminal`.
    """

    name: str
    player: int
    moves: tuple[tuple[str, Node], ...]

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name:
            raise ValueError(f"a decision node needs a non-empty name, got {self.name!r}")
        if isinstance(self.player, bool) or self.player not in (0, 1):
            raise ValueError(f"node {self.name!r}: player must be 0 or 1, got {self.player!r}")
        moves = self.moves.items() if isinstance(self.moves, Mapping) else self.moves
        try:
            moves = tuple((label, child) for label, child in moves)
        except (TypeError, ValueError):
            raise ValueError(
                f"node {self.name!r}: moves must be a mapping or pairs (label, child), got {self.moves!r}"
            ) from None
        if not moves:
            raise ValueError(f"node {self.name!r} needs at least one move")
        labels = [label for label, _ in moves]
        if len(set(labels)) != len(labels) or not all(isinstance(x, str) and x for x in labels):
            raise ValueError(f"node {self.name!r}: move labels must be distinct non-empty strings, got {labels!r}")
        for label, child in moves:
            if not isinstance(child, (Decision, Terminal)):
                raise ValueError(
                    f"node {self.name!r}, move {label!r}: child must be a Decision or Terminal, got {child!r}"
                )
        object.__setattr__(self, "moves", moves)
        names = [node.name for node in _decision_nodes(self)]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"decision node names must be unique in a tree, repeated: {duplicates}")

    def child(self, label: str) -> Node:
        """The node reached by the move ``label``."""
        for move, node in self.moves:
            if move == label:
                return node
        raise ValueError(f"node {self.name!r} has no move {label!r}; moves: {[m for m, _ in self.moves]}")


Node = Decision | Terminal


def _decision_nodes(node: Node) -> list[Decision]:
    """Decision nodes in depth-first order (the root first)."""
    if isinstance(node, Terminal):
        return []
    found = [node]
    for _, child in node.moves:
        found += _decision_nodes(child)
    return found


def _require_tree(tree) -> None:
    if not isinstance(tree, (Decision, Terminal)):
        raise ValueError(f"expected a game tree (Decision or Terminal node), got {tree!r}")


def _play(node: Node, strategy: Mapping[str, str]) -> tuple[tuple[tuple[str, str], ...], tuple]:
    """Follow ``strategy`` from ``node``: the path of (node, move) and the payoffs."""
    path = []
    while isinstance(node, Decision):
        move = strategy[node.name]
        path.append((node.name, move))
        node = node.child(move)
    return tuple(path), node.payoffs


@dataclass(frozen=True)
class SubgamePerfectProfile:
    """One subgame-perfect equilibrium.

    Attributes:
        strategy: a move for **every** decision node, ``{node name: move}``.
        path: the moves actually played, ``((node name, move), ...)``.
        payoffs: the payoffs on that path, (player 0, player 1).
    """

    strategy: Mapping[str, str]
    path: tuple[tuple[str, str], ...]
    payoffs: tuple[Fraction, Fraction]


@dataclass(frozen=True)
class BackwardInduction:
    """The result of backward induction.

    Attributes:
        equilibria: every subgame-perfect equilibrium in pure strategies.
        ties: ``(node name, tied moves)`` for each node where the mover was
            indifferent between best moves in some equilibrium's continuation.
    """

    equilibria: tuple[SubgamePerfectProfile, ...]
    ties: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def unique(self) -> bool:
        """True when there is exactly one subgame-perfect equilibrium."""
        return len(self.equilibria) == 1

    @property
    def paths(self) -> set:
        """The distinct equilibrium paths."""
        return {e.path for e in self.equilibria}


def backward_induction(tree: Node) -> BackwardInduction:
    """Every subgame-perfect equilibrium of a finite perfect-information game.

    Working from the leaves up, each mover keeps every move that maximises its
    payoff given how the subgame below it is played. When a mover is indifferent
    all its best moves are kept, so the result lists **all** pure SPE and the
    indifferent nodes in ``ties`` instead of picking one arbitrarily.

    Args:
        tree: the root node.

    Returns:
        A :class:`BackwardInduction`.

    Raises:
        ValueError: if ``tree`` is not a game tree.

    >>> tree = Decision("entrant", 0, {"out": Terminal((0, 2)),
    ...     "in": Decision("incumbent", 1, {"fight": Terminal((-1, -1)), "share": Terminal((1, 1))})})
    >>> [e.path for e in backward_induction(tree).equilibria]
    [(('entrant', 'in'), ('incumbent', 'share'))]
    """
    _require_tree(tree)
    ties: dict[str, set] = {}
    options = _solve(tree, ties)
    equilibria = []
    for strategy, _ in options:
        path, payoffs = _play(tree, strategy)
        equilibria.append(SubgamePerfectProfile(dict(strategy), path, payoffs))
    order = [n.name for n in _decision_nodes(tree)]
    tie_list = tuple(
        (name, tuple(m for m, _ in _node_by_name(tree, name).moves if m in ties[name]))
        for name in order
        if name in ties
    )
    return BackwardInduction(tuple(equilibria), tie_list)


def _node_by_name(tree: Node, name: str) -> Decision:
    for node in _decision_nodes(tree):
        if node.name == name:
            return node
    raise ValueError(f"no decision node named {name!r}")


def _solve(node: Node, ties: dict) -> list[tuple[dict, tuple]]:
    """All SPE of the subgame at ``node`` as (strategy for its nodes, payoffs)."""
    if isinstance(node, Terminal):
        return [({}, node.payoffs)]
    child_options = [_solve(child, ties) for _, child in node.moves]
    results = []
    # One SPE of the subgame = one SPE of every child subgame + a best move here.
    for combination in itertools.product(*child_options):
        values = [payoffs[node.player] for _, payoffs in combination]
        best = max(values)
        best_moves = [k for k, v in enumerate(values) if v == best]
        if len(best_moves) > 1:
            ties.setdefault(node.name, set()).update(node.moves[k][0] for k in best_moves)
        merged = {}
        for strategy, _ in combination:
            merged.update(strategy)
        for k in best_moves:
            results.append(({node.name: node.moves[k][0], **merged}, combination[k][1]))
    return results


class NormalForm(NamedTuple):
    """The strategic form of a game tree; unpacks as ``A, B, rows, cols``.

    ``row_strategies[i]`` / ``col_strategies[j]`` are complete plans, tuples of
    ``(node name, move)`` covering all of player 0's / player 1's decision
    nodes; ``A[i][j]`` and ``B[i][j]`` are the payoffs when they meet.
    """

    A: tuple
    B: tuple
    row_strategies: tuple
    col_strategies: tuple


def _plans(nodes: list[Decision]) -> tuple:
    choices = [[(node.name, move) for move, _ in node.moves] for node in nodes]
    return tuple(tuple(plan) for plan in itertools.product(*choices))


def to_normal_form(tree: Node) -> NormalForm:
    """Convert a game tree into a bimatrix game over complete plans.

    A player with no decision node gets a single empty plan ``()``. Solving the
    result with :func:`balkangames.solver.solve` shows every Nash equilibrium,
    including those resting on non-credible threats that backward induction
    rules out. (The number of plans multiplies over a player's nodes; ``solve``
    accepts up to 12 per player.)

    Raises:
        ValueError: if ``tree`` is not a game tree.

    >>> tree = Decision("entrant", 0, {"out": Terminal((0, 2)),
    ...     "in": Decision("incumbent", 1, {"fight": Terminal((-1, -1)), "share": Terminal((1, 1))})})
    >>> A, B, rows, cols = to_normal_form(tree)
    >>> [[str(a) for a in row] for row in A], cols
    ([['0', '0'], ['-1', '1']], ((('incumbent', 'fight'),), (('incumbent', 'share'),)))
    """
    _require_tree(tree)
    nodes = _decision_nodes(tree)
    rows = _plans([n for n in nodes if n.player == 0])
    cols = _plans([n for n in nodes if n.player == 1])
    A, B = [], []
    for row_plan in rows:
        row_a, row_b = [], []
        for col_plan in cols:
            _, payoffs = _play(tree, dict(row_plan + col_plan))
            row_a.append(payoffs[0])
            row_b.append(payoffs[1])
        A.append(tuple(row_a))
        B.append(tuple(row_b))
    return NormalForm(tuple(A), tuple(B), rows, cols)


@dataclass(frozen=True)
class NonCredibleEquilibrium:
    """A pure Nash equilibrium of the normal form that is not subgame perfect.

    Attributes:
        row_strategy, col_strategy: the plans (as in :class:`NormalForm`).
        payoffs: the equilibrium payoffs.
        non_credible: ``(node name, planned move, better move)`` at each node
            where the mover would gain by deviating if that node were reached:
            the threats (or promises) the equilibrium relies on.
    """

    row_strategy: tuple
    col_strategy: tuple
    payoffs: tuple[Fraction, Fraction]
    non_credible: tuple[tuple[str, str, str], ...]


def non_credible_equilibria(tree: Node) -> list[NonCredibleEquilibrium]:
    """Pure Nash equilibria of ``to_normal_form(tree)`` that are not subgame perfect.

    Each is found by checking every profile of the normal form exactly, and is
    tested by the one-shot-deviation principle: at every decision node, reached
    or not, would the mover gain by switching move once, given the rest of the
    profile? Any such node holds a non-credible threat or promise.

    Raises:
        ValueError: if ``tree`` is not a game tree.
    """
    A, B, rows, cols = to_normal_form(tree)
    found = []
    for i, j in pure_cells(A, B):
        strategy = dict(rows[i] + cols[j])
        deviations = _profitable_deviations(tree, strategy)
        if deviations:
            found.append(NonCredibleEquilibrium(rows[i], cols[j], (A[i][j], B[i][j]), deviations))
    return found


def _profitable_deviations(tree: Node, strategy: dict) -> tuple:
    deviations = []
    for node in _decision_nodes(tree):
        planned = strategy[node.name]
        _, planned_payoffs = _play(node, strategy)
        for move, child in node.moves:
            if move == planned:
                continue
            _, payoffs = _play(child, strategy)
            if payoffs[node.player] > planned_payoffs[node.player]:
                deviations.append((node.name, planned, move))
                break
    return tuple(deviations)


# ---------------------------------------------------------------------------
# The fait-accompli game of the model notes
# ---------------------------------------------------------------------------

#: Node names of the fait-accompli tree.
CHALLENGER, DEFENDER = "challenger", "defender"
STATUS_QUO, SEIZE, ACQUIESCE, RESIST = "status quo", "seize", "acquiesce", "resist"


def _fait_accompli_inputs(x, p0, c_challenger, c_defender, alpha, h, attribution):
    return (
        in_range(x, "x (value of the seized stake)", 0, low_open=True),
        in_range(p0, "p0 (defender's chance of undoing the seizure without help)", 0, 1),
        in_range(c_challenger, "c_challenger (challenger's cost of a fight)", 0),
        in_range(c_defender, "c_defender (defender's cost of resisting)", 0),
        in_range(alpha, "alpha (ally's involvement)", 0, 1),
        in_range(h, "h (cost the ally imposes on the challenger)", 0),
        in_range(attribution, "attribution (share of the action attributed to the challenger)", 0, 1),
    )


def fait_accompli(x, p0, c_challenger, c_defender, alpha=0, h=0, attribution=1) -> Decision:
    """The fait-accompli game: the challenger may seize a stake, the defender may resist.

    The challenger (player 0) keeps the status quo, payoffs (0, 0), or seizes
    ``x``. The defender (player 1) then acquiesces, (x, −x), or resists, giving
    (p·x − c_C − α·h, −p·x − c_D) where p = p0·(1 − α) is the challenger's
    chance of keeping the stake. α is the ally's *effective* involvement: a
    hybrid or deniable action is only partly attributed to the challenger, so
    the effective involvement is ``attribution · alpha``.

    Args:
        x: value of the stake, > 0.
        p0: challenger's chance of keeping it against resistance without an ally, in [0, 1].
        c_challenger, c_defender: costs of the fight, ≥ 0.
        alpha: the ally's involvement, in [0, 1].
        h: cost the ally's involvement imposes on the challenger, ≥ 0.
        attribution: share of the action attributed to the challenger, in [0, 1].

    Returns:
        The root :class:`Decision` (named ``"challenger"``; the defender's node is
        ``"defender"``).

    Raises:
        ValueError: for values outside those ranges.

    >>> backward_induction(fait_accompli(10, "1/2", 6, 8)).equilibria[0].path
    (('challenger', 'seize'), ('defender', 'acquiesce'))
    """
    x, p0, c_c, c_d, alpha, h, attribution = _fait_accompli_inputs(
        x, p0, c_challenger, c_defender, alpha, h, attribution
    )
    effective = attribution * alpha
    p = p0 * (1 - effective)
    resist = Terminal((p * x - c_c - effective * h, -p * x - c_d), "fight")
    acquiesce = Terminal((x, -x), "fait accompli stands")
    defender = Decision(DEFENDER, 1, ((ACQUIESCE, acquiesce), (RESIST, resist)))
    return Decision(CHALLENGER, 0, ((STATUS_QUO, Terminal((0, 0), "status quo")), (SEIZE, defender)))


def _defender_threshold(x, p0, c_d):
    """α above which the defender resists: (c_D − (1 − p0)x)/(p0 x)."""
    return (c_d - (1 - p0) * x) / (p0 * x)


def _challenger_threshold(x, p0, c_c, h):
    """α from which a resisted challenger is deterred: (p0 x − c_C)/(p0 x + h)."""
    return (p0 * x - c_c) / (p0 * x + h)


@dataclass(frozen=True)
class FaitAccompliThresholds:
    """Backward-induction thresholds of the fait-accompli game in the ally's involvement α.

    Thresholds are on the *effective* involvement (attribution · α); divide by the
    attribution for the nominal α (values outside [0, 1] mean "always" or "never").

    Attributes:
        defender_resists_above: the defender resists iff α > this value.
        challenger_deterred_from: if the defender resists, the challenger keeps
            the status quo iff α ≥ this value (indifferent at equality).
        symbolic: the same two thresholds as sympy expressions in the symbols
            x, p_0, c_C, c_D, h (built by the same formulas).
    """

    defender_resists_above: Fraction
    challenger_deterred_from: Fraction
    symbolic: tuple

    def latex(self) -> dict[str, str]:
        """LaTeX for the two symbolic conditions."""
        alpha = sympy.Symbol("alpha")
        defender, challenger = self.symbolic
        return {
            "defender resists": sympy.latex(sympy.StrictGreaterThan(alpha, defender)),
            "challenger deterred": sympy.latex(sympy.GreaterThan(alpha, challenger)),
        }

    def outcome(self, effective_alpha) -> str:
        """The predicted path for an effective involvement, ignoring ties:
        ``"status quo"``, ``"fait accompli"`` (seize, acquiesce) or ``"fight"``."""
        a = in_range(effective_alpha, "effective alpha", 0, 1)
        if a <= self.defender_resists_above:
            return "fait accompli"
        return "status quo" if a >= self.challenger_deterred_from else "fight"


#: The symbols used by :func:`fait_accompli_thresholds` for its symbolic forms.
FAIT_ACCOMPLI_SYMBOLS = sympy.symbols("x p_0 c_C c_D h", positive=True)


def fait_accompli_thresholds(x, p0, c_challenger, c_defender, h=0) -> FaitAccompliThresholds:
    """Thresholds in α (the ally's effective involvement) of the fait-accompli game.

    Backward induction: the defender resists iff −p x − c_D > −x with
    p = p0(1 − α), i.e. iff α > (c_D − (1 − p0)x)/(p0 x); a resisted challenger
    is deterred iff p x − c_C − α h ≤ 0, i.e. iff α ≥ (p0 x − c_C)/(p0 x + h).
    The challenger keeps the status quo iff both hold (it is indifferent when
    the second holds with equality).

    Args:
        x, p0, c_challenger, c_defender, h: as in :func:`fait_accompli`; p0 must
            be positive here.

    Returns:
        A :class:`FaitAccompliThresholds` with exact values and symbolic forms.

    Raises:
        ValueError: for inputs out of range, or p0 = 0 (then α cannot change
            the defender's choice: it resists iff x > c_D).

    >>> t = fait_accompli_thresholds(10, "1/2", 6, 8)
    >>> t.defender_resists_above, t.challenger_deterred_from
    (Fraction(3, 5), Fraction(-1, 5))
    """
    x, p0, c_c, c_d, _, h, _ = _fait_accompli_inputs(x, p0, c_challenger, c_defender, 0, h, 1)
    if p0 == 0:
        raise ValueError(
            "p0 must be positive for the α thresholds: with p0 = 0 the ally's involvement "
            "cannot change the defender's choice (it resists iff x > c_defender)"
        )
    sx, sp0, sc_c, sc_d, sh = FAIT_ACCOMPLI_SYMBOLS
    return FaitAccompliThresholds(
        _defender_threshold(x, p0, c_d),
        _challenger_threshold(x, p0, c_c, h),
        (_defender_threshold(sx, sp0, sc_d), _challenger_threshold(sx, sp0, sc_c, sh)),
    )
