"""environment.yml (conda users) stays in step with pyproject.toml (pip users)."""

import re
import sys
from pathlib import Path

import pytest
import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def _requirement(text):
    """(name, lower bound) of a requirement such as ``numpy>=1.24; python_version < '3.11'``."""
    text = text.split(";")[0].strip()
    match = re.fullmatch(r"([A-Za-z0-9_.\-]+)\s*(?:>=\s*([0-9][0-9A-Za-z.]*))?", text)
    assert match, f"cannot read requirement {text!r}: use 'name>=version'"
    return match.group(1).lower().replace("_", "-"), match.group(2)


def _pyproject_requirements():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():  # every extra: dev, grading, hub
        requirements += extra
    return dict(_requirement(r) for r in requirements), project["requires-python"]


def _conda_requirements():
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert environment["channels"] == ["conda-forge"]
    packages, pip_section = {}, None
    for entry in environment["dependencies"]:
        if isinstance(entry, dict):
            pip_section = entry["pip"]
            continue
        name, bound = _requirement(entry)
        packages[name] = bound
    return packages, pip_section


def test_same_packages_and_lower_bounds():
    pip_packages, _ = _pyproject_requirements()
    conda_packages, _ = _conda_requirements()
    conda_packages.pop("pip")
    conda_packages.pop("python")
    assert conda_packages == pip_packages


def test_same_python_and_the_package_itself_installed():
    _, requires_python = _pyproject_requirements()
    conda_packages, pip_section = _conda_requirements()
    assert requires_python == f">={conda_packages['python']}"
    assert pip_section == ["--editable ."]


@pytest.mark.parametrize("command", ["make lab", "make test"])
def test_readme_first_screen_gives_the_two_commands(command):
    first_screen = "\n".join((ROOT / "README.md").read_text().splitlines()[:40])
    assert command in first_screen


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
