"""Shared, cheap fixtures for rasid's tests.

Tests may read the real development articles in ../shared/corpus (CI has them beside the
clone); the product itself never needs them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"


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
