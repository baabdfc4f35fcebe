"""The pipeline's speed measures leave every analysis unchanged.

Caches and pre-built lexemes must only save time: a pipeline whose vocabulary already holds
the common words (RasidTokenizer.keep_words) gives the same records as a fresh one, and the
words it keeps stay bounded. The stages without the NER model are enough to show this.
"""

from __future__ import annotations

import pytest

from rasid.pipeline import analyze, build
from rasid.pipeline.base import RasidTokenizer
from rasid.text import tokenize

STAGES = ["rasid_segment", "rasid_link", "rasid_time", "rasid_quotes", "rasid_events"]


@pytest.fixture(scope="module")
def fresh():
    nlp = build(STAGES)
    nlp.tokenizer.hot_words = 0  # never keeps a word: every document builds its lexemes
    return nlp


def test_kept_words_give_the_same_records(corpus_text, fresh):
    warm = build(STAGES)
    for name in ("002", "003", "004"):
        analyze(corpus_text(name), "2022-05-18", nlp=warm)
    assert warm.tokenizer._kept > 300
    for name in ("001", "010"):
        text = corpus_text(name)
        before = analyze(text, "2022-05-18", nlp=fresh).to_dict()
        after = analyze(text, "2022-05-18", nlp=warm).to_dict()
        assert after == before
    assert fresh.tokenizer._kept == 0


def test_kept_words_are_bounded(corpus_text):
    nlp = build(["rasid_segment"])
    tok = nlp.tokenizer
    assert isinstance(tok, RasidTokenizer)
    tok.hot_words = 40
    text = corpus_text("001")
    analyze(text, nlp=nlp)
    assert tok._kept == 40
    analyze(corpus_text("002"), nlp=nlp)
    assert tok._kept == 40
    # the article's first word stays in the vocabulary after its memory zone closed
    assert tokenize(text)[0].text in nlp.vocab


def test_to_dict_is_asdict(corpus_text, fresh):
    import dataclasses
    import json

    record = analyze(corpus_text("005"), "2022-05-18", nlp=fresh, source="file:005.txt",
                     metadata={"tags": ["a", ("b", 2)], "n": {"x": 1.5, "y": None}})
    assert record.entities and record.times and record.sentences
    fast, slow = record.to_dict(), dataclasses.asdict(record)
    assert fast == slow
    assert json.dumps(fast, ensure_ascii=False) == json.dumps(slow, ensure_ascii=False)
    assert type(fast["metadata"]["tags"][1]) is tuple
    # a copy, as asdict makes: changing it leaves the record alone
    fast["metadata"]["tags"].append("c")
    fast["entities"][0]["mentions"].clear()
    assert record.metadata["tags"] == ["a", ("b", 2)] and record.entities[0].mentions
