"""The features of rasid's second NER model, a linear-chain CRF (:mod:`rasid.ner.crf`).

The CNN sees each word through hashed embeddings and learns its own features; the CRF is
given them, as the feature-based Arabic NER systems were: the word's orthographic key, the
first letters of its stem after the article, its last one to four letters, its length, and
three kinds of lexical knowledge that 125k gold tokens cannot teach:

* the name lists the key is in (FIRST, LAST, GPE, TITLE, ... from the gazetteer-class
  table the CNN also reads, ``resources/ner/token_classes.tsv``);
* how often the shipped component put the word inside a person, or any entity, on ten
  million words of raw news (``resources/ner/person_share.tsv.gz``), in tenths;
* two clusterings (64 and 512 clusters) of the CNN's static word vectors: words used alike
  in news fall together, so an unseen surname shares a cluster with the seen ones.

The lexical knowledge is frozen into the model's own ``lexicon.tsv.gz`` when the CRF is
trained (:func:`build_lexicon`), so a later rebuild of those tables never shifts the
features a trained model sees. Context features repeat a neighbour's key, suffix, stem
start, lexical features and attachment, for the :data:`WINDOW` tokens either side (one:
two cost 30% more to score and gained 0.3 on ANERcorp's dev part, within noise).

Features are built once per distinct word and cached (:class:`CrfFeaturizer`).
"""

from __future__ import annotations

import gzip
import math
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from rasid.ner.features import token_norm

WINDOW = 1
CLUSTER_SIZES = (64, 512)
WORD_CACHE = 100_000
#: the lexicon file's two kinds of lines: features of an orthographic key, of a written form
KEY, FORM = "k", "f"


class CrfLexicon:
    """Lexical features by orthographic key (name lists, news counts) and by written form
    (vector clusters), as frozen at training time: space-separated feature strings, split
    only for the words a text uses (reading the file is then one dict insert per line)."""

    def __init__(self, by_key: dict[str, str], by_form: dict[str, str]) -> None:
        self.by_key = by_key
        self.by_form = by_form

    @classmethod
    def read(cls, path: Path) -> CrfLexicon:
        tables: dict[str, dict[str, str]] = {KEY: {}, FORM: {}}
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                kind, word, feats = line.rstrip("\n").split("\t")
                tables[kind][word] = feats
        return cls(tables[KEY], tables[FORM])

    def write(self, path: Path, source: str) -> None:
        with gzip.open(path, "wt", encoding="utf-8") as f:
            f.write(f"# rasid CRF lexicon: kind<TAB>word<TAB>features; {source}\n")
            for kind, table in ((KEY, self.by_key), (FORM, self.by_form)):
                for word in sorted(table):
                    f.write(f"{kind}\t{word}\t{table[word]}\n")

    def word_features(self, word: str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
        """(the word's own features, those its neighbours see, its key)."""
        key = token_norm(word)
        stem = key[2:] if key.startswith("ال") and len(key) > 3 else key
        own = [f"n={key}", f"s3={stem[:3]}", f"s2={stem[:2]}", f"e1={key[-1:]}",
               f"e2={key[-2:]}", f"e3={key[-3:]}", f"e4={key[-4:]}", f"len={min(len(stem), 8)}"]
        if key.startswith("ال"):
            own.append("al")
        if word.isdigit():
            own.append("dig")
        if any("a" <= c <= "z" for c in word.lower()):
            own.append("lat")
        if not any(c.isalnum() for c in word):
            own.append("punct")
        lexical = (self.by_key.get(key, "") + " " + self.by_form.get(word, "")).split()
        if not any(f.startswith("per=") for f in lexical):
            own.append("unk")  # never seen in the news counts
        own.extend(lexical)
        context = (f"n={key}", f"e2={key[-2:]}", f"s3={stem[:3]}",
                   *(f for f in lexical if not f.startswith("occ=")))
        return tuple(own), context, key


class CrfFeaturizer:
    """Turns a sentence or chunk into the CRF's features, token by token: the strings
    crfsuite trains on (rasid's decoder sums their weights per word instead, reading
    :meth:`CrfLexicon.word_features`, see :func:`rasid.ner.crf.by_place`). Each distinct
    word's features, as its own and as each neighbour sees them, are built once and
    cached.
    """

    def __init__(self, lexicon: CrfLexicon, cache: int = WORD_CACHE) -> None:
        self.lexicon = lexicon
        self._placed = lru_cache(maxsize=cache)(self._placed_features)

    def sequence(self, words: list[str], spaces: list[bool]) -> list[list[str]]:
        """Features per token; ``spaces[i]``: a space follows token i (when it is false,
        token i+1 is written onto it: a clitic or a suffix)."""
        placed = [self._placed(w) for w in words]
        glued = [i > 0 and not spaces[i - 1] for i in range(len(words))]
        out = []
        n = len(words)
        for i in range(n):
            feats = ["b", *placed[i][0][WINDOW]]
            if glued[i]:
                feats.append("glued")
            for off in range(-WINDOW, WINDOW + 1):
                j = i + off
                if off == 0:
                    continue
                if 0 <= j < n:
                    feats.extend(placed[j][0][off + WINDOW])
                    if glued[j]:
                        feats.append(f"{off}glued")
                else:
                    feats.append(f"{off}BOUND")
            for pair in ((f"bi={placed[i - 1][1]}|{placed[i][1]}" if i > 0 else ""),
                         (f"bi+={placed[i][1]}|{placed[i + 1][1]}" if i + 1 < n else "")):
                if pair:
                    feats.append(pair)
            out.append(feats)
        return out

    def _placed_features(self, word: str) -> tuple[tuple[tuple[str, ...], ...], str]:
        """(the word's features from each place of the window, and its key). Index
        ``WINDOW`` holds its own; index ``off + WINDOW`` its context features marked
        ``off``, as the token ``off`` places before it sees them."""
        own, context, key = self.lexicon.word_features(word)
        placed = tuple(own if off == 0 else tuple(f"{off}{f}" for f in context)
                       for off in range(-WINDOW, WINDOW + 1))
        return placed, key


def build_lexicon(classes: dict[str, str], person_counts: Iterable[tuple[str, int, int, int]],
                  clusters: dict[str, tuple[int, ...]]) -> CrfLexicon:
    """Freeze the lexical features: ``classes`` (key → "FIRST|LAST"), ``person_counts``
    (key, times inside a person, times seen, times inside any entity) and ``clusters``
    (written form → one cluster id per size of :data:`CLUSTER_SIZES`)."""
    by_key: dict[str, list[str]] = {}
    for key, cls in classes.items():
        by_key.setdefault(key, []).extend("c_" + c for c in cls.split("|") if c)
    for key, person, seen, entity in person_counts:
        if seen:
            by_key.setdefault(key, []).extend(
                (f"per={10 * person // seen}", f"ent={10 * entity // seen}",
                 f"occ={min(int(math.log2(seen + 1)), 10)}"))
    by_form = {w: " ".join(f"k{size}={c}" for size, c in zip(CLUSTER_SIZES, ids, strict=True))
               for w, ids in clusters.items()}
    return CrfLexicon({k: " ".join(v) for k, v in by_key.items()}, by_form)
