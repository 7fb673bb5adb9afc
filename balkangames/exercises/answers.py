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
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from fractions import Fraction

import numpy as np
import sympy

__all__ = ["MAX_ITEMS", "MAX_TEXT", "Unreadable", "describe_type", "items", "key", "number", "text", "time_limit"]

#: the longest string read (expressions included): longer answers are refused unread
MAX_TEXT = 300
#: the most items read from a list, tuple or generator
MAX_ITEMS = 24
#: the largest numerator or denominator, in bits: ample for any payoff or probability
MAX_BITS = 160
MAX_EXPONENT = 30

NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?(/\d+)?$", re.IGNORECASE)
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


def _bounded(fraction: Fraction, value) -> Fraction:
    if max(abs(fraction.numerator).bit_length(), fraction.denominator.bit_length()) > MAX_BITS:
        raise Unreadable(f"{describe_type(value)} is too large a number for this question")
    return fraction


def number(value, name: str = "your answer") -> Fraction:
    """``value`` as an exact Fraction: ints, Fractions, floats (their shortest decimal), numpy and
    sympy numbers, and strings such as ``"3/7"`` or ``"-0.25"``.

    Raises:
        Unreadable: for anything else, including subclasses of the number types and bools.
    """
    kind = type(value)
    if kind in _NUMPY_SCALARS:
        if kind is np.bool_:
            raise Unreadable(f"{name} is a boolean; give a number")
        return number(value.item(), name)
    if kind in _SYMPY_RATIONALS:
        return number(Fraction(int(value.p), int(value.q)), name)
    if kind is sympy.Float:
        return number(float(value), name)
    if kind is bool:
        raise Unreadable(f"{name} is {value!r}, a boolean; give a number")
    if kind is int or kind is Fraction:
        return _bounded(Fraction(value), value)
    if kind is float:
        if not math.isfinite(value):
            raise Unreadable(f"{name} is {value!r}; give a finite number")
        return _bounded(Fraction(repr(value)), value)
    if kind is Decimal:
        if not value.is_finite() or abs(value.as_tuple().exponent) > MAX_EXPONENT:
            raise Unreadable(f"{name} is a Decimal out of range; give a Fraction")
        return _bounded(Fraction(value), value)
    if isinstance(value, str):
        written = text(value, name, limit=60).strip().replace("−", "-").replace(" ", "")
        if not NUMBER.match(written):
            raise Unreadable(f"{name} {written!r} is not a number such as 2, -0.5 or 3/7")
        exponent = re.search(r"e([+-]?\d+)", written, re.IGNORECASE)
        if exponent and abs(int(exponent.group(1))) > MAX_EXPONENT:
            raise Unreadable(f"the number {written!r} has an exponent beyond ±{MAX_EXPONENT}; "
                             "write it out or as a fraction")
        mantissa, _, denominator = written.partition("/")
        if denominator and int(denominator) == 0:
            raise Unreadable(f"{name} {written!r} divides by zero")
        result = Fraction(mantissa) / (int(denominator) if denominator else 1)
        return _bounded(result, value)
    if isinstance(value, (int, float, Fraction)):
        raise Unreadable(f"{name} is {describe_type(value)}, a subclass of {kind.__mro__[1].__name__}: "
                         "give a plain int, float or Fraction")
    raise Unreadable(f"cannot read {describe_type(value)} as {name}: give a number such as 2, "
                     "Fraction(2, 7) or 0.5")


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
