"""The quote lexicon: reporting verbs and closed word classes, loaded from resources/quotes/.

Everything Arabic that the attribution rules know lives in two data files a linguist can edit:
``verbs.tsv`` (reporting verbs, every surface form) and ``words.tsv`` (complementizers, source
markers, speaker-phrase boundaries, outlet nouns, role nouns...). Both are matched on
:func:`rasid.text.normalize_key` forms, so hamza, alef, ya and diacritic variants all match.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rasid.resources import read_table
from rasid.runtime import WORD_CACHE_SIZE
from rasid.text import normalize_key

__all__ = ["Lexicon", "VerbInfo", "lexicon", "word_key"]

_PREFIXES = ("و", "ف")


@dataclass(frozen=True)
class VerbInfo:
    """One reporting-verb form: its lemma, aspect and whether it continues the speaker."""

    form: str
    lemma: str
    aspect: str  # perfect | imperfect | participle | passive
    continuation: bool


@dataclass
class Lexicon:
    verbs: dict[str, VerbInfo] = field(default_factory=dict)
    # class -> {first word key -> [phrase as a tuple of word keys, longest first]}
    phrases: dict[str, dict[str, list[tuple[str, ...]]]] = field(default_factory=dict)

    def verb(self, key: str) -> tuple[VerbInfo, int] | None:
        """The verb a word key spells, allowing a leading و/ف; also the prefix length."""
        info = self.verbs.get(key)
        if info is not None:
            return info, 0
        if len(key) > 2 and key[0] in _PREFIXES:
            info = self.verbs.get(key[1:])
            if info is not None:
                return info, 1
        return None

    def is_word(self, cls: str, key: str) -> bool:
        """Whether ``key`` is a one-word entry of class ``cls``."""
        return any(len(p) == 1 for p in self.phrases.get(cls, {}).get(key, ()))

    def candidates(self, cls: str, key: str) -> list[tuple[str, ...]]:
        return self.phrases.get(cls, {}).get(key, [])


def word_key(word: str) -> str:
    return _key(word)


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _key(word: str) -> str:
    return normalize_key(word)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    lex = Lexicon()
    for row in read_table("quotes/verbs.tsv"):
        form, lemma, aspect = row[0].strip(), row[1].strip(), row[2].strip()
        cont = len(row) > 3 and row[3].strip() == "cont"
        lex.verbs.setdefault(_key(form), VerbInfo(form, lemma, aspect, cont))
    for row in read_table("quotes/words.tsv"):
        phrase, cls = row[0].strip(), row[1].strip()
        words = tuple(_key(w) for w in phrase.split())
        if not words or not all(words):
            continue
        lex.phrases.setdefault(cls, {}).setdefault(words[0], []).append(words)
    for table in lex.phrases.values():
        for lst in table.values():
            lst.sort(key=len, reverse=True)
    return lex
