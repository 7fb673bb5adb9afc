"""The :class:`Explorer` every interactive view is built on, and control helpers."""

from __future__ import annotations

import contextlib
from fractions import Fraction
from functools import lru_cache

import ipywidgets as widgets

from ..solver import solve
from ..validation import exact
from ..views import payoff_table_html
from .text import display_players, lines_html, summary_lines, unchanged_line

#: Decimal places a slider value is read to: the frontend sends binary floats such as
#: 0.30000000000000004 for 0.3, which must become the 3/10 the student sees.
SLIDER_DECIMALS = 6

#: Layout of every explorer (px). Labels have a fixed width so that a long one (o₁, d) never
#: squeezes its slider: the track keeps at least TRACK_WIDTH. The control column and the main
#: plot sit side by side within the notebook's width on a 1366 or 1280 px screen with the file
#: browser open, so moving a slider changes something on screen.
LABEL_WIDTH = 128
TRACK_WIDTH = 300
READOUT_WIDTH = 52
CONTROL_WIDTH = LABEL_WIDTH + TRACK_WIDTH + READOUT_WIDTH
_LABELS = {"description_width": f"{LABEL_WIDTH}px"}
#: Full labels everywhere: a control's label that does not fit its width wraps onto a second
#: line instead of ending in an ellipsis (ipywidgets' default), and so do dropdown options.
EXPLORER_CSS = (
    "<style>"
    ".balkangames-explorer .widget-label{white-space:normal;overflow:visible;text-overflow:clip;"
    "line-height:1.15;height:auto;min-height:var(--jp-widgets-inline-height);display:flex;align-items:center;"
    "justify-content:flex-end;text-align:right}"
    ".balkangames-explorer .widget-inline-hbox{height:auto;min-height:var(--jp-widgets-inline-height)}"
    ".balkangames-explorer .widget-dropdown>select{text-overflow:clip}"
    ".balkangames-explorer .widget-html-content{text-align:left}"
    "</style>"
)


@lru_cache(maxsize=2048)
def _solve_cached(A, B):
    return solve(A, B, engine="exact")


def solve_game(game):
    """The exact solution of ``game``, cached by payoffs.

    The exact engine (about 0.1 ms for a 2x2) keeps a slider well inside its 100 ms budget;
    ``solve(A, B, engine="nashpy")`` shows what nashpy alone would have found.
    """
    return _solve_cached(game.A, game.B)


def slider_value(value) -> Fraction:
    """A slider's float value as the exact decimal it displays.

    >>> slider_value(0.30000000000000004)
    Fraction(3, 10)
    """
    return exact(round(float(value), SLIDER_DECIMALS), "slider value")


def float_slider(description: str, value, low, high, step, tooltip: str | None = None) -> widgets.FloatSlider:
    """A FloatSlider whose range always contains ``value`` (any number :func:`exact` accepts).

    ``description`` should fit the fixed label width (about 18 characters); ``tooltip`` says
    the rest when the pointer rests on the slider.
    """
    value = float(exact(value, description))
    return widgets.FloatSlider(
        tooltip=tooltip or description,
        value=value,
        min=min(float(low), value),
        max=max(float(high), value),
        step=step,
        description=description,
        continuous_update=True,
        readout_format=".2f",
        style=_LABELS,
        layout=widgets.Layout(width=f"{CONTROL_WIDTH}px"),
    )


def fit_control(control) -> None:
    """Give a control the column's width and, if it has a label, the fixed label width."""
    control.layout.width = f"{CONTROL_WIDTH}px"
    if hasattr(control.style, "description_width"):
        control.style.description_width = f"{LABEL_WIDTH}px"


class Explorer(widgets.VBox):
    """A displayable explorer: controls, payoff table, classes and equilibria in words, plots.

    Subclasses implement :meth:`compute` (build ``self.game`` and ``self.solution`` from the
    controls) and may override :meth:`render_extra` and :meth:`extra_lines`.

    Attributes:
        controls: name -> ipywidgets control; setting ``.value`` refreshes synchronously.
        game: the current :class:`balkangames.game.Game`.
        solution: the current :class:`balkangames.solver.Solution`.
        names: the players' display names.
        error: the message of the last rejected input, or None.
    """

    #: Whether the summary states each player's class (a sequential game's does not).
    shows_classes = True

    def __init__(self, title: str, controls: dict, figures=(), notes: str = ""):
        self.controls = dict(controls)
        self.game = None
        self.solution = None
        self.names = ("row", "column")
        self.error = None
        #: True when the last refresh changed neither the classes nor the equilibria.
        self.unchanged = False
        self._held = 0
        #: Exact starting values of sliders (see :meth:`value`); subclasses fill it.
        self.exact_values: dict[str, Fraction] = {}
        self.title = widgets.HTML(f"{EXPLORER_CSS}<h3 style='margin:2px 0'>{title}</h3>")
        self.notes = widgets.HTML(notes)
        self.table = widgets.HTML()
        self.text = widgets.HTML()
        self.extra = widgets.HTMLMath()
        for control in self.controls.values():
            fit_control(control)
        # Top row: controls and payoff table beside the main plot (the first figure), never
        # wrapped below them. Second row: the summary in words and the other figures.
        self.controls_box = widgets.VBox(list(self.controls.values()))
        self.controls_box.add_class("balkangames-controls")
        self.main_plot = figures[0] if figures else None
        if self.main_plot is not None:
            self.main_plot.add_class("balkangames-main-plot")
        # The result (classes and equilibria in words) sits under the controls, beside the main
        # plot: what a moved control changed is where the eye already is, on any screen.
        self.text.add_class("balkangames-result")
        self.table.add_class("balkangames-table")
        column = widgets.VBox([self.controls_box, self.text, self.table],
                              layout=widgets.Layout(width=f"{CONTROL_WIDTH}px", flex="0 0 auto", margin="0 12px 0 0"))
        column.add_class("balkangames-column")
        top = widgets.HBox([column, *figures[:1]],
                           layout=widgets.Layout(flex_flow="row nowrap", align_items="flex-start"))
        top.add_class("balkangames-top")
        self.figures_box = widgets.HBox(list(figures[1:]), layout=widgets.Layout(flex_flow="row wrap"))
        self.figures_box.add_class("balkangames-figures")
        words = widgets.VBox([self.extra], layout=widgets.Layout(width=f"{CONTROL_WIDTH}px", margin="0 16px 0 0"))
        words.add_class("balkangames-words")
        bottom = widgets.HBox([words, self.figures_box], layout=widgets.Layout(flex_flow="row wrap"))
        bottom.add_class("balkangames-bottom")
        self._outcome = None
        super().__init__([self.title, self.notes, top, bottom])
        self.add_class("balkangames-explorer")
        for control in self.controls.values():
            control.observe(self._changed, names="value")

    # -- updating ------------------------------------------------------------------

    def _changed(self, change) -> None:
        if not self._held:
            self.refresh()

    @contextlib.contextmanager
    def hold(self):
        """Change several controls without a refresh per change; refreshes once at the end."""
        self._held += 1
        try:
            yield self
        finally:
            self._held -= 1
        if not self._held:
            self.refresh()

    def set_controls(self, **values) -> None:
        """Set several controls by name, refreshing once."""
        with self.hold():
            for name, value in values.items():
                if name not in self.controls:
                    raise ValueError(f"unknown control {name!r}; expected one of {sorted(self.controls)}")
                self.controls[name].value = value

    def refresh(self) -> None:
        """Re-solve from the controls and redraw everything (called on every change)."""
        try:
            self.compute()
        except ValueError as error:
            self.error = str(error)
            self.text.value = lines_html([f"Cannot build this game: {error}"], "Input problem")
            return
        self.error = None
        self.names = self.player_names()
        self.table.value = payoff_table_html(self.game, self.solution, self.names)
        outcome = self.outcome()
        lines = self.summary_lines()
        # Said only when a control moved (not when the explorer redraws itself).
        moved = self._outcome is not None and outcome[0] != self._outcome[0]
        self.unchanged = moved and outcome[2:] == self._outcome[2:]
        if self.unchanged:
            lines = [unchanged_line(self.game, self.names, payoffs_moved=outcome[1] != self._outcome[1],
                                    several=len(self.solution.equilibria) > 1, classes=self.shows_classes), *lines]
        self._outcome = outcome
        self.text.value = lines_html(lines)
        self.render_extra()

    def outcome(self) -> tuple:
        """(control values, payoffs, classes, equilibria): what moved, and what that changed."""
        # Read to the slider's decimals: the browser may echo 0.8 back as 0.8000000000000002.
        values = tuple((name, repr(round(control.value, SLIDER_DECIMALS) if isinstance(control.value, float)
                                   else control.value)) for name, control in self.controls.items())
        classes = tuple(self.game.classes().values()) if self.game.shape == (2, 2) else ()
        return values, (self.game.A, self.game.B), classes, tuple(map(repr, self.solution.equilibria))

    # -- hooks -----------------------------------------------------------------------

    def compute(self) -> None:
        """Set ``self.game`` and ``self.solution`` from the controls."""
        raise NotImplementedError

    def player_names(self) -> tuple[str, str]:
        """The players' display names (default: from the game's player ids)."""
        return display_players(self.game)

    def render_extra(self) -> None:
        """Update plots and extra text (after the table and summary)."""

    def extra_lines(self) -> list[str]:
        """Further plain-text lines for :meth:`summary_text` (thresholds, risk dominance ...)."""
        return []

    # -- text --------------------------------------------------------------------------

    def summary_text(self) -> str:
        """What the screen says, as plain text: each player's class, the exact equilibria, extras."""
        if self.error:
            return f"Cannot build this game: {self.error}"
        return "\n".join([*self.summary_lines(), *self.extra_lines()])

    def summary_lines(self) -> list[str]:
        """Each player's class and the exact equilibria, as shown under the table."""
        return summary_lines(self.game, self.solution, self.names)

    def value(self, name: str) -> Fraction:
        """The exact value of slider ``name``.

        A slider still at its starting value returns the exact starting value (e.g. a case's
        158/383 rather than the float the slider holds); a moved one the decimal it shows.
        """
        control = self.controls[name]
        start = self.exact_values.get(name)
        if start is not None and float(start) == control.value:
            return start
        return slider_value(control.value)
