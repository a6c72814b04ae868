"""Fixtures of the photo tests: the GA 461 profile and the passing capture."""

from __future__ import annotations

import pytest

from counter_app.photo.profiles import load_profile
from tests.unit.photo import portraits


@pytest.fixture(scope="session")
def ga461():
    return load_profile("ga461")


@pytest.fixture(scope="session")
def passing_jpeg() -> bytes:
    return portraits.jpeg(portraits.passing())
