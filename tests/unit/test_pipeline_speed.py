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


def test_fuzzy_link_candidates_as_token_sort_ratio(corpus_text):
    from rapidfuzz import fuzz, process

    from rasid.kb import open_kb
    from rasid.kb.keys import token_key
    from rasid.pipeline.link import Linker

    linker = Linker(open_kb())
    words = [w for name in ("001", "007", "030") for w in corpus_text(name).split()]
    queries = {" ".join(token_key(w) for w in words[i:i + n]) for n in (1, 2, 3)
               for i in range(0, len(words) - n, 3)}
    queries = sorted(q for q in queries if len(q) >= 4)
    queries += ["فلاديمير  بوتين", "بوتين فلاديمير", "حلف الاطلسي شمال"]
    kb = linker.kb
    found = 0
    for q in queries:
        got = linker._fuzzy_uncached(q)
        want = [(kb_id, f"fuzzy:{score:.0f}")
                for k, score, _ in process.extract(q, linker._fuzzy_keys,
                                                   scorer=fuzz.token_sort_ratio,
                                                   score_cutoff=linker.fuzzy_threshold, limit=3)
                for kb_id, kind in kb.seed_alias_keys()[k] if kind != "nisba"]
        assert got == want, q
        found += bool(got)
    assert found > 20


def test_token_spans_are_tokenize(corpus_text):
    from rasid.text.tokenize import token_spans

    for name in ("001", "030", "055"):
        text = corpus_text(name) + " «وقال»: 3.5% لموسكو، وللحلف... Reuters'"
        assert token_spans(text) == [(t.start, t.end, t.text) for t in tokenize(text)]
        doc = build(["rasid_segment"]).make_doc(text)
        assert doc.text == text
        assert [t.text for t in doc if not t.is_space] == [t.text for t in tokenize(text)]


def _gc_threshold_after(code: str) -> str:
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-c", code + "\nimport gc\nprint(gc.get_threshold())"],
                         capture_output=True, text=True, timeout=120)
    return run.stdout.strip().splitlines()[-1]


def test_rasid_processes_collect_garbage_less_often_libraries_keep_theirs():
    from rasid.runtime import GC_THRESHOLDS

    cli = "import sys\nfrom rasid.cli import main\nsys.argv = ['rasid', '--version']\n" \
          "try:\n    main()\nexcept SystemExit:\n    pass"
    assert _gc_threshold_after(cli) == str(GC_THRESHOLDS)
    library = "import gc\ndefault = gc.get_threshold()\nimport rasid.pipeline\n" \
              "assert gc.get_threshold() == default"
    assert _gc_threshold_after(library) != str(GC_THRESHOLDS)
