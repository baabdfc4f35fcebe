"""Small, data-driven patterns the statistical model misses.

``org_phrases``: an organisation head noun in construct state ("وزارة", "مجلس", "حزب",
resources/ner/org_heads.txt) followed by definite words, coordinated ("و" + definite) or
prepositional-article ones ("ل" + "لتدريب"), is an organisation's name: "وزارة الإعلام",
"مجلس الدفاع والأمن", "الأكاديمية ..." is not matched (the head must be indefinite). The
phrase stops at punctuation, an indefinite word, or a word of org_stop.txt ("الماضي", ...).
"""

from __future__ import annotations

from functools import lru_cache

from rasid.ner.features import token_norm
from rasid.resources import read_table

__all__ = ["name_continuation", "org_heads", "org_phrases", "stop_words"]

MAX_WORDS = 6


@lru_cache(maxsize=1)
def org_heads() -> frozenset[str]:
    """Organisation head nouns (org_heads.txt), normalised: "وزارة", "صندوق", "مجلس"..."""
    return frozenset(token_norm(r[0]) for r in read_table("ner/org_heads.txt"))


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Words that end a name (org_stop.txt: times, demonstratives, weekdays, months)."""
    return frozenset(token_norm(r[0]) for r in read_table("ner/org_stop.txt"))


def org_phrases(keys: list[str], attached: str = "+") -> list[tuple[int, int]]:
    """(start, end) token ranges of head-noun organisation names over match keys (token
    norms, with ``attached`` marking a token written onto the previous one)."""
    heads = org_heads()
    out: list[tuple[int, int]] = []
    n = len(keys)
    i = 0
    while i < n:
        key = keys[i].lstrip(attached)
        if key not in heads or (i + 1 < n and keys[i + 1].startswith(attached)):
            i += 1
            continue
        j = name_continuation(keys, i + 1, attached)
        if j > i + 1:
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


def name_continuation(keys: list[str], j: int, attached: str = "+") -> int:
    """Where an organisation's name that has reached token ``j`` ends: it goes on over
    definite words ("الدراسات الدستورية"), coordinated ones ("و" + "الأمن") and
    prepositional-article ones ("ل" + "لتدريب"), at most MAX_WORDS of them, and stops at
    punctuation, an indefinite word or a word of org_stop.txt ("الماضي", ...)."""
    stop = stop_words()
    n = len(keys)
    words = 0
    while j < n and words < MAX_WORDS:
        k = keys[j]
        if k.startswith("ال") and k not in stop and len(k) > 3:
            j += 1
        elif (k in ("و", "ل") and j + 1 < n and keys[j + 1].startswith(attached)
              and (keys[j + 1][1:].startswith("ال") or (k == "ل" and keys[j + 1][1:].startswith("ل")))
              and keys[j + 1][1:] not in stop):
            j += 2
        else:
            break
        words += 1
    return j
