"""Small, data-driven patterns the statistical model misses.

``org_phrases``: an organisation head noun in construct state ("وزارة", "مجلس", "حزب",
resources/ner/org_heads.txt) followed by definite words, coordinated ("و" + definite) or
prepositional-article ones ("ل" + "لتدريب"), is an organisation's name: "وزارة الإعلام",
"مجلس الدفاع والأمن". A *definite* head is a name only with a definite adjective and a
field after it: "الأكاديمية الوطنية للتدريب", "الهيئة العامة للطيران المدني" ("ل" + a
definite word); "الهيئة الجديدة" alone is a description. The phrase stops at punctuation,
an indefinite word, or a word of org_stop.txt ("الماضي", ...).
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
        definite = key.startswith("ال") and key[2:] in heads
        if (key not in heads and not definite) or (
                i + 1 < n and keys[i + 1].startswith(attached)):
            i += 1
            continue
        j = name_continuation(keys, i + 1, attached)
        if definite and not _adjective_and_field(key, keys, i + 1, j, attached):
            i += 1
            continue
        if j > i + 1:
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


_FEMININE_ELATIVES = frozenset(("العليا", "الكبري", "الدنيا"))  # normalised: ى → ي


def _adjective_and_field(head: str, keys: list[str], start: int, end: int,
                         attached: str) -> bool:
    """``keys[start:end]`` (after the definite head noun ``head``) open with an adjective that
    agrees with it and hold a field: "ل" followed by a definite word written onto it
    ("للتدريب"). Agreement (on normalised keys: ة → ه, ى → ي) keeps a family name out: a
    feminine head takes "الوطنيه", "العليا", not "الجعفري" ("مدير عام الجمعية الجعفري"); a
    masculine one takes "الدولي", "الاعلي"."""
    if start >= end or not keys[start].startswith("ال"):
        return False
    adjective = keys[start]
    if head.endswith("ه"):
        agrees = adjective.endswith("ه") or adjective in _FEMININE_ELATIVES
    else:
        agrees = adjective.endswith("ي")
    return agrees and any(keys[k] == "ل" and keys[k + 1].startswith(attached)
                          for k in range(start + 1, end - 1))


def name_continuation(keys: list[str], j: int, attached: str = "+") -> int:
    """Where an organisation's name that has reached token ``j`` ends: it goes on over
    definite words ("الدراسات الدستورية"), coordinated ones ("و" + "الأمن") and
    prepositional-article ones ("ل" + "لتدريب"), at most MAX_WORDS of them, and stops at
    punctuation, an indefinite word or a word of org_stop.txt ("الماضي", ...)."""
    stop, heads = stop_words(), org_heads()
    n = len(keys)
    words = 0
    while j < n and words < MAX_WORDS:
        k = keys[j]
        if k.startswith("ال") and k not in stop and len(k) > 3:
            j += 1
        elif (k in ("و", "ل") and j + 1 < n and keys[j + 1].startswith(attached)
              and (keys[j + 1][1:].startswith("ال") or (k == "ل" and keys[j + 1][1:].startswith("ل")))
              and keys[j + 1][1:] not in stop
              and not (k == "و" and keys[j + 1][3:] in heads)):
            # "و" + a definite head noun opens a second organisation: "الاتحاد الأفريقي" +
            # "والهيئة الحكومية للتنمية"
            j += 2
        else:
            break
        words += 1
    return j
