"""Big documents below the size limit: bounded time and memory, a valid record.

The readers refuse documents over ``MAX_DOCUMENT_CHARS`` (tests/hostile covers the 50 MB
line); everything under it reaches the pipeline, so no stage may be quadratic in the length
of a document. Texts are real corpus articles concatenated.

Regression: ``rasid_segment`` set ``token.is_sent_start`` one token at a time, which spaCy
answers by rescanning the doc: 100,000 characters took 15 s and 400,000 about 4 minutes.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from reliability_helpers import env

from rasid.document import validate
from rasid.pipeline import analyze, load


@pytest.fixture(scope="module")
def long_text(corpus_dir):
    """Corpus articles concatenated, cut to a length by the test."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus_dir.glob("0*.txt"))]
    whole = "\n\n".join(texts)

    def make(n: int) -> str:
        return (whole + "\n\n") * (n // len(whole) + 1)

    return lambda n: make(n)[:n]


def test_sentence_segmentation_is_linear_in_document_length(long_text):
    nlp = load(["rasid_segment"])
    text = long_text(400_000)
    t0 = time.perf_counter()
    record = analyze(text, nlp=nlp)
    elapsed = time.perf_counter() - t0
    assert elapsed < 15, f"400,000 characters took {elapsed:.1f} s to segment"
    validate(record)
    assert len(record.sentences) > 1000
    doc_starts = [s.start for s in record.sentences]
    assert doc_starts == sorted(doc_starts) and record.sentences[-1].end <= len(text)


_FULL = """
import resource, sys, time
from pathlib import Path
from rasid.document import validate
from rasid.pipeline import analyze, load
text = Path(sys.argv[1]).read_text(encoding="utf-8")
nlp = load()
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
record = analyze(text, "2023-06-01", nlp=nlp)
validate(record)
print(time.perf_counter() - t0, base // 1024,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, len(record.entities))
"""

# characters; the time and memory allowed grow linearly with it
BIG = int(os.environ.get("RASID_BIG_DOC_CHARS", "100000"))


def test_big_document_through_the_full_pipeline(tmp_path, long_text):
    """A 100,000-character document (RASID_BIG_DOC_CHARS to try others, up to the
    2,000,000 limit) in bounded time and memory, with a valid record."""
    path = tmp_path / "big.txt"
    path.write_text(long_text(BIG), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", _FULL, str(path)], env=env(),
                          capture_output=True, text=True, timeout=max(120, BIG / 2000))
    assert proc.returncode == 0, proc.stderr[-2000:]
    seconds, base_mb, peak_mb, n_entities = proc.stdout.split()
    budget_s = 30 * BIG / 200_000                   # ~10x what it takes on two idle cores
    assert float(seconds) < budget_s, proc.stdout
    assert int(peak_mb) - int(base_mb) < BIG / 200, proc.stdout   # 500 MB for 100,000
    assert int(n_entities) > 0
