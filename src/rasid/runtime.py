"""Settings for a process that exists to run rasid (the CLI, the server, batch workers).

Why garbage collection: analysing an article allocates tens of thousands of container
objects, and with Python's default thresholds (700, 10, 10) the collector runs every few
hundred allocations and, every hundred young collections, walks the whole heap, including
rasid's large long-lived tables and bounded caches. Reference counting already frees almost
everything an analysis leaves behind; collecting cycles less often made the full pipeline
~8% faster per article (42-44 -> 38-40 ms on the shared corpus; docs/performance.md).

A program that imports rasid as a library keeps its own settings: only rasid's entry points
call :func:`tune_gc`; such a program may call it too.
"""

from __future__ import annotations

import gc

__all__ = ["GC_THRESHOLDS", "tune_gc"]

GC_THRESHOLDS = (50_000, 10, 10)  # young-generation allocations, then 10 and 10 collections


def tune_gc() -> None:
    """Collect cyclic garbage less often (see the module docstring for why)."""
    gc.set_threshold(*GC_THRESHOLDS)
