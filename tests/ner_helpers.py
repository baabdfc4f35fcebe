"""Helpers shared by the NER test modules (importable because tests/ is on pytest's path,
like web_records.py)."""

from __future__ import annotations


def ents(doc) -> set[tuple[str, str]]:
    """The doc's entities as (text, label) pairs: what the NER tests compare."""
    return {(e.text, e.label_) for e in doc.ents}
