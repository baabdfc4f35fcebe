"""Spans that name nothing, dropped after every other rule: adjectives that are also
names, idioms, nouns of manner, common place nouns, Latin pieces, glosses and months."""

from functools import lru_cache

from spacy.tokens import Doc, Span

from rasid.ner.calendar_words import dated_months, is_month_mention, is_month_name, is_month_phrase
from rasid.ner.features import token_norm
from rasid.ner.gazetteer import ATTACHED
from rasid.ner.label_agreement import type_cues
from rasid.ner.layout import starts_arabic
from rasid.ner.lexicon import homograph_table, is_title, word_list
from rasid.ner.rules import stop_words
from rasid.resources import read_table
from rasid.text import normalize_key


def is_gloss(doc: Doc, start: int, end: int) -> bool:
    """The span is Latin-script only and alone inside parentheses."""
    if not all(t.text.isascii() for t in doc[start:end]):
        return False
    return (start > 0 and doc[start - 1].text == "(" and end < len(doc)
            and doc[end].text == ")")


_JOINERS = ".-_/@:"  # characters that join Latin pieces into one address or code


def inside_latin_word(doc: Doc, span: Span) -> bool:
    """The span is one Latin letter, or Latin-script and only a piece of a longer Latin
    string: "COM" of "COE.COM.SA", "C" of "Type-C", "Kepler" of "Kepler-452b". The model
    tagged such pieces MISC one by one on Saudi news; an entity never starts or ends inside
    a word."""
    if not span.text.isascii():
        return False
    if len(span.text) == 1:
        return True  # "H" of a satellite frequency list, "C" of "Type-C"
    text, a, b = doc.text, span.start_char, span.end_char

    def latin(ch: str) -> bool:
        return ch.isascii() and ch.isalnum()

    before = a > 0 and (latin(text[a - 1]) or (
        text[a - 1] in _JOINERS and a > 1 and latin(text[a - 2])))
    after = b < len(text) and (latin(text[b]) or (
        text[b] in _JOINERS and b + 1 < len(text) and latin(text[b + 1])))
    return before or after


def adjective_homographs(keys: list[str], spans: list[Span]) -> frozenset[int]:
    """Start tokens of one-word GPE spans that are ordinary words in this document: "نظام
    مالي" (financial), "مدرسة بنين" (boys); see resources/ner/adjective_homographs.tsv.

    Decided per document and word: the word is the country everywhere if one of its
    occurrences stands where only a name can ("مالي تعلن" opening a sentence or after
    punctuation, "بمالي", "لمالي", "في مالي", "شمال مالي"), else nowhere. After a noun it may
    be either ("إعادة بناء مالي" is Mali, "قطاع مالي" is financial), and after "و" too
    ("دعم سياسي ومالي"), so those occurrences decide nothing. A place of kind "cued"
    ("مشهد", Mashhad and "a scene") is a place only in an article that names it after a
    place cue of type_cues.tsv ("مدينة مشهد")."""
    homographs, keep, _, cued = homograph_table()
    candidates = homographs | cued

    def described(x: Span) -> bool:
        """A cued word the model ran on over indefinite words: "مشهد" + "دموي" (a bloody
        scene), never a city's longer name."""
        return keys[x.start].lstrip(ATTACHED) in cued and all(
            starts_arabic(k) and not k.startswith(("ال", ATTACHED)) for k in keys[x.start + 1:x.end])

    found = {x.start for x in spans if x.label_ == "GPE" and (len(x) == 1 or described(x))
             and keys[x.start].lstrip(ATTACHED) in candidates}
    if not found:
        return frozenset()
    words = {keys[i].lstrip(ATTACHED) for i in found}
    country = set()
    for i, key in enumerate(keys):
        word = key.lstrip(ATTACHED)
        if word not in words or word in country:
            continue
        prev = keys[i - 1].lstrip(ATTACHED) if i else ""
        if word in cued:
            if type_cues().get(prev) == "GPE":
                country.add(word)  # "مدينة مشهد" names the city; "في مشهد غير مألوف" not
            continue
        if prev == "_":
            continue  # "#دخل_مالي": a hashtag joins words, it opens no sentence
        if not prev or not starts_arabic(prev) or prev in keep or (
                key.startswith(ATTACHED) and prev in ("ب", "ل", "ك")):
            country.add(word)
    return frozenset(i for i in found if keys[i].lstrip(ATTACHED) not in country)


def accusative_nisba(keys: list[str], span: Span) -> bool:
    """The one-word GPE span is a nationality adjective in the accusative after a noun of
    resources/ner/nisba_nouns.txt: "دبلوماسيا" + "روسيا" (a Russian diplomat)."""
    if span.label_ != "GPE" or len(span) != 1 or not span.start \
            or not keys[span.start].endswith("يا"):
        return False
    noun = keys[span.start - 1].lstrip(ATTACHED)
    return noun.endswith("ا") and noun[:-1] in word_list("ner/nisba_nouns.txt")


def definite_adjective(doc: Doc, keys: list[str], span: Span) -> bool:
    """The one-word ORG or GPE span is the adjective agreeing with the definite noun before
    it: "القصف" + "الحوثي" (the Houthi shelling), "للانقلاب" + "الحوثي", where "ميليشيات
    الحوثي" names the group; "السلطات" + "السعودية" (the Saudi authorities), where "إلى
    السعودية" names the country. A title before it ("الرئيس") is left to the person rules;
    a time word ("أعلنت اليوم السعودية") and "العربية" (of "المملكة العربية السعودية") are
    no noun it describes."""
    if span.label_ not in ("ORG", "GPE") or len(span) != 1 or span.start < 2 \
            or keys[span.start] not in homograph_table().adjectives:
        return False
    i = span.start - 1
    prev = keys[i].lstrip(ATTACHED)
    # definite: "ال" + noun, or "ل" + a noun whose article it elided ("ل" + "لانقلاب")
    definite = prev.startswith("ال") or (
        prev.startswith("ل") and keys[i].startswith(ATTACHED) and keys[i - 1] == "ل")
    return definite and len(prev) > 3 and not is_title(doc, i) \
        and prev not in stop_words() and prev != "العربيه"


def is_nisba_plural(text: str) -> bool:
    norm = token_norm(text)
    return len(norm) > 5 and norm.endswith(("يون", "يين"))


@lru_cache(maxsize=1)
def _idioms() -> dict[str, tuple[tuple[str, str], ...]]:
    """resources/ner/idioms.tsv: name → (start of the next word, previous word) pairs that
    make it a phrase; an empty part matches any word."""
    out: dict[str, list[tuple[str, str]]] = {}
    for row in read_table("ner/idioms.tsv"):
        nxt, prev = (normalize_key(part) if part != "*" else "" for part in row[1:3])
        out.setdefault(normalize_key(row[0]), []).append((nxt, prev))
    return {name: tuple(pairs) for name, pairs in out.items()}


def in_idiom(keys: list[str], span: Span) -> bool:
    """The one-word span is inside a fixed phrase: it opens one ("مسقط" + "رأسه":
    birthplace) or follows a word that makes it an ordinary word ("عليه" + "ميتا": found
    dead, not the company)."""
    pairs = _idioms().get(keys[span.start].lstrip(ATTACHED)) if len(span) == 1 else None
    if not pairs:
        return False
    after = keys[span.end] if span.end < len(keys) else None
    before = keys[span.start - 1].lstrip(ATTACHED) if span.start else None
    return any((not nxt or (after is not None and after.startswith(nxt)))
               and (not prev or before == prev) for nxt, prev in pairs)


def manner_nouns(keys: list[str], spans: list[Span]) -> set[int]:
    """Start tokens of the one-word spans that are a noun of manner after "ب" written onto
    them ("اللعب بحماس", with zeal; resources/ner/manner_nouns.txt), where the document
    names the same word nowhere without that "ب" (then it is the name: "عضو بحماس")."""
    listed = word_list("ner/manner_nouns.txt")
    after_b: set[int] = set()
    named: set[str] = set()
    for span in spans:
        key = keys[span.start].lstrip(ATTACHED) if len(span) == 1 else ""
        if key not in listed:
            continue
        if span.start and keys[span.start].startswith(ATTACHED) \
                and keys[span.start - 1].lstrip(ATTACHED) == "ب":
            after_b.add(span.start)
        else:
            named.add(key)
    return {i for i in after_b if keys[i].lstrip(ATTACHED) not in named}


@lru_cache(maxsize=1)
def _common_place_nouns() -> dict[str, frozenset[str]]:
    """resources/ner/common_place_nouns.tsv: place name → the heads after which it is the
    common noun ("المدينة" after "شوارع")."""
    return {normalize_key(row[0]): frozenset(normalize_key(h) for h in row[1].split("|"))
            for row in read_table("ner/common_place_nouns.tsv")}


def common_place_noun(keys: list[str], span: Span) -> bool:
    """The one-word place span is the common noun, in construct after a head that locates
    something in it: "شوارع المدينة" (the city's streets), not Medina."""
    if len(span) != 1 or span.label_ not in ("GPE", "LOC") or span.start == 0:
        return False
    heads = _common_place_nouns().get(keys[span.start].lstrip(ATTACHED))
    return bool(heads) and keys[span.start - 1].lstrip(ATTACHED) in heads


def drop_months(texts: list[str], spans: list[Span]) -> list[Span]:
    """Without the spans that are only a month's name used as the month ("شهر رمضان", "يوم 6
    جوان"; :func:`rasid.ner.calendar_words.is_month_mention`), after propagation, which
    copies a model's "رمضان" PER onto every "رمضان" of the article, and without a month with
    the word that makes it one ("جوان القادم": PER 13 times in Tunisian news)."""
    months = [x for x in spans if len(x) <= 2 and is_month_name(texts, x.start, x.end)]
    drop = {(x.start, x.end) for x in spans
            if len(x) <= 3 and is_month_phrase(texts, x.start, x.end)}
    if months:
        dated = dated_months(texts)
        drop |= {(x.start, x.end) for x in months
                 if is_month_mention(texts, x.start, x.end, x.label_, dated)}
    return [x for x in spans if (x.start, x.end) not in drop] if drop else spans
