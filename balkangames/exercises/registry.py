"""Every self-paced exercise, by id, found in the exercise folders.

The self-paced course is one folder per exercise notebook (PrairieLearn's "one folder per
question", QuantEcon's inline exercises)::

    exercises/self-paced/01-security-dilemma/
        01-security-dilemma.md   the notebook a learner opens (MyST Markdown)
        answers.py               EXERCISES: how each question's expected answer is computed

An instructor edits both in JupyterLab or a text editor; nothing is generated or committed twice.
Expected answers are never stored: each :class:`~balkangames.exercises.builders.Exercise` builds
the game when the learner checks, so the notebook holds only exercise ids. The folders are read
from a checkout, or from the copy of the course an installed package carries.
"""

from __future__ import annotations

import importlib.util
import os
from functools import cache
from pathlib import Path
from types import ModuleType

from ..course_files import course_root
from .builders import THRESHOLD_DOMAIN, THRESHOLD_SYMBOLS, Exercise

__all__ = ["Exercise", "THRESHOLD_DOMAIN", "THRESHOLD_SYMBOLS", "answers_module", "folders", "get", "ids",
           "notebooks", "self_paced_dir"]

#: an environment variable naming another self-paced folder (an instructor's own course)
SELF_PACED_ENV = "BALKANGAMES_SELF_PACED"
def self_paced_dir() -> Path:
    """The folder holding the self-paced exercise folders (in the course :func:`course_root` finds).

    Raises:
        FileNotFoundError: when no course is found (the message names the places looked at).
    """
    chosen = os.environ.get(SELF_PACED_ENV)
    folder = Path(chosen) if chosen else course_root() / "exercises" / "self-paced"
    if not folder.is_dir():
        raise FileNotFoundError(f"no self-paced exercises found in {folder}")
    return folder


def folders() -> list[Path]:
    """The exercise folders in course order (each has ``answers.py`` and its notebook)."""
    return sorted(p.parent for p in self_paced_dir().glob("*/answers.py"))


def notebooks() -> list[Path]:
    """The MyST notebook of each exercise folder, in course order."""
    return [folder / f"{folder.name}.md" for folder in folders()]


@cache
def answers_module(folder_name: str) -> ModuleType:
    """The ``answers.py`` of exercise folder ``folder_name`` (e.g. ``"01-security-dilemma"``), loaded once.

    Raises:
        ValueError: for an unknown folder, listing the known ones.
    """
    path = self_paced_dir() / folder_name / "answers.py"
    if not path.is_file():
        known = ", ".join(folder.name for folder in folders())
        raise ValueError(f"unknown exercise notebook {folder_name!r}; known: {known}")
    name = "balkangames_exercises_" + folder_name.replace("-", "_")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def _exercises() -> dict[str, Exercise]:
    found: dict[str, Exercise] = {}
    for folder in folders():
        for exercise in answers_module(folder.name).EXERCISES:
            if exercise.id in found:
                raise ValueError(f"exercise id {exercise.id!r} is defined twice (second time in {folder.name})")
            found[exercise.id] = exercise
    return found


def ids() -> list[str]:
    """All exercise ids, in notebook order."""
    return list(_exercises())


def get(exercise_id: str) -> Exercise:
    """The exercise called ``exercise_id``.

    Raises:
        ValueError: for an unknown id, listing the known ones.
    """
    exercises = _exercises()
    try:
        return exercises[exercise_id]
    except (KeyError, TypeError):
        raise ValueError(f"unknown exercise {exercise_id!r}; known: {', '.join(exercises)}") from None
