"""Make a student's working copy of the course: ``python jupyter/workspace.py WORKSPACE``.

Copies ``notebooks/*.md`` and builds each self-paced exercise (``exercises/self-paced/<name>/<name>.md``)
into ``WORKSPACE/exercises/self-paced/<name>/<name>.ipynb``; nothing already there is overwritten.
Kept for old instructions: the code is :func:`balkangames.lab.make_workspace`, which ``make lab``,
``make workspace`` and ``balkangames lab`` run.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # balkangames, run from a checkout

from balkangames.lab import kernel_metadata, make_workspace  # noqa: E402,F401

if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[0])
    for written in make_workspace(Path(sys.argv[1])):
        print("copied", written)
