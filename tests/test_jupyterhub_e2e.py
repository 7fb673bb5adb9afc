"""A class on JupyterHub, end to end: deploy/jupyterhub/jupyterhub_config.py on this machine.

A real JupyterHub (PAM log-in, one server per Unix user, JupyterHub's configurable-http-proxy)
on 127.0.0.1 with local Unix users made for the test (an instructor and three students, removed
afterwards). The instructor releases ps1 through nbgrader's exchange with nbgrader's own
commands in the course directory (a copy of ``exercises/assignments``); each student logs in
with their password, starts their server through the hub's API, fetches, answers and submits
through their server's Assignments API (what the Assignments tab calls); the instructor
collects, autogrades (student kernels in the bubblewrap sandbox) and releases feedback; each
student fetches feedback; the instructor's own server shows the formgrader on their course. Checked: scores follow the answers, each student gets only their own
feedback, and no student can read another's submission or the course source.

Needs root, Linux, useradd and bubblewrap: skipped otherwise, except under ``CI=true``.
"""

from __future__ import annotations

import copy
import json
import os
import pwd
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hub_harness import (
    BIN,
    ROOT,
    Server,
    as_user,
    log_in,
    missing,
    running_hub,
    shared_folder,
    unix_accounts,
)

COURSE = ROOT / "exercises" / "assignments"
ASSIGNMENT = "ps1-security-dilemma"
COURSE_ID = "balkangames"
GENERATED = ("release", "submitted", "autograded", "feedback", "gradebook.db", "grades.csv", "grading_failures",
             "downloaded", "__pycache__")

sys.path.insert(0, str(ROOT / "exercises"))
import course_tools as ct  # noqa: E402

REASON = missing()
if REASON and os.environ.get("CI") == "true":
    pytestmark = [pytest.mark.slow]

    def test_jupyterhub_can_run_on_ci():
        pytest.fail(f"CI=true, but the JupyterHub end-to-end test cannot run: {REASON}")
else:
    pytestmark = [pytest.mark.slow, pytest.mark.skipif(REASON is not None, reason=str(REASON))]


@pytest.fixture(scope="module")
def accounts():
    with unix_accounts(students=3) as made:
        yield made


@pytest.fixture(scope="module")
def hub(accounts):
    folder = shared_folder()
    try:
        with running_hub(accounts["groups"], folder) as settings:
            yield settings
    finally:
        if os.environ.get("BALKANGAMES_KEEP_HUB") != "1":
            shutil.rmtree(folder, ignore_errors=True)


def _instructor_course(instructor: str) -> Path:
    """The instructor's course directory: the repository's course, without generated files."""
    course = Path(pwd.getpwnam(instructor).pw_dir) / "balkangames-course"
    shutil.copytree(COURSE, course, ignore=shutil.ignore_patterns(*GENERATED))
    if not list((course / "source" / ASSIGNMENT).glob("*.ipynb")):  # built from MyST at this checkout
        subprocess.run(["make", "-C", str(ROOT / "exercises"), "notebooks"], check=True, capture_output=True)
        shutil.rmtree(course)
        shutil.copytree(COURSE, course, ignore=shutil.ignore_patterns(*GENERATED))
    account = pwd.getpwnam(instructor)
    for path in [course, *course.rglob("*")]:
        os.chown(path, account.pw_uid, account.pw_gid, follow_symlinks=False)
    return course


def _answers(release: dict, source, student: str, share: float) -> dict:
    """``student``'s notebook: a ``share`` of the answer cells solved, each cell signed."""
    notebook = ct.solved(release, source)
    answers = [cell for cell in notebook.cells if cell.get("metadata", {}).get("nbgrader", {}).get("solution")
               and cell.cell_type == "code"]
    keep = round(share * len(answers))
    blank = {ct.grade_id(cell) for cell in answers[keep:]}
    for cell, original in zip(notebook.cells, release["cells"]):
        if ct.grade_id(cell) in blank:
            cell.source = original["source"]
    answers[0].source = f"# answered by {student}\n" + answers[0].source
    return dict(notebook)


def test_a_class_on_jupyterhub(accounts, hub):
    url, instructor, students = hub["url"], accounts["instructors"][0], accounts["students"]
    exchange = Path(hub["BALKANGAMES_EXCHANGE"]) / COURSE_ID
    instructor_env = {"JUPYTER_CONFIG_PATH": str(Path(hub["BALKANGAMES_HUB_STATE"]) / "instructor")}
    course = _instructor_course(instructor)

    # The instructor releases ps1 with nbgrader's commands, in the course directory.
    as_user(instructor, "nbgrader", "generate_assignment", ASSIGNMENT, "--force", cwd=course, env=instructor_env, hub=hub)
    as_user(instructor, "nbgrader", "release_assignment", ASSIGNMENT, cwd=course, env=instructor_env, hub=hub)

    # A wrong password is refused by PAM; the right one logs in.
    import requests

    browser = requests.Session()
    browser.get(f"{url}/hub/login", timeout=60).raise_for_status()
    refused = browser.post(f"{url}/hub/login", allow_redirects=False, timeout=120,
                           data={"username": students[0], "password": "wrong", "_xsrf": browser.cookies["_xsrf"]})
    assert refused.status_code == 403 and "Invalid username or password" in refused.text
    servers = {name: Server(url, name, log_in(url, name, accounts["passwords"][name])[1]) for name in students}
    for server in servers.values():
        server.start()
    for server in servers.values():
        server.wait_ready()

    source = ct.read_notebook(next((course / "source" / ASSIGNMENT).glob("*.ipynb")))
    notebook_name = next((course / "source" / ASSIGNMENT).glob("*.ipynb")).name
    shares = dict(zip(students, (1.0, 0.5, 0.0)))
    for name, server in servers.items():
        # The server opens on the student's landing page, in their own copy of the course.
        landing = server.http.get(f"{server.base}/", allow_redirects=False, timeout=60)
        assert landing.headers["Location"].split("?")[0] == f"/user/{name}/lab/tree/balkangames/notebooks/00-start-here.md"
        assert server.contents("balkangames/notebooks/00-start-here.md")["type"] == "notebook"
        page = server.get("lab").text  # the formgrader is the instructor's, not the student's
        disabled = json.loads(re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', page, re.S)[1])
        assert "@jupyter/nbgrader:formgrader" in disabled["disabledExtensions"]
        assert "@jupyter/nbgrader:assignment-list" not in disabled["disabledExtensions"]
        listed = server.get("assignments", params={"course_id": COURSE_ID}).json()
        assert [a["status"] for a in listed["value"] if a["assignment_id"] == ASSIGNMENT] == ["released"]
        fetched = server.assignments("fetch", ASSIGNMENT)
        assert any(a["status"] == "fetched" for a in fetched if a["assignment_id"] == ASSIGNMENT)
        path = f"{ASSIGNMENT}/{notebook_name}"
        release = server.contents(path)["content"]
        server.save_notebook(path, _answers(copy.deepcopy(release), source, name, shares[name]))
        submitted = server.assignments("submit", ASSIGNMENT)
        assert any(a["status"] == "submitted" for a in submitted if a["assignment_id"] == ASSIGNMENT)

    # The instructor collects, autogrades (sandboxed student kernels) and returns feedback.
    logs = {}
    for command in (("collect",), ("autograde", "--force"), ("generate_feedback", "--force"), ("release_feedback",)):
        logs[command[0]] = as_user(instructor, "nbgrader", command[0], ASSIGNMENT, *command[1:], cwd=course,
                                   env=instructor_env, hub=hub).stderr
    scores = ct.autograded_scores(course, ASSIGNMENT)
    full = sum(ct.autograded_points(source).values())
    failures = sorted(p.read_text() for p in (course / "grading_failures").rglob("*.json"))
    graded = ct.read_notebook(course / "autograded" / students[0] / ASSIGNMENT / notebook_name)
    failures += [str(cell.get("outputs"))[:600] for cell in graded.cells if cell.get("outputs")][:3]
    assert scores[students[0]] == full, f"{scores}; grading failures {failures}\n{logs['autograde'][-3000:]}"
    assert full > scores[students[1]] > scores[students[2]]

    for name, server in servers.items():
        server.assignments("fetch_feedback", ASSIGNMENT)
        folder = server.contents(f"{ASSIGNMENT}/feedback")["content"]
        assert len(folder) == 1, folder
        feedback = server.contents(f"{folder[0]['path']}/{Path(notebook_name).stem}.html", type="file",
                                   format="text")["content"]
        assert f"answered by {name}" in feedback
        assert not [other for other in students if other != name and f"answered by {other}" in feedback]

    # The instructor's own server has the formgrader, on the course in their home.
    teacher = Server(url, instructor, log_in(url, instructor, accounts["passwords"][instructor])[1])
    teacher.start()
    teacher.wait_ready()
    page = teacher.get("lab").text
    disabled = json.loads(re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', page, re.S)[1])
    assert "@jupyter/nbgrader:formgrader" not in disabled["disabledExtensions"]
    listed = {a["name"]: a for a in teacher.get("formgrader/api/assignments").json()}
    assert listed[ASSIGNMENT]["num_submissions"] == len(students)

    # What a student's account can reach on the machine: not the inbound submissions, not the
    # feedback of others, not another student's home, not the instructor's course.
    probe = """if True:
        import os, sys
        denied = []
        for path in sys.argv[1:]:
            try:
                os.listdir(path) if os.path.isdir(path) or not os.path.exists(path) else open(path, "rb").read()
            except PermissionError:
                denied.append(path)
        print("\\n".join(denied))"""
    for name in students:
        other = next(s for s in students if s != name)
        private = [str(exchange / "inbound"), str(exchange / "feedback"), pwd.getpwnam(other).pw_dir,
                   str(Path(pwd.getpwnam(other).pw_dir) / ASSIGNMENT / notebook_name),
                   str(course / "source" / ASSIGNMENT / notebook_name), str(course / "submitted" / other)]
        denied = as_user(name, str(BIN / "python"), "-c", probe, *private, hub=hub).stdout.split()
        assert denied == private, f"{name} can read {sorted(set(private) - set(denied))}"
        # and it can still read the released assignment, as nbgrader's exchange intends
        assert as_user(name, "ls", str(exchange / "outbound" / ASSIGNMENT), hub=hub).stdout.split()
