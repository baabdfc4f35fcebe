"""People announced by the word before their name: "تدعى جولي آن الوبريخ", "المدعو مكرم
المولهي".

Police, court and human-interest news introduce a person the reader does not know with
"يدعى"/"تدعى" (is called) or "المدعو"/"المدعوة" (the one called); the name after such a word
is a person's, and mostly one the model never saw ("شاب يدعى بوبكر الثابتي", "ميتسويا
ماجيم", raw news). The words are resources/ner/naming_words.txt, compared as written:
"يدعي" (claims) normalises to the same key as "يدعى".
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from spacy.tokens import Doc, Span

from rasid.ner.features import token_norm
from rasid.ner.layout import Layout, free_word
from rasid.ner.lexicon import word_list
from rasid.resources import read_table
from rasid.text import normalize_key

# the most words taken after the naming word ("إيرام نور بنت نجم الدين")
_MAX_WORDS = 4
# name links that may stand inside the name ("بن", "بنت"), never first nor last
_LINKS = frozenset(("بن", "بنت", "ابن", "ابنه"))
# how many words before the naming word a place noun makes the name a place's
_PLACE_WINDOW = 3


def _names_place(texts: list[str], k: int) -> bool:
    """A place noun of city_nouns.txt stands among the three words before the naming word:
    the name is a place's ("قرية صغيرة تدعى خورتو")."""
    places = word_list("ner/city_nouns.txt")
    return any(normalize_key(texts[i]) in places for i in range(max(0, k - _PLACE_WINDOW), k))


@lru_cache(maxsize=1)
def _naming_words() -> frozenset[str]:
    return frozenset(row[0] for row in read_table("ner/naming_words.txt"))


def named_persons(doc: Doc, layout: Layout, spans: list[Span],
                  name_word: Callable[[int, bool], bool]) -> list[Span]:
    """``spans`` with the person named right after a naming word (module docstring), where
    no entity begins. ``name_word(i, first)`` is the component's test of a word of a name
    the context announces (``first``: the name's first word, without the article). The
    name is the run of such free words (at most four, a "بن"/"بنت" between two of them
    allowed); a word written with a proclitic, a quote or a bracket ends it, so a quoted
    thing's name ("يدعى "كنافة رمضان"") is left alone, and so is a place's: a place noun
    shortly before ("قرية صغيرة تدعى خورتو")."""
    texts = layout.texts
    words = _naming_words()
    taken = {i for s in spans for i in range(s.start, s.end)}
    out = list(spans)
    for k in range(len(texts) - 1):
        if texts[k] not in words or _names_place(texts, k):
            continue
        first = k + 1
        if not (free_word(layout, first, taken) and name_word(first, True)):
            continue
        end = first + 1
        while end < len(texts) and end - first < _MAX_WORDS:
            if free_word(layout, end, taken) and name_word(end, False):
                end += 1
            elif token_norm(texts[end]) in _LINKS and end + 1 < len(texts) \
                    and free_word(layout, end, taken) and free_word(layout, end + 1, taken) \
                    and name_word(end + 1, False):
                end += 2
            else:
                break
        out.append(Span(doc, first, end, label="PER"))
        taken.update(range(first, end))
    return sorted(out, key=lambda s: s.start) if len(out) > len(spans) else spans

