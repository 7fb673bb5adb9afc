"""Rich display in JupyterLab: games, solutions, cases, thresholds and timelines show themselves.

The ``_repr_html_``/``_repr_latex_`` methods of :class:`~balkangames.game.Game`,
:class:`~balkangames.solver.Solution`, :class:`~balkangames.cases.case.Case` and
:class:`~balkangames.thresholds.Threshold` render here, through the core's display hook
(:mod:`balkangames._rich`: the functions below register themselves by name), so a
notebook cell that ends with ``game`` shows the bimatrix with best responses marked and equilibria highlighted instead
of a print loop. This module is a view: it reads those objects and never changes them.

Every exact fraction is shown with a decimal beside it (``158/383 ≈ 0.413``), symbols are
written as a learner reads them (a₂, not ``guarantee_2``), and sources by author–year.
"""

from __future__ import annotations

import html
import re
from fractions import Fraction
from functools import lru_cache

from .. import model as payoff_model  # SYMBOLS is made on first use (sympy)
from .._rich import register
from ..cases import list_cases, load, load_catalog
from ..cases.provenance import learner_citation
from ..classify import CLASS_TITLES
from ..formatting import number_text, with_decimals
from ..params import PARAMETERS, SecurityParams
from .text import solution_lines

#: The eight Okabe–Ito colours by name, safe for the common colour-vision deficiencies
#: (Okabe, M. & Ito, K. (2008) "Color Universal Design"); the widgets' palette is built on them.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}
#: Row player's and column player's colours, and the background of a Nash-equilibrium cell.
ROW_COLOUR, COLUMN_COLOUR, EQUILIBRIUM_COLOUR = OKABE_ITO["blue"], OKABE_ITO["vermillion"], OKABE_ITO["yellow"]
#: Smallest text anywhere in these views, in px (legible on a laptop and a projector).
MIN_FONT_PX = 13


def player_names(players) -> tuple[str, str]:
    """Display names for player ids: ``"north-macedonia"`` -> ``"North Macedonia"``.

    >>> player_names(("serbia", "Bosnia and Herzegovina"))
    ('Serbia', 'Bosnia and Herzegovina')
    """
    def title(player: str) -> str:
        text = str(player)
        if text != text.lower():
            return text
        return " ".join(part.capitalize() for part in text.replace("_", " ").replace("-", " ").split())

    return tuple(title(p) for p in players)


def _box(body: str, title: str | None = None) -> str:
    heading = f"<div style='font-weight:bold;font-size:15px;margin-bottom:4px'>{html.escape(title)}</div>" if title else ""
    return (f"<div class='balkangames-display' style='font-size:{MIN_FONT_PX + 1}px;line-height:1.45'>"
            f"{heading}{body}</div>")


def _lines(lines) -> str:
    return "".join(f"<div>{html.escape(line)}</div>" for line in lines)


# ---------------------------------------------------------------------------
# Games and solutions


def best_response_cells(game) -> tuple[set, set]:
    """The game's pure best responses as ``(row_best, column_best)`` cells
    (see :func:`balkangames.analysis.best_response_cells`)."""
    return game.best_response_cells()


#: The marker written after a payoff that is a best response to the other's action.
BEST_RESPONSE_MARK = "*"


def _payoff_html(value, best: bool, colour: str) -> str:
    value = Fraction(value)
    exact = html.escape(number_text(value).split(" ")[0])
    text = f"<u><b>{exact}</b></u>{BEST_RESPONSE_MARK}" if best else exact
    decimal_part = number_text(value).partition(" ")[2]  # "≈ 0.413", or "= 0.25" when exact
    small = "" if value.denominator == 1 else f" <span style='font-size:{MIN_FONT_PX}px;white-space:nowrap'>({decimal_part})</span>"
    return f"<span style='color:{colour}'>{text}{small}</span>"


def payoff_table_html(game, solution=None, names=None) -> str:
    """The payoff matrix as an HTML table.

    Each cell shows the row player's payoff above the column player's, exactly, a fraction with
    its decimal (stacked, so the table stays narrow enough to sit beside a plot). A payoff
    that is the player's best response to the other's action is underlined, bold and followed
    by ``*``; a cell that is a pure Nash equilibrium has a yellow background and the words
    "Nash equilibrium". A caption explains both, so nothing is said by colour alone.

    Args:
        game: a :class:`balkangames.game.Game`.
        solution: its :class:`~balkangames.solver.Solution` (``game.solve()`` when omitted).
        names: display names of the two players (default: from the game's player ids).

    >>> from balkangames import prisoners_dilemma
    >>> "Nash equilibrium" in payoff_table_html(prisoners_dilemma())
    True
    """
    solution = game.solve() if solution is None else solution
    names = names or player_names(game.players)
    row_name, column_name = (html.escape(n) for n in names)
    row_best, column_best = best_response_cells(game)
    equilibria = set(solution.pure_equilibria)
    rows, cols = game.shape
    cell_style = "border:1px solid #444;padding:4px 10px;text-align:center;"
    head_style = cell_style + "background:#f4f4f4;font-weight:bold;"
    parts = [
        "<table class='balkangames-payoffs' style='border-collapse:collapse;font-size:15px'>",
        f"<caption style='caption-side:bottom;font-size:{MIN_FONT_PX}px;line-height:1.4;padding-top:4px;"
        f"text-align:left'>Each cell: <span style='color:{ROW_COLOUR}'>{row_name}'s payoff</span> above "
        f"<span style='color:{COLUMN_COLOUR}'>{column_name}'s payoff</span>. "
        f"<u><b>Underlined{BEST_RESPONSE_MARK}</b></u> = best response to the other's action; "
        f"<span style='background:{EQUILIBRIUM_COLOUR}'>highlighted cells</span> are pure Nash "
        "equilibria (also labelled).</caption>",
        f"<tr><th style='{head_style}'>{row_name} \\ {column_name}</th>",
    ]
    parts += [f"<th style='{head_style}'>{html.escape(a)}</th>" for a in game.actions[1]]
    parts.append("</tr>")
    for i in range(rows):
        parts.append(f"<tr><th style='{head_style}'>{html.escape(game.actions[0][i])}</th>")
        for j in range(cols):
            row_text = _payoff_html(game.A[i][j], (i, j) in row_best, ROW_COLOUR)
            column_text = _payoff_html(game.B[i][j], (i, j) in column_best, COLUMN_COLOUR)
            if (i, j) in equilibria:
                style = cell_style + f"background:{EQUILIBRIUM_COLOUR};"
                label = f"<div style='font-size:{MIN_FONT_PX}px;font-weight:bold'>Nash equilibrium</div>"
                marker = " data-equilibrium='yes'"
            else:
                style, label, marker = cell_style, "", ""
            parts.append(f"<td style='{style}' data-cell='{i},{j}'{marker}>{row_text}<br>{column_text}{label}</td>")
        parts.append("</tr>")
    parts.append("</table>")
    return "".join(parts)


def equilibrium_lines(solution, names=("row", "column"), actions=None) -> list[str]:
    """The exact equilibria in words, each fraction with its decimal.

    >>> from balkangames import stag_hunt
    >>> equilibrium_lines(stag_hunt().solve())[-1]
    '3. row restrains with probability 1/2 = 0.5; column restrains with probability 1/2 = 0.5 (payoffs 2, 2)'
    """
    return [with_decimals(line.strip()) for line in solution_lines(solution, tuple(names), actions)]


@register("solution_html")
def solution_html(solution, names=("row", "column"), actions=None) -> str:
    """A solution's equilibria as an HTML block (see :func:`equilibrium_lines`)."""
    lines = equilibrium_lines(solution, names, actions)
    return _box(_lines(lines[1:]), lines[0])


@register("game_html")
def game_html(game) -> str:
    """A game: its name, each player's class, the payoff table and the exact equilibria."""
    names = player_names(game.players)
    solution = game.solve()
    parts = []
    if game.shape == (2, 2):
        parts.append(_lines(f"{name}: {title}" for name, title in zip(names, game.class_titles().values())))
    parts.append(f"<div style='margin:6px 0'>{payoff_table_html(game, solution, names)}</div>")
    lines = equilibrium_lines(solution, names, game.actions)
    parts.append(f"<div style='font-weight:bold'>{html.escape(lines[0])}</div>{_lines(lines[1:])}")
    return _box("".join(parts), game.name or f"{names[0]} vs {names[1]}")


# ---------------------------------------------------------------------------
# Cases, thresholds and timelines


def learner_symbol(parameter: str) -> str:
    """The symbol a learner reads for a parameter: ``guarantee_2`` -> ``a₂``.

    >>> learner_symbol("guarantee_2"), learner_symbol("distinguishability")
    ('a₂', 'd')
    """
    return PARAMETERS[parameter].unicode


def learner_sentence(text: str) -> str:
    """A package sentence for a learner: code names such as ``guarantee_2 (a_2)`` become ``a₂``,
    and fractions get their decimals.

    >>> learner_sentence("Kosovo's fear ends once guarantee_2 (a_2) rises above 3/8.")
    "Kosovo's fear ends once a₂ rises above 3/8 = 0.375."
    """
    for name, info in PARAMETERS.items():
        text = text.replace(f"{name} ({info.symbol})", learner_symbol(name))
        text = re.sub(rf"\b{name}\b", learner_symbol(name), text)
    return with_decimals(text)


def learner_note(text: str) -> str:
    """A source note as a learner reads it: the data's remarks about the seed files become
    remarks about the course's sources ("Not in the seeds." is dropped: the public source it
    follows is named).

    >>> learner_note("Albania joined in 1994. Not in the seeds.")
    'Albania joined in 1994.'
    >>> learner_note("The year is not in the seeds; the thesis says so.")
    "The year is not in the course's sources; the thesis says so."
    >>> learner_note("No seed reports serbia protesting; a seed says kosovo distrusts serbia's motives.")
    "No source reports Serbia protesting; a source says Kosovo distrusts Serbia's motives."
    """
    text = re.sub(r"\s*Not in the seeds\.", "", text)
    text = re.sub(r"\bthe seeds\b", "the course's sources", text)
    text = re.sub(r"\bThe seeds\b", "The course's sources", text)
    text = re.sub(r"\bseed statement\b", "statement in the sources", text)
    text = re.sub(r"\b([Aa]|[Nn]o) seed\b", r"\1 source", text)
    for actor_id, name in _actor_names().items():  # "serbia's population" -> "Serbia's population"
        text = re.sub(rf"(?<![\w-]){re.escape(actor_id)}(?![\w-])", name, text)
    return text.strip()


@lru_cache(maxsize=1)
def _actor_names() -> dict[str, str]:
    """Each actor's id with its name, where they differ (``north-macedonia`` -> ``North Macedonia``)."""
    return {actor.id: actor.name for actor in load_catalog().actors.values() if actor.id != actor.name}


def learner_words(text: str) -> str:
    """Data text as a learner reads it: case titles for case ids, class titles for class ids,
    symbols for parameter names, and source remarks as :func:`learner_note` gives them.

    >>> learner_words("serbia-kosovo: stag-hunt where guarantee_2 is low. Not in the seeds.")
    'Serbia and Kosovo: Stag Hunt where a₂ is low.'
    """
    for name, title in CLASS_TITLES.items():
        text = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", title, text)
    for case_id in list_cases():
        text = re.sub(rf"(?<![\w-]){re.escape(case_id)}(?![\w-])", load(case_id).title, text)
    return learner_note(learner_sentence(text))


def _typical_values() -> dict:
    """Each parameter's symbol at its default value: where a factor's sign is read."""
    symbols = payoff_model.SYMBOLS
    return {symbols[name]: value for name, value in SecurityParams().flat().items() if name in symbols}


def readable_form(expression):
    """``(whole, sign, numerator, denominator)`` with ``expression == whole + sign·numerator/denominator``.

    The form a learner reads: the denominator's factors are turned positive for parameters in
    their ranges (``W o₁ (1 − d)``, not ``W o₁ (d − 1)``), a whole number is split off when the
    numerator contains the denominator (``1 − …`` rather than ``(W o₁ − …)/(W o₁)``), and the
    numerator keeps more plus signs than minus signs.
    """
    import sympy  # heavy: loaded when a threshold is first shown


    typical = _typical_values()
    numerator, denominator = sympy.fraction(sympy.factor(sympy.together(expression)))
    coefficient, factors = sympy.factor_list(denominator)
    positive = []
    sign = 1 if coefficient > 0 else -1
    for factor, power in factors:
        at = factor.subs(typical)
        if at.is_number and at < 0:
            factor = -factor
            sign *= (-1) ** power
        positive.append(factor ** power)
    denominator = sympy.Mul(abs(coefficient), *positive)
    numerator = sympy.expand(sign * numerator)
    whole = 0
    expanded = sympy.expand(denominator)
    if expanded.free_symbols:
        lead = sympy.Poly(expanded, *sorted(expanded.free_symbols, key=str)).terms()[0]
        monomial = sympy.Mul(*(g ** e for g, e in zip(sorted(expanded.free_symbols, key=str), lead[0])))
        ratio = sympy.expand(numerator).coeff(monomial) / lead[1] if monomial != 1 else 0
        if ratio and ratio.is_number:
            rest = sympy.expand(numerator - ratio * expanded)
            if len(sympy.Add.make_args(rest)) < len(sympy.Add.make_args(numerator)):
                whole, numerator = ratio, rest
    terms = sympy.Add.make_args(numerator)
    negatives = sum(1 for term in terms if term.could_extract_minus_sign())
    outer = 1
    if numerator != 0 and negatives * 2 > len(terms):
        outer, numerator = -1, sympy.expand(-numerator)
    return whole, outer, numerator, denominator


def _signed_terms(numerator, typical) -> list[tuple[int, object]]:
    """The numerator's terms as ``(sign, positive term)``; the terms with the stakes W (a
    product such as ``W o₂ (1 − a₁)(1 − d)``) grouped and factored, each factor positive."""
    import sympy  # heavy: loaded when a threshold is first shown


    stakes = payoff_model.SYMBOLS["stakes"]
    terms = list(sympy.Add.make_args(numerator))
    grouped = [t for t in terms if stakes in t.free_symbols]
    signed = []
    if len(grouped) >= 2:
        coefficient, factors = sympy.factor_list(sympy.Add(*grouped))
        sign = 1 if coefficient > 0 else -1
        parts = []
        for factor, power in factors:
            at = factor.subs(typical)
            if at.is_number and at < 0:
                factor, sign = -factor, sign * (-1) ** power
            parts.append(factor ** power)
        if len(parts) > 1 or abs(coefficient) != 1:
            signed.append((sign, sympy.Mul(abs(coefficient), *parts, evaluate=False) if abs(coefficient) != 1
                           else sympy.Mul(*parts, evaluate=False)))
            terms = [t for t in terms if t not in grouped]
    for term in terms:
        negative = term.could_extract_minus_sign()
        signed.append((-1 if negative else 1, -term if negative else term))
    return sorted(signed, key=lambda item: -item[0])  # plus signs first, in sympy's order


@lru_cache(maxsize=512)
def readable_latex(expression) -> str:
    """``expression`` as LaTeX in :func:`readable_form`: ``1 - \\frac{c + w}{W o_{1} \\left(1 - d\\right)}``."""
    import sympy  # heavy: loaded when a threshold is first shown


    typical = _typical_values()
    whole, sign, numerator, denominator = readable_form(expression)
    if numerator == 0:
        return sympy.latex(whole)
    if denominator == 1 and whole == 0 and sign < 0:  # a sum: no need for -( ... )
        numerator, sign = sympy.expand(-numerator), 1
    signed = _signed_terms(numerator, typical)
    top = " ".join(
        (("+ " if plus > 0 else "- ") if k else ("" if plus > 0 else "- ")) + sympy.latex(term)
        for k, (plus, term) in enumerate(signed)
    )
    fraction = top if denominator == 1 else f"\\frac{{{top}}}{{{sympy.latex(denominator)}}}"
    if whole == 0:
        return fraction if sign > 0 else f"-{fraction}"
    joined = fraction if denominator != 1 or len(signed) == 1 else f"\\left({fraction}\\right)"
    return f"{sympy.latex(whole)} {'+' if sign > 0 else '-'} {joined}"


def threshold_formula(threshold, relation: str = "=") -> str:
    """A threshold's formula for a learner (LaTeX): simplified, the denominator positive.

    >>> from balkangames.thresholds import threshold
    >>> threshold_formula(threshold("guarantee_2", player=2, boundary="fear"))
    'a_{2} = 1 - \\\\frac{c + w + k m - r_{2}}{W o_{1} \\\\left(1 - d\\\\right)}'
    """
    import sympy  # heavy: loaded when a threshold is first shown

    if threshold.expression is None:
        return ""
    return f"{sympy.latex(threshold.symbol)} {relation} {readable_latex(shown_expression(threshold))}"


def shown_expression(threshold):
    """The expression a learner reads: the base model's, or the full one where the base model
    leaves it undefined (a motive threshold divides by the motive weight μ, 0 in the base)."""
    import sympy  # heavy: loaded when a threshold is first shown

    base = threshold.base_expression
    return threshold.expression if base.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) else base


def threshold_relation(threshold, params) -> str:
    """``">"`` when the boundary is crossed as the parameter rises above the threshold (fear
    ends once a₂ rises above it), ``"<"`` when it is crossed falling below, ``"="`` when the
    threshold lies outside the parameter's range or does not move the boundary at ``params``."""
    value = threshold.value(params)
    info = PARAMETERS[threshold.parameter]
    if value is None or (info.low is not None and value < info.low) or (info.high is not None and value > info.high):
        return "="
    slope = threshold.slope(params)
    return "=" if slope == 0 else (">" if slope < 0 else "<")


@register("threshold_latex")
def threshold_latex(threshold) -> str:
    """A threshold as display-size LaTeX (``$$a_{2} = …$$``), empty when there is none."""
    formula = threshold_formula(threshold)
    return f"$$\\displaystyle {formula}$$" if formula else ""


@register("threshold_html")
def threshold_html(threshold) -> str:
    """A threshold: which boundary it is and its formula in display LaTeX (MathJax renders it)."""
    info = PARAMETERS[threshold.parameter]
    title = (f"Threshold of {learner_symbol(threshold.parameter)} ({info.description}) "
             f"for player {threshold.player}'s {threshold.boundary}")
    formula = threshold_latex(threshold) or "<div>This boundary does not depend on the parameter.</div>"
    return _box(f"<div style='font-size:18px'>{formula}</div>", title)


@register("case_html")
def case_html(case, year=None) -> str:
    """A case: its players and years, then each parameter with its value and its sources
    (author–year and a short quote, or the labelled modelling assumption)."""
    year = case.default_year if year is None else year
    names = player_names(case.players)
    rows = []
    for parameter in case.parameters(year):
        info = PARAMETERS[parameter.name]
        sources = [html.escape(learner_note(learner_citation(c))) for c in parameter.citations]
        sources += [f"<i>Modelling assumption:</i> {html.escape(learner_note(learner_sentence(a.text)))}"
                    for a in parameter.assumptions]
        rows.append(
            f"<tr><td style='padding:3px 8px;white-space:nowrap'>{html.escape(learner_symbol(parameter.name))}</td>"
            f"<td style='padding:3px 8px;text-align:left'>{html.escape(info.words(names))}</td>"
            f"<td style='padding:3px 8px;white-space:nowrap'>{html.escape(number_text(parameter.value))}</td>"
            f"<td style='padding:3px 8px;text-align:left'>{'<br>'.join(sources)}</td></tr>"
        )
    head = "".join(f"<th style='padding:3px 8px;text-align:left'>{h}</th>"
                   for h in ("symbol", "meaning", f"value in {year}", "source"))
    body = (f"<div>{html.escape(case.description)}</div>"
            f"<div>Players: {html.escape(names[0])} (row) and {html.escape(names[1])} (column); "
            f"years {case.first_year}–{case.last_year}.</div>"
            f"<table style='border-collapse:collapse;margin-top:6px'><tr>{head}</tr>{''.join(rows)}</table>")
    return _box(body, f"{case.title} ({year})")


def timeline_html(case, members=None) -> str:
    """Every dated event of a case with its source, and the game's classes and equilibria then."""
    names = player_names(case.players)
    rows = []
    for entry in case.timeline(members):
        classes = "; ".join(f"{n}: {t}" for n, t in zip(names, entry.game.class_titles().values()))
        sources = "<br>".join(html.escape(learner_note(learner_citation(c))) for c in entry.event.citations)
        rows.append(
            f"<tr><td style='padding:3px 8px;white-space:nowrap;vertical-align:top'>{html.escape(entry.date)}</td>"
            f"<td style='padding:3px 8px;vertical-align:top;text-align:left'>{html.escape(entry.event.title)}"
            f"<div style='color:#444;font-size:{MIN_FONT_PX}px'>{sources}</div></td>"
            f"<td style='padding:3px 8px;vertical-align:top;text-align:left'>{html.escape(classes)}</td>"
            f"<td style='padding:3px 8px;vertical-align:top'>{len(entry.equilibria)}</td></tr>"
        )
    head = "".join(f"<th style='padding:3px 8px;text-align:left'>{h}</th>"
                   for h in ("date", "event and source", "classes", "equilibria"))
    table = f"<table style='border-collapse:collapse'><tr>{head}</tr>{''.join(rows)}</table>"
    return _box(table, f"{case.title}: timeline {case.first_year}–{case.last_year}")


class Timeline:
    """A case's timeline that displays itself in JupyterLab (see :func:`timeline_html`).

    Attributes:
        case: the :class:`~balkangames.cases.case.Case`.
        members: counterfactual memberships, as for :meth:`~balkangames.cases.case.Case.timeline`.
    """

    def __init__(self, case, members=None):
        self.case = case
        self.members = members

    def __repr__(self) -> str:
        return f"<Timeline {self.case.id}: {len(self.case.events())} events>"

    def _repr_html_(self) -> str:
        return timeline_html(self.case, self.members)


def timeline(case, members=None) -> Timeline:
    """The timeline of ``case`` (a :class:`~balkangames.cases.case.Case` or its id), ready to display.

    >>> timeline("serbia-croatia")
    <Timeline serbia-croatia: ... events>
    """
    if isinstance(case, str):
        case = load(case)
    return Timeline(case, members)
