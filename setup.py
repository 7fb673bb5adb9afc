"""Build step: the wheel carries the course as package data (metadata is in pyproject.toml).

The course files live at the repository's top level (``notebooks/``, ``exercises/self-paced/``,
``jupyter/student/``, ``jupyter/voila/``), where instructors edit them. Building the package
copies them to ``balkangames/_course/`` with the same relative paths, so an installed
``balkangames lab`` needs nothing from the repository. An editable install (``make env``) copies
nothing: ``balkangames.course_files.course_root`` then reads the checkout itself.
"""

import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "balkangames"))
from course_files import course_files  # noqa: E402  (stdlib only; the package would need its dependencies)

sys.path.pop(0)


class BuildPyWithCourse(build_py):
    """``build_py`` that also copies the course into ``balkangames/_course``."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "balkangames" / "_course"
        if target.exists():
            shutil.rmtree(target)
        files = course_files(HERE)
        if not any(path.as_posix() == "notebooks/00-start-here.md" for path in files):
            raise SystemExit(f"the course files are missing from {HERE} (is this a complete checkout or sdist?)")
        for relative in files:
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(HERE / relative, target / relative)


setup(cmdclass={"build_py": BuildPyWithCourse})
