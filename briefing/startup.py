"""Start-up: loading what lives as long as the process (modules, the spaCy pipeline) cheaply."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager


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
