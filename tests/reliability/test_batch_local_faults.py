"""`rasid batch` (local engine) when its output disk fills.

The output directory is on a 256 KB tmpfs; 300 documents of real corpus sentences do not
fit. What must hold: a clear error (no traceback), no manifest (the output never claims to
be complete), readers of the incomplete output told so, and after space is freed a run with
``--overwrite`` writes every document.
"""

from __future__ import annotations

import pytest
from reliability_helpers import LIGHT, rasid, write_jsonl

pytest.importorskip("rasid.batch", reason="the batch engine (rasid.batch) is not built yet")

from rasid.batch import MANIFEST, read_records, run_batch  # noqa: E402
from rasid.errors import BatchError  # noqa: E402


@pytest.fixture
def full_output(tmp_path, tmpfs, corpus_sentences):
    fs = tmpfs("256k")
    ids = write_jsonl(tmp_path / "in.jsonl", corpus_sentences, 300)
    return fs, tmp_path / "in.jsonl", fs.path / "out", ids


def test_full_output_disk_leaves_no_manifest_and_reruns(full_output):
    fs, inp, out, ids = full_output
    with pytest.raises((BatchError, OSError)):
        run_batch([inp], out, components=[LIGHT])
    assert not (out / MANIFEST).exists()             # never claims to be complete
    fs.resize("64m")
    result = run_batch([inp], out, components=[LIGHT], overwrite=True)
    assert result.records == len(ids) and result.errors == 0
    assert sorted(r.id for r in read_records(out)) == ids


def test_full_output_disk_is_one_clear_error(full_output):
    _, inp, out, _ = full_output
    proc = rasid("batch", str(inp), "--out", str(out))
    assert "No space left" in proc.stderr or "full" in proc.stderr, proc.stderr[-2000:]
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("error")]
    assert len(lines) == 1 and str(out) in lines[0], proc.stderr[-2000:]


def test_reading_an_incomplete_output_says_so(full_output):
    _, inp, out, _ = full_output
    with pytest.raises((BatchError, OSError)):
        run_batch([inp], out, components=[LIGHT])
    with pytest.raises(BatchError, match="--overwrite|complete|finish"):
        list(read_records(out))
