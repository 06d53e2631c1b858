"""Tests of briefing.startup: loading with the collector paused, then freezing what was loaded."""

from __future__ import annotations

import gc
import sys
import types
from collections.abc import Iterator

import pytest

from briefing.startup import long_lived


@pytest.fixture(autouse=True)
def unfrozen() -> Iterator[None]:
    """Each test starts and ends with nothing frozen and the collector on."""
    gc.unfreeze()
    gc.enable()
    yield
    gc.unfreeze()
    gc.enable()


def test_collection_is_paused_inside_and_back_after() -> None:
    with long_lived():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_block_that_imports_freezes_what_exists() -> None:
    with long_lived():
        sys.modules["briefing_test_fake_module"] = types.ModuleType("briefing_test_fake_module")
    try:
        assert gc.get_freeze_count() > 0
    finally:
        del sys.modules["briefing_test_fake_module"]


def test_a_block_that_imports_nothing_freezes_nothing() -> None:
    with long_lived():
        [object() for _ in range(10)]
    assert gc.get_freeze_count() == 0


def test_a_disabled_collector_stays_disabled_and_errors_pass_through() -> None:
    gc.disable()
    with pytest.raises(ValueError), long_lived():
        raise ValueError("load failed")
    assert not gc.isenabled()
