"""Exact numbers as a learner reads them: the package's one number formatter.

Every sentence the package writes (threshold sentences, belief sentences, equilibria in
words) and every view (HTML, LaTeX, widgets, CLI) formats numbers here, so ``158/383`` reads
the same everywhere. This is not rendering (no HTML, no widgets): a pure function from an
exact number to text, so it sits at the bottom of the layers, beside
:mod:`balkangames.validation`, where the core's sentences and the views can both use it.
:mod:`balkangames.views` re-exports it.
"""

from __future__ import annotations

import re
from fractions import Fraction

from .validation import exact

#: Significant digits of the decimal shown beside a fraction (as in the threshold sentences).
DECIMAL_DIGITS = 3
#: An exact fraction inside a sentence (``1/3``, ``-36/5``, ``−9388/6511``) with no decimal yet.
_FRACTION = re.compile(r"(?<![\w/.])([−-]?)(\d+)/(\d+)(?![\w/]|\s[≈=])")
#: Longest exact number written out in full (Python refuses to print integers above 4300
#: digits; a 12x12 game with 300-digit payoffs can have payoffs of thousands of digits).
FULL_DIGITS = 1000


def decimal(value) -> str:
    """``value`` to :data:`DECIMAL_DIGITS` significant digits, with a true minus sign.

    >>> decimal(Fraction(158, 383)), decimal(Fraction(-9388, 6511))
    ('0.413', '−1.44')
    """
    return f"{float(value):.{DECIMAL_DIGITS}g}".replace("-", "−")


def number_text(value) -> str:
    """An exact number for a learner: integers as they are, fractions with a decimal beside.

    ``=`` when the decimal is exact, ``≈`` when it is rounded.

    >>> number_text(Fraction(158, 383)), number_text(Fraction(1, 4)), number_text(-2)
    ('158/383 ≈ 0.413', '1/4 = 0.25', '−2')

    Raises:
        ValueError: when ``value`` is not a real number (see :func:`balkangames.validation.exact`).
    """
    value = exact(value, "number to display")
    sign = "−" if value < 0 else ""
    if value.denominator == 1:
        return f"{sign}{abs(value.numerator)}"
    shown = decimal(value)
    relation = "=" if Fraction(shown.replace("−", "-")) == value else "≈"
    return f"{sign}{abs(value.numerator)}/{value.denominator} {relation} {shown}"


def with_decimals(text: str) -> str:
    """Every exact fraction in ``text`` followed by its decimal (fractions already followed by
    ``≈`` or ``=`` are left as they are).

    >>> with_decimals("restrains with probability 1/3 (payoffs -5/6, 2)")
    'restrains with probability 1/3 ≈ 0.333 (payoffs −5/6 ≈ −0.833, 2)'
    >>> with_decimals("above 3/8 ≈ 0.375")
    'above 3/8 ≈ 0.375'
    """

    def replace(match: re.Match) -> str:
        sign = -1 if match.group(1) else 1
        return number_text(sign * Fraction(int(match.group(2)), int(match.group(3))))

    return _FRACTION.sub(replace, text)


def number_latex(value) -> str:
    r"""An exact number in LaTeX, with its decimal: ``\frac{158}{383} \approx 0.413``.

    >>> number_latex(Fraction(-1, 4)), number_latex(3)
    ('-\\frac{1}{4} = -0.25', '3')
    """
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    sign = "-" if value < 0 else ""
    relation = r"=" if "=" in number_text(value) else r"\approx"
    return rf"{sign}\frac{{{abs(value.numerator)}}}{{{value.denominator}}} {relation} {sign}{decimal(abs(value))}"


def exact_text(value) -> str:
    """``value`` as ``3`` or ``7/2``; about its first digits when the fraction is enormous.

    >>> exact_text(Fraction(7, 2)), exact_text(Fraction(-3))
    ('7/2', '-3')
    """
    value = Fraction(value)
    bits = max(abs(value.numerator).bit_length(), value.denominator.bit_length())
    if bits * 0.30103 > FULL_DIGITS:
        try:
            return f"≈{value.numerator / value.denominator:.6g} (an exact fraction of ~{int(bits * 0.30103) + 1} digits)"
        except OverflowError:
            return f"an exact fraction of ~{int(bits * 0.30103) + 1} digits"
    return str(value.numerator) if value.denominator == 1 else str(value)


def approx_text(value) -> str:
    """``value`` exactly, a fraction followed by ``≈`` and three significant digits.

    >>> approx_text(Fraction(3, 8)), approx_text(2)
    ('3/8 ≈ 0.375', '2')
    """
    value = Fraction(value)
    return str(value.numerator) if value.denominator == 1 else f"{value} ≈ {float(value):.3g}"
