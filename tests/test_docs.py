"""Executed documentation: the README's example and every docstring example in the package."""

import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest

import balkangames

ROOT = Path(__file__).resolve().parents[1]
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def test_readme_examples_run_as_written():
    result = doctest.testfile(str(ROOT / "README.md"), module_relative=False, optionflags=FLAGS, verbose=False)
    assert result.attempted >= 5
    assert result.failed == 0


MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(balkangames.__path__, "balkangames.")
    if not info.name.endswith("__main__")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=FLAGS, verbose=False)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"


def _exercise_folders():
    from balkangames.exercises import registry

    return [folder.name for folder in registry.folders()]


@pytest.mark.parametrize("folder", _exercise_folders())
def test_exercise_answer_files_docstring_examples(folder):
    """The answer builders beside each self-paced notebook are documentation too."""
    from balkangames.exercises import registry

    result = doctest.testmod(registry.answers_module(folder), optionflags=FLAGS, verbose=False)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {folder}/answers.py"
