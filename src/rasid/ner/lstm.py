"""rasid's third statistical NER model: a BiLSTM-CRF over the CRF's features, word vectors
and letters.

Why: the CRF (:mod:`rasid.ner.crf`) sees one token either side and the CNN four; a
bidirectional LSTM reads the whole sentence, and a small convolution over each word's
letters lets it judge a name it has never seen by its shape ("ستولتنبرغ"). It reads the
same per-word knowledge the CRF reads (affixes, name lists, news counts, vector clusters:
:meth:`rasid.ner.crf_features.CrfLexicon.word_features`, frozen into its own
``lexicon.tsv.gz``) plus the CNN's static word vectors. On ANERcorp's dev part it scores
about three points above the CRF alone (MODEL_CARD.md), so the component reads it where it
read the CRF (:meth:`LstmTagger.read` keeps :meth:`rasid.ner.crf.CrfTagger.read`'s
contract).

Trained with PyTorch (``training/ner/train_lstm.py``, part of ``make train-ner``); rasid
runs it with numpy alone. Everything before the recurrence depends on the word alone, so
each distinct word's input projection (features, vector, letters, times the LSTM's input
weights) is computed once and cached; the recurrence then runs over all sentences of a
batch at once, longest first, as the CRF's decoder does, and the tags come from the same
Viterbi and forward-backward (:func:`rasid.ner.crf.decode_pieces`).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy
from spacy.strings import hash_string

from rasid.errors import ModelError
from rasid.ner.crf import (
    LEXICON_FILE,
    MIN_CONFIDENCE,
    SURELY_OUTSIDE,
    decode_pieces,
    read_pieces,
)
from rasid.ner.crf_features import CrfLexicon
from rasid.ner.gazetteer import is_ambiguous_name
from rasid.ner.model_files import MODEL_FIX, checked_dir
from rasid.resources import resource_path

LSTM_RESOURCE = "models/ner/lstm"
WEIGHTS_FILE = "weights.npz"
#: the feature that marks a token written onto the one before it (a clitic, a suffix)
GLUED = "glued"
#: letters of a word the convolution reads (the training script cuts words the same way)
MAX_LETTERS = 20
#: distinct words whose input projections are kept
WORD_ROWS = 20_000
#: pieces run through the recurrence together
RUN_BATCH = 256


def _sigmoid(x: numpy.ndarray) -> numpy.ndarray:
    return 0.5 * (numpy.tanh(0.5 * x) + 1.0)


class LstmTagger:
    """Tags token sequences with the BiLSTM-CRF and returns its entity spans, as
    :class:`rasid.ner.crf.CrfTagger` does."""

    def __init__(self, path: str | Path | None = None, vectors=None) -> None:
        """``vectors``: the CNN model's ``Vocab.vectors`` (the table the LSTM was trained
        with; its digest is checked); read from the packaged CNN model when not given."""
        path = checked_dir(path, LSTM_RESOURCE, (WEIGHTS_FILE, LEXICON_FILE), "NER LSTM model")
        self.path = path
        try:
            self.lexicon = CrfLexicon.read(path / LEXICON_FILE)
            with numpy.load(path / WEIGHTS_FILE, allow_pickle=False) as z:
                w = {k: z[k] for k in z.files}
            meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, EOFError) as exc:
            raise ModelError(str(path), f"NER LSTM model could not be loaded: {exc}",
                             MODEL_FIX) from exc
        self.labels = [str(x) for x in w["labels"]]
        self.transitions = w["transitions"].astype(numpy.float64)
        self._features = {str(f): i + 1 for i, f in enumerate(w["features"])}
        # int8 rows times a scale per row (training/ner/train_lstm.py: quantized), kept as
        # int8: a word's rows are scaled when its features are summed (_bags)
        self._feature_emb = w["feature_emb"]
        self._feature_scale = w["feature_emb_scale"].astype(numpy.float32)
        self._letters = {str(c): i + 1 for i, c in enumerate(w["letters"])}
        self._letter_emb = w["letter_emb"].astype(numpy.float32)
        self._conv_w = w["conv_w"].astype(numpy.float32)  # (filters, letter dims, width)
        self._conv_b = w["conv_b"].astype(numpy.float32)
        self._w_ih = [w["w_ih_f"].astype(numpy.float32), w["w_ih_b"].astype(numpy.float32)]
        self._w_hh = [w["w_hh_f"].T.astype(numpy.float32).copy(),
                      w["w_hh_b"].T.astype(numpy.float32).copy()]
        self._bias = [w["b_f"].astype(numpy.float32), w["b_b"].astype(numpy.float32)]
        self._out_w = w["out_w"].T.astype(numpy.float32).copy()
        self._out_b = w["out_b"].astype(numpy.float32)
        self.hidden = self._w_hh[0].shape[0]
        vectors = vectors if vectors is not None else _packaged_vectors()
        expected = meta.get("vectors_sha256")
        if expected and vectors_digest(vectors) != expected:
            raise ModelError(str(path), "NER LSTM model was trained with other word vectors "
                             "than the CNN model's", MODEL_FIX)
        self._key2row = vectors.key2row
        self._vector_table = vectors.data  # shared with the CNN; normalised per word
        glued = self._features.get(GLUED, 0)
        emb_dims = self._feature_emb.shape[1]
        self._glued_proj = [wi[:, :emb_dims] @ self._feature_row(glued) for wi in self._w_ih]
        self._rows: dict[str, int] = {}
        self._proj = numpy.zeros((1024, 2, 4 * self.hidden), dtype=numpy.float32)

    # -- public ---------------------------------------------------------------------------
    def read(self, sequences: list[tuple[list[str], list[bool]]]
             ) -> list[tuple[list[tuple[int, int, str, float]], numpy.ndarray]]:
        """For each sequence (words, spaces after them): its entity spans with their
        confidence (the lowest marginal of the span's tags) and each token's probability of
        "O". Each sentence is read on its own, as the model was trained."""
        return read_pieces(sequences, self.emissions, self.transitions, self.labels)

    def tags(self, words: list[str], spaces: list[bool]) -> list[str]:
        """The best tag sequence over ``words``, read as one sentence."""
        if not words:
            return []
        scores = self.emissions(words, spaces, [(0, len(words))])
        tags, _ = decode_pieces(scores, [(0, len(words))], self.transitions)[0]
        return [self.labels[t] for t in tags]

    # -- network --------------------------------------------------------------------------
    def emissions(self, words: list[str], spaces: list[bool],
                  pieces: list[tuple[int, int]]) -> numpy.ndarray:
        """Each token's score per label (before the CRF's transitions); ``spaces[i]``: a
        space follows token i (else token i+1 is written onto it)."""
        glued = numpy.array([False, *(not space for space in spaces[:-1])],
                            dtype=numpy.float32)[:len(words), None]
        rows = numpy.asarray(self._word_rows(words))
        hidden = numpy.zeros((len(words), 2 * self.hidden), dtype=numpy.float32)
        order = sorted(range(len(pieces)), key=lambda i: pieces[i][0] - pieces[i][1])
        for i in range(0, len(order), RUN_BATCH):
            group = [pieces[j] for j in order[i:i + RUN_BATCH]]
            for direction in (0, 1):
                self._run(rows, glued, hidden, group, direction)
        return (hidden @ self._out_w + self._out_b).astype(numpy.float64)

    def _run(self, rows: numpy.ndarray, glued: numpy.ndarray, hidden: numpy.ndarray,
             pieces: list[tuple[int, int]], direction: int) -> None:
        """One direction of the LSTM over pieces sorted longest first; writes its states
        into ``hidden`` (forward in the first half, backward in the second). Each step
        gathers its tokens' cached input projections (``rows``: each token's row in the
        table; ``glued``: 1 for a token written onto the one before), so memory never
        grows with the document (a 150,000-character one held 4 KB per token at once)."""
        size = self.hidden
        lengths = [b - a for a, b in pieces]
        longest = lengths[0]
        h = numpy.zeros((len(pieces), size), dtype=numpy.float32)
        c = numpy.zeros_like(h)
        w_hh, bias = self._w_hh[direction], self._bias[direction]
        glued_proj = self._glued_proj[direction]
        starts = numpy.array([a for a, _ in pieces])
        ends = numpy.array([b for _, b in pieces])
        active = len(pieces)
        for t in range(longest):
            while lengths[active - 1] <= t:
                active -= 1
            idx = starts[:active] + t if direction == 0 else ends[:active] - 1 - t
            gates = (self._proj[rows[idx], direction] + glued[idx] * glued_proj + bias
                     + h[:active] @ w_hh)
            i = _sigmoid(gates[:, :size])
            f = _sigmoid(gates[:, size:2 * size])
            g = numpy.tanh(gates[:, 2 * size:3 * size])
            o = _sigmoid(gates[:, 3 * size:])
            c[:active] = f * c[:active] + i * g
            h[:active] = o * numpy.tanh(c[:active])
            hidden[idx, direction * size:(direction + 1) * size] = h[:active]

    def _word_rows(self, words: list[str]) -> list[int]:
        """Rows of the input-projection table for ``words``, computing new words' rows."""
        new = list(dict.fromkeys(w for w in words if w not in self._rows))
        if new:
            if len(self._rows) + len(new) > WORD_ROWS:
                self._rows.clear()
                new = list(dict.fromkeys(words))
            first = len(self._rows)
            need = first + len(new)
            if need > len(self._proj):
                grown = numpy.zeros((max(need, 2 * len(self._proj)), *self._proj.shape[1:]),
                                    dtype=numpy.float32)
                grown[:first] = self._proj[:first]
                self._proj = grown
            x = numpy.concatenate([self._bags(new), self._word_vectors(new),
                                   self._letter_features(new)], axis=1)
            for d in (0, 1):
                self._proj[first:need, d] = x @ self._w_ih[d].T
            self._rows.update(zip(new, range(first, need), strict=True))
        return [self._rows[w] for w in words]

    def _bags(self, words: list[str]) -> numpy.ndarray:
        """Sum of each word's feature embeddings (features unseen in training add
        nothing)."""
        out = numpy.zeros((len(words), self._feature_emb.shape[1]), dtype=numpy.float32)
        for n, word in enumerate(words):
            ids = [self._features.get(f, 0) for f in self.lexicon.word_features(word)[0]]
            out[n] = self._feature_scale[ids] @ self._feature_emb[ids].astype(numpy.float32)
        return out

    def _feature_row(self, i: int) -> numpy.ndarray:
        return self._feature_emb[i].astype(numpy.float32) * self._feature_scale[i]

    def _word_vectors(self, words: list[str]) -> numpy.ndarray:
        """Unit-length static vectors (zero for a word without one)."""
        out = numpy.zeros((len(words), self._vector_table.shape[1]), dtype=numpy.float32)
        for n, word in enumerate(words):
            row = self._key2row.get(hash_string(word))
            if row is not None:
                v = numpy.asarray(self._vector_table[row], dtype=numpy.float32)
                out[n] = v / (numpy.linalg.norm(v) + 1e-6)
        return out

    def _letter_features(self, words: list[str]) -> numpy.ndarray:
        """Max over positions of a width-3 convolution over each word's letters."""
        filters, dims, width = self._conv_w.shape
        pad = width // 2
        out = numpy.zeros((len(words), filters), dtype=numpy.float32)
        kernel = self._conv_w.transpose(2, 1, 0).reshape(width * dims, filters)
        for n, word in enumerate(words):
            ids = [self._letters.get(ch, 0) for ch in word[:MAX_LETTERS]]
            emb = numpy.zeros((len(ids) + 2 * pad, dims), dtype=numpy.float32)
            emb[pad:pad + len(ids)] = self._letter_emb[ids]
            windows = numpy.stack([emb[k:k + len(ids)] for k in range(width)], axis=1)
            conv = windows.reshape(len(ids), width * dims) @ kernel + self._conv_b
            out[n] = numpy.maximum(conv, 0).max(axis=0) if len(ids) else 0
        return out


def lstm_additions(found: list[tuple[int, int, str]],
                   lstm_scored: list[tuple[int, int, str, float]],
                   outside: numpy.ndarray | None, words: list[str],
                   min_confidence: float = MIN_CONFIDENCE) -> list[tuple[int, int, str]]:
    """The LSTM's confident spans in one chunk that overlap none of ``found`` (the CNN's
    and the CRF's, as the component merged them), on words the CRF (``outside``: its
    probability of "O" per token) is not sure name nothing, and never a name that is also a
    common word (resources/ner/ambiguous.txt: "مخاض عسير", a difficult labour, is not
    Asir). The LSTM only adds: read in the CRF's place it scored ANERcorp's dev part as
    well but lost names the rules had built on the CRF ("ادريس لكريني", MODEL_CARD.md), and
    where it could extend the CNN's persons it ran one into a verb ("بيكا هافيستو
    سيزوران")."""
    out: list[tuple[int, int, str]] = []
    for start, end, label, confidence in lstm_scored:
        if confidence < min_confidence \
                or any(f[0] < end and start < f[1] for f in (*found, *out)) \
                or (outside is not None and outside[start:end].max() >= SURELY_OUTSIDE) \
                or is_ambiguous_name(words[start:end]):
            continue
        out.append((start, end, label))
    return out


def _packaged_vectors():
    """The packaged CNN model's static vectors (the LSTM reads the same table)."""
    from spacy.vocab import Vocab

    vocab = Vocab()
    vocab.from_disk(Path(str(resource_path("models/ner/model"))) / "vocab")
    return vocab.vectors


def vectors_digest(vectors) -> str:
    """A digest of a vectors table's keys and values, to tie a trained LSTM to it."""
    digest = hashlib.sha256()
    data = numpy.ascontiguousarray(numpy.asarray(vectors.data, dtype=numpy.float32))
    digest.update(data.tobytes())
    keys = numpy.asarray(sorted(int(k) for k in vectors.keys()), dtype=numpy.uint64)
    digest.update(keys.tobytes())
    return digest.hexdigest()
