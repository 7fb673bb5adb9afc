"""How fast the explorers answer in a real browser: interaction -> text update, -> plot update.

Serves one notebook holding every explorer of :data:`balkangames.widgets.EXPLORERS` with Voilà,
opens it in Debian's Chromium (Playwright) and, explorer by explorer, presses an arrow key on a
slider (or picks the next option of a dropdown) ``--moves`` times. In the page, a
MutationObserver notes when the explorer's text (table or summary) and its main plot change;
the latency is measured from the key press, in the page's own clock. Prints median and p95
per kind over all interactions (at least 50), and per explorer.

Goals on the 2-core CI machine: p95 <= 100 ms for text and <= 150 ms for plots. This is a
benchmark, not a test: it reports, and exits with status 1 only when a goal is missed.

    python benchmarks/bench_browser.py [--moves 10] [--width 1366 --height 768]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import nbformat
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

GOALS_MS = {"text": 100.0, "plot": 150.0}

#: One interaction, run in the page: press ArrowRight on a slider handle (or choose the next
#: option of a dropdown) and resolve with [ms to the first text change, ms to the plot change,
#: whether the control was a dropdown (a case switch, a membership)].
INTERACT = """async ([explorer, index]) => {
  const sliders = [...explorer.querySelectorAll('.balkangames-controls .noUi-handle')];
  const selects = [...explorer.querySelectorAll('.balkangames-controls select')];
  // The HTML widgets' content boxes stay; their inner HTML is replaced on each update.
  const texts = [...explorer.querySelectorAll('.balkangames-text, .balkangames-payoffs')].map(t => t.parentElement);
  const plot = explorer.querySelector('.balkangames-main-plot');
  const controls = [...sliders, ...selects];
  const control = controls[index % controls.length];
  return await new Promise(resolve => {
    let start, text = null, image = null;
    const finish = () => { observer.disconnect(); resolve([text, image, control.tagName === 'SELECT']); };
    const observer = new MutationObserver(records => {
      const now = performance.now() - start;
      for (const record of records) {
        if (record.target === plot && image === null) image = now;
        else if (text === null && texts.some(t => t.contains(record.target) || record.target.contains(t))) text = now;
      }
      if (text !== null && image !== null) finish();
    });
    observer.observe(explorer, {subtree: true, childList: true, attributes: true, characterData: true});
    start = performance.now();
    if (control.tagName === 'SELECT') {
      control.selectedIndex = (control.selectedIndex + 1) % control.options.length;
      control.dispatchEvent(new Event('change', {bubbles: true}));
    } else {
      control.focus();
      const key = (index / controls.length) % 2 < 1 ? 'ArrowRight' : 'ArrowLeft';
      control.dispatchEvent(new KeyboardEvent('keydown', {key, bubbles: true}));
    }
    setTimeout(finish, 5000);  // nothing changed (e.g. a slider already at its end)
  });
}"""


def explorer_notebook() -> nbformat.NotebookNode:
    from balkangames.widgets import EXPLORERS

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for name in EXPLORERS:
        notebook.cells.append(nbformat.v4.new_code_cell(
            f"from balkangames.widgets import EXPLORERS\nEXPLORERS[{name!r}]()"))
    return notebook


def run(moves: int, width: int, height: int) -> dict[str, dict[str, list[float]]]:
    """Latencies in ms, ``{explorer: {"text": [...], "plot": [...]}}``."""
    from browser_harness import browser, free_port, new_page, serve

    from balkangames.widgets import EXPLORERS

    results = {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "explorers.ipynb"
        nbformat.write(explorer_notebook(), path)
        port = free_port()
        command = [sys.executable, "-m", "voila", str(path), "--no-browser", "--Voila.ip=127.0.0.1", f"--port={port}",
                   "--VoilaConfiguration.extension_allowlist=['@voila-dashboards/widgets-manager8', "
                   "'@jupyter-widgets/jupyterlab-manager']"]
        with serve(command, port, Path(folder) / "voila.log"), browser() as instance:
            page = new_page(instance, width, height)
            page.goto(f"http://127.0.0.1:{port}/")
            explorers = page.locator(".balkangames-explorer")
            explorers.nth(len(EXPLORERS) - 1).wait_for()
            page.wait_for_timeout(2000)
            for index, name in enumerate(EXPLORERS):
                explorer = explorers.nth(index)
                explorer.scroll_into_view_if_needed()
                handle = explorer.element_handle()
                found = {"text": [], "plot": [], "dropdown plot": []}
                for move in range(moves):
                    text, plot, dropdown = page.evaluate(INTERACT, [handle, move])
                    if text is not None:
                        found["text"].append(text)
                    if plot is not None:
                        found["plot"].append(plot)
                        if dropdown:
                            found["dropdown plot"].append(plot)
                    page.wait_for_timeout(150)  # let the kernel go idle between moves
                results[name] = found
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=10,
                        help="interactions per explorer (default 10: at least 50 that change a plot)")
    parser.add_argument("--width", type=int, default=1366)
    parser.add_argument("--height", type=int, default=768)
    args = parser.parse_args(argv)
    results = run(args.moves, args.width, args.height)
    print(f"{'explorer':<16} {'text p50':>9} {'text p95':>9} {'plot p50':>9} {'plot p95':>9}  (ms, n)")
    for name, found in results.items():
        cells = []
        for kind in ("text", "plot"):
            values = found[kind]
            cells += [f"{np.percentile(values, 50):9.0f}", f"{np.percentile(values, 95):9.0f}"] if values else ["-", "-"]
        print(f"{name:<16} {' '.join(cells)}  (n = {len(found['text'])}, {len(found['plot'])})")
    switches = [v for found in results.values() for v in found["dropdown plot"]]
    if switches:
        print(f"dropdowns (case switches, memberships) plot: median {np.percentile(switches, 50):.0f} ms, "
              f"p95 {np.percentile(switches, 95):.0f} ms over {len(switches)} interactions (included below)")
    failed = False
    for kind, goal in GOALS_MS.items():
        values = [v for found in results.values() for v in found[kind]]
        if not values:
            print(f"{kind}: no update observed")
            failed = True
            continue
        p50, p95 = np.percentile(values, 50), np.percentile(values, 95)
        missed = p95 > goal
        failed |= missed
        print(f"all {kind}: median {p50:.0f} ms, p95 {p95:.0f} ms over {len(values)} interactions "
              f"(goal p95 <= {goal:.0f} ms){'  MISSED' if missed else ''}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
