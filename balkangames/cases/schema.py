"""Read a TOML case file field by field, failing with the file, the field and what was expected.

Every error raised here is a ``ValueError`` whose message starts with the file name
and names the field by its dotted path, e.g.
``serbia-kosovo.toml: field 'years.first' must be an integer year, got '1999'``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from ..validation import exact
from .provenance import Assumption, Citation

_ID = re.compile(r"^[a-z][a-z0-9-]*$")
_DATE = re.compile(r"^(\d{4})(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def read_toml(path: Path) -> dict:
    """Parse one TOML file; a syntax error is reported with the file name."""
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{path.name}: not valid TOML: {error}") from None


@dataclass(frozen=True)
class Sourced:
    """A value with its provenance: citations, a labelled assumption, or both."""

    value: Fraction
    citations: tuple[Citation, ...] = ()
    assumption: Assumption | None = None


class Fields:
    """One TOML table of a file, read with checks; unknown fields are errors.

    Args:
        table: the parsed table.
        file: the file it came from (named in every error).
        where: the dotted path of this table inside the file ("" for the top).
    """

    def __init__(self, table, file: Path, where: str = ""):
        self.file = Path(file)
        self.where = where
        if not isinstance(table, dict):
            raise self.error("", "a table", table)
        self.table = table
        self._used: set[str] = set()

    def path(self, name: str) -> str:
        """The dotted path of field ``name``."""
        return f"{self.where}.{name}" if self.where and name else (name or self.where)

    def error(self, name: str, expected: str, got) -> ValueError:
        """A ValueError naming the file, the field and what was expected."""
        return ValueError(f"{self.file.name}: field '{self.path(name)}' must be {expected}, got {got!r}")

    def missing(self, name: str, expected: str) -> ValueError:
        """A ValueError for a required field that is absent."""
        return ValueError(f"{self.file.name}: missing field '{self.path(name)}' ({expected})")

    def has(self, name: str) -> bool:
        """Whether the table has field ``name``."""
        return name in self.table

    def raw(self, name: str, expected: str, required: bool = True):
        """The raw value of a field, or None when optional and absent."""
        self._used.add(name)
        if name not in self.table:
            if required:
                raise self.missing(name, expected)
            return None
        return self.table[name]

    def text(self, name: str, required: bool = True) -> str | None:
        """A non-empty string field."""
        value = self.raw(name, "a non-empty text", required)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.error(name, "a non-empty text", value)
        return value.strip()

    def identifier(self, name: str, choices=None) -> str:
        """A lower-case id (letters, digits, hyphens), optionally one of ``choices``."""
        expected = "an id of lower-case letters, digits and hyphens"
        if choices is not None:
            expected = "one of: " + ", ".join(sorted(choices))
        value = self.raw(name, expected)
        if not isinstance(value, str) or not _ID.match(value) or (
            choices is not None and value not in choices
        ):
            raise self.error(name, expected, value)
        return value

    def identifiers(self, name: str, choices, min_length: int = 1) -> tuple[str, ...]:
        """A list of distinct ids from ``choices``."""
        expected = f"a list of at least {min_length} distinct ids from: " + ", ".join(sorted(choices))
        value = self.raw(name, expected)
        if (
            not isinstance(value, list)
            or len(value) < min_length
            or len(set(map(str, value))) != len(value)
            or any(item not in choices for item in value)
        ):
            raise self.error(name, expected, value)
        return tuple(value)

    def integer(self, name: str, low: int | None = None, high: int | None = None, required=True):
        """An integer field within [low, high]."""
        expected = "an integer" + (f" from {low} to {high}" if low is not None and high is not None else "")
        value = self.raw(name, expected, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(name, expected, value)
        if (low is not None and value < low) or (high is not None and value > high):
            raise self.error(name, expected, value)
        return value

    def number(self, name: str, low=None, high=None, required: bool = True) -> Fraction | None:
        """An exact number (integer or a string such as "1/5" or "0.9923") in [low, high]."""
        expected = "a number such as 2 or \"1/5\""
        if low is not None or high is not None:
            expected += f" in [{low if low is not None else '-inf'}, {high if high is not None else 'inf'}]"
        value = self.raw(name, expected, required)
        if value is None:
            return None
        if isinstance(value, float):  # floats are ambiguous in data files; ask for a string
            raise self.error(name, expected + " (write decimals as strings)", value)
        try:
            number = exact(value, self.path(name))
        except ValueError:
            raise self.error(name, expected, value) from None
        if (low is not None and number < low) or (high is not None and number > high):
            raise self.error(name, expected, value)
        return number

    def date(self, name: str) -> tuple[str, int]:
        """An ISO date of year, month or day precision; returns (text, year)."""
        expected = 'an ISO date such as "2015", "2022-02" or "2023-09-24"'
        value = self.raw(name, expected)
        match = _DATE.match(value) if isinstance(value, str) else None
        if not match:
            raise self.error(name, expected, value)
        return value, int(match.group(1))

    def subtable(self, name: str, required: bool = True) -> Fields | None:
        """A sub-table as :class:`Fields`."""
        value = self.raw(name, "a table", required)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.error(name, "a table", value)
        return Fields(value, self.file, self.path(name))

    def tables(self, name: str, required: bool = True) -> list[Fields]:
        """An array of tables (``[[name]]``) as a list of :class:`Fields`."""
        value = self.raw(name, "an array of tables", required)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise self.error(name, "an array of tables", value)
        return [Fields(item, self.file, f"{self.path(name)}[{i}]") for i, item in enumerate(value)]

    def citations(self, required: bool = False) -> tuple[Citation, ...]:
        """The ``citations`` field: a list of {source, quote} or {source, note} tables."""
        expected = "a list of citations, each {source = ..., quote = ...} or {source = ..., note = ...}"
        value = self.raw("citations", expected, required)
        if value is None:
            return ()
        if not isinstance(value, list) or (required and not value):
            raise self.error("citations", expected, value)
        result = []
        for i, item in enumerate(value):
            entry = Fields(item, self.file, self.path(f"citations[{i}]"))
            source = entry.text("source")
            quote = entry.text("quote", required=False)
            note = entry.text("note", required=False)
            entry.finish()
            try:
                result.append(Citation(source, quote, note))
            except ValueError as error:
                raise ValueError(f"{self.file.name}: field '{entry.where}': {error}") from None
        return tuple(result)

    def assumption(self, required: bool = False) -> Assumption | None:
        """The ``assumption`` field as an :class:`Assumption`, with its ``range`` and
        ``range_why`` when the table gives them (an assumed size's plausible range)."""
        text = self.text("assumption", required)
        interval, why = self.assumed_range()
        if interval is not None and not text and self.table.get("citations"):
            # (with neither citations nor an assumption, provenance() names that first)
            raise self.missing("assumption", "a range belongs to an assumed size, stated as an assumption")
        return Assumption(text, interval, why) if text else None

    def interval(self, name: str, required: bool = True, value=None) -> tuple[Fraction, Fraction] | None:
        """A plausible range ``["low", "high"]`` of exact numbers with low < high.

        ``value`` (or the raw field itself, for a table of ranges) is read from
        ``self.table[name]``; strings such as "1/4" keep the numbers exact.
        """
        expected = 'a range ["low", "high"] of two exact numbers (e.g. ["1/4", "3/4"]) with low < high'
        raw = self.raw(name, expected, required) if value is None else value
        if raw is None:
            return None
        if not isinstance(raw, list) or len(raw) != 2 or any(isinstance(x, (bool, float)) for x in raw):
            raise self.error(name, expected, raw)
        try:
            low, high = (exact(x, self.path(name)) for x in raw)
        except ValueError:
            raise self.error(name, expected, raw) from None
        if not low < high:
            raise self.error(name, expected, raw)
        return low, high

    def assumed_range(self) -> tuple[tuple[Fraction, Fraction] | None, str]:
        """``range = ["low", "high"]`` and ``range_why`` of an assumed size (both or neither):
        ``((low, high), why)`` or ``(None, "")``."""
        interval = self.interval("range", required=False)
        why = self.text("range_why", required=interval is not None)
        if why is not None and interval is None:
            raise self.missing("range", 'a plausible range ["low", "high"] for the reason range_why gives')
        return interval, why or ""

    def provenance(self) -> tuple[tuple[Citation, ...], Assumption | None]:
        """Citations and assumption of this table; at least one must be present."""
        citations = self.citations()
        assumption = self.assumption()
        if not citations and assumption is None:
            raise ValueError(
                f"{self.file.name}: field '{self.where or '(top)'}' has neither 'citations' nor "
                "'assumption': every value needs a cited source or a labelled modelling assumption"
            )
        return citations, assumption

    def sourced(self, name: str | None = None, low=None, high=None) -> Sourced:
        """A value table ``{value = ..., citations = [...], assumption = "..."}``."""
        fields = self if name is None else self.subtable(name)
        value = fields.number("value", low, high)
        citations, assumption = fields.provenance()
        if assumption is not None and assumption.range is not None:
            lo, hi = assumption.range
            if not lo <= value <= hi or (low is not None and lo < low) or (high is not None and hi > high):
                raise fields.error(
                    "range",
                    f"a range that contains the value {value} and lies within "
                    f"[{low if low is not None else '-inf'}, {high if high is not None else 'inf'}]",
                    [str(lo), str(hi)],
                )
        fields.finish()
        return Sourced(value, citations, assumption)

    def finish(self) -> None:
        """Fail on any field that was never read (a typo or an unsupported field)."""
        unknown = sorted(set(self.table) - self._used)
        if unknown:
            raise ValueError(
                f"{self.file.name}: unknown field '{self.path(unknown[0])}'; expected only: "
                + ", ".join(sorted(self._used))
            )
