"""A doc's tokens as plain lists (texts, spaces, which are written joined onto the token
before) and the small predicates over them that every NER rule asks: read once per doc,
because a spaCy ``Token`` object per look cost ~5 ms per article."""

from typing import NamedTuple

import numpy
from spacy.attrs import IDX, LENGTH, ORTH, SPACY
from spacy.tokens import Doc

from rasid.ner.gazetteer import token_keys

PROCLITIC_TOKENS = frozenset("وفبلكس")


class Layout(NamedTuple):
    """Token texts of a doc, whether each is followed by a space, and whether each is
    written joined onto the token before it ("و" + "روسيا" of "وروسيا")."""

    texts: list[str]
    spaces: list[bool]
    joined: list[bool]


def layout_of(doc: Doc) -> Layout:
    """The doc's :class:`Layout` from one array read: the NER component looks at every
    token several times, and a Python ``Token`` object per look cost ~5 ms per article."""
    if not len(doc):
        return Layout([], [], [])
    texts = list(map(doc.vocab.strings.__getitem__, doc.to_array(ORTH).tolist()))
    idx, length, space = doc.to_array([IDX, LENGTH, SPACY]).astype(numpy.int64).T
    spaces = (space != 0).tolist()
    # joined: no space after the previous token, and it ends where this one starts
    joined = [False] + ((space[:-1] == 0) & (idx[:-1] + length[:-1] == idx[1:])).tolist()
    return Layout(texts, spaces, joined)


def doc_keys(doc: Doc, layout: Layout | None = None) -> list[str]:
    """Gazetteer match keys of the doc's tokens (see :func:`rasid.ner.gazetteer.token_keys`)."""
    layout = layout or layout_of(doc)
    return token_keys(list(zip(layout.texts, layout.joined, strict=True)))


def starts_arabic(text: str) -> bool:
    """``text`` begins with an Arabic letter (hamza to ya), not a digit, Latin or mark."""
    return "\u0621" <= text[:1] <= "\u064a"


def free_word(layout: Layout, i: int, taken: set[int]) -> bool:
    """Token ``i`` is a whole Arabic word that no entity covers: no one-letter proclitic, not
    written onto the word before it, and no suffix written onto it after (punctuation may
    follow without a space)."""
    texts, joined = layout.texts, layout.joined
    return i < len(texts) and i not in taken and not joined[i] and starts_arabic(texts[i]) \
        and texts[i] not in PROCLITIC_TOKENS \
        and not (i + 1 < len(texts) and joined[i + 1] and starts_arabic(texts[i + 1]))


def rest_of_word(layout: Layout, i: int, taken: set[int]) -> bool:
    """Token ``i`` is the rest of a word after a one-letter proclitic the tokenizer cut off
    (:func:`free_word`'s test but for that): Arabic, covered by no entity, and no suffix
    written onto it after."""
    texts, joined = layout.texts, layout.joined
    return i < len(texts) and i not in taken and starts_arabic(texts[i]) \
        and not (i + 1 < len(texts) and joined[i + 1] and starts_arabic(texts[i + 1]))


def is_attached_proclitic(layout: Layout, i: int) -> bool:
    """Token ``i`` is a one-letter proclitic written onto the next token ("و" of "وروسيا")."""
    return (layout.texts[i] in PROCLITIC_TOKENS and i + 1 < len(layout.texts)
            and layout.joined[i + 1])


def is_punct(text: str) -> bool:
    return not any(ch.isalnum() for ch in text)


def untatweel(word: str) -> str:
    """The word the model reads: without tatweel ("فــي" → "في"). The elongation is only
    typography (press releases stretch every word), but it changes a word's prefix, suffix and
    shape features, so the model read stretched function words as foreign names ("فــي نقـل"
    PER). Spans map back by token index, so offsets stay those of the original text."""
    if "\u0640" not in word:
        return word
    return word.replace("\u0640", "") or word


def written_words(layout: Layout, start: int, count: int) -> list[tuple[str, int]]:
    """Up to ``count`` space-separated words from token ``start`` on, each as (its text, the
    token index after it): tokens written onto each other join again."""
    out: list[tuple[str, int]] = []
    i, n = start, len(layout.texts)
    while i < n and len(out) < count:
        j = i + 1
        while j < n and layout.joined[j] and starts_arabic(layout.texts[j]):
            j += 1
        out.append(("".join(layout.texts[i:j]), j))
        i = j
    return out
