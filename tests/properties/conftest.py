"""Hypothesis profiles for the schema-driven property tests.

`ci` (the default): 200 examples per operation, derandomized so every run of CI
draws the same bodies. `deep` (`HYPOTHESIS_PROFILE=deep`, `make test-deep`):
1,000 examples per operation from a fresh random seed each run. `quick`
(`HYPOTHESIS_PROFILE=quick`): 50, derandomized, for CI's runs on the other Pythons and
the additive release, after `make test` has drawn the 200.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = {
    "deadline": None,  # one example is a whole in-process HTTP exchange; timing varies
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}

settings.register_profile("ci", max_examples=200, derandomize=True, database=None, **_COMMON)
settings.register_profile("deep", max_examples=1000, **_COMMON)
# CI's runs past the first (other Pythons, the additive release): the same operations and
# schemas, a quarter of the examples. Drawing them is most of this suite's time.
settings.register_profile("quick", max_examples=50, derandomize=True, database=None, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
