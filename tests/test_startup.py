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


SHIM_SCRIPT = """
import sys
import numpy
public, listing = list(numpy.__all__), sorted(dir(numpy))
from briefing.startup import import_scipy_sparse
import_scipy_sparse()
import_scipy_sparse()  # a second call does nothing
assert "scipy.sparse" in sys.modules
assert not {"numpy.f2py", "numpy.testing", "unittest"} & set(sys.modules), "the deferred submodules were imported"
assert list(numpy.__all__) == public and sorted(dir(numpy)) == listing, "numpy's names were not restored"
import scipy._lib.array_api_compat.numpy as shim
assert {"testing", "f2py", "ma"} <= set(dir(shim)) and {"testing", "ma"} <= set(shim.__all__)
assert shim.testing is numpy.testing and shim.ma is numpy.ma  # fetched from numpy when first read
try:
    shim.no_such_name
except AttributeError:
    pass
else:
    raise AssertionError("the shim invents names")
import scipy.sparse as sp
assert (sp.csr_matrix(numpy.eye(3)) @ numpy.ones(3)).tolist() == [1.0, 1.0, 1.0]
print("OK")
"""


def test_scipy_sparse_imports_without_numpys_unread_submodules_which_stay_reachable() -> None:
    """A fresh interpreter: the array-API shim no longer imports numpy.f2py/testing, yet offers them."""
    import subprocess

    done = subprocess.run([sys.executable, "-c", SHIM_SCRIPT], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "OK", done.stderr
