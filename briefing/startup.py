"""Start-up: loading what lives as long as the process (modules, the spaCy pipeline) cheaply."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

# SciPy's array-API shim (scipy._lib.array_api_compat.numpy, imported with scipy.sparse) copies
# numpy's whole namespace, and copying it imports these lazy numpy submodules, ~0.09 s of every
# start-up (numpy.f2py, numpy.testing with unittest, numpy.ma, numpy.polynomial, numpy.char). None
# is an array-API function or read by this project; the shim gets them from numpy when first used.
DEFERRED_NUMPY_SUBMODULES = frozenset({"f2py", "testing", "ma", "polynomial", "char", "ctypeslib", "rec",
                                       "strings"})
SCIPY_NUMPY_SHIM = "scipy._lib.array_api_compat.numpy"


@contextmanager
def long_lived() -> Iterator[None]:
    """Run an import or a model load with the garbage collector paused, then set its objects aside.

    Loading creates ~200k objects that are never freed, and the collector rescanned all of them
    on each older-generation pass (~0.1 s of a seeds build). Paused while they load and frozen
    afterwards (gc.freeze), they are skipped by later passes. Only a block that imported a module
    freezes: a block that loaded nothing new would pin the caller's garbage for no gain.
    """
    modules = len(sys.modules)
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if len(sys.modules) > modules:
            gc.freeze()
        if enabled:
            gc.enable()


def import_scipy_sparse() -> None:
    """Import scipy.sparse, its array-API shim taking numpy's DEFERRED_NUMPY_SUBMODULES only when used.

    While scipy.sparse first imports, numpy's ``__all__`` and ``dir()`` leave out those submodules
    not imported yet; afterwards the shim lists them again and fetches each from numpy on first
    access, so it offers every name it offered before.
    """
    if "scipy.sparse" in sys.modules:
        return
    import numpy

    hidden = {n for n in DEFERRED_NUMPY_SUBMODULES if f"numpy.{n}" not in sys.modules and n in vars(numpy)["__all__"]}
    with _numpy_hiding(numpy, hidden):
        import scipy.sparse  # noqa: F401  (a plain import: python -X importtime shows it)
    shim = sys.modules.get(SCIPY_NUMPY_SHIM)
    if shim is not None and "__getattr__" not in vars(shim):
        _fetch_on_use(shim, numpy, hidden)


@contextmanager
def _numpy_hiding(numpy: ModuleType, hidden: set[str]) -> Iterator[None]:
    """numpy's public names without ``hidden``, for the duration of the block."""
    namespace = vars(numpy)
    public, listing = namespace["__all__"], namespace.get("__dir__")
    namespace["__all__"] = [n for n in public if n not in hidden]
    if listing is not None:
        namespace["__dir__"] = lambda: [n for n in listing() if n not in hidden]
    try:
        yield
    finally:
        namespace["__all__"] = public
        if listing is not None:
            namespace["__dir__"] = listing


def _fetch_on_use(shim: ModuleType, numpy: ModuleType, names: set[str]) -> None:
    """Give the shim ``names`` back: listed in its ``__all__``, taken from numpy when first read."""

    def __getattr__(name: str) -> Any:
        if name not in names:
            raise AttributeError(f"module {shim.__name__!r} has no attribute {name!r}")
        value = getattr(numpy, name)
        setattr(shim, name, value)
        return value

    namespace = vars(shim)
    namespace["__getattr__"] = __getattr__
    namespace["__all__"] = sorted(set(namespace["__all__"]) | names)
