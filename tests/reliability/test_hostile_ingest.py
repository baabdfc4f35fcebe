"""Hostile inputs through `rasid ingest` into a store: no crash, no partial write.

The hostile files of tests/hostile (empty, junk, truncated UTF-8, cp1256, UTF-16 without BOM,
mixed scripts, diacritics, control characters, digits, dialect, nested and unbalanced quotes,
broken HTML) plus a JSONL with a broken line and a 10 MB line and a 50 MB single-line file
go into one store with the full pipeline. Each bad input is reported once by name, each good
one stored complete, the store passes its integrity check, the run's peak memory is bounded,
and a second run changes nothing.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from reliability_helpers import CLI, REPO, env

from rasid.store import Store

SUMMARY = re.compile(r"(\d+) new, (\d+) replaced, (\d+) unchanged, (\d+) already stored, "
                     r"(\d+) failed")


def _hostile_cases() -> dict:
    path = REPO / "tests" / "hostile" / "test_hostile_inputs.py"
    if not path.exists():
        pytest.skip("tests/hostile/test_hostile_inputs.py is not there")
    spec = importlib.util.spec_from_file_location("rasid_hostile_cases", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.CASES, module.SENT


# the CLI, reporting its own peak memory when it exits (the analysis runs in it: --workers 1)
# (VmHWM, not getrusage's ru_maxrss, which survives exec: a child of a big pytest process
# would report the parent's peak)
_CLI_PEAK = ("import atexit, sys; atexit.register(lambda: sys.stderr.write('peak-rss-kb ' + "
             "[ln.split()[1] for ln in open('/proc/self/status') if ln.startswith('VmHWM:')][0]"
             " + '\\n')); " + CLI)


def _ingest(folder: Path, db: Path) -> tuple[subprocess.CompletedProcess, int]:
    """Run `rasid ingest` (full pipeline); its result and its peak RSS in MB."""
    proc = subprocess.run([sys.executable, "-c", _CLI_PEAK, "ingest", str(folder), "--db",
                           str(db), "--workers", "1", "--quiet"], env=env(),
                          capture_output=True, text=True, timeout=300)
    peak = re.search(r"peak-rss-kb (\d+)", proc.stderr)
    assert peak, proc.stderr[-2000:]
    return proc, int(peak.group(1)) // 1024


def test_hostile_inputs_into_a_store(tmp_path):
    cases, sent = _hostile_cases()
    folder = tmp_path / "in"
    folder.mkdir()
    for name, (data, _) in cases.items():
        (folder / name).write_bytes(data)
    good = json.dumps({"id": "ok", "text": sent}, ensure_ascii=False)
    big = json.dumps({"id": "big", "text": "ا" * (10 * 1024 * 1024)})
    (folder / "feed.jsonl").write_text(
        "\n".join([good, '{"id": "x", "text": ', big, good.replace('"ok"', '"ok2"')]) + "\n",
        encoding="utf-8")
    line = (sent + " ") * (50 * 1024 * 1024 // len(sent.encode()))
    (folder / "huge-line.txt").write_text(line, encoding="utf-8")
    bad = sorted(n for n, (_, kind) in cases.items() if kind == "error") + ["huge-line.txt"]
    n_good = sum(1 for _, kind in cases.values() if kind != "error") + 2   # + ok, ok2
    db = tmp_path / "corpus.db"

    proc, peak_mb = _ingest(folder, db)
    assert proc.returncode == 1, proc.stderr[-3000:]         # some inputs failed
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("error")]
    for name in bad:                                          # each named exactly once
        assert sum(name in ln for ln in errors) == 1, (name, errors)
    feed = sorted(ln for ln in errors if "feed.jsonl" in ln)
    assert len(feed) == 2 and ":2" in feed[0] + feed[1] and ":3" in feed[0] + feed[1], feed
    assert len(errors) == len(bad) + 2, errors
    new, replaced, unchanged, _, failed = map(int, SUMMARY.search(proc.stderr).groups())
    assert (new + replaced + unchanged, failed) == (n_good, len(bad) + 2)
    assert peak_mb < 1500, f"peak memory {peak_mb} MB"         # a 50 MB line is not read whole twice

    with Store(db, readonly=True) as s:
        assert s.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        records = list(s.iter_records())
        assert len(records) == new      # inputs with the same text share a content id
        for rec in records:                                   # complete, never partial
            n = s.conn.execute("SELECT COUNT(*) FROM sentences WHERE doc_id = ?",
                               (rec.id,)).fetchone()[0]
            assert n == len(rec.sentences) and rec.text.strip()
            assert s.conn.execute("SELECT COUNT(*) FROM doc_entities WHERE doc_id = ?",
                                  (rec.id,)).fetchone()[0] == len(rec.entities)
        sources = {Path(r.source).name for r in records if r.source}
        assert not sources & set(bad)
        first = {r.id: r.to_dict() for r in records}

    # a second run ends with the same store. (Files whose text is the same, here cp1256 and
    # UTF-16 copies of one sentence, share a content id: each run analyses them again and the
    # last one read is the stored record, so they count as replaced, not skipped.)
    again, _ = _ingest(folder, db)
    new, replaced, unchanged, skipped, failed = map(int, SUMMARY.search(again.stderr).groups())
    assert new == 0 and failed == len(bad) + 2, again.stderr[-2000:]
    assert skipped + replaced + unchanged == n_good
    with Store(db, readonly=True) as s:
        assert {r.id: r.to_dict() for r in s.iter_records()} == first
