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
    """Under ``explore``, scale each property test's own ``max_examples`` (set in its decorator)."""
    if settings.get_current_profile_name() != "explore":
        return
    for item in items:
        test = getattr(item, "obj", None)
        current = getattr(test, "_hypothesis_internal_use_settings", None)
        if current is not None:
            test._hypothesis_internal_use_settings = settings(
                current, max_examples=current.max_examples * EXPLORE_FACTOR, derandomize=False
            )
