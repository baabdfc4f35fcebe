"""The NER network's per-word embedding cache (rasid.ner.embed_cache) on real articles."""

from __future__ import annotations

import numpy
import pytest
import spacy
from spacy.tokens import Doc

from rasid.ner.embed_cache import CachedTok2Vec
from rasid.ner.features import TokenFeatures
from rasid.ner.model_files import load_model
from rasid.text import tokenize

ARTICLES = ("003", "010", "046")


@pytest.fixture(scope="module")
def model():
    return load_model()


def model_docs(model, texts: list[str]) -> tuple[list[Doc], list[list[str]]]:
    features = model.tokenizer.features
    words = [[t.text for t in tokenize(text)] for text in texts]
    docs = [features.set_on(Doc(model.vocab, words=w), w) for w in words]
    return docs, words


def stock_tensors(model, texts: list[str]) -> list[numpy.ndarray]:
    docs, _ = model_docs(model, texts)
    return [d.tensor for d in model.get_pipe("tok2vec").pipe(docs, batch_size=2)]


def cached_tensors(cache: CachedTok2Vec, model, texts: list[str]) -> list[numpy.ndarray]:
    docs, words = model_docs(model, texts)
    for i in range(0, len(docs), 2):
        cache.set_tensors(docs[i:i + 2], words[i:i + 2])
    return [d.tensor for d in docs]


def assert_same(got: list[numpy.ndarray], want: list[numpy.ndarray]) -> None:
    assert [g.shape for g in got] == [w.shape for w in want]
    for g, w in zip(got, want, strict=True):
        numpy.testing.assert_allclose(g, w, rtol=0, atol=1e-5)


def test_cached_rows_give_the_stock_tok2vec_output(model, corpus_text):
    """First pass fills the cache, second pass reads it: both equal spaCy's own component."""
    texts = [corpus_text(name) for name in ARTICLES]
    want = stock_tensors(model, texts)
    cache = CachedTok2Vec.for_model(model, model.tokenizer.features)
    assert cache is not None
    assert_same(cached_tensors(cache, model, texts), want)
    n_tokens = sum(len(w) for w in want)
    words = len(cache)
    assert 0 < words < n_tokens / 2  # news repeats its words: far fewer rows than tokens
    assert_same(cached_tensors(cache, model, texts), want)
    assert len(cache) == words  # nothing new the second time


def test_cache_stays_bounded_and_correct_when_it_refills(model, corpus_text):
    texts = [corpus_text(name) for name in ARTICLES]
    want = stock_tensors(model, texts)
    cache = CachedTok2Vec.for_model(model, model.tokenizer.features, capacity=300)
    _, words = model_docs(model, texts)
    batches = [set().union(*words[i:i + 2]) for i in range(0, len(words), 2)]
    assert len(set().union(*words)) > 300  # so the cache must start again on the way
    got = cached_tensors(cache, model, texts)
    # full: the most used half stays, and one batch's new words come on top
    assert len(cache) <= max(300, 150 + max(map(len, batches)))
    assert_same(got, want)


def test_empty_docs_are_left_alone(model):
    cache = CachedTok2Vec.for_model(model, model.tokenizer.features)
    empty = Doc(model.vocab, words=[])
    cache.set_tensors([empty], [[]])
    assert len(cache) == 0 and empty.tensor.size == 0


def test_other_networks_run_unchanged():
    assert CachedTok2Vec.for_model(spacy.blank("ar"), TokenFeatures()) is None


def test_threads_sharing_one_cache_get_the_stock_output(model, corpus_text):
    """The server analyses in several threads through one component, so one cache: filling
    and evicting it from two threads at once must give every thread the right rows."""
    from concurrent.futures import ThreadPoolExecutor

    texts = [corpus_text(name) for name in ARTICLES]
    want = stock_tensors(model, texts)
    cache = CachedTok2Vec.for_model(model, model.tokenizer.features, capacity=400)
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda _: cached_tensors(cache, model, texts), range(4)))
    for got in results:
        assert_same(got, want)
