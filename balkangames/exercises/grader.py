"""Autograding in which student code never shares a process with the comparison.

Three nbgrader preprocessors, enabled in ``exercises/assignments/nbgrader_config.py``:

* :class:`CleanSubmission` (first of the sanitize stage) rebuilds the submitted
  notebook on the source notebook's cell list: every known ``grade_id`` once, with
  the instructor's metadata; duplicated, renamed, stripped or invented nbgrader
  metadata can no longer make nbgrader reject the whole submission. Answers whose
  metadata was stripped are recovered from the code written under their question.
* :class:`GradeOutsideKernel` (replaces ``Execute``) writes each autograded cell
  at grading time: a call of :func:`balkangames.exercises.grading_probe.probe` on
  inputs drawn now from :data:`balkangames.exercises.grading_checks.ASSIGNMENTS`.
  It runs the notebook in the sandboxed kernel, then parses the reported JSON with
  strict types, compares it with references computed here and replaces each
  autograded cell's outputs with one curated pass/fail message, which is all
  ``SaveAutoGrades`` sees. A dead kernel, ``os._exit``, an interrupt the kernel
  ignores or an IOPub timeout stop execution but never the grading: cells already
  judged keep their points, the rest fail with the reason, and the reason is
  recorded for the export (:func:`grading_failures`). Outputs are capped in bytes.
  It also adds a review cell for the formgrader (:func:`review_code`).

>>> review_code(["import builtins\\nbuiltins.set = list"], forbidden=())
['builtins or __import__ patching (cell 1)']
"""

from __future__ import annotations

import csv
import json
import random
import re
from pathlib import Path
from queue import Empty
from time import monotonic

import nbformat
from jupyter_client.utils import run_sync
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbconvert.preprocessors import Preprocessor
from nbgrader.plugins import CsvExportPlugin
from traitlets import Bool, Float, Integer, Unicode

from .grading_checks import ASSIGNMENTS, FORBIDDEN_CALLS, Check
from .grading_probe import ANSWERS_MIME
from .sandbox import SandboxedExecute

__all__ = ["CleanSubmission", "FailureAwareCsvExport", "GradeOutsideKernel", "grading_failures", "review_code"]

REVIEW_KEY = "balkangames_review"


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
        """Return the submission with exactly the source's graded cells, in the source's order."""
        info = resources.get("nbgrader", {})
        path = Path(self.source_directory) / info.get("assignment", "") / f"{info.get('notebook', '')}.ipynb"
        if not self.source_directory or not path.exists():
            return nb, resources
        nb.cells = rebuild_cells(nbformat.read(str(path), as_version=4).cells, list(nb.cells))
        return nb, resources


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

_SUSPICIOUS = [
    ("IPython input transformer", r"input_transformers|input_transformer_manager|register_transformer|ast_transformers"),
    ("IPython event hook", r"events\s*\.\s*register|pre_run_cell|post_run_cell|pre_execute|post_execute"),
    ("traceback display override", r"showtraceback|showsyntaxerror|custom_exc|set_custom_exc"),
    ("builtins or __import__ patching", r"\bbuiltins\b|__builtins__|__import__"),
    ("frame or stack inspection", r"_getframe|currentframe|inspect\s*\.\s*stack|\bf_back\b|\bf_locals\b|\bf_globals\b"),
    ("input history access", r"\b_ih\b|\b_i\d*\b|\bIn\s*\[|history_manager|\bget_ipython\b"),
    ("monkeypatching balkangames or sys.modules", r"balkangames(\.\w+)+\s*=[^=]|setattr\s*\(\s*balkangames|sys\s*\.\s*modules"),
    ("patching Fraction or sympy", r"Fraction\s*\.\s*\w+\s*=[^=]|sympy(\.\w+)+\s*=[^=]"),
    ("custom equality or hashing", r"def\s+__(eq|ne|hash|bool)__"),
    ("process exit or signals", r"os\s*\.\s*_exit|sys\s*\.\s*exit|os\s*\.\s*kill|\bsignal\s*\."),
    ("catches KeyboardInterrupt or everything", r"KeyboardInterrupt|except\s+BaseException|except\s*:"),
    ("dynamic code", r"\bexec\s*\(|\beval\s*\(|\bcompile\s*\("),
    ("files, processes or network", r"\bopen\s*\(|socket|subprocess|os\s*\.\s*system|ctypes|sqlite3"),
]


def review_code(sources, forbidden) -> list[str]:
    """Findings for the instructor: suspicious constructs and forbidden calls, by cell number."""
    findings = []
    for label, pattern in _SUSPICIOUS:
        cells = [str(k) for k, text in enumerate(sources, 1) if re.search(pattern, text)]
        if cells:
            findings.append(f"{label} (cell {', '.join(cells)})")
    for name in forbidden:
        cells = [str(k) for k, text in enumerate(sources, 1) if re.search(rf"\b{re.escape(name)}\b", text)]
        if cells:
            findings.append(f"forbidden call {name} (cell {', '.join(cells)})")
    return findings


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
    return re.sub(r"[^A-Za-z0-9 _.,()\-]", "?", text)


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
        "from balkangames.exercises.grading_probe import probe\n"
        f"{call}\n"
        "### END HIDDEN TESTS\n"
    )


def judge(check: Check | None, calls, outputs) -> tuple[bool, str]:
    """(passed, curated message) for one autograded cell, from its outputs in the kernel."""
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
            wrong.append(f"raised {_escape(str(result['raised']))[:60]}")
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

    output_limit_bytes = Integer(64_000, help="Bytes of output kept per cell.").tag(config=True)
    report_limit_bytes = Integer(1_000_000, help="Bytes of answer reports kept per cell.").tag(config=True)
    interrupt_grace = Float(5.0, help="Seconds the kernel has to answer after an interrupt.").tag(config=True)
    failure_directory = Unicode("", help="Where to record submissions whose grading failed.").tag(config=True)
    review = Bool(True, help="Add a review cell for the instructor.").tag(config=True)
    seed = Integer(None, allow_none=True, help="Seed for the grader's inputs (tests only).").tag(config=True)

    def preprocess(self, nb, resources, km=None):
        """Draw inputs, execute, judge every autograded cell and record any failure."""
        info = resources.get("nbgrader", {})
        assignment = info.get("assignment", "")
        checks = ASSIGNMENTS.get(assignment, {})
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
        judged = []
        for cell in nb.cells:
            if not is_autograded(cell):
                continue
            check, calls = plan[_grade_id(cell)]
            passed, message = judge(check, calls, cell.get("outputs", []))
            if not passed and self._problem and not any(
                    ANSWERS_MIME in o.get("data", {}) for o in cell.get("outputs", [])):
                message = f"not graded: {self._problem}"
            cell.outputs = [_verdict(passed, message)]
            judged.append((_grade_id(cell), passed))
        if self.review:
            nb.cells.insert(0, _review_cell(review_code(student_sources, FORBIDDEN_CALLS.get(assignment, ()))))
        self._record(info, judged)
        return nb, resources

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
