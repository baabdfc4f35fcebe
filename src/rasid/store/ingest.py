"""Ingest: read inputs, analyse them in parallel, and store the records in batches.

    >>> from rasid.store.ingest import ingest
    >>> summary = ingest(["articles/", "feed.jsonl.gz"], db="corpus.db", workers=2)

- Streaming: inputs are read one at a time (``rasid.ingest.iter_documents``) and at most
  ``workers * 4`` documents are in flight, so memory stays flat whatever the corpus size.
- Parallel: a process pool of ``workers`` processes, each loading the pipeline once.
- Resumable: records are committed every ``batch`` documents (or ``commit_seconds``), each
  batch in one transaction. After a crash or ``kill -9`` a new run skips every document the
  store already holds with the same input (a lookup by id and input hash, before analysis),
  so the store ends with every document exactly once.
- Robust: a document that cannot be read or analysed is reported (``on_error``) and skipped.

Library code: nothing is printed; progress goes to the ``on_progress`` callback.
"""

from __future__ import annotations

import concurrent.futures as cf
import os
import sqlite3
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from rasid.errors import RasidError, StoreError
from rasid.store.db import Store, input_hash, prepare

__all__ = ["IngestStats", "ingest"]


@dataclass
class IngestStats:
    """Counters of one ingest run (what ``on_progress`` receives and ``ingest`` returns)."""

    read: int = 0            # documents read from the inputs
    inserted: int = 0        # new documents stored
    replaced: int = 0        # documents whose id was stored with other content
    unchanged: int = 0       # analysed again, same record: nothing changed
    skipped: int = 0         # already stored with the same input: not analysed
    errors: int = 0          # inputs or analyses that failed (reported, skipped)
    elapsed: float = 0.0     # seconds since the start
    store_seconds: float = 0.0   # seconds spent writing the store (in the main process)
    worker_peak_mb: float = 0.0  # the largest peak memory of an analysis process
    error_messages: list[str] = field(default_factory=list)  # the first 100

    @property
    def stored(self) -> int:
        return self.inserted + self.replaced + self.unchanged

    @property
    def docs_per_second(self) -> float:
        return (self.stored + self.errors) / self.elapsed if self.elapsed else 0.0

    def as_dict(self) -> dict:
        return {"read": self.read, "inserted": self.inserted, "replaced": self.replaced,
                "unchanged": self.unchanged, "skipped": self.skipped, "errors": self.errors,
                "elapsed_s": round(self.elapsed, 3),
                "store_s": round(self.store_seconds, 3),
                "docs_per_s": round(self.docs_per_second, 2),
                "worker_peak_mb": round(self.worker_peak_mb)}


# --------------------------------------------------------------------------- worker side

_NLP = None
_COMPONENTS: list[str] | None = None


def _init_worker(components: list[str] | None) -> None:
    global _NLP, _COMPONENTS
    from rasid.pipeline import load

    _COMPONENTS = components
    _NLP = load(components)


def _analyze(task: tuple) -> tuple:
    """(doc, digest, published) -> ('ok', record, digest, prepared, peak memory in KB) or
    ('error', where, message).

    The FTS terms and story signature are computed here, in parallel, so the single
    writer only runs SQL.
    """
    doc, digest, published = task
    try:
        global _NLP
        if _NLP is None:
            _init_worker(_COMPONENTS)
        from rasid.pipeline import analyze_input

        record = analyze_input(doc, published=published, nlp=_NLP)
        import resource

        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return ("ok", record, digest, prepare(record), peak_kb)
    except RasidError as exc:
        return ("error", doc.source, str(exc))
    except Exception as exc:  # one bad document never sinks the run
        tb = traceback.extract_tb(exc.__traceback__)[-1]
        return ("error", doc.source,
                f"analysis failed: {type(exc).__name__}: {exc} "
                f"({Path(tb.filename).name}:{tb.lineno})")


# --------------------------------------------------------------------------- the run

def ingest(paths: Iterable[str | Path], db: str | Path | None = None, *,
           workers: int | None = None, components: list[str] | None = None,
           published: str | None = None, batch: int = 64, commit_seconds: float = 2.0,
           reanalyze: bool = False,
           on_progress: Callable[[IngestStats], None] | None = None,
           on_error: Callable[[str], None] | None = None) -> IngestStats:
    """Analyse every document under ``paths`` and store it in the store at ``db``.

    ``workers``: processes for analysis (default: all cores; 1 analyses in this process).
    ``components``: pipeline components (default: the full pipeline).
    ``published``: a publication date overriding the inputs' own.
    ``reanalyze``: analyse documents even when the store has them with the same input
    (e.g. after upgrading rasid); unchanged records are still left untouched.
    """
    from rasid.batch import is_batch_output
    from rasid.ingest import iter_documents

    paths = list(paths)
    batch_dirs = [p for p in paths if is_batch_output(p)]  # output of `rasid batch`
    paths = [p for p in paths if p not in batch_dirs]
    workers = max(1, workers or os.cpu_count() or 1)
    stats = IngestStats()
    start = time.perf_counter()
    pending_commit = 0
    last_commit = time.monotonic()

    def report_error(message: str) -> None:
        stats.errors += 1
        if len(stats.error_messages) < 100:
            stats.error_messages.append(message)
        if on_error:
            on_error(message)

    def progress() -> None:
        stats.elapsed = time.perf_counter() - start
        if on_progress:
            on_progress(stats)

    with Store(db) as store:
        def commit(force: bool = False) -> None:
            nonlocal pending_commit, last_commit
            if store.in_transaction and (force or pending_commit >= batch
                                         or time.monotonic() - last_commit >= commit_seconds):
                t = time.perf_counter()
                store.commit()
                stats.store_seconds += time.perf_counter() - t
                pending_commit = 0
                last_commit = time.monotonic()

        def handle(result: tuple) -> None:
            nonlocal pending_commit
            if result[0] == "error":
                report_error(f"{result[1]}: {result[2]}")
            else:
                _, record, digest, prepared, peak_kb = result
                stats.worker_peak_mb = max(stats.worker_peak_mb, peak_kb / 1024)
                t = time.perf_counter()
                if not store.in_transaction:
                    store.begin()
                try:
                    outcome = store.upsert(record, digest, prepared)  # a savepoint inside the batch
                except StoreError:
                    raise          # the store itself failed (disk full, read-only): stop
                except (RasidError, ValueError, TypeError, sqlite3.Error) as exc:
                    outcome = None  # this record could not be stored; the others can
                    report_error(f"{record.source or record.id}: not stored: {exc}")
                stats.store_seconds += time.perf_counter() - t
                if outcome:
                    setattr(stats, outcome, getattr(stats, outcome) + 1)
                    pending_commit += 1
            commit()
            progress()

        def tasks():
            for item in iter_documents(paths):
                if isinstance(item, RasidError):
                    report_error(str(item))
                    progress()
                    continue
                stats.read += 1
                digest = input_hash(item.text, item.title, published or item.published,
                                    item.source)
                if not reanalyze:
                    t = time.perf_counter()
                    stored = store.stored_input_hash(item.doc_id)
                    stats.store_seconds += time.perf_counter() - t
                    if stored == digest:
                        stats.skipped += 1
                        progress()
                        continue
                yield (item, digest, published)

        def load_batch_outputs() -> None:
            """Records that `rasid batch` already analysed: stored as they are."""
            from rasid.batch import read_errors, read_records

            for out in batch_dirs:
                for row in read_errors(out):
                    report_error(f"{row.get('source') or row.get('id')}: "
                                 f"{row.get('stage')}: {row.get('message')} (from {out})")
                for record in read_records(out):
                    stats.read += 1
                    digest = input_hash(record.text, record.title, record.published,
                                        record.source)
                    if not reanalyze and store.stored_input_hash(record.id) == digest:
                        stats.skipped += 1
                        progress()
                        continue
                    handle(("ok", record, digest, prepare(record), 0))

        try:
            load_batch_outputs()
            if workers == 1:
                _init_worker(components)
                for task in tasks():
                    handle(_analyze(task))
            else:
                _run_pool(tasks(), handle, workers, components)
            commit(force=True)
            if stats.inserted + stats.replaced:
                t = time.perf_counter()
                store.optimize()            # planner statistics for the grown tables
                stats.store_seconds += time.perf_counter() - t
        finally:
            if store.in_transaction:  # an exception (or Ctrl-C) mid-batch: keep what is done
                try:
                    store.commit()
                except StoreError:
                    store.rollback()
            progress()
    return stats


def _mp_context():
    """forkserver where available: workers never inherit this process's threads (the
    progress bar) or its open database connection."""
    import multiprocessing as mp

    methods = mp.get_all_start_methods()
    return mp.get_context("forkserver" if "forkserver" in methods else "spawn")


def _run_pool(tasks: Iterator[tuple], handle: Callable[[tuple], None], workers: int,
              components: list[str] | None) -> None:
    """Analyse ``tasks`` on a process pool, at most ``4 * workers`` in flight, handing each
    result to ``handle``. An analysis process that dies (killed, out of memory) breaks the
    pool: its documents in flight are reported as failed and a fresh pool carries on."""
    window = workers * 4

    def new_pool() -> cf.ProcessPoolExecutor:
        return cf.ProcessPoolExecutor(max_workers=workers, mp_context=_mp_context(),
                                      initializer=_init_worker, initargs=(components,))

    pool = new_pool()
    running: dict[cf.Future, str] = {}

    def drain(done) -> None:
        for fut in done:
            handle(_result(fut, running.pop(fut)))

    try:
        for task in tasks:
            while True:
                try:
                    running[pool.submit(_analyze, task)] = task[0].source
                    break
                except BrokenProcessPool:
                    drain(list(running))          # they all fail: reported, not stored
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = new_pool()
            if len(running) >= window:
                done, _ = cf.wait(list(running), return_when=cf.FIRST_COMPLETED)
                drain(done)
        drain(list(cf.as_completed(list(running))))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _result(fut: cf.Future, source: str) -> tuple:
    try:
        return fut.result()
    except BrokenProcessPool:
        return ("error", source, "not analysed: an analysis process died (killed, or out of "
                                 "memory); run again to retry it")
    except Exception as exc:
        return ("error", source, f"analysis process failed: {type(exc).__name__}: {exc}")
