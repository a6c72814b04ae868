"""Benchmarks record the issues' figures; a shared CI machine may be slower than the
figure's machine, so a time only fails the run past the budget times COUNTER_BENCH_SLACK
(2 by default; 1 holds to the figure exactly). Sizes and counts are always exact."""

from __future__ import annotations

import os

SLACK = float(os.environ.get("COUNTER_BENCH_SLACK", "2"))


def within_budget(measured: float, budget: float, what: str, smaller_is_better: bool = True):
    """Print the figure against its budget; fail only beyond the slack."""
    verdict = "within" if (measured <= budget if smaller_is_better else measured >= budget) \
        else "OVER"
    print(f"\n{what}: {measured:.1f} (budget {budget}: {verdict})")
    if smaller_is_better:
        assert measured <= budget * SLACK, f"{what}: {measured:.1f} > {budget} x {SLACK}"
    else:
        assert measured >= budget / SLACK, f"{what}: {measured:.1f} < {budget} / {SLACK}"
