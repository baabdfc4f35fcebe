"""Matrix products for the NER network through numpy's OpenBLAS, held to one thread.

Why: about 85% of the NER network's CPU time is matrix multiplication (gemm) in its CNN.
thinc's default CPU ops multiply with blis; on the reference machine (AMD EPYC) numpy's
OpenBLAS runs the same products about three times faster (124 vs 42 GFLOP/s for the CNN's
2,600 x 384 x 384 shapes), which halves the model's CPU per article with the same entities
(docs/performance.md). thinc ships this path itself (``NumpyOps(use_blis=False)``).

OpenBLAS must run on one thread while the model runs: its own threads cost more CPU than
they save at these sizes and would fight the batch engine's one-worker-per-core processes.
The limit is set only around the model's calls (``single_threaded_blas``), so a host
application's own numpy work keeps its thread settings. Where threadpoolctl cannot see a
BLAS library to limit, the model keeps thinc's blis ops.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from functools import lru_cache
from typing import Any

from spacy.language import Language

__all__ = ["use_blas_ops", "single_threaded_blas"]


@lru_cache(maxsize=1)
def _blas_controller() -> Any | None:
    """threadpoolctl's handle on the BLAS libraries numpy loaded (None when there is none)."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    controller = ThreadpoolController().select(user_api="blas")
    return controller if controller.lib_controllers else None


def single_threaded_blas() -> AbstractContextManager[Any]:
    """Context in which numpy's BLAS uses one thread (restored on exit; ~6 µs per use)."""
    controller = _blas_controller()
    return controller.limit(limits=1) if controller is not None else nullcontext()


def use_blas_ops(nlp: Language) -> bool:
    """Make every layer of ``nlp``'s trained components multiply with numpy's BLAS.

    Returns False (and changes nothing) when the BLAS library cannot be held to one thread.
    """
    if _blas_controller() is None:
        return False
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops
    return True
