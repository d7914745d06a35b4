"""Shared test configuration.

Hypothesis profiles: "dev" (the default) keeps the suite quick while editing; "ci" runs many more
examples and is selected by .ci/run through HYPOTHESIS_PROFILE=ci; "triage" runs few examples and
does not shrink, to find quickly which properties fail. Deadlines are off in both
because this machine is shared and its timings are noisy.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

settings.register_profile("dev", max_examples=50, deadline=None)
settings.register_profile("ci", max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "triage", max_examples=25, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
