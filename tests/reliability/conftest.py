"""Fixtures of the reliability tests (defined in reliability_helpers.py, shared with them)."""

from reliability_helpers import corpus_sentences, tmpfs  # noqa: F401
