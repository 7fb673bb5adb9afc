"""The classroom in a real browser: a student's ``make lab`` on a laptop and on a projector.

One JupyterLab (started as ``make lab`` starts it, on a working copy in a temporary folder)
serves every test here. Screenshots of each explorer go to ``build/screenshots/`` for a
human to look at.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import urlparse

import jupytext
import pytest
from browser_harness import ROOT, SCREENS, browser, new_page, skip_without_chromium, student_lab

pytestmark = skip_without_chromium()

NOTEBOOKS = ROOT / "notebooks"
SHOTS = ROOT / "build" / "screenshots"
#: Smallest text a learner should have to read, in CSS px (measured in the page).
MIN_TEXT_PX = 12
#: Shortest slider track, in CSS px: shorter, and a small drag jumps across the range.
MIN_TRACK_PX = 250
EXPLORER_NOTEBOOKS = sorted(
    p.name for p in NOTEBOOKS.glob("[0-9][0-9]-*.md") if "_explorer(" in p.read_text(encoding="utf-8")
)


def explorer_cells(name: str) -> int:
    cells = jupytext.read(NOTEBOOKS / name).cells
    return sum(1 for c in cells if c.cell_type == "code" and "_explorer(" in c.source)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """``(url, workspace)`` of one student JupyterLab and a Chromium for the whole module."""
    folder = tmp_path_factory.mktemp("classroom")
    with student_lab(folder / "workspace", folder / "lab.log") as url, browser() as instance:
        yield url, folder / "workspace", instance


def open_notebook(page, url: str, path: str) -> None:
    """Open ``path`` (relative to the workspace) in JupyterLab and wait for an idle kernel."""
    base, _, token = url.partition("?token=")
    page.goto(f"{base.rstrip('/')}/lab/tree/{path}?token={token}")
    page.locator(".jp-NotebookPanel:visible .jp-Notebook").wait_for()
    wait_for_idle_kernel(page)


def wait_for_idle_kernel(page) -> None:
    """Wait until the status bar reports an idle kernel (choosing the preselected one if asked)."""
    for _ in range(300):
        dialog = page.locator(".jp-Dialog", has_text="Select Kernel")
        if dialog.count():
            dialog.get_by_role("button", name="Select").click()
        if re.search(r"\| Idle", page.locator("#jp-main-statusbar").inner_text()):
            return
        page.wait_for_timeout(300)
    pytest.fail("the kernel never became idle")


def run_all(page) -> None:
    page.locator("#jp-MainMenu").get_by_text("Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells").first.click()


def watch(page) -> tuple[list, list]:
    """Console errors, and requests to other hosts (which fail in an offline classroom)."""
    errors, remote = [], []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: remote.append(request.url)
            if urlparse(request.url).hostname not in ("127.0.0.1", "localhost", None) else None)
    return errors, remote


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------------------
# The student's path


def test_landing_page_opens_first_and_reaches_the_exercises(lab):
    url, workspace, instance = lab
    page = new_page(instance, *SCREENS["laptop"])
    errors, remote = watch(page)
    try:
        page.goto(url)
        page.get_by_role("heading", name=re.compile("Start here")).first.wait_for()
        assert page.locator(".lm-TabBar-tab.jp-mod-current").first.inner_text().startswith("00-start-here")
        # Students never see nbgrader: no menu, no assignment sidebar.
        menus = page.locator("#jp-MainMenu").inner_text()
        assert "Nbgrader" not in menus and "Assignments" not in menus
        assert page.get_by_text("Create Assignment").count() == 0
        link = page.locator(".jp-RenderedMarkdown a", has_text="01-security-dilemma.ipynb")
        link.first.click()
        page.locator(".lm-TabBar-tab", has_text="01-security-dilemma.ipynb").wait_for()
        page.locator(".jp-NotebookPanel:visible .jp-Cell").first.wait_for()
        assert (workspace / "exercises" / "self-paced" / "01-security-dilemma" / "01-security-dilemma.ipynb").exists()
        assert not errors, f"console errors: {errors}"
        assert not remote, f"requests that fail offline: {remote}"
    finally:
        page.close()


def test_opening_notebooks_leaves_them_unmodified(lab):
    url, workspace, instance = lab
    paths = ["notebooks/02-stag-hunt-and-trust.md", "exercises/self-paced/02-stag-hunt-and-trust/02-stag-hunt-and-trust.ipynb"]
    before = {path: sha(workspace / path) for path in paths}
    page = new_page(instance, *SCREENS["laptop"])
    try:
        for path in paths:
            open_notebook(page, url, path)
            page.wait_for_timeout(2000)  # the kernel's metadata arrives after it is idle
            assert page.locator(".lm-TabBar-tab.jp-mod-dirty").count() == 0, f"{path} opened marked unsaved"
    finally:
        page.close()
    assert {path: sha(workspace / path) for path in paths} == before


# ---------------------------------------------------------------------------
# Explorers on a laptop and on a projector

MEASURE = """explorer => {
  const box = e => { const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
  const scroller = explorer.closest('.jp-WindowedPanel-outer') || explorer.closest('.jp-Notebook');
  const texts = [];
  const walker = document.createTreeWalker(explorer, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, element = node.parentElement;
    if (!node.textContent.trim() || !element.getClientRects().length) continue;
    texts.push([parseFloat(getComputedStyle(element).fontSize), node.textContent.trim().slice(0, 40)]);
  }
  for (const math of explorer.querySelectorAll('mjx-container'))
    texts.push([parseFloat(getComputedStyle(math).fontSize), 'maths']);
  return {
    view: box(scroller),
    controls: box(explorer.querySelector('.balkangames-controls')),
    plot: box(explorer.querySelector('.balkangames-main-plot')),
    tracks: [...explorer.querySelectorAll('.widget-slider .slider-container')].map(e => e.getBoundingClientRect().width),
    images: [...explorer.querySelectorAll('img')].map(i => [i.getBoundingClientRect().width, i.naturalWidth]),
    texts,
  };
}"""


def within(inner: dict, outer: dict) -> bool:
    return (inner["top"] >= outer["top"] - 1 and inner["bottom"] <= outer["bottom"] + 1
            and inner["left"] >= outer["left"] - 1 and inner["right"] <= outer["right"] + 1)


def test_every_notebook_with_an_explorer_is_checked():
    assert len(EXPLORER_NOTEBOOKS) >= 6 and all(explorer_cells(name) for name in EXPLORER_NOTEBOOKS)


@pytest.mark.parametrize("name", EXPLORER_NOTEBOOKS)
def test_explorers_fit_laptop_and_projector_screens(lab, name):
    url, _, instance = lab
    expected = explorer_cells(name)
    page = new_page(instance, *SCREENS["laptop"])
    errors, remote = watch(page)
    problems = []
    try:
        open_notebook(page, url, f"notebooks/{name}")
        explorers = page.locator(".jp-NotebookPanel:visible .balkangames-explorer")
        for attempt in range(3):  # a click on a busy machine can be lost: run again if nothing came
            run_all(page)
            wait_for_idle_kernel(page)
            try:  # attached, not "visible": off-screen cells are not rendered visible
                explorers.nth(expected - 1).wait_for(state="attached", timeout=60_000)
                break
            except Exception:
                if attempt == 2:
                    raise
        wait_for_idle_kernel(page)
        SHOTS.mkdir(parents=True, exist_ok=True)
        for screen, (width, height) in SCREENS.items():
            page.set_viewport_size({"width": width, "height": height})
            for index in range(expected):
                explorer = explorers.nth(index)
                # Bring the explorer on screen first: JupyterLab may render an off-screen output's
                # widgets only once it becomes visible (content-visibility), slowly on a busy machine.
                explorer.evaluate("e => e.scrollIntoView({block: 'start'})")
                explorer.locator(".balkangames-controls").evaluate("e => e.scrollIntoView({block: 'start'})")
                page.wait_for_timeout(300)
                found = explorer.evaluate(MEASURE)
                where = f"{name} explorer {index + 1} at {width}x{height}"
                page.screenshot(path=str(SHOTS / f"{name[:2]}-{index + 1}-{screen}.png"))
                if not (within(found["controls"], found["view"]) and within(found["plot"], found["view"])):
                    problems.append(f"{where}: controls {found['controls']} and plot {found['plot']} "
                                    f"not both inside the notebook's view {found['view']}")
                short = [round(w) for w in found["tracks"] if w < MIN_TRACK_PX]
                if short:
                    problems.append(f"{where}: slider tracks {short} px < {MIN_TRACK_PX}")
                small = sorted({(size, text) for size, text in found["texts"] if size < MIN_TEXT_PX})
                if small:
                    problems.append(f"{where}: text under {MIN_TEXT_PX} px: {small[:5]}")
                shrunk = [(round(shown), natural) for shown, natural in found["images"] if shown < natural * 12 / 13]
                if shrunk:  # plot text is drawn at >= 13 px; shown smaller, it drops under 12
                    problems.append(f"{where}: plots shown shrunk (shown, natural px): {shrunk}")
        problems += [f"{name}: console error {error[:300]}" for error in errors]
        problems += [f"{name}: request that fails offline {address}" for address in remote]
    finally:
        page.close()
    assert not problems, "\n".join(problems)


def test_instructor_lab_shows_nbgrader_and_opens_the_course_source(lab, tmp_path):
    """``make instructor``: the grading tools are there, and the tracked MyST notebook opens as a notebook."""
    from browser_harness import instructor_lab

    source = NOTEBOOKS / "00-start-here.md"
    before = sha(source)
    instance = lab[2]  # the module's browser: Playwright's sync API cannot run two at once
    with instructor_lab(tmp_path / "lab.log") as url:
        page = new_page(instance, *SCREENS["laptop"])
        page.goto(url)
        page.get_by_role("heading", name=re.compile("Start here")).first.wait_for()
        wait_for_idle_kernel(page)
        assert "Nbgrader" in page.locator("#jp-MainMenu").inner_text()
        page.close()
    assert sha(source) == before  # opening the tracked source does not rewrite it
