"""Which files of the repository are the course the wheel carries (stdlib only: ``setup.py`` reads it)."""

from __future__ import annotations

from pathlib import Path

#: What the wheel carries, relative to the course root (globs; whole exercise folders).
COURSE_FILES = (
    "notebooks/*.md",
    "exercises/self-paced/**/*",
    "jupyter/student/*",
    "jupyter/voila/**/*",
)
#: Never copied: caches and checkpoints a checkout may hold.
SKIPPED_PARTS = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache"}


def course_files(root: Path) -> list[Path]:
    """The course files under ``root`` (relative paths), in a stable order."""
    found = set()
    for pattern in COURSE_FILES:
        for path in root.glob(pattern):
            relative = path.relative_to(root)
            if path.is_file() and not SKIPPED_PARTS.intersection(relative.parts) and path.suffix != ".pyc":
                found.add(relative)
    return sorted(found)
