"""nbgrader configuration of the balkangames course (run nbgrader from this directory).

Student code is executed in a bubblewrap sandbox (balkangames.exercises.sandbox):
it cannot read source/, release/, submitted/, the gradebook or the sanitised copy
of its own notebook that already holds the hidden tests, and it has no network.
Set BALKANGAMES_NO_SANDBOX=1 only on a machine without bwrap, and only for
trusted notebooks (e.g. validating your own solutions).
"""

import os

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties,
    CheckCellMetadata,
    GetGrades,
    IgnorePattern,
    LimitOutput,
    SaveAutoGrades,
)

from balkangames.exercises.grading_feedback import HideHiddenTests
from balkangames.exercises.sandbox import SandboxedExecute

c = get_config()  # noqa: F821 -- provided by traitlets when it loads this file

COURSE_ROOT = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.course_id = "balkangames"
c.CourseDirectory.root = COURSE_ROOT
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(COURSE_ROOT, "gradebook.db")

# Release: remove solution regions and hidden tests; students see "YOUR CODE HERE".
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
c.ClearHiddenTests.enforce_metadata = True

# Autograding: deleted or edited test cells are restored from the gradebook, every
# cell has a time limit, and the kernel runs sandboxed.
c.OverwriteCells.add_missing_cells = True
c.Execute.timeout = 10
c.Execute.interrupt_on_timeout = True
c.Execute.startup_timeout = 60
c.LimitOutput.max_lines = 200

# Feedback: students see their scores and which tests failed, not the hidden test code.
c.GenerateFeedback.preprocessors = [GetGrades, HideHiddenTests, CSSHTMLHeaderPreprocessor]

if os.environ.get("BALKANGAMES_NO_SANDBOX") != "1":
    c.Autograde.autograde_preprocessors = [
        SandboxedExecute,
        IgnorePattern,
        ClearMetadataPreprocessor,
        LimitOutput,
        SaveAutoGrades,
        AssignLatePenalties,
        CheckCellMetadata,
    ]
    c.SandboxedKernelManager.hidden_paths = [COURSE_ROOT]
