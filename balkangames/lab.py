"""The student's way in: a working copy of the course, opened in JupyterLab (``balkangames lab``).

The course ships inside the wheel (``balkangames/_course/``, copied there when the wheel is
built, see ``setup.py``): the MyST notebooks ``notebooks/*.md``, the self-paced exercises
``exercises/self-paced/**``, the student JupyterLab settings ``jupyter/student/`` and the Voilà
template ``jupyter/voila/``. In a checkout (``make lab``, an editable install) the same files
are read from the repository, so both paths run this module and nothing else.

:func:`make_workspace` copies what is missing into the student's folder and never overwrites a
file (a student's work survives; delete a file to get it fresh). :func:`lab_command` and
:func:`present_command` build the commands that serve it: plain paths, no shell, no ``make``,
so Windows, macOS and Linux run the same code.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from jupyter_core.paths import jupyter_config_dir

from . import __version__
from .course_files import LANDING, course_files, course_root

#: The landing page, relative to the workspace (JupyterLab opens it first).
#: The lecture view ``present`` serves, relative to the course root.
PRESENT_SOURCE = "notebooks/present-alliances.md"
#: The workspace's jupytext settings: the course's, plus language_info kept in the header.
WORKSPACE_JUPYTEXT = """\
# Written by balkangames lab: the kernel's language_info is kept in each notebook's header,
# so opening a notebook in JupyterLab does not mark it changed.
notebook_metadata_filter = "language_info,-jupytext.text_representation.jupytext_version"
"""
#: The default workspace folder (in the current directory).
DEFAULT_WORKSPACE = "balkangames-workspace"
#: The Voilà lecture view's options: its template, and only the lab extensions it needs (the
#: others, made for JupyterLab, log errors in Voilà).
PRESENT_OPTIONS = (
    "--template=balkangames-present",
    "--VoilaConfiguration.extension_allowlist="
    "['@voila-dashboards/widgets-manager8', '@jupyter-widgets/jupyterlab-manager', 'jupyterlab_pygments']",
)


def kernel_metadata() -> dict:
    """``kernelspec`` and ``language_info`` exactly as the ``python3`` kernel will report them.

    JupyterLab writes this metadata into a notebook when its kernel starts; if it differed from
    the file, every notebook would open marked unsaved. The tracked files cannot carry it (it
    depends on the machine), the workspace's copies can.
    """
    from ipykernel.ipkernel import IPythonKernel  # heavy: IPython (only when notebooks are written)
    from jupyter_client.kernelspec import KernelSpecManager  # with the kernel: a second of start-up

    spec = KernelSpecManager().get_kernel_spec("python3")
    return {
        "kernelspec": {"display_name": spec.display_name, "language": spec.language, "name": "python3"},
        "language_info": dict(IPythonKernel.language_info),
    }


def _is_text_notebook(path: Path) -> bool:
    """A MyST notebook (a ``.md`` with a jupytext header), not a plain Markdown file."""
    if path.suffix != ".md":
        return False
    head = path.read_text(encoding="utf-8")[:2000]
    return head.startswith("---") and "jupytext:" in head.split("\n---", 1)[0]


def workspace_sources(root: Path | None = None) -> list[tuple[Path, Path]]:
    """``(source, relative target)`` of every file a student workspace holds.

    The course notebooks are copied as MyST text. Each self-paced exercise
    (``exercises/self-paced/<name>/<name>.md``, MyST) becomes the notebook
    ``exercises/self-paced/<name>/<name>.ipynb``, which keeps the check results a student saves;
    its ``answers.py`` stays in the course, where the checker reads it. A self-paced
    ``.ipynb`` (the older layout) is copied as it is.
    """
    root = course_root() if root is None else root
    pairs = []
    for relative in course_files(root):
        source = root / relative
        if relative.parts[0] == "notebooks":
            pairs.append((source, relative))
        elif relative.parts[0] == "exercises" and source.suffix == ".ipynb":
            pairs.append((source, relative))
        elif relative.parts[0] == "exercises" and relative.parent.name == source.stem and _is_text_notebook(source):
            pairs.append((source, relative.with_suffix(".ipynb")))
    return pairs


def make_workspace(workspace: Path, root: Path | None = None, *, dry_run: bool = False) -> list[Path]:
    """Copy what is missing into ``workspace``; returns the files written (or, dry, to write).

    Notebooks get the installed kernel's metadata (see :func:`kernel_metadata`); other files
    (an exercise's helper module, a figure) are copied byte for byte. Nothing already in the
    workspace is touched.
    """
    workspace = Path(workspace).resolve()
    pending = [(source, workspace / target) for source, target in workspace_sources(root)]
    config = workspace / ".jupytext.toml"  # hidden: students see only notebooks and exercises
    missing = ([] if config.exists() else [config]) + [t for _, t in pending if not t.exists()]
    if dry_run or not missing:  # nothing to do: no heavy imports (a hub runs this at every start)
        return missing
    import jupytext  # heavy: nbformat, markdown-it, yaml (half a second; only when copying)
    import nbformat  # heavy: jsonschema (with jupytext)
    from jupytext.config import load_jupytext_configuration_file  # with jupytext

    (workspace / "notebooks").mkdir(parents=True, exist_ok=True)
    (workspace / "exercises" / "self-paced").mkdir(parents=True, exist_ok=True)
    written = []
    if not config.exists():
        config.write_text(WORKSPACE_JUPYTEXT, encoding="utf-8")
        written.append(config)
    jupytext_config = load_jupytext_configuration_file(str(config), WORKSPACE_JUPYTEXT)
    metadata = kernel_metadata()
    for source, target in pending:
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.suffix == ".md":
            notebook = jupytext.read(source)
            notebook.metadata.update(metadata)
            jupytext.write(notebook, target, fmt="md:myst", config=jupytext_config)
        elif source.suffix == ".md":  # an exercise: a plain notebook, the student's file, not a MyST pair
            notebook = jupytext.read(source)
            notebook.metadata.pop("jupytext", None)
            notebook.metadata.update(metadata)
            nbformat.write(notebook, target)
        elif source.suffix == ".ipynb":
            notebook = nbformat.read(source, as_version=4)
            notebook.metadata.update(metadata)
            nbformat.write(notebook, target)
        else:
            shutil.copyfile(source, target)
        written.append(target)
    return written


def _root_flag() -> list[str]:
    """JupyterLab refuses to run as root unless told (CI machines and containers run as root)."""
    return ["--allow-root"] if hasattr(os, "getuid") and os.getuid() == 0 else []


def lab_command(workspace: Path, *, ip: str = "127.0.0.1", port: int | None = None,
                browser: bool = True, extra: list[str] | tuple = ()) -> list[str]:
    """The JupyterLab command serving ``workspace`` with the student settings.

    The landing page opens first (``jupyter/student/jupyter_server_config.json``); nbgrader's
    menus are switched off (``page_config.json``); JupyterLab's own settings and layouts are
    kept inside the workspace, so nothing is written elsewhere.
    """
    root, workspace = course_root(), Path(workspace).resolve()
    settings = root / "jupyter" / "student"
    command = [
        sys.executable, "-m", "jupyterlab",
        f"--config={settings / 'jupyter_server_config.json'}",
        f"--LabApp.app_settings_dir={settings}",
        f"--LabApp.user_settings_dir={workspace / '.jupyter' / 'user-settings'}",
        f"--LabApp.workspaces_dir={workspace / '.jupyter' / 'workspaces'}",
        f"--ServerApp.root_dir={workspace}",
        f"--ServerApp.ip={ip}",
    ]
    if port is not None:
        command.append(f"--ServerApp.port={port}")
    if not browser:
        command.append("--no-browser")
    return [*command, *_root_flag(), *extra]


def build_present(build_dir: Path) -> Path:
    """The lecture view as ``.ipynb`` (Voilà serves notebooks), built from its MyST source."""
    import jupytext  # heavy: nbformat, markdown-it, yaml (only when the lecture view is built)

    build_dir = Path(build_dir).resolve()
    build_dir.mkdir(parents=True, exist_ok=True)
    source = course_root() / PRESENT_SOURCE
    target = build_dir / "present-alliances.ipynb"
    jupytext.write(jupytext.read(source), target, fmt="ipynb")
    return target


def present_command(notebook: Path, *, ip: str = "127.0.0.1", port: int | None = None,
                    browser: bool = False, extra: list[str] | tuple = ()) -> tuple[list[str], dict]:
    """``(command, environment)`` serving ``notebook`` with Voilà and the projector template."""
    environment = dict(os.environ)
    template_path = str(course_root() / "jupyter")  # holds voila/templates/balkangames-present
    environment["JUPYTER_PATH"] = os.pathsep.join(filter(None, [template_path, environment.get("JUPYTER_PATH")]))
    command = [sys.executable, "-m", "voila", str(notebook), f"--Voila.ip={ip}", *PRESENT_OPTIONS]
    if port is not None:
        command.append(f"--port={port}")
    if not browser:
        command.append("--no-browser")
    return [*command, *extra], environment


def run(command: list[str], env: dict | None = None) -> int:
    """Run a server until it stops (Ctrl+C stops it quietly); returns its exit status."""
    process = subprocess.Popen(command, env=env)
    try:
        return process.wait()
    except KeyboardInterrupt:  # the server got the same Ctrl+C and shuts down
        return process.wait()


def versions() -> str:
    """What ``--version`` prints: this package, where its course is, and the servers it runs."""
    lines = [f"balkangames {__version__}"]
    try:
        lines.append(f"course files: {course_root()}")
    except FileNotFoundError as error:
        lines.append(f"course files: missing ({error})")
    for name in ("jupyterlab", "jupytext", "voila"):
        try:
            lines.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            lines.append(f"{name}: not installed")
    return "\n".join(lines)


LAB_HELP = f"""\
Create or update your working copy of the course in DIR (default: ./{DEFAULT_WORKSPACE}), then
open JupyterLab on its landing page, {LANDING}. Only missing files are copied: a notebook
you changed is never overwritten (delete it to get a fresh copy). JupyterLab's settings and
layouts are kept in DIR/.jupyter. Stop the server with Ctrl+C in this window."""
PRESENT_HELP = """\
Serve the alliance explorer as a slide for a projector with Voila: code hidden, the page
scaled for 1920x1080, nothing fetched from the internet. The notebook is built into
BUILD_DIR (default: a folder in the system's temporary directory)."""


def add_subcommands(sub) -> None:
    """Add ``lab`` and ``present`` to the command line's subparsers."""
    lab = sub.add_parser("lab", help="students: copy the course into a folder and open it in JupyterLab",
                         description=LAB_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    lab.add_argument("dir", nargs="?", default=DEFAULT_WORKSPACE, metavar="DIR",
                     help=f"your workspace folder (default: {DEFAULT_WORKSPACE})")
    present = sub.add_parser("present", help="instructors: the alliance explorer as a Voila slide",
                             description=PRESENT_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    present.add_argument("--build-dir", type=Path, default=None, help="where the lecture notebook is built")
    for parser, port in ((lab, 8888), (present, 8866)):
        parser.add_argument("--port", type=int, default=port, help=f"port to serve on (default: {port})")
        parser.add_argument("--ip", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
        parser.add_argument("--no-browser", dest="browser", action="store_false", default=parser is lab,
                            help="do not open a web browser" + (" (the default for present)" if parser is present else ""))
        parser.add_argument("--dry-run", action="store_true", help="say what would be done, do nothing")
        if parser is lab:
            parser.add_argument("--prepare-only", action="store_true",
                                help="create or update the workspace, do not start JupyterLab")
        parser.add_argument("--version", action=_Versions, help="show the versions and where the course is, then exit")


class _Versions(argparse.Action):
    """``--version``, computed only when asked (looking up versions slows every other command)."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, default=None, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        print(versions())
        parser.exit()


def run_subcommand(args, extra: list[str]) -> int:
    """Run ``lab`` or ``present`` (``extra``: further options passed on to JupyterLab or Voila)."""
    if args.command == "lab":
        workspace = Path(args.dir).resolve()
        written = make_workspace(workspace, dry_run=args.dry_run)
        for path in written:
            print(f"{'would copy' if args.dry_run else 'copied'} {path}")
        verb = "would be copied" if args.dry_run else "copied"
        print(f"workspace {workspace}: {len(written)} missing file(s) {verb}, nothing overwritten")
        if args.prepare_only:
            return 0
        command = lab_command(workspace, ip=args.ip, port=args.port, browser=args.browser, extra=extra)
        environment = None
    else:
        if importlib.util.find_spec("voila") is None:
            print("balkangames: error: present needs Voila: pip install voila", file=sys.stderr)
            return 2
        build = args.build_dir or Path(tempfile.gettempdir()) / "balkangames-present"
        notebook = build.resolve() / "present-alliances.ipynb"
        if not args.dry_run:
            notebook = build_present(build)
        command, environment = present_command(notebook, ip=args.ip, port=args.port,
                                               browser=args.browser, extra=extra)
    if args.dry_run:
        print("would run:", subprocess.list2cmdline(command))
        return 0
    return run(command, environment)


def configure_jupyter(workspace: Path, root_dir: Path | None = None, config_dir: Path | None = None) -> Path:
    """Make the student settings the default of every JupyterLab this user starts (Binder's way).

    A Binder-style service starts JupyterLab itself, so the options of :func:`lab_command` go
    into the user's ``jupyter_server_config.json`` instead (merged with what is there): the
    student settings of ``jupyter/student/``, JupyterLab's own settings kept in the workspace,
    and the landing page, as a path from ``root_dir`` (the folder JupyterLab serves, default:
    the current one), as the default URL. Returns the file written.
    """
    workspace, root_dir = Path(workspace).resolve(), Path(root_dir or Path.cwd()).resolve()
    settings = course_root() / "jupyter" / "student"
    target = Path(config_dir or jupyter_config_dir()) / "jupyter_server_config.json"
    config = json.loads(target.read_text(encoding="utf-8")) if target.exists() else {}
    student = json.loads((settings / "jupyter_server_config.json").read_text(encoding="utf-8"))
    for section, values in student.items():
        config.setdefault(section, {}).update(values)
    landing = (workspace / LANDING).relative_to(root_dir).as_posix()
    config.setdefault("LabApp", {}).update({
        "app_settings_dir": str(settings),
        "user_settings_dir": str(workspace / ".jupyter" / "user-settings"),
        "workspaces_dir": str(workspace / ".jupyter" / "workspaces"),
        "default_url": f"/lab/tree/{landing}",
    })
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    return target
