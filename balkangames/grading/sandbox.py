"""Run a student's notebook kernel in a bubblewrap sandbox while nbgrader autogrades it.

nbgrader executes each submission in a kernel started from the submission's
``autograded/<student>/<assignment>/`` directory. Left alone, that kernel could read
the instructor's ``source/`` notebooks, the gradebook (which stores the hidden
tests) and the sanitised copy of its own notebook (which nbgrader has already
filled with the hidden tests before execution). :class:`SandboxedKernelManager`
starts the kernel under Debian's ``bwrap`` instead:

* it is built by allow-list: only the system directories (:data:`SYSTEM_PATHS`) and the
  interpreter's standard library are mounted, read-only, and of the installed packages only
  what the kernel itself needs (ipykernel and its requirements), the libraries the
  assignment allows (:attr:`SandboxedKernelManager.allowed_imports`, with their
  requirements) and the standalone probe module :mod:`balkangames_probe`. ``balkangames``,
  its grading code, nbgrader, the course, the exchange, any checkout and the home directory
  do not exist inside; :attr:`SandboxedKernelManager.hidden_paths` are hidden even so;
* the working directory is not on ``sys.path`` (``PYTHONSAFEPATH``, IPython's
  ``ignore_cwd``) and is a private writable directory holding only the files the
  assignment declares (:attr:`SandboxedKernelManager.data_files`), copied without
  following links, so neither the notebook with the hidden tests nor anything else of
  the submission is there;
* the environment is cleared (only PATH, HOME, LANG and a few kernel settings are set);
* ``/tmp`` is an in-memory file system; memory (with ``/tmp``), the number of processes
  and the CPU share are limited for the sandbox as a whole by cgroups
  (:func:`sandbox_cgroups`, v1 or v2); where no cgroup can be made, each process gets an
  address-space and CPU-time limit instead (weaker, per-process bounds, logged);
* after every cell every process of the sandbox but the kernel is killed
  (:meth:`SandboxedKernelManager.kill_strays`), ``setsid`` escapes included: the
  sandbox is its own PID namespace, so nothing can leave the tree;
* the kernel has no network (it talks to the grader over Unix sockets in a private
  directory), no capabilities and a file-size limit.

Use it from ``nbgrader_config.py`` through :class:`SandboxedExecute`::

    c.Autograde.autograde_preprocessors = [SandboxedExecute, ...]
    c.SandboxedKernelManager.hidden_paths = [course_root]
"""

from __future__ import annotations

import functools
import importlib.metadata as metadata
import importlib.util
import os
import re
import shutil
import signal
import site
import stat
import subprocess
import sys
import sysconfig
import tempfile
import time
import uuid
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from nbgrader.preprocessors import Execute
from packaging.requirements import Requirement
from traitlets import Bool, Float, Integer, List, Unicode, default

__all__ = [
    "SandboxedExecute", "SandboxedKernelManager", "bwrap_available", "copy_declared_files", "kernel_site_entries", "memory_cgroup",
    "remove_cgroup", "sandbox_cgroups", "sandbox_command",
]

#: The standalone module the graded kernel imports (the only part of balkangames it sees).
PROBE_MODULE = "balkangames_probe"
#: Distributions the kernel itself needs; their requirements are added.
KERNEL_DISTRIBUTIONS = ("ipykernel",)


def bwrap_available(executable: str = "bwrap") -> bool:
    """Return whether ``executable`` exists and can build a sandbox here.

    Some containers forbid the namespaces bubblewrap needs; this runs ``true``
    inside a minimal sandbox to find out.

    Args:
        executable: name or path of the bubblewrap binary.

    Returns:
        True when a sandboxed ``true`` exits successfully.
    """
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
    cpu_seconds_limit: int = 0,
    allowed_imports: tuple[str, ...] | None = None,
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
        cpu_seconds_limit: CPU seconds per process (0 for none); the fallback where no CPU
            cgroup can be made.
        allowed_imports: third-party libraries the notebook may import (their requirements
            are mounted too); None mounts the whole environment (trusted uses only).

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
    if allowed_imports is not None:
        args += _site_arguments(allowed_imports)
    else:  # trusted notebooks: the whole environment, an editable checkout's package and probe included
        for path in (str(Path(__file__).resolve().parents[1]), _probe_path()):
            if path:
                args += ["--ro-bind", path, path]
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
            if allowed_imports is not None:
                args += _site_arguments(allowed_imports)
    bindir = os.path.dirname(sys.executable)
    args += [
        "--bind", private_workdir, workdir,
        "--bind", socket_dir, socket_dir,
        "--chdir", workdir,
        "--setenv", "HOME", workdir,
        "--setenv", "PATH", f"{bindir}:/usr/bin:/bin",
        "--setenv", "LANG", "C.UTF-8",
        "--setenv", "PYTHONNOUSERSITE", "1",
        # The working directory is not on sys.path: nothing beside the notebook can shadow a module.
        "--setenv", "PYTHONSAFEPATH", "1",
        "--setenv", "PYTHONDONTWRITEBYTECODE", "1",
        "--setenv", "MPLBACKEND", "Agg",
        # In its own PID namespace the kernel's parent is PID 1, which ipykernel's
        # parent poller reads as "the grader died"; "1" turns the poller off, and
        # --die-with-parent ends the kernel if the grader dies.
        "--setenv", "JPY_PARENT_PID", "1",
    ]
    if allowed_imports is not None:
        args += ["--setenv", "BALKANGAMES_ALLOWED_IMPORTS", ",".join(allowed_imports)]
    args.append("--")
    limits = []
    if memory_limit_bytes:
        limits.append(f"--as={memory_limit_bytes}")
    if file_size_limit_bytes:
        limits.append(f"--fsize={file_size_limit_bytes}")
    if cpu_seconds_limit:
        limits.append(f"--cpu={cpu_seconds_limit}")
    if limits and shutil.which("prlimit"):
        args += ["prlimit", *limits, "--"]
    return args + list(command)


def _python_roots() -> list[str]:
    """Directories of the kernel's interpreter and its environment, resolved (site-packages are
    then narrowed by :func:`_site_arguments`)."""
    roots = {sys.prefix, sys.base_prefix, os.path.dirname(os.path.realpath(sys.executable))}
    return sorted({str(Path(root).resolve()) for root in roots})


def _site_directories() -> list[str]:
    """Every site-packages directory of this interpreter and its base, resolved, that exists."""
    found = set(site.getsitepackages()) | {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    base = sysconfig.get_paths(vars={"base": sys.base_prefix, "platbase": sys.base_prefix})
    found |= {base["purelib"], base["platlib"]}
    return sorted({str(Path(p).resolve()) for p in found if os.path.isdir(p)})


def _distribution_closure(names) -> dict:
    """Installed distributions ``names`` and everything they require (markers evaluated)."""
    seen, todo = {}, list(names)
    while todo:
        name = todo.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            continue
        try:
            distribution = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen[key] = distribution
        for text in distribution.requires or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return seen


@functools.lru_cache(maxsize=32)
def kernel_site_entries(allowed_imports: tuple[str, ...]) -> tuple[str, ...]:
    """Paths (files and folders in site-packages) the graded kernel may see.

    The kernel's own distributions (:data:`KERNEL_DISTRIBUTIONS`), the distributions providing
    ``allowed_imports`` (found by their top-level module), their requirements, and the probe.
    Nothing else of the environment, so ``balkangames`` (installed or editable) is absent.
    """
    providers = metadata.packages_distributions()
    wanted = list(KERNEL_DISTRIBUTIONS)
    for name in allowed_imports:
        wanted += providers.get(name, [name])
    entries = set()
    for distribution in _distribution_closure(wanted).values():
        root = Path(distribution.locate_file("")).resolve()
        for file in distribution.files or []:
            parts = file.parts
            if parts and parts[0] not in ("..", "__pycache__") and not parts[0].endswith(".pth"):
                entries.add(str(root / parts[0]))
    probe = _probe_path()
    if probe:
        entries.add(probe)
    return tuple(sorted(path for path in entries if os.path.exists(path)))


def _probe_path() -> str | None:
    spec = importlib.util.find_spec(PROBE_MODULE)
    return str(Path(spec.origin).resolve()) if spec and spec.origin else None


def _site_arguments(allowed_imports) -> list[str]:
    """bwrap arguments: empty every site-packages, then show the allowed entries again."""
    args = []
    sites = _site_directories()
    for site_dir in sites:
        args += ["--tmpfs", site_dir]
    for entry in kernel_site_entries(tuple(allowed_imports)):
        parent = str(Path(entry).parent)
        if parent in sites:
            args += ["--ro-bind", entry, entry]
        elif entry.endswith(".py"):  # the probe of a checkout outside site-packages
            purelib = str(Path(sysconfig.get_paths()["purelib"]).resolve())
            args += ["--ro-bind", entry, os.path.join(purelib, os.path.basename(entry))]
    return args


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


def sandbox_cgroups(memory_bytes: int, pids: int, cpu_share: float,
                    root: str = "/sys/fs/cgroup") -> dict[str, str]:
    """Cgroups limiting the whole sandbox: memory (no swap), processes and CPU share.

    Returns controller -> cgroup directory for each limit that could be set here (v2: one
    directory for all; v1: one per controller). ``cpu_share`` is in CPUs (1.0 = one core).
    """
    made = {}
    if memory_bytes:
        path = memory_cgroup(memory_bytes, root)
        if path:
            made["memory"] = path
    v2 = os.path.exists(os.path.join(root, "cgroup.subtree_control"))
    for controller, files in (("pids", {"pids.max": str(pids)} if pids else {}),
                              ("cpu", _cpu_files(cpu_share, v2) if cpu_share else {})):
        if not files:
            continue
        if v2:
            base, path = root, made.get("memory")
            if controller not in _read(os.path.join(root, "cgroup.subtree_control")):
                continue
        else:
            base, path = os.path.join(root, controller), None
            if not os.path.exists(os.path.join(base, "cgroup.procs")):
                continue
        try:
            if path is None:
                path = os.path.join(base, f"balkangames-{os.getpid()}-{uuid.uuid4().hex[:8]}")
                os.mkdir(path)
            for name, value in files.items():
                _write(os.path.join(path, name), value)
            made[controller] = path
        except OSError:
            if path and path not in made.values():
                shutil.rmtree(path, ignore_errors=True)
    return made


def _cpu_files(share: float, v2: bool) -> dict[str, str]:
    period = 100_000
    quota = max(1000, int(share * period))
    return {"cpu.max": f"{quota} {period}"} if v2 else {"cpu.cfs_period_us": str(period), "cpu.cfs_quota_us": str(quota)}


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
    pids_limit = Integer(64, help="Most processes and threads in the whole sandbox (0: no limit).").tag(config=True)
    cpu_share = Float(1.0, help="CPU share of the whole sandbox, in cores (0: no limit).").tag(config=True)
    cpu_seconds_limit = Integer(
        600, help="Fallback where no CPU cgroup can be made: CPU seconds per process (0: none)."
    ).tag(config=True)
    allowed_imports = List(
        Unicode(), default_value=None, allow_none=True,
        help="Third-party libraries the graded notebook may import; None shows the whole environment.",
    ).tag(config=True)
    data_files = List(Unicode(), help="Files of the submission copied beside the kernel (regular files only).").tag(
        config=True)

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
        allowed = None if self.allowed_imports is None else tuple(self.allowed_imports)
        if allowed is not None:
            # Not the working directory on sys.path; the import guard in place before any cell.
            kernel_cmd = [*kernel_cmd, "--IPKernelApp.ignore_cwd=True",
                          f"--IPKernelApp.exec_lines=['import {PROBE_MODULE}', "
                          f"'{PROBE_MODULE}.allow_imports_from_environment()', 'del {PROBE_MODULE}']"]
        workdir = str(Path(kw.get("cwd") or os.getcwd()).resolve())
        self._sandbox_workdir = tempfile.mkdtemp(prefix="balkangames-work-")
        copy_declared_files(workdir, self._sandbox_workdir, self.data_files)
        self._sandbox_cgroups = sandbox_cgroups(self.memory_limit_bytes, self.pids_limit, self.cpu_share)
        self._sandbox_cgroup = self._sandbox_cgroups.get("memory")  # kept for callers of the single cgroup
        missing = [name for name, wanted in (("memory", self.memory_limit_bytes), ("pids", self.pids_limit),
                                             ("cpu", self.cpu_share)) if wanted and name not in self._sandbox_cgroups]
        if missing:
            self.log.warning("no %s cgroup available: falling back to per-process limits (address space, CPU "
                             "time; see exercises/README.md, Known limits)", "/".join(missing))
        kernel_cmd = sandbox_command(
            kernel_cmd,
            workdir=workdir,
            private_workdir=self._sandbox_workdir,
            socket_dir=self._socket_dir,
            hidden_paths=list(self.hidden_paths),
            bwrap=self.bwrap,
            hide_home=self.hide_home,
            memory_limit_bytes=0 if "memory" in self._sandbox_cgroups else self.memory_limit_bytes,
            cpu_seconds_limit=0 if "cpu" in self._sandbox_cgroups else self.cpu_seconds_limit,
            allowed_imports=allowed,
        )
        # nbclient interrupts a cell that exceeds its timeout with SIGINT to the whole
        # process group; bwrap itself must survive that, only the kernel should see it.
        kw["preexec_fn"] = functools.partial(_prepare_child, tuple(sorted(set(self._sandbox_cgroups.values()))))
        # The sandbox sets its own environment (--clearenv); pass the grader's none of it.
        kw["env"] = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        self.log.debug("Sandboxed kernel command: %s", kernel_cmd)
        return kernel_cmd, kw

    def sandbox_pids(self) -> list[int]:
        """Host pids of every process of the sandbox (bwrap and all its descendants)."""
        process = getattr(getattr(self, "provisioner", None), "process", None)
        top = getattr(process, "pid", None)
        return [] if top is None else [top, *_descendants(top)]

    def kill_strays(self) -> int:
        """Kill every process of the sandbox except bwrap and the kernel; return how many.

        The sandbox is one PID namespace under bwrap, so a process that called ``setsid``
        or was orphaned (re-parented to the namespace's init) is still in the tree. What is
        kept is found by position, not by name: bwrap, its namespace init and the init's
        oldest child, the kernel.
        """
        pids = self.sandbox_pids()
        if not pids:
            return 0
        tree = _children()
        keep = {pids[0]}
        for init in tree.get(pids[0], []):
            keep.add(init)
            oldest = sorted(tree.get(init, []), key=_start_time)[:1]
            keep.update(oldest)
        killed = 0
        for pid in pids:
            if pid not in keep:
                try:
                    os.kill(pid, signal.SIGKILL)
                    killed += 1
                except OSError:
                    pass
        return killed

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        for pid in reversed(self.sandbox_pids()[1:]):  # the tree, setsid escapes included
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            for path in set((getattr(self, "_sandbox_cgroups", None) or {}).values()):
                remove_cgroup(path)
            self._sandbox_cgroups, self._sandbox_cgroup = {}, None
            for attribute in ("_sandbox_workdir", "_sandbox_socket_dir"):
                path = getattr(self, attribute, None)
                if path:
                    shutil.rmtree(path, ignore_errors=True)
                    setattr(self, attribute, None)

    # nbclient cleans up a dead kernel through the public name, bound to the base method.
    cleanup_resources = _async_cleanup_resources


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = _read(f"/proc/{entry}/stat")
            if stat:
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                tree.setdefault(ppid, []).append(int(entry))
    return tree


def _descendants(pid: int) -> list[int]:
    tree, found, todo = _children(), [], [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _start_time(pid: int) -> int:
    stat_line = _read(f"/proc/{pid}/stat")
    try:
        return int(stat_line.rsplit(")", 1)[1].split()[19])
    except (IndexError, ValueError):
        return 1 << 62


def _prepare_child(cgroups: tuple[str, ...]) -> None:
    """Run in the forked child before ``exec``: join the cgroups; bwrap must not die of SIGINT."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for cgroup in cgroups:
        _write(os.path.join(cgroup, "cgroup.procs"), str(os.getpid()))


def copy_declared_files(source: str, target: str, names) -> list[str]:
    """Copy the files ``names`` of ``source`` into ``target``: regular files only, links never followed.

    Returns the names that were refused (missing, a link, a folder or anything but a file).
    Nothing else of the submission is copied: not the notebook (nbgrader has filled it with
    the hidden tests), not modules, not folders.
    """
    refused = []
    for name in names:
        if os.path.basename(name) != name or name.startswith("."):
            refused.append(name)
            continue
        try:
            descriptor = os.open(os.path.join(source, name), os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            refused.append(name)
            continue
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                refused.append(name)
                continue
            with open(os.path.join(target, name), "wb") as out:
                shutil.copyfileobj(handle, out)
    return refused


class SandboxedExecute(Execute):
    """nbgrader's ``Execute`` preprocessor, with kernels started by :class:`SandboxedKernelManager`."""

    sandboxed = Bool(True, help="Run kernels under bubblewrap (False only for trusted notebooks).").tag(config=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "kernel_manager_class" not in kwargs:
            self.kernel_manager_class = SandboxedKernelManager if self.sandboxed else AsyncKernelManager
