"""Pausing Python's cyclic garbage collector while large acyclic structures are built."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Building hundreds of thousands of small objects (YAML nodes, model records,
    diagnostics) makes the collector rescan the growing heap again and again although none
    of them form cycles; paused, a 10,000-menu file is checked several times faster."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
