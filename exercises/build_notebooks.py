"""Regenerate the exercise notebooks from their Python sources.

Usage (from the repository root)::

    python exercises/build_notebooks.py            # write all notebooks
    python exercises/build_notebooks.py --check    # fail if a committed notebook is stale

Writes ``exercises/assignments/source/<assignment>/<notebook>.ipynb`` (nbgrader
sources, from :mod:`assignment_sources`). The self-paced exercises are not generated: each is
a MyST notebook with its ``answers.py`` in ``exercises/self-paced/<name>/``. Notebooks are written without outputs and with
fixed cell ids, so regenerating an unchanged source changes nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from assignment_sources import ASSIGNMENTS  # noqa: E402


def planned_notebooks(root: Path = HERE) -> dict[Path, nbformat.NotebookNode]:
    """Every generated notebook by its path under ``root`` (the ``exercises/`` folder)."""
    plan = {}
    for assignment, notebooks in ASSIGNMENTS.items():
        for name, build in notebooks.items():
            plan[root / "assignments" / "source" / assignment / f"{name}.ipynb"] = build()
    return plan


def _serialise(nb: nbformat.NotebookNode) -> str:
    nbformat.validate(nb)
    return nbformat.writes(nb) + "\n"


def main(argv=None) -> int:
    """Write (or with ``--check`` compare) every generated notebook; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale notebooks")
    parser.add_argument("--root", type=Path, default=HERE, help="exercises folder to write into")
    args = parser.parse_args(argv)
    stale = []
    for path, nb in planned_notebooks(args.root).items():
        text = _serialise(nb)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for path in stale:
        print(("stale: " if args.check else "wrote: ") + str(path))
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
