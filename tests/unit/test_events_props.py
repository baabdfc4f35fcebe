"""Invariants of the event coder on arbitrary slices of real articles (hypothesis)."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasid.document import DocumentRecord, Entity, Sentence, Span, validate
from rasid.events import code_events, extract_relations
from rasid.text import split_sentences
from tests.conftest import read_corpus

NAMES = {"إسرائيل": "GPE", "إيران": "GPE", "طهران": "GPE", "الحرس الثوري": "ORG",
         "روسيا": "GPE", "أوكرانيا": "GPE", "واشنطن": "GPE", "خدايي": "PER"}


def _record(text: str) -> DocumentRecord:
    rec = DocumentRecord(id="p", text=text)
    rec.sentences = [Sentence(s, e) for s, e in split_sentences(text)]
    for n, (name, typ) in enumerate(NAMES.items(), 1):
        spans = [Span(m.start(), m.end(), name) for m in re.finditer(re.escape(name), text)]
        if spans:
            rec.entities.append(Entity(f"e{n}", typ, name, spans))
    return rec


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article=st.sampled_from(["004", "007", "010", "013"]),
       a=st.integers(0, 4000), n=st.integers(0, 1500))
def test_events_and_relations_always_validate(article, a, n):
    text = read_corpus(article)
    text = text[a:a + n]
    rec = _record(text)
    rec.events = code_events(rec)
    rec.relations = extract_relations(rec)
    validate(rec)  # offsets, trigger text == text[start:end], ids exist
    for v in rec.events:
        assert 0 <= v.sentence < max(1, len(rec.sentences))
    for r in rec.relations:
        assert 0 <= r.evidence.start < r.evidence.end <= len(text)
        assert r.head != r.tail


def test_empty_and_whitespace_texts():
    for text in ("", "   ", "\n\n"):
        rec = _record(text)
        assert code_events(rec) == []
        assert extract_relations(rec) == []
