"""Clitic-aware tokenisation of Arabic text.

Arabic writes conjunctions, prepositions, the future particle and object/possessive pronouns
attached to their host word: "لموسكو" is "ل" + "موسكو", "وأكد" is "و" + "أكد". rasid splits
them so that entity spans start at the name ("موسكو"), while names that merely begin with
those letters ("بوتين", "لبنان", "فلاديمير") stay whole.

Tokens are always exact substrings of the input (``text[start:end]``): "للحلف" becomes
"ل" + "لحلف" (the article's elided alef is not restored), and diacritics stay on the
letter they follow. The split decision is data-driven (resources/text/clitics.tsv and a
frequency table built from raw news by training/text/build_wordfreq.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rasid.resources import read_table
from rasid.runtime import WORD_CACHE_SIZE
from rasid.text.normalize import normalize, strip_marks

__all__ = ["Token", "tokenize", "token_spans", "segment_word", "never_split",
           "pronoun_suffixes"]

_AR_LETTERS = "\u0621-\u063A\u0641-\u064A\u066E-\u066F\u0671-\u06D3\u06D5\u06FA-\u06FF"
_AR_MARKS = "\u0640\u064B-\u065F\u0670\u06D6-\u06ED\u200C\u200D"
_DIGITS = "0-9\u0660-\u0669\u06F0-\u06F9"
_TOKEN = re.compile(
    rf"[{_AR_LETTERS}][{_AR_LETTERS}{_AR_MARKS}]*"            # Arabic word (with its marks)
    rf"|[{_DIGITS}]+(?:[.,\u066B\u066C][{_DIGITS}]+)*"         # number, 1,000 / 3.5 / ٣٫٥
    r"|[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)?"                # Latin word
    r"|[^\s]"                                                   # any other single character
)
_IMPERFECT = set("يتن")  # imperfect prefixes; أ is checked on the unfolded form


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Rules:
    prefixes: dict[str, tuple[float, int]]
    suffixes: list[tuple[str, float, int]]  # longest first
    freq: dict[str, int]
    no_split: frozenset[str]
    forced: dict[str, tuple[int, ...]]  # resources/text/split_words.txt


@lru_cache(maxsize=1)
def word_frequencies() -> dict[str, int]:
    """How often each normalised word form occurs in raw news (resources/text/wordfreq.tsv.gz,
    built by training/text/build_wordfreq.py): the tokenizer's evidence for splitting a
    clitic, the time tagger's for a future prefix, NER's for a common noun."""
    return {row[0]: int(row[1]) for row in read_table("text/wordfreq.tsv.gz")}


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    prefixes: dict[str, tuple[float, int]] = {}
    suffixes: list[tuple[str, float, int]] = []
    for kind, clitic, ratio, min_count, *_ in read_table("text/clitics.tsv"):
        if kind == "prefix":
            prefixes[clitic] = (float(ratio), int(min_count))
        else:
            suffixes.append((clitic, float(ratio), int(min_count)))
    suffixes.sort(key=lambda s: -len(s[0]))
    freq = word_frequencies()
    no_split = frozenset(normalize(w[0]).text for w in read_table("text/no_split.txt"))
    forced: dict[str, tuple[int, ...]] = {}
    for (spec, *_) in read_table("text/split_words.txt"):
        parts = normalize(spec).text.split("+")
        cuts = [sum(len(p) for p in parts[: i + 1]) for i in range(len(parts) - 1)]
        forced["".join(parts)] = tuple(cuts)
    return _Rules(prefixes, suffixes, freq, no_split, forced)


def _ok(rules: _Rules, whole: str, stem: str, ratio: float, min_count: int) -> bool:
    f_stem = rules.freq.get(stem, 0)
    if f_stem < min_count:
        return False
    return rules.freq.get(whole, 0) <= ratio * f_stem


_PREP_PRONOUN = {p + s for p in "بل" for s in ("ه", "ها", "هم", "هما", "هن", "ك", "كم", "نا")}


def never_split(word: str) -> bool:
    """``word`` (normalised, see :func:`rasid.text.normalize`) is listed in
    resources/text/no_split.txt: a word that begins or ends with clitic letters but is never
    segmented. Other splitters (the NER gazetteer's) honour the same list."""
    return word in _rules().no_split


@lru_cache(maxsize=1)
def pronoun_suffixes() -> frozenset[str]:
    """The enclitic pronouns the tokenizer splits off (resources/text/clitics.tsv: "ه",
    "ها", "هم"...): a token that is one of them, written onto the word before, is a
    possessive or object pronoun, never part of a name."""
    return frozenset(s for s, _, _ in _rules().suffixes)


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _split_normalized(word: str, plain: str = "") -> tuple[int, ...]:
    """Cut points (indices into the normalised word) where clitics separate.

    ``plain`` is the same word with only diacritics removed (no letter folding, so the same
    length as ``word``): it tells a final ة (never a pronoun) from ه, and the future
    particle before أ ("سأعود") from a name that starts with سا ("ساولي").
    """
    plain = plain or word
    ta_marbuta = plain.endswith("ة")
    rules = _rules()
    if word in _PREP_PRONOUN:
        return (1,)
    if word in rules.forced:
        return rules.forced[word]
    if word in rules.no_split or len(word) < 3:
        return ()
    cuts: list[int] = []
    pos = 0
    # proclitics: at most conj + (prep | future)
    for slot in (("و", "ف"), ("ب", "ل", "ك", "س")):
        rest = word[pos:]
        if len(rest) < 3 or rest in rules.no_split:
            break
        p = rest[0]
        if p not in slot or p not in rules.prefixes:
            continue
        stem = rest[1:]
        if p == "س" and not (stem[0] in _IMPERFECT or plain[pos + 1] == "أ"):
            continue
        lookup = "ا" + stem if p == "ل" and stem.startswith("ل") else stem  # لل → ل + ال
        ratio, min_count = rules.prefixes[p]
        if len(stem) >= 2 and (_ok(rules, rest, lookup, ratio, min_count)
                               or (stem.startswith("ال") and len(stem) >= 4 and p != "س"
                                   and _ok(rules, rest, stem, 1e9, min_count))):
            pos += 1
            cuts.append(pos)
    # one enclitic pronoun, never on a definite noun
    rest = word[pos:]
    if not rest.startswith("ال") and rest not in rules.no_split and not ta_marbuta:
        for suffix, ratio, min_count in rules.suffixes:
            if rest.endswith(suffix) and len(rest) - len(suffix) >= 2:
                stem = rest[: -len(suffix)]
                lookups = [stem]
                if stem.endswith("ت"):
                    lookups.append(stem[:-1] + "ه")  # حكومت+ه → حكومة
                if any(_ok(rules, rest, s, ratio, min_count) for s in lookups):
                    cuts.append(len(word) - len(suffix))
                break
    return tuple(cuts)


def segment_word(word: str) -> list[tuple[int, int]]:
    """Split one Arabic word into clitic segments: (start, end) offsets within ``word``."""
    return list(_segments(word))


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _segments(word: str) -> tuple[tuple[int, int], ...]:
    """:func:`segment_word`, cached: news repeats its words, and each one was normalised
    twice before the (already cached) split decision."""
    norm = normalize(word)
    plain = strip_marks(word)
    cuts = _split_normalized(norm.text, plain if len(plain) == len(norm.text) else "")
    if not cuts:
        return ((0, len(word)),)
    bounds = [0] + [norm.span_to_original(0, c)[1] for c in cuts] + [len(word)]
    return tuple((a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a)


_ARABIC_START = re.compile(rf"[{_AR_LETTERS}]")


def tokenize(text: str) -> list[Token]:
    """Tokenise ``text`` into clitic-aware tokens with offsets into ``text``."""
    return [Token(*t) for t in token_spans(text)]


def token_spans(text: str) -> list[tuple[int, int, str]]:
    """:func:`tokenize` as plain ``(start, end, text)`` tuples: the same tokens without
    building a :class:`Token` for each (the pipeline's tokenizer only needs the tuples)."""
    tokens: list[tuple[int, int, str]] = []
    append = tokens.append
    for m in _TOKEN.finditer(text):
        start, surface = m.start(), m.group()
        if len(surface) >= 2 and _ARABIC_START.match(surface):
            for a, b in _segments(surface):
                append((start + a, start + b, surface[a:b]))
        else:
            append((start, m.end(), surface))
    return tokens
