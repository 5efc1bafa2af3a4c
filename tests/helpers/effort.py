"""How much a test enumerates: everything in CI and in ./test, a sample in the quick loop.

``./test --quick`` sets ``VV_QUICK=1``. A test that tries every byte, every case of a long list or
thousands of examples takes a spread-out sample then: the same test, the same kinds of case, fewer
of them. CI runs everything.
"""

from __future__ import annotations

import os

QUICK = os.environ.get("VV_QUICK") == "1"


def every(step_when_quick: int) -> int:
    """The step through a long enumeration: 1 (every case), or ``step_when_quick`` in the quick loop."""
    return step_when_quick if QUICK else 1


def examples(full: int) -> int:
    """Hypothesis examples for a property test: all of them, or a fifth (at least 10) in the quick loop."""
    return max(10, full // 5) if QUICK else full
