"""Every number in the notebooks' prose is recomputed here, so text and code cannot drift.

For each notebook a ``claims_*`` function recomputes, from the package, each number
the markdown states and returns the exact phrases that state them (e.g. "d above
3/4"). Two tests use them:

* ``test_prose_states_recomputed_values``: every phrase occurs in the markdown;
* ``test_no_unchecked_number``: after removing those phrases, verbatim seed quotes
  (each checked against its seed file), the References section (checked against
  the model notes and the seeds), author–year citations listed there, and a few
  structural labels (notebook and world numbers, player subscripts, file names),
  no digit is left in the markdown.
"""

from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path

import pytest

from balkangames import jervis_world
from balkangames.model import WORLD_BASE, WORLD_LEVERS, player_terms
from balkangames.params import SecurityParams
from balkangames.thresholds import class_at, threshold

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
QUOTE_SOURCES = {
    "000_8a64ac4567ba3041.txt": SEEDS / "000_8a64ac4567ba3041.txt",
    "002_1012a9540589faf7.txt": SEEDS / "002_1012a9540589faf7.txt",
    "README.md": SEEDS / "README.md",
}
BIBLIOGRAPHY_SOURCES = (SHARED / "design" / "model-notes.md", *QUOTE_SOURCES.values())

needs_shared = pytest.mark.skipif(
    not all(p.exists() for p in BIBLIOGRAPHY_SOURCES), reason="../shared (seeds, model notes) not beside the repo"
)


# ---------------------------------------------------------------------------
# Reading and formatting


def markdown_cells(name: str) -> list[str]:
    """The markdown cells of a notebook, whitespace folded to single spaces."""
    notebook = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))
    return [
        "".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "markdown"
    ]


def folded(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def num(value, decimal: bool = False) -> str:
    """How the prose writes an exact number: 7, −36/5, or 0.25 when ``decimal``."""
    value = Fraction(value)
    sign = "−" if value < 0 else ""
    value = abs(value)
    if value.denominator == 1:
        return f"{sign}{value.numerator}"
    if decimal:
        text = f"{float(value):.10f}".rstrip("0")
        if Fraction(text) != value:
            raise AssertionError(f"{value} has no short decimal form")
        return sign + text
    return f"{sign}{value}"


def dec(value) -> str:
    return num(value, decimal=True)


# ---------------------------------------------------------------------------
# Claims per notebook


def _world(n: int) -> SecurityParams:
    offense, distinguishability = WORLD_LEVERS[n]
    return WORLD_BASE.replace(offense=offense, distinguishability=distinguishability)


def _value(parameter: str, player: int, boundary: str, params: SecurityParams) -> Fraction:
    value = threshold(parameter, player, boundary).value(params)
    assert value is not None
    return value


def claims_00() -> list[str]:
    world_4 = jervis_world(4)
    assert set(world_4.classes().values()) == {"harmony"}
    assert world_4.solve().pure_equilibria == [(0, 0)] and len(world_4.solve().equilibria) == 1
    return []


def claims_01() -> list[str]:
    p = _world(1)
    t = player_terms(p, 1)
    assert jervis_world(1).classes() == {"row": "prisoners-dilemma", "column": "prisoners-dilemma"}
    assert jervis_world(1).solve().pure_equilibria == [(1, 1)]
    b_star = _value("restraint_value", 1, "temptation", p)
    w_star = _value("race_cost", 1, "fear", p)
    d_star = _value("distinguishability", 1, "fear", p)
    o_star = _value("offense_1", 1, "temptation", p)
    assert b_star == t["T"]
    # the classes on the far side of each boundary, as the prose names them
    assert class_at(p.replace(restraint_value=b_star + 1), 1) == "stag-hunt"
    assert class_at(p.replace(race_cost=w_star + 1), 1) == "chicken"
    assert class_at(p.replace(distinguishability=(d_star + 1) / 2), 1) == "chicken"
    assert class_at(p.replace(offense_1=o_star / 2), 1) == "stag-hunt"
    return [
        f"W = {num(p.stakes)}, b = {num(p.restraint_value)}, c = {num(p.arming_cost)}, "
        f"w = {num(p.race_cost)}, offense advantage o = {dec(p.offense[0])} for both, "
        f"distinguishability d = {dec(p.distinguishability)}",
        f"Serbia's payoffs are R = {num(t['R'])}, T = {num(t['T'])}, P = {num(t['P'])} and "
        f"S = {num(t['S'])}, from greed G = {num(t['greed'])} and fear F = {num(t['fear'])}",
        f"both get P = {num(t['P'])} although both restraining would give each R = {num(t['R'])}",
        f"once b rises above {num(b_star)}, that is once R exceeds T = {num(t['T'])}",
        f"w above {num(w_star)} (fear ends, the game becomes Chicken)",
        f"d above {num(d_star)} (fear ends)",
        f"o_1 below {num(o_star)} (temptation ends)",
    ]


def claims_03() -> list[str]:
    base = WORLD_BASE
    offenses = sorted({o for o, _ in WORLD_LEVERS.values()}, reverse=True)
    distinguish = sorted({d for _, d in WORLD_LEVERS.values()})
    phrases = [
        f"W = {num(base.stakes)}, b = {num(base.restraint_value)}, c = {num(base.arming_cost)}, "
        f"w = {num(base.race_cost)}, with offense advantage {dec(offenses[0])} (offense dominant) or "
        f"{dec(offenses[1])} (defense dominant) and distinguishability {dec(distinguish[0])} or "
        f"{dec(distinguish[1])}"
    ]
    names = {1: ", doubly dangerous", 4: ", doubly stable"}
    for n, (o, d) in WORLD_LEVERS.items():
        game = jervis_world(n)
        solution = game.solve()
        title = game.class_titles()["row"]
        assert game.class_titles()["column"] == title
        count = num(len(solution.equilibria))
        if len(solution.equilibria) == 1:
            (profile,) = solution.pure_equilibria
            count += {(0, 0): " (both restrain)", (1, 1): " (both arm)"}[profile]
        phrases.append(f"| world {n}{names.get(n, '')} | {dec(o)} | {dec(d)} | {title} | {count} |")
    o_star = {_value("offense_1", 1, "temptation", _world(n)) for n in WORLD_LEVERS}
    assert len(o_star) == 1, "the temptation boundary in o should not depend on d"
    phrases.append(f"Temptation ends when $o$ falls below {num(o_star.pop())}, whatever $d$")
    d_high = _value("distinguishability", 1, "fear", _world(1))
    d_low = _value("distinguishability", 1, "fear", _world(2))
    phrases.append(
        f"{num(d_high)} at offense advantage {dec(WORLD_LEVERS[1][0])} and {num(d_low)} at "
        f"{dec(WORLD_LEVERS[2][0])}"
    )
    no_fear = _value("offense_2", 1, "fear", _world(1).replace(distinguishability=0))
    phrases.append(f"Below offense advantage {num(no_fear)} there is no fear even with d = {num(0)}")
    return phrases


CLAIMS = {
    "00-start-here.ipynb": claims_00,
    "01-security-dilemma-prisoners-dilemma.ipynb": claims_01,
    "03-offense-defense-balance.ipynb": claims_03,
}


# ---------------------------------------------------------------------------
# Quotes, references and labels

QUOTE = re.compile(r"“([^”]+)” \(`([^`]+)`\)")
NUMBER = re.compile(r"\d+(?:[.,/]\d+)*")
CITATION = re.compile(r"\b([A-Z][a-z]+)(?: & [A-Z][a-z]+)? \((\d{4})\)")
LABELS = (
    re.compile(r"`[\w.\-]+\.(?:ipynb|txt|md|py)`"),  # file names
    re.compile(r"\b[Ww]orlds? [1-4]\b"),  # Jervis's four worlds
    re.compile(r"\b[Nn]otebooks? [0-6]\b"),  # the course's notebooks
    re.compile(r"\b[Pp]layer [12]\b"),
    re.compile(r"_\{?[12]\}?"),  # symbol subscripts o_1, a_2
    re.compile(r"\(1 - "),  # the complement in formulas such as (1 - d)
)


def seed_text(source: str) -> str:
    return folded(QUOTE_SOURCES[source].read_text(encoding="utf-8")).casefold()


def split_references(cell: str) -> tuple[str, str]:
    """``(body, references)``: the text before and after a ``## References`` heading."""
    body, _, references = cell.partition("## References")
    return body, references


def bibliography_lines(surname: str) -> list[str]:
    """Entries of the model notes and seeds that name ``surname`` (continuation lines joined)."""
    lines = []
    for path in BIBLIOGRAPHY_SOURCES:
        text = re.sub(r"\n[ \t]+(?=\S)", " ", path.read_text(encoding="utf-8"))
        lines += [line for line in text.splitlines() if surname in line]
    return lines


def unchecked_numbers(name: str) -> list[str]:
    """Numbers left in the markdown after removing every checked phrase (with context)."""
    phrases = CLAIMS[name]()
    leftovers = []
    references = " ".join(split_references(cell)[1] for cell in markdown_cells(name))
    for cell in markdown_cells(name):
        text = folded(split_references(cell)[0])
        text = QUOTE.sub(" ", text)
        for phrase in sorted(phrases, key=len, reverse=True):
            text = text.replace(phrase, " ")
        for match in CITATION.finditer(text):
            if re.search(rf"- {match.group(1)}\b[^\n]*\({match.group(2)}\)", references):
                text = text.replace(match.group(0), " ")
        text = re.sub(r"^#+ (\d+)\.", lambda m: " " if m.group(1) == str(int(name[:2])) else m.group(0), text)
        for label in LABELS:
            text = label.sub(" ", text)
        for match in NUMBER.finditer(text):
            leftovers.append(text[max(0, match.start() - 40) : match.end() + 20])
    return leftovers


NAMES = sorted(CLAIMS)


@pytest.mark.parametrize("name", NAMES)
def test_prose_states_recomputed_values(name):
    text = folded(" ".join(markdown_cells(name)))
    missing = [phrase for phrase in CLAIMS[name]() if phrase not in text]
    assert not missing, f"{name}: the prose does not state these recomputed values: {missing}"


@needs_shared
@pytest.mark.parametrize("name", NAMES)
def test_no_unchecked_number(name):
    leftovers = unchecked_numbers(name)
    assert not leftovers, f"{name}: numbers in the prose that no test checks: {leftovers}"


@needs_shared
@pytest.mark.parametrize("name", NAMES)
def test_seed_quotes_are_verbatim(name):
    quotes = [m.groups() for cell in markdown_cells(name) for m in QUOTE.finditer(folded(cell))]
    assert quotes, f"{name}: no seed quote"
    for quote, source in quotes:
        assert source in QUOTE_SOURCES, f"{name}: unknown quote source {source!r}"
        assert folded(quote).casefold() in seed_text(source), f"{name}: not verbatim in {source}: {quote!r}"


@needs_shared
@pytest.mark.parametrize("name", NAMES)
def test_reference_numbers_match_the_bibliography(name):
    entries = []
    for cell in markdown_cells(name):
        entries += [line[2:] for line in split_references(cell)[1].splitlines() if line.startswith("- ")]
    assert entries, f"{name}: no references"
    for entry in entries:
        surname = entry.split(",")[0].split()[0]
        lines = bibliography_lines(surname)
        assert lines, f"{name}: {surname} is not in the model notes or the seeds"
        known = {n for line in lines for n in NUMBER.findall(line.replace("–", " "))}
        stripped = LABELS[0].sub(" ", entry).replace("–", " ")
        unknown = [n for n in NUMBER.findall(stripped) if n not in known]
        assert not unknown, f"{name}: {entry!r} has numbers not found beside {surname}: {unknown}"


def test_every_notebook_has_claims():
    built = sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
    assert built == NAMES
