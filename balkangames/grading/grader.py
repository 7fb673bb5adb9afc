"""Autograding in which student code never shares a process with the comparison.

Three nbgrader preprocessors, enabled in ``exercises/assignments/nbgrader_config.py``:

* :class:`CleanSubmission` (first of the sanitize stage) rebuilds the submitted
  notebook on the source notebook's cell list: every known ``grade_id`` once, with
  the instructor's metadata; duplicated, renamed, stripped or invented nbgrader
  metadata can no longer make nbgrader reject the whole submission. Answers whose
  metadata was stripped are recovered from the code written under their question.
  It also treats the submission as data: links, folders, modules and undeclared files
  in the submitted folder are refused and reported, and removed from the autograded
  copy (nbgrader copies by following links).
* :class:`GradeOutsideKernel` (replaces ``Execute``) writes each autograded cell
  at grading time: a call of :func:`balkangames_probe.probe` on inputs drawn now from
  the assignment's checks (``documents/<assignment>/grading.py``). It runs the
  notebook in the sandboxed kernel (only the standard library, the assignment's
  allowed libraries and the probe exist there), then judges each reported answer in
  a bounded child process (time and memory; :func:`judge_bounded`): strict types,
  references computed here, every exception caught per question. Each autograded
  cell's outputs become one curated pass/fail message, which is all
  ``SaveAutoGrades`` sees. A dead kernel, ``os._exit``, an interrupt the kernel
  ignores or an IOPub timeout stop execution but never the grading: cells already
  judged keep their points, the rest fail with the reason, and the reason is
  recorded for the export (:func:`grading_failures`). Outputs are capped in bytes,
  display updates and widget state included, and the autograded notebook as a
  whole (:attr:`GradeOutsideKernel.notebook_limit_bytes`). It also adds a review
  cell for the formgrader (:mod:`balkangames.grading.review`).

>>> review_code(["import builtins\\nbuiltins.set = list"], allowed=())
['builtins access: builtins (cell 1, line 1)', 'builtins access: builtins.set (cell 1, line 2)']
"""

from __future__ import annotations

import builtins
import csv
import json
import os
import pickle
import random
import re
import resource
import select
import shutil
import signal
import stat
from pathlib import Path
from queue import Empty
from time import monotonic

import nbformat
from jupyter_client.utils import run_sync
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbconvert.preprocessors import Preprocessor
from nbgrader.plugins import CsvExportPlugin
from traitlets import Bool, Float, Integer, Unicode

from balkangames_probe import ANSWERS_MIME

from .assignments import declared, load_checks
from .checks import Check
from .review import review_cells
from .sandbox import SandboxedExecute

__all__ = ["CleanSubmission", "FailureAwareCsvExport", "GradeOutsideKernel", "grading_failures", "judge",
           "judge_bounded", "review_code", "submission_problems"]

REVIEW_KEY = "balkangames_review"
#: notebook metadata where CleanSubmission leaves what it refused, for the review cell
REFUSED_KEY = "balkangames_refused"


def _meta(cell) -> dict:
    meta = cell.get("metadata", {}).get("nbgrader")
    return meta if isinstance(meta, dict) else {}


def _grade_id(cell):
    gid = _meta(cell).get("grade_id")
    return gid if isinstance(gid, str) else None


def is_autograded(cell) -> bool:
    """An autograded test cell: a graded code cell that is not an answer."""
    meta = _meta(cell)
    return cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")


def _plain(cell):
    """A copy of a student's cell without nbgrader metadata (an ordinary cell)."""
    copy = nbformat.from_dict(dict(cell))
    copy.metadata = {k: v for k, v in dict(cell.get("metadata", {})).items() if k == "tags"}
    return copy


class CleanSubmission(Preprocessor):
    """Rebuild a submission on the source notebook's cells, so odd metadata drops nothing."""

    enabled = Bool(True).tag(config=True)
    source_directory = Unicode("", help="The course's source/ directory.").tag(config=True)

    def preprocess(self, nb, resources):
        """Return the submission with exactly the source's graded cells, in the source's order.

        Also checks the submitted folder (:func:`submission_problems`): what is refused is
        removed from the autograded copy and listed for the review cell; a notebook that is
        itself a link is graded as blank (its cells are someone else's).
        """
        info = resources.get("nbgrader", {})
        assignment, notebook = info.get("assignment", ""), info.get("notebook", "")
        path = Path(self.source_directory) / assignment / f"{notebook}.ipynb"
        if not self.source_directory or not path.exists():
            return nb, resources
        source = nbformat.read(str(path), as_version=4)
        course = Path(self.source_directory).parent
        submitted = course / "submitted" / str(info.get("student", "")) / assignment
        _, data_files = declared(source)
        refused = submission_problems(submitted, data_files) if submitted.is_dir() else []
        if any(name == f"{notebook}.ipynb" for name, _ in refused):
            nb.cells = []  # a linked notebook: none of its cells are the student's
        nb.cells = rebuild_cells(source.cells, list(nb.cells))
        # nbgrader has copied the submitted folder by following links; the submission itself is left as is.
        _remove_undeclared(course / "autograded" / str(info.get("student", "")) / assignment, data_files)
        # The notebook's metadata is the instructor's (a student's could hold megabytes of widget state).
        nb.metadata = nbformat.from_dict(dict(source.metadata))
        if refused:
            nb.metadata[REFUSED_KEY] = [f"{name}: {why}" for name, why in refused]
        return nb, resources


#: Files nbgrader itself writes into a submission: when it was submitted, and (through the
#: exchange) the secret that ties the feedback to it — ``release_feedback`` needs it back.
NBGRADER_FILES = ("timestamp.txt", "submission_secret.txt")


def submission_problems(folder: Path, data_files=()) -> list[tuple[str, str]]:
    """(name, reason) for everything in a submitted folder that is not plain data the assignment takes.

    A submission is the notebook(s) and the files the assignment declares, as regular files.
    Links (never followed), folders, Python modules and any other file are refused.
    nbgrader's own bookkeeping files (:data:`NBGRADER_FILES`) are expected.
    """
    problems = []
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        mode = os.lstat(entry.path).st_mode
        if stat.S_ISLNK(mode):
            problems.append((entry.name, "a symbolic link (not followed, not graded)"))
        elif stat.S_ISDIR(mode):
            problems.append((entry.name, "a folder (submissions are the notebook and declared files)"))
        elif not stat.S_ISREG(mode):
            problems.append((entry.name, "not a regular file"))
        elif entry.name.endswith((".py", ".pyc", ".pth", ".so")):
            problems.append((entry.name, "a Python module (code outside the notebook is not graded)"))
        elif not (entry.name.endswith(".ipynb") or entry.name in NBGRADER_FILES or entry.name in data_files):
            problems.append((entry.name, "a file the assignment does not declare (not copied)"))
    return problems


def _remove_undeclared(folder: Path, data_files) -> None:
    """Remove from nbgrader's autograded copy whatever is not a notebook or a declared file."""
    if not folder.is_dir():
        return
    for entry in os.scandir(folder):
        keep = entry.name.endswith(".ipynb") or entry.name in NBGRADER_FILES or entry.name in data_files
        if keep and entry.is_file(follow_symlinks=False):
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            os.unlink(entry.path)


def rebuild_cells(source_cells, student_cells) -> list:
    """The student's cells on the source's skeleton (see :class:`CleanSubmission`)."""
    source_ids = [_grade_id(c) for c in source_cells]
    by_id = {gid: c for gid, c in zip(source_ids, source_cells, strict=True) if gid}
    locked_text = {c.source: _grade_id(c) for c in source_cells if _grade_id(c) and not _meta(c).get("solution")}
    matched, slots = {}, {}  # grade_id -> student cell; slot grade_id -> free cells after it
    slot = None
    for cell in student_cells:
        gid = _grade_id(cell)
        known = by_id.get(gid)
        if known is not None and gid not in matched and cell.get("cell_type") == known.cell_type:
            matched[gid], slot = cell, gid
        elif cell.get("source") in locked_text and locked_text[cell.get("source")] not in matched:
            slot = locked_text[cell.get("source")]
            matched[slot] = cell
        else:
            slots.setdefault(slot, []).append(_plain(cell))
    rebuilt = list(slots.get(None, []))
    for gid, source in zip(source_ids, source_cells, strict=True):
        free = slots.get(gid, []) if gid else []
        if gid is None:
            rebuilt.append(nbformat.from_dict(dict(source)))
            continue
        cell = nbformat.from_dict(dict(source))
        if _meta(source).get("solution"):
            answer = matched.get(gid)
            if answer is None and source.cell_type == "code":
                # Stripped metadata: the code written under the question is the answer.
                previous = source_ids[source_ids.index(gid) - 1]
                code = [c for c in slots.get(previous, []) if c.cell_type == "code"]
                if code:
                    answer = code[-1]
                    slots[previous].remove(answer)
            cell.source = answer.get("source", "") if answer is not None else _stub(source)
        rebuilt.append(cell)
        rebuilt.extend(free)
    for index, cell in enumerate(rebuilt):
        cell.id = f"cell-{index:03d}"
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return rebuilt


def _stub(source) -> str:
    return "# YOUR CODE HERE\nraise NotImplementedError()" if source.cell_type == "code" else "YOUR ANSWER HERE"


# --- review report ---------------------------------------------------------------------------


def review_code(sources, allowed=()) -> list[str]:
    """Findings for the instructor (see :mod:`balkangames.grading.review`), each with cell and line."""
    return [finding.text for finding in review_cells(sources, allowed)]


def _review_cell(findings):
    if findings:
        lines = ["**Autograder review** (instructors only): check these by hand "
                 "(cells are counted from the one below this review)."]
        lines += [f"- {_escape(f)}" for f in findings]
    else:
        lines = ["**Autograder review** (instructors only): nothing suspicious found."]
    cell = nbformat.v4.new_markdown_cell("\n".join(lines))
    cell.metadata[REVIEW_KEY] = findings
    return cell


def _escape(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9 _.,:()\-]", "?", text)


# --- the out-of-kernel comparison ------------------------------------------------------------


class KernelUnusable(Exception):
    """Execution cannot go on; the message is a curated reason."""


def _hidden_source(check: Check, calls) -> str:
    if check.variable:
        call = f"probe({check.name!r}, globals())"
    else:
        call = f"probe({check.name!r}, globals(), {json.dumps([c for c, _ in calls])!r})"
    return (
        "# Graded outside your kernel, on inputs drawn at grading time.\n"
        "### BEGIN HIDDEN TESTS\n"
        "from balkangames_probe import probe\n"
        f"{call}\n"
        "### END HIDDEN TESTS\n"
    )


def _exception_name(name) -> str:
    """A built-in exception's name as reported; any other name is not echoed (it is the student's text)."""
    known = isinstance(name, str) and isinstance(getattr(builtins, name, None), type) \
        and issubclass(getattr(builtins, name), BaseException)
    return name if known else "an exception"


def judge(check: Check | None, calls, outputs) -> tuple[bool, str]:
    """(passed, curated message) for one autograded cell, from its outputs in the kernel.

    Never raises: a report of an unexpected shape or type fails this question with the reason.
    """
    try:
        return _judge(check, calls, outputs)
    except Exception as error:  # noqa: BLE001 -- one malformed answer must not cost the others
        name = check.name if check else "this cell"
        return False, f"{name}: the reported answer could not be read ({type(error).__name__})"


#: Seconds and bytes one judgement may take in its child process.
JUDGE_SECONDS = 20
JUDGE_MEMORY_BYTES = 2 * 1024**3


def judge_bounded(check: Check | None, calls, outputs, seconds: float = JUDGE_SECONDS,
                  memory_bytes: int = JUDGE_MEMORY_BYTES) -> tuple[bool, str]:
    """:func:`judge` in a forked child limited in time and memory; a child that overruns fails the question.

    The reported data is student-controlled: whatever it makes the comparison do (a huge
    expansion, deep recursion), only this question fails, with the reason.
    """
    name = check.name if check else "this cell"
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: judge, send the verdict, leave without cleanup
        os.close(read_end)
        try:
            resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
            resource.setrlimit(resource.RLIMIT_CPU, (int(seconds) + 1, int(seconds) + 2))
            verdict = judge(check, calls, outputs)
        except BaseException as error:  # noqa: BLE001
            verdict = (False, f"{name}: the answer could not be judged ({type(error).__name__})")
        try:
            os.write(write_end, pickle.dumps((bool(verdict[0]), str(verdict[1])[:2000])))
        finally:
            os._exit(0)
    os.close(write_end)
    data, deadline = b"", monotonic() + seconds
    try:
        while (remaining := deadline - monotonic()) > 0:
            ready, _, _ = select.select([read_end], [], [], remaining)
            if not ready:
                break
            chunk = os.read(read_end, 65536)
            if not chunk:
                break
            data += chunk
    finally:
        os.close(read_end)
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
        os.waitpid(pid, 0)
    try:
        passed, message = pickle.loads(data)
        return bool(passed), str(message)
    except Exception:  # noqa: BLE001 -- no verdict came back
        return False, (f"{name}: judging this answer exceeded the grader's limits ({seconds:g} s, "
                       f"{memory_bytes // 2**20} MiB): it is too large or too deeply nested")


def _judge(check: Check | None, calls, outputs) -> tuple[bool, str]:
    if check is None:
        return False, "no out-of-kernel check is declared for this cell (see exercises/README.md)"
    reports = [o.get("data", {}).get(ANSWERS_MIME) for o in outputs
               if o.get("output_type") in ("display_data", "execute_result") and ANSWERS_MIME in o.get("data", {})]
    if len(reports) != 1 or not isinstance(reports[0], dict) or reports[0].get("name") != check.name:
        return False, f"{check.name}: no single answer report came back from the kernel"
    report = reports[0]
    if report.get("missing"):
        return False, f"{check.name} is not defined when the tests run"
    if check.variable:
        (_, reference), = calls
        value = check.parse(report.get("value"))
        if value is None:
            return False, f"{check.name} is not of the required type"
        ok = check.equal(value, reference)
        return ok, f"{check.name}: {'correct' if ok else 'not equal to the expected answer'}"
    results = report.get("results")
    if not isinstance(results, list) or len(results) != len(calls):
        return False, f"{check.name}: the kernel reported the wrong number of results"
    wrong = []
    for result, (_, reference) in zip(results, calls, strict=True):
        if isinstance(result, dict) and "raised" in result:
            wrong.append(f"raised {_exception_name(result['raised'])}")
            continue
        value = check.parse(result.get("value")) if isinstance(result, dict) else None
        if value is None:
            wrong.append("returned a value of the wrong type")
        elif not check.equal(value, reference):
            wrong.append("returned a wrong value")
    if wrong:
        return False, (f"{check.name}: {len(wrong)} of {len(calls)} calls on inputs drawn by the grader "
                       f"failed (first: {wrong[0]})")
    return True, f"{check.name}: correct on all {len(calls)} inputs drawn by the grader"


def _verdict(passed: bool, message: str):
    if passed:
        return nbformat.v4.new_output("stream", name="stdout", text=f"PASSED {message}\n")
    return nbformat.v4.new_output("error", ename="GradingFailure", evalue=message,
                                  traceback=[f"GradingFailure: {message}"])


class GradeOutsideKernel(SandboxedExecute):
    """Execute sandboxed, judge the kernel's reports here, never drop a submission."""

    output_limit_bytes = Integer(64_000, help="Bytes of output kept per cell (display updates included).").tag(
        config=True)
    report_limit_bytes = Integer(1_000_000, help="Bytes of answer reports kept per cell.").tag(config=True)
    notebook_limit_bytes = Integer(
        4_000_000, help="Largest autograded notebook written; beyond it the student's outputs are dropped.").tag(
        config=True)
    interrupt_grace = Float(5.0, help="Seconds the kernel has to answer after an interrupt.").tag(config=True)
    failure_directory = Unicode("", help="Where to record submissions whose grading failed.").tag(config=True)
    source_directory = Unicode("", help="The course's source/ directory (what each assignment declares).").tag(
        config=True)
    documents_directory = Unicode("", help="The assignment documents (documents/<assignment>/grading.py).").tag(
        config=True)
    review = Bool(True, help="Add a review cell for the instructor.").tag(config=True)
    seed = Integer(None, allow_none=True, help="Seed for the grader's inputs (tests only).").tag(config=True)
    judge_seconds = Float(JUDGE_SECONDS, help="Seconds one answer may take to judge.").tag(config=True)

    def _declaration(self, info):
        path = Path(self.source_directory) / info.get("assignment", "") / f"{info.get('notebook', '')}.ipynb"
        if not self.source_directory or not path.is_file():
            return None, ()
        return declared(nbformat.read(str(path), as_version=4))

    def create_kernel_manager(self):
        """nbclient's kernel manager, told what this assignment lets the kernel import and see."""
        km = super().create_kernel_manager()
        if hasattr(km, "allowed_imports"):
            km.allowed_imports = None if self._allowed is None else list(self._allowed)
            km.data_files = list(self._data_files)
        return km

    def preprocess(self, nb, resources, km=None):
        """Draw inputs, execute, judge every autograded cell and record any failure."""
        info = resources.get("nbgrader", {})
        assignment = info.get("assignment", "")
        documents = self.documents_directory or (
            str(Path(self.source_directory).parent / "documents") if self.source_directory else "")
        checks = load_checks(Path(documents), assignment) if documents else {}
        self._allowed, self._data_files = self._declaration(info)
        self.store_widget_state = False  # widget state is the student's data too: not kept
        refused = nb.metadata.pop(REFUSED_KEY, None)
        refused = [str(r) for r in refused] if isinstance(refused, list) else []
        rng = random.Random(self.seed) if self.seed is not None else random.SystemRandom()
        # Numbered like the notebook's cells; the instructor's locked cells are not reviewed.
        student_sources = ["" if c.cell_type != "code" or _meta(c).get("locked") else c.source for c in nb.cells]
        plan = {}
        for cell in nb.cells:
            if is_autograded(cell):
                check = checks.get(_grade_id(cell))
                calls = check.draw(rng) if check else []
                plan[_grade_id(cell)] = (check, calls)
                cell.source = _hidden_source(check, calls) if check else "# (no check declared)\n"
        self._problem = None
        self._bytes = {}
        try:
            super().preprocess(nb, resources, km)
        except DeadKernelError:
            self._problem = self._problem or "the kernel died (os._exit, a crash or the memory limit)"
        except KernelUnusable as error:
            self._problem = str(error)
        except Exception as error:  # never let one submission stop the grading; say why, curated
            self._problem = self._problem or f"execution stopped ({type(error).__name__})"
        nb.metadata.pop("widgets", None)
        judged = []
        for cell in nb.cells:
            if not is_autograded(cell):
                continue
            check, calls = plan[_grade_id(cell)]
            passed, message = judge_bounded(check, calls, cell.get("outputs", []), seconds=self.judge_seconds)
            if not passed and self._problem and not any(
                    ANSWERS_MIME in o.get("data", {}) for o in cell.get("outputs", [])):
                message = f"not graded: {self._problem}"
            cell.outputs = [_verdict(passed, message)]
            judged.append((_grade_id(cell), passed))
        _fit(nb, self.notebook_limit_bytes)
        if self.review:
            findings = [f"refused in the submission: {r}" for r in refused]
            findings += review_code(student_sources, self._allowed or ())
            nb.cells.insert(0, _review_cell(findings))
        self._record(info, judged)
        return nb, resources

    def _update_display_id(self, display_id, msg):
        """nbclient rewrites every earlier output sharing ``display_id``: count all of them."""
        size = len(json.dumps(msg.get("content", {}), default=str))
        for cell_index, indices in getattr(self, "_display_id_map", {}).get(display_id, {}).items():
            key = (cell_index, False)
            used = self._bytes.get(key, 0)
            cost = size * len(indices)
            self._bytes[key] = used + cost
            if used + cost > self.output_limit_bytes:
                if used <= self.output_limit_bytes:
                    self.nb.cells[cell_index].outputs.append(nbformat.v4.new_output(
                        "stream", name="stdout",
                        text=f"\n[display updates over {self.output_limit_bytes} bytes cut by the grader]\n"))
                return None
        return super()._update_display_id(display_id, msg)

    def _record(self, info, judged) -> None:
        if not self.failure_directory:
            return
        path = Path(self.failure_directory) / info.get("assignment", "_") / info.get("student", "_") / \
            f"{info.get('notebook', '_')}.json"
        if self._problem is None:
            path.unlink(missing_ok=True)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        failed = [gid for gid, passed in judged if not passed]
        path.write_text(json.dumps({"reason": self._problem, "failed_cells": failed}))

    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        """Run one cell; after a timeout, give up on a kernel that ignores the interrupt."""
        if self._problem:
            return cell
        timed_out = False
        try:
            result = await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        except CellTimeoutError:  # no IOPub idle after the interrupt
            timed_out, result = True, cell
        timed_out = timed_out or any(o.get("ename") == "CellTimeoutError" for o in cell.get("outputs", []))
        if timed_out:
            if not await self._kernel_responds():
                self._problem = (f"the kernel did not stop after the {self.timeout} s time limit "
                                 "(a loop that ignores interrupts?)")
                raise KernelUnusable(self._problem)
        kill_strays = getattr(self.km, "kill_strays", None)
        if kill_strays is not None:  # nothing the cell started outlives it, setsid or not
            kill_strays()
        return result

    execute_cell = run_sync(async_execute_cell)

    async def _kernel_responds(self) -> bool:
        msg_id = self.kc.execute("", silent=True, store_history=False)
        deadline = monotonic() + self.interrupt_grace
        while (remaining := deadline - monotonic()) > 0:
            try:
                msg = await self.kc.shell_channel.get_msg(timeout=remaining)
            except Empty:
                return False
            if msg.get("parent_header", {}).get("msg_id") == msg_id:
                return True
        return False

    def output(self, outs, msg, display_id, cell_index):
        """Keep a cell's output only up to :attr:`output_limit_bytes` (answer reports apart)."""
        content = msg.get("content", {})
        size = len(json.dumps(content, default=str))
        report = ANSWERS_MIME in content.get("data", {})
        key = (cell_index, report)
        used = self._bytes.get(key, 0)
        limit = self.report_limit_bytes if report else self.output_limit_bytes
        self._bytes[key] = used + size
        if used + size > limit:
            if used > limit or report:
                return None
            kept = None
            if msg.get("msg_type") == "stream" and limit - used > 1000:  # keep the part that fits
                content["text"] = str(content.get("text", ""))[: limit - used - 1000]
                kept = super().output(outs, msg, display_id, cell_index)
            outs.append(nbformat.v4.new_output(
                "stream", name="stdout", text=f"\n[output over {limit} bytes cut by the grader]\n"))
            self._bytes[key] = limit + 1
            return kept
        return super().output(outs, msg, display_id, cell_index)


def _fit(nb, limit: int) -> None:
    """Drop the student's own outputs, largest first, until the notebook is at most ``limit`` bytes."""
    size = len(nbformat.writes(nb))
    if size <= limit:
        return
    cells = sorted((c for c in nb.cells if c.cell_type == "code" and not is_autograded(c) and c.get("outputs")),
                   key=lambda c: len(json.dumps(c.outputs)), reverse=True)
    for cell in cells:
        size -= len(json.dumps(cell.outputs))
        cell.outputs = [nbformat.v4.new_output(
            "stream", name="stdout", text=f"[outputs removed by the grader: notebook over {limit} bytes]\n")]
        if size <= limit:
            break
    for cell in nb.cells:  # attachments and metadata the student wrote count too
        if cell.cell_type == "markdown" and len(json.dumps(cell.get("attachments", {}))) > 10_000:
            cell.attachments = {}
        if len(json.dumps(cell.metadata)) > 10_000:
            cell.metadata = {k: v for k, v in cell.metadata.items() if k in ("nbgrader", "tags")}


def grading_failures(failure_directory, assignment: str) -> dict[str, str]:
    """student -> reason, for every submission of ``assignment`` whose grading failed."""
    folder = Path(failure_directory) / assignment
    failures = {}
    if folder.is_dir():
        for path in sorted(folder.glob("*/*.json")):
            reason = json.loads(path.read_text()).get("reason", "unknown")
            failures[path.parent.name] = f"{path.stem}: {reason}"
    return failures



class FailureAwareCsvExport(CsvExportPlugin):
    """nbgrader's CSV export plus a ``grading_failure`` column: a failed grading is no real zero."""

    failure_directory = Unicode("", help="Where GradeOutsideKernel records failures.").tag(config=True)

    def export(self, gradebook) -> None:
        """Write nbgrader's CSV, then add each row's grading failure (empty when graded normally)."""
        super().export(gradebook)
        dest = self.to or "grades.csv"
        with open(dest, newline="") as handle:
            rows = list(csv.DictReader(handle))
        failures = {}
        for assignment in {row["assignment"] for row in rows}:
            for student, reason in grading_failures(self.failure_directory, assignment).items():
                failures[(assignment, student)] = reason
        fields = [*(rows[0] if rows else []), "grading_failure"]
        with open(dest, "w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields)
            writer.writeheader()
            for row in rows:
                row["grading_failure"] = failures.get((row["assignment"], row["student_id"]), "")
                writer.writerow(row)
