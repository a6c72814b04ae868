"""The benchmarks' million-row data (loaded once per run, side by side) and the table of
every figure measured, shown at the end of the run and kept in .benchmarks/last-run.txt."""

from __future__ import annotations

import datetime as dt
import shlex

import pytest

from tests.benchmarks import budget, million_rows

# fixture name -> how to prepare it (million_rows.DataSet)
DATA_SETS = {
    "inquiry_local": million_rows.inquiry_local,
    "inquiry_central": million_rows.inquiry_central,
    "promise_city": million_rows.promise_city,
}


# test id -> the data sets it is the last user of (dropped after it)
_LAST_USER: dict[str, list[million_rows.DataSet]] = {}


@pytest.fixture(scope="session")
def million_row_data(request, tmp_path_factory) -> dict:
    """Every million-row data set the run's tests use, loaded (or copied from the cache of
    earlier runs) side by side when the first one is needed (so no benchmark measures while
    a load runs); each dropped after its last test, so the rest of the suite runs without
    it."""
    items = request.session.items  # as selected (-k, paths)
    prepared: dict[str, million_rows.DataSet] = {}
    try:
        for name, prepare in DATA_SETS.items():
            users = [item for item in items if name in item.fixturenames]
            if users:
                prepared[name] = prepare(tmp_path_factory.mktemp(name))
                _LAST_USER.setdefault(users[-1].nodeid, []).append(prepared[name])
        for line in million_rows.load_side_by_side(list(prepared.values())):
            print(f"\n{line}")
            budget.note(line)
        yield {name: data_set.finish() for name, data_set in prepared.items()}
    finally:  # what an early stop (-x, a failed load) left
        for data_set in prepared.values():
            data_set.release()


def pytest_runtest_teardown(item):
    for data_set in _LAST_USER.pop(item.nodeid, []):
        data_set.release()


@pytest.fixture(scope="session")
def inquiry_local(million_row_data):
    """A counter whose own store holds the inquiry data (AppContext)."""
    return million_row_data["inquiry_local"]


@pytest.fixture(scope="session")
def inquiry_central(million_row_data):
    """(ctx, admin URL): a central database with the inquiry data; ctx is enrolled."""
    return million_row_data["inquiry_central"]


@pytest.fixture(scope="session")
def promise_city(million_row_data) -> million_rows.City:
    return million_row_data["promise_city"]


@pytest.hookimpl(trylast=True)  # after pytest-benchmark's own table
def pytest_terminal_summary(terminalreporter, config):
    """The figures of this run, even under -q (what tests print is captured)."""
    if not budget.FIGURES:
        return
    lines = budget.table()
    terminalreporter.write_sep("=", "benchmark figures")
    for line in lines:
        terminalreporter.write_line(line)
    report = config.rootpath / ".benchmarks" / "last-run.txt"
    try:
        report.parent.mkdir(exist_ok=True)
        command = shlex.join(config.invocation_params.args)
        stamp = f"{dt.datetime.now():%Y-%m-%d %H:%M}  pytest {command}"
        report.write_text("\n".join([stamp, "", *lines]) + "\n", encoding="utf-8")
    except OSError as exc:  # a read-only checkout still shows the table
        terminalreporter.write_line(f"(not written to {report}: {exc})")
