"""Store faults: a disk that fills, a read-only medium, two ingests at once.

What must hold after each fault: one clear error naming the store (no traceback), the store
intact (integrity check, every stored document complete) and reopenable, every committed
document still there, and a second run, once the fault is gone, ending with every document
exactly once. Inputs are real corpus sentences recombined into documents; the light
``rasid_segment`` pipeline keeps the runs short (analysis quality is not the point).

kill -9 during an ingest is tested in tests/integration/test_ingest.py; kill -9 during a
migration is in test_migration_faults.py.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from reliability_helpers import LIGHT, rasid, rasid_popen, write_jsonl

from rasid.errors import StoreError
from rasid.store import Store
from rasid.store.ingest import ingest
from tests.conftest import stored_documents

SUMMARY = re.compile(r"(\d+) new, (\d+) replaced, (\d+) unchanged, (\d+) already stored, "
                     r"(\d+) failed")


def ingest_cli(inputs: list[Path], db: Path, *extra: str):
    return rasid("ingest", *map(str, inputs), "--db", str(db), "--components", LIGHT,
                 "--workers", "1", "--quiet", *extra)


def assert_intact(db: Path, readonly: bool = True) -> list[str]:
    """Integrity check, every stored document complete (its sentences and FTS row); the
    stored ids."""
    with Store(db, readonly=readonly) as s:
        assert s.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = []
        for rec in s.iter_records():
            ids.append(rec.id)
            n = s.conn.execute("SELECT COUNT(*) FROM sentences WHERE doc_id = ?",
                               (rec.id,)).fetchone()[0]
            assert n == len(rec.sentences), rec.id
        assert s.conn.execute("SELECT COUNT(*) FROM documents WHERE fts IS NULL"
                              ).fetchone()[0] == 0
        assert s.conn.execute("SELECT COUNT(*) FROM documents WHERE story_id IS NULL"
                              ).fetchone()[0] == 0
    return ids


def assert_one_clear_error(proc, *must_contain: str) -> None:
    """A failed CLI run: non-zero exit, no traceback, one error line (not one per document)
    that names what failed."""
    assert proc.returncode != 0
    err = proc.stderr
    assert "Traceback" not in err and "OperationalError" not in err, err[-2000:]
    lines = [ln for ln in err.splitlines() if ln.startswith("error")]
    assert len(lines) == 1, err[-2000:]
    for text in must_contain:
        assert text in lines[0], f"{text!r} not in the error line:\n{err[-2000:]}"


# --------------------------------------------------------------------------- disk full

def test_disk_full_keeps_committed_documents_and_resumes(tmp_path, tmpfs, corpus_sentences):
    """A 1 MB filesystem fills mid-ingest: committed documents stay, the store reopens, and
    after space is freed a second run stores every document exactly once."""
    fs = tmpfs("1m")
    ids = write_jsonl(tmp_path / "in.jsonl", corpus_sentences, 200)
    db = fs.path / "corpus.db"
    first = ingest_cli([tmp_path / "in.jsonl"], db, "--batch", "16")
    assert first.returncode != 0, "the disk never filled: make the documents bigger"
    stored = assert_intact(db)                        # readable on the full disk
    assert 0 < len(stored) < len(ids)
    assert set(stored) <= set(ids)
    fs.resize("64m")                                  # space freed
    second = ingest_cli([tmp_path / "in.jsonl"], db, "--batch", "16")
    assert second.returncode == 0, second.stderr[-2000:]
    new, _, _, skipped, failed = map(int, SUMMARY.search(second.stderr).groups())
    assert skipped == len(stored) and failed == 0    # committed work is not redone
    assert new == len(ids) - len(stored)
    assert sorted(assert_intact(db)) == ids           # every document exactly once


def test_disk_full_is_one_clear_error(tmp_path, tmpfs, corpus_sentences):
    fs = tmpfs("1m")
    write_jsonl(tmp_path / "in.jsonl", corpus_sentences, 200)
    db = fs.path / "corpus.db"
    proc = ingest_cli([tmp_path / "in.jsonl"], db, "--batch", "16")
    assert_one_clear_error(proc, str(db), "full")


class _TinyStore(Store):
    """A store whose database may grow by only ``room`` pages (SQLite's max_page_count):
    a full disk without root."""

    room = 60

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.readonly:
            pages = self.conn.execute("PRAGMA page_count").fetchone()[0]
            self.conn.execute(f"PRAGMA max_page_count = {pages + self.room}")


def test_database_full_in_process_raises_store_error(tmp_path, corpus_sentences, monkeypatch):
    ids = write_jsonl(tmp_path / "in.jsonl", corpus_sentences, 200)
    db = tmp_path / "corpus.db"
    Store(db).close()                                 # migrated, then limited
    monkeypatch.setattr("rasid.store.ingest.Store", _TinyStore)
    with pytest.raises(StoreError) as info:
        ingest([tmp_path / "in.jsonl"], db, workers=1, components=[LIGHT], batch=16)
    assert str(db) in str(info.value) and "full" in str(info.value)
    stored = assert_intact(db, readonly=False)
    assert 0 < len(stored) < len(ids)
    monkeypatch.setattr("rasid.store.ingest.Store", Store)
    stats = ingest([tmp_path / "in.jsonl"], db, workers=1, components=[LIGHT], batch=16)
    assert stats.skipped == len(stored) and stats.errors == 0
    assert sorted(assert_intact(db)) == ids


def test_database_full_in_process_loses_nothing(tmp_path, corpus_sentences, monkeypatch):
    """Whatever the error looks like, the documents counted as stored are in the store."""
    ids = write_jsonl(tmp_path / "in.jsonl", corpus_sentences, 200)
    db = tmp_path / "corpus.db"
    Store(db).close()
    monkeypatch.setattr("rasid.store.ingest.Store", _TinyStore)
    with pytest.raises((StoreError, sqlite3.Error)):
        ingest([tmp_path / "in.jsonl"], db, workers=1, components=[LIGHT], batch=16)
    stored = assert_intact(db, readonly=False)
    assert 0 < len(stored) < len(ids)
    monkeypatch.setattr("rasid.store.ingest.Store", Store)
    stats = ingest([tmp_path / "in.jsonl"], db, workers=1, components=[LIGHT], batch=16)
    assert stats.skipped + stats.inserted == len(ids) and stats.errors == 0
    assert sorted(assert_intact(db)) == ids


# --------------------------------------------------------------------------- read-only

@pytest.fixture(scope="module")
def store_files(tmp_path_factory, corpus_sentences):
    """A populated store (30 documents), closed cleanly: its ids and two file sets, one as
    SQLite leaves it when closed (no -wal, -shm) and one copied while a writer still had it
    open (with -wal and -shm)."""
    base = tmp_path_factory.mktemp("stores")
    ids = write_jsonl(base / "in.jsonl", corpus_sentences, 30)
    closed = base / "closed"
    closed.mkdir()
    ingest([base / "in.jsonl"], closed / "corpus.db", workers=1, components=[LIGHT])
    opened = base / "open"
    opened.mkdir()
    with Store(closed / "corpus.db") as s:
        s.conn.execute("PRAGMA wal_autocheckpoint = 0")
        s.conn.execute("UPDATE documents SET title = title")   # something in the WAL
        for name in ("corpus.db", "corpus.db-wal", "corpus.db-shm"):
            shutil.copy(closed / name, opened / name)
    assert not (closed / "corpus.db-wal").exists()
    return ids, {"closed": closed, "open": opened}


@pytest.fixture(params=["closed", "open"])
def readonly_store(request, tmp_path, tmpfs, store_files):
    """(folder, store path, stored ids, variant): the store on a medium made read-only (a tmpfs
    remounted ro as root; file permissions otherwise); ``closed`` without -wal/-shm files,
    ``open`` with them."""
    ids, sets = store_files
    if os.geteuid() == 0:
        fs = tmpfs("16m")
        folder = fs.path
    else:
        folder = tmp_path / "ro"
        folder.mkdir()
    for f in sets[request.param].iterdir():
        shutil.copy(f, folder / f.name)
    if os.geteuid() == 0:
        fs.readonly(True)
    else:
        for f in folder.iterdir():
            f.chmod(0o444)
        folder.chmod(0o555)
    yield folder, folder / "corpus.db", ids, request.param
    if os.geteuid() != 0:
        folder.chmod(0o755)


def test_readonly_store_refuses_writes_naming_the_path(tmp_path, readonly_store,
                                                        corpus_sentences):
    folder, db, ids, _ = readonly_store
    write_jsonl(tmp_path / "more.jsonl", corpus_sentences, 5, prefix="more")
    before = (db.stat().st_size, db.stat().st_mtime_ns)
    proc = ingest_cli([tmp_path / "more.jsonl"], db)
    assert_one_clear_error(proc, str(db))
    assert "read-only" in proc.stderr or "readonly" in proc.stderr
    assert (db.stat().st_size, db.stat().st_mtime_ns) == before
    assert sorted(assert_intact(db)) == ids


def test_readonly_store_still_answers_queries(readonly_store):
    folder, db, ids, _ = readonly_store
    info = rasid("store-info", "--db", str(db), "--format", "json")
    assert info.returncode == 0, info.stderr[-2000:]
    assert str(len(ids)) in info.stdout
    found = rasid("search", "الرئيس", "--db", str(db), "--format", "json")
    assert found.returncode == 0, found.stderr[-2000:]
    assert json.loads(found.stdout)


@pytest.mark.parametrize("where", ["new.db", "sub/new.db"])
def test_new_store_in_a_readonly_folder_names_the_path(tmp_path, readonly_store,
                                                       corpus_sentences, where):
    folder, _, _, _ = readonly_store
    write_jsonl(tmp_path / "more.jsonl", corpus_sentences, 3, prefix="more")
    target = folder / where
    proc = ingest_cli([tmp_path / "more.jsonl"], target)
    assert_one_clear_error(proc, str(target.parent) if "/" in where else str(target))
    assert not target.exists()


# --------------------------------------------------------------------------- concurrency

def test_two_ingests_into_one_store_at_once(tmp_path, corpus_sentences):
    """Two `rasid ingest` processes, started together on a new store, with 60 documents in
    common: both finish, and every document is stored exactly once (by exactly one of them)."""
    a = write_jsonl(tmp_path / "a.jsonl", corpus_sentences, 80, prefix="a")
    b = write_jsonl(tmp_path / "b.jsonl", corpus_sentences, 80, prefix="b", offset=500)
    common = write_jsonl(tmp_path / "common.jsonl", corpus_sentences, 60, prefix="c",
                         offset=1000)
    db = tmp_path / "shared.db"
    args = ["--db", str(db), "--components", LIGHT, "--workers", "1", "--quiet",
            "--batch", "8"]
    procs = [rasid_popen("ingest", str(tmp_path / "a.jsonl"), str(tmp_path / "common.jsonl"),
                         *args),
             rasid_popen("ingest", str(tmp_path / "common.jsonl"), str(tmp_path / "b.jsonl"),
                         *args)]
    outs = [p.communicate(timeout=180) for p in procs]
    for p, (_, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err[-2000:]
    counts = [tuple(map(int, SUMMARY.search(err).groups())) for _, err in outs]
    new = sum(c[0] for c in counts)
    replaced = sum(c[1] for c in counts)
    failed = sum(c[4] for c in counts)
    assert failed == 0 and replaced == 0
    assert new == len(a) + len(b) + len(common)       # each document inserted once
    assert sorted(assert_intact(db)) == sorted(a + b + common)
    with Store(db, readonly=True) as s:
        fts = s.conn.execute("SELECT COUNT(*) FROM doc_fts").fetchone()[0]
        assert fts == len(a) + len(b) + len(common)
        dup = s.conn.execute("SELECT COUNT(*) FROM (SELECT doc_id, idx FROM sentences "
                             "GROUP BY doc_id, idx HAVING COUNT(*) > 1)").fetchone()[0]
        assert dup == 0


def test_store_path_is_in_store_errors(tmp_path):
    """The one-line errors name the file: a directory where the store should be."""
    (tmp_path / "adir.db").mkdir()
    with pytest.raises(StoreError, match=re.escape(str(tmp_path / "adir.db"))):
        Store(tmp_path / "adir.db")


# --------------------------------------------------------------------------- worker killed

def _pool_workers(pid: int) -> list[int]:
    """The analysis processes of an ingest: children of its forkserver (grandchildren)."""
    def children(parent: int) -> list[int]:
        out = []
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    stat = Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(stat[1]) == parent:
                    out.append(int(d))
        return out
    return [k for c in children(pid) for k in children(c)]


@pytest.fixture(scope="module")
def killed_worker_run(tmp_path_factory, corpus_sentences):
    """`rasid ingest --workers 2` of 200 documents; one analysis process is killed with
    SIGKILL (as the OOM killer would) once some documents are committed. (input folder,
    ids, store, exit code, stderr)"""
    tmp_path = tmp_path_factory.mktemp("killed-worker")
    ids = write_jsonl(tmp_path / "in.jsonl", corpus_sentences, 200)
    db = tmp_path / "corpus.db"
    proc = rasid_popen("ingest", str(tmp_path / "in.jsonl"), "--db", str(db), "--workers", "2",
                       "--components", LIGHT, "--batch", "8", "--quiet")
    deadline = time.monotonic() + 120
    killed = None
    while killed is None and proc.poll() is None and time.monotonic() < deadline:
        workers = _pool_workers(proc.pid)
        if stored_documents(db, timeout=1) >= 8 and workers:
            os.kill(workers[0], signal.SIGKILL)
            killed = workers[0]
        time.sleep(0.02)
    out, err = proc.communicate(timeout=180)
    assert killed, "ingest ended before a worker could be killed: " + err[-1000:]
    return tmp_path, ids, db, proc.returncode, err


def test_ingest_worker_killed_loses_nothing(killed_worker_run):
    """Whatever the killed run says, the store is intact and a second run stores every
    document exactly once."""
    tmp_path, ids, db, _, _ = killed_worker_run
    stored = assert_intact(db)
    assert set(stored) <= set(ids)
    again = ingest_cli([tmp_path / "in.jsonl"], db)
    assert again.returncode == 0, again.stderr[-2000:]
    assert sorted(assert_intact(db)) == ids


def test_ingest_worker_killed_is_reported_not_a_crash(killed_worker_run):
    """The run goes on (a new pool) or stops with one clear message; no traceback."""
    _, _, _, returncode, err = killed_worker_run
    assert "Traceback" not in err and "BrokenProcessPool:" not in err, err[-2000:]
    assert SUMMARY.search(err) or returncode != 0


# --------------------------------------------------------------------------- interrupted

@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_ingest_stops_cleanly_and_resumes(tmp_path, corpus_sentences, sig):
    """Ctrl-C (SIGINT) or SIGTERM mid-ingest: the process ends within seconds, what it
    committed is intact, and a second run stores every document exactly once."""
    ids = write_jsonl(tmp_path / "in.jsonl", corpus_sentences, 300)
    db = tmp_path / "corpus.db"
    # a shell that starts the suite in the background (`make test &`) makes its children
    # ignore SIGINT, and Python keeps an ignored SIGINT ignored: give the ingest the default
    # disposition, as a terminal's Ctrl-C would find it
    proc = rasid_popen("ingest", str(tmp_path / "in.jsonl"), "--db", str(db), "--workers", "1",
                       "--components", LIGHT, "--batch", "8", "--quiet",
                       preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while stored_documents(db, timeout=1) < 16 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "ingest ended before it could be interrupted"
    proc.send_signal(sig)
    t0 = time.monotonic()
    _, err = proc.communicate(timeout=60)
    assert time.monotonic() - t0 < 20
    assert proc.returncode != 0
    stored = assert_intact(db)
    assert 16 <= len(stored) < len(ids)
    again = ingest_cli([tmp_path / "in.jsonl"], db)
    assert again.returncode == 0, again.stderr[-2000:]
    new, _, _, skipped, _ = map(int, SUMMARY.search(again.stderr).groups())
    assert skipped == len(stored) and new == len(ids) - len(stored)
    assert sorted(assert_intact(db)) == ids


# --------------------------------------------------------------------------- server, disk full

@pytest.fixture
def api_on_full_disk(tmp_path, tmpfs, corpus_sentences):
    """POST /documents in batches of 10 into a store on a 1 MB tmpfs until it fills.
    (statuses and bodies, acknowledged ids, client, store path)"""
    from fastapi.testclient import TestClient

    from rasid.api import create_app

    fs = tmpfs("1m")
    write_jsonl(tmp_path / "in.jsonl", corpus_sentences, 300)
    docs = [json.loads(line) for line in (tmp_path / "in.jsonl").open(encoding="utf-8")]
    db = fs.path / "api.db"
    client = TestClient(create_app(db, components=[LIGHT]), raise_server_exceptions=False)
    answers, acknowledged = [], []
    for i in range(0, len(docs), 10):
        r = client.post("/documents", json={"documents": docs[i:i + 10]})
        answers.append((r.status_code, r.json()))
        if r.status_code == 201:
            acknowledged += [d["id"] for d in docs[i:i + 10]]
        elif len([a for a in answers if a[0] != 201]) >= 3:
            break
    assert any(s != 201 for s, _ in answers), "the disk never filled"
    return answers, acknowledged, client, db


def test_api_disk_full_keeps_every_acknowledged_document(api_on_full_disk):
    answers, acknowledged, client, db = api_on_full_disk
    assert acknowledged
    stored = assert_intact(db)
    assert set(acknowledged) <= set(stored)          # a 201 means stored
    assert client.get("/search", params={"q": "الرئيس"}).status_code == 200
    assert client.get("/health").status_code == 200


def test_api_disk_full_is_a_clear_error(api_on_full_disk):
    answers, _, _, _ = api_on_full_disk
    for status, body in answers:
        if status != 201:
            assert status in (503, 507), (status, body)
            assert "full" in body["error"]["message"]
