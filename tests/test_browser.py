"""A real browser (Debian's chromium via Playwright) drives the lecture view, ``make present``.

Voilà serves the alliance explorer as an instructor projects it: at 1920x1080 its text must
be at least 18 px, the page must load nothing from the internet (an offline classroom) and
log no console error. Without chromium the tests are skipped locally; with ``CI=true`` they
must run.
"""

from __future__ import annotations

import contextlib
from urllib.parse import urlparse

import pytest
from browser_harness import ROOT, browser, free_port, make, new_page, serve, skip_without_chromium

from balkangames import cases
from balkangames.views import with_decimals
from balkangames.widgets.text import one_minus

pytestmark = skip_without_chromium()

PROJECTOR = (1920, 1080)
#: Smallest body text on a projector, in CSS px.
MIN_PROJECTOR_TEXT_PX = 18


@pytest.fixture(scope="module")
def lecture(tmp_path_factory):
    """``(url, chromium)``: ``make present`` on a free port, and a browser."""
    port = free_port()
    log = tmp_path_factory.mktemp("present") / "voila.log"
    command = make("present", PRESENT_PORT=port, HOST="127.0.0.1")
    with serve(command, port, log), browser() as instance:
        yield f"http://127.0.0.1:{port}/", instance


@contextlib.contextmanager
def watched_page(instance, size):
    """A page that records console errors and every request to another host."""
    page = new_page(instance, *size)
    errors, remote = [], []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: remote.append(request.url)
            if urlparse(request.url).hostname not in ("127.0.0.1", "localhost", None) and
            not request.url.startswith("data:") else None)
    try:
        yield page, errors, remote
    finally:
        page.close()


def _equilibrium_lines(game) -> list[str]:
    names = tuple(cases.actors()[p].name for p in game.players)
    # as the explorer shows them: decimals beside fractions, one minus sign
    return [one_minus(with_decimals(line.strip())) for line in game.solve().describe(players=names)[1:]]


def test_membership_change_updates_the_equilibrium_in_the_browser(lecture):
    url, instance = lecture
    case = cases.load("serbia-kosovo")
    before = _equilibrium_lines(case.game())
    after = _equilibrium_lines(case.game(members={"kosovo": "nato"}))
    assert before != after  # the model itself says NATO membership changes the equilibrium

    with watched_page(instance, PROJECTOR) as (page, errors, remote):
        page.goto(url)
        page.get_by_text("Nash equilibria (exact)").wait_for()
        summary = page.locator(".balkangames-text").first
        for line in before:
            assert line in summary.inner_text()
        assert page.locator(".jp-InputArea-editor:visible").count() == 0  # Voilà hides the code

        page.get_by_label("Kosovo", exact=True).select_option(label="NATO")
        page.get_by_text(after[-1]).wait_for()
        text = summary.inner_text()
        for line in after:
            assert line in text
        for line in before:
            assert line not in text
        assert not errors, f"console errors: {errors}"
        assert not remote, f"requests that fail offline: {remote}"


PROJECTOR_MEASURE = """explorer => {
  const sizes = [], offscreen = [];
  let zoomed = false;
  const walker = document.createTreeWalker(explorer, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, element = node.parentElement;
    if (!node.textContent.trim() || !element.getClientRects().length) continue;
    if ((element.currentCSSZoom || 1) !== 1) zoomed = true;
    sizes.push([parseFloat(getComputedStyle(element).fontSize), node.textContent.trim().slice(0, 30)]);
    // Text whose line runs past the screen's right edge (the page hides horizontal scrolling).
    const range = document.createRange();
    range.selectNodeContents(node);
    if (range.getBoundingClientRect().right > window.innerWidth + 1) offscreen.push(node.textContent.trim().slice(0, 30));
  }
  const box = e => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
  const plot = explorer.querySelector('.balkangames-main-plot');
  // The drawn picture inside the image box (object-fit: contain keeps its aspect).
  const frame = plot.getBoundingClientRect();
  const scale = Math.min(frame.width / plot.naturalWidth, frame.height / plot.naturalHeight);
  const drawn = {left: frame.left, right: frame.left + plot.naturalWidth * scale, top: frame.top,
                 bottom: frame.top + plot.naturalHeight * scale};
  const controls = [...explorer.querySelectorAll('.balkangames-controls .widget-inline-hbox')].map(box);
  const column = box(explorer.querySelector('.balkangames-column'));
  const result = box(explorer.querySelector('.balkangames-result'));
  return {sizes, offscreen, zoomed, drawn, controls, column, result,
          images: [...explorer.querySelectorAll('img')].filter(i => i.getClientRects().length)
            .map(i => [i.getBoundingClientRect().width * devicePixelRatio, i.naturalWidth]),
          view: [window.innerWidth, window.innerHeight]};
}"""

PROJECTORS = [(1280, 720), (1920, 1080)]


@pytest.mark.parametrize("size", PROJECTORS, ids=[f"{w}x{h}" for w, h in PROJECTORS])
def test_presentation_mode_fills_a_projector_offline_and_quiet(lecture, size):
    """A responsive layout, not a zoom: the explorer spans at least 80 % of the screen's width,
    every control lies wholly on screen, the result and the main plot are on screen together,
    the plots are drawn at least at the screen's resolution, and text is at least 18 px."""
    url, instance = lecture
    width, height = size
    with watched_page(instance, size) as (page, errors, remote):
        page.goto(url)
        page.get_by_text("Nash equilibria (exact)").wait_for()
        page.wait_for_timeout(1500)  # let MathJax typeset
        explorer = page.locator(".balkangames-explorer").first
        found = explorer.evaluate(PROJECTOR_MEASURE)
        page.screenshot(path=str(make_shot_dir() / f"present-{width}x{height}.png"))
        assert not found["zoomed"], "the page is zoomed: the layout should respond to the screen instead"
        small = sorted({(round(size, 1), text) for size, text in found["sizes"] if size < MIN_PROJECTOR_TEXT_PX})
        assert found["sizes"] and not small, f"text under {MIN_PROJECTOR_TEXT_PX} px on a projector: {small[:8]}"
        used = found["drawn"]["right"] - found["column"]["left"]
        assert used >= 0.8 * width, f"the explorer uses {used:.0f} of {width} px (< 80 %)"
        for control in found["controls"]:
            assert 0 <= control["left"] and control["right"] <= width + 0.5 and control["bottom"] <= height, (
                f"a control is not wholly on screen: {control}")
        assert found["result"]["top"] < height - 60, "the result line is below the fold"
        assert found["drawn"]["bottom"] <= height + 0.5 and found["drawn"]["right"] <= width + 0.5, (
            "the plot runs off the screen")
        upscaled = [(round(shown), natural) for shown, natural in found["images"] if natural < shown * 0.98]
        assert not upscaled, f"plots enlarged beyond their resolution (shown device px, natural px): {upscaled}"
        assert not found["offscreen"], f"text runs off the right of the screen: {found['offscreen'][:5]}"
        assert not errors, f"console errors: {errors}"
        assert not remote, f"requests that fail offline: {remote}"


def make_shot_dir():
    from browser_harness import ROOT

    folder = ROOT / "build" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def timeline_page(tmp_path_factory, lecture):
    """The timeline explorer alone, served by Voilà (the lecture fixture's browser)."""
    import sys

    import nbformat

    folder = tmp_path_factory.mktemp("timeline")
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells.append(nbformat.v4.new_code_cell("from balkangames.widgets import timeline_explorer\ntimeline_explorer()"))
    nbformat.write(notebook, folder / "timeline.ipynb")
    port = free_port()
    # The lecture template (no CDN links: an offline classroom logs no error).
    command = [sys.executable, "-m", "voila", str(folder / "timeline.ipynb"), "--no-browser", "--Voila.ip=127.0.0.1",
               f"--port={port}", "--template=balkangames-present",
               "--VoilaConfiguration.extension_allowlist=['@voila-dashboards/widgets-manager8', "
               "'@jupyter-widgets/jupyterlab-manager']"]
    with serve(command, port, folder / "voila.log", env={"JUPYTER_PATH": str(ROOT / "jupyter")}):
        yield f"http://127.0.0.1:{port}/", lecture[1]


def test_timeline_keyboard_end_reaches_the_last_event_after_a_case_switch(timeline_page):
    from balkangames.widgets.timeline import _option_labels

    url, instance = timeline_page
    with watched_page(instance, (1366, 768)) as (page, errors, _):
        page.goto(url)
        explorer = page.locator(".balkangames-explorer").first
        explorer.get_by_text("Nash equilibria (exact)").wait_for()
        for case_id in ("serbia-montenegro", "serbia-kosovo"):
            case = cases.load(case_id)
            explorer.locator("select").first.select_option(label=case.title)
            last = _option_labels(case.timeline())[-1][0]
            slider = explorer.locator(".widget-slider:visible").first
            slider.get_by_text(_option_labels(case.timeline())[0][0]).wait_for()  # the new case's first event
            slider.locator(".noUi-handle").focus()
            page.keyboard.press("End")
            slider.locator(".widget-readout", has_text=last).wait_for()
            explorer.get_by_text(f"{case.timeline()[-1].date}: ").first.wait_for()  # the result follows
        assert not errors, f"console errors: {errors}"
