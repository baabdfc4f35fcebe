"""Ingest into the store: files, JSONL and gzip; bad documents skipped; kill -9 then resume;
a concurrent reader; parallel workers; the CLI commands end to end.

Inputs are real corpus sentences recombined into documents; the pipeline is the light
``rasid_segment`` one where full analysis is not the point.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rasid.store import Store, queries
from rasid.store.ingest import ingest
from rasid.text import split_sentences
from tests.conftest import stored_documents

LIGHT = ["rasid_segment"]
REPO = Path(__file__).resolve().parents[2]


def corpus_sentences(corpus_dir: Path, files: int = 20) -> list[str]:
    out = []
    for path in sorted(corpus_dir.glob("0*.txt"))[:files]:
        text = path.read_text(encoding="utf-8")
        out += [text[s:e] for s, e in split_sentences(text) if e - s > 40]
    return out


def synthetic_jsonl(path: Path, sentences: list[str], n: int, per_doc: int = 6) -> list[str]:
    """n documents of per_doc sentences each (a deterministic recombination); their ids."""
    ids = []
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8") as fh:
        for i in range(n):
            picked = [sentences[(i * 7 + k * 13) % len(sentences)] for k in range(per_doc)]
            doc_id = f"syn{i:05d}"
            ids.append(doc_id)
            fh.write(json.dumps({"id": doc_id, "text": " ".join(picked),
                                 "published": f"2022-{1 + i % 12:02d}-{1 + i % 28:02d}"},
                                ensure_ascii=False) + "\n")
    return ids


def test_ingest_files_gzip_and_bad_documents(tmp_path, corpus_dir):
    sents = corpus_sentences(corpus_dir)
    ids = synthetic_jsonl(tmp_path / "feed.jsonl.gz", sents, 12)
    (tmp_path / "a.txt").write_text((corpus_dir / "001.txt").read_text(encoding="utf-8"),
                                    encoding="utf-8")
    with gzip.open(tmp_path / "b.txt.gz", "wt", encoding="utf-8") as fh:
        fh.write((corpus_dir / "003.txt").read_text(encoding="utf-8"))
    with open(tmp_path / "bad.jsonl", "w", encoding="utf-8") as fh:
        fh.write('{"id": "ok1", "text": ' + json.dumps(sents[0], ensure_ascii=False) + "}\n")
        fh.write("{not json\n")
        fh.write('{"id": "empty", "text": "   "}\n')
    errors: list[str] = []
    db = tmp_path / "s.db"
    stats = ingest([tmp_path], db, workers=1, components=LIGHT, on_error=errors.append)
    assert stats.inserted == 12 + 2 + 1 and stats.errors == 2 and len(errors) == 2
    assert any("bad.jsonl:2" in e for e in errors)
    with Store(db, readonly=True) as s:
        assert s.count() == 15
        for doc_id in ids + ["ok1"]:
            assert s.get_document(doc_id) is not None
    # a second run analyses nothing: everything is already stored with the same input
    again = ingest([tmp_path], db, workers=1, components=LIGHT)
    assert again.skipped == 15 and again.inserted == again.unchanged == 0
    # reanalysing gives the same records: nothing changes
    re = ingest([tmp_path], db, workers=1, components=LIGHT, reanalyze=True)
    assert re.unchanged == 15 and re.inserted == re.replaced == 0


def test_parallel_workers_store_the_same_records(tmp_path, corpus_dir):
    sents = corpus_sentences(corpus_dir)
    synthetic_jsonl(tmp_path / "in.jsonl", sents, 16)
    one = ingest([tmp_path / "in.jsonl"], tmp_path / "one.db", workers=1, components=LIGHT)
    two = ingest([tmp_path / "in.jsonl"], tmp_path / "two.db", workers=2, components=LIGHT,
                 batch=4)
    assert one.inserted == two.inserted == 16 and two.errors == 0
    with Store(tmp_path / "one.db") as a, Store(tmp_path / "two.db") as b:
        for rec in a.iter_records():
            assert b.get_document(rec.id) == rec


_INGEST_SCRIPT = """
import sys
from rasid.store.ingest import ingest
ingest([sys.argv[1]], sys.argv[2], workers=1, components=["rasid_segment"], batch=5,
       commit_seconds=0.05)
"""


def _run_ingest(inp: Path, db: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.Popen([sys.executable, "-c", _INGEST_SCRIPT, str(inp), str(db)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_kill_9_mid_ingest_then_resume(tmp_path, corpus_dir):
    sents = corpus_sentences(corpus_dir)
    n = 400
    ids = synthetic_jsonl(tmp_path / "in.jsonl", sents, n)
    db = tmp_path / "k.db"
    proc = _run_ingest(tmp_path / "in.jsonl", db)
    deadline = time.monotonic() + 60
    while stored_documents(db) < 25 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "ingest finished before it could be killed: " + \
        proc.stderr.read().decode()[-500:]
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    killed_at = stored_documents(db)
    assert 0 < killed_at < n
    # the store is consistent after the kill: every stored document complete
    with Store(db) as s:
        assert s.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for rec in s.iter_records():
            assert len(rec.sentences) == s.conn.execute(
                "SELECT COUNT(*) FROM sentences WHERE doc_id = ?", (rec.id,)).fetchone()[0]
    stats = ingest([tmp_path / "in.jsonl"], db, workers=1, components=LIGHT)
    assert stats.skipped >= killed_at                 # what was committed is not redone
    assert stats.skipped + stats.inserted == n and stats.errors == 0
    with Store(db, readonly=True) as s:
        stored = [r[0] for r in s.conn.execute("SELECT id FROM documents ORDER BY id")]
        assert stored == sorted(ids)                  # every document exactly once
        fts = s.conn.execute("SELECT COUNT(*) FROM doc_fts").fetchone()[0]
        assert fts == n


def test_reader_while_ingesting(tmp_path, corpus_dir):
    sents = corpus_sentences(corpus_dir)
    n = 150
    synthetic_jsonl(tmp_path / "in.jsonl", sents, n)
    db = tmp_path / "r.db"
    with Store(db):
        pass                                           # created and migrated
    proc = _run_ingest(tmp_path / "in.jsonl", db)
    seen = []
    word = sents[0].split()[3]
    with Store(db, readonly=True) as reader:
        while proc.poll() is None:
            seen.append(reader.count())
            queries.search(reader, word, limit=5)     # never 'database is locked'
            time.sleep(0.01)
    assert proc.returncode == 0, proc.stderr.read().decode()[-500:]
    assert seen == sorted(seen)                        # counts only grow
    assert len(set(seen)) > 2                          # and were seen growing
    assert stored_documents(db) == n


def test_cli_ingest_query_export(tmp_path, corpus_dir):
    from typer.testing import CliRunner

    from rasid.cli import app

    sents = corpus_sentences(corpus_dir)
    synthetic_jsonl(tmp_path / "in.jsonl", sents, 8)
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    r = runner.invoke(app, ["ingest", str(tmp_path / "in.jsonl"), "--db", db, "--workers",
                            "1", "--components", "rasid_segment", "--quiet"])
    assert r.exit_code == 0, r.output
    word = sents[7].split()[2]
    r = runner.invoke(app, ["search", word, "--db", db, "--format", "json"])
    assert r.exit_code == 0, r.output
    hits = json.loads(r.stdout)
    assert hits and all({"id", "snippet", "published"} <= set(h) for h in hits)
    r = runner.invoke(app, ["search", word, "--db", db, "--format", "csv"])
    assert r.stdout.splitlines()[0].startswith("id,")
    r = runner.invoke(app, ["export", "--format", "jsonl", "--out",
                            str(tmp_path / "o.jsonl"), "--db", db])
    assert r.exit_code == 0
    assert len((tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()) == 8
    r = runner.invoke(app, ["store-info", "--db", db, "--format", "json"])
    assert json.loads(r.stdout)[0]["documents"] == 8
    r = runner.invoke(app, ["events", "--db", db, "--type", "NOPE"])
    assert r.exit_code != 0
    r = runner.invoke(app, ["search", "x", "--db", str(tmp_path / "missing.db")])
    assert r.exit_code != 0


@pytest.mark.parametrize("command", ["ingest", "search", "entity", "quotes", "events",
                                     "timeline", "export", "store-info"])
def test_every_store_command_is_documented(command):
    from typer.testing import CliRunner

    from rasid.cli import app

    r = CliRunner().invoke(app, [command, "--help"])
    assert r.exit_code == 0
    assert "rasid " + command in r.stdout            # an example of use
