"""Run a student's notebook kernel in a bubblewrap sandbox while nbgrader autogrades it.

nbgrader executes each submission in a kernel started from the submission's
``autograded/<student>/<assignment>/`` directory. Left alone, that kernel could read
the instructor's ``source/`` notebooks, the gradebook (which stores the hidden
tests) and the sanitised copy of its own notebook (which nbgrader has already
filled with the hidden tests before execution). :class:`SandboxedKernelManager`
starts the kernel under Debian's ``bwrap`` instead:

* the whole file system is mounted read-only;
* every path in :attr:`SandboxedKernelManager.hidden_paths` (the course root,
  holding ``source/``, ``gradebook.db``, ``release/``, the other submissions) and
  the user's home and ``/tmp`` are replaced by empty in-memory file systems;
* the working directory is replaced by a private writable copy holding only the
  submission's non-notebook files, so the notebook with the hidden tests is not there;
* the kernel has no network (it talks to the grader over Unix sockets in a private
  directory), its own PID namespace, no capabilities, and an address-space limit.

Use it from ``nbgrader_config.py`` through :class:`SandboxedExecute`::

    c.Autograde.autograde_preprocessors = [SandboxedExecute, ...]
    c.SandboxedKernelManager.hidden_paths = [course_root]
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from nbgrader.preprocessors import Execute
from traitlets import Bool, Integer, List, Unicode, default

__all__ = ["SandboxedExecute", "SandboxedKernelManager", "bwrap_available", "sandbox_command"]


def bwrap_available(executable: str = "bwrap") -> bool:
    """Return whether ``executable`` exists and can build a sandbox here.

    Some containers forbid the namespaces bubblewrap needs; this runs ``true``
    inside a minimal sandbox to find out.

    Args:
        executable: name or path of the bubblewrap binary.

    Returns:
        True when a sandboxed ``true`` exits successfully.
    """
    import subprocess

    path = shutil.which(executable)
    if path is None:
        return False
    probe = [path, "--ro-bind", "/", "/", "--unshare-net", "--unshare-pid", "--proc", "/proc",
             "--cap-drop", "ALL", "true"]
    try:
        return subprocess.run(probe, capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def sandbox_command(
    command: list[str],
    *,
    workdir: str,
    private_workdir: str,
    socket_dir: str,
    hidden_paths: list[str],
    bwrap: str = "bwrap",
    hide_home: bool = True,
    memory_limit_bytes: int = 0,
) -> list[str]:
    """Wrap ``command`` so that it runs inside a bubblewrap sandbox.

    Args:
        command: the kernel command line (``python -m ipykernel_launcher -f ...``).
        workdir: directory the kernel should see as its working directory.
        private_workdir: writable directory mounted over ``workdir`` inside the sandbox.
        socket_dir: directory with the connection file and the kernel's Unix sockets;
            the only host directory the kernel can write to besides ``private_workdir``.
        hidden_paths: directories replaced by empty in-memory file systems (files by an
            empty file); paths that do not exist are skipped.
        bwrap: the bubblewrap executable.
        hide_home: also hide ``$HOME`` (unless the Python environment lives there).
        memory_limit_bytes: address-space limit for the kernel (0 for none).

    Returns:
        The full command line, starting with ``bwrap``.

    Example:
        >>> cmd = sandbox_command(["python"], workdir="/w", private_workdir="/p",
        ...                       socket_dir="/s", hidden_paths=["/etc"])
        >>> cmd[0], cmd[-1]
        ('bwrap', 'python')
        >>> cmd[cmd.index("/etc") - 1]
        '--tmpfs'
    """
    args = [
        bwrap,
        "--ro-bind", "/", "/",
        "--dev", "/dev",
        "--proc", "/proc",
        "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
        "--cap-drop", "ALL",
        "--die-with-parent",
    ]
    masked = [str(Path(p).resolve()) for p in ("/tmp", *hidden_paths)]
    home = os.path.expanduser("~")
    if hide_home and home not in ("", "/"):
        masked.append(str(Path(home).resolve()))
    for path in sorted(set(masked), key=len):
        if os.path.isdir(path):
            args += ["--tmpfs", path]
        elif os.path.exists(path):
            args += ["--ro-bind", "/dev/null", path]
    # The interpreter and the package may live under a hidden directory (pyenv in $HOME, a
    # checkout in /tmp with an editable install): show them again, read-only.
    for needed in _python_roots():
        if any(_contains(path, needed) for path in masked):
            args += ["--ro-bind", needed, needed]
    args += [
        "--bind", private_workdir, workdir,
        "--bind", socket_dir, socket_dir,
        "--chdir", workdir,
        "--setenv", "HOME", workdir if hide_home else home,
        # In its own PID namespace the kernel's parent is PID 1, which ipykernel's
        # parent poller reads as "the grader died"; "1" turns the poller off, and
        # --die-with-parent ends the kernel if the grader dies.
        "--setenv", "JPY_PARENT_PID", "1",
        "--",
    ]
    if memory_limit_bytes and shutil.which("prlimit"):
        args += ["prlimit", f"--as={memory_limit_bytes}", "--"]
    return args + list(command)


def _python_roots() -> list[str]:
    """Directories the kernel's interpreter, libraries and the balkangames package need, resolved."""
    package = Path(__file__).resolve().parents[1]  # balkangames itself (editable installs)
    roots = {sys.prefix, sys.base_prefix, os.path.dirname(os.path.realpath(sys.executable)), str(package)}
    return sorted({str(Path(root).resolve()) for root in roots})


def _contains(parent: str, child: str) -> bool:
    """Return whether path ``child`` lies inside directory ``parent``."""
    parent_path, child_path = Path(parent).resolve(), Path(child).resolve()
    return parent_path == child_path or parent_path in child_path.parents


class SandboxedKernelManager(AsyncKernelManager):
    """An asynchronous kernel manager whose kernels run under bubblewrap.

    The kernel talks to the manager over Unix sockets (``transport = "ipc"``) in a
    private temporary directory, so it needs no network at all.
    """

    hidden_paths = List(
        Unicode(), help="Directories (or files) the kernel must not see."
    ).tag(config=True)
    bwrap = Unicode("bwrap", help="The bubblewrap executable.").tag(config=True)
    hide_home = Bool(True, help="Hide the home directory from the kernel.").tag(config=True)
    memory_limit_bytes = Integer(
        4 * 1024**3, help="Address-space limit of the kernel in bytes (0: none)."
    ).tag(config=True)

    @default("transport")
    def _default_transport(self) -> str:
        return "ipc"

    @default("connection_file")
    def _default_connection_file(self) -> str:
        return os.path.join(self._socket_dir, "kernel.json")

    @default("ip")
    def _default_ip(self) -> str:
        return os.path.join(self._socket_dir, "kernel-ipc")

    @property
    def _socket_dir(self) -> str:
        if getattr(self, "_sandbox_socket_dir", None) is None:
            self._sandbox_socket_dir = tempfile.mkdtemp(prefix="balkangames-kernel-")
        return self._sandbox_socket_dir

    async def _async_pre_start_kernel(self, **kw):
        if shutil.which(self.bwrap) is None:
            raise RuntimeError(
                f"cannot sandbox the student's kernel: {self.bwrap!r} not found. Install Debian's "
                "bubblewrap (apt-get install -y bubblewrap), or set BALKANGAMES_NO_SANDBOX=1 to grade "
                "trusted notebooks without a sandbox."
            )
        kernel_cmd, kw = await super()._async_pre_start_kernel(**kw)
        workdir = str(Path(kw.get("cwd") or os.getcwd()).resolve())
        self._sandbox_workdir = tempfile.mkdtemp(prefix="balkangames-work-")
        _copy_data_files(workdir, self._sandbox_workdir)
        kernel_cmd = sandbox_command(
            kernel_cmd,
            workdir=workdir,
            private_workdir=self._sandbox_workdir,
            socket_dir=self._socket_dir,
            hidden_paths=list(self.hidden_paths),
            bwrap=self.bwrap,
            hide_home=self.hide_home,
            memory_limit_bytes=self.memory_limit_bytes,
        )
        # nbclient interrupts a cell that exceeds its timeout with SIGINT to the whole
        # process group; bwrap itself must survive that, only the kernel should see it.
        kw["preexec_fn"] = _ignore_sigint
        self.log.debug("Sandboxed kernel command: %s", kernel_cmd)
        return kernel_cmd, kw

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            for attribute in ("_sandbox_workdir", "_sandbox_socket_dir"):
                path = getattr(self, attribute, None)
                if path:
                    shutil.rmtree(path, ignore_errors=True)
                    setattr(self, attribute, None)


def _ignore_sigint() -> None:
    """Run in the forked child before ``exec``: bwrap must not die of SIGINT."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _copy_data_files(source: str, target: str) -> None:
    """Copy every file of ``source`` except notebooks (they hold the hidden tests)."""
    for root, dirs, files in os.walk(source):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        relative = os.path.relpath(root, source)
        os.makedirs(os.path.join(target, relative), exist_ok=True)
        for name in files:
            if not name.endswith(".ipynb"):
                shutil.copy2(os.path.join(root, name), os.path.join(target, relative, name))


class SandboxedExecute(Execute):
    """nbgrader's ``Execute`` preprocessor, with kernels started by :class:`SandboxedKernelManager`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kernel_manager_class", SandboxedKernelManager)
        super().__init__(*args, **kwargs)
