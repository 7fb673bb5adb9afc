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
#: The landing page, relative to the course root: its presence marks a course.
LANDING = "notebooks/00-start-here.md"
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


def course_root() -> Path:
    """Where the course files are: inside the installed package, else the checkout it runs from."""
    packaged = Path(__file__).resolve().parent / "_course"
    if (packaged / LANDING).is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[1]
    if (checkout / LANDING).is_file() and (checkout / "jupyter" / "student").is_dir():
        return checkout
    raise FileNotFoundError(
        f"the course files are missing: neither {packaged} nor a checkout at {checkout} holds "
        f"{LANDING}; reinstall balkangames from its wheel or repository"
    )
