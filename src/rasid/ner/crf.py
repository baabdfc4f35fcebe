"""rasid's second statistical NER model: a linear-chain CRF over hand-made features.

Why a second model: the CNN (``models/ner/model``) learns its features from 125k gold tokens
and misses many names it has never seen; a CRF given affixes, name lists, news counts and
word clusters (:mod:`rasid.ner.crf_features`) generalises differently and finds names the
CNN leaves out. The component keeps every CNN span and adds the CRF's confident spans that
overlap none of them, before the rules run (docs/ner.md, step 2).

The CRF is trained with python-crfsuite (``training/ner/train_crf.py``, part of
``make train-ner``), and its weights are exported to ``weights.npz``; rasid decodes them
itself with numpy. A CRF's score is a sum of weights, one per feature, so the part of a
token's score that comes from one word — its own features, or its features as a neighbour
sees them — is summed once per distinct word and cached. Viterbi and forward-backward
then run over all sentences of a batch at once. This is several times faster than
crfsuite's own tagger, which looks every feature string up anew for every token, and
gives the same tags (a test compares them). Shipped in ``resources/models/ner/crf/`` with
a sha256 manifest in its ``meta.json``.
"""

from __future__ import annotations

from pathlib import Path

import numpy

from rasid.errors import ModelError
from rasid.ner.crf_features import WINDOW, CrfFeaturizer, CrfLexicon
from rasid.ner.model_files import MODEL_FIX, verify_manifest
from rasid.resources import resource_path

CRF_RESOURCE = "models/ner/crf"
WEIGHTS_FILE = "weights.npz"
LEXICON_FILE = "lexicon.tsv.gz"
#: a CRF span is used only when each of its tags has at least this marginal probability.
#: On 1,037 raw news articles about four in five of the spans the CRF added at 0.9 or more
#: were right, against about half at 0.5-0.8 ("الأيديولوجي", "علاجي" as persons); ANERcorp's
#: dev part and rasid's in-domain dev set score the same at 0.8 and 0.9 (MODEL_CARD.md)
MIN_CONFIDENCE = 0.9
#: sentences longer than this are decoded in pieces (a run-on list of names, a table)
MAX_PIECE = 200
SENTENCE_ENDS = frozenset({".", "!", "?", "؟"})
#: sentences decoded together (sorted by length, so a batch pads little)
DECODE_BATCH = 256
#: distinct words whose score rows are kept (a row is 3 x 11 floats)
WORD_ROWS = 100_000


class CrfWeights:
    """A trained CRF's labels, feature weights and label-transition weights."""

    def __init__(self, labels: list[str], attributes: list[str], state: numpy.ndarray,
                 transitions: numpy.ndarray) -> None:
        self.labels = labels
        self.index = {a: i for i, a in enumerate(attributes)}
        self.state = state  # attributes x labels
        self.transitions = transitions  # from-label x to-label

    @classmethod
    def read(cls, path: Path) -> CrfWeights:
        with numpy.load(path, allow_pickle=False) as data:
            return cls([str(x) for x in data["labels"]], [str(x) for x in data["attributes"]],
                       data["state"].astype(numpy.float64),
                       data["transitions"].astype(numpy.float64))

    def write(self, path: Path) -> None:
        attributes = sorted(self.index, key=self.index.get)
        numpy.savez_compressed(path, labels=numpy.array(self.labels),
                               attributes=numpy.array(attributes), state=self.state,
                               transitions=self.transitions)

    def score(self, features) -> numpy.ndarray:
        """The summed weights of some features, one per label."""
        rows = [self.index[f] for f in features if f in self.index]
        return self.state[rows].sum(axis=0) if rows else numpy.zeros(len(self.labels))


class CrfTagger:
    """Tags token sequences with the CRF and returns its entity spans."""

    def __init__(self, path: str | Path | None = None) -> None:
        if path is None:
            path = Path(str(resource_path(CRF_RESOURCE)))
        path = Path(path)
        for name in (WEIGHTS_FILE, LEXICON_FILE, "meta.json"):
            if not (path / name).is_file():
                raise ModelError(str(path / name), "NER CRF model file missing", MODEL_FIX)
        verify_manifest(path)
        self.path = path
        try:
            lexicon = CrfLexicon.read(path / LEXICON_FILE)
            self.weights = CrfWeights.read(path / WEIGHTS_FILE)
        except (OSError, ValueError, KeyError, EOFError) as exc:
            raise ModelError(str(path), f"NER CRF model could not be loaded: {exc}",
                             MODEL_FIX) from exc
        self.featurizer = CrfFeaturizer(lexicon, frozenset(self.weights.index))
        weights = self.weights
        self._bias = weights.score(["b"])
        self._glued = {off: weights.score([f"{off}glued" if off else "glued"])
                       for off in range(-WINDOW, WINDOW + 1)}
        self._bound = {off: weights.score([f"{off}BOUND"])
                       for off in range(-WINDOW, WINDOW + 1) if off}
        self._rows: dict[str, int] = {}
        self._row_keys: list[str] = []
        self._table = numpy.zeros((1024, 2 * WINDOW + 1, len(weights.labels)))

    # -- public ---------------------------------------------------------------------------
    def spans(self, sequences: list[tuple[list[str], list[bool]]],
              min_confidence: float = MIN_CONFIDENCE) -> list[list[tuple[int, int, str]]]:
        """For each (words, spaces) sequence, the entity spans (start token, end token,
        label) the CRF is confident of (:data:`MIN_CONFIDENCE`)."""
        return [[(a, b, label) for a, b, label, p in found if p >= min_confidence]
                for found in self.scored_spans(sequences)]

    def scored_spans(self, sequences: list[tuple[list[str], list[bool]]]
                     ) -> list[list[tuple[int, int, str, float]]]:
        """Entity spans with the CRF's confidence (the lowest marginal probability of the
        span's tags). Each sentence is decoded on its own, as the CRF was trained, and all
        sentences of all sequences together."""
        pieces = [(k, a, b) for k, (words, _) in enumerate(sequences)
                  for a, b in sentence_pieces(words)]
        scores = [self._emissions(sequences[k][0][a:b], sequences[k][1][a:b])
                  for k, a, b in pieces]
        out: list[list[tuple[int, int, str, float]]] = [[] for _ in sequences]
        labels = self.weights.labels
        for (k, a, _), (tags, marginals) in zip(pieces, self._decode(scores), strict=True):
            for start, end, label in tag_spans([labels[t] for t in tags]):
                confidence = float(min(marginals[i, tags[i]] for i in range(start, end)))
                out[k].append((start + a, end + a, label, confidence))
        return out

    def tags(self, words: list[str], spaces: list[bool]) -> list[str]:
        """The best tag sequence over ``words``, decoded as one sentence."""
        if not words:
            return []
        tags, _ = self._decode([self._emissions(words, spaces)])[0]
        return [self.weights.labels[t] for t in tags]

    # -- scores ---------------------------------------------------------------------------
    def _emissions(self, words: list[str], spaces: list[bool]) -> numpy.ndarray:
        """Each token's score per label: the cached parts of its own word and neighbours,
        attachment and sentence-edge weights, and the two word-pair features."""
        n = len(words)
        if len(self._rows) + n > WORD_ROWS:  # bounded: start afresh (rows are cheap)
            self._rows.clear()
            self._row_keys.clear()
        rows = numpy.array([self._row(w) for w in words])
        table = self._table
        scores = table[rows, WINDOW] + self._bias
        glued = numpy.array([i > 0 and not spaces[i - 1] for i in range(n)], dtype=float)
        scores += glued[:, None] * self._glued[0]
        for off in range(-WINDOW, WINDOW + 1):
            if off == 0:
                continue
            lo, hi = max(0, -off), n - max(0, off)  # tokens whose neighbour i+off exists
            if lo < hi:
                scores[lo:hi] += table[rows[lo + off:hi + off], off + WINDOW]
                scores[lo:hi] += glued[lo + off:hi + off, None] * self._glued[off]
            edge = range(0, min(n, -off)) if off < 0 else range(max(0, n - off), n)
            for i in edge:
                scores[i] += self._bound[off]
        index, state = self.weights.index, self.weights.state
        keys = [self._row_keys[r] for r in rows.tolist()]
        for i in range(n):
            if i > 0 and (r := index.get(f"bi={keys[i - 1]}|{keys[i]}")) is not None:
                scores[i] += state[r]
            if i + 1 < n and (r := index.get(f"bi+={keys[i]}|{keys[i + 1]}")) is not None:
                scores[i] += state[r]
        return scores

    def _row(self, word: str) -> int:
        """The cached score row of a word: its own features' weights, and its context
        features' weights as each neighbour sees them."""
        row = self._rows.get(word)
        if row is not None:
            return row
        row = len(self._rows)
        if row >= len(self._table):
            grown = numpy.zeros((2 * len(self._table), *self._table.shape[1:]))
            grown[:row] = self._table[:row]
            self._table = grown
        placed = self.featurizer.placed(word)
        for k, feats in enumerate(placed):
            self._table[row, k] = self.weights.score(feats)
        self._rows[word] = row
        self._row_keys.append(self.featurizer.key(word))
        return row

    # -- decoding -------------------------------------------------------------------------
    def _decode(self, scores: list[numpy.ndarray]) -> list[tuple[list[int], numpy.ndarray]]:
        """Viterbi tags and per-token label marginals of each sequence. Sequences of similar
        length are decoded together, a batch at a time, so numpy's per-call cost is paid
        once per step of a batch rather than once per token."""
        order = sorted(range(len(scores)), key=lambda i: len(scores[i]))
        out: list[tuple[list[int], numpy.ndarray]] = [([], numpy.zeros(0))] * len(scores)
        for i in range(0, len(order), DECODE_BATCH):
            group = order[i:i + DECODE_BATCH]
            for j, result in zip(group, self._decode_batch([scores[j] for j in group]),
                                 strict=True):
                out[j] = result
        return out

    def _decode_batch(self, scores: list[numpy.ndarray]
                      ) -> list[tuple[list[int], numpy.ndarray]]:
        trans = self.weights.transitions
        n_labels = trans.shape[0]
        lengths = numpy.array([len(s) for s in scores])
        batch, longest = len(scores), int(lengths.max())
        emit = numpy.zeros((batch, longest, n_labels))
        for b, s in enumerate(scores):
            emit[b, :len(s)] = s
        live = (numpy.arange(longest)[None, :] < lengths[:, None])[:, :, None]
        rows = numpy.arange(batch)
        stay = numpy.arange(n_labels)
        # Viterbi (max-plus); a padded step keeps its state
        delta = emit[:, 0].copy()
        back = numpy.empty((batch, longest, n_labels), dtype=numpy.intp)
        back[:, 0] = stay
        for t in range(1, longest):
            cand = delta[:, :, None] + trans
            back[:, t] = numpy.where(live[:, t], cand.argmax(axis=1), stay)
            delta = numpy.where(live[:, t], cand.max(axis=1) + emit[:, t], delta)
        path = numpy.empty((batch, longest), dtype=numpy.intp)
        cur = delta.argmax(axis=1)
        for t in range(longest - 1, -1, -1):
            path[:, t] = cur
            cur = back[rows, t, cur]
        # forward-backward in probability space, each step rescaled to sum 1 (the scales
        # cancel in the marginals); emissions shifted by their maximum per token
        expt = numpy.exp(trans)
        ex = numpy.exp(emit - emit.max(axis=2, keepdims=True))
        alpha = numpy.empty_like(ex)
        alpha[:, 0] = ex[:, 0] / ex[:, 0].sum(axis=1, keepdims=True)
        for t in range(1, longest):
            a = (alpha[:, t - 1] @ expt) * ex[:, t]
            alpha[:, t] = a / a.sum(axis=1, keepdims=True)
        beta = numpy.empty_like(ex)
        beta[:, longest - 1] = 1.0
        for t in range(longest - 2, -1, -1):
            b = numpy.where(live[:, t + 1], (ex[:, t + 1] * beta[:, t + 1]) @ expt.T, 1.0)
            beta[:, t] = b / b.sum(axis=1, keepdims=True)
        marginals = alpha * beta
        marginals /= marginals.sum(axis=2, keepdims=True)
        return [(path[b, :lengths[b]].tolist(), marginals[b, :lengths[b]])
                for b in range(batch)]


def sentence_pieces(words: list[str]) -> list[tuple[int, int]]:
    """Token ranges of the sentences in ``words`` (cut after sentence-final punctuation or a
    line break), none longer than :data:`MAX_PIECE`."""
    out, begin = [], 0
    for i, w in enumerate(words):
        line_break = "\n" in w and not w.strip()
        if w in SENTENCE_ENDS or line_break or i + 1 - begin >= MAX_PIECE:
            out.append((begin, i + 1))
            begin = i + 1
    if begin < len(words):
        out.append((begin, len(words)))
    return out


def tag_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """BIO tags → spans; an I- tag that continues nothing opens a span, as CoNLL scoring
    reads it."""
    out: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        inside = tag.startswith("I-") and tag[2:] == label and start >= 0
        if not inside:
            if start >= 0:
                out.append((start, i, label))
            start, label = (i, tag[2:]) if tag != "O" else (-1, "")
    return out
