"""The word lists and raw-news counts the NER rules consult (``resources/ner/``): titles,
kinship and role nouns, non-entities, homographs, facility and club words, how often raw news
writes a word inside a person or any entity, and the thresholds read against those counts."""

from functools import lru_cache
from typing import NamedTuple

from spacy.tokens import Doc

from rasid.ner.features import token_norm
from rasid.ner.gazetteer import ATTACHED
from rasid.ner.geo import loc_heads
from rasid.resources import read_table
from rasid.text import normalize_key, strip_marks

# the word before "الله"/"الدين" is a given name if inside a person this share of the time
# in raw news (_over_compound_name: "فخر" of "فخر الدين")
COMPOUND_FIRST_SHARE = 0.15
# a word seen this often in raw news, inside a person under this share of the time, makes
# no person alone (_never_person; resources/ner/person_share.tsv.gz)
NEVER_PERSON_MIN = 30
NEVER_PERSON_SHARE = 0.03
# a word raw news writes this often with the article is a common noun or adjective
# ("الحدث", "الفريد": resources/text/wordfreq.tsv.gz)
NOUN_SEEN = 50
NAME_PART_SHARE = 0.3  # a word inside a person this often in raw news is a name's part
RARE_WORD = 20  # a word raw news writes fewer times than this is no common Arabic word


class _Homographs(NamedTuple):
    """ner/adjective_homographs.tsv by kind."""

    homographs: frozenset[str]  # country names that are also adjectives ("مالي")
    keep: frozenset[str]  # words after which such a name is the country ("رئيس مالي")
    adjectives: frozenset[str]  # organisations' names that are also adjectives ("الحوثي")
    cued: frozenset[str]  # places that are common nouns unless a place cue names one ("مشهد")


@lru_cache(maxsize=1)
def _non_entities() -> tuple[frozenset[str], frozenset[str]]:
    """ner/not_entities.txt: (normalised keys, exact written forms: the lines with "=")."""
    rows = [r[0] for r in read_table("ner/not_entities.txt")]
    return (frozenset(normalize_key(w) for w in rows if not w.startswith("=")),
            frozenset(strip_marks(w[1:]) for w in rows if w.startswith("=")))


def non_entity(text: str) -> bool:
    key = normalize_key(text)
    keys = [key, "ا" + key] if key.startswith("ل") else [key]  # "ل" + "لدولار" of "للدولار"
    words, _ = _non_entities()
    return written_non_entity(text) or any(
        k in words or (k.startswith("ال") and k[2:] in words) for k in keys)


def written_non_entity(text: str) -> bool:
    """``text``, as written, is a word that is never an entity although its normalised form
    may be a name ("على", "on", folds to "علي", "Ali"). Checked on the model's spans (so they
    seed no propagation) and again on every final span (gazetteer and propagated ones)."""
    return strip_marks(text) in _non_entities()[1]


# prepositions written apart that never open a name ("على" is left out: news also writes
# "علي", Ali, that way: "المخلوع على عبدالله صالح")
LEADING_PREPOSITIONS = frozenset(("في", "من", "إلى", "الى", "عن", "مع"))


@lru_cache(maxsize=32)
def word_list(relative: str) -> frozenset[str]:
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
def name_enders() -> frozenset[str]:
    """Words that end a person's name wherever they follow its first word: kinship nouns
    (kinship.txt) and role nouns that are no family names (name_enders.txt's one-word
    lines)."""
    words = word_list("ner/kinship.txt") | word_list("ner/name_enders.txt")
    return frozenset(w for w in words if " " not in w)


@lru_cache(maxsize=1)
def name_ender_pairs() -> frozenset[tuple[str, ...]]:
    """name_enders.txt's two-word lines: a word that ends a name only before the second
    ("ولي" + "عهد": "محمد بن زايد" + "ولي عهد أبوظبي"; "أحمد ولي مسعود" keeps it)."""
    return frozenset(tuple(w.split()) for w in word_list("ner/name_enders.txt")
                     if len(w.split()) == 2)


def ends_name_at(texts: list[str], i: int) -> bool:
    """Token ``i`` ends the person's name before it (:func:`name_enders`,
    :func:`name_ender_pairs`)."""
    key = token_norm(texts[i])
    return key in name_enders() or (
        i + 1 < len(texts) and (key, token_norm(texts[i + 1])) in name_ender_pairs())


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """ner/titles.txt and the kinship nouns: words that stand before a name, outside it."""
    return word_list("ner/titles.txt") | word_list("ner/kinship.txt")


def is_title(doc: Doc, i: int) -> bool:
    """Token ``i`` is a title or role word ("العقيد"), also after "ل" ("لفقيد")."""
    norm = token_norm(doc[i].text)
    if norm in title_words():
        return True
    return (i > 0 and doc[i - 1].text == "ل" and norm.startswith("ل")
            and "ا" + norm in title_words())


def _words_by_kind(relative: str, kind_first: bool = False) -> dict[str, frozenset[str]]:
    """A two-column table of resources/ (word, kind; or kind, word with ``kind_first``) as
    normalised keys by kind."""
    by_kind: dict[str, set[str]] = {}
    for row in read_table(relative):
        kind, word = (row[0], row[1]) if kind_first else (row[1], row[0])
        by_kind.setdefault(kind, set()).add(normalize_key(word))
    return {kind: frozenset(words) for kind, words in by_kind.items()}


@lru_cache(maxsize=1)
def homograph_table() -> _Homographs:
    """ner/adjective_homographs.tsv as normalised keys; the keep words include
    resources/ner/loc_heads.txt ("شمال مالي")."""
    by_kind = _words_by_kind("ner/adjective_homographs.tsv")
    empty: frozenset[str] = frozenset()
    return _Homographs(by_kind.get("homograph", empty),
                       by_kind.get("keep", empty) | loc_heads(),
                       by_kind.get("adjective", empty), by_kind.get("cued", empty))


# words that join the parts of an Arabic name and never end one: "بن" (son of), "آل"
# (family of), "أبو" (father of), "عبد" (servant of)
NAME_LINKS = frozenset(("بن", "ابن", "بنت", "ال", "ابو", "عبد"))
# second parts of compound given names, which never begin a person's name: "فتح الله",
# "نور الدين", "عبد الرحمن"
SECOND_PARTS = frozenset(("الله", "الدين", "الرحمن"))
# parts of Arabic names that are never a family name on their own (propagate_names)
NAME_PARTS = NAME_LINKS | SECOND_PARTS


@lru_cache(maxsize=1)
def rank_words() -> tuple[frozenset[str], frozenset[str]]:
    """ner/rank_words.txt as normalised keys: the words that give a player's ranking
    ("المصنفة") and the ordinals written after them ("الثالثة", "أولى", "خامسا"; a number
    is a rank too)."""
    by_kind = _words_by_kind("ner/rank_words.txt")
    empty: frozenset[str] = frozenset()
    return by_kind.get("cue", empty), by_kind.get("rank", empty)


@lru_cache(maxsize=1)
def speaker_verbs() -> frozenset[str]:
    """ner/speaker_verbs.txt as normalised keys: the lemmas of the reporting verbs whose
    subject, the speaker, comes right after them ("وأضاف فيشمان")."""
    return frozenset(normalize_key(r[0]) for r in read_table("ner/speaker_verbs.txt"))


@lru_cache(maxsize=1)
def facility_words() -> tuple[frozenset[str], frozenset[str]]:
    """ner/facility_words.tsv as keys: (head nouns, closing adjectives)."""
    by_kind = _words_by_kind("ner/facility_words.tsv", kind_first=True)
    return by_kind["HEAD"], by_kind["ADJ"]


@lru_cache(maxsize=1)
def place_facility_heads() -> frozenset[str]:
    """ner/facility_words.tsv's PLACE heads as keys: "ميناء", "مطار", "معبر"."""
    return _words_by_kind("ner/facility_words.tsv", kind_first=True).get("PLACE", frozenset())


CLUB_HEADS = frozenset(("نادي",))  # normalised keys
TEAM_NOUNS = CLUB_HEADS | {"فريق"}


def is_sports(keys: list[str]) -> bool:
    """The article uses at least two sports words (resources/ner/sports_words.txt)."""
    words = word_list("ner/sports_words.txt")
    bare = {k.lstrip(ATTACHED) for k in keys}
    bare |= {"ا" + k for k in bare if k.startswith("ل")}  # "ل" + "لموسم": "الموسم"
    return len(bare & words) >= 2
