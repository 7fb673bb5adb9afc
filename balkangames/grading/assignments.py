"""Assignments as documents: one MyST file per notebook, its checks in ``grading.py`` beside it.

An instructor edits ``exercises/assignments/documents/<assignment>/<notebook>.md`` in JupyterLab
(jupytext opens it as a notebook) or a text editor: nbgrader's cell metadata sits in each cell's
options (``:nbgrader: {grade_id: q1-answer, solution: true}``; for markdown cells
``+++ {"nbgrader": {...}}``), solution and hidden-test regions are marked in the text
(``### BEGIN SOLUTION``, ``### BEGIN HIDDEN TESTS``) and the front matter declares what a graded
notebook may import (``balkangames: allowed_imports``) and which files of a submission reach
the kernel (``data_files``). ``grading.py`` beside it maps each autograded cell to a
:class:`~balkangames.grading.checks.Check`.

:func:`build_sources` writes nbgrader's ``source/<assignment>/<notebook>.ipynb`` from the
documents (built, not committed); the grader reads the declarations back from there and the
checks from ``grading.py`` (:func:`load_checks`).
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
from pathlib import Path

import jupytext
import nbformat

__all__ = ["SCHEMA_VERSION", "build_notebook", "build_sources", "declared", "load_checks"]

SCHEMA_VERSION = 3
_FLAGS = ("grade", "locked", "solution", "task")
METADATA_KEY = "balkangames"


def _complete(meta: dict, where: str) -> dict:
    if not isinstance(meta.get("grade_id"), str) or not meta["grade_id"]:
        raise ValueError(f"{where}: every nbgrader cell needs a grade_id")
    full = {flag: bool(meta.get(flag, False)) for flag in _FLAGS}
    full.update({"grade_id": meta["grade_id"], "schema_version": SCHEMA_VERSION})
    if full["grade"]:
        if not isinstance(meta.get("points"), (int, float)) or meta["points"] <= 0:
            raise ValueError(f"{where}: graded cell {meta['grade_id']!r} needs positive points")
        full["points"] = meta["points"]
    unknown = set(meta) - set(full) - {"points"}
    if unknown:
        raise ValueError(f"{where}: unknown nbgrader option(s) {sorted(unknown)} in {meta['grade_id']!r}")
    return full


def _allow_imports_call(source: str) -> tuple[str, ...] | None:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "allow_imports":
            return tuple(a.value for a in node.args if isinstance(a, ast.Constant))
    return None


def build_notebook(document: Path) -> nbformat.NotebookNode:
    """The nbgrader source notebook of one MyST document (checked: ids, points, declared imports)."""
    document = Path(document)
    nb = jupytext.read(document, fmt="md:myst")
    declaration = dict(nb.metadata.get(METADATA_KEY) or {})
    allowed = tuple(declaration.get("allowed_imports") or ())
    data_files = tuple(declaration.get("data_files") or ())
    seen = set()
    calls = []
    for index, cell in enumerate(nb.cells):
        cell.id = f"cell-{index:02d}"
        meta = cell.metadata.get("nbgrader")
        if meta is None:
            continue
        cell.metadata["nbgrader"] = full = _complete(dict(meta), str(document))
        if full["grade_id"] in seen:
            raise ValueError(f"{document}: grade_id {full['grade_id']!r} is used twice")
        seen.add(full["grade_id"])
        cell.id = full["grade_id"]
        if cell.cell_type == "code" and full["locked"]:
            call = _allow_imports_call(cell.source)
            if call is not None:
                calls.append(call)
    if calls != [allowed]:
        raise ValueError(f"{document}: a locked set-up cell must call allow_imports{allowed!r} once, as the "
                         f"front matter's allowed_imports declares (found {calls})")
    nb.metadata = nbformat.NotebookNode({
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        METADATA_KEY: {"allowed_imports": list(allowed), "data_files": list(data_files)},
    })
    nbformat.validate(nb)
    return nb


def build_sources(documents: Path, source: Path, assignments=None, check: bool = False) -> list[Path]:
    """Write ``source/<assignment>/<notebook>.ipynb`` for every document; return the paths written.

    With ``check``, write nothing and return the notebooks that are missing or stale.
    """
    documents, source = Path(documents), Path(source)
    changed = []
    for folder in sorted(p for p in documents.iterdir() if p.is_dir()):
        if assignments and folder.name not in assignments:
            continue
        for document in sorted(folder.glob("*.md")):
            target = source / folder.name / f"{document.stem}.ipynb"
            text = nbformat.writes(build_notebook(document)) + "\n"
            if target.exists() and target.read_text(encoding="utf-8") == text:
                continue
            changed.append(target)
            if not check:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
    return changed


def declared(source_notebook) -> tuple[tuple[str, ...] | None, tuple[str, ...]]:
    """(allowed imports, data files) a built source notebook declares; (None, ()) when it declares nothing."""
    declaration = source_notebook.get("metadata", {}).get(METADATA_KEY)
    if not isinstance(declaration, dict):
        return None, ()
    return tuple(declaration.get("allowed_imports") or ()), tuple(declaration.get("data_files") or ())


def load_checks(documents: Path, assignment: str) -> dict:
    """grade_id -> Check from ``documents/<assignment>/grading.py`` (empty when there is none)."""
    path = Path(documents) / assignment / "grading.py"
    if not path.is_file():
        return {}
    spec = importlib.util.spec_from_file_location(f"balkangames_assignment_{assignment.replace('-', '_')}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return dict(module.CHECKS)


def main(argv=None) -> int:
    """``python -m balkangames.grading.assignments DOCUMENTS SOURCE [--check]``."""
    parser = argparse.ArgumentParser(description="Build nbgrader source notebooks from MyST assignment documents.")
    parser.add_argument("documents", type=Path)
    parser.add_argument("source", type=Path)
    parser.add_argument("--check", action="store_true", help="only list missing or stale notebooks")
    parser.add_argument("--assignment", action="append", help="only this assignment (repeatable)")
    args = parser.parse_args(argv)
    changed = build_sources(args.documents, args.source, args.assignment, check=args.check)
    for path in changed:
        print(("stale: " if args.check else "built: ") + str(path))
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
