"""Batch intake: 5,000 rows with 3% bad rows, checked and accepted. Aim: under 5 s."""

from tests.batch_helpers import applicant_rows, write_xlsx
from tests.benchmarks.budget import within_budget


def test_import_5000_rows(benchmark, ctx, admin, tmp_path):
    from counter_app.services import batches
    rows, bad = applicant_rows(5000, bad_every=33)  # 151 bad rows, about 3%
    path = tmp_path / "township.xlsx"
    write_xlsx(path, rows)
    names = iter(range(100))

    def accept():
        return batches.accept_batch(ctx, admin, path, f"committee {next(names)}")

    accepted = benchmark.pedantic(accept, rounds=3, iterations=1)
    assert accepted.accepted == 5000 - len(bad)
    assert {p.row for p in accepted.report.problems} == bad
    within_budget(benchmark.stats["median"], 5, "5,000-row import (median)", unit="s")
