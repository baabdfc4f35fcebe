"""Sentence splitting for Arabic news.

Sentences end at '.', '!', '?', '؟' (and runs of them) followed by whitespace, and at line
breaks. The Arabic comma '،' and semicolon '؛' never end a sentence. A terminator inside an
open quotation ("…", «…», “…”) does not end the sentence unless a line break follows, so a
quoted statement stays with its reporting verb; a closing mark right after the terminator
stays in the sentence it closes. Decimal points ("3.5") and single-letter abbreviations
("د.") never split.
"""

from __future__ import annotations

import re

__all__ = ["split_sentences"]

_TERMINATORS = ".!?؟…"
_OPENERS = {"«": "»", "“": "”", "„": "”", "‹": "›"}
_CLOSERS = set(_OPENERS.values())
_SYMMETRIC = '"'
_TRAILING_CLOSERS = "»”›\"')]"
_ABBREV = re.compile(r"(?:^|\s)\w\.$")  # 'د.' 'م.' single-letter abbreviations


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return end-exclusive (start, end) spans of sentences, trimmed of outer whitespace."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    start = 0
    depth = 0  # nesting depth of asymmetric quotes
    in_symmetric = False
    i = 0
    while i < n:
        ch = text[i]
        if ch == "\n":
            _add(spans, text, start, i)
            start = i + 1
            depth = 0
            in_symmetric = False
        elif ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(0, depth - 1)
        elif ch == _SYMMETRIC:
            in_symmetric = not in_symmetric
        elif ch in _TERMINATORS:
            j = i + 1
            while j < n and text[j] in _TERMINATORS:
                j += 1
            k = j
            closing = False
            while k < n and text[k] in _TRAILING_CLOSERS:
                closing = True
                k += 1
            at_end = k >= n or text[k].isspace()
            quoted = (depth > 0 or in_symmetric) and not closing
            if at_end and not quoted and not _is_abbreviation(text, i):
                if closing:
                    depth = 0
                    in_symmetric = False
                _add(spans, text, start, k)
                start = k
                i = k
                continue
            i = j
            continue
        i += 1
    _add(spans, text, start, n)
    return spans


def _is_abbreviation(text: str, i: int) -> bool:
    if text[i] != ".":
        return False
    if i > 0 and text[i - 1].isdigit() and i + 1 < len(text) and text[i + 1].isdigit():
        return True
    return bool(_ABBREV.search(text[max(0, i - 3): i + 1]))


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
