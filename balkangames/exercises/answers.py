"""Read a learner's answer safely: exact types, size limits, no learner code run.

Every reader returns plain Python values (``int``, :class:`~fractions.Fraction`,
``str``, ``list``) or raises :class:`Unreadable` with a sentence that names the
bad value (by type, never by calling its ``repr``) and says what was expected.
Comparisons then happen only between values of types the checker trusts: an
object with its own ``__eq__`` (a ``Fraction`` subclass that equals everything,
say) is converted through the base type or refused, never asked whether it is
right.

>>> number("3/7"), number(0.25), number(Fraction(2, 4))
(Fraction(3, 7), Fraction(1, 4), Fraction(1, 2))
>>> number("1e99999999")
Traceback (most recent call last):
...
balkangames.exercises.answers.Unreadable: the number '1e99999999' has an exponent beyond ±30; write it out or as a fraction
>>> key("Prisoners' Dilemma"), key(" North_Macedonia "), key("Hawk–Dove")
('prisoners-dilemma', 'north-macedonia', 'hawk-dove')
"""

from __future__ import annotations

import itertools
import math
import re
import signal
import threading
import time
import types
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from fractions import Fraction

import numpy as np
import sympy

__all__ = ["MAX_ITEMS", "MAX_TEXT", "Unreadable", "describe_type", "items", "key", "number", "number_text", "text",
           "time_limit"]

#: the longest string read (expressions included): longer answers are refused unread
MAX_TEXT = 300
#: the most items read from a list, tuple or generator
MAX_ITEMS = 24
#: the largest numerator or denominator, in bits: ample for any payoff or probability
MAX_BITS = 160
MAX_EXPONENT = 30
#: a decimal may be written with this many digits (``str(sympy.N(x, 50))``): read exactly, then a near miss
MAX_DECIMAL_DIGITS = 100
MAX_DECIMAL_BITS = 360
#: the longest number string read
MAX_NUMBER_TEXT = 120
_NUMPY_SCALARS = frozenset(t for t in np.sctypeDict.values() if issubclass(t, (np.number, np.bool_)))
_SYMPY_RATIONALS = frozenset(type(x) for x in (sympy.Integer(2), sympy.Rational(1, 3), sympy.S.One, sympy.S.Zero,
                                               sympy.S.Half, sympy.S.NegativeOne))
_ITERATORS = (types.GeneratorType, Iterator)  # nashpy's equilibria come as a generator; read lazily


class Unreadable(ValueError):
    """The answer has a form the checker does not read; the message says which form to use."""


def describe_type(value) -> str:
    """A short, safe description of ``value``: its repr only for small values of trusted types.

    >>> describe_type(0.5), describe_type("arm"), describe_type(object()), describe_type(10**1000)
    ('0.5', "'arm'", 'an object of type object', 'a number of about 996 digits')
    """
    if type(value) in (int, Fraction) and max(abs(value.numerator).bit_length(), value.denominator.bit_length()) > 200:
        return f"a number of about {max(abs(value.numerator), value.denominator).bit_length() * 3 // 10} digits"
    if type(value) in (int, float, Fraction, bool, str, type(None)):
        shown = repr(value)
        return shown if len(shown) <= 40 else shown[:37] + "…"
    return f"an object of type {type(value).__name__}"


def _bounded(fraction: Fraction, value, bits: int = MAX_BITS) -> Fraction:
    if max(abs(fraction.numerator).bit_length(), fraction.denominator.bit_length()) > bits:
        raise Unreadable(f"{describe_type(value)} is too large a number for this question")
    return fraction


def _decimal(digits: str, value) -> Fraction:
    """A decimal written out (``'0.4230…'``, ``'4.2e-01'``) exactly; long ones are allowed up to
    :data:`MAX_DECIMAL_DIGITS` significant digits (a near miss, not a refusal)."""
    exponent = re.search(r"e([+-]?\d+)$", digits, re.IGNORECASE)
    if exponent and abs(int(exponent.group(1))) > MAX_EXPONENT:
        raise Unreadable(f"the number {digits!r} has an exponent beyond ±{MAX_EXPONENT}; "
                         "write it out or as a fraction")
    result = _bounded(Fraction(digits), value, MAX_DECIMAL_BITS)
    if abs(result) >= 2**MAX_BITS:
        raise Unreadable(f"{describe_type(value)} is too large a number for this question")
    return result


def _numpy_number(value, name: str) -> Fraction:
    kind = type(value)
    if kind is np.bool_:
        raise Unreadable(f"{name} is a boolean; give a number")
    if issubclass(kind, np.integer):
        return _bounded(Fraction(int(value)), value)
    if issubclass(kind, np.complexfloating):
        if value.imag != 0:
            raise Unreadable(f"{name} is a complex number; give a real number")
        return _numpy_number(value.real, name)
    if issubclass(kind, np.floating):  # float16 … longdouble: the shortest decimal that is this value
        if not np.isfinite(value):
            raise Unreadable(f"{name} is {float(value)!r}; give a finite number")
        return _decimal(np.format_float_scientific(value, unique=True, trim="k"), value)
    raise Unreadable(f"cannot read {describe_type(value)} as {name}")


def number(value, name: str = "your answer", _depth: int = 0) -> Fraction:
    """``value`` as an exact Fraction: ints, Fractions, floats (their shortest decimal), numpy
    scalars of every kind and 0-d arrays, sympy numbers, and strings as a student types them
    (:func:`number_text`: ``"3/7"``, ``"-0.25"``, ``"1 1/26"``, ``"⅓"``, ``"11÷26"``,
    ``"42.31%"``, ``"0,4231"``). LaTeX and sympy expressions of numbers are read one layer up,
    by :func:`balkangames.exercises.expressions.read_number`.

    Raises:
        Unreadable: for anything else, including subclasses of the number types and bools.
    """
    kind = type(value)
    if kind in _NUMPY_SCALARS:
        return _numpy_number(value, name)
    if kind is np.ndarray:
        if value.ndim == 0 and _depth == 0:
            return number(value[()], name, _depth + 1)
        raise Unreadable(f"{name} is an array of shape {value.shape}; give the number itself")
    if kind in _SYMPY_RATIONALS:
        return _bounded(Fraction(int(value.p), int(value.q)), value)
    if kind is sympy.Float:
        if not value.is_finite:
            raise Unreadable(f"{name} is not finite; give a finite number")
        return _decimal(str(value), value)  # the digits sympy shows, at the Float's own precision
    if kind is bool:
        raise Unreadable(f"{name} is {value!r}, a boolean; give a number")
    if kind is int or kind is Fraction:
        return _bounded(Fraction(value), value)
    if kind is float:
        if not math.isfinite(value):
            raise Unreadable(f"{name} is {value!r}; give a finite number")
        return _bounded(Fraction(repr(value)), value)
    if kind is complex:
        if value.imag != 0:
            raise Unreadable(f"{name} is a complex number; give a real number")
        return number(value.real, name, _depth + 1)
    if kind is Decimal:
        if not value.is_finite() or abs(value.as_tuple().exponent) > MAX_DECIMAL_DIGITS:
            raise Unreadable(f"{name} is a Decimal out of range; give a Fraction")
        return _bounded(Fraction(value), value, MAX_DECIMAL_BITS)
    if isinstance(value, str):
        return number_text(value, name)
    if isinstance(value, (int, float, Fraction)):
        raise Unreadable(f"{name} is {describe_type(value)}, a subclass of {kind.__mro__[1].__name__}: "
                         "give a plain int, float or Fraction")
    raise Unreadable(f"cannot read {describe_type(value)} as {name}: give a number such as 2, "
                     "Fraction(2, 7) or 0.5")


#: vulgar fractions (⅓, ¾, …) as numerator and denominator (read through their Unicode decomposition)
_VULGAR = {c: tuple(map(int, unicodedata.normalize("NFKC", c).replace("\u2044", "/").split("/")))
           for c in "¼½¾⅐⅑⅒⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞↉"}
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_MINUS = str.maketrans({"\u2212": "-", "\ufe63": "-", "\uff0d": "-", "\uff0b": "+"})
_SLASHES = str.maketrans({"\u2044": "/", "\u2215": "/", "÷": "/", "\uff0f": "/"})
_MIXED = re.compile(r"^([+-]?)(\d+) +(\d+) */ *(\d+)$")
_WRITTEN = re.compile(r"^([+-]?) *(\d+\.?\d*(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?) *(?:/ *(\d+))?$", re.IGNORECASE)


def _ascii(written: str) -> str:
    """Digits of any script as ASCII digits and every kind of space as one space (same value, same reading)."""
    out = []
    for char in written:
        if unicodedata.category(char) == "Nd":
            out.append(str(unicodedata.decimal(char)))
        elif char.isspace() or char in "\u200b\u2009\u202f":
            out.append(" ")
        else:
            out.append(char)
    return " ".join("".join(out).split())


def number_text(value, name: str = "your answer", latex=None) -> Fraction:
    """A number typed as text, read literally: never a normalisation that turns one value into another.

    A space between digits is read only as a mixed number (``'1 1/26'`` is 1 + 1/26); a comma
    only as a decimal comma (``'0,4231'``), refused where it could be a thousands separator
    (``'1,500'``); a percentage is divided by 100. LaTeX (``\\frac{11}{26}``) is handed to ``latex``
    (a parser returning a sympy number; :func:`balkangames.exercises.expressions.read_number` passes
    its own), and refused without one.

    >>> number_text("1 1/26"), number_text("-7⅕"), number_text("11÷26"), number_text("42.5%")
    (Fraction(27, 26), Fraction(-36, 5), Fraction(11, 26), Fraction(17, 40))
    """
    written = _ascii(text(value, name, limit=MAX_NUMBER_TEXT)).translate(_MINUS)
    shown = written
    for left, right in (("$$", "$$"), ("$", "$"), ("\\(", "\\)"), ("\\[", "\\]")):
        if len(written) > len(left) + len(right) and written.startswith(left) and written.endswith(right):
            written = written[len(left):-len(right)].strip()
            break
    percent = written.endswith(("%", "\\%"))
    if percent:
        written = written.removesuffix("\\%").removesuffix("%").rstrip()
    if "\\" in written or "{" in written:  # LaTeX: \frac{11}{26}, \dfrac, \cdot, \left( … \right)
        if latex is None:
            raise Unreadable(f"{name} {shown!r} looks like LaTeX; give a number such as 2, -0.5 or 3/7")
        parsed = latex(written)
        if parsed.free_symbols or not isinstance(parsed, sympy.Rational):
            raise Unreadable(f"{name} {shown!r} is not a number such as 2, -0.5 or 3/7")
        result = Fraction(int(parsed.p), int(parsed.q))
        return _bounded(result / 100 if percent else result, value)
    written = written.translate(_SLASHES)
    vulgar = re.fullmatch(r"([+-]?) *(\d*) *([" + "".join(_VULGAR) + "])", written)
    sup = re.fullmatch(r"([+-]?) *(?:(\d+) +)?([⁰¹²³⁴⁵⁶⁷⁸⁹]+)/([₀₁₂₃₄₅₆₇₈₉]+)", written)
    if vulgar or sup:
        sign, whole = (vulgar or sup).group(1), (vulgar or sup).group(2) or "0"
        top, bottom = _VULGAR[vulgar.group(3)] if vulgar else (int(sup.group(3).translate(_SUPERSCRIPTS)),
                                                                int(sup.group(4).translate(_SUBSCRIPTS)))
        if bottom == 0:
            raise Unreadable(f"{name} {shown!r} divides by zero")
        result = (int(whole) + Fraction(top, bottom)) * (-1 if sign == "-" else 1)
        return _bounded(result / 100 if percent else result, value)
    mixed = _MIXED.match(written)
    if mixed:
        sign, whole, top, bottom = mixed.groups()
        if int(bottom) == 0:
            raise Unreadable(f"{name} {shown!r} divides by zero")
        if int(top) >= int(bottom):
            raise Unreadable(f"{name} {shown!r} is not a mixed number (its fraction is not below 1): "
                             "write it as one fraction, or as a whole number plus a fraction")
        result = (int(whole) + Fraction(int(top), int(bottom))) * (-1 if sign == "-" else 1)
        return _bounded(result / 100 if percent else result, value)
    if "," in written:
        comma = re.fullmatch(r"([+-]? *)(\d+),(\d+)", written)
        if not comma:
            raise Unreadable(f"{name} {shown!r} is not a number such as 2, -0.5 or 3/7 "
                             "(a comma is read only as a decimal comma, as in 0,25)")
        if len(comma.group(3)) == 3 and comma.group(2).strip("0"):
            raise Unreadable(f"{name} {shown!r} could be a decimal comma or a thousands separator: "
                             "write it with a decimal point, or without the comma")
        written = f"{comma.group(1)}{comma.group(2)}.{comma.group(3)}"
    match = _WRITTEN.match(written)
    if not match:
        if re.search(r"\d +\d", written):
            raise Unreadable(f"{name} {shown!r} has a space between digits; a mixed number is written "
                             "as 1 1/4, anything else without spaces")
        raise Unreadable(f"{name} {shown!r} is not a number such as 2, -0.5 or 3/7")
    sign, mantissa, denominator = match.groups()
    if denominator is not None and int(denominator) == 0:
        raise Unreadable(f"{name} {shown!r} divides by zero")
    result = _decimal(sign + mantissa, value) / (int(denominator) if denominator else 1)
    return _bounded(result / 100 if percent else result, value, MAX_DECIMAL_BITS)


def text(value, name: str = "your answer", limit: int = MAX_TEXT) -> str:
    """``value`` as a plain ``str`` (a str subclass is read through ``str`` itself), at most ``limit`` long.

    Raises:
        Unreadable: if ``value`` is not a string or is too long.
    """
    if not isinstance(value, str):
        raise Unreadable(f"{name} is {describe_type(value)}; give a string")
    plain = str.__str__(value)  # the characters themselves, whatever methods a subclass overrides
    if len(plain) > limit:
        raise Unreadable(f"{name} is {len(plain)} characters long; the longest read is {limit}")
    return plain


_APOSTROPHES = str.maketrans("", "", "'’‘`\"")
_SEPARATORS = re.compile(r"[\s_\-–—/]+")


def key(value, name: str = "your answer") -> str:
    """A name normalised for lookup: lower case, no apostrophes, words joined by ``-``.

    Raises:
        Unreadable: if ``value`` is not a string or is too long.
    """
    plain = text(value, name, limit=80).lower().translate(_APOSTROPHES)
    return _SEPARATORS.sub("-", plain.strip()).strip("-")


def items(value, name: str = "your answer", limit: int = MAX_ITEMS) -> list | None:
    """The elements of a list, tuple, set, numpy array or iterator (at most ``limit``), else None.

    Raises:
        Unreadable: when there are more than ``limit`` elements.
    """
    kind = type(value)
    if kind is np.ndarray:
        if value.size > limit * 4:
            raise Unreadable(f"{name} is an array of {value.size} numbers; that is more than this question needs")
        return value.tolist()
    if kind in (list, tuple, set, frozenset) or isinstance(value, _ITERATORS):
        taken = list(itertools.islice(iter(value), limit + 1))
        if len(taken) > limit:
            raise Unreadable(f"{name} has more than {limit} elements; that is more than this question needs")
        return taken
    return None


class CheckTimeout(Exception):
    """A check ran longer than its time limit."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`CheckTimeout` in the block after ``seconds`` (main thread on Unix; else no limit).

    Size limits already bound every check; this is the backstop should one still run long.
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def interrupt(signum, frame):
        raise CheckTimeout(f"the check took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    started = time.monotonic()
    outer_delay, outer_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
        if outer_delay:  # someone else's alarm was pending: re-arm it for the time it had left
            left = max(outer_delay - (time.monotonic() - started), 1e-3)
            signal.setitimer(signal.ITIMER_REAL, left, outer_interval)
