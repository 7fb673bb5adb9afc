"""Replicator dynamics: how populations of strategies evolve, and where they end up.

Two settings:

* **one population** (``B=None``): a symmetric game with payoff matrix ``A``
  (``A[i][j]`` = payoff of action i against action j); every member meets the
  same population;
* **two populations** (``A`` and ``B``): row players meet column players, as in
  a bimatrix game; each population's shares follow its own payoffs.

:func:`replicator_trajectory` integrates either in log-shares, so that every point of a
trajectory lies on the simplex by construction (nashpy's integration of the shares
themselves drifts off it; nashpy stays the comparison in the tests). :func:`basins_2x2`
classifies starting points of a 2x2 game by the pure equilibrium they converge
to, with the exact basin boundary where it is known in closed form.

The dynamics are numerical (floats), unlike the rest of the package; the
thresholds they are compared with (the mixed equilibrium, the saddle point)
are exact Fractions.

Closed form used for two populations. Write p and q for the shares of action 0
(restrain) in the row and column populations, a1 = A00 − A10, a2 = A01 − A11,
b1 = B00 − B01, b2 = B10 − B11. Then ṗ = p(1−p)(a2 + (a1 − a2)q) and
q̇ = q(1−q)(b2 + (b1 − b2)p); dividing one by the other separates the variables,
so H(p, q) = b2 ln p − b1 ln(1−p) − a2 ln q + a1 ln(1−q) is constant along every
trajectory. In a coordination game the basin boundary is the stable manifold of
the interior saddle (p*, q*): the branch of the level set H = H(p*, q*) that
runs from corner (p, q) = (0, 1) to corner (1, 0).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction

import numpy as np
import sympy
from scipy.integrate import solve_ivp

from balkangames.validation import in_range, payoff_matrices, payoff_matrix, probability_vector

__all__ = [
    "Trajectory",
    "SymmetricBasins",
    "TwoPopulationBasins",
    "replicator_trajectory",
    "basins_2x2",
    "DEFAULT_STEP",
    "DEFAULT_HORIZON",
    "CHECK_EVERY",
]

#: Step size of the basin integrator, in time units rescaled so that the
#: largest payoff difference driving the dynamics is 1 (the rescaling changes
#: speeds, not paths).
DEFAULT_STEP = 0.05
#: The basin integrator checks which starts are decided every this many steps.
CHECK_EVERY = 4
#: How long (rescaled time) the basin integrator follows a start before calling
#: it undecided (label -1); only starts very near the boundary need that long.
DEFAULT_HORIZON = 60.0


def _floats(matrix) -> np.ndarray:
    return np.array([[float(v) for v in row] for row in matrix])


def _timepoints(timepoints) -> np.ndarray:
    if timepoints is None:
        return np.linspace(0, 10, 1000)
    try:
        times = np.asarray([float(in_range(t, "timepoints entry")) for t in np.ravel(timepoints)])
    except TypeError:
        raise ValueError(f"timepoints must be a list of numbers, got {timepoints!r}") from None
    if np.ndim(timepoints) != 1 or times.size < 2 or np.any(np.diff(times) <= 0):
        raise ValueError(
            f"timepoints must be a 1-d increasing sequence of at least 2 times, got {timepoints!r}"
        )
    return times


@dataclass(frozen=True)
class Trajectory:
    """Population shares over time.

    Attributes:
        times: the time points, shape (T,).
        row: shares of each action in the (row) population, shape (T, actions).
        column: shares in the column population for two-population dynamics,
            else None.
    """

    times: np.ndarray
    row: np.ndarray
    column: np.ndarray | None = None


def replicator_trajectory(A, B=None, x0=None, timepoints=None, y0=None) -> Trajectory:
    """Integrate the replicator dynamics; every point stays on the simplex.

    The shares x are written as x = softmax(z) over the actions a population starts with
    (an action with share 0 keeps share 0: the simplex's faces are invariant), and the
    dynamics ẋᵢ = xᵢ(fᵢ − f̄) become żᵢ = fᵢ(x) in the log-shares z (a shift common to all
    zᵢ does not change x, so f̄ drops out). Whatever error the integrator makes in z,
    the shares it reports are nonnegative and sum to 1 up to floating-point rounding
    (|Σ − 1| ≤ 1e-12; :data:`SIMPLEX_TOLERANCE`), not just up to the integrator's
    tolerance, so a long trajectory cannot drift off the simplex. z moves at most as fast
    as the largest payoff, so the system is not stiff.

    Args:
        A: payoff matrix. With ``B=None`` it must be square: one population
            playing the symmetric game ``A`` (nashpy's ``Game.replicator_dynamics``).
        B: the column player's matrix for two-population dynamics (nashpy's
            ``Game.asymmetric_replicator_dynamics``).
        x0: initial shares of the (row) population; default uniform.
        timepoints: increasing times; default ``linspace(0, 10, 1000)``.
        y0: initial shares of the column population (two populations only).

    Returns:
        A :class:`Trajectory`.

    Raises:
        ValueError: for bad matrices, a non-square ``A`` with one population,
            shares that are not probability vectors, ``y0`` without ``B`` or bad
            time points.

    >>> path = replicator_trajectory([[4, 0], [3, 3]], x0=[0.8, 0.2], timepoints=[0, 20])
    >>> round(float(path.row[-1][0]), 3)
    1.0
    """
    times = _timepoints(timepoints)
    if B is None:
        matrix = payoff_matrix(A, "A (payoffs of the symmetric game)")
        size = len(matrix)
        if len(matrix[0]) != size:
            raise ValueError(
                f"one-population dynamics need a square matrix (action against action), "
                f"got {size}x{len(matrix[0])}; pass B for two populations"
            )
        if y0 is not None:
            raise ValueError("y0 is the column population's start: it needs B (two populations)")
        payoffs = _floats(matrix)
        (shares,) = _integrate([_start(x0, size, "x0")], lambda x: [payoffs @ x[0]], times)
        return Trajectory(times, shares)
    A, B = payoff_matrices(A, B)
    rows, cols = len(A), len(A[0])
    row_payoffs, col_payoffs = _floats(A), _floats(B)
    row_shares, col_shares = _integrate(
        [_start(x0, rows, "x0"), _start(y0, cols, "y0")],
        lambda s: [row_payoffs @ s[1], col_payoffs.T @ s[0]],
        times,
    )
    return Trajectory(times, row_shares, col_shares)


#: How far from 1 the shares of a trajectory may sum (floating-point rounding of a softmax).
SIMPLEX_TOLERANCE = 1e-12


def _softmax(logits: np.ndarray, support: np.ndarray) -> np.ndarray:
    """Shares from log-shares on ``support`` (0 elsewhere), along the last axis."""
    shifted = np.where(support, logits - np.max(np.where(support, logits, -np.inf), axis=-1, keepdims=True), -np.inf)
    weights = np.exp(shifted)
    return weights / weights.sum(axis=-1, keepdims=True)


def _integrate(starts, fitness, times: np.ndarray) -> list[np.ndarray]:
    """Shares over ``times`` of populations starting at ``starts``, whose actions' payoffs
    are ``fitness(shares)`` (one array per population), integrated in log-shares."""
    supports = [start > 0 for start in starts]
    sizes = [len(start) for start in starts]
    cuts = np.cumsum(sizes)[:-1]

    def shares_of(z):
        return [_softmax(part, support) for part, support in zip(np.split(z, cuts), supports)]

    def velocity(_, z):
        # Only differences between an action's log-share and the others' matter; actions
        # outside the support keep share 0 whatever their log-share does.
        return np.concatenate(fitness(shares_of(z)))

    z0 = np.concatenate([np.log(np.where(support, start, 1.0)) for start, support in zip(starts, supports)])
    solution = solve_ivp(velocity, (times[0], times[-1]), z0, t_eval=times, method="DOP853",
                         rtol=1e-10, atol=1e-10)
    if not solution.success:  # pragma: no cover - a bounded vector field always integrates
        raise RuntimeError(f"replicator dynamics failed to integrate: {solution.message}")
    parts = np.split(solution.y.T, cuts, axis=1)
    return [_softmax(part, support) for part, support in zip(parts, supports)]


def _start(mix, size, name) -> np.ndarray:
    """Initial shares: exact probabilities, or floats summing to 1 up to rounding."""
    if mix is None:
        return np.full(size, 1 / size)
    if isinstance(mix, np.ndarray):
        mix = mix.tolist()
    if not isinstance(mix, (list, tuple)) or len(mix) != size:
        raise ValueError(f"{name} must be a list of {size} probabilities (one per action), got {mix!r}")
    shares = [in_range(p, f"{name}[{i}]", 0, 1) for i, p in enumerate(mix)]
    if abs(sum(shares) - 1) > Fraction(1, 10**9):
        probability_vector(mix, size, name)  # raises the standard "must sum to 1" message
    total = float(sum(shares))
    return np.array([float(p) / total for p in shares])


# ---------------------------------------------------------------------------
# Basins of attraction in 2x2 games
# ---------------------------------------------------------------------------


def _grid(points: int) -> np.ndarray:
    """Cell centres (k + 1/2)/n, so no start lies on an edge of the simplex."""
    if isinstance(points, bool) or not isinstance(points, (int, np.integer)) or not 2 <= points <= 1000:
        raise ValueError(f"points must be an integer in [2, 1000], got {points!r}")
    return (np.arange(points) + 0.5) / points


def _interior_root(constant: Fraction, slope: Fraction) -> Fraction | None:
    """Root s of constant + slope·s when it lies strictly inside (0, 1)."""
    if slope == 0:
        return None
    root = -constant / slope
    return root if 0 < root < 1 else None


def _sigmoid(u):
    return 0.5 * (1 + np.tanh(0.5 * u))


def _limit_labels(rates, roots, starts, step, horizon, skip, rest=None):
    """Integrate logit coordinates until each start's limit corner is certain.

    In logit coordinates u_k = ln(s_k/(1 − s_k)) the 2x2 replicator dynamics is
    u̇_k = c_k + m_k·s_{other}. A start is decided once each u̇_k is non-zero and
    its sign cannot change any more: the share it depends on has no interior
    root, or is moving away from it. From then on every share moves
    monotonically towards 0 or 1. If every rate stays away from zero in that
    limit, u_k diverges and the share reaches 0 or 1 (a strict equilibrium);
    if some limiting rate is zero (a degenerate game) the share may stop
    short, so the start is labelled -1. RK4, fixed step, checked every
    ``CHECK_EVERY`` steps.

    Args:
        rates: [(c_0, m_0, other index), ...] per coordinate, floats, rescaled.
        roots: interior root (float) of each coordinate's rate, or None.
        starts: array (points, k) of shares in (0, 1).
        skip: boolean mask of starts known not to reach a pure state (exact
            rest points; every start when no pure state is a strict equilibrium).
        rest: the interior rest point (shares), if any; starts that come
            within 1e-6 of it are labelled -1 (only starts within about 1e-11
            of the boundary get that close before rounding errors push them off).
    Returns:
        array (points, k) of limits 0/1, or -1 where undecided.
    """
    constants = np.array([c for c, _, _ in rates], dtype=float)
    slopes = np.array([m for _, m, _ in rates], dtype=float)
    others = np.array([other for _, _, other in rates])
    root_values = np.array([np.nan if r is None else r for r in roots], dtype=float)
    has_root = ~np.isnan(root_values)
    result = np.full(starts.shape, -1, dtype=int)
    active = np.flatnonzero(~skip)
    u = np.log(starts[active]) - np.log1p(-starts[active])

    def velocity(logits):
        return constants + slopes * _sigmoid(logits)[:, others]

    checks = int(np.ceil(horizon / (step * CHECK_EVERY)))
    for _ in range(checks + 1):
        if active.size == 0:
            break
        du = velocity(u)
        shares = _sigmoid(u)
        settled = np.all(du != 0, axis=1)
        if rest is not None:  # on the boundary: it reaches the saddle, which floats cannot resolve
            at_rest = np.all(np.abs(shares - rest) < 1e-6, axis=1)
            result[active[at_rest]] = -1
            settled &= ~at_rest
            keep = ~at_rest
            active, u, du, shares, settled = (x[keep] for x in (active, u, du, shares, settled))
        moving_away = np.sign(du[:, others]) == np.sign(shares[:, others] - root_values)
        settled &= np.all(moving_away | ~has_root, axis=1)
        if settled.any():
            heading = (du[settled] > 0).astype(int)
            limit_rates = constants + slopes * heading[:, others]
            pure = np.all(limit_rates != 0, axis=1)
            result[active[settled]] = np.where(pure[:, None], heading, -1)
            active, u = active[~settled], u[~settled]
            if active.size == 0:
                break
        for _ in range(CHECK_EVERY):
            k1 = velocity(u)
            k2 = velocity(u + 0.5 * step * k1)
            k3 = velocity(u + 0.5 * step * k2)
            k4 = velocity(u + step * k3)
            u = u + step / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
    return result


@dataclass(frozen=True)
class SymmetricBasins:
    """Basins of one-population replicator dynamics of a symmetric 2x2 game.

    Attributes:
        boundary: the exact share of action 0 separating the basins (the mixed
            equilibrium p*) when the game is a coordination game, else None.
        shares: the starting shares of action 0, shape (points,).
        labels: for each start, the action everyone ends up playing (0 or 1),
            or -1 when the population does not converge to a pure state.
        step, horizon: integration settings (rescaled time).
    """

    boundary: Fraction | None
    shares: np.ndarray
    labels: np.ndarray
    step: float
    horizon: float


@dataclass(frozen=True)
class TwoPopulationBasins:
    """Basins of two-population replicator dynamics of a 2x2 game.

    ``p`` is the row population's share of action 0, ``q`` the column
    population's.

    Attributes:
        p, q: grid values, shape (points,) each.
        labels: shape (points, points), indexed ``[q index, p index]`` (so
            ``imshow(labels, origin="lower", extent=(0, 1, 0, 1))`` puts p on
            the horizontal axis). A label is the pure profile reached,
            ``2 * row action + column action`` (0 = (C, C) ... 3 = (D, D)), or
            -1 where the start does not converge to a pure profile in time.
        saddle: the exact interior saddle (p*, q*) when the game has two strict
            pure equilibria (coordination or anti-coordination), else None.
        boundary: sympy equation of the level set through the saddle, whose
            stable branch is the basin boundary, in symbols p and q; or None.
        step, horizon: integration settings (rescaled time).
    """

    p: np.ndarray
    q: np.ndarray
    labels: np.ndarray
    saddle: tuple[Fraction, Fraction] | None
    boundary: sympy.Eq | None
    step: float
    horizon: float
    _coefficients: tuple = ()
    _flipped: bool = False

    @staticmethod
    def profile(label: int) -> tuple[int, int] | None:
        """The pure profile (row action, column action) of a label, None for -1."""
        return None if label < 0 else divmod(int(label), 2)

    def _level(self, p, q):
        a1, a2, b1, b2 = (float(c) for c in self._coefficients)
        return b2 * np.log(p) - b1 * np.log1p(-p) - a2 * np.log(q) + a1 * np.log1p(-q)

    def closed_form_labels(self, p, q) -> np.ndarray:
        """Labels from the closed-form boundary (no integration), for arrays p, q in (0, 1).

        Points on the boundary itself (where the dynamics go to the saddle) get
        the label of the side they are rounded to.

        Raises:
            ValueError: when the game has no saddle (``saddle`` is None).
        """
        if self.saddle is None:
            raise ValueError("no closed-form basin boundary: the game has no interior saddle")
        p, q = np.broadcast_arrays(np.asarray(p, float), np.asarray(q, float))
        q_work = 1 - q if self._flipped else q
        p_star, q_star = (float(v) for v in self.saddle)
        q_star = 1 - q_star if self._flipped else q_star
        gap = self._level(p, q_work) - self._level(np.float64(p_star), np.float64(q_star))
        # Coordination form: (1,1) in share terms = everyone plays action 0.
        toward_high = np.where(
            (p >= p_star) & (q_work >= q_star),
            True,
            np.where(
                (p <= p_star) & (q_work <= q_star),
                False,
                np.where(p < p_star, gap < 0, gap > 0),
            ),
        )
        row_action = np.where(toward_high, 0, 1)
        col_action = row_action if not self._flipped else 1 - row_action
        return 2 * row_action + col_action

    def boundary_curve(self, points: int = 200) -> tuple[np.ndarray, np.ndarray]:
        """Points (p, q) on the basin boundary, for plotting; found by bisection.

        Raises:
            ValueError: when the game has no saddle.
        """
        if self.saddle is None:
            raise ValueError("no closed-form basin boundary: the game has no interior saddle")
        p = _grid(points)
        p_star, q_star = (float(v) for v in self.saddle)
        q_star = 1 - q_star if self._flipped else q_star
        target = self._level(np.float64(p_star), np.float64(q_star))
        # The stable branch: q above q* left of p*, below q* right of p*.
        low = np.where(p < p_star, q_star, 1e-300)
        high = np.where(p < p_star, 1 - 1e-16, q_star)
        increasing = p >= p_star  # the level in q rises on (0, q*) and falls on (q*, 1)
        for _ in range(80):
            middle = 0.5 * (low + high)
            above = self._level(p, middle) > target
            move_low = np.where(increasing, ~above, above)
            low = np.where(move_low, middle, low)
            high = np.where(move_low, high, middle)
        q = 0.5 * (low + high)
        return p, (1 - q if self._flipped else q)


def basins_2x2(A, B=None, *, points: int = 50, step: float = DEFAULT_STEP, horizon: float = DEFAULT_HORIZON):
    """Classify starting points of a 2x2 game's replicator dynamics by where they end.

    One population (``B=None``): start shares of action 0 on a grid of
    ``points`` cell centres; the exact boundary is the mixed equilibrium
    p* = (A11 − A01)/((A00 − A10) + (A11 − A01)) in a coordination game
    (each action the best reply to itself). Two populations: a
    ``points`` x ``points`` grid of (p, q) starts; the exact saddle and the
    closed-form boundary equation are given when the game has two strict pure
    equilibria (see the module docstring).

    Integration: RK4 in logit coordinates with fixed step ``step`` in time
    rescaled so the largest payoff difference is 1; every ``CHECK_EVERY`` steps
    the starts whose limit has become certain are labelled and dropped (see
    :func:`_limit_labels`); those still open after ``horizon`` get -1. A 50 x 50
    grid takes well under 0.2 s (typically 40–70 ms).

    Args:
        A, B: 2x2 payoff matrices (B=None: one population, symmetric game A).
        points: grid size per axis, 2..1000.
        step: integration step (0 < step ≤ 1).
        horizon: maximum rescaled time (0 < horizon ≤ 10000).

    Returns:
        :class:`SymmetricBasins` or :class:`TwoPopulationBasins`.

    Raises:
        ValueError: for games that are not 2x2, or bad grid/step/horizon.

    >>> basins_2x2([[4, 0], [3, 3]], points=4).boundary
    Fraction(3, 4)
    """
    grid = _grid(points)
    step = float(in_range(step, "step", 0, 1, low_open=True))
    horizon = float(in_range(horizon, "horizon", 0, 10000, low_open=True))
    if B is None:
        matrix = payoff_matrix(A, "A (payoffs of the symmetric game)")
        if (len(matrix), len(matrix[0])) != (2, 2):
            raise ValueError(f"basins_2x2 needs a 2x2 game, got {len(matrix)}x{len(matrix[0])}")
        a1, a2 = matrix[0][0] - matrix[1][0], matrix[0][1] - matrix[1][1]
        scale = float(max(abs(a1), abs(a2))) or 1.0
        root = _interior_root(a2, a1 - a2)
        exact_grid = [Fraction(2 * k + 1, 2 * points) for k in range(points)]
        # Interior starts reach a pure state only if it is a strict equilibrium.
        no_strict = not (a1 > 0 or a2 < 0)
        skip = np.array([no_strict or g == root for g in exact_grid])
        limits = _limit_labels(
            [(float(a2) / scale, float(a1 - a2) / scale, 0)],
            [None if root is None else float(root)],
            grid[:, None],
            step,
            horizon,
            skip,
        )[:, 0]
        labels = np.where(limits < 0, -1, 1 - limits)  # share of action 0 → 1 means action 0
        boundary = root if (a1 > 0 and a2 < 0) else None
        return SymmetricBasins(boundary, grid, labels, step, horizon)

    A, B = payoff_matrices(A, B)
    if (len(A), len(A[0])) != (2, 2):
        raise ValueError(f"basins_2x2 needs a 2x2 game, got {len(A)}x{len(A[0])}")
    a1, a2 = A[0][0] - A[1][0], A[0][1] - A[1][1]
    b1, b2 = B[0][0] - B[0][1], B[1][0] - B[1][1]
    scale = float(max(abs(a1), abs(a2), abs(b1), abs(b2))) or 1.0
    q_root = _interior_root(a2, a1 - a2)  # where the row population's rate changes sign
    p_root = _interior_root(b2, b1 - b2)
    p_grid, q_grid = np.meshgrid(grid, grid)  # [q index, p index]
    starts = np.column_stack([p_grid.ravel(), q_grid.ravel()])
    strict_corners = [a1 > 0 and b1 > 0, a2 > 0 and b1 < 0, a1 < 0 and b2 > 0, a2 < 0 and b2 < 0]
    skip = np.zeros(len(starts), dtype=bool)
    if not any(strict_corners):
        skip[:] = True  # interior starts can only reach a pure state that is a strict equilibrium
    elif p_root is not None and q_root is not None:
        exact_grid = [Fraction(2 * k + 1, 2 * points) for k in range(points)]
        if p_root in exact_grid and q_root in exact_grid:  # a start exactly at the rest point
            skip[exact_grid.index(q_root) * points + exact_grid.index(p_root)] = True
    limits = _limit_labels(
        [(float(a2) / scale, float(a1 - a2) / scale, 1), (float(b2) / scale, float(b1 - b2) / scale, 0)],
        [None if q_root is None else float(q_root), None if p_root is None else float(p_root)],
        starts,
        step,
        horizon,
        skip,
        None if p_root is None or q_root is None else np.array([float(p_root), float(q_root)]),
    )
    undecided = np.any(limits < 0, axis=1)
    labels = np.where(undecided, -1, 2 * (1 - limits[:, 0]) + (1 - limits[:, 1])).reshape(p_grid.shape)

    saddle, boundary, coefficients, flipped = None, None, (), False
    coordination = a1 > 0 and a2 < 0 and b1 > 0 and b2 < 0
    anti = a1 < 0 and a2 > 0 and b1 < 0 and b2 > 0
    if coordination or anti:
        saddle = (p_root, q_root)
        flipped = anti
        if anti:  # relabel the column player's actions: q → 1 − q turns it into coordination
            a1, a2, b1, b2 = a2, a1, -b1, -b2
        coefficients = (a1, a2, b1, b2)
        boundary = _boundary_equation(a1, a2, b1, b2, p_root, 1 - q_root if anti else q_root, anti)
    return TwoPopulationBasins(
        grid, grid, labels, saddle, boundary, step, horizon, coefficients, flipped
    )


def _boundary_equation(a1, a2, b1, b2, p_star, q_star, flipped):
    """sympy Eq H(p, q) = H(p*, q*) in the symbols p, q of the original game."""
    p, q = sympy.symbols("p q", positive=True)
    r = sympy.Rational

    def level(pp, qq):
        return (
            r(b2) * sympy.log(pp)
            - r(b1) * sympy.log(1 - pp)
            - r(a2) * sympy.log(qq)
            + r(a1) * sympy.log(1 - qq)
        )

    q_expr = 1 - q if flipped else q
    return sympy.Eq(level(p, q_expr), level(r(p_star), r(q_star)))


def coordination_basins_2x2(A, B, points: int = 50) -> TwoPopulationBasins | None:
    """Basins of a 2x2 coordination game from the closed-form boundary alone.

    When each action is the strict best reply to itself (two strict pure equilibria on
    the diagonal), the basin boundary of two-population replicator dynamics is the level
    curve through the exact saddle (the mixed equilibrium), so no integration and no
    sympy are needed: fast enough to redraw on every slider move. The labels agree with
    :func:`basins_2x2`'s integration (tested). ``boundary`` is left ``None``; use
    :meth:`TwoPopulationBasins.boundary_curve` to draw it.

    Returns:
        the basins, or ``None`` when the game is not such a coordination game.
    """
    A, B = payoff_matrices(A, B)
    if (len(A), len(A[0])) != (2, 2):
        raise ValueError(f"coordination_basins_2x2 needs a 2x2 game, got {len(A)}x{len(A[0])}")
    a1, a2 = A[0][0] - A[1][0], A[0][1] - A[1][1]
    b1, b2 = B[0][0] - B[0][1], B[1][0] - B[1][1]
    if not (a1 > 0 > a2 and b1 > 0 > b2):
        return None
    saddle = (b2 / (b2 - b1), a2 / (a2 - a1))  # each share makes the other population indifferent
    grid = _grid(points)
    basins = TwoPopulationBasins(
        grid, grid, np.empty((0, 0)), saddle, None, DEFAULT_STEP, DEFAULT_HORIZON, (a1, a2, b1, b2), False
    )
    p, q = np.meshgrid(grid, grid)
    return replace(basins, labels=basins.closed_form_labels(p, q))
