"""Feedback that carries scores, failed-test names and the grader's curated messages only.

An autograded notebook holds the code the grader wrote into the autograded cells
(with the inputs it drew), the instructor's review cell and whatever the
student's code printed, including anything it printed *about* the grading (its
own history, hooks, frames). :class:`HideHiddenTests` prepares the feedback HTML:

* the review cell (:mod:`balkangames.grading.grader`) is removed;
* the ``### BEGIN/END HIDDEN TESTS`` region of every test cell is replaced by a
  placeholder;
* every output is removed except the grader's one verdict per autograded cell
  (written by the grader outside the kernel: a pass line or ``GradingFailure``
  with a curated message).

Enable it in ``nbgrader_config.py``::

    c.GenerateFeedback.preprocessors = [GetGrades, HideHiddenTests, CSSHTMLHeaderPreprocessor]
"""

from __future__ import annotations

import re

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool, Unicode

__all__ = ["HideHiddenTests", "SanitizeStudentMarkdown", "strip_hidden_tests"]

_HIDDEN = re.compile(
    r"^[ \t]*### BEGIN HIDDEN TESTS[^\n]*\n.*?^[ \t]*### END HIDDEN TESTS[^\n]*(\n|$)",
    re.DOTALL | re.MULTILINE,
)
REVIEW_KEY = "balkangames_review"


def strip_hidden_tests(source: str, placeholder: str = "# (hidden tests are not shown)\n") -> str:
    """Replace every ``### BEGIN/END HIDDEN TESTS`` region of ``source`` by ``placeholder``.

    >>> strip_hidden_tests("a = 1\\n### BEGIN HIDDEN TESTS\\nassert a == 1\\n### END HIDDEN TESTS\\n")
    'a = 1\\n# (hidden tests are not shown)\\n'
    """
    return _HIDDEN.sub(lambda _match: placeholder, source)


def _is_test_cell(cell) -> bool:
    meta = cell.metadata.get("nbgrader", {})
    return cell.cell_type == "code" and bool(meta.get("grade")) and not meta.get("solution")


def _is_verdict(output) -> bool:
    if output.get("output_type") == "error":
        return output.get("ename") == "GradingFailure"
    return output.get("output_type") == "stream" and output.get("text", "").startswith("PASSED ")


class HideHiddenTests(Preprocessor):
    """nbconvert preprocessor: feedback without hidden tests, student output or review notes."""

    # nbconvert preprocessors are off unless enabled; nbgrader registers this one by class.
    enabled = Bool(True).tag(config=True)
    placeholder = Unicode("# (hidden tests are not shown)\n", help="Text shown instead.").tag(config=True)

    def preprocess(self, nb, resources):
        """Drop the review cell, then treat every cell (see :meth:`preprocess_cell`)."""
        nb.cells = [cell for cell in nb.cells if REVIEW_KEY not in cell.metadata]
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        """Keep only the grader's verdict in a test cell; no outputs anywhere else."""
        if cell.cell_type != "code":
            return cell, resources
        if _is_test_cell(cell):
            cell.source = strip_hidden_tests(cell.source, self.placeholder)
            verdicts = [o for o in cell.get("outputs", []) if _is_verdict(o)][:1]
            for output in verdicts:
                if output.get("output_type") == "error":
                    output["traceback"] = [f"GradingFailure: {output.get('evalue', '')}"]
            cell.outputs = verdicts
        else:
            cell.outputs = []
        return cell, resources


class SanitizeStudentMarkdown(Preprocessor):
    """nbconvert preprocessor: neutralise HTML in the markdown cells students can edit.

    nbconvert's ``sanitize_html`` cleans outputs, but the formgrader's template renders a
    markdown answer's raw HTML as it is; an ``<img onerror=...>`` written in a written
    answer would run in the instructor's logged-in session. Every ``<`` is escaped, so
    no tag survives (it is shown as text), and ``javascript:`` links are disarmed;
    locked cells (the instructor's) are left alone.

    >>> import nbformat
    >>> cell = {"cell_type": "markdown", "metadata": {}, "source": "<img onerror=x> [a](JavaScript:go())"}
    >>> SanitizeStudentMarkdown().preprocess_cell(nbformat.from_dict(cell), {}, 0)[0].source
    '&lt;img onerror=x> [a](blocked-JavaScript:go())'
    """

    enabled = Bool(True).tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        """Escape the HTML of an unlocked markdown cell."""
        if cell.cell_type == "markdown" and not cell.metadata.get("nbgrader", {}).get("locked"):
            source = cell.source.replace("&", "&amp;").replace("<", "&lt;")
            cell.source = _SCRIPT_URL.sub(lambda match: "blocked-" + match.group(0), source)
        return cell, resources


_SCRIPT_URL = re.compile(r"(java|vb)script\s*:", re.IGNORECASE)
