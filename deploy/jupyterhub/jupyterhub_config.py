"""JupyterHub 6 for one balkangames class on one Linux server (see README.md beside this file).

Run as root, from the Python environment that has balkangames with its ``grading`` and ``hub``
extras (``pip install 'balkangames[grading,hub] @ <wheel or repository>'``)::

    jupyterhub -f deploy/jupyterhub/jupyterhub_config.py

- Log-in: the machine's Unix accounts (PAM). Members of the students' and the instructors'
  Unix groups may log in; each server runs as its own Unix user (LocalProcessSpawner).
- Each user's server opens on the student landing page, ``~/balkangames/notebooks/00-start-here.md``:
  the course is copied into ``~/balkangames`` before every start, missing files only
  (``balkangames lab --prepare-only``), so a student's work is never overwritten.
- nbgrader, one course (``balkangames``): its exchange is shared by everyone; students get the
  Assignments tab (fetch, validate, submit, fetch feedback) and nothing of the formgrader;
  instructors get the formgrader on their course directory, ``~/balkangames-course`` (a copy
  of the repository's ``exercises/assignments``). Autograding runs as the instructor, each
  student kernel in the bubblewrap sandbox the course's ``nbgrader_config.py`` configures.
- The proxy is JupyterHub's ``configurable-http-proxy`` (the PyPI package, or npm's).

Settings (environment variables, with their defaults):

========================================  ==========================================
``BALKANGAMES_HUB_URL``                    ``http://127.0.0.1:8000`` (public URL; put TLS in front)
``BALKANGAMES_HUB_STATE``                  ``/srv/balkangames-hub`` (database, secrets, settings)
``BALKANGAMES_EXCHANGE``                   ``/srv/nbgrader/exchange``
``BALKANGAMES_STUDENTS_GROUP``             ``balkangames-students``
``BALKANGAMES_INSTRUCTORS_GROUP``          ``balkangames-instructors``
``BALKANGAMES_HUB_PORT`` / ``_PROXY_API_PORT``  ``8081`` / ``8001`` (on 127.0.0.1)
``BALKANGAMES_HUB_ADMINS``                 hub admins, comma-separated (default: none)
``BALKANGAMES_PROXY_COMMAND``              the proxy (default: the PyPI one beside this Python)
``BALKANGAMES_HUB_SERVICE_TOKEN``          a token for scripts that start servers (default: none)
========================================  ==========================================
"""

import asyncio
import grp
import json
import os
import pwd
import shutil
import sys
from pathlib import Path

c = get_config()  # noqa: F821 -- provided by JupyterHub when it loads this file

COURSE_ID = "balkangames"
BIN = Path(sys.executable).parent  # the environment JupyterHub runs from serves the users too
STATE = Path(os.environ.get("BALKANGAMES_HUB_STATE", "/srv/balkangames-hub"))
EXCHANGE = Path(os.environ.get("BALKANGAMES_EXCHANGE", "/srv/nbgrader/exchange"))
STUDENTS = os.environ.get("BALKANGAMES_STUDENTS_GROUP", "balkangames-students")
INSTRUCTORS = os.environ.get("BALKANGAMES_INSTRUCTORS_GROUP", "balkangames-instructors")
WORKSPACE = "balkangames"  # in each home
COURSE_DIR = "balkangames-course"  # in each instructor's home
LANDING = f"/lab/tree/{WORKSPACE}/notebooks/00-start-here.md"
#: nbgrader's JupyterLab plugins a student must not see (the Assignments tab stays).
INSTRUCTOR_PLUGINS = ["@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                      "@jupyter/nbgrader:course-list"]


def course_overrides(role: str) -> str:
    """The course's JupyterLab settings ``jupyter/<role>/overrides.json`` (package data or checkout)."""
    from balkangames.lab import course_root

    for folder in (course_root(), Path(__file__).resolve().parents[2]):
        if (folder / "jupyter" / role / "overrides.json").is_file():
            return (folder / "jupyter" / role / "overrides.json").read_text(encoding="utf-8")
    return "{}"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(0o644)


def prepare_shared_folders() -> None:
    """State, per-role Jupyter settings and the nbgrader exchange (run once, as root, at start)."""
    STATE.mkdir(parents=True, exist_ok=True)
    STATE.chmod(0o755)  # users read their role's settings here; secrets below are 0600
    exchange = f"c.Exchange.root = {str(EXCHANGE)!r}\nc.CourseDirectory.course_id = {COURSE_ID!r}\n"
    for role, extensions, disabled in (
        ("student", {"assignment_list": True, "validate_assignment": True, "formgrader": False,
                     "course_list": False}, INSTRUCTOR_PLUGINS),
        ("instructor", {"assignment_list": True, "validate_assignment": True, "formgrader": True,
                        "course_list": True}, []),
    ):
        config = STATE / role
        server = {"ServerApp": {"jpserver_extensions": {
            f"nbgrader.server_extensions.{name}": on for name, on in extensions.items()}}}
        write(config / "jupyter_server_config.json", json.dumps(server, indent=2))
        # Instructors share the course's exchange folder through their group (nbgrader's groupshared).
        course_root = "" if role == "student" else (
            f"import os\nc.CourseDirectory.root = os.path.expanduser({'~/' + COURSE_DIR!r})\n"
            "c.CourseDirectory.groupshared = True\n")
        write(config / "nbgrader_config.py", exchange + course_root)
        lab = config / "lab-settings"
        write(lab / "page_config.json", json.dumps({"disabledExtensions": disabled}, indent=2))
        write(lab / "overrides.json", course_overrides(role))
    # nbgrader wants its exchange root world-writable (0777; sticky, so nobody deletes another's
    # folder); the course folder belongs to the instructors' group, so no student can take its name.
    EXCHANGE.mkdir(parents=True, exist_ok=True)
    EXCHANGE.chmod(0o1777)
    course = EXCHANGE / COURSE_ID
    course.mkdir(exist_ok=True)
    os.chown(course, 0, grp.getgrnam(INSTRUCTORS).gr_gid)
    course.chmod(0o2775)


def is_instructor(name: str) -> bool:
    group = grp.getgrnam(INSTRUCTORS)
    return name in group.gr_mem or pwd.getpwnam(name).pw_gid == group.gr_gid


async def prepare_user(spawner) -> None:
    """Before each start: the user's course copy (as the user), then their role's settings.

    Asynchronous, so the hub keeps serving (and starting other servers) while it runs.
    """
    account = pwd.getpwnam(spawner.user.name)
    role = "instructor" if is_instructor(spawner.user.name) else "student"
    copy = await asyncio.create_subprocess_exec(
        str(BIN / "python"), "-m", "balkangames", "lab", "--prepare-only", str(Path(account.pw_dir) / WORKSPACE),
        user=account.pw_uid, group=account.pw_gid, extra_groups=os.getgrouplist(account.pw_name, account.pw_gid),
        env={"HOME": account.pw_dir, "PATH": f"{BIN}:/usr/bin:/bin", "LANG": "C.UTF-8"},
        cwd=account.pw_dir, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )
    _, errors = await copy.communicate()
    if copy.returncode:
        raise RuntimeError(f"could not prepare the course in {account.pw_dir}: {errors.decode(errors='replace')}")
    spawner.environment["JUPYTER_CONFIG_PATH"] = str(STATE / role)
    spawner.args = [f"--LabApp.app_settings_dir={STATE / role / 'lab-settings'}"]


prepare_shared_folders()

c.JupyterHub.bind_url = os.environ.get("BALKANGAMES_HUB_URL", "http://127.0.0.1:8000")
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{os.environ.get('BALKANGAMES_HUB_PORT', '8081')}"
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")

c.JupyterHub.proxy_class = "configurable-http-proxy"
# The PyPI proxy (the hub extra) forwards at most 10 requests at once, and a student whose server is
# starting holds one (the progress page): for a class that logs in together, use npm's
# (`npm install -g configurable-http-proxy`, BALKANGAMES_PROXY_COMMAND=/usr/local/bin/configurable-http-proxy).
c.ConfigurableHTTPProxy.command = [os.environ.get("BALKANGAMES_PROXY_COMMAND")
                                   or shutil.which("configurable-http-proxy", path=str(BIN)) or "configurable-http-proxy"]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{os.environ.get('BALKANGAMES_PROXY_API_PORT', '8001')}"
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")

c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.allowed_groups = {STUDENTS, INSTRUCTORS}
c.PAMAuthenticator.open_sessions = False  # no logind in containers; sessions add nothing here
c.Authenticator.admin_users = {name for name in os.environ.get("BALKANGAMES_HUB_ADMINS", "").split(",") if name}

c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = LANDING
c.Spawner.pre_spawn_hook = prepare_user
c.Spawner.environment = {"PATH": f"{BIN}:/usr/local/bin:/usr/bin:/bin"}  # nbgrader, alembic, bwrap
c.Spawner.start_timeout = 180  # a class logging in at once on a busy machine
c.Spawner.http_timeout = 180
c.JupyterHub.concurrent_spawn_limit = 20

token = os.environ.get("BALKANGAMES_HUB_SERVICE_TOKEN")
if token:  # for scripts: start servers before a lecture, the end-to-end test, the benchmark
    c.JupyterHub.services = [{"name": "course-admin", "api_token": token}]
    c.JupyterHub.load_roles = [{"name": "course-admin", "services": ["course-admin"],
                                "scopes": ["admin:users", "admin:servers", "tokens", "read:hub"]}]
