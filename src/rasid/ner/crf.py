"""rasid's second statistical NER model: a linear-chain CRF over hand-made features.

Why a second model: the CNN (``models/ner/model``) learns its features from 125k gold tokens
and misses many names it has never seen; a CRF given affixes, name lists, news counts and
word clusters (:mod:`rasid.ner.crf_features`) generalises differently and finds names the
CNN leaves out. Before the rules run, the component keeps the CNN's spans and adds the
CRF's confident spans that overlap none of them; a confident CRF person also completes a
CNN person it holds or retypes a CNN MISC over the same words, and a one-word CNN span
whose word the CRF is sure names nothing is dropped (:meth:`CrfTagger.read`,
docs/ner.md, step 2).

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

from collections.abc import Callable
from itertools import repeat
from pathlib import Path

import numpy

from rasid.errors import ModelError
from rasid.ner.crf_features import WINDOW, CrfLexicon
from rasid.ner.model_files import MODEL_FIX, checked_dir

CRF_RESOURCE = "models/ner/crf"
WEIGHTS_FILE = "weights.npz"
LEXICON_FILE = "lexicon.tsv.gz"
#: a CRF span is used only when each of its tags has at least this marginal probability.
#: On 1,037 raw news articles about four in five of the spans the CRF added at 0.9 or more
#: were right, against about half at 0.5-0.8 ("الأيديولوجي", "علاجي" as persons); ANERcorp's
#: dev part and rasid's in-domain dev set score the same at 0.8 and 0.9 (MODEL_CARD.md)
MIN_CONFIDENCE = 0.9
#: the CRF's probability of "O" above which a one-word CNN span is dropped (component)
SURELY_OUTSIDE = 0.99
#: sentences longer than this are decoded in pieces (a run-on list of names, a table)
MAX_PIECE = 200
SENTENCE_ENDS = frozenset({".", "!", "?", "؟"})
#: sentences decoded together (sorted by length, so a batch pads little)
DECODE_BATCH = 256
#: distinct words whose score rows are kept (a row is 3 x 11 floats)
WORD_ROWS = 100_000
#: new words whose score rows are summed together (bounds the gathered weights: ~12 MB)
ROW_BATCH = 2_000
#: score rows allocated at first (the table doubles as words come)
TABLE_ROWS = 1024


class CrfWeights:
    """A trained CRF's labels, feature weights and label-transition weights."""

    def __init__(self, labels: list[str], attributes: list[str], state: numpy.ndarray,
                 transitions: numpy.ndarray) -> None:
        self.labels = labels
        self.index = {a: i for i, a in enumerate(attributes)}
        # attributes x labels, plus one row of zeros (CrfTagger._add_rows sums groups with it)
        self.state = numpy.vstack([state, numpy.zeros((1, state.shape[1]))])
        self.zero_row = len(attributes)
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
                               attributes=numpy.array(attributes),
                               state=self.state[:self.zero_row].astype(numpy.float32),
                               transitions=self.transitions.astype(numpy.float32))

    def score(self, features) -> numpy.ndarray:
        """The summed weights of some features, one per label."""
        rows = [self.index[f] for f in features if f in self.index]
        return self.state[rows].sum(axis=0) if rows else numpy.zeros(len(self.labels))


class CrfTagger:
    """Tags token sequences with the CRF and returns its entity spans."""

    def __init__(self, path: str | Path | None = None) -> None:
        path = checked_dir(path, CRF_RESOURCE, (WEIGHTS_FILE, LEXICON_FILE), "NER CRF model")
        self.path = path
        try:
            lexicon = CrfLexicon.read(path / LEXICON_FILE)
            self.weights = CrfWeights.read(path / WEIGHTS_FILE)
        except (OSError, ValueError, KeyError, EOFError) as exc:
            raise ModelError(str(path), f"NER CRF model could not be loaded: {exc}",
                             MODEL_FIX) from exc
        # the tagger caches each word's weight sums itself (_add_rows): it reads a word's
        # features from the lexicon once, without CrfFeaturizer's strings per place
        self.lexicon = lexicon
        weights = self.weights
        self._bias = weights.score(["b"])
        self._glued = {off: weights.score([f"{off}glued" if off else "glued"])
                       for off in range(-WINDOW, WINDOW + 1)}
        self._bound = {off: weights.score([f"{off}BOUND"])
                       for off in range(-WINDOW, WINDOW + 1) if off}
        self._rows: dict[str, int] = {}
        self._row_keys: list[str] = []
        self._pairs: dict[tuple[int, int], tuple[int, int]] = {}
        self._by_place = by_place(weights.index)
        self._table = numpy.zeros((TABLE_ROWS, 2 * WINDOW + 1, len(weights.labels)))

    # -- public ---------------------------------------------------------------------------
    def scored_spans(self, sequences: list[tuple[list[str], list[bool]]]
                     ) -> list[list[tuple[int, int, str, float]]]:
        """Entity spans with the CRF's confidence (the lowest marginal probability of the
        span's tags). Each sentence is decoded on its own, as the CRF was trained, and all
        sentences of all sequences together."""
        return [found for found, _ in self.read(sequences)]

    def read(self, sequences: list[tuple[list[str], list[bool]]]
             ) -> list[tuple[list[tuple[int, int, str, float]], numpy.ndarray]]:
        """For each sequence, its :meth:`scored_spans` and each token's probability of
        being outside every entity (the marginal of tag "O"): where the CRF is sure a
        token names nothing, the component doubts a one-word span of the CNN's there."""
        return read_pieces(sequences, self._emissions, self.weights.transitions,
                           self.weights.labels)

    def tags(self, words: list[str], spaces: list[bool]) -> list[str]:
        """The best tag sequence over ``words``, decoded as one sentence."""
        if not words:
            return []
        scores = self._emissions(words, spaces, [(0, len(words))])
        tags, _ = decode_pieces(scores, [(0, len(words))], self.weights.transitions)[0]
        return [self.weights.labels[t] for t in tags]

    # -- scores ---------------------------------------------------------------------------
    def _emissions(self, words: list[str], spaces: list[bool],
                   pieces: list[tuple[int, int]]) -> numpy.ndarray:
        """Each token's score per label, for all tokens at once: the cached parts of its
        own word and of its neighbours within its piece (sentence), attachment and
        sentence-edge weights, and the two word-pair features."""
        n = len(words)
        if len(self._rows) + n > WORD_ROWS:  # bounded: start afresh (rows are cheap)
            self._rows.clear()
            self._row_keys.clear()
            self._pairs.clear()
        known = self._rows
        cold = [w for w in dict.fromkeys(words) if w not in known]
        if cold:
            self._add_rows(cold)
        rows = numpy.array([known[w] for w in words], dtype=numpy.intp)
        piece = numpy.zeros(n, dtype=numpy.intp)
        starts = numpy.zeros(n, dtype=bool)
        for k, (a, b) in enumerate(pieces):
            piece[a:b] = k
            starts[a] = True
        # written onto the token before it, within its sentence
        glued = numpy.array([False, *(not s for s in spaces[:-1])]) & ~starts
        table = self._table
        scores = table[rows, WINDOW] + self._bias + glued[:, None] * self._glued[0]
        for off in range(-WINDOW, WINDOW + 1):
            if off == 0:
                continue
            lo, hi = max(0, -off), n - max(0, off)  # tokens i whose i+off is in range
            inside = numpy.zeros(n, dtype=bool)
            inside[lo:hi] = piece[lo:hi] == piece[lo + off:hi + off]
            idx = numpy.flatnonzero(inside)
            scores[idx] += table[rows[idx + off], off + WINDOW]
            scores[idx] += glued[idx + off, None] * self._glued[off]
            scores[~inside] += self._bound[off]
        state = self.weights.state
        pair_rows = [self._pair(r1, r2) for r1, r2 in zip(rows[:-1].tolist(),
                                                          rows[1:].tolist(), strict=True)]
        for i, (before, after) in enumerate(pair_rows):  # tokens i and i+1
            if starts[i + 1]:
                continue
            if after >= 0:
                scores[i + 1] += state[after]
            if before >= 0:
                scores[i] += state[before]
        return scores

    def _pair(self, first: int, second: int) -> tuple[int, int]:
        """The weight rows (of ``weights.state``) of the word-pair features of two adjacent
        words, given as their ``_table`` rows: as seen from the first ("bi+=") and from the
        second ("bi="); -1 where the model has no such feature."""
        found = self._pairs.get((first, second))
        if found is None:
            index = self.weights.index
            a, b = self._row_keys[first], self._row_keys[second]
            found = (index.get(f"bi+={a}|{b}", -1), index.get(f"bi={a}|{b}", -1))
            self._pairs[(first, second)] = found
        return found

    def _add_rows(self, words: list[str]) -> None:
        """Cache the score rows of words not seen yet: each word's own features' weights,
        and its context features' weights as each neighbour sees them. Summed for many
        words at once (one gather and one ``reduceat`` per ``ROW_BATCH`` words): a first
        sight of a word costs its feature strings and their lookups, not numpy calls."""
        zero, state = self.weights.zero_row, self.weights.state
        lexicon, by_place = self.lexicon, self._by_place
        for lo in range(0, len(words), ROW_BATCH):
            batch = words[lo:lo + ROW_BATCH]
            first = len(self._rows)
            need = first + len(batch)
            if need > len(self._table):
                size = len(self._table)
                while size < need:
                    size *= 2
                grown = numpy.zeros((size, *self._table.shape[1:]))
                grown[:first] = self._table[:first]
                self._table = grown
            ids: list[int] = []
            offsets: list[int] = []
            for word in batch:
                own, context, key = lexicon.word_features(word)
                # each place's group starts with the zero row (no group is empty), and
                # features the model never weighted read it too
                for place, index in enumerate(by_place):
                    offsets.append(len(ids))
                    ids.append(zero)
                    ids.extend(map(index.get, own if place == WINDOW else context,
                                   repeat(zero)))
                self._row_keys.append(key)
            sums = numpy.add.reduceat(state[ids], offsets)
            self._table[first:need] = sums.reshape(len(batch), len(by_place), -1)
            self._rows.update(zip(batch, range(first, need), strict=True))

Emissions = Callable[[list[str], list[bool], list[tuple[int, int]]], numpy.ndarray]


def read_pieces(sequences: list[tuple[list[str], list[bool]]], emissions: Emissions,
                transitions: numpy.ndarray, labels: list[str],
                ) -> list[tuple[list[tuple[int, int, str, float]], numpy.ndarray]]:
    """A CRF-topped model's reading of token sequences (words, spaces after them): for each,
    its entity spans with their confidence (the lowest marginal of the span's tags) and
    each token's probability of "O". Every sentence (:func:`sentence_pieces`) is decoded on
    its own, as the models were trained, and all sentences of all sequences together;
    ``emissions(words, spaces, pieces)`` scores every token of the joined sequences.
    Shared by the CRF and the BiLSTM-CRF (rasid.ner.lstm)."""
    words: list[str] = []
    spaces: list[bool] = []
    pieces: list[tuple[int, int]] = []  # sentences, over the sequences joined
    owner: list[tuple[int, int]] = []  # (sequence, its first token) of each piece
    for k, (seq_words, seq_spaces) in enumerate(sequences):
        base = len(words)
        for a, b in sentence_pieces(seq_words):
            pieces.append((base + a, base + b))
            owner.append((k, base))
        words.extend(seq_words)
        spaces.extend(seq_spaces)
    out: list[tuple[list[tuple[int, int, str, float]], numpy.ndarray]] = [
        ([], numpy.ones(len(seq_words))) for seq_words, _ in sequences]
    if not pieces:
        return out
    scores = emissions(words, spaces, pieces)
    outside = labels.index("O")
    for (a, b), (k, base), (tags, marginals) in zip(
            pieces, owner, decode_pieces(scores, pieces, transitions), strict=True):
        found, p_outside = out[k]
        p_outside[a - base:b - base] = marginals[:, outside]
        for start, end, label in tag_spans([labels[t] for t in tags]):
            confidence = float(min(marginals[i, tags[i]] for i in range(start, end)))
            found.append((start + a - base, end + a - base, label, confidence))
    return out


def decode_pieces(scores: numpy.ndarray, pieces: list[tuple[int, int]],
                  transitions: numpy.ndarray) -> list[tuple[list[int], numpy.ndarray]]:
    """Viterbi tags and per-token label marginals of each piece (a token range of
    ``scores``). Pieces are decoded together, longest first, a batch at a time: numpy's
    per-call cost is paid once per step of a batch, and at step t only the pieces
    longer than t take part."""
    order = sorted(range(len(pieces)), key=lambda i: pieces[i][0] - pieces[i][1])
    out: list[tuple[list[int], numpy.ndarray]] = [([], numpy.zeros(0))] * len(pieces)
    for i in range(0, len(order), DECODE_BATCH):
        group = order[i:i + DECODE_BATCH]
        batch = _decode_batch(scores, [pieces[j] for j in group], transitions)
        for j, result in zip(group, batch, strict=True):
            out[j] = result
    return out


def _decode_batch(scores: numpy.ndarray, pieces: list[tuple[int, int]],
                  transitions: numpy.ndarray) -> list[tuple[list[int], numpy.ndarray]]:
    """Decode pieces sorted longest first (so the pieces still running at any step are
    the first ``active[t]``)."""
    trans = transitions
    n_labels = trans.shape[0]
    lengths = numpy.array([b - a for a, b in pieces])
    batch, longest = len(pieces), int(lengths[0])
    emit = numpy.zeros((batch, longest, n_labels))
    for k, (a, b) in enumerate(pieces):
        emit[k, :b - a] = scores[a:b]
    active = (lengths[None, :] > numpy.arange(longest)[:, None]).sum(axis=1).tolist()
    rows = numpy.arange(batch)
    # Viterbi (max-plus); a finished piece keeps its state through the later steps
    delta = emit[:, 0].copy()
    back = numpy.empty((batch, longest, n_labels), dtype=numpy.intp)
    back[:] = numpy.arange(n_labels)
    for t in range(1, longest):
        m = active[t]
        cand = delta[:m, :, None] + trans
        back[:m, t] = cand.argmax(axis=1)
        delta[:m] = cand.max(axis=1) + emit[:m, t]
    path = numpy.empty((batch, longest), dtype=numpy.intp)
    cur = delta.argmax(axis=1)
    for t in range(longest - 1, -1, -1):
        path[:, t] = cur
        cur = back[rows, t, cur]
    # forward-backward in probability space, each step rescaled to sum 1 (the scales
    # cancel in the marginals); emissions shifted by their maximum per token
    expt = numpy.exp(trans)
    ex = numpy.exp(emit - emit.max(axis=2, keepdims=True))
    alpha = numpy.ones_like(ex)
    alpha[:, 0] = ex[:, 0] / ex[:, 0].sum(axis=1, keepdims=True)
    for t in range(1, longest):
        m = active[t]
        a = (alpha[:m, t - 1] @ expt) * ex[:m, t]
        alpha[:m, t] = a / a.sum(axis=1, keepdims=True)
    beta = numpy.ones_like(ex)
    for t in range(longest - 2, -1, -1):
        m = active[t + 1]
        b = (ex[:m, t + 1] * beta[:m, t + 1]) @ expt.T
        beta[:m, t] = b / b.sum(axis=1, keepdims=True)
    marginals = alpha * beta
    marginals /= marginals.sum(axis=2, keepdims=True)
    return [(path[k, :lengths[k]].tolist(), marginals[k, :lengths[k]])
            for k in range(batch)]


def by_place(index: dict[str, int]) -> list[dict[str, int]]:
    """The weight index split by window place: at place ``off + WINDOW`` a neighbour's
    context feature ``f`` as the model knows it (``f"{off}{f}"``, see
    :class:`rasid.ner.crf_features.CrfFeaturizer`), and at ``WINDOW`` the whole index
    for a word's own features. A first-seen word's features are then looked up as they
    come, without building the prefixed strings."""
    out = []
    for off in range(-WINDOW, WINDOW + 1):
        prefix = str(off)
        out.append(index if off == 0 else
                   {a[len(prefix):]: i for a, i in index.items() if a.startswith(prefix)})
    return out


def confident(found: list[tuple[int, int, str, float]],
              min_confidence: float = MIN_CONFIDENCE) -> list[tuple[int, int, str]]:
    """The scored spans whose confidence reaches ``min_confidence``, without it."""
    return [(a, b, label) for a, b, label, p in found if p >= min_confidence]


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
