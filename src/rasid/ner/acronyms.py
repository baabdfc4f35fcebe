"""Acronyms spelled out in Arabic letter names: "بي بي سي", "سي.إن.إن", "آي بي إم".

Why: news writes a Latin acronym letter by letter in Arabic script, the letters apart or
joined by dots, and rasid's tokenizer makes each letter (and each dot) a token. The
statistical model saw few such runs in its training data: on real news it tagged the letters
one by one ("تي" ORG + "إم" ORG of "تي.إم.زد"), or part of the run ("بي سي" of "سي إن بي سي"),
or a lone letter that was an ordinary word ("أي تفاصيل", "any details", ORG). The pipeline
therefore widens an entity that touches a run to the whole run and drops a span that is one
letter name alone (rasid.pipeline.ner). The letters are data: resources/ner/letter_names.tsv.
"""

from __future__ import annotations

from functools import lru_cache

from rasid.ner.features import token_norm
from rasid.ner.rules import org_heads
from rasid.resources import read_table
from rasid.runtime import WORD_CACHE_SIZE
from rasid.text import strip_marks

__all__ = ["acronym_runs", "is_letter_name", "letter_names"]

_OPENING = frozenset(("(", "«", "“", "["))
_CLOSING = frozenset((")", "»", "”", "]"))
_QUOTES = frozenset(('"', "'"))  # open or close: the run is quoted if one stands on each side


@lru_cache(maxsize=1)
def letter_names() -> dict[str, bool]:
    """Letter names as written (diacritics removed) -> whether the form is also a common word."""
    return {r[0]: r[2].strip() == "1" for r in read_table("ner/letter_names.tsv")}


@lru_cache(maxsize=1)
def _unambiguous() -> frozenset[str]:
    return frozenset(name for name, common in letter_names().items() if not common)


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _common(text: str) -> bool | None:
    """None if ``text`` is no letter name, else whether it is also a common word. Cached:
    every token of every document is asked, and news repeats its words."""
    return letter_names().get(strip_marks(text))


def is_letter_name(text: str) -> bool:
    return _common(text) is not None


def acronym_runs(texts: list[str]) -> list[tuple[int, int]]:
    """(start, end) token ranges of acronyms in a document's token texts: two or more letter
    names in a row, apart or joined by dots, at least one of them not a common word.

    A letter that is also a common word ("إن", "أو", "في") is part of the run between two
    letters ("آي أو إس"). At the run's edges it is part of it only where the run is dotted,
    or set off by a quote or bracket on that side, or (at the start) after an organisation
    head noun ("شبكة إن بي سي"): otherwise "قالت بي بي سي إن ..." would take the
    complementizer "إن" into the name."""
    if _unambiguous().isdisjoint(texts):
        return []  # a run needs a letter that is no common word (most articles have none)
    n = len(texts)
    out: list[tuple[int, int]] = []
    i = 0
    while i < n:
        if _common(texts[i]) is None:
            i += 1
            continue
        letters, j, dotted = [i], i + 1, False
        while j < n:
            if _common(texts[j]) is not None:
                letters.append(j)
                j += 1
            elif texts[j] == "." and j + 1 < n and _common(texts[j + 1]) is not None:
                dotted = True
                letters.append(j + 1)
                j += 2
            else:
                break
        common = [bool(_common(texts[k])) for k in letters]
        first, last = 0, len(letters) - 1
        if not dotted:
            before = texts[letters[0] - 1] if letters[0] else ""
            after = texts[letters[-1] + 1] if letters[-1] + 1 < n else ""
            quoted = before in _QUOTES and after == before
            if not (quoted or before in _OPENING or token_norm(before) in org_heads()):
                while first <= last and common[first]:
                    first += 1
            if not (quoted or after in _CLOSING):
                while last >= first and common[last]:
                    last -= 1
        if last > first and not all(common[first:last + 1]):
            out.append((letters[first], letters[last] + 1))
        i = j
    return out
