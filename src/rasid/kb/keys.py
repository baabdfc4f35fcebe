"""Matching keys for names: the one normalisation the KB build and the linker share.

A key is the name tokenised with rasid's clitic-aware tokeniser, each token normalised
(:func:`rasid.text.normalize_key`: alef/hamza forms, ya/alef maqsura, ta marbuta, diacritics)
and stripped of the definite article, joined by single spaces. So "الناتو", "ناتو" and
"للناتو" (after the clitic "ل") share the key "ناتو", and "عمّان"/"عمان" share "عمان".
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from rasid.runtime import WORD_CACHE_SIZE
from rasid.text import normalize_key, tokenize

__all__ = ["clitic_variants", "match_key", "nil_id", "token_key"]

_CLITICS = ("و", "ف", "ب", "ل", "ك")


@lru_cache(maxsize=WORD_CACHE_SIZE)
def token_key(token: str) -> str:
    """The key of one token: normalised, without a leading article (kept if too short)."""
    k = normalize_key(token)
    if k.startswith("ال") and len(k) > 3:
        k = k[2:]
    return k


def match_key(text: str) -> str:
    """The key of a whole name (see module doc)."""
    return " ".join(k for k in (token_key(t.text) for t in tokenize(text)) if k)


@lru_cache(maxsize=WORD_CACHE_SIZE)
def clitic_variants(token: str, after_lam: bool = False) -> tuple[str, ...]:
    """Keys of ``token`` read as clitic + word, for tokens the tokeniser left whole.

    ``after_lam``: the previous token was the clitic "ل" (so "لناتو" is "الناتو").
    """
    k = normalize_key(token)
    out: list[str] = []
    if after_lam and k.startswith("ل") and not k.startswith("ال"):
        out.append(token_key(k[1:]))
    if len(k) > 3 and k[0] in _CLITICS:
        rest = k[1:]
        if rest.startswith("ال") and len(rest) > 4:
            out.append(rest[2:])
        elif rest.startswith("ل") and k[0] == "ل" and len(rest) > 3:  # لل = ل + ال
            out.append(rest[1:])
        else:
            out.append(token_key(rest))
    return tuple(dict.fromkeys(o for o in out if o and o != token_key(token)))


def nil_id(name: str, type_: str) -> str:
    """The stable rasid id of an entity the KB does not know: same name and type, same id."""
    digest = hashlib.sha1(f"{type_}|{match_key(name)}".encode()).hexdigest()[:12]
    return f"R:{digest}"
