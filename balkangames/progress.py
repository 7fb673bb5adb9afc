"""Progress for long work: a bar in a terminal, JupyterLab's progress widget in a notebook.

Autograding a class (``exercises/grade.py``) and computing every case's sensitivity take
seconds to minutes; they show how far they are instead of staying silent. ``tqdm.auto`` picks
the notebook widget inside Jupyter and a text bar elsewhere; the bar goes to stderr, so JSON
printed on stdout stays clean.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from tqdm.auto import tqdm

from . import cases


def progress_bar(iterable: Iterable | None = None, *, total: int | None = None, description: str = "",
                 unit: str = "it", enabled: bool = True):
    """A tqdm progress bar (widget in a notebook, text on a terminal); ``enabled=False``: none shown."""
    return tqdm(iterable, total=total, desc=description, unit=unit, disable=not enabled, leave=True)


def for_all_cases(compute: Callable, *, description: str, enabled: bool = True) -> dict:
    """``{case id: compute(case)}`` for every case, with a progress bar counting cases."""
    ids = cases.list_cases()
    return {case_id: compute(cases.load(case_id))
            for case_id in progress_bar(ids, description=description, unit="case", enabled=enabled)}


def sensitivity_of_all_cases(year: int | None = None, *, enabled: bool = True) -> dict:
    """Every case's sensitivity report (see ``Case.sensitivity``) at ``year``, showing progress."""
    return for_all_cases(lambda case: case.sensitivity(year), description="sensitivity of every case",
                         enabled=enabled)
