"""One type per name in a document, where the article itself says which.

The model types each mention from a few words around it, so one article can call "الرس"
a city after "محافظة" and a person where it stands alone, or "أحرار الشام" an organisation
after "حركة" and a place after "إلى أن". An article rarely names two different things with
one name, so when a mention sits right after a word that announces its type
(resources/ner/type_cues.tsv: "محافظة", "حركة", "فريق"; a title such as "السيد" or
"الفنان" announces a person) and has that type, the other mentions of the same name take it
too. Without such a cue nothing changes: a bare majority of the model's guesses is no
evidence. Where the model's type is its weaker guess, the cue also overrides it: MISC after
"شركة" ("شركة «كريم»") or a person's name after "مصرف" ("مصرف «باركليز»") is a body, and
spreads; a place after "حزب" or a person after "مدينة" changes where it stands only.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from spacy.tokens import Doc, Span

from rasid.ner.gazetteer import ATTACHED, known_people, name_key
from rasid.ner.geo import gpe_names
from rasid.resources import read_table
from rasid.text import normalize_key

__all__ = ["CLOSING_QUOTES", "NO_OVERRIDE_CUES", "OPENING_QUOTES", "QUOTE_PAIRS", "agree_labels",
           "between_quotes", "type_cues"]

# quote marks around a name ("شركة «كريم»", "لـ"الرياض""), as rasid's tokens split them
OPENING_QUOTES = frozenset('«"“\'')
CLOSING_QUOTES = frozenset('»"”\'')
QUOTE_PAIRS = frozenset((('"', '"'), ("«", "»"), ("“", "”")))


def between_quotes(texts: list[str], start: int, end: int) -> bool:
    """Tokens ``start:end`` stand between a pair of quotation marks and nothing else."""
    return 0 < start and end < len(texts) and (texts[start - 1], texts[end]) in QUOTE_PAIRS


# titles that also stand before other names: "الفريق" (a general, and "the team": "مدرب
# الفريق دوري أبطال آسيا"), "الحكم" (a referee, and "the rule")
_NO_PERSON_CUES = frozenset(normalize_key(w) for w in ("الفريق", "الحكم"))
# cue words that override no type and name no quoted body: "تنظيم" is also "organising"
# ("تنظيم بطولة كأس أمم أوروبا"), "ولاية" also a term of office ("في ولاية فرانسوا هولاند")
NO_OVERRIDE_CUES = frozenset(normalize_key(w) for w in ("تنظيم", "ولاية"))
# body cues whose bodies are often named after a city
_NAMED_AFTER_PLACES = frozenset(normalize_key(w) for w in (
    "نادي", "فريق", "صحيفة", "جريدة", "مجلة"))


@lru_cache(maxsize=1)
def type_cues() -> dict[str, str]:
    """Normalised cue word → the type it announces (resources/ner/type_cues.tsv)."""
    return {normalize_key(row[1]): row[0] for row in read_table("ner/type_cues.tsv")}


@lru_cache(maxsize=1)
def _firm_cues() -> frozenset[str]:
    """Cue words after which a name that looks like a person's is a body's (third column
    "firm": "شركة", "صحيفة", "مؤسسة")."""
    return frozenset(normalize_key(row[1]) for row in read_table("ner/type_cues.tsv")
                     if len(row) > 2 and row[2].strip() == "firm")


def _cue(doc: Doc, keys: list[str], start: int,
         is_title: Callable[[int], bool]) -> tuple[str | None, str]:
    """The type announced by the word before token ``start`` (an opening quote skipped):
    type_cues.tsv, or PER after a title ("السيد", "الفنان"; ``is_title``); and that word."""
    i = start - 1
    if i >= 0 and doc[i].text in OPENING_QUOTES:
        i -= 1
    if i < 0:
        return None, ""
    key = keys[i].lstrip(ATTACHED)
    cue = type_cues().get(key)
    return cue or ("PER" if is_title(i) and key not in _NO_PERSON_CUES else None), key


def _override(cue: str | None, word: str, label: str, name: tuple[str, ...]) -> str:
    """Whether the cue's type wins over the model's ``label`` for this mention (see the
    header of type_cues.tsv): "seed" where it also spreads to the name's other mentions
    (MISC after a body or place cue, PER after a firm cue unless the knowledge base knows
    the person), "mention" where only this mention changes (GPE after a body cue, PER after
    a place cue: the same name may stand for the place or the person elsewhere), or ""."""
    if word in NO_OVERRIDE_CUES:
        return ""
    if cue == "ORG":
        if label == "GPE":
            # a known place stays one after a body cue, but a club or a paper takes a
            # city's name: "فريق روما", "جريدة «الرياض»"
            known = " ".join(name) in gpe_names()
            return "mention" if not known or word in _NAMED_AFTER_PLACES else ""
        if label == "MISC" or (label == "PER" and word in _firm_cues()
                               and name not in known_people()):
            return "seed"  # the firm's other mentions are the firm: "منصة «كلوب هاوس»"
        return ""
    if cue == "PER":
        # "السيد سكريبل", "الفنان رويشة": an unknown place after a title is a person
        return "seed" if label == "GPE" and " ".join(name) not in gpe_names() else ""
    if cue == "GPE" and label in ("MISC", "PER") and name not in known_people():
        # not LOC: "إقليم قناة السويس" keeps the canal
        return "seed" if label == "MISC" else "mention"
    return ""


def agree_labels(doc: Doc, keys: list[str], spans: list[Span],
                 is_title: Callable[[int], bool] = lambda _: False) -> list[Span]:
    """``spans`` with every mention of a name relabelled to the type a cue word gives one of
    its mentions, when the document typed that name more than one way. ``is_title`` says
    whether a token is a title before a person's name (resources/ner/titles.txt)."""
    by_name: dict[tuple[str, ...], list[int]] = {}
    for n, span in enumerate(spans):
        by_name.setdefault(name_key(keys, span.start, span.end), []).append(n)
    relabel: dict[int, str] = {}
    for name, members in by_name.items():
        cues = {n: _cue(doc, keys, spans[n].start, is_title) for n in members}
        seeds: dict[int, str] = {}
        for n in members:
            cue, word = cues[n]
            kind = _override(cue, word, spans[n].label_, name) if cue else ""
            if cue and kind:
                # after "شركة" the name is a company's ("شركة «كريم»", MISC; "مصرف
                # «باركليز»", PER), after "مدينة" a place's ("مدينة سونغ يوان", PER)
                relabel[n] = cue
                if kind == "seed":
                    seeds[n] = cue
        labels = {seeds.get(n, spans[n].label_) for n in members}
        if len(labels) < 2:
            continue
        cued = {seeds.get(n, spans[n].label_) for n in members
                if cues[n][0] == seeds.get(n, spans[n].label_)}
        if len(cued) != 1:
            continue  # no cue, or cues for two types: the article may name two things
        label = cued.pop()
        if label == "ORG" and " ".join(name) in gpe_names():
            continue  # "حزب فرنسا الأبية", "نادي نجران": the place stays a place elsewhere
        relabel.update((n, label) for n in members
                       if n not in relabel and spans[n].label_ != label)
    if not relabel:
        return spans
    return [Span(doc, s.start, s.end, label=relabel[n]) if n in relabel else s
            for n, s in enumerate(spans)]
