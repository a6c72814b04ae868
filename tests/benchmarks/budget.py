"""Benchmarks record the issues' figures; a shared CI machine may be slower than the
figure's machine, so a time only fails the run past the budget times COUNTER_BENCH_SLACK
(2 by default; 1 holds to the figure exactly). Sizes and counts are always exact.

Every figure is also kept in FIGURES, for the table tests/benchmarks/conftest.py shows at
the end of the run (pytest captures what a passing test prints)."""

from __future__ import annotations

import os
from dataclasses import dataclass

SLACK = float(os.environ.get("COUNTER_BENCH_SLACK", "2"))


@dataclass(frozen=True)
class Figure:
    label: str
    value: float
    unit: str
    budget: float | None = None      # None: recorded for the report, no budget
    smaller_is_better: bool = True
    exact: bool = False              # a size or count: no slack

    @property
    def within(self) -> bool:
        return self.budget is None or self.beats(self.budget)

    @property
    def slack(self) -> float:
        return 1 if self.exact else SLACK

    @property
    def within_slack(self) -> bool:
        if self.budget is None:
            return True
        return self.beats(self.budget * self.slack if self.smaller_is_better
                          else self.budget / self.slack)

    def beats(self, limit: float) -> bool:
        return self.value <= limit if self.smaller_is_better else self.value >= limit

    @property
    def verdict(self) -> str:
        if self.budget is None:
            return "recorded"
        if self.within:
            return "within"
        if self.within_slack:
            return f"OVER (passes: slack x{self.slack:g})"
        return "OVER: failed" if self.exact else f"OVER x{self.slack:g}: failed"


FIGURES: list[Figure] = []   # this process's figures, in the order they were measured
NOTES: list[str] = []        # lines shown under the table (how long the fixtures took)


def within_budget(measured: float, budget: float, what: str, smaller_is_better: bool = True,
                  *, unit: str = "", exact: bool = False):
    """Record and print the figure against its budget; fail only beyond the slack (beyond
    the budget itself when *exact*)."""
    figure = Figure(what, measured, unit, budget, smaller_is_better, exact)
    FIGURES.append(figure)
    line = f"{what}: {measured:.1f} {unit}, budget {_bound(figure)}: {figure.verdict}"
    print(f"\n{line}")
    assert figure.within_slack, line


def record(measured: float, what: str, *, unit: str = "") -> None:
    """A figure reported without a budget (it has none in the issue)."""
    FIGURES.append(Figure(what, measured, unit))


def note(line: str) -> None:
    NOTES.append(line)


def _bound(figure: Figure) -> str:
    if figure.budget is None:
        return "-"
    return f"{'≤' if figure.smaller_is_better else '≥'} {figure.budget:g}"


def table() -> list[str]:
    """FIGURES as aligned lines: figure, value, unit, budget, verdict; then the notes."""
    rows = [("figure", "value", "unit", "budget", "verdict")]
    rows += [(f.label, _value(f.value), f.unit, _bound(f), f.verdict) for f in FIGURES]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [f"{label:<{widths[0]}}  {value:>{widths[1]}} {unit:<{widths[2]}}  "
             f"{bound:<{widths[3]}}  {verdict}".rstrip()
             for label, value, unit, bound, verdict in rows]
    return lines + NOTES


def _value(value: float) -> str:
    if value >= 1000 or float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"
