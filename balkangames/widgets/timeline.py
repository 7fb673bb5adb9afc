"""The timeline explorer: a case's game, classes and equilibria at each dated event."""

from __future__ import annotations

import ipywidgets as widgets
from matplotlib.lines import Line2D

from ..cases.provenance import learner_citation
from ..classify import CLASS_TITLES
from .base import Explorer, solve_game
from .figures import BestResponseDiagram
from .palette import CLASS_COLOURS, CLASS_MARKERS, OKABE_ITO
from .render import FigureView, PngFigure
from .text import lines_html


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
        self.view = PngFigure((4.9, 2.8), blit=blit, margins={"left": 0.2, "right": 0.97, "top": 0.86, "bottom": 0.4})
        self.ax = self.view.figure.add_subplot()
        self.cursor = self.view.moving(self.ax.axvline(0, color=OKABE_ITO["black"], linewidth=1.5, linestyle=":"))
        self.ring = self.view.moving(self.ax.plot([], [], "o", markersize=16, markerfacecolor="none",
                                                  markeredgecolor=OKABE_ITO["black"], markeredgewidth=2)[0])
        self._key = None
        self._index = None
        self.times = []



    def set_entries(self, entries, names) -> None:
        """Draw the class markers of every event (the static part)."""
        key = (tuple((e.date, tuple(e.classes.values())) for e in entries), tuple(names))
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
        if self.times:
            ax.set_xlim(min(self.times) - 1, max(self.times) + 1)
        ax.set_title("Each state's class at each event", fontsize=10)
        handles = [Line2D([], [], marker=CLASS_MARKERS[c], color=CLASS_COLOURS[c], linestyle="none",
                          markeredgecolor=OKABE_ITO["black"], label=CLASS_TITLES[c])
                   for c in dict.fromkeys(present)]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=max(1, len(handles)),
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


class TimelineExplorer(Explorer):
    """See :func:`timeline_explorer`."""

    def __init__(self, case_id="serbia-kosovo"):
        from .. import cases

        self.case = cases.load(case_id)
        self.entries = self.case.timeline()
        if not self.entries:
            raise ValueError(f"case {case_id!r} has no dated events")
        self.actors = cases.actors()
        controls = {
            "event": widgets.SelectionSlider(options=_option_labels(self.entries), value=0, description="event",
                                             continuous_update=True, layout=widgets.Layout(width="520px")),
        }
        self.plot = TimelinePlot()
        self.diagram = BestResponseDiagram()
        super().__init__(
            f"Timeline: {self.case.title}",
            controls,
            figures=[self.plot.image, self.diagram.image],
            notes="<i>Slide through the case's dated events. Each event shows the game of its year as the "
            "case data give it: parameters change only when memberships, presences or patrons change.</i>",
        )
        self.refresh()

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
        self.plot.set_entries(self.entries, self.names)
        self.plot.select(self.controls["event"].value)
        self.plot.render()
        self.diagram.update(self.game, self.solution, self.names)
        self.diagram.render()
        self.extra.value = lines_html([])


def timeline_explorer(case_id: str = "serbia-kosovo") -> TimelineExplorer:
    """Slide through a case's dated events: the game, classes and exact equilibria at each.

    Control: ``event`` (a selection slider over the event dates; its value is the event's
    index in ``balkangames.cases.load(case_id).timeline()``). Shows the event and its
    source, the payoff table, classes, exact equilibria, a timeline plot of each player's
    class and the best-response diagram.

    Raises:
        ValueError: for an unknown case or one without events.

    >>> explorer = timeline_explorer()
    >>> explorer.controls["event"].value = 1
    >>> explorer.entry.event.id
    'russian-backing-2002'
    """
    return TimelineExplorer(case_id)
