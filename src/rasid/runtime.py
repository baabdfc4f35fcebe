"""Settings for a process that exists to run rasid (the CLI, the server, batch workers).

Why garbage collection: analysing an article allocates tens of thousands of container
objects, and with Python's default thresholds (700, 10, 10) the collector runs every few
hundred allocations and, every hundred young collections, walks the whole heap, including
rasid's large long-lived tables and bounded caches. Reference counting already frees almost
everything an analysis leaves behind; collecting cycles less often made the full pipeline
~8% faster per article (42-44 -> 38-40 ms on the shared corpus; docs/performance.md).

A program that imports rasid as a library keeps its own settings: only rasid's entry points
call :func:`tune_gc`; such a program may call it too.

Why one size for the per-word caches: news repeats its words, so rasid caches what it works
out per word (clitic cuts, norms and keys, place labels, the NER network's word embeddings)
in bounded caches. On a stream of real articles new words never stop, so every cache fills
to its bound and stays there. Bounds of 50,000-200,000 words left a process at ~510 MB and
still growing after 5,000 real articles; 65,536 words for all of them, ~465 MB, for ~1.6% more
CPU per article. 32,768 words levelled off lower (~385 MB) but cost 5-8% more CPU per article
than 65,536 on 2,000 real articles (31-32 vs 28-30 ms), too much of the speed target's margin.
Measured with ``bench/news_stream.py --analyse``; docs/performance.md.
"""

from __future__ import annotations

import gc

__all__ = ["GC_THRESHOLDS", "WORD_CACHE_SIZE", "tune_gc"]

GC_THRESHOLDS = (50_000, 10, 10)  # young-generation allocations, then 10 and 10 collections
WORD_CACHE_SIZE = 65_536  # words each per-word cache keeps (see the module docstring)


def tune_gc() -> None:
    """Collect cyclic garbage less often (see the module docstring for why)."""
    gc.set_threshold(*GC_THRESHOLDS)
