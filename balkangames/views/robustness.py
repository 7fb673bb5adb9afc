"""The robustness report as a learner reads it: symbols and words, robust or contingent.

:func:`report_html` renders a :class:`~balkangames.cases.robustness.Report` (the report's
``_repr_html_`` asks for it through the display hook, :mod:`balkangames._rich`); :func:`report_rows` gives the same rows as text, so a test
reads what a student sees. :func:`agreement_html` renders the honest count of the
findings table (:func:`balkangames.cases.agreement.honest_count`).
"""

from __future__ import annotations

import html
from fractions import Fraction

from .._rich import register
from ..cases.robustness import symbol
from ..classify import CLASS_TITLES
from ..params import PARAMETERS
from .html import learner_words, player_names


def _name(player: str) -> str:
    return player_names((player,))[0]


_STATUS_COLOURS = {"robust": "#009E73", "contingent": "#D55E00"}  # Okabe–Ito green, vermillion


def meaning(name: str, players=("player 1", "player 2")) -> str:
    """What a parameter or prior means, with the players' names."""
    first, second = player_names(players)
    if name.startswith("prior_"):
        i = int(name[-1]) - 1
        me, rival = (first, second) if i == 0 else (second, first)
        return f"{me}'s belief that {rival} is a security seeker"
    text = PARAMETERS[name].description
    return text.replace("player 1", first).replace("player 2", second)


def value_text(kind: str, value: str) -> str:
    """A result's value in words (a class by its title, a sign as "+"/"−")."""
    if kind == "class":
        return CLASS_TITLES.get(value, value)
    if kind == "spiral":
        return {"yes": "spiral", "no": "no spiral"}[value]
    return value.replace("-", "−") if kind == "finding" else value


def _number(x: Fraction) -> str:
    return str(x).replace("-", "−")


def what_text(result, players) -> str:
    """What a result is about, in words."""
    who = _name(result.player) if result.player else ""
    return {
        "class": f"{who}'s class",
        "equilibria": "the equilibria",
        "spiral": "two security seekers arm (the spiral)",
        "finding": f"{who}'s {result.column} (the 2022 thesis: {(result.thesis or '').replace('-', '−')})",
    }[result.kind]


def decided_words(result, players) -> str:
    """What decides a contingent result, in symbols: ``a_2 flips it at 3/4``."""
    if result.robust:
        return "holds over every range"
    alone = [f for f in result.decided_by if f.flips_at is not None]
    if alone:
        return "; ".join(f"{symbol(f.name)} flips it at {_number(f.flips_at)}" for f in alone)
    names = ", ".join(symbol(f.name) for f in result.decided_by)
    return f"only {names} moving together change it"


def report_rows(report) -> list[tuple[str, str, str, str]]:
    """``(what, value, status, what decides it)`` per result, as the table shows them."""
    return [
        (what_text(r, report.players), value_text(r.kind, r.value), r.status, decided_words(r, report.players))
        for r in report.results
    ]


def range_rows(report) -> list[tuple[str, str, str, str, str]]:
    """``(symbol, meaning, value, range, why)`` per assumed size."""
    return [
        (symbol(r.name), meaning(r.name, report.players), _number(r.value),
         f"[{_number(r.low)}, {_number(r.high)}]", r.why)
        for r in report.ranges
    ]


def _table(header, rows, status_column=None) -> str:
    head = "".join(f"<th style='text-align:left;padding:2px 8px'>{html.escape(h)}</th>" for h in header)
    body = []
    for row in rows:
        cells = []
        for k, cell in enumerate(row):
            style = "padding:2px 8px;vertical-align:top"
            if k == status_column:
                style += f";color:{_STATUS_COLOURS.get(cell, 'inherit')};font-weight:bold"
            cells.append(f"<td style='{style}'>{html.escape(learner_words(cell))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table style='border-collapse:collapse'><tr>{head}</tr>{''.join(body)}</table>"


@register("robustness_report_html")
def report_html(report) -> str:
    """The report: each result robust or contingent, then the ranges it is decided over."""
    first, second = player_names(report.players)
    counts = report.counts
    return (
        f"<div><p><b>{html.escape(first)} and {html.escape(second)}, {report.year}</b>: "
        f"{counts['robust']} results robust, {counts['contingent']} contingent over the plausible "
        "ranges of every assumed size (decided exactly at the corners of the box of ranges, "
        "not by sampling).</p>"
        + _table(("result", "value", "status", "what decides it"), report_rows(report), status_column=2)
        + "<p>Assumed sizes and their plausible ranges:</p>"
        + _table(("symbol", "meaning", "value", "range", "why this range"), range_rows(report))
        + "</div>"
    )


@register("honest_count_html")
def agreement_html(count) -> str:
    """The honest count of the findings table, cell by cell."""
    rows = [
        (_name(c.country), c.column, c.thesis.replace("-", "−"), c.model.replace("-", "−"), c.verdict)
        for c in count.cells
    ]
    return (
        f"<div><p>{html.escape(learner_words(count.summary()))}</p>"
        + _table(("country", "column", "the 2022 thesis", "model", "verdict"), rows)
        + "</div>"
    )
