"""People named right before their age in brackets: "براد بيت (54 عامًا)", "خان (52 عاما)".

News gives a person's age in brackets right after the name, and nothing else is given one
that way: a place, a body or a thing is not. The model, reading a few words either side,
missed names it had never seen there ("وفي الوقت نفسه لايزال براد بيت (54 عامًا) يعمل",
"وقالت كلوي (33 عاما)", raw news) and typed ANERcorp's "بحث دويسنبرج ( 66 عاما )" a place
(its "-برج" is a city's ending). The words before such a bracket are the person's name
while each passes the component's test of a word of a name its context announces (a
name-list word, a word raw news writes inside persons, or one it hardly writes at all), so
common nouns stay out: "ابنته (11 عاماً)", "المتهم (26 سنة)", "شخصا (61 عاما)"; a looser
test (no common word that raw news never has inside a person) made "السائح" and "المتوفاة"
persons on the census.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from spacy.tokens import Doc, Span

from rasid.ner.features import token_norm
from rasid.ner.layout import Layout, free_word, rest_of_word
from rasid.ner.lexicon import RARE_WORD, word_list
from rasid.ner.written_names import cut_b_name

# the most words taken before the bracket ("جولي آن الوبريخ")
_MAX_WORDS = 3
# the most tokens inside the bracket: a number, its unit, maybe "من العمر"
_MAX_INSIDE = 4
_NUMBER = re.compile(r"^[0-9٠-٩]{1,3}$")
_NUMBER_UNIT = re.compile(r"^([0-9٠-٩]{1,3})(\D+)$")  # "22عاما", written together


@lru_cache(maxsize=1)
def _units() -> frozenset[str]:
    return word_list("ner/age_words.txt")


def is_age(words: list[str]) -> bool:
    """The bracket's words are an age: a number of at most three digits and a unit of
    age_words.txt, written apart or together ("52 عاما", "22عاما", "8سنوات")."""
    units = _units()
    if len(words) == 1:
        match = _NUMBER_UNIT.match(words[0])
        return bool(match) and token_norm(match.group(2)) in units
    return len(words) == 2 and bool(_NUMBER.match(words[0])) \
        and token_norm(words[1]) in units


def _bracket_age(texts: list[str], k: int) -> bool:
    """Token ``k`` opens a bracket that holds an age and closes within a few tokens."""
    if texts[k] != "(":
        return False
    for j in range(k + 1, min(len(texts), k + 2 + _MAX_INSIDE)):
        if texts[j] == ")":
            return is_age(texts[k + 1:j])
    return False


def aged_persons(doc: Doc, layout: Layout, spans: list[Span],
                 name_word: Callable[[int, bool], bool]) -> list[Span]:
    """``spans`` with the person whose age follows in brackets (module docstring).
    ``name_word(i, first)`` is the component's test of a word of a name the model missed
    (``first``: the name's first word, written without the article). Free such words right
    before the bracket (at most three) become a person, joined to a person's span right
    before them ("كيث" + "بالمر"); another type's span of at most three such words right
    before it becomes a person. A name's first "ب" that the tokenizer cut off comes with
    the word where raw news writes the whole word under 20 times ("كيث بالمر": 14;
    :func:`rasid.ner.written_names.cut_b_name`)."""
    texts = layout.texts
    taken = {i for s in spans for i in range(s.start, s.end)}
    by_end = {s.end: s for s in spans}
    out = list(spans)
    changed = False
    for k in range(1, len(texts)):
        if not _bracket_age(texts, k):
            continue
        span = by_end.get(k)
        if span is not None:
            if span.label_ != "PER" and len(span) <= _MAX_WORDS \
                    and all(name_word(i, i == span.start) for i in range(span.start, span.end)):
                out[out.index(span)] = Span(doc, span.start, span.end, label="PER")
                changed = True
            continue
        starts = []  # where the name may begin, nearest the bracket first
        start = k
        while start > 0 and len(starts) < _MAX_WORDS:
            i = start - 1
            if i >= 1 and i - 1 not in taken and cut_b_name(layout, i - 1, RARE_WORD) \
                    and rest_of_word(layout, i, taken):
                i -= 1  # "كيث" + "ب" + "المر": the name's "ب" that the tokenizer cut off
            elif not free_word(layout, i, taken):
                break
            if not (_name_like(texts[start - 1]) and name_word(start - 1, False)):
                break
            start = i
            starts.append(start)
        # the name begins at the farthest word that may open one
        starts = [i for i in starts if name_word(i + (texts[i] == "ب"), True)]
        if not starts:
            continue
        start = starts[-1]
        before = by_end.get(start)
        if before is not None and before.label_ == "PER" and k - before.start <= _MAX_WORDS + 1:
            out.remove(before)
            start = before.start
        out.append(Span(doc, start, k, label="PER"))
        taken.update(range(start, k))
        changed = True
    return sorted(out, key=lambda s: s.start) if changed else spans


def _name_like(text: str) -> bool:
    """At least two letters and no tatweel ("الـ" of "صاحب الـ(22 عاما)" is the article)."""
    return len(token_norm(text)) >= 2 and "ـ" not in text
