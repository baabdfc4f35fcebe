"""kill -9 while a store is being migrated.

A version-1 store (the first schema: no stories, no full-text index) holding real corpus
articles is opened for writing by a subprocess, which migrates it to the latest schema; the
subprocess is killed with SIGKILL at several points of the migration. After each kill the
store must hold either a completed migration or a consistent older schema (the recorded
version matches the tables that exist), no document may be lost, and opening it again for
writing must finish the migration: every document searchable and in a story.
"""

from __future__ import annotations

import json
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from reliability_helpers import env

from rasid.document import DocumentRecord
from rasid.errors import StoreError
from rasid.store import Store, queries
from rasid.store.codec import pack
from rasid.store.schema import LATEST, current_version, migrate

N_DOCS = 400
# Opens the store for writing (which migrates it), saying when it starts and ends.
_MIGRATE = """
import sys, time
from rasid.store import Store
print("start", flush=True)
t = time.perf_counter()
with Store(sys.argv[1]) as s:
    print("done", s.schema_version(), time.perf_counter() - t, flush=True)
"""


@pytest.fixture(scope="module")
def v1_store(tmp_path_factory, corpus_dir) -> tuple[Path, list[str]]:
    """A schema-1 store of N_DOCS documents (the 60 corpus articles, with variations)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus_dir.glob("0*.txt"))]
    path = tmp_path_factory.mktemp("v1") / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, target=1) == [1]
    ids = []
    conn.execute("BEGIN")
    for i in range(N_DOCS):
        text = texts[i % len(texts)]
        if i >= len(texts):   # a reprint: a dateline and one paragraph fewer
            paras = text.split("\n")
            text = f"(نشر {i})\n" + "\n".join(paras[: max(1, len(paras) - 1 - i % 3)])
        rec = DocumentRecord(id=f"old{i:04d}", text=text, title=text.split("\n")[0][:80])
        conn.execute("INSERT INTO documents(id, title, n_chars, input_hash, record_hash,"
                     " ingested_at, record) VALUES (?,?,?,?,?,?,?)",
                     (rec.id, rec.title, len(text), "x", f"h{i}", "2024-01-01",
                      pack(json.dumps(rec.to_dict(), ensure_ascii=False))))
        ids.append(rec.id)
    conn.execute("COMMIT")
    conn.close()
    return path, ids


def _start(db: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", _MIGRATE, str(db)], env=env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "start", proc.stderr.read()
    return proc


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}


def check_consistent(db: Path, ids: list[str]) -> int:
    """The schema a killed migration left: the recorded version matches what exists, and
    every document is there. Returns the version."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        version = current_version(conn)
        tables, cols = _tables(conn), _columns(conn, "documents")
        assert ("story_sigs" in tables) == ("story_id" in cols) == (version >= 2), version
        assert ("doc_fts" in tables) == ("fts" in cols) == (version >= 3), version
        stored = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY id")]
        assert stored == ids
    finally:
        conn.close()
    return version


def _version_now(db: Path) -> int:
    """The schema version as a concurrent reader sees it (-1 while it cannot be read)."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.5)
        try:
            return current_version(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        return -1


def _wait_version(db: Path, proc: subprocess.Popen, version: int, timeout: float = 120) -> float:
    """Poll until ``version`` is committed (or the process ends); the time it took."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout and proc.poll() is None:
        if _version_now(db) >= version:
            break
        time.sleep(0.01)
    return time.perf_counter() - t0


@pytest.fixture(scope="module")
def phases(tmp_path_factory, v1_store) -> dict[int, float]:
    """Seconds each migration (2, 3, ...) takes uninterrupted on this machine, watched by a
    concurrent reader (and that the migration works)."""
    src, ids = v1_store
    db = tmp_path_factory.mktemp("ref") / "ref.db"
    shutil.copy(src, db)
    proc = _start(db)
    seconds = {v: _wait_version(db, proc, v) for v in range(2, LATEST + 1)}
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err[-2000:]
    assert out.split()[:2] == ["done", str(LATEST)]
    with Store(db, readonly=True) as s:
        assert s.count() == len(ids)
    return seconds


# (migration being run when killed, share of its usual duration elapsed)
KILL_POINTS = [(2, 0.3), (3, 0.0), (3, 0.5)]
# kills tried per point: on a busy machine a migration may commit before the kill lands
KILL_TRIES = 4


def _killed_inside(tmp_path: Path, v1_store, phases: dict[int, float], migration: int,
                   share: float) -> tuple[Path, int]:
    """A copy of the version-1 store whose migrating process was SIGKILLed ``share`` of
    migration ``migration``'s usual duration into it, and the version it left. A migration
    that runs faster than it did when ``phases`` timed it may commit before the kill lands:
    that store is consistent too (checked), but the kill was not inside the migration, so
    it is tried again from a fresh copy, half as far in each time."""
    src, ids = v1_store
    version = -1
    for attempt in range(KILL_TRIES):
        db = tmp_path / f"old{attempt}.db"
        shutil.copy(src, db)
        proc = _start(db)
        _wait_version(db, proc, migration - 1)
        time.sleep(share / 2 ** attempt * phases[migration])
        if proc.poll() is not None:
            proc.communicate(timeout=30)
            continue  # every migration ended before the kill
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        version = check_consistent(db, ids)
        if version < migration:
            return db, version
    raise AssertionError(f"no kill of {KILL_TRIES} landed inside migration {migration}: "
                         f"the last left version {version}")


@pytest.mark.parametrize(("migration", "share"), KILL_POINTS)
def test_kill_9_during_migration(tmp_path, v1_store, phases, migration, share):
    """Killed while migration ``migration`` runs (``share`` of its usual duration in): the
    schema before it intact, then a reopen completes every migration."""
    _, ids = v1_store
    db, version = _killed_inside(tmp_path, v1_store, phases, migration, share)
    assert version == migration - 1, f"killed in migration {migration}, left {version}"
    with pytest.raises(StoreError, match=f"schema version {version}"):
        Store(db, readonly=True)                    # readers are told to migrate it
    with Store(db) as s:                            # reopening completes the migration
        assert s.schema_version() == LATEST
        applied = [r[0] for r in s.conn.execute("SELECT version FROM migrations ORDER BY 1")]
        assert applied == list(range(1, LATEST + 1))
        assert s.count() == len(ids)
        assert s.conn.execute("SELECT COUNT(*) FROM documents WHERE story_id IS NULL "
                              "OR fts IS NULL").fetchone()[0] == 0
        assert s.conn.execute("SELECT COUNT(*) FROM doc_fts").fetchone()[0] == len(ids)
        hits = {h["id"] for h in queries.search(s, "البرلمان الفنلندي", limit=1000)}
        assert "old0000" in hits
    assert check_consistent(db, ids) == LATEST
