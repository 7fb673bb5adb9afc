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
from browser_harness import browser, free_port, make, new_page, serve, skip_without_chromium

from balkangames import cases
from balkangames.views import with_decimals

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
    return [with_decimals(line.strip()) for line in game.solve().describe(players=names)[1:]]


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
  const walker = document.createTreeWalker(explorer, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, element = node.parentElement;
    if (!node.textContent.trim() || !element.getClientRects().length) continue;
    // The presentation template zooms the page: the size on screen is font size x zoom.
    const zoom = element.currentCSSZoom || 1;
    sizes.push([parseFloat(getComputedStyle(element).fontSize) * zoom, node.textContent.trim().slice(0, 30)]);
    // Text whose line runs past the screen's right edge (the page hides horizontal scrolling).
    const range = document.createRange();
    range.selectNodeContents(node);
    if (range.getBoundingClientRect().right > window.innerWidth + 1) offscreen.push(node.textContent.trim().slice(0, 30));
  }
  const plot = explorer.querySelector('.balkangames-main-plot');
  const box = plot.getBoundingClientRect();
  return {sizes, offscreen, plot: [box.width, plot.naturalWidth, box.right, box.bottom],
          view: [window.innerWidth, window.innerHeight]};
}"""


def test_presentation_mode_is_projector_sized_offline_and_quiet(lecture):
    url, instance = lecture
    with watched_page(instance, PROJECTOR) as (page, errors, remote):
        page.goto(url)
        page.get_by_text("Nash equilibria (exact)").wait_for()
        page.wait_for_timeout(1500)  # let MathJax typeset
        explorer = page.locator(".balkangames-explorer").first
        found = explorer.evaluate(PROJECTOR_MEASURE)
        small = sorted({(round(size, 1), text) for size, text in found["sizes"] if size < MIN_PROJECTOR_TEXT_PX})
        assert found["sizes"] and not small, f"text under {MIN_PROJECTOR_TEXT_PX} px on a projector: {small[:8]}"
        shown, natural, right, bottom = found["plot"]
        assert shown >= 1.3 * natural, "the plot is not enlarged for the projector"
        assert right <= found["view"][0] and bottom <= found["view"][1], "the plot runs off the screen"
        assert not found["offscreen"], f"text runs off the right of the screen: {found['offscreen'][:5]}"
        page.screenshot(path=str(make_shot_dir() / "present-1920x1080.png"))
        assert not errors, f"console errors: {errors}"
        assert not remote, f"requests that fail offline: {remote}"


def make_shot_dir():
    from browser_harness import ROOT

    folder = ROOT / "build" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
