"""Views of which assumption carries a result, and of where the model meets its sources.

* :func:`tornado_figure` (a matplotlib figure) and :func:`tornado_chart` (the same as a
  notebook image): each parameter's margin to its nearest flip (tornado style, the
  nearest knife-edge on top), from :meth:`balkangames.cases.Case.sensitivity`;
* :func:`knife_edge_html`: the same in words;
* :func:`agreement_table_html`: the table of :mod:`balkangames.cases.agreement`
  (what the source says, what the model gives, agree or diverge, and why).

Data flow one way: these functions only draw what the cases layer computed.
"""

from __future__ import annotations

import html
import io
from fractions import Fraction

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from .. import cases
from ..formatting import with_decimals
from ..params import LAYER_TWO
from ..views import MIN_FONT_PX, learner_symbol
from ..views.html import learner_words
from .figures import wrap_to_width
from .palette import OKABE_ITO
from .text import flip_words, one_minus, parameter_label, player_title

#: Parameters whose margin is at most this are called knife-edges in the text.
KNIFE_EDGE = Fraction(1, 10)

_VERDICT_COLOURS = {"agrees": "#e8f4ea", "diverges": "#fbe9e7"}


def _report_names(report) -> tuple[tuple[str, str], str]:
    """The players' display names and the case's title for a sensitivity report."""

    actors = cases.actors()
    names = tuple(actors[p].name if p in actors else player_title(p) for p in report.players)
    try:
        title = cases.load(report.case).title
    except ValueError:  # a report built from bare parameters has no case
        title = report.case or " and ".join(names)
    return names, title


def tornado_figure(report, top: int = 10, knife_edge=KNIFE_EDGE, layer_two: bool = False) -> Figure:
    """A horizontal bar per parameter that can flip the result: its margin (log scale).

    Bars are labelled with the parameter's symbol and meaning (``a₂: alliance guarantee
    covering Kosovo``); a legend says what each colour means.

    Args:
        report: a :class:`~balkangames.cases.sensitivity.Sensitivity`.
        top: how many parameters to show, nearest knife-edge first.
        knife_edge: margins at or below it are drawn in the warning colour.
        layer_two: also show the second layer's parameters (motives, kin stakes,
            provoking alliances), which the case data leave off.

    Raises:
        ValueError: ``top`` is not a positive integer, or no parameter can flip the result.
    """

    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise ValueError(f"top must be a positive integer, got {top!r}")
    entries = [e for e in report.by_margin() if layer_two or e.name not in LAYER_TWO][:top]
    names, title = _report_names(report)
    if not entries:
        raise ValueError(f"no parameter changes the result of {title} in {report.year}")
    row_height = 0.5  # inches: two lines of label
    height = row_height * len(entries) + 1.9
    figure = Figure(figsize=(8.4, height), dpi=96)
    FigureCanvasAgg(figure)
    left, right = 0.4, 0.97  # the labels' column, then the bars
    bottom, top_margin = 1.15 / height, 0.45 / height
    axes = figure.add_axes((left, bottom, right - left, 1 - bottom - top_margin))
    font = MIN_FONT_PX * 72 / figure.dpi
    # A margin of 0 (a knife-edge exactly) cannot sit on a log axis: draw it at a floor.
    floor = min((e.margin for e in entries if e.margin), default=Fraction(1)) / 4
    lengths = [float(e.margin or floor) for e in entries]
    colours = [OKABE_ITO["vermillion"] if e.margin <= knife_edge else OKABE_ITO["blue"] for e in entries]
    rows = range(len(entries))[::-1]
    axes.barh(list(rows), lengths, color=colours, height=0.6)
    axes.set_xscale("log")
    renderer = figure.canvas.get_renderer()
    probe = figure.text(0, 0, "", fontsize=font)

    def measure(text):
        probe.set_text(text)
        return probe.get_window_extent(renderer).width

    room = left * figure.get_figwidth() * figure.dpi - 16
    labels = [wrap_to_width(parameter_label(e.name, names), room, measure) for e in entries]
    probe.remove()
    axes.set_yticks(list(rows), labels, fontsize=font)
    for row, entry, length in zip(rows, entries, lengths):
        axes.text(length, row, f"  {str(entry.margin).replace('-', '−')}", va="center", fontsize=font)
    axes.set_xlim(min(lengths) / 2, max(lengths) * 12)
    axes.set_xlabel("distance from the case's value to the nearest flip (log scale)", fontsize=font)
    figure.text(0.01, 1 - 0.12 / height, f"{title}, {report.year}: which assumption carries the result",
                fontsize=font, ha="left", va="top", fontweight="bold")
    axes.tick_params(labelsize=font)
    legend = [Patch(color=OKABE_ITO["vermillion"], label=f"a knife-edge: within {knife_edge} of a flip"),
              Patch(color=OKABE_ITO["blue"], label=f"farther than {knife_edge} from a flip")]
    figure.legend(handles=legend, loc="lower left", bbox_to_anchor=(0.01, 0.02), ncol=2, fontsize=font,
                  frameon=False, borderaxespad=0)
    return figure


def tornado_chart(report, **options):
    """:func:`tornado_figure` as an image a notebook displays (``IPython.display.Image``).

    A matplotlib figure made without pyplot has no notebook display of its own; this
    renders it to PNG. ``options`` are those of :func:`tornado_figure`.
    """
    from IPython.display import Image  # only in a notebook: loaded when a figure is shown there

    buffer = io.BytesIO()
    tornado_figure(report, **options).savefig(buffer, format="png")
    return Image(data=buffer.getvalue(), format="png")


def knife_edge_html(report, within=KNIFE_EDGE) -> str:
    """The knife-edges of ``report`` in words, as an HTML list (or a sentence if none)."""

    names, title = _report_names(report)
    lines = []
    for entry in report.by_margin():
        if entry.margin > within:
            break
        flip = entry.nearest
        lines.append(with_decimals(
            f"{parameter_label(entry.name, names)}: its value {entry.value} is {entry.margin} from "
            f"{learner_symbol(entry.name)} = {flip.at}, where {flip_words(flip.changes, report.players, names)}."))
    if not lines:
        return f"<p>No parameter of {html.escape(title)} in {report.year} is within {within} of a flip.</p>"
    items = "".join(f"<li>{html.escape(one_minus(line))}</li>" for line in lines)
    return f"<p>Knife-edges (within {within} of a flip):</p><ul>{items}</ul>"


def _learner_cell(value) -> str:
    """A table cell in a learner's words: case titles for case ids, symbols for parameter names."""
    return one_minus(learner_words(str(value)))


def agreement_table_html(rows, topics=None) -> str:
    """The comparison rows as an HTML table, coloured by verdict.

    Args:
        rows: :class:`~balkangames.cases.agreement.Row` objects.
        topics: show only these topics (e.g. ``("fear", "typology")``); default all.
    """
    shown = [r for r in rows if topics is None or r.topic in topics]
    head = "".join(f"<th>{h}</th>" for h in ("topic", "who", "years", "the source says", "the model gives", "verdict", "why"))
    body = []
    for r in shown:
        years = str(r.years[0]) if r.years[0] == r.years[1] else f"{r.years[0]}–{r.years[1]}"
        cells = (r.topic, r.subject, years, r.source, r.model, r.verdict, r.why)
        colour = _VERDICT_COLOURS[r.verdict]
        body.append(
            f'<tr style="background:{colour}">'
            + "".join(f"<td style='text-align:left;vertical-align:top'>{html.escape(_learner_cell(c))}</td>" for c in cells)
            + "</tr>"
        )
    return f'<table style="font-size:{MIN_FONT_PX}px"><tr>{head}</tr>{"".join(body)}</table>'
