"""Turn user input into exact numbers, or fail with a message a learner can act on.

Every layer that accepts numbers from outside (payoff matrices, model parameters,
case files, CLI flags, widget values) goes through this module, so that bad input
is reported the same way everywhere: a ``ValueError`` that names the offending
value, where it was found and what was expected. Nothing downstream ever sees a
float, so ties stay ties and equilibria can be checked exactly.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

import numpy as np

Matrix = tuple[tuple[Fraction, ...], ...]

#: Largest payoff matrix dimension the package promises to handle.
MAX_ACTIONS = 12

#: Most decimal digits a number's numerator or denominator may have. Bigger numbers carry
#: no meaning in a teaching model and would make exact arithmetic (and printing: Python
#: refuses to print integers above 4300 digits) arbitrarily slow.
MAX_DIGITS = 300
_LIMIT = 10**MAX_DIGITS
#: Longest numeric string read; the exponent of ``1e...`` is checked before it is expanded.
MAX_TEXT_LENGTH = 1000
_EXPONENT = re.compile(r"[eE]\s*([+-]?\d+)\s*$")


def _within_limit(number: Fraction, name: str, value) -> Fraction:
    """``number`` if its numerator and denominator have at most :data:`MAX_DIGITS` digits."""
    if abs(number.numerator) >= _LIMIT or number.denominator >= _LIMIT:
        raise ValueError(
            f"{name} must have at most {MAX_DIGITS} digits above and below the fraction bar "
            f"(magnitude between 1e-{MAX_DIGITS} and 1e{MAX_DIGITS}), got {_short(value)}"
        )
    return number


def _short(value) -> str:
    """``repr(value)``, shortened for huge inputs (Python cannot even print some of them)."""
    if isinstance(value, numbers.Rational) and not isinstance(value, bool):
        parts = (abs(int(value.numerator)), int(value.denominator))
        if max(parts) >= _LIMIT:
            digits = max(int(part.bit_length() * 0.30103) + 1 for part in parts)
            return f"a number with about {digits} digits"
    text = repr(value)
    return text if len(text) <= 80 else text[:60] + f"... ({len(text)} characters)"


def _parse_text(value: str, name: str) -> Fraction:
    """A numeric string as a Fraction, refusing huge exponents before expanding them."""
    text = value.strip()
    if len(text) > MAX_TEXT_LENGTH:
        raise ValueError(f"{name} must be a number of at most {MAX_TEXT_LENGTH} characters, got {_short(value)}")
    if not text.isascii():
        raise ValueError(f"{name} must be a number written with ASCII digits such as 2, -0.5 or 3/7, got {value!r}")
    exponent = _EXPONENT.search(text)
    if exponent and abs(int(exponent.group(1))) > MAX_DIGITS + MAX_TEXT_LENGTH:
        raise ValueError(
            f"{name} must have a magnitude between 1e-{MAX_DIGITS} and 1e{MAX_DIGITS}, got {_short(value)}"
        )
    try:
        return Fraction(text)
    except (ValueError, ZeroDivisionError):
        pass
    if text.lower().lstrip("+-") in ("nan", "inf", "infinity"):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    raise ValueError(f"{name} must be a number such as 2, -0.5 or 3/7, got {_short(value)}")


def exact(value, name: str = "value") -> Fraction:
    """Return ``value`` as an exact :class:`~fractions.Fraction`.

    Floats are read from their shortest decimal form (``0.1`` becomes ``1/10``,
    not the binary double ``3602879701896397/36028797018963968``) so that two
    payoffs a user typed as equal compare equal. Strings such as ``"3/7"`` or
    ``"0.25"`` are accepted because they come from CLI flags and case files.

    >>> exact(0.1)
    Fraction(1, 10)
    >>> exact("3/7")
    Fraction(3, 7)

    Raises:
        ValueError: for booleans, None, NaN, infinities, complex numbers and
            anything that is not a real number, and for numbers whose numerator or
            denominator has more than :data:`MAX_DIGITS` digits, naming ``name`` and
            the value.
    """
    return _within_limit(_exact(value, name), name, value)


def _exact(value, name: str) -> Fraction:
    if isinstance(value, Fraction):
        return value
    if isinstance(value, (bool, np.bool_)) or value is None:
        raise ValueError(f"{name} must be a real number, got {value!r}")
    if isinstance(value, (numbers.Integral, np.integer)):
        return Fraction(int(value))
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value):
            raise ValueError(f"{name} must be a finite number, got {value!r}")
        return Fraction(repr(float(value)))
    if isinstance(value, numbers.Rational):
        return Fraction(value.numerator, value.denominator)
    if isinstance(value, str):
        return _parse_text(value, name)
    if isinstance(value, Decimal):
        if not value.is_finite():  # NaN, sNaN (which float() refuses to convert) or infinity
            raise ValueError(f"{name} must be a finite number, got {value!r}")
        if abs(value.adjusted()) > MAX_DIGITS:
            raise ValueError(
                f"{name} must have a magnitude between 1e-{MAX_DIGITS} and 1e{MAX_DIGITS}, got {_short(value)}"
            )
        return Fraction(value)
    if isinstance(value, numbers.Real):
        try:
            as_float = float(value)
        except (TypeError, ValueError, OverflowError):
            as_float = math.nan
        if not math.isfinite(as_float):
            raise ValueError(f"{name} must be a finite number, got {_short(value)}")
        return Fraction(repr(as_float))
    raise ValueError(
        f"{name} must be a real number (int, float, Fraction or numeric string), "
        f"got {_short(value)} of type {type(value).__name__}"
    )


def in_range(
    value,
    name: str,
    low=None,
    high=None,
    *,
    low_open: bool = False,
    high_open: bool = False,
) -> Fraction:
    """Return ``value`` exactly, checking ``low <= value <= high``.

    Either bound may be ``None`` (unbounded); ``low_open``/``high_open`` make the
    bound strict. The error message states the interval in the usual notation,
    e.g. ``offense_1 must be in [0, 1], got 1.5``.
    """
    number = exact(value, name)
    too_low = low is not None and (number <= low if low_open else number < low)
    too_high = high is not None and (number >= high if high_open else number > high)
    if too_low or too_high:
        raise ValueError(f"{name} must be in {interval_text(low, high, low_open, high_open)}, got {_short(value)}")
    return number


def interval_text(low=None, high=None, low_open: bool = False, high_open: bool = False) -> str:
    """Write an interval the way a textbook does: ``[0, 1]``, ``(0, ∞)``."""
    left = "(" if (low is None or low_open) else "["
    right = ")" if (high is None or high_open) else "]"
    low_text = "-∞" if low is None else _plain(low)
    high_text = "∞" if high is None else _plain(high)
    return f"{left}{low_text}, {high_text}{right}"


def _plain(number) -> str:
    number = Fraction(number)
    return str(number.numerator) if number.denominator == 1 else str(number)


def payoff_matrix(matrix, name: str = "payoff matrix") -> Matrix:
    """Validate one payoff matrix and return it as a tuple of tuples of Fractions.

    Accepts nested lists/tuples or 2-d numpy arrays of numbers. Rejects empty,
    ragged, 1-d or 3-d input, and any entry that :func:`exact` rejects; the
    error names the entry's position, e.g. ``A[1][0]``.
    """
    if isinstance(matrix, np.ndarray):
        if matrix.ndim != 2:
            raise ValueError(
                f"{name} must be a 2-d table of payoffs (rows x columns), "
                f"got an array with {matrix.ndim} dimension(s) and shape {matrix.shape}"
            )
        rows = matrix.tolist()
    elif isinstance(matrix, Sequence) and not isinstance(matrix, (str, bytes)):
        rows = list(matrix)
    else:
        raise ValueError(
            f"{name} must be a list of rows (e.g. [[3, 0], [5, 1]]), got {matrix!r}"
        )
    if not rows:
        raise ValueError(f"{name} is empty: it needs at least one row and one column")
    checked_rows = []
    width = None
    for i, row in enumerate(rows):
        if isinstance(row, np.ndarray):
            row = row.tolist()
        if not isinstance(row, Sequence) or isinstance(row, (str, bytes)):
            raise ValueError(
                f"{name} row {i} must be a list of numbers, got {row!r}; "
                "a payoff matrix is a list of rows such as [[3, 0], [5, 1]]"
            )
        if width is None:
            width = len(row)
            if width == 0:
                raise ValueError(f"{name} row 0 is empty: every row needs at least one payoff")
        elif len(row) != width:
            raise ValueError(
                f"{name} is ragged: row 0 has {width} entries but row {i} has {len(row)}"
            )
        checked_rows.append(tuple(exact(x, f"{name}[{i}][{j}]") for j, x in enumerate(row)))
    if len(checked_rows) > MAX_ACTIONS or width > MAX_ACTIONS:
        raise ValueError(
            f"{name} is {len(checked_rows)} x {width}; at most {MAX_ACTIONS} actions per player are supported"
        )
    return tuple(checked_rows)


def payoff_matrices(A, B=None) -> tuple[Matrix, Matrix]:
    """Validate a bimatrix game ``(A, B)``; ``B=None`` means zero-sum, ``B = -A``.

    Both matrices are indexed ``[row action][column action]`` and must have the
    same shape; a mismatch is reported with both shapes.
    """
    row_payoffs = payoff_matrix(A, "A (row player's payoffs)")
    if B is None:
        return row_payoffs, tuple(tuple(-x for x in row) for row in row_payoffs)
    column_payoffs = payoff_matrix(B, "B (column player's payoffs)")
    shape_a = (len(row_payoffs), len(row_payoffs[0]))
    shape_b = (len(column_payoffs), len(column_payoffs[0]))
    if shape_a != shape_b:
        raise ValueError(
            f"A and B must have the same shape (rows = row player's actions, "
            f"columns = column player's actions), got A {shape_a[0]}x{shape_a[1]} "
            f"and B {shape_b[0]}x{shape_b[1]}"
        )
    return row_payoffs, column_payoffs


def probability_vector(mix, size: int, name: str = "mixed strategy") -> tuple[Fraction, ...]:
    """Validate a mixed strategy: ``size`` non-negative exact numbers summing to 1."""
    if isinstance(mix, np.ndarray):
        mix = mix.tolist()
    if not isinstance(mix, Sequence) or isinstance(mix, (str, bytes)):
        raise ValueError(f"{name} must be a list of {size} probabilities, got {mix!r}")
    if len(mix) != size:
        raise ValueError(f"{name} must have {size} probabilities (one per action), got {len(mix)}")
    # A Fraction is exact already (e.g. a solver's own answer, with many digits): only
    # its range is checked; everything else is read by exact(), with its digit limit.
    probabilities = tuple(
        p if isinstance(p, Fraction) and 0 <= p <= 1 else in_range(p, f"{name}[{i}]", 0, 1)
        for i, p in enumerate(mix)
    )
    if sum(probabilities) != 1:
        raise ValueError(f"{name} must sum to 1, got {sum(probabilities)} from {mix!r}")
    return probabilities


def player_index(player, players=("row", "column")) -> int:
    """0 for the row player, 1 for the column player: by index, by ``"row"``/``"column"``
    (also ``"col"``) or by one of the names in ``players`` (case-insensitive).

    >>> player_index("column"), player_index("Kosovo", ("serbia", "kosovo"))
    (1, 1)

    Raises:
        ValueError: for anything else, naming the choices.
    """
    if isinstance(player, str):
        lowered = [str(p).lower() for p in players]
        if player.lower() in lowered:
            return lowered.index(player.lower())
        generic = {"row": 0, "column": 1, "col": 1}
        if player.lower() in generic:
            return generic[player.lower()]
    elif not isinstance(player, (bool, np.bool_)) and isinstance(player, (numbers.Integral, np.integer)) and player in (0, 1):
        return int(player)
    raise ValueError(f"unknown player {player!r}; expected 0 or 'row', 1 or 'column', or one of {list(players)}")


def player_number(value, name: str = "player") -> int:
    """Validate a player given by number: 1 (the row player) or 2 (the column player).

    >>> player_number(2)
    2

    Raises:
        TypeError: for anything that is not an integer (``True`` is not player 1).
        ValueError: for integers other than 1 and 2.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Integral, np.integer)):
        raise TypeError(f"{name} must be the number 1 or 2, got {value!r} of type {type(value).__name__}")
    if int(value) not in (1, 2):
        raise ValueError(f"{name} must be 1 or 2, got {value!r}")
    return int(value)


def flag(value, name: str) -> bool:
    """Validate a yes/no option: ``True``/``False`` (numpy booleans too), nothing else.

    >>> flag(np.bool_(True), "warn")
    True

    Raises:
        TypeError: for anything else, e.g. the text ``'yes'``.
    """
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {value!r} of type {type(value).__name__}")
    return bool(value)


def name_pair(value, name: str = "players") -> tuple[str, str]:
    """Validate a pair of names, e.g. ``("serbia", "kosovo")``; a single string is refused.

    >>> name_pair(["serbia", "kosovo"])
    ('serbia', 'kosovo')

    Raises:
        TypeError: if ``value`` is not a list or tuple of two strings (``'ab'`` is one name).
        ValueError: if it has the wrong length or a name is empty.
    """
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"{name} must be a pair of names such as ('serbia', 'kosovo'), got {value!r}")
    if len(value) != 2:
        raise ValueError(f"{name} must be exactly two names, got {len(value)}: {value!r}")
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise TypeError(f"{name} must be two non-empty strings, got {item!r} in {value!r}")
    return (value[0], value[1])
