"""The timeline explorer: a case's game, classes and equilibria at each dated event."""

from __future__ import annotations

import ipywidgets as widgets
from matplotlib.lines import Line2D

from .. import cases
from ..cases.provenance import learner_citation
from ..classify import CLASS_TITLES
from ..views import timeline_html
from .base import Explorer, solve_game
from .figures import BestResponseDiagram
from .palette import CLASS_COLOURS, CLASS_MARKERS, OKABE_ITO
from .render import FigureView, PngFigure


def event_time(date: str) -> float:
    """A date ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as a fractional year for plotting.

    >>> event_time("2023-07")
    2023.5
    """
    parts = [int(p) for p in str(date).split("-")]
    year, month, day = (parts + [1, 1])[:3] if len(parts) > 1 else (parts[0], 1, 1)
    return year + (month - 1) / 12 + (day - 1) / 365


class TimelinePlot(FigureView):
    """Each player's class at each event (colour and marker shape), with the current event marked."""

    def __init__(self, blit: bool = True):
        self.view = PngFigure((3.8, 2.9), blit=blit, margins={"left": 0.33, "right": 0.96, "top": 0.88, "bottom": 0.42})
        self.ax = self.view.figure.add_subplot()
        self.cursor = self.view.moving(self.ax.axvline(0, color=OKABE_ITO["black"], linewidth=1.5, linestyle=":"))
        self.ring = self.view.moving(self.ax.plot([], [], "o", markersize=16, markerfacecolor="none",
                                                  markeredgecolor=OKABE_ITO["black"], markeredgewidth=2)[0])
        self._key = None
        self._index = None
        self.times = []

    def set_entries(self, entries, names, years=None) -> None:
        """Draw the class markers of every event (the static part).

        ``years`` = (first, last) fixes the time axis (a case's whole span, e.g. 1999-2025);
        by default it spans the events.
        """
        key = (tuple((e.date, tuple(e.classes.values())) for e in entries), tuple(names), years)
        if key == self._key:
            return
        self._key = key
        ax = self.ax
        ax.clear()
        self.times = [event_time(e.date) for e in entries]
        present = []
        for row, player in enumerate(entries[0].game.players if entries else ()):
            for time, entry in zip(self.times, entries):
                cls = entry.classes[player]
                present.append(cls)
                ax.plot([time], [1 - row], CLASS_MARKERS[cls], color=CLASS_COLOURS[cls], markersize=9,
                        markeredgecolor=OKABE_ITO["black"], markeredgewidth=0.6)
        ax.set_yticks([1, 0], list(names))
        ax.set_ylim(-0.6, 1.6)
        if years is not None:
            ax.set_xlim(years[0] - 0.5, years[1] + 1.5)
        elif self.times:
            ax.set_xlim(min(self.times) - 1, max(self.times) + 1)
        ax.set_title("Each state's class at each event", fontsize=10)
        handles = [Line2D([], [], marker=CLASS_MARKERS[c], color=CLASS_COLOURS[c], linestyle="none",
                          markeredgecolor=OKABE_ITO["black"], label=CLASS_TITLES[c])
                   for c in dict.fromkeys(present)]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.4, -0.22), ncol=2,
                  fontsize=8, frameon=False)
        ax.add_line(self.cursor)
        ax.add_line(self.ring)
        self.view.invalidate()

    def select(self, index: int) -> None:
        """Mark event ``index``."""
        time = self.times[index]
        self.cursor.set_xdata([time, time])
        self.ring.set_data([time, time], [1, 0])
        self._index = index

    def render(self) -> bytes:
        """Redraw into :attr:`image`."""
        return self.view.render(state=(self._key, self._index))


def timeline_figure(entries, current: int | None = None, names=None):
    """A matplotlib ``Figure`` of a case timeline (``balkangames.cases.load(...).timeline()``).

    Args:
        entries: the timeline entries.
        current: index of an event to mark.
        names: display names of the two players (default: their ids).

    Raises:
        ValueError: for an empty timeline or an index out of range.
    """
    entries = list(entries)
    if not entries:
        raise ValueError("the timeline has no events to plot")
    names = names or entries[0].game.players
    plot = TimelinePlot(blit=False)
    plot.set_entries(entries, names)
    if current is not None:
        if not 0 <= current < len(entries):
            raise ValueError(f"current must be an event index in 0..{len(entries) - 1}, got {current!r}")
        plot.select(current)
    return plot.figure


def _option_labels(entries) -> list[tuple[str, int]]:
    labels, seen = [], {}
    for index, entry in enumerate(entries):
        seen[entry.date] = seen.get(entry.date, 0) + 1
        label = entry.date if seen[entry.date] == 1 else f"{entry.date} ({seen[entry.date]})"
        labels.append((label, index))
    return labels


def cases_with_events() -> list[str]:
    """The ids of the cases that have dated events (those a timeline can show)."""
    return [case_id for case_id in cases.list_cases() if cases.load(case_id).events()]


class TimelineExplorer(Explorer):
    """See :func:`timeline_explorer`."""

    def __init__(self, case_id="serbia-kosovo"):
        self.case_ids = cases_with_events()
        if case_id not in self.case_ids:
            raise ValueError(f"case {case_id!r} has no dated events; expected one of {self.case_ids}")
        self.actors = cases.actors()
        self._timelines = {}  # case id -> (case, entries, every event as HTML), computed once
        self.case, self.entries, self.events_html = self._timeline(case_id)
        controls = {
            "case": widgets.Dropdown(options=[(cases.load(c).title, c) for c in self.case_ids], value=case_id,
                                     description="case"),
            "event": widgets.SelectionSlider(options=_option_labels(self.entries), value=0, description="event",
                                             continuous_update=True),
        }
        self.plot = TimelinePlot()
        self.diagram = BestResponseDiagram()
        super().__init__(
            "Timeline: each case's dated events",
            controls,
            figures=[self.plot.image, self.diagram.image],
            notes="<i>Pick a case and slide through its dated events. Each event shows the game of its year "
            "as the case data give it: parameters change only when memberships, presences or patrons change. "
            "Every event, with its source, is listed below.</i>",
        )
        self.controls["case"].unobserve(self._changed, names="value")
        self.controls["case"].observe(self._case_changed, names="value")
        self.refresh()

    def _timeline(self, case_id):
        if case_id not in self._timelines:
            case = cases.load(case_id)
            entries = case.timeline()
            self._timelines[case_id] = (case, entries, timeline_html(case))
        return self._timelines[case_id]

    def _case_changed(self, change) -> None:
        with self.hold():
            self.case, self.entries, self.events_html = self._timeline(change["new"])
            event = self.controls["event"]
            event.options = _option_labels(self.entries)
            event.value = 0

    @property
    def entry(self):
        """The current timeline entry."""
        return self.entries[self.controls["event"].value]

    def player_names(self):
        return tuple(self.actors[p].name for p in self.game.players)

    def compute(self) -> None:
        self.game = self.entry.game
        self.solution = solve_game(self.game)

    def event_lines(self) -> list[str]:
        """The current event in words, with its source."""
        entry = self.entry
        lines = [f"{entry.date}: {entry.event.title} (game of {entry.year})"]
        for citation in entry.event.citations[:1]:
            lines.append(f"Source: {learner_citation(citation)}")
        return lines

    def summary_lines(self) -> list[str]:
        return [*self.event_lines(), *super().summary_lines()]

    def render_extra(self) -> None:
        self.plot.set_entries(self.entries, self.names, years=(self.case.first_year, self.case.last_year))
        self.plot.select(self.controls["event"].value)
        self.plot.render()
        self.diagram.update(self.game, self.solution, self.names)
        self.diagram.render()
        self.extra.value = self.events_html


def timeline_explorer(case_id: str = "serbia-kosovo") -> TimelineExplorer:
    """Slide through a case's dated events: the game, classes and exact equilibria at each.

    Controls: ``case`` (every case with dated events) and ``event`` (a selection slider over
    the event dates; its value is the event's index in ``balkangames.cases.load(case).timeline()``).
    Shows the event and its source, the payoff table, classes, exact equilibria, a timeline
    plot of each player's class over the case's years (e.g. 1999-2025), the best-response
    diagram, and every event of the case with its date and source.

    Raises:
        ValueError: for an unknown case or one without events.

    >>> explorer = timeline_explorer()
    >>> explorer.controls["event"].value = 1
    >>> explorer.entry.event.id
    'russian-backing-2002'
    """
    return TimelineExplorer(case_id)
