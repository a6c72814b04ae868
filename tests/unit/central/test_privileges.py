"""docs/SECURITY.md's privilege matrix is what `central init` makes (issue 12): every
table's privileges per role and its row policies, every function's callers, owner and
rights. The built-in server's copy is checked in tests/integration/test_builtin_central.py."""

import pytest

from tests import security_matrix

pytestmark = pytest.mark.postgres


def test_the_live_grants_and_policies_are_the_documented_matrix(pg_url):
    tables, functions = security_matrix.live(pg_url)
    documented_tables, documented_functions = security_matrix.documented()
    hint = "docs/SECURITY.md differs; the live matrix is:\n" + security_matrix.markdown(
        tables, functions)
    assert tables == documented_tables, hint
    assert functions == documented_functions, hint


def test_every_function_a_device_may_call_runs_fenced(pg_url):
    """Callable by a device means SECURITY DEFINER of the engine, which cannot log in;
    nothing else is callable."""
    _tables, functions = security_matrix.live(pg_url)
    callable_ = [row for row in functions if row[1] == "yes"]
    assert callable_ and all(row[2:] == ("engine", "definer") for row in callable_)
    assert all(row[2] == "engine" for row in functions)
