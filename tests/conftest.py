"""Suite-wide settings: hypothesis profiles.

``balkangames`` (the default, used by ``make test``) gives the same verdict on every run:
examples are derived from each test's name (``derandomize``) and no example database
carries failures from one run to the next, so a fresh clone and a developer's checkout run
the same examples. A failure found by exploration is kept as an explicit ``@example``.

``explore`` (``make explore``, i.e. ``--hypothesis-profile=explore``) draws random examples
and runs :data:`EXPLORE_FACTOR` times each test's ``max_examples``, to find new failures.

Both switch hypothesis's deadline off: a 200 ms bound per example is an absolute time
bound that a busy machine can break. Speed goals live in benchmarks/.
"""

from hypothesis import settings

#: How many times more examples each property test runs under the ``explore`` profile.
EXPLORE_FACTOR = 10

settings.register_profile("balkangames", deadline=None, derandomize=True, database=None)
settings.register_profile("explore", deadline=None, derandomize=False, database=None)
# The hypothesis pytest plugin loads --hypothesis-profile after this, so it overrides this default.
settings.load_profile("balkangames")


def pytest_collection_modifyitems(config, items):
    """Skip what needs a missing system package (off CI); under ``explore``, scale each property
    test's own ``max_examples`` (set in its decorator)."""
    _skip_without_system_packages(items)
    if settings.get_current_profile_name() != "explore":
        return
    for item in items:
        test = getattr(item, "obj", None)
        current = getattr(test, "_hypothesis_internal_use_settings", None)
        if current is not None:
            test._hypothesis_internal_use_settings = settings(
                current, max_examples=current.max_examples * EXPLORE_FACTOR, derandomize=False
            )


#: test files whose every test runs student code in the bubblewrap sandbox (autograding)
SANDBOXED_FILES = {"test_grading_adversarial.py", "test_grading_sandbox.py", "test_nbgrader_sandbox.py",
                   "test_grading_formgrader_browser.py"}


def _skip_without_system_packages(items):
    """Tests needing a system package this machine lacks are skipped with the reason, except on CI.

    `make test` and `.ci/run` install Chromium and bubblewrap when run as root (.ci/system-packages);
    on CI (CI=true) a missing package fails its tests instead of skipping them.
    """
    import os
    import shutil

    import pytest

    if os.environ.get("CI") == "true":
        return
    missing_bwrap = missing_chromium = None
    for item in items:
        name = item.path.name
        sandboxed = name in SANDBOXED_FILES or (name in ("test_nbgrader_course.py", "test_nbgrader_ps3.py")
                                                and "slow" in item.keywords)
        if sandboxed:
            if missing_bwrap is None:
                from balkangames.grading.sandbox import bwrap_available

                missing_bwrap = not bwrap_available()
            if missing_bwrap:
                item.add_marker(pytest.mark.skip(
                    reason="needs bubblewrap (sudo apt-get install -y bubblewrap; make test installs it as root)"))
        if "browser" in item.keywords:
            if missing_chromium is None:
                missing_chromium = shutil.which("chromium") is None
            if missing_chromium:
                item.add_marker(pytest.mark.skip(
                    reason="needs Chromium (sudo apt-get install -y chromium; make test installs it as root)"))
