"""Student HTML executes nothing in the instructor's formgrader, in a real browser.

A submission prints ``<script>`` and an ``onerror`` handler from its code and
writes them into its markdown answer; it is autograded, and the formgrader page
an instructor opens to grade it is loaded in Chromium (Playwright). With the
course's configuration (``HTMLExporter.sanitize_html`` and
``SanitizeStudentMarkdown``) nothing runs; a control copy of the course with both
turned off shows that the same page would have run it.
"""

from __future__ import annotations

import secrets
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "exercises"))

import course_tools as ct  # noqa: E402
from browser_harness import browser, free_port, new_page, serve, skip_without_chromium  # noqa: E402

pytestmark = [*skip_without_chromium(), pytest.mark.slow]

PS1, NOTEBOOK = "ps1-security-dilemma", "security-dilemma"
PAYLOAD = '<script>window.__pwned = "script"</script><img src="x" onerror="window.__pwned = \'img\'">'
ANSWER_EXTRA = f"\nfrom IPython.display import HTML, display\ndisplay(HTML({PAYLOAD!r}))\n"
MARKDOWN_PAYLOAD = '<script>window.__pwned = "markdown"</script><img src="y" onerror="window.__pwned = \'md\'">'


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course with one autograded submission carrying live HTML in its outputs and answer."""
    import grade

    root = ct.copy_course(tmp_path_factory.mktemp("formgrader") / "course")
    ct.nbgrader(root, "generate_assignment", PS1, "--force")
    release = ct.read_notebook(root / "release" / PS1 / f"{NOTEBOOK}.ipynb")
    source = ct.read_notebook(root / "source" / PS1 / f"{NOTEBOOK}.ipynb")
    answer = ct.cell_by_id(source, "q1-answer").source + ANSWER_EXTRA
    nb = ct.solved(release, source, {"q1-answer": answer, "q4-answer": MARKDOWN_PAYLOAD})
    ct.submit(root, "mallory", PS1, {NOTEBOOK: nb})
    assert grade.autograde(root, PS1, jobs=1) == 0
    return root


def _submission_id(course: Path) -> str:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        return gradebook.find_submission_notebook(NOTEBOOK, PS1, "mallory").id


def _open_formgrader(course: Path, tmp_path: Path, *extra: str) -> tuple[object, str]:
    """(what window.__pwned holds after the page loads, the page's text) for the submission's page."""
    port, token = free_port(), secrets.token_hex(16)
    jupyter = str(Path(sys.executable).with_name("jupyter"))
    command = ["bash", "-c", f'cd "{course}" && exec "{jupyter}" server --no-browser --port={port} '
               f'--IdentityProvider.token={token} --ServerApp.ip=127.0.0.1 --allow-root {" ".join(extra)}']
    with serve(command, port, tmp_path / "server.log"), browser() as instance:
        page = new_page(instance, 1280, 900)
        page.goto(f"http://127.0.0.1:{port}/formgrader/submissions/{_submission_id(course)}/?token={token}")
        page.wait_for_load_state("load")
        page.wait_for_timeout(1500)  # give an onerror handler time to fire
        return page.evaluate("() => window.__pwned === undefined ? null : window.__pwned"), page.inner_text("body")


def test_student_html_runs_nothing_in_the_formgrader(course, tmp_path):
    pwned, text = _open_formgrader(course, tmp_path)
    assert "def payoffs" in text and "Autograder review" in text, "the submission was rendered"
    assert pwned is None, f"student code ran in the instructor's page: {pwned}"


def test_control_without_sanitising_would_run_it(course, tmp_path):
    control = tmp_path / "control"
    shutil.copytree(course, control)
    with open(control / "nbgrader_config.py", "a") as config:  # the course's settings, sanitising off
        config.write("\nc.HTMLExporter.sanitize_html = False\nc.HTMLExporter.preprocessors = []\n")
    pwned, _ = _open_formgrader(control, tmp_path)
    assert pwned is not None, "the payload must be live without sanitising, or the test above proves nothing"
