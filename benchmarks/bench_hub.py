"""Benchmark: what a class costs on one JupyterHub server (deploy/jupyterhub/, issue 22).

Run as root on Linux: ``python benchmarks/bench_hub.py [--students 30] [--active 5]``.
It makes local Unix users (removed afterwards), starts JupyterHub with
``deploy/jupyterhub/jupyterhub_config.py`` and, through the hub's API:

- starts every student's server at once and times until all are ready (a class logging in
  for the first time: each server's course is copied first);
- measures each idle server's memory (proportional set size, PSS: shared libraries counted
  once across the class, so the figures add up to what the machine needs);
- makes ``--active`` students active: each runs the alliance notebook (04) top to bottom in a
  kernel of their server, and measures their server plus kernel's memory and the kernel's
  CPU seconds for it.

Figures go into deploy/jupyterhub/README.md. Nothing here is a test: no bound is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import hub_harness as hh  # noqa: E402

#: What an active student runs: the course notebook on alliances, every code cell in order.
ACTIVE_CODE = """
import jupytext, os, time, resource
_nb = jupytext.read(os.path.expanduser("~/balkangames/notebooks/04-alliances-change-equilibria.md"))
os.chdir(os.path.expanduser("~/balkangames/notebooks"))
for _cell in _nb.cells:
    if _cell.cell_type == "code":
        exec(compile(_cell.source, "<cell>", "exec"), globals())
_usage = resource.getrusage(resource.RUSAGE_SELF)
print("CPU", _usage.ru_utime + _usage.ru_stime)
"""


def user_memory(uid: int) -> tuple[float, float]:
    """(PSS, RSS) in MiB of every process of Unix user ``uid``."""
    import psutil

    pss = rss = 0
    for process in psutil.process_iter(["uids"]):
        try:
            if process.info["uids"] and process.info["uids"].real == uid:
                info = process.memory_full_info()
                pss += getattr(info, "pss", info.rss)
                rss += info.rss
        except psutil.Error:
            continue
    return pss / 2**20, rss / 2**20


async def run_in_kernel(server: hh.Server, code: str) -> str:
    """Start a kernel in ``server``, run ``code`` there, return its printed output."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    kernel = server.http.post(f"{server.base}/api/kernels", json={"name": "python3"}, timeout=120).json()
    url = f"{server.base}/api/kernels/{kernel['id']}/channels".replace("http://", "ws://")
    socket = await websocket_connect(HTTPRequest(url, headers=dict(server.http.headers)))
    message_id = uuid.uuid4().hex
    socket.write_message(json.dumps({
        "header": {"msg_id": message_id, "msg_type": "execute_request", "username": server.name,
                   "session": uuid.uuid4().hex, "version": "5.3"},
        "parent_header": {}, "metadata": {}, "channel": "shell",
        "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                    "allow_stdin": False, "stop_on_error": True},
    }))
    output = []
    while True:
        frame = await socket.read_message()
        if frame is None:
            raise RuntimeError(f"the kernel's websocket closed in {server.name}'s server")
        if isinstance(frame, bytes):  # binary frames carry buffers (widgets), not our replies
            continue
        message = json.loads(frame)
        if message.get("parent_header", {}).get("msg_id") != message_id:
            continue
        kind = message["msg_type"]
        if kind == "stream":
            output.append(message["content"]["text"])
        elif kind == "error":
            raise RuntimeError("\n".join(message["content"]["traceback"]))
        elif kind == "status" and message["content"]["execution_state"] == "idle":
            break
    socket.close()
    return "".join(output)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--active", type=int, default=5)
    parser.add_argument("--proxy", choices=("npm", "pypi"), default="npm" if shutil.which("npm") else "pypi",
                        help="npm's configurable-http-proxy (default where npm exists) or the PyPI one")
    args = parser.parse_args(argv)
    reason = hh.missing()
    if reason:
        print(f"bench_hub: cannot run here: {reason}")
        return 0
    import pwd

    import requests

    folder = hh.shared_folder()
    extra = {}
    if args.proxy == "npm":
        subprocess.run(["npm", "install", "--silent", "--prefix", str(folder / "proxy"), "configurable-http-proxy"],
                       check=True, capture_output=True)
        extra["BALKANGAMES_PROXY_COMMAND"] = str(folder / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy")
    try:
        with hh.unix_accounts(students=args.students) as accounts, \
                hh.running_hub(accounts["groups"], folder, extra) as hub:
            admin = {"Authorization": f"token {hub['BALKANGAMES_HUB_SERVICE_TOKEN']}"}
            names = accounts["students"]
            # The hub learns users at their first log-in; the service registers them instead.
            response = requests.post(f"{hub['url']}/hub/api/users", json={"usernames": names}, headers=admin,
                                     timeout=60)
            assert response.status_code == 201, response.text
            servers = [hh.Server.as_service(hub["url"], name, hub["BALKANGAMES_HUB_SERVICE_TOKEN"]) for name in names]
            started = time.perf_counter()
            with ThreadPoolExecutor(len(servers)) as pool:  # the whole class at once
                list(pool.map(lambda server: (server.start(), server.wait_ready()), servers))
            start_seconds = time.perf_counter() - started
            print(f"{len(servers)} servers started in {start_seconds:.1f} s", flush=True)
            time.sleep(10)  # let start-up work settle
            idle = [user_memory(pwd.getpwnam(name).pw_uid) for name in names]
            print(f"idle server: median {statistics.median(p for p, _ in idle):.1f} MiB PSS", flush=True)
            active, cpu = [], []
            for server in servers[: args.active]:
                # the student's own token (the service may make tokens, not enter users' servers)
                made = requests.post(f"{hub['url']}/hub/api/users/{server.name}/tokens", headers=admin,
                                     json={"note": "bench_hub", "expires_in": 3600}, timeout=60)
                assert made.status_code == 201, made.text
                server = hh.Server(hub["url"], server.name, made.json()["token"])
                printed = asyncio.run(run_in_kernel(server, ACTIVE_CODE))
                cpu.append(float(printed.split("CPU")[-1]))
                active.append(user_memory(pwd.getpwnam(server.name).pw_uid))
            print(f"active student: median {statistics.median(p for p, _ in active):.1f} MiB PSS, "
                  f"{statistics.median(cpu):.2f} CPU s for notebook 04", flush=True)
            figures = {
                "students": len(names),
                "proxy": args.proxy,
                "cores": os.cpu_count(),
                "seconds_to_start_all": round(start_seconds, 1),
                "idle_server_pss_mib_median": round(statistics.median(p for p, _ in idle), 1),
                "idle_server_rss_mib_median": round(statistics.median(r for _, r in idle), 1),
                "active_student_pss_mib_median": round(statistics.median(p for p, _ in active), 1),
                "active_student_rss_mib_median": round(statistics.median(r for _, r in active), 1),
                "active_notebook_cpu_seconds_median": round(statistics.median(cpu), 2),
            }
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps(figures, indent=2))
    print(f"{figures['students']} servers started in {figures['seconds_to_start_all']} s on {figures['cores']} cores; "
          f"idle server {figures['idle_server_pss_mib_median']} MiB PSS; active student (server + kernel after "
          f"notebook 04) {figures['active_student_pss_mib_median']} MiB PSS, "
          f"{figures['active_notebook_cpu_seconds_median']} CPU s for the notebook")
    return 0


if __name__ == "__main__":
    sys.exit(main())
