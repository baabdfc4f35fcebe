"""The NER network's tok2vec with its word-embedding stage cached per word.

Why: the first stage of the model's tok2vec (spaCy's ``MultiHashEmbed``: hash embeddings of
the token's norm, prefix, suffix, shape and gazetteer class, its static vector, then a
maxout + layer norm over their concatenation) looks at one token at a time, and every one of
those features is a function of the token's text alone (:mod:`rasid.ner.features`). So its
128 numbers for a word are the same wherever the word occurs, yet they cost about 7 ms per
article to recompute, a sixth of the whole pipeline. News repeats its words: after a few
hundred articles almost every token's row is already known. The context-dependent layers
(the window encoder and the transition decoder) still run on every token.

The cache is bounded (``capacity`` words, about 0.8 KB each): when full it keeps the half
used by the most batches, so memory stays flat on an endless stream while the words news
keeps using stay. The rows equal the stock component's (tests/unit/test_ner_embed_cache.py).
Models whose tok2vec is not spaCy's ``Tok2Vec.v2`` shape (no ``embed``/``encode`` parts) run
unchanged.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab
from thinc.api import Model

from rasid.ner.features import TokenFeatures
from rasid.runtime import WORD_CACHE_SIZE

__all__ = ["CachedTok2Vec"]

# words: half of rasid's other per-word caches (rasid.runtime.WORD_CACHE_SIZE), because a row
# here is large and cheap to recompute. On 3,000 real news articles (1.28 M tokens) 65,536 words
# re-embedded 75,000 words, 32,768 words 98,000 and 16,384 words 147,000: a re-embedded word
# costs ~10 µs and a cached one ~0.8 KB, so 32,768 costs 0.07 ms per article over 65,536 and
# holds ~26 MB.
CAPACITY = WORD_CACHE_SIZE // 2
_FIRST_ROWS = 4_096


class CachedTok2Vec:
    """Runs a spaCy model's ``tok2vec`` component with the embedding rows of known words
    taken from a cache; sets ``doc.tensor`` as the component would."""

    def __init__(self, vocab: Vocab, embed: Model, encode: Model, features: TokenFeatures,
                 capacity: int = CAPACITY) -> None:
        self.vocab = vocab
        self.embed = embed
        self.encode = encode
        self.features = features
        self.capacity = capacity
        self._rows: dict[int, int] = {}  # orth hash -> row
        # per row: the embedding, the word's orth hash, how many batches used it
        self._table = numpy.zeros((0, 0), dtype="float32")
        self._orths = numpy.zeros(0, dtype=numpy.uint64)
        self._uses = numpy.zeros(0, dtype=numpy.int64)
        self._lock = threading.Lock()  # the server may analyse in several threads

    @classmethod
    def for_model(cls, nlp: Language, features: TokenFeatures,
                  capacity: int = CAPACITY) -> CachedTok2Vec | None:
        """The cached runner for ``nlp``'s tok2vec, or None if its network has another shape."""
        if "tok2vec" not in nlp.pipe_names:
            return None
        model = nlp.get_pipe("tok2vec").model
        if not (model.has_ref("embed") and model.has_ref("encode")):
            return None
        return cls(nlp.vocab, model.get_ref("embed"), model.get_ref("encode"), features,
                   capacity)

    def __len__(self) -> int:
        """Words cached now."""
        return len(self._rows)

    def set_tensors(self, docs: Sequence[Doc], words: Sequence[Sequence[str]]) -> None:
        """Set ``doc.tensor`` (the tok2vec output) of each doc; ``words[i]`` are the token
        texts of ``docs[i]``, which carry the model's features (``features.set_on``)."""
        pairs = [(d, w) for d, w in zip(docs, words, strict=True) if len(d)]
        if not pairs:
            return
        orths = [d.to_array(ORTH).tolist() for d, _ in pairs]
        with self._lock:
            self._add_missing(orths, [w for _, w in pairs])
            rows = self._rows
            indices = [numpy.fromiter(map(rows.__getitem__, o), dtype=numpy.int64,
                                      count=len(o)) for o in orths]
            self._uses[numpy.unique(numpy.concatenate(indices))] += 1
            embedded = [self._table[i] for i in indices]
        for (doc, _), tokvecs in zip(pairs, self.encode.predict(embedded), strict=True):
            doc.tensor = tokvecs

    def _missing(self, orths: list[list[int]],
                 words: list[Sequence[str]]) -> dict[int, str]:
        """The batch's words without a row yet, by orth hash, each once, in order."""
        missing: dict[int, str] = {}
        rows = self._rows
        for doc_orths, doc_words in zip(orths, words, strict=True):
            for orth, word in zip(doc_orths, doc_words, strict=True):
                if orth not in rows and orth not in missing:
                    missing[orth] = word
        return missing

    def _add_missing(self, orths: list[list[int]], words: list[Sequence[str]]) -> None:
        """Embed, in one call, the words of the batch not cached yet."""
        missing = self._missing(orths, words)
        if not missing:
            return
        if len(self._rows) + len(missing) > self.capacity:
            self._evict(self.capacity // 2)
            missing = self._missing(orths, words)
        new_words = list(missing.values())
        doc = Doc(self.vocab, words=new_words)
        self.features.set_on(doc, new_words)
        vectors = self.embed.predict([doc])[0]
        start, end = len(self._rows), len(self._rows) + len(new_words)
        if end > len(self._table):
            # grow by doubling up to capacity; one batch may go beyond it
            self._resize(max(end, min(max(_FIRST_ROWS, 2 * len(self._table)), self.capacity)),
                         vectors.shape[1])
        self._table[start:end] = vectors
        self._orths[start:end] = list(missing)
        self._uses[start:end] = 0
        self._rows.update(zip(missing, range(start, end), strict=True))

    def _resize(self, size: int, width: int) -> None:
        n = len(self._rows)
        table = numpy.empty((size, width), dtype="float32")
        orths = numpy.zeros(size, dtype=numpy.uint64)
        uses = numpy.zeros(size, dtype=numpy.int64)
        if n:
            table[:n] = self._table[:n]
            orths[:n] = self._orths[:n]
            uses[:n] = self._uses[:n]
        self._table, self._orths, self._uses = table, orths, uses

    def _evict(self, keep: int) -> None:
        """Keep the ``keep`` rows used by the most batches (ties: the oldest) and halve their
        counts, so words popular long ago give way to today's news."""
        n = len(self._rows)
        order = numpy.sort(numpy.argsort(-self._uses[:n], kind="stable")[:keep])
        k = len(order)
        self._table[:k] = self._table[order]
        self._orths[:k] = self._orths[order]
        self._uses[:k] = self._uses[order] // 2
        self._rows = dict(zip(self._orths[:k].tolist(), range(k), strict=True))
