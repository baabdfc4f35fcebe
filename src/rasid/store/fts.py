"""Full-text search terms: the same Arabic folding for the index and for queries.

A document is indexed as its clitic-aware tokens (``rasid.text.tokenize``: "لموسكو" is
"ل" + "موسكو"; detached
one-letter clitics are dropped), each folded with ``normalize_key`` (hamza/alef forms, ya/alef maqsura,
ta marbuta, tatweel and diacritics), with the article "ال" taken off. A query goes through
the same function, so "عشق أباد" finds "عشق آباد", "غزه" finds "غزة", "الرئيس" finds
"رئيس" and diacritics never block a match.
"""

from __future__ import annotations

import re

from rasid.text import normalize_key, tokenize

__all__ = ["fts_query", "fts_terms", "query_terms"]

_WORD = re.compile(r"\w", re.UNICODE)


def _fold(token: str) -> str:
    key = normalize_key(token)
    if key.startswith("ال") and len(key) > 3:
        key = key[2:]
    elif key.startswith("لل") and len(key) > 4:  # ل + ال: "للحلف" → "حلف"
        key = key[2:]
    return key


def query_terms(text: str) -> list[str]:
    """The folded index terms of ``text`` (words only; punctuation dropped)."""
    terms = []
    for tok in tokenize(text):
        if not _WORD.search(tok.text):
            continue
        key = _fold(tok.text)
        if len(key) == 1 and "\u0600" <= key <= "\u06ff":
            continue  # a detached clitic (و ف ب ل ك س, ه): no use to search for
        if key:
            terms.append(key)
    return terms


def fts_terms(text: str) -> str:
    """What goes into the FTS5 column for ``text``: folded terms joined by spaces."""
    return " ".join(query_terms(text))


def fts_query(query: str) -> str | None:
    """An FTS5 MATCH expression for a user query, or None when it has no words.

    Words are ANDed; a part in double quotes is a phrase; a word ending in ``*`` is a
    prefix; ``OR`` between words is kept. Every term is quoted, so user input can never be
    an FTS5 syntax error.
    """
    parts: list[str] = []
    for m in re.finditer(r'"([^"]*)"|(\S+)', query):
        if m.group(1) is not None:
            terms = query_terms(m.group(1))
            if terms:
                parts.append('"' + " ".join(terms) + '"')
            continue
        word = m.group(2)
        if word == "OR" and parts and parts[-1] != "OR":
            parts.append("OR")
            continue
        prefix = word.endswith("*")
        terms = query_terms(word.rstrip("*"))
        if not terms:
            continue
        if len(terms) == 1:
            parts.append('"' + terms[0] + '"' + ("*" if prefix else ""))
        else:  # a clitic-joined word ("لموسكو") is a short phrase
            parts.append('"' + " ".join(terms) + '"')
    while parts and parts[-1] == "OR":
        parts.pop()
    return " ".join(parts) or None
