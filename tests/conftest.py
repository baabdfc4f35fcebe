"""Shared, cheap fixtures for rasid's tests.

Tests may read the real development articles in ../shared/corpus (CI has them beside the
clone); the product itself never needs them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"


def stored_documents(db: Path, timeout: float = 5) -> int:
    """Documents committed in the store at ``db`` (read-only; 0 while it cannot be read),
    for tests that watch an ingest running in another process."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=timeout)
        try:
            return conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def read_corpus(name: str) -> str:
    """The text of ../shared/corpus/<name> (e.g. '001.txt' or '001')."""
    if not name.endswith(".txt"):
        name += ".txt"
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{path} not available (tests read ../shared/corpus beside the clone)")
    return path.read_text(encoding="utf-8")


@pytest.fixture
def corpus_text():
    """Function fixture: corpus_text('001') -> the article text."""
    return read_corpus


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.exists():
        pytest.skip("../shared/corpus not available")
    return CORPUS


@pytest.fixture(scope="session")
def ner_nlp():
    """Session fixture: a pipeline of rasid's segmenter and NER component (loaded once for
    every NER test module)."""
    import rasid.pipeline.ner  # noqa: F401
    import rasid.pipeline.segment  # noqa: F401
    from rasid.pipeline.base import new_language

    nlp = new_language()
    nlp.add_pipe("rasid_segment", name="segment")
    nlp.add_pipe("rasid_ner", name="ner")
    return nlp
