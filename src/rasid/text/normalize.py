"""Arabic normalisation for matching, with an offset map back to the original text.

Normalisation folds the orthographic variation of Arabic news so that "عشق أباد" and
"عشق آباد", "غزة" and "غزه", "مُحَمَّد" and "محمد" compare equal. It is for *matching only*:
every fact rasid emits points into the original text, through :class:`NormalizedText.offsets`.

Each original character becomes zero or one normalised character, so the map is simply the
original index of every kept character (plus one sentinel for the end).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rasid.resources import read_table

__all__ = ["NormalizedText", "normalize", "normalize_key", "strip_marks"]


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[int, str | None], frozenset[str]]:
    """Build the ``str.translate`` table from resources/text/normalization.tsv."""
    table: dict[int, str | None] = {}
    deleted: set[str] = set()
    for row in read_table("text/normalization.tsv"):
        source, target = row[0], row[1] if len(row) > 1 else ""
        for ch in _expand(source):
            if target == "":
                table[ord(ch)] = None
                deleted.add(ch)
            else:
                table[ord(ch)] = target
    return table, frozenset(deleted)


def _expand(spec: str) -> list[str]:
    """'U+064B..U+0652' or 'U+0623' or a literal character → the characters it names."""
    if spec.startswith("U+"):
        if ".." in spec:
            lo, hi = (int(p[2:], 16) for p in spec.split(".."))
            return [chr(c) for c in range(lo, hi + 1)]
        return [chr(int(spec[2:], 16))]
    return list(spec)


@dataclass(frozen=True)
class NormalizedText:
    """Normalised text plus, for each of its characters, the index in the original."""

    original: str
    text: str
    offsets: tuple[int, ...] | None  # None: identity map (nothing was deleted)

    def to_original(self, index: int) -> int:
        """Map a normalised index (0..len(text)) to an original index."""
        if self.offsets is None:
            return index
        if index >= len(self.text):
            return len(self.original)
        return self.offsets[index]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised end-exclusive span to the original text.

        The end maps to just past the last kept character, so diacritics that follow it
        in the original stay inside the span (a word keeps its own marks).
        """
        if self.offsets is None:
            return start, end
        if end <= start:
            o = self.to_original(start)
            return o, o
        last = self.offsets[end - 1] + 1
        # extend over deleted marks directly after the last kept character
        nxt = self.to_original(end)
        deleted = _tables()[1]
        while last < nxt and self.original[last] in deleted and not self.original[last].isspace():
            last += 1
        return self.offsets[start], last


def normalize(text: str) -> NormalizedText:
    """Normalise ``text`` for matching and keep the offset map."""
    table, deleted = _tables()
    out = text.translate(table)
    if len(out) == len(text):
        return NormalizedText(text, out, None)
    offsets = tuple(i for i, ch in enumerate(text) if ch not in deleted)
    return NormalizedText(text, out, offsets)


def normalize_key(text: str) -> str:
    """Normalised form for dictionary keys: normalised, lower-cased, single-spaced."""
    table, _ = _tables()
    return " ".join(text.translate(table).lower().split())


def strip_marks(text: str) -> str:
    """Remove only diacritics, tatweel and invisible controls (no letter folding)."""
    _, deleted = _tables()
    return "".join(ch for ch in text if ch not in deleted)
