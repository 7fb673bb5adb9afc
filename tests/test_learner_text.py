"""No code identifier reaches a learner: every text an explorer shows (titles, notes, control
labels, tooltips and options, tables, results, plots' texts) and the notebooks' prose are
searched for the parameter table's names (``offense_2``, ``guarantee_1`` ...), case ids and
developer words.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import ipywidgets as widgets
import jupytext
import pytest
from matplotlib.text import Text

from balkangames import cases
from balkangames.params import PARAMETERS
from balkangames.widgets import EXPLORERS
from balkangames.widgets.render import FigureView

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
#: Code names a learner must never read: the parameter table's names written as code.
IDENTIFIERS = sorted((name for name in PARAMETERS if "_" in name), key=len, reverse=True)
#: Developer words: remarks about the seed files ("Not in the seeds."), arrows and class ids.
DEVELOPER_WORDS = ("Not in the seeds", "the seeds give", "->", "prisoners-dilemma", "stag-hunt")


def offenders(text: str) -> list[str]:
    found = [name for name in IDENTIFIERS if re.search(rf"(?<![\w`]){re.escape(name)}(?![\w`])", text)]
    found += [word for word in DEVELOPER_WORDS if word.casefold() in text.casefold()]
    found += [case_id for case_id in cases.list_cases() if re.search(rf"(?<![\w/.-]){case_id}(?![\w/.-])", text)]
    return found


def widget_texts(widget) -> list[str]:
    """Every text ``widget`` and its children show (HTML as its visible text)."""
    texts = []
    shows_value = isinstance(widget, (widgets.HTML, widgets.HTMLMath, widgets.Label))  # a dropdown shows labels
    for attribute in ("value", "description", "tooltip", "placeholder"):
        value = getattr(widget, attribute, None)
        if isinstance(value, str) and (attribute != "value" or shows_value):
            if attribute == "value":
                value = html.unescape(re.sub(r"<[^>]+>", " ", value))
            texts.append(value)
    for label in getattr(widget, "_options_labels", ()) or ():
        texts.append(str(label))
    for child in getattr(widget, "children", ()) or ():
        texts += widget_texts(child)
    return texts


def figure_texts(explorer) -> list[str]:
    texts = []
    for view in (v for v in vars(explorer).values() if isinstance(v, FigureView)):
        for text in view.figure.findobj(Text):
            if text.get_visible() and text.get_text().strip():
                texts.append(text.get_text())
    return texts


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_explorers_show_no_code_identifier(name):
    explorer = EXPLORERS[name]()
    problems = set()
    states = [None]
    if name == "alliance":
        states = list(explorer.case_ids)
    for state in states:
        if state is not None:
            explorer.controls["case"].value = state
        for text in [*widget_texts(explorer), *figure_texts(explorer)]:
            for word in offenders(text):
                problems.add(f"{name}: {word!r} in {text[:160]!r}")
    assert not problems, "\n".join(sorted(problems))


def test_sensitivity_views_show_no_code_identifier():
    from balkangames.widgets.sensitivity import knife_edge_html, tornado_figure

    problems = set()
    for case_id in cases.list_cases():
        report = cases.load(case_id).sensitivity()
        texts = [t.get_text() for t in tornado_figure(report).findobj(Text) if t.get_text().strip()]
        texts.append(html.unescape(re.sub(r"<[^>]+>", " ", knife_edge_html(report))))
        for text in texts:
            for word in offenders(text):
                problems.add(f"{case_id}: {word!r} in {text[:160]!r}")
    assert not problems, "\n".join(sorted(problems))


def test_the_landing_page_and_the_lecture_view_show_no_code_identifier_in_prose():
    """The prose (Markdown cells) of the notebooks this area owns; code stays code."""
    problems = []
    for name in ("00-start-here.md", "present-alliances.md"):
        for cell in jupytext.read(NOTEBOOKS / name).cells:
            if cell.cell_type == "markdown":
                prose = re.sub(r"`[^`]*`|\]\([^)]*\)", "", cell.source)  # inline code and link targets
                problems += [f"{name}: {word!r}" for word in offenders(prose)]
    assert not problems, "\n".join(problems)


def test_a_moved_control_that_leaves_the_equilibrium_says_so():
    from balkangames.widgets import dilemma_explorer, fait_accompli_explorer

    explorer = dilemma_explorer()
    assert "Still" not in explorer.text.value  # nothing moved yet
    stakes = explorer.controls["stakes"]
    stakes.value = stakes.value + 0.000000000000002  # the browser echoing a float: not a move
    assert not explorer.unchanged and "Still" not in explorer.text.value
    stakes.value = stakes.value + 1  # a lever step inside the Prisoner's Dilemma region
    assert explorer.unchanged
    assert "Still a Prisoner&#x27;s Dilemma: the payoffs moved, the equilibrium did not." in explorer.text.value
    explorer.controls["restraint_value"].value = 9  # far enough to change the game
    assert not explorer.unchanged and "Still" not in explorer.text.value

    sequential = fait_accompli_explorer()
    sequential.controls["h"].value = sequential.controls["h"].value + 0.5
    if sequential.unchanged:  # a sequential game has no arm/restrain class to repeat
        assert "Still" not in sequential.text.value and "The same equilibri" in sequential.text.value
