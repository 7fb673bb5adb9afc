"""Run a student's notebook kernel in a bubblewrap sandbox while nbgrader autogrades it.

nbgrader executes each submission in a kernel started from the submission's
``autograded/<student>/<assignment>/`` directory. Left alone, that kernel could read
the instructor's ``source/`` notebooks, the gradebook (which stores the hidden
tests) and the sanitised copy of its own notebook (which nbgrader has already
filled with the hidden tests before execution). :class:`SandboxedKernelManager`
starts the kernel under Debian's ``bwrap`` instead:

* it is built by allow-list: only the system directories (:data:`SYSTEM_PATHS`), the
  interpreter, its environment and the balkangames package are mounted, read-only, so
  the course, the exchange, any checkout of the course and the home directory do not
  exist inside; :attr:`SandboxedKernelManager.hidden_paths` are hidden even inside those;
* the environment is cleared (only PATH, HOME, LANG and a few kernel settings are set);
* the working directory is replaced by a private writable copy holding only the
  submission's non-notebook files, so the notebook with the hidden tests is not there;
* ``/tmp`` is an in-memory file system, charged like all the sandbox's memory to one
  memory cgroup per kernel (:func:`memory_cgroup`); where no cgroup can be made, each
  process gets an address-space limit instead (a weaker, per-process bound);
* the kernel has no network (it talks to the grader over Unix sockets in a private
  directory), its own PID namespace, no capabilities and a file-size limit.

Use it from ``nbgrader_config.py`` through :class:`SandboxedExecute`::

    c.Autograde.autograde_preprocessors = [SandboxedExecute, ...]
    c.SandboxedKernelManager.hidden_paths = [course_root]
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import sys
import tempfile
import time
import uuid
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from nbgrader.preprocessors import Execute
from traitlets import Bool, Integer, List, Unicode, default

__all__ = [
    "SandboxedExecute", "SandboxedKernelManager", "bwrap_available", "memory_cgroup", "remove_cgroup",
    "sandbox_command",
]


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


#: System paths visible (read-only) in the sandbox; nothing else of the host is, besides the
#: interpreter, its environment and the balkangames package (:func:`_python_roots`).
SYSTEM_PATHS = (
    "/usr", "/bin", "/lib", "/lib32", "/lib64", "/etc/ld.so.cache", "/etc/ld.so.conf",
    "/etc/ld.so.conf.d", "/etc/localtime", "/etc/passwd", "/etc/group", "/etc/nsswitch.conf",
    "/etc/mime.types", "/etc/alternatives",
)


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
    file_size_limit_bytes: int = 256 * 1024**2,
) -> list[str]:
    """Wrap ``command`` so that it runs inside a bubblewrap sandbox built by allow-list.

    Only :data:`SYSTEM_PATHS`, the interpreter and its environment and the balkangames
    package are mounted (read-only); the course, the exchange, any checkout and the home
    directory simply do not exist inside. The environment is cleared.

    Args:
        command: the kernel command line (``python -m ipykernel_launcher -f ...``).
        workdir: directory the kernel should see as its working directory.
        private_workdir: writable directory mounted over ``workdir`` inside the sandbox.
        socket_dir: directory with the connection file and the kernel's Unix sockets;
            the only host directory the kernel can write to besides ``private_workdir``.
        hidden_paths: paths hidden even if they lie inside an allowed path (an empty
            in-memory file system over a directory, an empty file over a file).
        bwrap: the bubblewrap executable.
        hide_home: kept for configuration compatibility; the home directory is never mounted.
        memory_limit_bytes: address-space limit per process (0 for none); the whole sandbox
            is limited by a memory cgroup when one can be made (:class:`SandboxedKernelManager`).
        file_size_limit_bytes: largest file a sandboxed process may write (0 for none).

    Returns:
        The full command line, starting with ``bwrap``.

    Example:
        >>> cmd = sandbox_command(["python"], workdir="/w", private_workdir="/p",
        ...                       socket_dir="/s", hidden_paths=["/etc"])
        >>> cmd[0], cmd[-1], "--clearenv" in cmd
        ('bwrap', 'python', True)
        >>> cmd[cmd.index("/etc") - 1]
        '--tmpfs'
    """
    args = [
        bwrap, "--clearenv",
        "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
        "--cap-drop", "ALL",
        "--die-with-parent",
    ]
    for path in SYSTEM_PATHS:
        args += ["--ro-bind-try", path, path]
    for needed in _python_roots():
        args += ["--ro-bind", needed, needed]
    # /tmp is in memory, so it counts in the sandbox's memory cgroup.
    args += ["--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"]
    hidden = sorted({str(Path(p).resolve()) for p in hidden_paths}, key=len)
    for path in hidden:
        if os.path.isdir(path):
            args += ["--tmpfs", path]
        elif os.path.exists(path):
            args += ["--ro-bind", "/dev/null", path]
    # The interpreter and the package may lie inside a hidden directory or under /tmp (a checkout
    # or a virtual environment there; CI clones may live there): show them again.
    covered = ["/tmp", *hidden]
    for needed in _python_roots():
        if any(needed == path or needed.startswith(path.rstrip("/") + "/") for path in covered):
            args += ["--ro-bind", needed, needed]
    bindir = os.path.dirname(sys.executable)
    args += [
        "--bind", private_workdir, workdir,
        "--bind", socket_dir, socket_dir,
        "--chdir", workdir,
        "--setenv", "HOME", workdir,
        "--setenv", "PATH", f"{bindir}:/usr/bin:/bin",
        "--setenv", "LANG", "C.UTF-8",
        "--setenv", "PYTHONNOUSERSITE", "1",
        "--setenv", "MPLBACKEND", "Agg",
        # In its own PID namespace the kernel's parent is PID 1, which ipykernel's
        # parent poller reads as "the grader died"; "1" turns the poller off, and
        # --die-with-parent ends the kernel if the grader dies.
        "--setenv", "JPY_PARENT_PID", "1",
        "--",
    ]
    limits = []
    if memory_limit_bytes:
        limits.append(f"--as={memory_limit_bytes}")
    if file_size_limit_bytes:
        limits.append(f"--fsize={file_size_limit_bytes}")
    if limits and shutil.which("prlimit"):
        args += ["prlimit", *limits, "--"]
    return args + list(command)


def _python_roots() -> list[str]:
    """Directories the kernel's interpreter, libraries and the balkangames package need, resolved."""
    package = Path(__file__).resolve().parents[1]  # balkangames itself (editable installs)
    roots = {sys.prefix, sys.base_prefix, os.path.dirname(os.path.realpath(sys.executable)), str(package)}
    return sorted({str(Path(root).resolve()) for root in roots})


def memory_cgroup(limit_bytes: int, root: str = "/sys/fs/cgroup") -> str | None:
    """Make a memory cgroup limited to ``limit_bytes`` (v2 or v1); None if that is not allowed here.

    Every process of the sandbox (bwrap, the kernel, its children) and the pages of its
    in-memory /tmp are charged to it, so the limit holds for the sandbox as a whole.
    """
    name = f"balkangames-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    for base, limit_file, swap_file in ((root, "memory.max", "memory.swap.max"),
                                        (os.path.join(root, "memory"), "memory.limit_in_bytes",
                                         "memory.memsw.limit_in_bytes")):
        if not os.path.exists(os.path.join(base, "cgroup.procs")):
            continue
        if base == root and "memory" not in _read(os.path.join(root, "cgroup.subtree_control")):
            continue
        path = os.path.join(base, name)
        try:
            os.mkdir(path)
            _write(os.path.join(path, limit_file), str(limit_bytes))
        except OSError:
            shutil.rmtree(path, ignore_errors=True)
            continue
        try:  # no swap either, where the kernel accounts for it
            _write(os.path.join(path, swap_file), "0" if swap_file == "memory.swap.max" else str(limit_bytes))
        except OSError:
            pass
        return path
    return None


def remove_cgroup(path: str | None) -> None:
    """Kill whatever is left in cgroup ``path`` and remove it."""
    if not path:
        return
    for _ in range(50):
        pids = [int(p) for p in _read(os.path.join(path, "cgroup.procs")).split()]
        if not pids:
            break
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        time.sleep(0.02)
    try:
        os.rmdir(path)
    except OSError:
        pass


def _read(path: str) -> str:
    try:
        with open(path) as handle:
            return handle.read()
    except OSError:
        return ""


def _write(path: str, text: str) -> None:
    with open(path, "w") as handle:
        handle.write(text)


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
        4 * 1024**3, help="Memory limit of the whole sandbox in bytes (0: none), its /tmp included."
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
        self._sandbox_cgroup = memory_cgroup(self.memory_limit_bytes) if self.memory_limit_bytes else None
        if self.memory_limit_bytes and self._sandbox_cgroup is None:
            self.log.warning("no memory cgroup available: limiting each sandboxed process's address "
                             "space instead (several processes together may exceed the limit)")
        kernel_cmd = sandbox_command(
            kernel_cmd,
            workdir=workdir,
            private_workdir=self._sandbox_workdir,
            socket_dir=self._socket_dir,
            hidden_paths=list(self.hidden_paths),
            bwrap=self.bwrap,
            hide_home=self.hide_home,
            memory_limit_bytes=0 if self._sandbox_cgroup else self.memory_limit_bytes,
        )
        # nbclient interrupts a cell that exceeds its timeout with SIGINT to the whole
        # process group; bwrap itself must survive that, only the kernel should see it.
        kw["preexec_fn"] = functools.partial(_prepare_child, self._sandbox_cgroup)
        # The sandbox sets its own environment (--clearenv); pass the grader's none of it.
        kw["env"] = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        self.log.debug("Sandboxed kernel command: %s", kernel_cmd)
        return kernel_cmd, kw

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            remove_cgroup(getattr(self, "_sandbox_cgroup", None))
            self._sandbox_cgroup = None
            for attribute in ("_sandbox_workdir", "_sandbox_socket_dir"):
                path = getattr(self, attribute, None)
                if path:
                    shutil.rmtree(path, ignore_errors=True)
                    setattr(self, attribute, None)

    # nbclient cleans up a dead kernel through the public name, bound to the base method.
    cleanup_resources = _async_cleanup_resources


def _prepare_child(cgroup: str | None) -> None:
    """Run in the forked child before ``exec``: join the cgroup; bwrap must not die of SIGINT."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if cgroup:
        _write(os.path.join(cgroup, "cgroup.procs"), str(os.getpid()))


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

    sandboxed = Bool(True, help="Run kernels under bubblewrap (False only for trusted notebooks).").tag(config=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "kernel_manager_class" not in kwargs:
            self.kernel_manager_class = SandboxedKernelManager if self.sandboxed else AsyncKernelManager
