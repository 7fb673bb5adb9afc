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
from test_learner_text import offenders

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
        # Links read as links: titles, not file names as code, underlined or coloured apart from the text.
        links = page.locator(".jp-RenderedMarkdown a")
        assert page.locator(".jp-RenderedMarkdown a code").count() == 0
        looks = links.first.evaluate("""a => { const s = getComputedStyle(a), p = getComputedStyle(a.parentElement);
            return [s.textDecorationLine, s.color, p.color]; }""")
        assert "underline" in looks[0] or looks[1] != looks[2], f"links do not look like links: {looks}"
        link = page.locator(".jp-RenderedMarkdown a", has_text="Exercises: the security dilemma")
        link.first.click()
        page.locator(".lm-TabBar-tab", has_text="01-security-dilemma.ipynb").wait_for()
        page.locator(".jp-NotebookPanel:visible .jp-Cell").first.wait_for()
        assert (workspace / "exercises" / "self-paced" / "01-security-dilemma" / "01-security-dilemma.ipynb").exists()
        # The lecture view is the instructor's: not in the students' file list.
        base, _, token = url.partition("?token=")
        listing = page.request.get(f"{base.rstrip('/')}/api/contents/notebooks?token={token}").json()
        listed = {item["name"] for item in listing["content"]}
        assert "01-security-dilemma-prisoners-dilemma.md" in listed and "present-alliances.md" not in listed
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
    cut: [...explorer.querySelectorAll('.widget-label, .widget-readout, .widget-toggle-button')]
      .filter(e => e.getClientRects().length && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1))
      .map(e => e.textContent.trim()),
    images: [...explorer.querySelectorAll('img')].map(i => [i.getBoundingClientRect().width, i.naturalWidth]),
    texts,
  };
}"""


#: The text a learner reads in a notebook: rendered Markdown and outputs (code cells are code).
VISIBLE_TEXT = """notebook => {
  const parts = [];
  for (const area of notebook.querySelectorAll('.jp-RenderedMarkdown, .jp-OutputArea-output')) {
    const walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT, {acceptNode: node =>
      node.parentElement.closest('style, script, code, pre.jp-code') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
    while (walker.nextNode()) parts.push(walker.currentNode.textContent);
    for (const select of area.querySelectorAll('select')) parts.push(...[...select.options].map(o => o.text));
    for (const titled of area.querySelectorAll('[title]')) parts.push(titled.title);
  }
  return parts.join(' ');
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
                # Output above may still grow (MathJax, images) after a resize: scroll until it settles.
                for _ in range(4):
                    explorer.evaluate("e => e.scrollIntoView({block: 'start'})")
                    explorer.locator(".balkangames-controls").evaluate("e => e.scrollIntoView({block: 'start'})")
                    page.wait_for_timeout(400)
                    found = explorer.evaluate(MEASURE)
                    if within(found["controls"], found["view"]) and within(found["plot"], found["view"]):
                        break
                where = f"{name} explorer {index + 1} at {width}x{height}"
                page.screenshot(path=str(SHOTS / f"{name[:2]}-{index + 1}-{screen.replace(' ', '-')}.png"))
                if not (within(found["controls"], found["view"]) and within(found["plot"], found["view"])):
                    problems.append(f"{where}: controls {found['controls']} and plot {found['plot']} "
                                    f"not both inside the notebook's view {found['view']}")
                if found["cut"]:
                    problems.append(f"{where}: labels cut off: {found['cut']}")
                short = [round(w) for w in found["tracks"] if w < MIN_TRACK_PX]
                if short:
                    problems.append(f"{where}: slider tracks {short} px < {MIN_TRACK_PX}")
                small = sorted({(size, text) for size, text in found["texts"] if size < MIN_TEXT_PX})
                if small:
                    problems.append(f"{where}: text under {MIN_TEXT_PX} px: {small[:5]}")
                shrunk = [(round(shown), natural) for shown, natural in found["images"] if shown < natural * 12 / 13]
                if shrunk:  # plot text is drawn at >= 13 px; shown smaller, it drops under 12
                    problems.append(f"{where}: plots shown shrunk (shown, natural px): {shrunk}")
        shown = page.locator(".jp-NotebookPanel:visible .jp-Notebook").evaluate(VISIBLE_TEXT)
        problems += [f"{name}: a learner reads {word!r}" for word in sorted(set(offenders(shown)))]
        problems += [f"{name}: console error {error[:300]}" for error in errors]
        problems += [f"{name}: request that fails offline {address}" for address in remote]
    finally:
        page.close()
    assert not problems, "\n".join(problems)


#: How often the save key is pressed before a save counts as failed (each press waits 20 s).
SAVE_ATTEMPTS = 3


def _saved(page, on_disk: Path, written: int) -> bool:
    """Whether, within 20 s, the file is written and the tab no longer marked unsaved."""
    for _ in range(100):
        if on_disk.stat().st_mtime_ns != written and not page.locator(".lm-TabBar-tab.jp-mod-current.jp-mod-dirty").count():
            return True
        page.wait_for_timeout(200)
    return False


def saved_cleanly(page, url: str, path: str, on_disk: Path) -> list[str]:
    """Open ``path``: not dirty; run all, save (the file is written), reopen: still not dirty.

    Returns the problems found (an empty list when the notebook behaves).
    """
    problems = []
    open_notebook(page, url, path)
    page.wait_for_timeout(2000)  # the kernel's metadata arrives after it is idle
    if page.locator(".lm-TabBar-tab.jp-mod-current.jp-mod-dirty").count():
        problems.append(f"{path} opened marked unsaved")
    run_all(page)
    page.wait_for_timeout(1000)
    wait_for_idle_kernel(page)
    written = on_disk.stat().st_mtime_ns
    for _ in range(SAVE_ATTEMPTS):
        # On a busy machine the click can land before the notebook takes focus and the key goes
        # nowhere: press again, as a person would, but never count a save that did not happen.
        page.locator(".jp-NotebookPanel:visible .jp-Notebook").click(position={"x": 5, "y": 5})
        page.keyboard.press("Control+s")
        if _saved(page, on_disk, written):
            break
    else:
        problems.append(f"{path}: Ctrl+S did not save the notebook ({SAVE_ATTEMPTS} presses)")
    page.reload()
    page.locator(".jp-NotebookPanel:visible .jp-Notebook").wait_for()
    wait_for_idle_kernel(page)
    page.wait_for_timeout(2000)
    if page.locator(".lm-TabBar-tab.jp-mod-dirty").count():
        problems.append(f"{path} opened marked unsaved after run all + save")
    return problems


def close_all_tabs(page) -> None:
    """Close every document (discarding nothing: they are all saved), so the next test starts bare."""
    page.locator("#jp-MainMenu").get_by_text("File", exact=True).click()
    page.get_by_role("menuitem", name=re.compile("^Close All Tabs")).first.click()
    page.wait_for_timeout(500)


@pytest.mark.parametrize("name", ["01-security-dilemma-prisoners-dilemma.md", "05-timeline-1999-2025.md"])
def test_student_notebooks_stay_clean_after_saves(lab, name):
    """Run all + save, twice: the notebook never reopens marked unsaved, and the second save
    writes the same bytes as the first (the header is pinned: no Jupytext version)."""
    url, workspace, instance = lab
    on_disk = workspace / "notebooks" / name
    page = new_page(instance, *SCREENS["laptop"])
    try:
        problems = saved_cleanly(page, url, f"notebooks/{name}", on_disk)
        first = on_disk.read_bytes()
        problems += saved_cleanly(page, url, f"notebooks/{name}", on_disk)
        assert on_disk.read_bytes() == first, "a second save without edits changed the file"
        assert b"jupytext_version" not in first
        close_all_tabs(page)
    finally:
        page.close()
    assert not problems, "\n".join(problems)


def test_instructor_lab_shows_nbgrader_and_saves_without_changing_the_course(lab, tmp_path):
    """``make instructor``: the grading tools are there, and opening, running and saving the
    tracked MyST notebooks leaves ``git status`` clean."""
    import subprocess

    from browser_harness import instructor_lab

    def status() -> str:
        return subprocess.run(["git", "status", "--porcelain", "--", "notebooks"], cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout

    names = ["00-start-here.md", "01-security-dilemma-prisoners-dilemma.md", "04-alliances-change-equilibria.md"]
    if status():
        pytest.skip("notebooks/ has uncommitted changes: git status cannot tell what a save changed")
    before = {name: sha(NOTEBOOKS / name) for name in names}
    originals = {name: (NOTEBOOKS / name).read_bytes() for name in names}
    instance = lab[2]  # the module's browser: Playwright's sync API cannot run two at once
    problems = []
    with instructor_lab(tmp_path / "lab.log") as url:
        page = new_page(instance, *SCREENS["projector"])
        try:
            page.goto(url)
            page.get_by_role("heading", name=re.compile("Start here")).first.wait_for()
            wait_for_idle_kernel(page)
            assert "Nbgrader" in page.locator("#jp-MainMenu").inner_text()
            for name in names:
                problems += saved_cleanly(page, url, f"notebooks/{name}", NOTEBOOKS / name)
            close_all_tabs(page)
        finally:
            page.close()
    changed = status()
    for name, text in originals.items():  # put back what a failed save changed (nothing else)
        if (NOTEBOOKS / name).read_bytes() != text:
            (NOTEBOOKS / name).write_bytes(text)
    assert not changed, f"saving without edits changed tracked files:\n{changed}"
    assert {name: sha(NOTEBOOKS / name) for name in names} == before
    assert not problems, "\n".join(problems)
