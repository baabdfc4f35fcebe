"""``rasid_ner``: named entities (PER ORG GPE LOC FAC WEAPON MISC) as ``doc.ents``.

Two sources, merged:

1. a statistical spaCy NER (CNN tok2vec + transition parser) trained by
   ``make train-ner`` (training/ner/) on ANERcorp + AQMAR over rasid's clitic-aware tokens,
   shipped in ``rasid/resources/models/ner/model`` (see its MODEL_CARD.md). Its LOC/GPE
   labels are refined by :func:`rasid.ner.geo.geo_label`;
2. the gazetteer ruler (:mod:`rasid.ner.gazetteer`) for WEAPON, FAC and high-value names
   (agencies, outlets, leaders) from data files in ``rasid/resources/ner/``.

Entity spans are token spans, and rasid's tokens split clitics off, so "لموسكو" yields the
entity "موسكو" and no span ever starts or ends inside a word's stem. The linker
(``rasid_link``) turns ``doc.ents`` into ``record.entities``.
"""

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy
from spacy.attrs import IDX, LENGTH, ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span

from rasid.errors import ModelError
from rasid.ner.acronyms import acronym_runs, is_letter_name
from rasid.ner.blas import single_threaded_blas, use_blas_ops
from rasid.ner.calendar_words import (
    dated_months,
    is_month_mention,
    is_month_name,
    is_month_phrase,
    is_number_words,
    is_regnal_ordinal,
)
from rasid.ner.embed_cache import CachedTok2Vec
from rasid.ner.features import TokenFeatures, packaged_classes, token_norm
from rasid.ner.gazetteer import (
    ATTACHED,
    Match,
    clitic_splits,
    find,
    first_keys,
    known_people,
    name_key,
    name_starts,
    pattern_key,
    patterns,
    token_keys,
)
from rasid.ner.geo import (
    country_names,
    geo_label,
    gpe_names,
    head_complements,
    is_place_head,
    loc_heads,
    loc_names,
)
from rasid.ner.label_agreement import (
    CLOSING_QUOTES,
    NO_OVERRIDE_CUES,
    OPENING_QUOTES,
    agree_labels,
    type_cues,
)
from rasid.ner.rules import (
    name_continuation,
    org_describers,
    org_heads,
    org_phrases,
    stop_words,
)
from rasid.pipeline.base import HOT_WORDS, keep_lexemes
from rasid.resources import read_table, resource_path
from rasid.runtime import WORD_CACHE_SIZE
from rasid.text import normalize, normalize_key, strip_marks, word_frequencies
from rasid.text.tokenize import pronoun_suffixes

__all__ = ["NerComponent", "LABELS", "load_model"]

LABELS = ("PER", "ORG", "GPE", "LOC", "FAC", "WEAPON", "MISC")
MODEL_RESOURCE = "models/ner/model"
_FIX = "run `make train-ner` (bash training/ner/train.sh) to build it"
_PROCLITIC_TOKENS = frozenset("وفبلكس")
_FIXED = frozenset(("WEAPON", "FAC"))
# the word before "الله"/"الدين" is a given name if inside a person this share of the time
# in raw news (_over_compound_name: "فخر" of "فخر الدين")
COMPOUND_FIRST_SHARE = 0.15
# a word seen this often in raw news, inside a person under this share of the time, makes
# no person alone (_never_person; resources/ner/person_share.tsv.gz)
NEVER_PERSON_MIN = 30
NEVER_PERSON_SHARE = 0.03
# an indefinite accusative noun after a name (_without_accusative_nouns): seen this often
# alone, with its stem this often after the article, in raw news (wordfreq.tsv.gz)
_ACCUSATIVE_SEEN = 15
_NOUN_SEEN = 50
_NAME_PART_SHARE = 0.3  # a word inside a person this often in raw news is a name's part
_RARE_WORD = 20  # a word raw news writes fewer times than this is no common Arabic word
# definite words of titles.txt that do not open a name the model missed: "the former",
# "the general" (also "the team": "الفريق احترف"), "the referee" (also "the rule")
_NOT_OPENING = frozenset(("السابق", "السابقه", "الفريق", "الحكم", "العام"))
_LISTED_NAME_SHARE = 0.1  # a name-list word inside persons less often than this is a word
CHUNK = 1000  # tokens per chunk (see NerComponent._chunks)
PIPE_BATCH = 2  # chunks per model call: bounds memory; two keep activations in cache (faster than 4 or 8)


def load_model(path: str | Path | None = None) -> Language:
    """Load the trained spaCy NER model (from the package unless ``path`` is given)."""
    import spacy

    import rasid.ner.features  # noqa: F401  (registers the model's tokenizer)

    if path is None:
        try:
            path = Path(str(resource_path(MODEL_RESOURCE)))
        except ModelError:
            raise ModelError(f"rasid/resources/{MODEL_RESOURCE}", "NER model missing",
                             _FIX) from None
    path = Path(path)
    if not (path / "config.cfg").is_file():
        raise ModelError(str(path), "NER model missing (no config.cfg)", _FIX)
    verify_manifest(path)
    try:
        model = spacy.load(path)
    except Exception as exc:  # corrupt or incompatible model files
        raise ModelError(str(path), f"NER model could not be loaded: {exc}", _FIX) from exc
    if "ner" not in model.pipe_names:
        raise ModelError(str(path), "model has no 'ner' component", _FIX)
    use_blas_ops(model)  # same entities, half the CPU (rasid.ner.blas)
    return model


def file_digests(path: Path) -> dict[str, str]:
    """sha256 of every file of a model directory except meta.json (which records them)."""
    return {f.relative_to(path).as_posix(): hashlib.sha256(f.read_bytes()).hexdigest()
            for f in sorted(path.rglob("*")) if f.is_file() and f.name != "meta.json"}


def verify_manifest(path: Path) -> None:
    """Check the model's files against the sha256 manifest in meta.json ("rasid_files").

    spaCy loads damaged weights silently or fails with messages that do not name the file;
    the manifest names exactly which file is missing or damaged. Models without a manifest
    (your own training runs before finalize.py) are loaded unchecked.
    """
    meta_path = path / "meta.json"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(str(meta_path), "NER model file missing", _FIX) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise ModelError(str(meta_path), f"NER model file damaged ({exc})", _FIX) from None
    expected = meta.get("rasid_files") if isinstance(meta, dict) else None
    if not expected:
        return
    for rel, digest in expected.items():
        f = path / rel
        if not f.is_file():
            raise ModelError(str(f), "NER model file missing", _FIX)
        if hashlib.sha256(f.read_bytes()).hexdigest() != digest:
            raise ModelError(str(f), "NER model file damaged (checksum mismatch)", _FIX)


class _Layout(NamedTuple):
    """Token texts of a doc, whether each is followed by a space, and whether each is
    written joined onto the token before it ("و" + "روسيا" of "وروسيا")."""

    texts: list[str]
    spaces: list[bool]
    joined: list[bool]


class _Homographs(NamedTuple):
    """ner/adjective_homographs.tsv by kind."""

    homographs: frozenset[str]  # country names that are also adjectives ("مالي")
    keep: frozenset[str]  # words after which such a name is the country ("رئيس مالي")
    adjectives: frozenset[str]  # organisations' names that are also adjectives ("الحوثي")
    cued: frozenset[str]  # places that are common nouns unless a place cue names one ("مشهد")


def _layout(doc: Doc) -> _Layout:
    """The doc's :class:`_Layout` from one array read: the NER component looks at every
    token several times, and a Python ``Token`` object per look cost ~5 ms per article."""
    if not len(doc):
        return _Layout([], [], [])
    texts = list(map(doc.vocab.strings.__getitem__, doc.to_array(ORTH).tolist()))
    idx, length, space = doc.to_array([IDX, LENGTH, SPACY]).astype(numpy.int64).T
    spaces = (space != 0).tolist()
    # joined: no space after the previous token, and it ends where this one starts
    joined = [False] + ((space[:-1] == 0) & (idx[:-1] + length[:-1] == idx[1:])).tolist()
    return _Layout(texts, spaces, joined)


def doc_keys(doc: Doc, layout: _Layout | None = None) -> list[str]:
    """Gazetteer match keys of the doc's tokens (see :func:`rasid.ner.gazetteer.token_keys`)."""
    layout = layout or _layout(doc)
    return token_keys(list(zip(layout.texts, layout.joined, strict=True)))


@lru_cache(maxsize=1)
def _non_entities() -> tuple[frozenset[str], frozenset[str]]:
    """ner/not_entities.txt: (normalised keys, exact written forms: the lines with "=")."""
    rows = [r[0] for r in read_table("ner/not_entities.txt")]
    return (frozenset(normalize_key(w) for w in rows if not w.startswith("=")),
            frozenset(strip_marks(w[1:]) for w in rows if w.startswith("=")))


def _non_entity(text: str) -> bool:
    key = normalize_key(text)
    keys = [key, "ا" + key] if key.startswith("ل") else [key]  # "ل" + "لدولار" of "للدولار"
    words, _ = _non_entities()
    return _written_non_entity(text) or any(
        k in words or (k.startswith("ال") and k[2:] in words) for k in keys)


def _written_non_entity(text: str) -> bool:
    """``text``, as written, is a word that is never an entity although its normalised form
    may be a name ("على", "on", folds to "علي", "Ali"). Checked on the model's spans (so they
    seed no propagation) and again on every final span (gazetteer and propagated ones)."""
    return strip_marks(text) in _non_entities()[1]


_NO_INNER_CLITIC = frozenset(("PER", "GPE", "LOC"))
# prepositions written apart that never open a name ("على" is left out: news also writes
# "علي", Ali, that way: "المخلوع على عبدالله صالح")
_LEADING_PREPOSITIONS = frozenset(("في", "من", "إلى", "الى", "عن", "مع"))


@lru_cache(maxsize=32)
def _word_list(relative: str) -> frozenset[str]:
    """A word list of resources/ (its first column) as normalised keys: "ner/kinship.txt"
    ("نجل", "أرملة"), "ner/name_openers.txt", "ner/royal_titles.txt"..."""
    return frozenset(normalize_key(r[0]) for r in read_table(relative))


@lru_cache(maxsize=1)
def _share_rows() -> list[list[str]]:
    return list(read_table("ner/person_share.tsv.gz"))


@lru_cache(maxsize=1)
def person_share() -> dict[str, tuple[int, int]]:
    """Normalised word → (occurrences inside a PER entity, occurrences) in raw news, counted
    by this component (resources/ner/person_share.tsv.gz, training/ner/person_share.py)."""
    return {row[0]: (int(row[1]), int(row[2])) for row in _share_rows()}


@lru_cache(maxsize=1)
def entity_share() -> dict[str, tuple[int, int]]:
    """Normalised word → (occurrences inside any entity, occurrences) in raw news (the same
    table's fourth column)."""
    return {row[0]: (int(row[3]), int(row[2])) for row in _share_rows() if len(row) > 3}


@lru_cache(maxsize=1)
def _name_enders() -> frozenset[str]:
    """Words that end a person's name wherever they follow its first word: kinship nouns
    (kinship.txt) and role nouns that are no family names (name_enders.txt)."""
    return _word_list("ner/kinship.txt") | _word_list("ner/name_enders.txt")


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    """ner/titles.txt and the kinship nouns: words that stand before a name, outside it."""
    return _word_list("ner/titles.txt") | _word_list("ner/kinship.txt")


def _is_title(doc: Doc, i: int) -> bool:
    """Token ``i`` is a title or role word ("العقيد"), also after "ل" ("لفقيد")."""
    norm = token_norm(doc[i].text)
    if norm in _titles():
        return True
    return (i > 0 and doc[i - 1].text == "ل" and norm.startswith("ل")
            and "ا" + norm in _titles())


def _is_gloss(doc: Doc, start: int, end: int) -> bool:
    """The span is Latin-script only and alone inside parentheses."""
    if not all(t.text.isascii() for t in doc[start:end]):
        return False
    return (start > 0 and doc[start - 1].text == "(" and end < len(doc)
            and doc[end].text == ")")


_JOINERS = ".-_/@:"  # characters that join Latin pieces into one address or code


def _inside_latin_word(doc: Doc, span: Span) -> bool:
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


def _starts_arabic(text: str) -> bool:
    """``text`` begins with an Arabic letter (hamza to ya), not a digit, Latin or mark."""
    return "\u0621" <= text[:1] <= "\u064a"


def _words_by_kind(relative: str, kind_first: bool = False) -> dict[str, frozenset[str]]:
    """A two-column table of resources/ (word, kind; or kind, word with ``kind_first``) as
    normalised keys by kind."""
    by_kind: dict[str, set[str]] = {}
    for row in read_table(relative):
        kind, word = (row[0], row[1]) if kind_first else (row[1], row[0])
        by_kind.setdefault(kind, set()).add(normalize_key(word))
    return {kind: frozenset(words) for kind, words in by_kind.items()}


@lru_cache(maxsize=1)
def _homograph_table() -> _Homographs:
    """ner/adjective_homographs.tsv as normalised keys; the keep words include
    resources/ner/loc_heads.txt ("شمال مالي")."""
    by_kind = _words_by_kind("ner/adjective_homographs.tsv")
    empty: frozenset[str] = frozenset()
    return _Homographs(by_kind.get("homograph", empty),
                       by_kind.get("keep", empty) | loc_heads(),
                       by_kind.get("adjective", empty), by_kind.get("cued", empty))


def _adjective_homographs(keys: list[str], spans: list[Span]) -> frozenset[int]:
    """Start tokens of one-word GPE spans that are ordinary words in this document: "نظام
    مالي" (financial), "مدرسة بنين" (boys); see resources/ner/adjective_homographs.tsv.

    Decided per document and word: the word is the country everywhere if one of its
    occurrences stands where only a name can ("مالي تعلن" opening a sentence or after
    punctuation, "بمالي", "لمالي", "في مالي", "شمال مالي"), else nowhere. After a noun it may
    be either ("إعادة بناء مالي" is Mali, "قطاع مالي" is financial), and after "و" too
    ("دعم سياسي ومالي"), so those occurrences decide nothing. A place of kind "cued"
    ("مشهد", Mashhad and "a scene") is a place only in an article that names it after a
    place cue of type_cues.tsv ("مدينة مشهد")."""
    homographs, keep, _, cued = _homograph_table()
    candidates = homographs | cued
    found = {x.start for x in spans if x.label_ == "GPE" and len(x) == 1
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
        if not prev or not _starts_arabic(prev) or prev in keep or (
                key.startswith(ATTACHED) and prev in ("ب", "ل", "ك")):
            country.add(word)
    return frozenset(i for i in found if keys[i].lstrip(ATTACHED) not in country)


def _accusative_nisba(keys: list[str], span: Span) -> bool:
    """The one-word GPE span is a nationality adjective in the accusative after a noun of
    resources/ner/nisba_nouns.txt: "دبلوماسيا" + "روسيا" (a Russian diplomat)."""
    if span.label_ != "GPE" or len(span) != 1 or not span.start \
            or not keys[span.start].endswith("يا"):
        return False
    noun = keys[span.start - 1].lstrip(ATTACHED)
    return noun.endswith("ا") and noun[:-1] in _word_list("ner/nisba_nouns.txt")


def _definite_adjective(doc: Doc, keys: list[str], span: Span) -> bool:
    """The one-word ORG or GPE span is the adjective agreeing with the definite noun before
    it: "القصف" + "الحوثي" (the Houthi shelling), "للانقلاب" + "الحوثي", where "ميليشيات
    الحوثي" names the group; "السلطات" + "السعودية" (the Saudi authorities), where "إلى
    السعودية" names the country. A title before it ("الرئيس") is left to the person rules;
    a time word ("أعلنت اليوم السعودية") and "العربية" (of "المملكة العربية السعودية") are
    no noun it describes."""
    if span.label_ not in ("ORG", "GPE") or len(span) != 1 or span.start < 2 \
            or keys[span.start] not in _homograph_table().adjectives:
        return False
    i = span.start - 1
    prev = keys[i].lstrip(ATTACHED)
    # definite: "ال" + noun, or "ل" + a noun whose article it elided ("ل" + "لانقلاب")
    definite = prev.startswith("ال") or (
        prev.startswith("ل") and keys[i].startswith(ATTACHED) and keys[i - 1] == "ل")
    return definite and len(prev) > 3 and not _is_title(doc, i) \
        and prev not in stop_words() and prev != "العربيه"


def _is_nisba_plural(text: str) -> bool:
    norm = token_norm(text)
    return len(norm) > 5 and norm.endswith(("يون", "يين"))


def _free_word(layout: _Layout, i: int, taken: set[int]) -> bool:
    """Token ``i`` is a whole Arabic word that no entity covers: no one-letter proclitic, not
    written onto the word before it, and no suffix written onto it after (punctuation may
    follow without a space)."""
    texts, joined = layout.texts, layout.joined
    return i < len(texts) and i not in taken and not joined[i] and _starts_arabic(texts[i]) \
        and texts[i] not in _PROCLITIC_TOKENS \
        and not (i + 1 < len(texts) and joined[i + 1] and _starts_arabic(texts[i + 1]))


def _is_attached_proclitic(layout: _Layout, i: int) -> bool:
    """Token ``i`` is a one-letter proclitic written onto the next token ("و" of "وروسيا")."""
    return (layout.texts[i] in _PROCLITIC_TOKENS and i + 1 < len(layout.texts)
            and layout.joined[i + 1])


def _possessed_head(layout: _Layout, start: int, end: int) -> bool:
    """The span is an organisation head noun with a pronoun written onto it ("حزب" + "ه",
    his party; "مجلس" + "هم", their council): a possessed common noun, no name. Only head
    nouns: the tokenizer also cuts "ه" or "نا" off foreign names and letter names ("إي" +
    "ه" of "سي آي إيه", "هيلي" + "نا")."""
    return (end - start == 2 and layout.joined[start + 1]
            and layout.texts[start + 1] in pronoun_suffixes()
            and token_norm(layout.texts[start]) in org_heads())


def _before_pronoun(layout: _Layout, start: int, end: int, label: str) -> int:
    """Where a span followed by a pronoun written onto its last word really ends. A letter
    name's "ه" or "نا" is the tokenizer's cut of a foreign name's ending ("دونالد جي" + "ه",
    "سي آي إي" + "ه", "ستيفانو بي" + "نا"), which joins the name. Otherwise an organisation
    or a place takes no possessive pronoun, so that word is a common noun and leaves the
    span ("حماس" + "ه", his zeal; "قطر" + "ها", its diameter). A person's name takes no
    pronoun either, but the tokenizer cuts the same endings off foreign names: a person's
    span of two words or more takes the ending back ("ساديو ماني" + "ه", "ريك فرانكو" +
    "نا", "محمد حميد" + "ه"); one word is left as it is ("ماري" + "نا" of "مارينا", but
    also "عمر" + "ها", her age), and a work's title (MISC) may hold a pronoun ("أولاد
    حارتنا")."""
    if end >= len(layout.texts) or not layout.joined[end] \
            or layout.texts[end] not in pronoun_suffixes():
        return end
    if is_letter_name(layout.texts[end - 1]) or (label == "PER" and end - start > 1):
        return end + 1
    return end - 1 if label in ("ORG", "GPE", "LOC") else end


def _trailing_country(doc: Doc, start: int, end: int) -> int | None:
    """Where a country's name (one to three tokens) ends the span ``start:end`` after at
    least one other token, the index it begins at; else None."""
    for n in (3, 2, 1):
        cut = end - n
        if cut > start and normalize_key(doc[cut:end].text) in country_names():
            return cut
    return None


def _leading_place(doc: Doc, start: int, end: int, classes: dict[str, str]) -> int | None:
    """Where a person's span that opens with a place's whole name (one or two tokens of the
    place lists) goes on with a given name of the lists, the index that name begins at:
    "سليانة" + "علي سعيد" (after "والي", the governor of Siliana). A family name after the
    place ("بغداد بونجاح", a footballer named Baghdad) keeps the span whole."""
    for n in (2, 1):
        cut = start + n
        if cut < end and normalize_key(doc[start:cut].text) in gpe_names() \
                and "FIRST" in classes.get(token_norm(doc[cut].text), ""):
            return cut
    return None


def _act_of_country(doc: Doc, start: int, end: int) -> bool:
    """The span is a verbal noun of resources/ner/action_nouns.txt and a country's whole
    name: the country's act ("تنظيم قطر", Qatar's organising), not a group."""
    return (end - start > 1 and token_norm(doc[start].text) in _word_list("ner/action_nouns.txt")
            and normalize_key(doc[start + 1:end].text) in country_names())


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _proclitic_cut(text: str) -> int | None:
    """Characters of ``text`` (a whole Arabic word the tokenizer kept) to split off as
    proclitics before a known name's first word, or None (:func:`clitic_splits`). Cached:
    news repeats its words, and every token of every document is asked."""
    if not _starts_arabic(text):
        return None
    norm = normalize(text)
    if norm.text != token_norm(text):
        return None  # case-folding changed the length: not an Arabic word
    n = clitic_splits(norm.text)
    return norm.span_to_original(0, n)[1] if n else None


# words that join the parts of an Arabic name and never end one: "بن" (son of), "آل"
# (family of), "أبو" (father of), "عبد" (servant of)
_NAME_LINKS = frozenset(("بن", "ابن", "بنت", "ال", "ابو", "عبد"))


def _past_name_link(layout: _Layout, start: int, end: int) -> int:
    """Where a span that ends in a name link ("جامعة ابن" of "جامعة ابن زهر", "محمد بن راشد
    آل" of "... آل مكتوم") really ends: one word further, if that word is written apart and
    begins with an Arabic letter. The model stopped there on real news and on ANERcorp."""
    texts = layout.texts
    if end - start < 2 or end >= len(texts) or token_norm(texts[end - 1]) not in _NAME_LINKS:
        return end
    nxt = texts[end]
    if _starts_arabic(nxt) and nxt not in _PROCLITIC_TOKENS and not layout.joined[end]:
        return end + 1
    return end


# second parts of compound given names, which never begin a person's name: "فتح الله",
# "نور الدين", "عبد الرحمن"
_SECOND_PARTS = frozenset(("الله", "الدين", "الرحمن"))
# parts of Arabic names that are never a family name on their own (_propagate)
_NAME_PARTS = _NAME_LINKS | _SECOND_PARTS


def _before_name_second_part(layout: _Layout, start: int, end: int) -> int:
    """Where a person's span that begins with the second part of a compound name ("الله
    غولن" of "فتح الله غولن", 12 times on 1,000 real articles) really begins: one word
    earlier, if that word is written apart and begins with an Arabic letter."""
    texts = layout.texts
    if end - start < 2 or not start or token_norm(texts[start]) not in _SECOND_PARTS:
        return start
    prev = texts[start - 1]
    if _starts_arabic(prev) and prev not in _PROCLITIC_TOKENS and not layout.joined[start]:
        return start - 1  # "و" + "نور" + "الدين": the conjunction stays outside
    return start


def _before_lineage(doc: Doc, layout: _Layout, start: int, end: int,
                    classes: dict[str, str]) -> int:
    """Where a person's span that begins with "بن"/"ابن"/"بنت" or the family's "آل" really
    begins: one word earlier when that word follows a title ("الأمير" + "سلطان" + "بن
    فهد"), or before "آل" when it is a known first name (FIRST class: "تركي" + "آل الشيخ",
    which the model read as "Turkish"). "بن سلمان" alone stays a name: news calls people by
    their lineage, and "بيان بن دغر" is Bin Daghr's statement ("بيان" is also a given
    name)."""
    if end - start < 2 or start < 1:
        return start
    link = token_norm(layout.texts[start])
    if link not in _LINEAGE:
        return start
    prev = layout.texts[start - 1]
    if not _starts_arabic(prev) or prev.startswith("ال") or prev in _PROCLITIC_TOKENS \
            or layout.joined[start] or layout.joined[start - 1] \
            or token_norm(prev) in stop_words():
        return start
    titled = start > 1 and _is_title(doc, start - 2)
    given = link == "ال" and "FIRST" in classes.get(token_norm(prev), "")
    return start - 1 if given or titled else start


def _lineage_tail(doc: Doc, layout: _Layout, spans: list[Span]) -> list[Span]:
    """A person's span that stops before "بن"/"بنت" + a name takes the lineage in, and the
    family's "آل" + name after it: the gazetteer lists "الملك سلمان", Saudi news writes
    "الملك سلمان بن عبدالعزيز آل سعود", and the listed name (longer on the left) had won
    over the model's "سلمان بن عبدالعزيز". A span so extended leaves out the title it
    opened with, as every person's span does. "ابن" is also the noun "son" ("ابن عم",
    cousin), so only "بن"/"بنت" extend. Another entity in the way stops the extension
    unless it is a person's span inside it ("بن عبدالعزيز" found alone)."""
    texts, joined = layout.texts, layout.joined
    n = len(texts)

    def name_word(i: int) -> bool:
        return i < n and not joined[i] and _starts_arabic(texts[i]) \
            and token_norm(texts[i]) not in stop_words() and not _is_title(doc, i)

    out: list[Span] = []
    i = 0
    while i < len(spans):
        span = spans[i]
        i += 1
        if span.label_ != "PER":
            out.append(span)
            continue
        end = span.end
        while end < n and token_norm(texts[end]) in _EXTENDING_LINKS and not joined[end] \
                and name_word(end + 1):
            end += 2
            if token_norm(texts[end - 1]) == "عبد" and name_word(end):
                end += 1  # "بن عبد العزيز"
        if end > span.end and end + 1 < n and token_norm(texts[end]) == "ال" \
                and not joined[end] and name_word(end + 1):
            end += 2  # "آل سعود"
        if end == span.end:
            out.append(span)
            continue
        inside = []
        while i < len(spans) and spans[i].start < end:
            inside.append(spans[i])
            i += 1
        if any(x.label_ != "PER" or x.end > end for x in inside):
            out.append(span)
            out.extend(inside)
            continue
        start = span.start
        while start < end - 1 and _is_title(doc, start):
            start += 1
        out.append(Span(doc, start, end, label="PER"))
    return out


def _person_list(doc: Doc, layout: _Layout, start: int, end: int,
                 classes: dict[str, str]) -> list[tuple[int, int]]:
    """The people of a person span that runs several names together, as team sheets and
    lists of officials write them without "و" ("مراد الخضراوي عدنان هلالي", "يوسف الشاهد
    زياد العذاري"): a new name begins at a known first name (FIRST class) written right
    after a definite family name. "فريد الدين مسعود", "حسين الحاج حسن" (a title inside the
    name) and "أبو الوليد محمد" (a name link before it) are one person. A first piece that
    opens with a definite word or a title ("المطور العقاري" + "إبراهيم السبيعي") is a role,
    no person, and is left out. Empty when the span is one person."""
    texts = layout.texts
    cuts = [i for i in range(start + 2, end)
            if "FIRST" in classes.get(token_norm(texts[i]), "")
            and not texts[i].startswith("ال") and not layout.joined[i]
            and texts[i - 1].startswith("ال") and not _is_title(doc, i - 1)
            and token_norm(texts[i - 1]) not in _INSIDE_ONE_NAME
            and token_norm(texts[i - 2]) not in _NAME_LINKS]
    if not cuts:
        return []
    bounds = [start, *cuts, end]
    pieces = list(zip(bounds, bounds[1:], strict=False))
    if texts[start].startswith("ال") or _is_title(doc, start):
        pieces = pieces[1:]  # "المطور العقاري": a role, not a name
    return pieces


# "الحاج" inside a person's name ("حسين الحاج حسن"), where it is no title of titles.txt to
# trim but part of how the man is called ("الشيخ", "السيد" are titles.txt words)
_IN_NAME_TITLES = frozenset(("الحاج",))
# definite words after which a first name goes on the same person's name
_INSIDE_ONE_NAME = _SECOND_PARTS | _IN_NAME_TITLES

# the name links that open a lineage or a family ("ال" is "آل"), not a kunya or "عبد"
_LINEAGE = _NAME_LINKS - {"ابو", "عبد"}
# the lineage links that carry a person's span on over the father's name (_lineage_tail):
# not "ابن", also the noun "son" ("ابن عم"), nor "آل", which only closes a lineage
_EXTENDING_LINKS = _LINEAGE - {"ابن", "ال"}


def _after_name_opener(layout: _Layout, start: int) -> int:
    """Where a person's span that follows a word opening Moroccan names ("مولاي" + "حفيظ")
    really begins: at that word, which belongs to the name (name_openers.txt)."""
    if start and not layout.joined[start] \
            and token_norm(layout.texts[start - 1]) in _word_list("ner/name_openers.txt"):
        return start - 1
    return start


def _title_before_name(doc: Doc, i: int) -> bool:
    """Token ``i`` is a title that opens the next person's name ("السيناتور" + "تشاك"): a
    title of titles.txt followed by an indefinite word that can be a name. A title an
    organisation is named after (eponym_titles.txt) right after its head noun belongs to the
    name ("جامعة القاضي عياض"); later in the span it opens the next person's name ("نادي
    الهلال الأمير" + "سلطان"). "شبكة الجزيرة الإعلامية" ends in an adjective that is also
    a title, and keeps it."""
    if i + 1 >= len(doc) or not _is_title(doc, i) \
            or (i > 0 and token_norm(doc[i - 1].text) in _NAME_LINKS):
        return False  # "آل" + "الشيخ": a family's name
    before = token_norm(doc[i - 1].text).lstrip(ATTACHED) if i > 0 else ""
    if normalize_key(doc[i].text) in _word_list("ner/eponym_titles.txt") \
            and before in org_heads():
        return False
    if before in _CLUB_HEADS:
        return False  # "نادي النجمة": a club named by a word that is also a title
    nxt = doc[i + 1].text
    # a word with tanween ("مؤخراً", lately) is an adverb, no name
    return _starts_arabic(nxt) and not nxt.startswith("ال") and not _non_entity(nxt) \
        and not nxt.endswith("\u064b")


def _before_title(doc: Doc, keys: list[str], start: int, end: int) -> int:
    """Where a rule-built organisation name (head-noun or eponym rule) over ``start:end``
    ends: before a title opening the next person's name ("السيناتور" + "تشاك"; "مركز الملك
    سلمان للإغاثة والأعمال الإنسانية الدكتور" + "عبدالله الربيعة"), and not on "و" when the
    title was written onto it ("و" + "المخرج")."""
    cut = next((i for i in range(start + 1, end) if _title_before_name(doc, i)), end)
    if cut < end and cut < len(keys) and keys[cut].startswith(ATTACHED):
        cut -= 1
    return cut


def _org_end(doc: Doc, layout: _Layout, start: int, end: int) -> int:
    """Where an organisation's span really ends: before a title that opens the next person's
    name ("مجلس الشيوخ السيناتور" + "تشاك شومر"), before "ب" + a place written onto it
    ("معهد بمنوبة": the institute in Manouba; rasid's gold keeps the organisation and its
    place apart, as in "محكمة الاستئناف في باريس"), before "ل" + a word of org_stop.txt
    ("للعام", for the year), and before a describing participle
    (resources/ner/org_describers.txt: "التابعة", "الموالية")."""
    while end - 1 > start and _title_before_name(doc, end - 1):
        end -= 1
    for i in range(start + 1, end - 1):
        if layout.texts[i] == "ب" and layout.joined[i + 1] \
                and normalize_key(doc[i + 1:end].text) in gpe_names():
            end = i
            break
    for i in range(start + 1, end - 1):
        if layout.texts[i] == "ل" and layout.joined[i + 1] \
                and "ا" + token_norm(layout.texts[i + 1]) in stop_words():
            end = i  # "وزارة الشؤون البلدية والقروية" + "للعام الحالي" (for the year)
            break
    while end - 1 > start and _is_attached_proclitic(layout, end - 1):
        end -= 1  # "شركة الإنتاج و" + "المخرج ..."
    # "صحيفة الوطن" + "الموالية للحكومة": a describing participle ends the name
    return next((i for i in range(start + 1, end)
                 if token_norm(layout.texts[i]) in org_describers()), end)


def _without_leading_nisba(doc: Doc, layout: _Layout, spans: list[Span],
                           is_nisba: Callable[[str], bool]) -> list[Span]:
    """Persons' spans without a nationality adjective before the name: "الكاميروني" +
    "صامويل إيتو", "لـ" + "البرازيلي" + "فريد" (written "للبرازيلي", so the token is
    "لبرازيلي"). The adjective describes the person, as rasid's gold leaves it outside,
    and the linker reads it as the state where it stands for one. Such an adjective alone
    ("البوسني", the Bosnian, for the player) is no name either, unless the article gave it
    as a person's family name ("خليل المصري" ... "المصري")."""
    def definite_nisba(i: int) -> bool:
        text = layout.texts[i]
        definite = text if text.startswith("ال") else "ا" + text if text.startswith("ل") else ""
        return bool(definite) and is_nisba(definite)  # "تركي" is also a given name (Turki)

    families = {token_norm(layout.texts[s.end - 1]) for s in spans
                if s.label_ == "PER" and len(s) > 1}
    out = []
    for span in spans:
        if span.label_ != "PER" or not definite_nisba(span.start):
            out.append(span)
        elif len(span) > 1:
            out.append(Span(doc, span.start + 1, span.end, label="PER"))
        elif token_norm(layout.texts[span.start]) in families:
            out.append(span)
    return out


def _complete_place(layout: _Layout, start: int, end: int) -> int:
    """Where a place's span that ends in a head noun (resources/ner/loc_heads.txt) really
    ends: over the word its indefinite head needs ("شبه جزيرة" + "القرم"), or a nisba after
    its definite head ("شبه الجزيرة" + "الكورية"). On 1,000 real articles the model stopped
    at the head 35 times."""
    texts = layout.texts
    if end >= len(texts) or layout.joined[end] or texts[end] in _PROCLITIC_TOKENS \
            or not _starts_arabic(texts[end]) or not is_place_head(texts[end - 1]):
        return end
    head, nxt = texts[end - 1], texts[end]
    if token_norm(nxt) in stop_words():
        return end  # "الخليج التي": a relative pronoun is no nisba
    if not head.startswith("ال"):
        return end + 1
    if nxt.startswith("ال") and nxt.endswith(("ية", "يه", "ي")):
        return end + 1
    return end


# a name goes on over one of these after its opening noun ("حمام" + "بنت" + "الجديدي"): the
# links of persons' names, and those of places' ("بني ملال", "أولاد تايمة", "أم القيوين")
_OPENER_LINKS = _NAME_LINKS | frozenset(normalize_key(w) for w in ("أم", "بني", "أولاد"))


# a verb in the imperfect opens with one of these (_without_trailing_verbs)
_IMPERFECT_PREFIXES = frozenset("يت")


# "ديوان" is an office ("الديوان الملكي") and a poet's collected poems ("ديوان قيس بن
# الملوّح"): a person's span that opens with it is the poet's, not a body
_POETRY_HEADS = frozenset((normalize_key("ديوان"),))


def _opened_name(layout: _Layout, start: int, end: int, openers: frozenset[str],
                 is_nisba: Callable[[str], bool]) -> int | None:
    """Where a span that is only a noun opening a name really ends: over the word after it
    ("باب" + "الزوار", "نادي" + "النجمة"), and one more after a linking word ("حمام" + "بنت"
    + "الجديدي"). None where no name follows ("كفر" + "بالاقتصاد", he disbelieved; "نادي" +
    "إنجليزي", an English club): the noun alone names nothing."""
    texts = layout.texts
    if end - start != 1 or token_norm(texts[start]) not in openers:
        return end

    def word_at(i: int) -> bool:
        return i < len(texts) and not layout.joined[i] and len(texts[i]) > 1 \
            and _starts_arabic(texts[i]) and texts[i] not in _PROCLITIC_TOKENS \
            and token_norm(texts[i]) not in stop_words() \
            and texts[i] not in _LEADING_PREPOSITIONS and not is_nisba(texts[i])
    if not word_at(end):
        return None
    link = token_norm(texts[end]) in _OPENER_LINKS
    end = _written_words(layout, end, 1)[0][1]  # the whole written word ("أبها": "أب" + "ها")
    if link and word_at(end):
        end = _written_words(layout, end, 1)[0][1]
    return end


def _ran_past_name(doc: Doc, i: int) -> bool:
    """The model's organisation span went on past a whole name of the gazetteer into the
    sentence at token ``i``: a noun or participle ("منظمة العفو الدولية" + "الشركات",
    "صندوق النقد الدولي" + "البالغة", "الأمم المتحدة" + "موسكو"; about 20 spans on 500 real
    articles). An adjective in ي/ية ("حزب العمال" + "الكردستاني", "بي بي سي" + "عربي"), a
    field ("ل") or a conjunction written onto the next word may continue another body's
    name, and stay."""
    word = strip_marks(doc[i].text)
    return bool(word) and word[0].isalpha() and word not in _PROCLITIC_TOKENS \
        and not word.endswith(("ي", "ية", "يه", "ى")) and not word.isdigit()


def _country_list(texts: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of a place span that is two or more known places' names side by side, a
    list written without "و" ("فرنسا بريطانيا أمريكا كندا"); empty when it is one name
    ("الإمارات العربية المتحدة", "غينيا بيساو": the longest known name is taken first) or
    holds any other word."""
    names, pieces, i = gpe_names(), [], start
    while i < end:
        j = next((j for j in range(end, i, -1)
                  if normalize_key(" ".join(texts[i:j])) in names), None)
        if j is None:
            return []
        pieces.append((i, j))
        i = j
    return pieces if len(pieces) > 1 else []


def _missing_complement(texts: list[str], start: int, end: int) -> bool:
    """The span opens with a head that names a place only before certain words ("شبه" +
    "جزيرة"; loc_heads.txt's second column) and another word, or none, follows it."""
    needed = head_complements().get(normalize_key(texts[start]))
    if needed is None:
        return False
    nxt = normalize_key(texts[start + 1]) if start + 1 < len(texts) else ""
    return nxt not in needed


# head nouns that also name one body alone: "الاتحاد" (a club), "الرابطة" (Italy's Lega)
_NAMING_HEADS = frozenset(("اتحاد", "رابطه"))  # normalised keys


def _bare_head(layout: _Layout, i: int) -> bool:
    """Token ``i`` is an organisation head noun, bare or with the article ("صندوق", "البنك",
    "ل" + "لجامعة"): alone it names nothing, it points back to a body named before."""
    norm = token_norm(layout.texts[i])
    if norm in org_heads():
        return True
    if norm.startswith("ال"):
        bare = norm[2:]
    elif norm.startswith("ل") and i and layout.texts[i - 1] == "ل" and layout.joined[i]:
        bare = norm[1:]  # "للجامعة" → "ل" + "لجامعة": the article lost its alef
    else:
        return False
    return bare in org_heads() and bare not in _NAMING_HEADS


def _unknown_place(text: str) -> bool:
    """No place list names ``text`` ("الخليج", the Gulf, is in loc.tsv; "البحر" is not)."""
    key = normalize_key(text)
    return key not in loc_names() and key not in gpe_names()


@lru_cache(maxsize=1)
def _idioms() -> dict[str, tuple[tuple[str, str], ...]]:
    """resources/ner/idioms.tsv: name → (start of the next word, previous word) pairs that
    make it a phrase; an empty part matches any word."""
    out: dict[str, list[tuple[str, str]]] = {}
    for row in read_table("ner/idioms.tsv"):
        nxt, prev = (normalize_key(part) if part != "*" else "" for part in row[1:3])
        out.setdefault(normalize_key(row[0]), []).append((nxt, prev))
    return {name: tuple(pairs) for name, pairs in out.items()}


def _in_idiom(keys: list[str], span: Span) -> bool:
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


@lru_cache(maxsize=1)
def _common_place_nouns() -> dict[str, frozenset[str]]:
    """resources/ner/common_place_nouns.tsv: place name → the heads after which it is the
    common noun ("المدينة" after "شوارع")."""
    return {normalize_key(row[0]): frozenset(normalize_key(h) for h in row[1].split("|"))
            for row in read_table("ner/common_place_nouns.tsv")}


def _common_place_noun(keys: list[str], span: Span) -> bool:
    """The one-word place span is the common noun, in construct after a head that locates
    something in it: "شوارع المدينة" (the city's streets), not Medina."""
    if len(span) != 1 or span.label_ not in ("GPE", "LOC") or span.start == 0:
        return False
    heads = _common_place_nouns().get(keys[span.start].lstrip(ATTACHED))
    return bool(heads) and keys[span.start - 1].lstrip(ATTACHED) in heads


def _is_punct(text: str) -> bool:
    return not any(ch.isalnum() for ch in text)


def _untatweel(word: str) -> str:
    """The word the model reads: without tatweel ("فــي" → "في"). The elongation is only
    typography (press releases stretch every word), but it changes a word's prefix, suffix and
    shape features, so the model read stretched function words as foreign names ("فــي نقـل"
    PER). Spans map back by token index, so offsets stay those of the original text."""
    if "\u0640" not in word:
        return word
    return word.replace("\u0640", "") or word


@Language.factory(
    "rasid_ner",
    default_config={"model_path": None, "use_model": True, "use_gazetteer": True,
                    "drop_non_entities": True, "propagate": True, "org_rule": True},
)
class NerComponent:
    """Sets ``doc.ents`` from the statistical model and the gazetteer ruler."""

    def __init__(self, nlp: Language, name: str, model_path: str | None, use_model: bool,
                 use_gazetteer: bool, drop_non_entities: bool, propagate: bool,
                 org_rule: bool) -> None:
        self.name = name
        self.org_rule = org_rule
        self.propagate = propagate
        self.use_gazetteer = use_gazetteer
        self.drop_non_entities = drop_non_entities
        self.model = load_model(model_path) if use_model else None
        # the model's own input features (its tokenizer carries the gazetteer-class table)
        features = getattr(self.model.tokenizer, "features", None) if self.model else None
        self._features = features or TokenFeatures()
        # the rules read the name lists as packaged now (the model keeps its training copy)
        self._classes = packaged_classes()
        # the model's per-word embedding stage, cached (rasid.ner.embed_cache)
        self._tok2vec = (CachedTok2Vec.for_model(self.model, self._features)
                         if self.model else None)
        self._kept = 0  # lexemes _keep_words added to the model's vocabulary
        self._last_words: list[list[str]] = []
        for label in LABELS:
            nlp.vocab.strings.add(label)

    # -- spaCy component API -------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64,
             max_tokens: int = 4000) -> Iterator[Doc]:
        """Process in batches of at most ``batch_size`` docs and about ``max_tokens`` tokens
        (the CNN's activations for a batch are what bounds peak memory)."""
        batch: list[Doc] = []
        n_tokens = 0
        for doc in docs:
            batch.append(doc)
            n_tokens += len(doc)
            if len(batch) >= batch_size or n_tokens >= max_tokens:
                yield from self._process(batch)
                batch, n_tokens = [], 0
        if batch:
            yield from self._process(batch)

    # -- internals -----------------------------------------------------------------------
    def _process(self, docs: list[Doc]) -> list[Doc]:
        if self.use_gazetteer:
            split = [self._split_for_gazetteer(d) for d in docs]
            docs = [d for d, _ in split]
            layouts = [layout for _, layout in split]
        else:
            layouts = [_layout(d) for d in docs]
        predicted = self._predict(docs, layouts)
        for doc, layout, model_spans in zip(docs, layouts, predicted, strict=True):
            keys = doc_keys(doc, layout)
            matches = find(keys) if self.use_gazetteer else []
            spans = self._merge(doc, model_spans, matches)
            spans = _lineage_tail(doc, layout, spans)
            spans = _without_leading_nisba(doc, layout, spans, self._is_nisba)
            spans = self._without_accusative_nouns(doc, layout, spans)
            if self.org_rule:
                spans = _apply_org_rule(doc, keys, spans, matches)
                spans = _apply_eponyms(doc, keys, spans)
                spans = _headed_places(doc, keys, spans)
                spans = _so_called_orgs(doc, keys, spans)
            spans = _apply_acronyms(doc, layout.texts, spans, self._is_nisba)
            spans = _regnal_numbers(doc, layout, spans, self._is_nisba)
            spans = _named_places(doc, keys, spans)
            spans = _feature_places(doc, keys, spans)
            spans = _facilities_of_places(doc, keys, spans)
            spans = _whole_hashtags(layout, spans)
            spans = _whole_l_names(doc, layout, keys, spans)
            spans = _hyphenated_names(doc, layout, keys, spans)
            spans = _car_models(doc, layout, keys, spans, self._is_nisba)
            spans = _company_names(doc, layout, keys, spans, self._is_nisba)
            spans = self._org_before_person(doc, layout, spans)
            spans = self._titled_names(doc, layout, spans)
            spans = _cued_places(doc, layout, keys, spans)
            if self.propagate:
                spans = _propagate(doc, keys, spans, self._is_nisba)
            spans = agree_labels(doc, keys, spans, lambda i, d=doc: _is_title(d, i))
            spans = _quoted_outlets(keys, layout, spans)
            spans = _quoted_bodies(doc, layout, keys, spans)
            spans = _quoted_works(doc, layout, spans)
            spans = _city_clubs(doc, layout, keys, spans, self._is_nisba)
            spans = _word_clubs(doc, layout, keys, spans, self._is_nisba)
            # after the cues had their say ("شركة «ميتا»" makes every "ميتا" the company)
            spans = self._without_common_word_people(keys, layout, spans)
            spans = self._without_trailing_verbs(doc, layout, spans)
            spans = self._without_adjective_persons(doc, layout, spans)
            spans = _whole_l_names(doc, layout, keys, spans)  # and those propagation copied
            spans = _drop_months(layout.texts, spans)
            if self.drop_non_entities:
                # gazetteer and propagated spans match normalised keys, so "علي" (a name found
                # once) would make every "على" ("on") an entity
                adjectives = _adjective_homographs(keys, spans)
                spans = [s for s in spans if not _written_non_entity(s.text)
                         and not (adjectives and s.start in adjectives)
                         and not _accusative_nisba(keys, s)
                         and not _definite_adjective(doc, keys, s)
                         and not _inside_latin_word(doc, s)
                         and not _in_idiom(keys, s)
                         and not _common_place_noun(keys, s)
                         and not self._common_word_misc(layout, s)]
            doc.ents = _without_overlaps(spans)
        return docs

    def _chunks(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges of at most ~CHUNK tokens, cut at sentence starts where possible
        (the model's context is a few tokens, so chunking bounds memory at no cost)."""
        if len(doc) <= CHUNK:
            return [(0, len(doc))]
        starts = [t.i for t in doc if t.is_sent_start] if doc.has_annotation("SENT_START") \
            else []
        out, begin = [], 0
        while len(doc) - begin > CHUNK:
            cuts = [i for i in starts if begin < i <= begin + CHUNK]
            end = cuts[-1] if cuts else begin + CHUNK
            out.append((begin, end))
            begin = end
        out.append((begin, len(doc)))
        return out

    def _predict(self, docs: list[Doc],
                 layouts: list[_Layout]) -> list[list[tuple[int, int, str]]]:
        if self.model is None:
            return [[] for _ in docs]
        # strings the model's vocab learns from these copies are freed on exit (a server on
        # a news stream would otherwise keep every new word); the result is plain tuples
        with self.model.memory_zone():
            out = self._predict_in_zone(docs, layouts)
        self._keep_words()
        return out

    def _keep_words(self) -> None:
        """Keep the first ``HOT_WORDS`` distinct words seen as permanent lexemes of the
        model's vocabulary (outside its memory zone), so the words news repeats are not
        rebuilt in every document's zone (~2 ms per article). Bounded; a lexeme only caches
        attributes of its string, and the model reads the norms and classes set on each
        token, so predictions are the same with or without them."""
        pieces, self._last_words = self._last_words, []
        self._kept += keep_lexemes(self.model.vocab, (w for words in pieces for w in words),
                                   HOT_WORDS - self._kept)

    def _predict_in_zone(self, docs: list[Doc],
                         layouts: list[_Layout]) -> list[list[tuple[int, int, str]]]:
        pieces = []  # (doc index, token offset, copy)
        chunk_words = []
        features = self._features
        for k, doc in enumerate(docs):
            texts, spaces = layouts[k].texts, layouts[k].spaces
            for a, b in self._chunks(doc):
                words = [_untatweel(w) for w in texts[a:b]]
                if self._kept < HOT_WORDS:
                    self._last_words.append(words)
                copy = Doc(self.model.vocab, words=words, spaces=spaces[a:b])
                pieces.append((k, a, features.set_on(copy, words)))
                chunk_words.append(words)
        copies = [c for _, _, c in pieces]
        with single_threaded_blas():
            for name, proc in self.model.pipeline:
                # a few chunks per model call: all chunks of a long document in one batch
                # would hold activations for every token at once (peak memory grew with it)
                if name == "tok2vec" and self._tok2vec is not None:
                    for i in range(0, len(copies), PIPE_BATCH):
                        self._tok2vec.set_tensors(copies[i:i + PIPE_BATCH],
                                                  chunk_words[i:i + PIPE_BATCH])
                    continue
                copies = list(proc.pipe(copies, batch_size=PIPE_BATCH))
        out: list[list[tuple[int, int, str]]] = [[] for _ in docs]
        for (k, offset, _), copy in zip(pieces, copies, strict=True):
            doc, layout = docs[k], layouts[k]
            for ent in copy.ents:
                start, end = ent.start + offset, ent.end + offset
                # split-off proclitics and punctuation never belong to an entity
                while start < end and (_is_attached_proclitic(layout, start)
                                       or _is_punct(layout.texts[start])
                                       or layout.texts[start] in _LEADING_PREPOSITIONS):
                    start += 1  # "في" of "مراسل الجوهرة في القصرين" opens no name
                while end > start and (_is_punct(layout.texts[end - 1])
                                       or _is_attached_proclitic(layout, end - 1)):
                    end -= 1  # never end on "ب" of "بسلطنة"
                if start >= end or _possessed_head(layout, start, end):
                    continue
                end = _before_pronoun(layout, start, end, ent.label_)
                if start >= end:
                    continue  # "حماس" + "ه" (his zeal), "قطر" + "ها" (its diameter)
                label = ent.label_
                end = _past_name_link(layout, start, end)
                if label in _NO_INNER_CLITIC:
                    # a person's or place's name never contains a preposition or conjunction
                    # written onto a word: "محمد للجزيرة" ends before "ل"
                    for i in range(start + 1, end):
                        if _is_attached_proclitic(layout, i):
                            end = i
                            break
                    while end > start and _is_punct(layout.texts[end - 1]):
                        end -= 1
                while end - 1 > start and token_norm(doc[end - 1].text) in stop_words():
                    end -= 1  # "إسلام آباد الأربعاء" ends before the weekday
                if label == "PER" and end - start > 1 \
                        and token_norm(doc[start].text) in org_heads() - _POETRY_HEADS:
                    label = "ORG"  # "إتحاد بن قردان" (a club; PER 42 times in Tunisian news)
                if label == "PER":
                    # a role ("القيادي") or a unit after a number ("87 كغ ياسين" in a list of
                    # weights) before the person; elsewhere such a word may be a name
                    # ("إسلام", also the religion)
                    while start < end and (_is_title(doc, start) or (
                            start and layout.texts[start - 1].isdigit()
                            and _non_entity(layout.texts[start]))):
                        start += 1
                    if start >= end:
                        continue  # only a title ("لفقيد")
                    start = _before_name_second_part(layout, start, end)
                    start = self._over_compound_name(doc, layout, start)
                    start = _before_lineage(doc, layout, start, end, self._features.classes)
                    start = _after_name_opener(layout, start)
                    cut = next((i for i in range(start + 1, end)
                                if token_norm(layout.texts[i]) in _name_enders()), None)
                    if cut is not None:
                        # "زهير بن يوسف" + "أرملة" (widow of), "محمد" + "شقيق الشهيد",
                        # "خالد الفيصل" + "مستشار": a kinship or role noun in construct with
                        # the next word; a title at the end may be a family name
                        # ("ماجد المهندس", "علاء سعادة"), so titles.txt is not read here
                        end = cut
                        while end - 1 > start and token_norm(layout.texts[end - 1]) in _NAME_LINKS:
                            end -= 1  # "ابن" + "شقيق" (nephew): no name link is left at the end
                    if end - start == 1 and token_norm(layout.texts[start]) in _NAME_LINKS:
                        continue  # "ابن" + "عم" (a cousin): no name left
                    people = _person_list(doc, layout, start, end, self._features.classes)
                    if people:
                        # "هشام العزلوك سالم الحداد": a list of players written without "و"
                        out[k].extend((a, b, "PER") for a, b in people[:-1])
                        start = people[-1][0]
                    cut = _trailing_country(doc, start, end)
                    if cut is not None:
                        # "ناشد زيلينسكي البرتغال", "سوسا اسبانيا": a person's name never ends
                        # in a country's name; the model ran the two together
                        out[k].append((cut, end, "GPE"))
                        end = cut
                    cut = _leading_place(doc, start, end, self._features.classes)
                    if cut is not None:
                        # "والي سليانة" + "علي سعيد": the governor's province, then his name
                        out[k].append((start, cut, "GPE"))
                        start = cut
                elif label != "ORG" and end - start > 1 \
                        and token_norm(doc[start].text) in org_heads():
                    label = "ORG"  # "جامعة برمنغهام": an organisation head names an ORG
                if label == "ORG" and _act_of_country(doc, start, end):
                    start, label = start + 1, "GPE"  # "تنظيم قطر" + "لكأس العالم"
                if label == "ORG":
                    opened = _opened_name(layout, start, end,
                                          _word_list("ner/org_openers.txt"), self._is_nisba)
                    if opened is None:
                        continue  # "تدريب نادي إنجليزي آخر": a club, not a name
                    end = opened
                    end = _org_end(doc, layout, start, end)
                    end = self._before_clause(doc, layout, start, end)
                    end = self._before_nisba(layout, start, end)
                    while end - 1 > start and token_norm(doc[end - 1].text) in stop_words():
                        end -= 1  # cut before "سينبثق", the name ends before "التي" too
                if label in ("GPE", "LOC"):
                    # "الولايات المتحدة" + "حزب العمال": an organisation head opens a new name
                    end = next((i for i in range(start + 1, end) if not layout.joined[i]
                                and token_norm(layout.texts[i]) in org_heads()), end)
                if _is_gloss(doc, start, end):
                    continue  # "(Opel Corsa)": a Latin gloss of the Arabic name before it
                if is_number_words(layout.texts, start, end) or not any(
                        ch.isalpha() for ch in doc[start:end].text):
                    continue  # "أربعمائة وخمسون", "1107.6": no name is made of numbers alone
                if self.drop_non_entities and (_non_entity(doc[start:end].text)
                                               or self._described(doc, start, end)):
                    continue
                if end - start == 1 and (_is_nisba_plural(doc[start].text)
                                         or self._is_bare_nisba(doc[start].text)):
                    continue  # "مصريون", "سياسيون", "باكستاني": people described, not named
                if end - start == 1 and _bare_head(layout, start):
                    continue  # "إنشاء صندوق سيادي", "وقال البنك": a head noun alone names nothing
                if label in ("GPE", "LOC"):
                    if _missing_complement(layout.texts, start, end):
                        continue  # "شبه اللاعب" (compared the player): no place
                    countries = _country_list(layout.texts, start, end)
                    if countries:
                        out[k].extend((a, b, "GPE") for a, b in countries)
                        continue
                    end = _complete_place(layout, start, end)
                    opened = _opened_name(layout, start, end,
                                          _word_list("ner/place_openers.txt"), self._is_nisba)
                    if opened is None:
                        continue  # "كفر" + "بالاقتصاد" (disbelieved): a town's noun alone
                    end = opened
                    if end - start > 1 and all(map(is_place_head, layout.texts[start:end])):
                        continue  # "شبه الجزيرة", "the peninsula": a common noun
                    if end - start == 1 and label == "LOC" and is_place_head(
                            layout.texts[start]) and _unknown_place(layout.texts[start]):
                        continue  # "البحر" (the sea), "المحيط" (also: the surroundings)
                    label = geo_label(doc[start:end].text, default=label)
                    if end - start > 1 and normalize_key(layout.texts[start]) \
                            in _facility_words()[0]:
                        label = "FAC"  # "ملعب رادس", "جامع القرويين": a built place
                out[k].append((start, end, label))
        return out

    def _described(self, doc: Doc, start: int, end: int) -> bool:
        """The span describes, it does not name: a word of not_entities.txt followed only by
        nationality adjectives ("قوات الأمن السودانية", "الشرطة الإسرائيلية"; the events stage
        resolves such phrases to the country the adjective names), or an indefinite
        organisation head noun followed only by indefinite adjectives in "ية" ("منظمة
        إرهابية", "محكمة ألمانية", "منظمة غير ربحية": 19 ORG spans on 1,630 real articles,
        none of them a name) or by "ل" and what it is for ("مركز للشرطة")."""
        if end - start > 1 and token_norm(doc[start].text) in org_heads() and (all(
                t.text == "غير" or (not t.text.startswith("ال") and t.text.endswith("ية"))
                for t in doc[start + 1:end]) or doc[start + 1].text == "ل"):
            return True
        k = end
        while k > start + 1 and self._is_nisba(doc[k - 1].text):
            k -= 1
        return k < end and _non_entity(doc[start:k].text)

    def _before_clause(self, doc: Doc, layout: _Layout, start: int, end: int) -> int:
        """Where a model's organisation span ends when it runs past its name into the
        sentence: at an indefinite word right after a definite one ("هيئة الطيران المدني" +
        "سارعت", "جبهة النصرة" + "ذراع القاعدة", "وزارة الشؤون الاجتماعية" + "أو"). Inside
        an Arabic name a definite word is followed by definite words or by "و"/"ل" written
        onto one; an indefinite word after it only belongs to the name when it is a name
        itself (a word of the gazetteer classes: "مركز الأمير سلطان") or follows a title."""
        texts, classes = layout.texts, self._features.classes
        for i in range(start + 1, end):
            word, prev = texts[i], texts[i - 1]
            if (prev.startswith("ال") and not layout.joined[i - 1] and not layout.joined[i]
                    and _starts_arabic(word) and not word.startswith(("ال", "لل"))
                    and word not in _PROCLITIC_TOKENS and not _is_title(doc, i - 1)
                    and token_norm(word) not in classes):
                return i
        return end

    def _before_nisba(self, layout: _Layout, start: int, end: int) -> int:
        """Where a model's organisation span "head + proper name + nationality adjective"
        ends: before the adjective ("وكالة تسنيم" + "الإيرانية", "مجموعة فاغنر" + "الروسية"),
        which describes the organisation as rasid's gold leaves a nisba outside a name
        ("البحرية الأميركية" is no name at all). A definite name ("وكالة الأنباء السعودية")
        keeps its adjective: there the adjective is part of the name. Right after a one-word
        name only a masculine adjective goes, a club's country ("بورتو البرتغالي")."""
        texts = layout.texts
        for i in range(start + 1, end):
            prev = texts[i - 1]
            if i == start + 1 and token_norm(texts[i]).endswith("ه"):
                continue  # "أرامكو السعودية", "طيران السعودية": a company's own name; a
                # masculine one right after the name is a club's country ("أرسنال الإنجليزي")
            if texts[i].startswith("ال") and not layout.joined[i] and self._is_nisba(texts[i]) \
                    and _starts_arabic(prev) and not prev.startswith("ال") \
                    and token_norm(prev) not in org_heads() and not layout.joined[i - 1]:
                return i
        return end

    def _without_common_word_people(self, keys: list[str], layout: _Layout,
                                    spans: list[Span]) -> list[Span]:
        """``spans`` without the persons made only of common words (:meth:`_never_person`),
        except a person of the knowledge base and a family name the document gave in full
        ("زينب العدوي" ... "العدوي"), unless never_persons.txt lists every word: a wrong
        longer span ("جائزة الملك فيصل العالمية للغة العربية") names no family."""
        tails = {name_key(keys, i, s.end)
                 for s in spans if s.label_ == "PER" for i in range(s.start + 1, s.end)}
        listed = _word_list("ner/never_persons.txt")
        out = []
        for s in spans:
            name = name_key(keys, s.start, s.end)
            if s.label_ != "PER" or name in known_people() or (
                    name in tails and not all(token_norm(w) in listed
                                              for w in layout.texts[s.start:s.end])) \
                    or not self._never_person(layout.texts[s.start:s.end]):
                out.append(s)
        return out

    def _titled_names(self, doc: Doc, layout: _Layout, spans: list[Span]) -> list[Span]:
        """A person's name the model missed after a definite title or role word (titles.txt):
        "الفنانة لميس", "الدكتور بسام الميمني", "الوزير مارينوف". The words after the title,
        none covered by an entity, are the name while each is one: a name-list word that raw
        news writes inside persons at least one time in ten, a word it writes inside persons
        at least three times in ten (person_share.tsv.gz), or one it hardly writes at all
        (a foreign name: under 20 times in the frequency table) that does not look inflected
        (no accusative "ا", no pronoun, no imperfect prefix: "المدرب إراحته", "الروائي
        يقرع"). The first word is
        written without the article and on its own. Not after an indefinite title ("يا",
        "سمو", "أمير"), nor after a title in construct with a noun before it, where the name
        names a place ("طريق الملك فهد", "مستشفى الملك فهد")."""
        taken = {i for s in spans for i in range(s.start, s.end)}
        freq, shares = word_frequencies(), person_share()
        facilities = _facility_words()[0]
        texts = layout.texts

        def after_noun(i: int) -> bool:
            """The title is in construct after a noun or a place's head ("طريق الملك فهد",
            "مستشفى الملك فهد"): the name there names the place."""
            if i == 0 or not _starts_arabic(texts[i - 1]):
                return False
            word = normalize_key(texts[i - 1])
            return token_norm(texts[i - 1]) in org_heads() or word in facilities or (
                not word.startswith("ال") and freq.get("ال" + word, 0) >= _NOUN_SEEN)

        def name_word(i: int, first: bool) -> bool:
            if not _free_word(layout, i, taken):
                return False
            norm, key = token_norm(texts[i]), normalize_key(texts[i])
            if (first and key.startswith("ال")) or len(key) < 3 or _is_title(doc, i) \
                    or norm in stop_words() or _non_entity(texts[i]) \
                    or is_month_name(texts, i, i + 1) or self._never_person([texts[i]]):
                return False
            classes = self._classes.get(norm, "")
            inside, total = shares.get(norm, (0, 0))
            if "FIRST" in classes or "LAST" in classes:
                # "انتصار", "أكبر": name-list words that raw news mostly writes as words
                return total < NEVER_PERSON_MIN or inside >= _LISTED_NAME_SHARE * total
            if total >= NEVER_PERSON_MIN:
                return inside >= _NAME_PART_SHARE * total
            return freq.get(key, 0) < _RARE_WORD and not key.endswith(("ا", "ه", "ها", "هم")) \
                and key[:1] not in "يتن"

        out = list(spans)
        for i in range(len(doc) - 1):
            if i in taken or not texts[i].startswith("ال") or not _is_title(doc, i) \
                    or normalize_key(texts[i]) in _NOT_OPENING or after_noun(i) \
                    or not name_word(i + 1, True):
                continue
            end = i + 2
            while end < i + 5 and name_word(end, False):
                end += 1
            out.append(Span(doc, i + 1, end, label="PER"))
            taken.update(range(i + 1, end))
        return sorted(out, key=lambda x: x.start)

    def _org_before_person(self, doc: Doc, layout: _Layout, spans: list[Span]) -> list[Span]:
        """An organisation's span that ran on into the first name of the person after it
        ("وزارة الصحة" + "محمد الرابحي", "بي بي سي" + "عطية نبيل", written without a title
        between): a span of three or more words whose last is a first name of the lists,
        after no title or lineage word, with a name's part after it, ends before the first
        name, and the person's name (the first name and the words after it that raw news
        mostly writes inside persons, or hardly writes at all) is a PER span."""
        texts, joined = layout.texts, layout.joined
        freq, shares = word_frequencies(), person_share()
        taken = {i for s in spans for i in range(s.start, s.end)}

        def name_part(i: int) -> bool:
            if not _free_word(layout, i, taken) or token_norm(texts[i]) in stop_words():
                return False
            classes = self._classes.get(token_norm(texts[i]), "")
            inside, total = shares.get(token_norm(texts[i]), (0, 0))
            return "LAST" in classes or "FIRST" in classes or (
                total >= NEVER_PERSON_MIN and inside >= _NAME_PART_SHARE * total) or (
                total < NEVER_PERSON_MIN and freq.get(normalize_key(texts[i]), 0) < _RARE_WORD)

        out = []
        for span in spans:
            last = span.end - 1
            if span.label_ != "ORG" or len(span) < 3 or joined[last] \
                    or "FIRST" not in self._classes.get(token_norm(texts[last]), "") \
                    or is_letter_name(texts[last]) or is_letter_name(texts[last - 1]) \
                    or _is_title(doc, last - 1) or token_norm(texts[last - 1]) in _NAME_LINKS \
                    or not name_part(span.end):
                out.append(span)
                continue
            end = span.end + 1
            while end < span.end + 3 and name_part(end):
                end += 1
            out += [Span(doc, span.start, last, label="ORG"), Span(doc, last, end, label="PER")]
        return sorted(out, key=lambda x: x.start)

    def _without_adjective_persons(self, doc: Doc, layout: _Layout,
                                   spans: list[Span]) -> list[Span]:
        """Without a one-word person that is an adjective after the noun it describes: "حدث
        فريد" (a unique event), "موضوع جاد" (a serious matter). Both words take the article
        often in raw news (the frequency table of resources/text: "الحدث", "الفريد"), the
        noun is no title, kinship noun or name-list word ("والد كريم" is Karim's father), and
        the article names no one else by the word (no other person's span holds it). A
        word after it that raw news mostly writes inside persons ("مساعد غالي" + "العنزي")
        shows a cut name instead, which stays."""
        freq = word_frequencies()
        people: Counter[str] = Counter(
            token_norm(layout.texts[i]) for s in spans if s.label_ == "PER"
            for i in range(s.start, s.end))
        out = []
        for span in spans:
            i = span.start
            if span.label_ != "PER" or len(span) != 1 or i == 0 or layout.joined[i] \
                    or people[token_norm(layout.texts[i])] > 1:
                out.append(span)
                continue
            word, noun = normalize_key(layout.texts[i]), normalize_key(layout.texts[i - 1])
            classes = self._classes.get(token_norm(layout.texts[i - 1]), "")
            nxt = i + 1 < len(doc) and not layout.joined[i + 1] \
                and person_share().get(token_norm(layout.texts[i + 1]), (0, 1))
            if nxt and nxt[0] >= _NAME_PART_SHARE * nxt[1]:
                out.append(span)  # "مساعد غالي" + "العنزي": a cut name, not an adjective
                continue
            if noun.startswith("ال") or not _starts_arabic(noun) or layout.joined[i - 1] \
                    or _is_title(doc, i - 1) or noun in _name_enders() \
                    or "FIRST" in classes or "LAST" in classes \
                    or freq.get("ال" + noun, 0) < _NOUN_SEEN \
                    or freq.get("ال" + word, 0) < _NOUN_SEEN:
                out.append(span)
        return out

    def _without_trailing_verbs(self, doc: Doc, layout: _Layout,
                                spans: list[Span]) -> list[Span]:
        """Persons' spans without a last word that is a verb in the imperfect, where the model
        ran a name on into its verb ("ياكين" + "يصر", "ديميتروف" + "يهزم", "بدر" + "يسأل"):
        a word opening with ي or ت that raw news almost never has inside a person
        (:meth:`_never_person`) and no name list has; or any word of never_persons.txt
        ("ابن كثير" + "رحمه", may God have mercy on him)."""
        listed = _word_list("ner/never_persons.txt")
        out = []
        for s in spans:
            last = layout.texts[s.end - 1]
            if s.label_ == "PER" and len(s) > 1 and not layout.joined[s.end - 1] \
                    and token_norm(layout.texts[s.end - 2]) not in _NAME_LINKS and (
                    (token_norm(last)[:1] in _IMPERFECT_PREFIXES and self._never_person([last]))
                    or normalize_key(last) in listed):
                s = Span(doc, s.start, s.end - 1, label="PER")
            out.append(s)
        return out

    def _over_compound_name(self, doc: Doc, layout: _Layout, start: int) -> int:
        """Where a person's span that the model began right after a compound given name
        ("كرم الله" + "أوغلو", "فخر الدين" + "الرازي") really begins: two words earlier, if
        the word before "الله"/"الدين"/"الرحمن" is a first name of the lists or inside a person
        at least 15% of the time in raw news, and no title ("آية الله", "رجل الدين")."""
        if start < 2 or token_norm(layout.texts[start - 1]) not in _SECOND_PARTS \
                or layout.joined[start - 1] or layout.joined[start - 2]:
            return start
        first = layout.texts[start - 2]
        key = token_norm(first)
        if not _starts_arabic(first) or _is_title(doc, start - 2) \
                or "TITLE" in self._classes.get(key, ""):
            return start  # "آية" of "آية الله علي خامنئي" is a title
        person, total = person_share().get(key, (0, 0))
        if "FIRST" in self._classes.get(key, "") or (
                total and person >= COMPOUND_FIRST_SHARE * total):
            return start - 2
        return start

    def _never_person(self, words: list[str]) -> bool:
        """Every word is common in raw news and almost never inside a person there, and no
        name list has it (resources/ner/person_share.tsv.gz: "الأسنان", "الميدالية",
        "شهادة"); a first or family name of the lists always may be one ("آمال"). The words
        of never_persons.txt ("اللاعبان", "سابقون", "كواليس") are never persons either,
        however often the model made them one."""
        shares = person_share()
        listed = _word_list("ner/never_persons.txt")
        for word in words:
            key = token_norm(word)
            if key in listed:
                continue
            counts = shares.get(key)
            if counts is None or counts[1] < NEVER_PERSON_MIN \
                    or counts[0] >= NEVER_PERSON_SHARE * counts[1]:
                return False
            classes = self._classes.get(key, "")
            if "FIRST" in classes or "LAST" in classes:
                return False
        return bool(words)

    def _common_word_misc(self, layout: _Layout, span: Span) -> bool:
        """A MISC span of one word that raw news writes often and almost never inside any
        entity ("هرمونات", "وسيتوفر", "مكرر": the model's guesses for words it could not
        place), unless quoted ("«بخشيش»", a restaurant) or a name the gazetteer knows."""
        if span.label_ != "MISC" or len(span) != 1:
            return False
        i = span.start
        texts = layout.texts
        if 0 < i < len(texts) - 1 and texts[i - 1] in OPENING_QUOTES | {"("}:
            return False
        key = token_norm(texts[i])
        inside, total = entity_share().get(key, (0, 0))
        return total >= NEVER_PERSON_MIN and inside < NEVER_PERSON_SHARE * total \
            and pattern_key(texts[i]) not in patterns()[0]

    def _is_bare_nisba(self, text: str) -> bool:
        """The word is an indefinite nationality adjective and no given name: "باكستاني"
        ("a Pakistani", PER 5 times on Saudi news), but not "تركي" or "يمني", which are
        also first names (FIRST class)."""
        classes = self._classes.get(token_norm(text), "")
        return not text.startswith("ال") and "NISBA" in classes and "FIRST" not in classes

    def _is_nisba(self, text: str) -> bool:
        """The word is a nationality or origin adjective ("السودانية"; the NISBA class of
        resources/ner/token_classes.tsv)."""
        return "NISBA" in self._classes.get(token_norm(text), "")

    def _without_accusative_nouns(self, doc: Doc, layout: _Layout,
                                  spans: list[Span]) -> list[Span]:
        """Persons' spans without a last word that is a common noun in the indefinite
        accusative, where the model ran on into the sentence: "عزت أبو عوف" + "برنامجا",
        "حداد" + "وزيرا" (was minister), "سعود" + "مرسوما". Such a word ends in "ا", is
        seen in news on its own and its stem is common with the article ("الوزير"; the
        frequency table of resources/text). A name-list word ("رشا"), a foreign name
        ("جيوبا", "سانتانا": no "الجيوب" often enough, no "السانتان") and a word the
        document also writes where only a name can stand (after a preposition or a "keep"
        noun of adjective_homographs.tsv, where an accusative cannot: "من آلبا" for "خوردي
        ألبا", though "الألب" are the Alps) stay."""
        freq = word_frequencies()
        named: set[str] | None = None
        out = []
        for span in spans:
            last = span.end - 1
            word = normalize_key(layout.texts[last])
            if span.label_ != "PER" or last == span.start or layout.joined[last] \
                    or (span.end < len(doc) and layout.joined[span.end]) or len(word) < 4 \
                    or not word.endswith("ا") or word.endswith("يا") \
                    or freq.get(word, 0) < _ACCUSATIVE_SEEN \
                    or freq.get("ال" + word[:-1], 0) < _NOUN_SEEN:
                out.append(span)
                continue
            classes = self._features.classes.get(token_norm(layout.texts[last]), "")
            if named is None:
                keep, norms = _homograph_table().keep, list(map(normalize_key, layout.texts))
                named = {norms[i] for i in range(1, len(doc)) if norms[i - 1] in keep
                         or (layout.joined[i] and layout.texts[i - 1] in ("ب", "ل", "ك"))}
            if "FIRST" in classes or "LAST" in classes or word in named:
                out.append(span)
            else:
                out.append(Span(doc, span.start, last, label="PER"))
        return out

    @staticmethod
    def _split_for_gazetteer(doc: Doc) -> tuple[Doc, _Layout]:
        """Split a proclitic off a token the tokenizer kept whole when the rest is a known
        name's first word ("وهيمارس" → "و" + "هيمارس"); the doc and its layout after."""
        cuts = []
        layout = _layout(doc)
        keys: list[str] = []
        for i, text in enumerate(layout.texts):
            if len(text) < 4 or layout.joined[i]:
                continue  # short, or already a segment of a split word
            cut = _proclitic_cut(text)
            if cut:
                keys = keys or doc_keys(doc, layout)
                if name_starts([token_norm(text[cut:]), *keys[i + 1:i + patterns()[1]]]):
                    cuts.append((i, cut))
        if not cuts:
            return doc, layout
        with doc.retokenize() as retok:
            for i, cut in cuts:
                tok = doc[i]
                retok.split(tok, [tok.text[:cut], tok.text[cut:]],
                            heads=[(tok, 1), (tok, 1)])
        return doc, _layout(doc)

    @staticmethod
    def _merge(doc: Doc, model_spans: list[tuple[int, int, str]],
               matches: list[Match]) -> list[Span]:
        chosen = _ChosenSpans()
        for s, e, lab in sorted(model_spans):
            # a person's span moved back over the first part of its compound name ("فتح" of
            # "فتح الله غولن") takes that word from the span before it ("تنظيم فتح")
            previous = next(((a, b) for a, b in chosen.overlapping(s, s + 1)
                             if a < s < b < e), None)
            if previous is not None:
                label = chosen.pop(previous)
                if s - previous[0] > 1 or label != "ORG":
                    chosen[(previous[0], s)] = label
            chosen[(s, e)] = lab
        for m in matches:
            ms, me, label = m.start, m.end, m.entry.label
            overlapping = chosen.overlapping(ms, me)
            if not overlapping:
                if m.entry.add or _cued_ambiguous(doc, m):
                    chosen[(ms, me)] = label
                continue
            covers_all = all(ms <= s and e <= me for s, e in overlapping)
            inside_one = [(s, e) for s, e in overlapping if s <= ms and me <= e]
            if covers_all:
                # the ruler's span is as long or longer: it wins (label and extent)
                for key in overlapping:
                    del chosen[key]
                chosen[(ms, me)] = label
            elif inside_one:
                # the model found a longer name around it ("الرئيس فلاديمير بوتين" style):
                # keep the model's span; a WEAPON/FAC label is the ruler's to give
                s, e = inside_one[0]
                if label in _FIXED and (s, e) == (ms, me):
                    chosen[(s, e)] = label
                elif s == ms and e > me and label == "ORG" == chosen[(s, e)] \
                        and m.entry.add and _ran_past_name(doc, me):
                    del chosen[(s, e)]
                    chosen[(ms, me)] = label
            elif m.entry.add and label in _FIXED | {"PER"}:
                for key in overlapping:
                    del chosen[key]
                chosen[(ms, me)] = label
            elif (head := _head_before(doc, chosen, overlapping, ms, me, label)) is not None:
                # "نادي باريس" (model) + "باريس سان جرمان" (ruler): the club is the whole name
                for key in overlapping:
                    del chosen[key]
                chosen[(head, me)] = label
        # defensive: the cases above keep the spans apart
        return _without_overlaps([Span(doc, s, e, label=lab) for (s, e), lab in chosen.items()])


@lru_cache(maxsize=1)
def _ambiguous_cues() -> dict[str, frozenset[str]]:
    """ner/ambiguous_cues.tsv: a name's match key (or "*" + a label) → the normalised words
    that, right before it, make it the name."""
    out = {}
    for name, words in read_table("ner/ambiguous_cues.tsv"):
        key = name if name.startswith("*") else " ".join(pattern_key(name))
        out[key] = frozenset(normalize_key(w) for w in words.split())
    return out


class _ChosenSpans(dict[tuple[int, int], str]):
    """The spans :meth:`NerComponent._merge` has chosen so far, (start, end) -> label, with an
    index from each token to the spans over it. A list of names (a casualty list, a cabinet)
    is thousands of short spans, and scanning every chosen span for each gazetteer match made
    the merge quadratic in the document's length; the index answers in the span's length.
    Keys keep the dict's insertion order, which the merge's choices depend on."""

    def __init__(self) -> None:
        super().__init__()
        self._over: dict[int, set[tuple[int, int]]] = {}
        self._order: dict[tuple[int, int], int] = {}
        self._added = 0

    def __setitem__(self, key: tuple[int, int], label: str) -> None:
        if key not in self:
            self._order[key] = self._added
            self._added += 1
            for i in range(*key):
                self._over.setdefault(i, set()).add(key)
        super().__setitem__(key, label)

    def __delitem__(self, key: tuple[int, int]) -> None:
        super().__delitem__(key)
        del self._order[key]
        for i in range(*key):
            self._over[i].discard(key)

    def pop(self, key: tuple[int, int]) -> str:  # type: ignore[override]
        label = self[key]
        del self[key]
        return label

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The chosen spans sharing a token with [start, end), in the order they were added."""
        found = {key for i in range(start, end) for key in self._over.get(i, ())}
        return sorted(found, key=self._order.__getitem__)


def _cued_ambiguous(doc: Doc, m: Match) -> bool:
    """An ambiguous gazetteer name (resources/ner/ambiguous.txt: only relabels the model's
    entities) that is the name all the same: quoted or in parentheses on its own ("(وام)",
    "«واس»"), or right after a word of ambiguous_cues.tsv ("باحات الأقصى", "للأقصى",
    "طائرات تايفون")."""
    before = m.start - 1
    if before >= 0 and m.end < len(doc) and doc[before].text in OPENING_QUOTES | {"("} \
            and doc[m.end].text in CLOSING_QUOTES | {")"}:
        return True
    if before >= 0 and doc[before].text in OPENING_QUOTES:
        before -= 1
    if before < 0:
        return False
    cues = _ambiguous_cues()
    words = cues.get(" ".join(pattern_key(m.entry.name)), frozenset()) \
        | cues.get("*" + m.entry.label, frozenset())
    return normalize_key(doc[before].text) in words


def _head_before(doc: Doc, chosen: dict[tuple[int, int], str],
                 overlapping: list[tuple[int, int]], start: int, end: int,
                 label: str) -> int | None:
    """Where a model ORG span opens with a head noun or an ORG cue ("منظمة", "نادي") and
    runs into a gazetteer organisation without reaching its end ("نادي باريس" + "باريس سان
    جرمان"), the start of the head noun, which then opens the whole name; otherwise None."""
    if label != "ORG":
        return None
    before = [(s, e) for s, e in overlapping if s < start]
    if len(before) != 1 or any(e > end for _, e in overlapping):
        return None
    s, e = before[0]
    head = token_norm(doc[s].text)
    if chosen[(s, e)] != "ORG" or e - s < 2 or (
            head not in org_heads() and type_cues().get(head) != "ORG"):
        return None
    return s


def _apply_org_rule(doc: Doc, keys: list[str], spans: list[Span],
                    matches: Sequence[Match] = ()) -> list[Span]:
    """Add head-noun organisation names (:func:`rasid.ner.rules.org_phrases`): a phrase
    replaces the entities it contains, and yields to an entity that reaches beyond it. A
    phrase that opens with a whole name of the gazetteer ends with it when a field follows,
    which is a role's ("المبعوث الخاص للاتحاد الأوروبي" + "للقرن الأفريقي"; bodies named
    after one, "الاتحاد الأفريقي لكرة القدم", are gazetteer entries of their own), or the
    sentence goes on (:func:`_ran_past_name`: "منظمة العفو الدولية" + "الشركات")."""
    phrases = org_phrases(keys, ATTACHED)
    if not phrases:
        return spans
    out = list(spans)
    whole = {m.start: m.end for m in matches}
    for s, e in phrases:
        if s + 1 < whole.get(s, e) < e and (keys[whole[s]] == "ل"
                                             or _ran_past_name(doc, whole[s])):
            e = whole[s]
        # match keys fold hamza, so "ألمانية" reads as "ال" + "مانية": a word written with
        # أ/إ/آ is not definite and ends the name ("محكمة ألمانية", a German court)
        # (the noun of a field in construct state is indefinite anyway: "لإعادة الإعمار")
        e = next((i for i in range(s + 1, e) if doc[i].text[:1] in "أإآ"
                  and keys[i - 1] != "ل"), e)
        e = _before_title(doc, keys, s, e)
        # "الاتحاد الدولي للنقل الجوي" + "والرئيس التنفيذي": a coordinated title is no part
        e = next((i for i in range(s + 1, e - 1) if keys[i] == "و"
                  and _is_title(doc, i + 1)), e)
        if e - s < 2 or _non_entity(doc[s:e].text):
            continue  # "شبكة الإنترنت": a head noun before a common noun
        out = _take_over(doc, out, s, e, "ORG") or out
    return sorted(out, key=lambda x: x.start)


def _take_over(doc: Doc, spans: list[Span], start: int, end: int,
               label: str) -> list[Span] | None:
    """``spans`` with a new span replacing every span inside it; None where one of them
    reaches beyond it (a longer name wins)."""
    inside = [x for x in spans if x.start < end and start < x.end]
    if any(x.start < start or x.end > end for x in inside):
        return None
    return [x for x in spans if x not in inside] + [Span(doc, start, end, label=label)]


def _drop_months(texts: list[str], spans: list[Span]) -> list[Span]:
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


def _apply_acronyms(doc: Doc, texts: list[str], spans: list[Span],
                    is_nisba: Callable[[str], bool]) -> list[Span]:
    """An entity touching a run of Latin letter names spelled in Arabic takes the whole run
    ("سي" of "سي.إن.إن" → "سي.إن.إن"; :func:`rasid.ner.acronyms.acronym_runs`), as ORG if any
    of its pieces was ORG, without definite nationality adjectives after it ("آي بي إم
    الأمريكية" → "آي بي إم", as titles and nisbas stay outside names in rasid's gold); a
    span that is one letter name outside a run is dropped ("أي تفاصيل", "any details")."""
    out = list(spans)
    for rs, re_ in acronym_runs(texts) if out else ():
        inside = [x for x in out if x.start < re_ and rs < x.end]
        if not inside:
            continue
        label = "ORG" if any(x.label_ == "ORG" for x in inside) else \
            max(inside, key=len).label_
        start, end = min(rs, inside[0].start), max(re_, inside[-1].end)
        if end > re_ and all(t.startswith("ال") and is_nisba(t) for t in texts[re_:end]):
            end = re_
        if len(inside) == 1 and (start, end, label) == (
                inside[0].start, inside[0].end, inside[0].label_):
            continue
        out = [x for x in out if x not in inside]
        out.append(Span(doc, start, end, label=label))
        out.sort(key=lambda x: x.start)
    return [x for x in out if not (len(x) == 1 and is_letter_name(x.text))]


@lru_cache(maxsize=1)
def _car_words() -> tuple[frozenset[str], frozenset[tuple[str, ...]]]:
    """resources/ner/car_models.tsv: (vehicle nouns, brands as tuples of token norms)."""
    nouns, brands = set(), set()
    for kind, word, *_ in read_table("ner/car_models.tsv"):
        if kind == "noun":
            nouns.add(token_norm(word))
        else:
            brands.add(tuple(token_norm(w) for w in word.split()))
    return frozenset(nouns), frozenset(brands)


def _car_models(doc: Doc, layout: _Layout, keys: list[str], spans: list[Span],
                is_nisba: Callable[[str], bool]) -> list[Span]:
    """A car brand and the model written after it, right after a vehicle noun, are one
    product (MISC): "سيارة أوبل كورسا", "سيارة \"فيات تيبو\"" (resources/ner/car_models.tsv).
    The model is one or two words that are not definite, not a nationality adjective, not a
    word that ends a name, and not written onto a clitic; without one the brand keeps its
    label ("سيارة تويوتا الجديدة")."""
    nouns, brands = _car_words()
    texts, n = layout.texts, len(keys)
    found: list[tuple[int, int]] = []
    for v in range(n - 2):
        if keys[v].lstrip(ATTACHED) not in nouns:
            continue
        b = v + 1 + (texts[v + 1] in ('"', "«", "“", "(") if v + 1 < n else 0)
        words = _written_words(layout, b, 3)  # "فيات" is "ف" + "يات" to the tokenizer
        brand_end = next((words[m - 1][1] for m in (3, 2, 1) if len(words) >= m and tuple(
            token_norm(w) for w, _ in words[:m]) in brands), 0)
        end = brand_end
        while brand_end and end < n and end - brand_end < 2 and not layout.joined[end] \
                and _model_word(texts[end], is_nisba):
            end += 1
        if brand_end and end > brand_end and not (
                end < n and layout.joined[end] and not _is_punct(texts[end])):
            found.append((b, end))  # never ending inside a written word ("إف" of "إف1-75")
    if not found:
        return spans
    out = [x for x in spans if not any(x.start < e and a < x.end for a, e in found)]
    out += [Span(doc, a, e, label="MISC") for a, e in found]
    return sorted(out, key=lambda x: x.start)


@lru_cache(maxsize=1)
def _company_words() -> tuple[frozenset[str], frozenset[str]]:
    """resources/ner/company_words.txt as (every designator, those that may extend a name)."""
    rows = [(token_norm(r[0]), len(r) > 1 and r[1] == "inside")
            for r in read_table("ner/company_words.txt")]
    return frozenset(w for w, _ in rows), frozenset(w for w, inside in rows if not inside)


@lru_cache(maxsize=1)
def _club_cities() -> tuple[frozenset[str], frozenset[str]]:
    """ner/city_clubs.txt as keys: every club city, and those that are the club only before
    a masculine nationality adjective (second column "nisba")."""
    rows = [(normalize_key(r[0]), len(r) > 1 and r[1].strip() == "nisba")
            for r in read_table("ner/city_clubs.txt")]
    return frozenset(n for n, _ in rows), frozenset(n for n, only in rows if only)


def _city_clubs(doc: Doc, layout: _Layout, keys: list[str], spans: list[Span],
                is_nisba: Callable[[str], bool]) -> list[Span]:
    """In a sports article, a club named after its city (resources/ner/city_clubs.txt:
    "ميلان", "إشبيلية", "نابولي") is the club where it stands alone: a place, a lone person
    (not a player's family name: "أنطونيو فالنسيا") or nothing becomes ORG. The model types
    these by the city ("ويفوز يوفنتوس على ميلان" was GPE). Outside sports news a masculine
    nationality adjective after the name still makes it the club ("تعادل ليل الفرنسي مع
    ميلان الايطالي"): a city is feminine in Arabic. A city noun before it ("مدينة ميلان",
    city_nouns.txt) or a feminine nationality adjective after it ("روما الإيطالية"; the club
    takes "الإيطالي") keeps the city, and a longer name ("إنتر ميلان", "ميلان باديلي") is
    left as it is."""
    clubs, nisba_only = _club_cities()
    if not any(k.lstrip(ATTACHED) in clubs for k in keys):
        return spans
    sports = _is_sports(keys)
    city_nouns = _word_list("ner/city_nouns.txt")
    # "أنطونيو فالنسيا" (a player) makes "فالنسيا" alone his family name in that article,
    # unless the article also calls it a team ("فريق تورينو"; a wrong person "أولمبيكو دي
    # تورينو", the stadium, is no family)
    teams = {keys[i].lstrip(ATTACHED) for i in range(1, len(keys))
             if keys[i - 1].lstrip(ATTACHED) in _TEAM_NOUNS}
    family = {keys[s.end - 1].lstrip(ATTACHED) for s in spans
              if s.label_ == "PER" and len(s) > 1} - teams
    by_start = {s.start: s for s in spans}
    covered = {i for s in spans for i in range(s.start, s.end)}
    out = list(spans)
    for i, key in enumerate(keys):
        if key.lstrip(ATTACHED) not in clubs or key.lstrip(ATTACHED) in family:
            continue
        span = by_start.get(i)
        alone = span is not None and span.end == i + 1 and span.label_ in ("GPE", "LOC", "PER")
        if not alone and i in covered:
            continue
        before = keys[i - 1].lstrip(ATTACHED) if i > 0 else ""
        after = layout.texts[i + 1] if i + 1 < len(keys) else ""
        feminine = is_nisba(after) and token_norm(after).endswith("ه")
        if before in city_nouns or feminine:
            continue  # "مدينة ميلان", "روما الإيطالية": the city
        if not is_nisba(after) and (not sports or key.lstrip(ATTACHED) in nisba_only):
            continue  # outside sports news only "ليون الفرنسي" (a city is feminine) is the club
        club = Span(doc, i, i + 1, label="ORG")
        out = [club if s is span else s for s in out] if alone else out + [club]
    return sorted(out, key=lambda s: s.start)


@lru_cache(maxsize=1)
def _word_club_table() -> dict[str, str]:
    """ner/word_clubs.tsv as normalised name → mode ("sports", "cue" or "word")."""
    return {normalize_key(name): mode.strip() for name, mode in read_table("ner/word_clubs.tsv")}


def _word_clubs(doc: Doc, layout: _Layout, keys: list[str], spans: list[Span],
                is_nisba: Callable[[str], bool]) -> list[Span]:
    """In a sports article, a club whose name is also a common word (resources/ner/
    word_clubs.tsv: "الهلال", "النصر", "الشباب", "العين") is the club where no entity covers
    it: every mention for the "sports" names ("تعادل الهلال مع النصر"; not "الهلال الأحمر"),
    and for the "cue" names only after a word of club_cues.txt ("فريق الشباب", "ضيفه
    الفتح") or before a masculine nationality adjective ("العين الإماراتي"), for the "word"
    names only after such a word ("الشباب السعودي" is also Saudi youth). The model had
    left "الهلال" without an entity 324 times of 393 in 700 sports articles."""
    table = _word_club_table()

    def club(i: int) -> str | None:
        bare = keys[i].lstrip(ATTACHED)
        if bare in table:
            return bare
        # "للهلال" is "ل" + "لهلال"
        return "ا" + bare if keys[i - 1:i] == ["ل"] and "ا" + bare in table else None

    bare = {k.lstrip(ATTACHED) for k in keys}
    if not (bare & table.keys() or {"ا" + k for k in bare if k.startswith("ل")} & table.keys()):
        return spans  # the common case: no club word at all
    found = [(i, name) for i in range(len(keys)) if (name := club(i))]
    if not found or not _is_sports(keys):
        return spans
    cues = _word_list("ner/club_cues.txt")
    covered = {i for s in spans for i in range(s.start, s.end)}
    out = list(spans)
    for i, name in found:
        if i in covered or (layout.joined[i] and layout.texts[i - 1] not in _PROCLITIC_TOKENS):
            continue  # covered, or the end of a longer written word
        after = layout.texts[i + 1] if i + 1 < len(keys) else ""
        if table[name] == "sports":
            if normalize_key(after) == "الاحمر":
                continue  # the Red Crescent
        else:
            j = i - 1
            while j >= 0 and _is_attached_proclitic(layout, j):
                j -= 1  # "و" + "ل" + "لفتح": the cue stands before the clitics
            cued = j >= 0 and keys[j].lstrip(ATTACHED) in cues
            masculine = table[name] == "cue" and is_nisba(after) \
                and not token_norm(after).endswith("ه")
            if not cued and not masculine:
                continue
        out.append(Span(doc, i, i + 1, label="ORG"))
    return sorted(out, key=lambda x: x.start)


def _company_names(doc: Doc, layout: _Layout, keys: list[str], spans: list[Span],
                   is_nisba: Callable[[str], bool]) -> list[Span]:
    """A name that holds a foreign company designator after its first word is a company
    (ORG): "دلتا إيرلاينز" (was GPE), "جي إس إنرجي" (was PER); an entity written right before
    one takes it in ("بي بي" + "بتروليوم"). Nationality adjectives after the designator stay
    outside, as rasid's gold keeps them ("دلتا إيرلاينز" + "الأمريكية")."""
    every, extending = _company_words()
    taken = {i for x in spans for i in range(x.start, x.end)}
    out: list[Span] = []
    changed = False
    for x in spans:
        start, end = x.start, x.end
        if end < len(keys) and end not in taken and not layout.joined[end] \
                and keys[end] in extending:
            end += 1
        inside = [i for i in range(start + 1, end) if keys[i].lstrip(ATTACHED) in every]
        if not inside:
            out.append(x)
            continue
        last = inside[-1] + 1
        if all(is_nisba(layout.texts[i]) and layout.texts[i].startswith("ال")
               for i in range(last, end)):
            end = last
        if (start, end, x.label_) != (x.start, x.end, "ORG"):
            changed = True
            x = Span(doc, start, end, label="ORG")
        out.append(x)
    return out if changed else spans


def _without_overlaps(spans: list[Span]) -> list[Span]:
    """``spans`` in order with any span that overlaps an earlier, longer one left out: the
    rules each keep spans apart, but a document must never fail on two that touch (spaCy
    refuses overlapping entities), so the last step checks."""
    out: list[Span] = []
    for span in sorted(spans, key=lambda x: (x.start, -len(x))):
        if not out or span.start >= out[-1].end:
            out.append(span)
    return out


def _hyphenated_names(doc: Doc, layout: _Layout, keys: list[str],
                      spans: list[Span]) -> list[Span]:
    """A person's name goes on over a hyphen written without spaces: Korean given names
    ("مون جاي" + "-إن", "تشونغ اوي" + "-يونغ", "كيم يو" + "-جونغ"), which the model cut at
    the hyphen; a person's span right after the hyphen joins the one before. A whole name of
    the knowledge base does not go on, nor onto one ("قمة ترامب-كيم", "كيم-ترمب": the
    summit), nor over a word that another entity holds."""
    texts, spaces, n = layout.texts, layout.spaces, len(layout.texts)
    ordered = sorted(spans, key=lambda s: s.start)
    by_start = {s.start: s for s in ordered}
    taken = {i for s in ordered for i in range(s.start, s.end)}
    out: list[Span] = []
    joined: set[int] = set()
    changed = False
    for x in ordered:
        if x.start in joined:
            continue
        end = x.end
        if x.label_ == "PER" and end + 1 < n and texts[end] == "-" and not spaces[end - 1] \
                and not spaces[end] and _starts_arabic(texts[end + 1]) and end not in taken \
                and name_key(keys, x.start, x.end) not in known_people() \
                and name_key(keys, end + 1, end + 2) not in known_people():
            after = by_start.get(end + 1)
            if after is not None and after.label_ == "PER":
                end = after.end
                joined.add(after.start)
            elif end + 1 not in taken:
                end += 2
        if end != x.end:
            changed = True
            x = Span(doc, x.start, end, label="PER")
        out.append(x)
    return out if changed else spans


def _whole_l_names(doc: Doc, layout: _Layout, keys: list[str],
                   spans: list[Span]) -> list[Span]:
    """A person's span takes in a Maghreb name that begins with "ل" (l_names.txt: "لحسن",
    "لشكر"), which the tokenizer cut as "ل" + a word: right before the span ("ل" + "حسن
    الوسلاتي" → "لحسن الوسلاتي") or right after it ("إدريس" + "ل" + "شكر"). A person the
    knowledge base knows without the "ل" keeps it as a preposition ("أموالهم" + "ل" + "حسن
    نصر الله")."""
    names = _word_list("ner/l_names.txt")
    texts, joined, n = layout.texts, layout.joined, len(layout.texts)

    def l_name_at(i: int) -> bool:  # tokens i, i + 1 are "ل" + the rest of a listed name
        return 0 <= i < n - 1 and texts[i] == "ل" and joined[i + 1] \
            and (i == 0 or not joined[i]) and normalize_key("ل" + texts[i + 1]) in names \
            and (i + 2 >= n or not joined[i + 2] or _is_punct(texts[i + 2]))
    taken = {i for x in spans for i in range(x.start, x.end)}
    out, changed = [], False
    for x in spans:
        start, end = x.start, x.end
        if x.label_ == "PER":
            if l_name_at(start - 1) and name_key(keys, start, end) not in known_people():
                start -= 1
            if l_name_at(end) and end not in taken and end + 1 not in taken:
                end += 2
        if (start, end) != (x.start, x.end):
            changed = True
            x = Span(doc, start, end, label="PER")
        out.append(x)
    return out if changed else spans


def _written_words(layout: _Layout, start: int, count: int) -> list[tuple[str, int]]:
    """Up to ``count`` space-separated words from token ``start`` on, each as (its text, the
    token index after it): tokens written onto each other join again."""
    out: list[tuple[str, int]] = []
    i, n = start, len(layout.texts)
    while i < n and len(out) < count:
        j = i + 1
        while j < n and layout.joined[j] and _starts_arabic(layout.texts[j]):
            j += 1
        out.append(("".join(layout.texts[i:j]), j))
        i = j
    return out


def _model_word(text: str, is_nisba: Callable[[str], bool]) -> bool:
    """``text`` can be (part of) a car model's name: Latin or digits ("X5", "3008"), or an
    Arabic word that is not definite, not a clitic, a nationality adjective or a stop word."""
    if text.isascii():
        return text.isalnum()
    return (_starts_arabic(text) and not text.startswith("ال") and text not in _PROCLITIC_TOKENS
            and not is_nisba(text) and token_norm(text) not in stop_words()
            and not _non_entity(text))


def _regnal_numbers(doc: Doc, layout: _Layout, spans: list[Span],
                    is_nisba: Callable[[str], bool]) -> list[Span]:
    """A monarch's or pope's name goes on over its regnal number: "الملك عبدالله" +
    "الثاني", "البابا يوحنا بولس" + "الثاني" (resources/ner/royal_titles.txt, with at most a
    nationality adjective between title and name: "الملك البريطاني هنري الثاني")."""
    texts, out = layout.texts, []
    for span in spans:
        end = span.end
        if span.label_ == "PER" and end < len(texts) and not layout.joined[end] \
                and is_regnal_ordinal(texts[end]) and not any(
                    x.start == end for x in spans):
            before = span.start - 1
            if before > 0 and texts[before].startswith("ال") and is_nisba(texts[before]):
                before -= 1
            if before >= 0 and normalize_key(texts[before]) in _word_list("ner/royal_titles.txt"):
                span = Span(doc, span.start, end + 1, label="PER")
        out.append(span)
    return out


def _eponym_head(keys: list[str], start: int, heads: frozenset[str],
                 titles: frozenset[str]) -> int | None:
    """The token of a head noun of ``heads`` that a person's name at ``start`` is named by,
    right before it or before an eponym title ("جامعة" + "الملك" + "سعود"), written apart
    from any pronoun ("جامعته" names nothing); None if there is none."""
    h = start - 1 - (keys[start - 1].lstrip(ATTACHED) in titles)
    if h < 0 or keys[h].lstrip(ATTACHED) not in heads or keys[h + 1].startswith(ATTACHED):
        return None
    return h


def _apply_eponyms(doc: Doc, keys: list[str], spans: list[Span]) -> list[Span]:
    """An organisation named after a person is one ORG: "جامعة الملك سعود", "مركز محمد بن
    راشد للفضاء", "جامعة القاضي عياض". The organisation's head noun (org_heads.txt) stands
    right before the person's name or before a title of eponym_titles.txt, written apart from
    any pronoun. Because "the Fund's David Lipton" ("لصندوق ديفيد ليبتون") has the same
    shape, the name must follow such a title, carry "بن", or be followed by the
    organisation's field ("ل" + a definite word: "للفضاء"). Where the model found no person
    after the title, the one word after it is the name."""
    heads, titles = org_heads(), _word_list("ner/eponym_titles.txt")
    out = list(spans)

    def replace(h: int, end: int, inner: Span | None) -> bool:
        nonlocal out
        inside = [x for x in out if x.start < end and h < x.end]
        if any(x.start < h or x.end > end for x in inside if x is not inner):
            return False
        out = [x for x in out if x not in inside]
        out.append(Span(doc, h, end, label="ORG"))
        return True

    for span in spans:
        if span.label_ == "PER" and span.start > 0:
            s = span.start
            h = _eponym_head(keys, s, heads, titles)
            if h is None:
                continue
            titled = h < s - 1
            names = [k.lstrip(ATTACHED) for k in keys[s:span.end]]
            end = _before_title(doc, keys, span.end - 1,
                                name_continuation(keys, span.end, ATTACHED))
            field = end > span.end and keys[span.end] == "ل"
            if titled or "بن" in names or "ابن" in names or field:
                replace(h, end, span) or replace(h, span.end, span)
        elif span.label_ == "ORG" and span.end < len(doc) and len(span) >= 2 \
                and keys[span.end - 1] in titles and keys[span.start].lstrip(ATTACHED) in heads:
            # the head-noun rule stopped after the title: "جامعة القاضي" + "عياض"
            nxt = keys[span.end]
            if _starts_arabic(nxt) and not nxt.startswith("ال") \
                    and nxt not in _PROCLITIC_TOKENS and nxt not in stop_words():
                replace(span.start, _before_title(
                    doc, keys, span.end, name_continuation(keys, span.end + 1, ATTACHED)), span)
    return sorted(out, key=lambda x: x.start)


# heads whose construct with a place names a place, not a body: "جبهة ميدي" (the Midi front)
_PLACE_HEADS = frozenset(("جبهه",))  # normalised keys
# heads that name a body after a place only with more words: "مركز قطر للمال", but "مركز
# هجين" is the district seat of Hajin and "مركز لندن" London's standing
_CENTRE_HEADS = frozenset(("مركز",))


def _headed_places(doc: Doc, keys: list[str], spans: list[Span]) -> list[Span]:
    """An organisation head noun right before a place's name makes one ORG of both, with the
    definite words and field that follow: "مصرف قطر المركزي", "مركز قطر للمال", "بنك
    أولستر", "شركة مصر للطيران", "لجنة القدس", "محكمة بروكلين الفدرالية". On 859 census
    articles the model had 28 such places as GPE, all in an organisation's name but for the
    battle fronts of Yemen ("جبهة ميدي", _PLACE_HEADS)."""
    heads = org_heads() - _PLACE_HEADS
    out = list(spans)
    for span in spans:
        h = span.start - 1
        if span.label_ != "GPE" or h < 0 or keys[h].lstrip(ATTACHED) not in heads \
                or keys[span.start].startswith(ATTACHED) \
                or keys[span.start] in _homograph_table().homographs:
            continue  # "مركز مالي" is a financial centre, not Mali's
        end = _before_title(doc, keys, span.end - 1, name_continuation(keys, span.end, ATTACHED))
        if end == span.end and keys[h].lstrip(ATTACHED) in _CENTRE_HEADS:
            continue
        out = _take_over(doc, out, h, end, "ORG") or out
    return sorted(out, key=lambda x: x.start)


# words before a quoted name that make it a news outlet ("لـ«الشرق الأوسط»": told to the
# paper; "مراسل «الجوهرة»": the station's correspondent), with the types they override;
# "موقع" and "قناة" (a website, a channel) are also a site and a canal, so only quoted
_OUTLET_CUES = {"ل": ("GPE", "LOC"), "مراسل": ("GPE", "LOC"),
                "موقع": ("GPE", "LOC", "MISC", "PER"), "قناه": ("GPE", "LOC", "MISC", "PER"),
                "سهم": ("GPE", "LOC", "MISC", "PER"), "اسهم": ("GPE", "LOC", "MISC", "PER")}


def _quoted_outlets(keys: list[str], layout: _Layout, spans: list[Span]) -> list[Span]:
    """A name quoted right after "لـ", "مراسل", "موقع" or "قناة" is a newspaper, a station
    or a website: "قالت مصادر لـ«الشرق الأوسط»" (Asharq Al-Awsat, not the Middle East),
    "لـ"الرياض"" (the Riyadh daily), "موقع «غيزمودو»", "قناة «BFM»". On two census samples
    (1,546 articles) the model had about 30 such outlets as places and a dozen as MISC.
    After "سهم"/"أسهم" (a share) it is the company: "سهم «الكابلات»" (was MISC). Only the
    quoted mention changes."""
    texts = layout.texts
    out = []
    for span in spans:
        s, e = span.start, span.end
        if s >= 2 and e < len(texts) and texts[s - 1] in OPENING_QUOTES \
                and texts[e] in CLOSING_QUOTES:
            cue = keys[s - 2].lstrip(ATTACHED)  # "لـ" → "ل"; "لموقع" → "ل" + "موقع"
            if span.label_ in _OUTLET_CUES.get(cue, ()):
                span = Span(span.doc, s, e, label="ORG")
        out.append(span)
    return out


# a quoted name after a body cue is at most this many words ("«أبجد للترجمة والنشر والتوزيع»")
_QUOTED_NAME_WORDS = 6


def _quoted_bodies(doc: Doc, layout: _Layout, keys: list[str],
                   spans: list[Span]) -> list[Span]:
    """A quoted name right after a body cue of type_cues.tsv that the model left untyped is
    an organisation: "شركة «روسنفت»", "حزب «الكتائب»", "صحيفة «معاريف»", "منظمة «أنا يقظ»"
    (94 such names on two census samples of 1,546 articles, about nine in ten of them
    bodies). A place the quotes hold with more words is part of the name: "قوات «سوريا
    الديمقراطية»", "حزب «نداء تونس»". A one-word adjective in quotes is a description
    ("مجموعة «إرهابية»"), and "تنظيم" is also "organising"."""
    texts = layout.texts
    taken: list[Span | None] = [None] * len(doc)
    for span in spans:
        taken[span.start:span.end] = [span] * len(span)
    added, replaced = [], set()
    for i in range(1, len(doc) - 2):
        if texts[i] not in OPENING_QUOTES:
            continue
        cue = keys[i - 1].lstrip(ATTACHED)
        if type_cues().get(cue) != "ORG" or cue in NO_OVERRIDE_CUES:
            continue
        end = next((j for j in range(i + 1, min(len(doc), i + 2 + _QUOTED_NAME_WORDS))
                    if texts[j] in CLOSING_QUOTES), None)
        if end is None or end == i + 1 \
                or not any(_starts_arabic(t) or t[:1].isalpha() for t in texts[i + 1:end]):
            continue
        inside = {s for s in taken[i + 1:end] if s is not None}
        if inside and not all(s.label_ in ("GPE", "LOC") and i < s.start and s.end < end
                              for s in inside):
            continue  # the model or the gazetteer named it, or named more than a place in it
        if end == i + 2 and token_norm(texts[i + 1]).endswith(("يه", "ي")) \
                and not texts[i + 1].startswith("ال"):
            continue  # "مجموعة «إرهابية»": an adjective describes, it names nothing
        added.append(Span(doc, i + 1, end, label="ORG"))
        replaced |= inside  # "قوات «سوريا الديمقراطية»": the place is part of the name
    if not added:
        return spans
    return sorted([s for s in spans if s not in replaced] + added, key=lambda x: x.start)


# GPE cues of type_cues.tsv that also begin other phrases: "ولاية ثانية" (a second term),
# "ولاية العهد"; "عاصمة لإسرائيل" (a capital for)
_LOOSE_PLACE_CUES = frozenset(normalize_key(w) for w in ("ولاية", "عاصمة"))


def _cued_places(doc: Doc, layout: _Layout, keys: list[str], spans: list[Span]) -> list[Span]:
    """A place the model missed right after a place cue of type_cues.tsv ("مدينة", "بلدة",
    "قرية", "محافظة"; a hashtag sign between is skipped): "بلدة تبنين", "قرية كوبار", "مدينة
    «غوسلار»". Only words raw news hardly writes (under 20 times in the frequency table:
    a small town's name, not "مدينة صغيرة" or "قرية تعود"), none covered by an entity."""
    freq = word_frequencies()
    texts = layout.texts
    taken = {i for s in spans for i in range(s.start, s.end)}

    def rare(i: int) -> bool:
        return _free_word(layout, i, taken) and len(normalize_key(texts[i])) >= 3 \
            and freq.get(normalize_key(texts[i]), 0) < _RARE_WORD

    out = list(spans)
    for i in range(len(doc) - 1):
        cue = keys[i].lstrip(ATTACHED)
        if type_cues().get(cue) != "GPE" or cue in _LOOSE_PLACE_CUES:
            continue
        start = i + 1
        if texts[start] in ("#", *OPENING_QUOTES) and start + 1 < len(doc):
            start += 1
        if not rare(start):
            continue
        end = start + 1
        while end < start + 3 and rare(end):
            end += 1
        out.append(Span(doc, start, end, label="GPE"))
        taken.update(range(start, end))
    return sorted(out, key=lambda x: x.start)


def _quoted_works(doc: Doc, layout: _Layout, spans: list[Span]) -> list[Span]:
    """An entity that is exactly a quoted title after a noun of works (work_nouns.txt: "فيلم
    «كريستوفر روبين»", "رواية «أميركا»") is the work, MISC, whatever its words name."""
    nouns = _word_list("ner/work_nouns.txt")
    texts = layout.texts
    out = []
    for span in spans:
        s, e = span.start, span.end
        if span.label_ != "MISC" and s >= 2 and e < len(texts) \
                and texts[s - 1] in OPENING_QUOTES and texts[e] in CLOSING_QUOTES \
                and normalize_key(texts[s - 2]) in nouns:
            span = Span(doc, s, e, label="MISC")
        out.append(span)
    return out


def _whole_hashtags(layout: _Layout, spans: list[Span]) -> list[Span]:
    """A name written as a hashtag is the whole hashtag: "#البنك_المركزي_المصري",
    "#كوريا_الشمالية", "#سوزان_الحاج", where the model, reading "_" as a word of its own,
    stopped at the first one. Only a span that begins the hashtag grows, over "_" + word
    pairs written without a space; "#ميليشيات_الحوثي" keeps its ORG "الحوثي"."""
    texts, joined = layout.texts, layout.joined
    out = []
    for span in spans:
        s, end = span.start, span.end
        if s and texts[s - 1] == "#" and joined[s]:
            while end + 1 < len(texts) and texts[end] == "_" and joined[end] \
                    and joined[end + 1] and _starts_arabic(texts[end + 1]):
                end += 2  # "_" and the next word, with the clitics written onto it ("ل" + "كرة")
                while end < len(texts) and joined[end] and _starts_arabic(texts[end]):
                    end += 1
        if end > span.end and not any(x.start < end and span.end <= x.start for x in spans):
            span = Span(span.doc, s, end, label=span.label_)
        out.append(span)
    return out


@lru_cache(maxsize=1)
def _facility_words() -> tuple[frozenset[str], frozenset[str]]:
    """ner/facility_words.tsv as keys: (head nouns, closing adjectives)."""
    by_kind = _words_by_kind("ner/facility_words.tsv", kind_first=True)
    return by_kind["HEAD"], by_kind["ADJ"]


@lru_cache(maxsize=1)
def _place_facility_heads() -> frozenset[str]:
    """ner/facility_words.tsv's PLACE heads as keys: "ميناء", "مطار", "معبر"."""
    return _words_by_kind("ner/facility_words.tsv", kind_first=True).get("PLACE", frozenset())


def _facilities_of_places(doc: Doc, keys: list[str], spans: list[Span]) -> list[Span]:
    """A port, airport, crossing, prison or base named after its place is one FAC with its
    head noun and a closing adjective of the list: "ميناء جرجيس", "مطار عدن الدولي", "معبر
    نصيب" (kind PLACE of ner/facility_words.tsv), where the model had the place alone."""
    heads, adjectives = _place_facility_heads(), _facility_words()[1]
    out = list(spans)
    for span in spans:
        h = span.start - 1
        if span.label_ != "GPE" or h < 0 or keys[span.start].startswith(ATTACHED) \
                or keys[h].lstrip(ATTACHED) not in heads:
            continue
        end = span.end + (span.end < len(keys) and keys[span.end] in adjectives)
        out = _take_over(doc, out, h, end, "FAC") or out
    return sorted(out, key=lambda x: x.start)


def _named_places(doc: Doc, keys: list[str], spans: list[Span]) -> list[Span]:
    """A street, airport, stadium, mosque or hospital named after a person is one FAC, not
    the person: "شارع الحبيب بورقيبة", "مطار الأمير محمد بن عبدالعزيز الدولي". The head noun
    (ner/facility_words.tsv) stands right before the name or before an eponym title
    (eponym_titles.txt), written apart from any pronoun; a closing adjective of the list
    joins. Unlike organisations ("لصندوق ديفيد ليبتون", the Fund's David Lipton) these heads
    are never followed by a person who merely belongs to them."""
    heads, adjectives = _facility_words()
    titles = _word_list("ner/eponym_titles.txt")
    out = list(spans)
    for span in spans:
        if span.label_ != "PER" or span.start == 0:
            continue
        h = _eponym_head(keys, span.start, heads, titles)
        if h is None:
            continue
        end = span.end + (span.end < len(keys) and keys[span.end] in adjectives)
        # a span of the head and title alone ("ستاد الأمير" + "فيصل بن فهد") joins the name
        out = _take_over(doc, out, h, end, "FAC") or out
    return sorted(out, key=lambda x: x.start)


def _feature_places(doc: Doc, keys: list[str], spans: list[Span]) -> list[Span]:
    """A gulf, strait, river, lake, mountain or island named after a place is one LOC with
    its noun (resources/ner/feature_heads.txt): "خليج عدن" is the Gulf of Aden, not the
    city the model's "عدن" made it; "نهر الأردن" the river, not the country. After a noun
    that announces a place (city_nouns.txt), "بيت" or "تل" opens a town's name, which stays
    GPE ("بلدة بيت لاهيا"; town_openers.txt). Only a GPE span right after the noun, the
    noun written apart from it; a longer name around either is left alone."""
    heads = _word_list("ner/feature_heads.txt")
    towns, settled = _word_list("ner/town_openers.txt"), _word_list("ner/city_nouns.txt")
    out = list(spans)
    for span in spans:
        h = span.start - 1
        if span.label_ != "GPE" or h < 0 or keys[span.start].startswith(ATTACHED):
            continue
        head = keys[h].lstrip(ATTACHED)
        if head in towns and h > 0 and keys[h - 1].lstrip(ATTACHED) in settled:
            # "بلدة بيت لاهيا": the town is "بيت لاهيا", a GPE
            out = _take_over(doc, out, h, span.end, "GPE") or out
            continue
        if head not in heads:
            continue
        if h > 0 and keys[h - 1].lstrip(ATTACHED) == "شبه":
            h -= 1  # "شبه جزيرة القرم", a peninsula
        out = _take_over(doc, out, h, span.end, "LOC") or out
    return sorted(out, key=lambda x: x.start)


@lru_cache(maxsize=1)
def _so_called() -> tuple[frozenset[str], frozenset[tuple[str, ...]]]:
    """ner/so_called.tsv as keys: group nouns, and "so-called" phrases (word tuples)."""
    heads: set[str] = set()
    called: set[tuple[str, ...]] = set()
    for kind, words in read_table("ner/so_called.tsv"):
        if kind == "HEAD":
            heads.add(normalize_key(words))
        else:
            called.add(tuple(normalize_key(w) for w in words.split()))
    return frozenset(heads), frozenset(called)


_QUOTE_MARKS = frozenset('"\'“”«»„')


def _so_called_orgs(doc: Doc, keys: list[str], spans: list[Span]) -> list[Span]:
    """A state or place name that a group noun introduces in quotes or after "so-called" is
    the group's own name, so ORG: 'تنظيم ما يسمى بالدولة الإسلامية', 'تنظيم "الدولة
    الإسلامية"' (ISIS, which the model reads as a state). Only quotes or a "so-called"
    phrase open the way: "تنظيم قطر لكأس العالم" is Qatar organising the Cup. Words in
    ner/so_called.tsv."""
    heads, called = _so_called()
    out = []
    for span in spans:
        if span.label_ in ("GPE", "LOC"):
            i, introduced = span.start, False
            while i > 0 and doc[i - 1].text in _QUOTE_MARKS:
                i, introduced = i - 1, True
            # "ما يسمى" + "ب" (written onto the name or apart) or "ما يسمى" alone
            j = i - 1 if i > 0 and keys[i - 1].lstrip(ATTACHED) == "ب" else i
            phrase = next((p for p in called if j >= len(p) and name_key(keys, j - len(p), j) == p),
                          None)
            if phrase:
                i, introduced = j - len(phrase), True
            if introduced and i > 0 and keys[i - 1].lstrip(ATTACHED) in heads:
                span = Span(doc, span.start, span.end, label="ORG")
        out.append(span)
    return out


_CLUB_HEADS = frozenset(("نادي",))  # normalised keys
_TEAM_NOUNS = _CLUB_HEADS | {"فريق"}


def _is_sports(keys: list[str]) -> bool:
    """The article uses at least two sports words (resources/ner/sports_words.txt)."""
    words = _word_list("ner/sports_words.txt")
    bare = {k.lstrip(ATTACHED) for k in keys}
    bare |= {"ا" + k for k in bare if k.startswith("ل")}  # "ل" + "لموسم": "الموسم"
    return len(bare & words) >= 2


def _propagate(doc: Doc, keys: list[str], spans: list[Span],
               is_nisba: Callable[[str], bool] = lambda _: False) -> list[Span]:
    """Document-level consistency: a name found once is a name everywhere in the document.

    Every unlabelled repeat of an entity's exact token sequence gets its label, and a
    person's family name ("خدايي" after "حسن صياد خدايي") or last two names are PER where
    they recur alone. Repeats are matched clitic-aware (":func:`find`'s keys"), never inside
    a word or inside another entity. A family name that is a nationality adjective
    (``is_nisba``: "المصري" of "خليل المصري", "الإنجليزي" of a wrong "ويغان الإنجليزي") is
    not spread: alone it is mostly the adjective.
    """
    if not spans:
        return spans
    names: dict[tuple[str, ...], str] = {}
    for span in spans:
        key = name_key(keys, span.start, span.end)
        if len(key) == 1 and key[0].startswith("ال") and span.label_ != "PER":
            continue  # "المملكة", "الدولتان": too often a common noun to spread
        names.setdefault(key, span.label_)
    sports: bool | None = None
    for span in spans:
        if span.label_ == "ORG" and len(span) == 2 \
                and keys[span.start].lstrip(ATTACHED) in _CLUB_HEADS \
                and keys[span.start + 1].startswith("ال"):
            if sports is None:
                sports = _is_sports(keys)
            if sports:
                # "نادي الاتحاد": the club is "الاتحاد" wherever the article names it alone
                names.setdefault((keys[span.start + 1],), "ORG")
        if span.label_ != "PER" or len(span) < 2:
            continue
        ks = [k.lstrip(ATTACHED) for k in keys[span.start:span.end]]
        for n in (1, 2):
            tail = tuple(ks[-n:])
            if len(tail) < len(ks) and all(len(t) >= 3 and t not in _NAME_PARTS
                                           and t not in _titles() for t in tail) \
                    and not is_regnal_ordinal(tail[-1]) \
                    and not (n == 1 and is_nisba(doc[span.end - 1].text)) \
                    and not _non_entity(" ".join(tail)):
                # not "الثاني" of "هنري الثاني", nor "المسلمين" of a wrong "معشر المسلمين"
                names.setdefault(tail, "PER")
    taken = [False] * len(doc)
    for span in spans:
        for i in range(span.start, span.end):
            taken[i] = True
    if not names:
        return spans
    longest = max(len(k) for k in names)
    name_firsts = {k[0] for k in names}
    added: list[Span] = []
    i = 0
    while i < len(doc):
        hit = None
        bare = keys[i].lstrip(ATTACHED)
        # cheap filter before first_keys ("ل" + "لحلف" may stand for "الحلف")
        if not taken[i] and (bare in name_firsts or "ا" + bare in name_firsts):
            firsts = first_keys(keys, i)
            for n in range(min(longest, len(doc) - i), 0, -1):
                j = i + n
                if any(taken[i:j]) or (j < len(doc) and keys[j].startswith(ATTACHED)):
                    continue
                rest = tuple(keys[i + 1:j])
                label = next((names[(f, *rest)] for f in firsts if (f, *rest) in names), None)
                if label is not None:
                    hit = (i, j, label)
                    break
        if hit:
            added.append(Span(doc, hit[0], hit[1], label=hit[2]))
            i = hit[1]
        else:
            i += 1
    return sorted(spans + added, key=lambda s: s.start) if added else spans

