"""Keep hidden tests out of the feedback that nbgrader hands back to students.

An autograded notebook holds the hidden tests (nbgrader restored them from the
gradebook to run them), and a failing test's traceback quotes the failing line.
:class:`HideHiddenTests` removes the hidden region from every test cell and
shortens error tracebacks of test cells to ``ename: evalue`` before the feedback
HTML is written, so students learn *which* test failed and its message, not the
test code. Enable it in ``nbgrader_config.py``::

    c.GenerateFeedback.preprocessors = [GetGrades, HideHiddenTests, CSSHTMLHeaderPreprocessor]
"""

from __future__ import annotations

import re

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool, Unicode

__all__ = ["HideHiddenTests", "strip_hidden_tests"]

_HIDDEN = re.compile(
    r"^[ \t]*### BEGIN HIDDEN TESTS[^\n]*\n.*?^[ \t]*### END HIDDEN TESTS[^\n]*(\n|$)",
    re.DOTALL | re.MULTILINE,
)


def strip_hidden_tests(source: str, placeholder: str = "# (hidden tests are not shown)\n") -> str:
    """Replace every ``### BEGIN/END HIDDEN TESTS`` region of ``source`` by ``placeholder``.

    >>> strip_hidden_tests("a = 1\\n### BEGIN HIDDEN TESTS\\nassert a == 1\\n### END HIDDEN TESTS\\n")
    'a = 1\\n# (hidden tests are not shown)\\n'
    """
    return _HIDDEN.sub(lambda _match: placeholder, source)


def _is_test_cell(cell) -> bool:
    meta = cell.metadata.get("nbgrader", {})
    return cell.cell_type == "code" and bool(meta.get("grade")) and not meta.get("solution")


class HideHiddenTests(Preprocessor):
    """nbconvert preprocessor: remove hidden tests and their tracebacks from test cells."""

    # nbconvert preprocessors are off unless enabled; nbgrader registers this one by class.
    enabled = Bool(True).tag(config=True)
    placeholder = Unicode("# (hidden tests are not shown)\n", help="Text shown instead.").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        """Strip the hidden region and shorten error outputs of a test cell."""
        if not _is_test_cell(cell):
            return cell, resources
        hidden = _HIDDEN.search(cell.source) is not None
        cell.source = strip_hidden_tests(cell.source, self.placeholder)
        if hidden:
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    output["traceback"] = [f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"]
        return cell, resources
