"""Generic actor phrases: doers named by a common noun, not a name.

News names many actors by what they are: "قوات الاحتلال", "الشرطة الباكستانية", "مسلحون",
"جيش الاحتلال", "القوات الروسية". The entity recogniser rightly does not tag
them, so the event coder would leave those events without an actor. This module finds them
over rasid's tokens with the word list in ``resources/events/actors.tsv``:

- a phrase qualified by a nationality adjective (``nisba.tsv``) or a country in iDafa, or
  one with a default party ("الاحتلال" -> إسرائيل), stands for that country when the
  country is an entity of the record: the event's actor is the country's id;
- any other phrase (no qualifier, or a country the record does not name) becomes an entity
  of its own (:func:`add_actor_entities`): type ORG, no ``kb_id``, confidence 0.5, named
  by its surface and in English by the glosses of actors.tsv (:func:`english_name`: an
  analyst who reads the English column should not meet a blank for "الحكومة"), one entity
  per distinct phrase with all its occurrences as mentions. OUTPUT.md requires an event's
  actor to be an entity id of the record; this is how an actor that is not a named entity
  is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rasid.document import DocumentRecord, Entity, Span
from rasid.events.lexicon import key, strip_al
from rasid.resources import read_table

ACTOR_CONFIDENCE = 0.5


@dataclass(frozen=True)
class _Word:
    cls: str
    alone: str  # yes / def / no
    default: tuple[str, ...]  # referent name keys
    english: str | None  # the gloss an actor's English name is composed of


@dataclass(frozen=True)
class ActorPhrase:
    """Tokens [i, j) of a generic actor phrase."""

    i: int
    j: int
    start: int
    end: int
    text: str
    entity: str | None  # the record entity it stands for (a country), else None
    country_named: bool  # a nationality or country qualifies it (even if not in the record)
    english: str | None = None  # its English gloss, without the country (see english_name)
    country: tuple[str, ...] = ()  # referent name keys of the nationality that qualifies it


@lru_cache(maxsize=1)
def _table() -> dict[tuple[str, ...], _Word]:
    out: dict[tuple[str, ...], _Word] = {}
    for row in read_table("events/actors.tsv"):
        word, cls, alone, default, english = (row + ["-"] * 5)[:5]
        words = tuple(strip_al(key(w)) for w in word.split())
        refs = () if default == "-" else tuple(strip_al(key(n)) for n in default.split("|"))
        prev = out.get(words)
        if prev is not None:  # one row per word: keep the most permissive "alone"
            alone = min(prev.alone, alone, key=("yes", "def", "no").index)
        out[words] = _Word(cls, alone, refs, None if english == "-" else english)
    return out


@lru_cache(maxsize=1)
def _first_words() -> dict[str, int]:
    """First word of each entry -> the longest entry starting with it (in words)."""
    out: dict[str, int] = {}
    for k in _table():
        out[k[0]] = max(out.get(k[0], 0), len(k))
    return out


def _word_at(keys: Sequence[str], n: int) -> tuple[int, _Word] | None:
    """The longest table entry starting at token n: (its length in tokens, entry).
    ``keys`` are token keys without ال (strip_al)."""
    longest = _first_words().get(keys[n])
    if longest is None:
        return None
    table = _table()
    for width in range(min(longest, len(keys) - n), 0, -1):
        hit = table.get(tuple(keys[n:n + width]))
        if hit is not None:
            return width, hit
    return None


def starts_actor_phrase(keys: Sequence[str], n: int) -> bool:
    """Does a head word of the table ("قوات", "الشرطة", "جيش") start at token n?"""
    hit = _word_at([strip_al(k) for k in keys[n:n + 4]], 0)
    return hit is not None and hit[1].cls not in ("qualifier", "adjective", "title")


def find_actor_phrases(text: str, toks: Sequence, covered: set[int],
                       starts: dict[int, tuple[str, str, int]],
                       names: dict[str, tuple[str, str]],
                       nisba: dict[str, tuple[str, ...]]) -> list[ActorPhrase]:
    """Generic actor phrases in ``toks`` (objects with start, end, text, key).

    ``covered``: token indices inside entity mentions (never part of a phrase);
    ``starts``: token index -> (entity id, type, end token) for mentions starting there;
    ``names``: name key (no ال) -> (entity id, type) of the record's entities;
    ``nisba``: adjective key (no ال) -> referent name keys (from nisba.tsv).
    """
    full = [t.key for t in toks]
    try:
        keys = [t.base for t in toks]  # rasid.events.extract.Tok: the key without ال
    except AttributeError:
        keys = [strip_al(k) for k in full]
    out: list[ActorPhrase] = []
    n = 0
    while n < len(toks):
        if n in covered:
            n += 1
            continue
        hit = _word_at(keys, n)
        if hit is None or hit[1].cls in ("qualifier", "adjective", "title"):
            n += 1
            continue
        if n > 0 and (prev := _word_at(keys, n - 1)) is not None and prev[1].cls == "title":
            n += 1  # "وزير [الخارجية الروسي]": part of a person's title
            continue
        width, head = hit
        definite = full[n].startswith("ال")
        j = n + width
        default = head.default
        qualified = False
        adjectives: list[str | None] = []
        qualifiers: list[str | None] = []
        while j < len(toks) and j not in covered:  # "قوات الأمن الخاصة", "جنود الاحتلال"
            more = _word_at(keys, j)
            if more is None:
                break
            w2, word = more
            if word.cls not in ("adjective",):
                qualified = True
            (adjectives if word.cls == "adjective" else qualifiers).append(word.english)
            default = default or word.default
            j += w2
        country: tuple[str, ...] = ()
        entity: str | None = None
        if j < len(toks) and j not in covered:
            two = keys[j] + " " + keys[j + 1] if j + 1 < len(toks) else None
            for cand, w2 in ((two, 2), (keys[j], 1)):
                if cand and cand in nisba:
                    country, j = nisba[cand], j + w2
                    break
        elif (j in starts and starts[j][1] in ("GPE", "ORG")
              and not full[j - 1].startswith("ال")):
            entity, _, j = starts[j]  # iDafa: "شرطة باكستان", "قوات [الاحتلال]", "قوات الناتو"
        elif j in starts and starts[j][2] == j + 1 and keys[j] in nisba:
            entity, _, j = starts[j]  # the nisba is itself tagged: "السلطات [اليونانية]"
        if entity is None and not country and not qualified and not default:
            if head.alone == "no" or (head.alone == "def" and not definite):
                n = j if j > n + width else n + 1
                continue
        if entity is None:
            for ref in country or default:
                if ref in names:
                    entity = names[ref][0]
                    break
        if j in starts and starts[j][1] == "PER":
            n = j  # "قائد الجيش الفريق ... البرهان": a title before a name
            continue
        start, end = toks[n].start, toks[j - 1].end
        glosses = [*adjectives, *reversed(qualifiers), head.english]
        english = " ".join(g for g in glosses if g) if all(glosses) else None
        out.append(ActorPhrase(n, j, start, end, text[start:end], entity,
                               bool(country) or entity is not None, english, country))
        n = j
    return out


def add_actor_entities(record: DocumentRecord, toks: Sequence | None = None) -> list[Entity]:
    """Add an entity for every generic actor phrase of ``record`` that does not stand for
    an entity already there; returns the entities added (also appended to the record)."""
    from rasid.events.extract import _nisba_table, _tokens, entity_names, mention_tokens

    toks = list(toks) if toks is not None else _tokens(record)
    spans, covered = mention_tokens(record, toks)
    starts = {i: (eid, typ, j) for i, j, eid, typ in spans}
    phrases = find_actor_phrases(record.text, toks, covered, starts, entity_names(record),
                                 _nisba_table())
    by_key: dict[str, Entity] = {}
    used = {e.id for e in record.entities}
    n = len(record.entities)
    added: list[Entity] = []
    for ph in phrases:
        if ph.entity is not None:
            continue
        k = " ".join(strip_al(w) for w in key(ph.text).split())
        ent = by_key.get(k)
        if ent is None:
            n += 1
            while f"e{n}" in used:
                n += 1
            ent = Entity(f"e{n}", "ORG", ph.text, [], name_en=english_name(ph),
                         confidence=ACTOR_CONFIDENCE)
            used.add(ent.id)
            by_key[k] = ent
            added.append(ent)
        ent.mentions.append(Span(ph.start, ph.end, ph.text))
    record.entities.extend(added)
    return added


def english_name(phrase: ActorPhrase) -> str | None:
    """The English name of an actor entity: its words' glosses (actors.tsv), with the
    country that qualifies it in parentheses ("القوات الروسية" -> "forces (Russia)"), or
    None where a word or the country has no English name."""
    if phrase.english is None or not phrase.country:
        return phrase.english
    country = _country_english(phrase.country)
    return f"{phrase.english} ({country})" if country else None


@lru_cache(maxsize=256)
def _country_english(referents: tuple[str, ...]) -> str | None:
    """The knowledge base's English name of the first referent (nisba.tsv) it knows as a
    country or territory."""
    from rasid.kb import open_kb

    kb = open_kb()
    for name in referents:
        for ent in kb.lookup(name, types=("GPE",)):
            if ent.name_en:
                return ent.name_en
    return None
