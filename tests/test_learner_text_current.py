"""Learner text states the package's one answer: stale sentences cannot come back (issue 19).

A case-year has one game (the first layer with the cited second-layer values), beliefs and
misperception are modelled (the game of beliefs), and where the sources disagree about a
motive both readings are shown. Sentences from before that (that misperception cannot be
modelled, that a strong state can only be tempted, that the model sides with one reading)
are searched for in everything a learner reads: the notebooks' text, the widgets' text and
the command line's output for every case.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from balkangames import cases
from balkangames.cli import main

ROOT = Path(__file__).resolve().parents[1]

STALE = [
    r"misperception\W+(?:\w+\W+){0,3}cannot be modell?ed",
    r"misperception (?:is |are )?not modell?ed",
    r"not modell?ed at all",
    r"can only be tempted,? never afraid",
    r"cannot give serbia fear",
    r"sides with luli",
    r"not set by the case data",
    r"every state is modell?ed as a security seeker",
    r"kfor 4/5",
    r"\bthe seeds\b|\bin the seeds\b",  # learners read author–year sources, never the project's seed files
]


def stale_in(text: str) -> list[str]:
    folded = re.sub(r"\s+", " ", text).casefold()
    return [pattern for pattern in STALE if re.search(pattern, folded)]


def test_the_check_can_fail():
    assert stale_in("Misperception cannot be\n modelled here.") == [STALE[0]]
    assert stale_in("a strong state can only be tempted, never afraid") == [STALE[3]]
    assert stale_in("Misperception is what the game of beliefs adds.") == []


@pytest.mark.parametrize(
    "path", sorted([*(ROOT / "notebooks").glob("*.md"), *(ROOT / "exercises").rglob("*.md")]),
    ids=lambda p: p.name,
)
def test_notebook_text_is_current(path):
    assert stale_in(path.read_text(encoding="utf-8")) == [], path.name


def test_case_descriptions_are_current():
    for case_id in cases.list_cases():
        assert stale_in(cases.load(case_id).description) == [], case_id


def test_cli_output_is_current(capsys):
    for case_id in cases.list_cases():
        case = cases.load(case_id)
        for year in sorted({case.first_year, case.default_year}):
            assert main(["show", case_id, "--year", str(year)]) == 0
            out = capsys.readouterr().out
            assert stale_in(out) == [], (case_id, year)
        assert main(["timeline", case_id]) == 0
        assert main(["sensitivity", case_id]) == 0
        assert stale_in(capsys.readouterr().out) == [], case_id


def test_widget_text_is_current():
    from balkangames.widgets import alliance_explorer, misperception_explorer

    for case_id in ("serbia-kosovo", "serbia-bosnia"):
        assert stale_in(alliance_explorer(case_id).summary_text()) == [], case_id
        assert stale_in(misperception_explorer(case_id).summary_text()) == [], case_id
