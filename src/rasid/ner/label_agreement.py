"""One type per name in a document, where the article itself says which.

The model types each mention from a few words around it, so one article can call "الرس"
a city after "محافظة" and a person where it stands alone, or "أحرار الشام" an organisation
after "حركة" and a place after "إلى أن". An article rarely names two different things with
one name, so when a mention sits right after a word that announces its type
(resources/ner/type_cues.tsv: "محافظة", "حركة", "فريق"; a title such as "السيد" or
"الفنان" announces a person) and has that type, the other mentions of the same name take it
too. Without such a cue nothing changes: a bare majority
of the model's guesses is no evidence.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from spacy.tokens import Doc, Span

from rasid.ner.gazetteer import ATTACHED
from rasid.resources import read_table
from rasid.text import normalize_key

__all__ = ["agree_labels", "type_cues"]

_OPENING_QUOTES = frozenset('«"“\'')
# titles that also stand before other names: "الفريق" (a general, and "the team": "مدرب
# الفريق دوري أبطال آسيا"), "الحكم" (a referee, and "the rule")
_NO_PERSON_CUES = frozenset(normalize_key(w) for w in ("الفريق", "الحكم"))


@lru_cache(maxsize=1)
def type_cues() -> dict[str, str]:
    """Normalised cue word → the type it announces (resources/ner/type_cues.tsv)."""
    return {normalize_key(row[1]): row[0] for row in read_table("ner/type_cues.tsv")}


def _cue(doc: Doc, keys: list[str], start: int,
         is_title: Callable[[int], bool]) -> str | None:
    """The type announced by the word before token ``start`` (an opening quote skipped):
    type_cues.tsv, or PER after a title ("السيد", "الفنان"; ``is_title``)."""
    i = start - 1
    if i >= 0 and doc[i].text in _OPENING_QUOTES:
        i -= 1
    if i < 0:
        return None
    key = keys[i].lstrip(ATTACHED)
    cue = type_cues().get(key)
    return cue or ("PER" if is_title(i) and key not in _NO_PERSON_CUES else None)


def agree_labels(doc: Doc, keys: list[str], spans: list[Span],
                 is_title: Callable[[int], bool] = lambda _: False) -> list[Span]:
    """``spans`` with every mention of a name relabelled to the type a cue word gives one of
    its mentions, when the document typed that name more than one way. ``is_title`` says
    whether a token is a title before a person's name (resources/ner/titles.txt)."""
    by_name: dict[tuple[str, ...], list[int]] = {}
    for n, span in enumerate(spans):
        by_name.setdefault(tuple(k.lstrip(ATTACHED) for k in keys[span.start:span.end]),
                           []).append(n)
    relabel: dict[int, str] = {}
    for members in by_name.values():
        cues = {n: _cue(doc, keys, spans[n].start, is_title) for n in members}
        for n in members:
            if spans[n].label_ == "MISC" and cues[n] in ("ORG", "GPE"):
                # MISC is the model's guess for what it cannot place: after "شركة" the
                # name is a company's ("شركة «كريم»", the ride-hailing firm)
                relabel[n] = cues[n]
        labels = {relabel.get(n, spans[n].label_) for n in members}
        if len(labels) < 2:
            continue
        cued = {relabel.get(n, spans[n].label_) for n in members
                if cues[n] == relabel.get(n, spans[n].label_)}
        if len(cued) != 1:
            continue  # no cue, or cues for two types: the article may name two things
        label = cued.pop()
        relabel.update((n, label) for n in members if relabel.get(n, spans[n].label_) != label)
    if not relabel:
        return spans
    return [Span(doc, s.start, s.end, label=relabel[n]) if n in relabel else s
            for n, s in enumerate(spans)]
