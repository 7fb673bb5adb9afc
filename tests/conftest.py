"""Suite-wide settings.

Hypothesis fails an example that runs longer than its default deadline (200 ms): an
absolute time bound that a busy machine can break. Speed goals live in benchmarks/, so
the deadline is switched off for every property test.
"""

from hypothesis import settings

settings.register_profile("balkangames", deadline=None)
settings.load_profile("balkangames")
