"""Storms named after the noun that says what they are: "إعصار ماثيو", "الإعصار سوديلور".

A storm's name is a given name ("ماثيو", "ساندي", "ديبي") or a word from another language
("سوديلور", "هايان"), so the model read it as a person or a place, or not at all. After a
storm noun of resources/ner/storm_nouns.txt ("إعصار", "الإعصار", "العاصفة الاستوائية"), or
after "العاصفة"/"عاصفة" with the name in quotes ('العاصفة "أشوبا"'), a one-word name is the
storm, MISC (a named event, docs/OUTPUT.md). An adjective or verb after the noun ("الإعصار
المدمر", "إعصار قوي", "الإعصار يقترب") fails the component's name-word test.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from spacy.tokens import Doc, Span

from rasid.ner.label_agreement import CLOSING_QUOTES, OPENING_QUOTES
from rasid.ner.layout import Layout, free_word, starts_arabic
from rasid.resources import read_table
from rasid.text import normalize_key

# letters every storm noun is written with ("إعصار", "اعصار", "عاصفة", "تيفون", "تايفون")
_MARKERS = ("عصار", "عاصف", "تيفون", "تايفون")
# "العاصفة"/"عاصفة" (the storm) names one only with the name quoted after it
_STORM = frozenset((normalize_key("العاصفة"), normalize_key("عاصفة")))


@lru_cache(maxsize=1)
def _storm_nouns() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(normalize_key(w) for w in row[0].split())
                     for row in read_table("ner/storm_nouns.txt"))


def _noun_before(keys: list[str], i: int) -> tuple[bool, bool]:
    """(a storm noun ends right before token ``i``, it is "العاصفة" that needs quotes);
    ``keys``: the tokens' normalised keys."""
    for noun in _storm_nouns():
        n = len(noun)
        if i >= n and tuple(keys[i - n:i]) == noun:
            return True, False
    return i >= 1 and keys[i - 1] in _STORM, True


def named_storms(doc: Doc, layout: Layout, spans: list[Span],
                 name_word: Callable[[int], bool]) -> list[Span]:
    """``spans`` with the one-word storm name after a storm noun made MISC (module
    docstring): added where no entity is, or retyped where the model's one-word span is
    exactly the name. ``name_word(i)`` is the component's test of a name's first word,
    one it may never have seen included ("تشانغسين")."""
    if not any(marker in doc.text for marker in _MARKERS):
        return spans  # no storm noun: the common case, checked at C speed
    texts = layout.texts
    keys = [normalize_key(t) for t in texts]
    by_start = {s.start: s for s in spans}
    taken = {i for s in spans for i in range(s.start, s.end)}
    out = list(spans)
    changed = False
    for i in range(1, len(texts)):
        quoted = texts[i - 1] in OPENING_QUOTES
        found, needs_quotes = _noun_before(keys, i - 1 if quoted else i)
        name = i
        if not found or (needs_quotes and not quoted) \
                or not (quoted or free_word(layout, name, set())):
            continue  # a word written with a clitic is none ("الإعصار بوصوله", on arriving)
        if quoted and not (name + 1 < len(texts) and texts[name + 1] in CLOSING_QUOTES):
            continue
        if not starts_arabic(texts[name]) or (keys[name],) in _storm_nouns() \
                or not name_word(name):
            continue  # "إعصار تايفون" (a typhoon) names no storm
        span = by_start.get(name)
        if span is not None:
            if len(span) == 1 and span.label_ != "MISC":
                out[out.index(span)] = Span(doc, name, name + 1, label="MISC")
                changed = True
        elif name not in taken:
            out.append(Span(doc, name, name + 1, label="MISC"))
            taken.add(name)
            changed = True
    return sorted(out, key=lambda s: s.start) if changed else spans
