"""The timeline explorer: a case's game, classes and equilibria at each dated event."""

from __future__ import annotations

import ipywidgets as widgets
from matplotlib.lines import Line2D

from .. import cases
from ..cases.provenance import learner_citation
from ..classify import CLASS_TITLES
from ..views import MIN_FONT_PX, timeline_html
from ..views.html import learner_note
from .base import Explorer, fit_control, solve_game
from .figures import BestResponseDiagram, wrap_to_width
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


#: Vertical offsets (in rows) of the lanes that events close in time are spread over.
LANES = (0.0, 0.2, -0.2, 0.4, -0.4)
#: Marker size of an event, and of the current event (points).
EVENT_MARKER, CURRENT_MARKER = 8, 10


def event_lanes(xs_px, gap_px: float, lanes: int = len(LANES)) -> list[int]:
    """A lane for each event (in time order) so that two events in one lane are ``gap_px`` apart.

    Events closer than that (1995 and 1997, two events on one day) go to the next free lane; if
    every lane is taken, the one whose last event is farthest away.

    >>> event_lanes([0, 5, 30, 31], gap_px=10)
    [0, 1, 0, 1]
    """
    last = [None] * lanes
    chosen = []
    for x in xs_px:
        free = [k for k in range(lanes) if last[k] is None or x - last[k] >= gap_px]
        lane = free[0] if free else max(range(lanes), key=lambda k: x - last[k])
        last[lane] = x
        chosen.append(lane)
    return chosen


class TimelinePlot(FigureView):
    """Each player's class at each event (colour and marker shape), with the current event marked.

    Events close in time are spread over lanes above and below their player's row, so no
    marker hides another; the current event is drawn larger with a thick outline (not a ring
    over its neighbours) and a dotted line marks its date.
    """

    def __init__(self, blit: bool = True):
        self.view = PngFigure((3.8, 3.4), blit=blit, margins={"left": 0.3, "right": 0.96, "top": 0.9, "bottom": 0.38})
        self.ax = self.view.figure.add_subplot()
        self.cursor = self.view.moving(self.ax.axvline(0, color=OKABE_ITO["black"], linewidth=1.2, linestyle=":"))
        self.current = [
            self.view.moving(self.ax.plot([], [], "o", markersize=CURRENT_MARKER, markeredgecolor=OKABE_ITO["black"],
                                          markeredgewidth=2.2, zorder=4)[0])
            for _ in range(2)
        ]
        self._key = None
        self._index = None
        self.times = []
        self.positions = []  # per event: ((x, y) of the first player's marker, (x, y) of the second's)

    def _wrapped_names(self, names) -> list[str]:
        """Player names broken over lines to fit left of the axes."""
        renderer = self.view.canvas.get_renderer()
        scale = self.view.figure.dpi / self.view.css_dpi  # device px per CSS px
        room = (self.ax.get_position().x0 * self.view.figure.get_figwidth() * self.view.css_dpi - 12) * scale
        probe = self.view.figure.text(0, 0, "", fontsize=MIN_FONT_PX * 72 / self.view.css_dpi)

        def measure(text):
            probe.set_text(text)
            return probe.get_window_extent(renderer).width

        wrapped = [wrap_to_width(str(name), room, measure) for name in names]
        probe.remove()
        return wrapped

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
        if years is not None:
            ax.set_xlim(years[0] - 0.5, years[1] + 1.5)
        elif self.times:
            ax.set_xlim(min(self.times) - 1, max(self.times) + 1)
        ax.set_ylim(-0.6, 1.6)
        # Lanes from pixel distances: a marker and its outline must not touch the next one.
        to_px = ax.transData.transform
        dpi = self.view.figure.dpi
        gap = (EVENT_MARKER + CURRENT_MARKER) / 2 * dpi / 72 + 4
        order = sorted(range(len(self.times)), key=lambda k: self.times[k])
        lanes = event_lanes([to_px((self.times[k], 0))[0] for k in order], gap)
        lane_of = {k: lane for k, lane in zip(order, lanes)}
        present = []
        self.positions = []
        players = entries[0].game.players if entries else ()
        by_class = {}  # one line of markers per class: a few artists, however many events
        for index, (time, entry) in enumerate(zip(self.times, entries)):
            spots = []
            for row, player in enumerate(players):
                cls = entry.classes[player]
                present.append(cls)
                y = 1 - row + LANES[lane_of[index]]
                by_class.setdefault(cls, []).append((time, y))
                spots.append((time, y, cls))
            self.positions.append(spots)
        for cls, points in by_class.items():
            ax.plot([x for x, _ in points], [y for _, y in points], CLASS_MARKERS[cls], color=CLASS_COLOURS[cls],
                    markersize=EVENT_MARKER, markeredgecolor=OKABE_ITO["black"], markeredgewidth=0.6,
                    linestyle="none")
        ax.set_yticks([1, 0], self._wrapped_names(names))
        ax.set_title("Each state's class at each event", fontsize=10)
        handles = [Line2D([], [], marker=CLASS_MARKERS[c], color=CLASS_COLOURS[c], linestyle="none",
                          markeredgecolor=OKABE_ITO["black"], label=CLASS_TITLES[c])
                   for c in dict.fromkeys(present)]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.4, -0.22), ncol=2,
                  fontsize=8, frameon=False)
        ax.add_line(self.cursor)
        for line in self.current:
            ax.add_line(line)
        # No invalidate: backgrounds and PNGs are cached per key (per case), so a case seen
        # before costs no full redraw.

    def select(self, index: int) -> None:
        """Mark event ``index``."""
        time = self.times[index]
        self.cursor.set_xdata([time, time])
        for line, (x, y, cls) in zip(self.current, self.positions[index]):
            line.set_data([x], [y])
            line.set_marker(CLASS_MARKERS[cls])
            line.set_markerfacecolor(CLASS_COLOURS[cls])
        self._index = index

    def render(self) -> bytes:
        """Redraw into :attr:`image`."""
        return self.view.render(key=self._key, state=self._index)


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
        }
        self._sliders = {}
        controls["event"] = self._event_slider(case_id)
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
        self._prime()
        self.refresh()

    def _prime(self) -> None:
        """Draw each case's plots once now, so that a first switch of case stays fast."""
        for case_id in self.case_ids:
            case, entries, _ = self._timeline(case_id)
            names = tuple(self.actors[p].name for p in entries[0].game.players)
            self.plot.set_entries(entries, names, years=(case.first_year, case.last_year))
            self.plot.select(0)
            self.plot.render()
            game = entries[0].game
            self.diagram.update(game, solve_game(game), names)
            self.diagram.render()

    def _timeline(self, case_id):
        if case_id not in self._timelines:
            case = cases.load(case_id)
            entries = case.timeline()
            self._timelines[case_id] = (case, entries, timeline_html(case))
        return self._timelines[case_id]

    def _event_slider(self, case_id) -> widgets.SelectionSlider:
        """The event slider of ``case_id``, made once per case.

        A case switch shows that case's own slider rather than giving one slider new options:
        the browser's slider keeps its keyboard range (End: the last event) from when it was
        drawn, so new options would leave End at the previous case's last index.
        """
        slider = self._sliders.get(case_id)
        if slider is None:
            slider = self._sliders[case_id] = widgets.SelectionSlider(
                options=_option_labels(self._timeline(case_id)[1]), value=0, description="event",
                continuous_update=True)
            fit_control(slider)
        return slider

    def _case_changed(self, change) -> None:
        with self.hold():
            self.case, self.entries, self.events_html = self._timeline(change["new"])
            slider = self._event_slider(change["new"])
            slider.value = 0
            old = self.controls["event"]
            if old is not slider:
                old.unobserve(self._changed, names="value")
                slider.observe(self._changed, names="value")
            self.controls["event"] = slider
            self.controls_box.children = list(self.controls.values())

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
            lines.append(f"Source: {learner_note(learner_citation(citation))}")
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
