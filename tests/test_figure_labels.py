"""Every text of every plot a learner sees is readable: measured in the rendered figure.

For each explorer's figures (in the states a class walks through: every case, several slider
positions) and the static figures (tornado chart, timeline), the text boxes are measured with
matplotlib's renderer, and:

- no two text boxes overlap (titles, axis labels, tick labels, region names, legends, numbers);
- no text box crosses an axes frame: it is wholly inside the plotting area or wholly outside;
- every text box lies inside the figure (nothing is cut off at an edge);
- an equilibrium's number is never under an equilibrium's dot;
- a phase diagram names every region: inside it (the whole label on the region's colour) or
  in the legend.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from matplotlib.text import Text

from balkangames import cases
from balkangames.widgets import EXPLORERS
from balkangames.widgets.figures import STRUCTURES, BestResponseDiagram, PhaseDiagram
from balkangames.widgets.render import FigureView

#: Two boxes that share less than this (px) in each direction are not overlapping (anti-aliasing).
TOLERANCE = 0.5


def _draw_everything(figure):
    """Draw the figure with its animated (moving) artists too, and return the renderer."""
    animated = [a for a in figure.findobj() if a.get_animated()]
    for artist in animated:
        artist.set_animated(False)
    try:
        figure.canvas.draw()
    finally:
        for artist in animated:
            artist.set_animated(True)
    return figure.canvas.get_renderer()


def _shown_tick_labels(ax):
    labels = []
    for axis, (low, high) in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
        low, high = min(low, high), max(low, high)
        for tick in axis.get_major_ticks():
            if low - 1e-9 <= tick.get_loc() <= high + 1e-9 and tick.label1.get_visible():
                labels.append(tick.label1)
    return labels


def text_boxes(figure) -> list[tuple[str, object]]:
    """``(text, bbox in px)`` of every visible, non-empty text the figure draws."""
    renderer = _draw_everything(figure)
    texts = [t for t in figure.texts]
    for legend in figure.legends:
        texts += legend.get_texts()
    for ax in figure.axes:
        if not ax.get_visible():
            continue
        texts += [*ax.texts, ax.title, ax._left_title, ax._right_title]
        if ax.axison:
            texts += [ax.xaxis.label, ax.yaxis.label, *_shown_tick_labels(ax)]
        legend = ax.get_legend()
        if legend is not None and legend.get_visible():
            texts += legend.get_texts()
    boxes = []
    for text in texts:
        if not isinstance(text, Text) or not text.get_visible() or not text.get_text().strip():
            continue
        box = text.get_window_extent(renderer)
        patch = text.get_bbox_patch()
        if patch is not None:
            box = patch.get_window_extent(renderer)
        boxes.append((text.get_text().replace("\n", " "), box))
    return boxes


def _overlap(a, b) -> bool:
    return (min(a.x1, b.x1) - max(a.x0, b.x0) > TOLERANCE) and (min(a.y1, b.y1) - max(a.y0, b.y0) > TOLERANCE)


def _inside(inner, outer) -> bool:
    return (inner.x0 >= outer.x0 - TOLERANCE and inner.x1 <= outer.x1 + TOLERANCE
            and inner.y0 >= outer.y0 - TOLERANCE and inner.y1 <= outer.y1 + TOLERANCE)


def layout_problems(figure, where: str) -> list[str]:
    """What is wrong with the figure's texts (an empty list when nothing is)."""
    boxes = text_boxes(figure)
    problems = []
    page = figure.bbox
    for text, box in boxes:
        if not _inside(box, page):
            problems.append(f"{where}: {text!r} runs off the figure ({box.bounds} not in {page.bounds})")
    for (text_a, a), (text_b, b) in itertools.combinations(boxes, 2):
        if _overlap(a, b):
            problems.append(f"{where}: {text_a!r} overlaps {text_b!r}")
    for ax in figure.axes:
        if not ax.axison:
            continue
        frame = ax.get_window_extent()
        for text, box in boxes:
            crossing = _overlap(box, frame) and not _inside(box, frame)
            if crossing:
                problems.append(f"{where}: {text!r} crosses the axes frame {frame.bounds} ({box.bounds})")
    return problems


def best_response_problems(diagram: BestResponseDiagram, where: str) -> list[str]:
    """An equilibrium number under a dot (its own or another's) is a problem."""
    renderer = _draw_everything(diagram.figure)
    xs, ys = diagram.points.get_data()
    radius = diagram.points.get_markersize() * diagram.figure.dpi / 72 / 2
    dots = diagram.ax.transData.transform(np.column_stack([xs, ys])) if len(xs) else []
    problems = []
    for label in diagram.labels:
        if not label.get_visible():
            continue
        box = label.get_window_extent(renderer)
        for k, (x, y) in enumerate(dots):
            nearest_x, nearest_y = min(max(x, box.x0), box.x1), min(max(y, box.y0), box.y1)
            if (nearest_x - x) ** 2 + (nearest_y - y) ** 2 < radius ** 2:
                problems.append(f"{where}: equilibrium number {label.get_text()} is under the dot of equilibrium {k + 1}")
    return problems


def phase_problems(phase: PhaseDiagram, where: str) -> list[str]:
    """Every region is named, and a name written inside a region lies wholly on it."""
    if phase.grid is None:
        return []
    renderer = _draw_everything(phase.figure)
    player = phase._grid_key[1]
    codes = phase.grid.codes(player)
    names = [n for n, _ in STRUCTURES] if player == "equilibria" else None
    if names is None:
        from balkangames.classify import CLASS_NAMES, CLASS_TITLES

        names = [CLASS_TITLES[c] for c in CLASS_NAMES]
    inside = {label.get_text(): label for label in phase.region_labels if label.get_visible()}
    legend = {text.get_text() for text in phase.legend_texts if text.get_visible()}
    problems = []
    to_data = phase.ax.transData.inverted()
    xs, ys = phase.grid.xs, phase.grid.ys
    for code in np.unique(codes):
        if code == 0:
            continue
        name = names[code]
        if name not in inside and name not in legend:
            problems.append(f"{where}: region {name!r} is not named (neither inside nor in the legend)")
        if name in inside:
            box = inside[name].get_bbox_patch().get_window_extent(renderer)
            (x0, y0), (x1, y1) = to_data.transform([(box.x0, box.y0), (box.x1, box.y1)])
            cols = (xs >= x0) & (xs <= x1)
            rows = (ys >= y0) & (ys <= y1)
            under = codes[np.ix_(rows, cols)]
            if under.size and not (under == code).all():
                problems.append(f"{where}: the name {name!r} is not wholly inside its region")
    return problems


def figure_views(explorer) -> list[FigureView]:
    return [value for value in vars(explorer).values() if isinstance(value, FigureView)]


def check_explorer(explorer, where: str) -> list[str]:
    problems = []
    for view in figure_views(explorer):
        if view.image.layout.display == "none":
            continue
        name = f"{where}, {type(view).__name__}"
        problems += layout_problems(view.figure, name)
        if isinstance(view, BestResponseDiagram):
            problems += best_response_problems(view, name)
        if isinstance(view, PhaseDiagram):
            problems += phase_problems(view, name)
    return problems


def _states(name, explorer):
    """(description, settings) of the states a class walks through, for each explorer."""
    yield "default", {}
    if name == "alliance":
        for case_id in explorer.case_ids:
            case = cases.load(case_id)
            for year in sorted({case.first_year, case.default_year, case.last_year}):
                yield f"{case_id} {year}", {"case": case_id, "year": year}
    elif name == "timeline":
        for case_id in explorer.case_ids:
            yield case_id, {"case": case_id}
    else:
        for control_name, control in explorer.controls.items():
            if hasattr(control, "min") and hasattr(control, "max") and not isinstance(control.value, bool):
                for value in (control.min, control.max):
                    yield f"{control_name} = {value}", {control_name: value}


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_explorer_figures_have_no_colliding_or_cut_text(name):
    explorer = EXPLORERS[name]()
    problems = []
    for where, settings in _states(name, explorer):
        for control, value in settings.items():
            explorer.controls[control].value = value
        problems += check_explorer(explorer, f"{name} ({where})")
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_the_check_finds_a_collision():
    """The measurement itself works: two labels written on the same spot are caught."""
    diagram = BestResponseDiagram(blit=False)
    diagram.update(cases.load("serbia-croatia").game())
    diagram.ax.text(0.5, 0.5, "overlapping", fontsize=12)
    diagram.ax.text(0.52, 0.5, "overlapping too", fontsize=12)
    diagram.ax.text(-0.2, 0.5, "across the frame", fontsize=12)
    problems = layout_problems(diagram.figure, "probe")
    assert any("'overlapping' overlaps 'overlapping too'" in p for p in problems)
    assert any("'across the frame' crosses the axes frame" in p for p in problems)


def test_tornado_and_timeline_figures_have_no_colliding_or_cut_text():
    from balkangames.widgets import timeline_figure
    from balkangames.widgets.sensitivity import tornado_figure

    problems = []
    for case_id in cases.list_cases():
        case = cases.load(case_id)
        problems += layout_problems(tornado_figure(case.sensitivity()), f"tornado {case_id}")
        if case.events():
            entries = case.timeline()
            names = [cases.actors()[p].name for p in entries[0].game.players]
            problems += layout_problems(timeline_figure(entries, current=0, names=names), f"timeline {case_id}")
    assert not problems, "\n".join(problems)


def test_timeline_markers_never_overlap():
    """Events close in time (1995-2002, two on one day) are spread so no marker touches another,
    and the current event's larger marker covers none of its neighbours."""
    from balkangames.widgets.timeline import CURRENT_MARKER, EVENT_MARKER, TimelinePlot

    for case_id in cases.list_cases():
        case = cases.load(case_id)
        if not case.events():
            continue
        entries = case.timeline()
        plot = TimelinePlot(blit=False)
        plot.set_entries(entries, ("one", "two"), years=(case.first_year, case.last_year))
        to_px = plot.ax.transData.transform
        points = [to_px((x, y)) for spots in plot.positions for x, y, _ in spots]
        px = plot.figure.dpi / 72
        for a, b in itertools.combinations(range(len(points)), 2):
            distance = np.hypot(*(points[a] - points[b]))
            assert distance >= (EVENT_MARKER + CURRENT_MARKER) / 2 * px, (
                f"{case_id}: event markers {a} and {b} are {distance:.1f} px apart")


def test_timeline_explorer_gives_each_case_its_own_event_slider():
    """After a case switch the event slider spans the new case's events (keyboard End = its last)."""
    from balkangames.widgets import timeline_explorer

    explorer = timeline_explorer("serbia-kosovo")
    explorer.controls["case"].value = "serbia-montenegro"
    slider = explorer.controls["event"]
    assert len(slider.options) == len(cases.load("serbia-montenegro").timeline())
    assert explorer.controls_box.children[-1] is slider
    slider.value = len(slider.options) - 1
    assert explorer.entry.event.id == cases.load("serbia-montenegro").timeline()[-1].event.id
    explorer.controls["case"].value = "serbia-kosovo"
    assert explorer.controls["event"].value == 0 and len(explorer.controls["event"].options) == 15
