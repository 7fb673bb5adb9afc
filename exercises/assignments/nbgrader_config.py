"""nbgrader configuration of the balkangames course (run nbgrader from this directory).

Student code never shares a process with the comparison that awards points
(balkangames.grading.grader): the kernel only calls the student's functions on
inputs drawn at grading time and reports plain JSON; the grader judges each answer in
a bounded child process of its own. The kernel runs in a bubblewrap sandbox built by
allow-list (balkangames.grading.sandbox): the standard library, the libraries the
assignment allows and the probe module only (not balkangames); no course, exchange or
checkout, no network, a cleared environment, and memory, processes and CPU limited for
the whole sandbox. The source notebooks in source/ are built from the MyST documents in
documents/ (make -C exercises sources). Set
BALKANGAMES_NO_SANDBOX=1 only on a machine without bwrap, and only for trusted
notebooks (e.g. validating your own solutions); the comparison stays outside.
"""

import os

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties,
    CheckCellMetadata,
    ClearOutput,
    DeduplicateIds,
    GetGrades,
    IgnorePattern,
    OverwriteCells,
    OverwriteKernelspec,
    SaveAutoGrades,
)

from balkangames.grading.feedback import HideHiddenTests
from balkangames.grading.grader import CleanSubmission, GradeOutsideKernel

c = get_config()  # noqa: F821 -- provided by traitlets when it loads this file

COURSE_ROOT = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.course_id = "balkangames"
c.CourseDirectory.root = COURSE_ROOT
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(COURSE_ROOT, "gradebook.db")

# Release: remove solution regions and hidden tests; students see "YOUR CODE HERE".
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
c.ClearHiddenTests.enforce_metadata = True

# Autograding: submissions are first rebuilt on the source notebook's cells (odd
# metadata drops nothing), deleted or edited test cells are restored from the
# gradebook, every cell has a time limit, the kernel runs sandboxed and the grader
# judges the kernel's reports in this process.
c.CleanSubmission.source_directory = os.path.join(COURSE_ROOT, "source")
c.Autograde.sanitize_preprocessors = [
    CleanSubmission, ClearOutput, DeduplicateIds, OverwriteKernelspec, OverwriteCells, CheckCellMetadata,
]
c.OverwriteCells.add_missing_cells = True
c.Autograde.autograde_preprocessors = [
    GradeOutsideKernel, IgnorePattern, SaveAutoGrades, AssignLatePenalties, CheckCellMetadata,
]
c.GradeOutsideKernel.timeout = 10
c.GradeOutsideKernel.interrupt_on_timeout = True
c.GradeOutsideKernel.startup_timeout = 60
c.GradeOutsideKernel.failure_directory = os.path.join(COURSE_ROOT, "grading_failures")
c.GradeOutsideKernel.source_directory = os.path.join(COURSE_ROOT, "source")
c.GradeOutsideKernel.documents_directory = os.path.join(COURSE_ROOT, "documents")
c.SandboxedKernelManager.hidden_paths = [COURSE_ROOT]
if os.environ.get("BALKANGAMES_NO_SANDBOX") == "1":
    c.GradeOutsideKernel.sandboxed = False

# Export: a grading_failure column tells a failed grading from a real zero.
c.ExportApp.plugin_class = "balkangames.grading.grader.FailureAwareCsvExport"
c.FailureAwareCsvExport.failure_directory = os.path.join(COURSE_ROOT, "grading_failures")

# Feedback: scores, failed-test names and the grader's curated messages only; no student
# output, no hidden test. Student HTML is sanitised wherever nbconvert renders it for the
# instructor (formgrader) or the student (feedback).
c.GenerateFeedback.preprocessors = [GetGrades, HideHiddenTests, CSSHTMLHeaderPreprocessor]
c.HTMLExporter.sanitize_html = True
c.HTMLExporter.preprocessors = ["balkangames.grading.feedback.SanitizeStudentMarkdown"]
