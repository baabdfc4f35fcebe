"""The gazetteer ruler: normalisation- and clitic-aware matching of known names over tokens.

Patterns come from data files: resources/ner/gazetteer.tsv (WEAPON, FAC, ORG, MISC), the
GPE lists (countries.tsv, gpe_extra.tsv), loc.tsv, and the knowledge base's seed
(resources/kb/people.tsv and orgs.tsv: each name and alias, so a person added there is both
found and linked; an alias marked "~" as also an ordinary word only links). Each pattern is
tokenised with rasid's tokenizer and every token folded with
:func:`rasid.ner.features.token_norm`, so "إس-400", "اس-400" and "إس 400" (a hyphen-less
variant is added) all match, with any diacritics. Because rasid's tokens already carry
split-off clitics separately, "لموسكو" matches "موسكو"; for a rare word the tokenizer kept
whole ("وهيمارس"), :func:`clitic_splits` proposes where to split the token so the name can
be matched.

Names in resources/ner/ambiguous.txt (or with mode ``label`` in gazetteer.tsv) are common
words too ("فتح", "كيف", "رئيسي"): they only relabel or extend an entity the statistical
model found, never add one.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rasid.ner.features import token_norm
from rasid.ner.geo import gpe_entries, loc_entries
from rasid.resources import read_records, read_table
from rasid.text import never_split, tokenize

__all__ = ["Entry", "Match", "clitic_splits", "english_name", "find", "first_keys",
           "is_listed", "known_people", "name_key", "name_starts", "patterns", "token_keys"]

PROCLITICS = "وفبلك"
_CONJUNCTIONS = "وف"  # first of two proclitics, never second ("وب", "فل"; not "بو", "فو")
_PRIORITY = {"WEAPON": 0, "FAC": 1, "PER": 2, "ORG": 3, "MISC": 4, "GPE": 5, "LOC": 6}


@dataclass(frozen=True, slots=True)
class Entry:
    label: str
    name: str
    name_en: str
    add: bool  # False: only relabel/extend a model entity


@dataclass(frozen=True, slots=True)
class Match:
    start: int  # token index
    end: int  # token index, exclusive
    entry: Entry


def _is_ar(text: str) -> bool:
    return bool(text) and "\u0621" <= text[0] <= "\u06FF"


ATTACHED = "+"  # key prefix of a token written joined to the Arabic token before it


def token_keys(tokens: list[tuple[str, bool]]) -> list[str]:
    """Match keys for (token text, joined-to-previous-token) pairs: the token's norm, with
    ``+`` in front when it continues the previous Arabic word ("لموسكو" → "ل", "+موسكو")."""
    keys: list[str] = []
    prev = ""
    for text, joined in tokens:
        norm = token_norm(text)
        keys.append(ATTACHED + norm if joined and _is_ar(text) and _is_ar(prev) else norm)
        prev = text
    return keys


def pattern_key(text: str) -> tuple[str, ...]:
    toks = tokenize(text)
    pairs = [(t.text, i > 0 and toks[i - 1].end == t.start) for i, t in enumerate(toks)]
    return tuple(token_keys(pairs))


_PLACES = frozenset(("GPE", "LOC"))


def _list_rows() -> Iterator[tuple[str, str, str, bool]]:
    """(label, name, English name, whether it adds an entity or only relabels one) of NER's
    own lists: the places (loc.tsv, then the country lists), then gazetteer.tsv."""
    for name, en in loc_entries():
        yield "LOC", name, en, True
    for name, en in gpe_entries():
        yield "GPE", name, en, True
    for row in read_table("ner/gazetteer.tsv"):
        mode = row[3] if len(row) > 3 else "add"
        yield row[0], row[1], row[2] if len(row) > 2 else "", mode != "label"


@lru_cache(maxsize=1)
def _listed_english() -> dict[tuple[str, ...], tuple[str, str]]:
    """Pattern key → (label, English name) from NER's own lists (places, gazetteer.tsv), not
    from the knowledge base's seed: a name the KB holds but the linker left unlinked (a
    namesake, another type) must not borrow the KB entity's English name."""
    out: dict[tuple[str, ...], tuple[str, str]] = {}
    rows = [(label, name, en) for label, name, en, _ in _list_rows() if en and label != "PER"]
    for label, name, en in rows:
        key = pattern_key(name)
        if key:
            out.setdefault(key, (label, en))
    for label, _, en in rows:  # the name written in Latin letters ("Apple": _add_latin_names)
        if _latin_name(en):
            out.setdefault(pattern_key(en), (label, en))
    return out


def is_listed(name: str) -> bool:
    """``name`` is a name the gazetteer matches (its lists or the knowledge base's seed)."""
    key = pattern_key(name)
    return bool(key) and key in patterns()[0]


def english_name(name: str, label: str) -> str | None:
    """The English name NER's lists give ``name`` as an entity of type ``label`` (a place
    list's name also serves a GPE/LOC of the other kind), or None. The linker reads it for
    names its knowledge base lacks: the gazetteer knows "أهلي جدة" (Al-Ahli Saudi FC) and
    the place lists "أبها" (Abha), which the KB's seed does not hold."""
    found = _listed_english().get(pattern_key(name))
    if found is None:
        return None
    listed, en = found
    return en if listed == label or {listed, label} <= _PLACES else None


def is_ambiguous_name(words: list[str]) -> bool:
    """Whether ``words`` (a span's tokens) spell a name of ambiguous.txt: a common word as
    well as a name ("عسير", difficult, and Asir), which a model may not add on its own."""
    return " ".join(token_keys([(w, False) for w in words])) in _ambiguous()


@lru_cache(maxsize=1)
def _ambiguous() -> frozenset[str]:
    return frozenset(" ".join(pattern_key(r[0])) for r in read_table("ner/ambiguous.txt"))


@lru_cache(maxsize=1)
def patterns() -> tuple[dict[tuple[str, ...], Entry], int, frozenset[str]]:
    """(pattern key → entry, longest pattern in tokens, set of first tokens)."""
    table: dict[tuple[str, ...], Entry] = {}
    ambiguous = _ambiguous()

    def put(label: str, name: str, en: str, add: bool = True) -> None:
        key = pattern_key(name)
        if not key:
            return
        add = add and " ".join(key) not in ambiguous
        entry = Entry(label, name, en, add)
        for variant in {key, tuple(k for k in key if k != "-")}:
            old = table.get(variant)
            if old is None or _PRIORITY[label] < _PRIORITY[old.label]:
                table[variant] = entry

    for label, name, en, add in _list_rows():
        put(label, name, en, add)
    # the knowledge base's seed: people and organisations by name and alias; a weak alias
    # ("~", also an ordinary word: "~صدام", "~الدولة الإسلامية") only links a span NER found
    for person in read_records("kb/people.tsv"):
        for name in _strong_names(person):
            put("PER", _untitled(name), person["name_en"])
    # an organisation's alias that is a head noun + a name the table knows ("منظمة" +
    # "الأمم المتحدة", "صحيفة" + "واشنطن بوست") is left to the head-noun rules, which also
    # read "منظمة الأمم المتحدة للطفولة" as one name
    orgs = [(org["type"], name, org["name_en"]) for org in read_records("kb/orgs.tsv")
            for name in _strong_names(org)]
    from rasid.ner.rules import org_heads  # rules imports this module

    names = set(table) | {pattern_key(name) for _, name, _ in orgs}
    heads = org_heads()
    for label, name, en in orgs:
        key = pattern_key(name)
        if not (key and key[0] in heads and key[1:] in names):
            put(label, name, en)
    _add_latin_names(table)
    longest = max((len(k) for k in table), default=1)
    return table, longest, frozenset(k[0] for k in table)


def _latin_name(en: str) -> bool:
    """An English name that also matches as written in Latin letters: capitalised ASCII
    ("Lenovo", "F-16"; not "coronavirus")."""
    return bool(en) and en[0].isupper() and en.isascii()


def _add_latin_names(table: dict[tuple[str, ...], Entry]) -> None:
    """Each entry's English name as a pattern too: Arabic news writes brands, outlets and
    agencies in Latin letters ("أعلنت شركتا IBM وLenovo", "قال موقع Bloomberg"), which
    the models, trained on Arabic text, typed MISC or missed (of 213 mentions of ten such
    names in raw news, 3 were found as organisations). A name two types give is left out
    ("Amazon": the company and the river), and so is one written in small letters
    ("coronavirus"): a name in Latin letters is capitalised."""
    labels: dict[str, set[str]] = {}
    entries: dict[str, Entry] = {}
    for entry in table.values():
        en = entry.name_en
        if _latin_name(en):
            labels.setdefault(en, set()).add(entry.label)
            entries.setdefault(en, entry)
    for en, entry in entries.items():
        key = pattern_key(en)
        if len(labels[en]) == 1 and key and key not in table:
            # the Arabic form's ambiguity is not the Latin one's ("آبل", Apple, is also
            # "إبل", camels)
            table[key] = Entry(entry.label, en, en, " ".join(key) not in _ambiguous())


@lru_cache(maxsize=1)
def known_people() -> frozenset[tuple[str, ...]]:
    """Pattern keys of the gazetteer's people (resources/kb/people.tsv): names the rules
    never retype as a body or a place."""
    return frozenset(k for k, entry in patterns()[0].items() if entry.label == "PER")


def _strong_names(record: dict[str, str]) -> list[str]:
    """A knowledge-base record's Arabic name and its aliases not marked weak ("~")."""
    names = [record["name_ar"], *record["aliases_ar"].split("|")]
    return [n.strip() for n in names if n.strip() and not n.strip().startswith("~")]


@lru_cache(maxsize=1)
def _title_keys() -> frozenset[str]:
    """Titles and role words (ner/titles.txt, ner/royal_titles.txt) as pattern keys."""
    return frozenset(" ".join(pattern_key(r[0])) for name in ("titles", "royal_titles")
                     for r in read_table(f"ner/{name}.txt"))


def _untitled(name: str) -> str:
    """A KB alias without the titles before it ("الأمير محمد بن سلمان" → "محمد بن سلمان"): a
    title stays outside a person's span, as the model's spans are trimmed. A title before a
    single word stays ("الملك سلمان", "البابا فرنسيس"): the word alone is a common given name."""
    words = name.split()
    titles = _title_keys()
    i = 0
    while len(words) - i > 2:
        for width in (1, 2):
            if " ".join(pattern_key(" ".join(words[i:i + width]))) in titles \
                    and len(words) - i - width >= 2:
                i += width
                break
        else:
            break
    return " ".join(words[i:])


def name_starts(keys: list[str]) -> bool:
    """A gazetteer name that adds an entity (not a weak one) begins at ``keys[0]``: whether
    splitting a proclitic off a rare word ("وهيمارس") is worth it. The first word of a longer
    name alone is not enough: "ليون" (Lyon) is no "ل" + "يون" of "يون سوك يول"."""
    _, longest, _ = patterns()
    hits = find(keys[:longest])
    return bool(hits) and hits[0].start == 0 and hits[0].entry.add


def clitic_splits(norm: str) -> int | None:
    """If ``norm`` (one whole word the tokenizer kept unsplit, normalised) is proclitic(s) +
    a known name's first word ("وهيمارس"), the number of characters to split off (1 or 2).

    Two proclitics come in the tokenizer's order, a conjunction first ("وبهيمارس"), so
    "بوروسيا" and "بوينس" stay whole; words the tokenizer never segments
    (resources/text/no_split.txt: "لسان", "كابل") stay whole here too."""
    _, _, firsts = patterns()
    if norm in firsts or never_split(norm):
        return None
    for n in (1, 2):
        if len(norm) - n < 3 or any(c not in PROCLITICS for c in norm[:n]):
            return None
        if n == 2 and (norm[0] not in _CONJUNCTIONS or norm[1] in _CONJUNCTIONS):
            return None
        rest = norm[n:]
        # "للحلف" is "ل" + the article elided: the tokenizer's business; but "للبنان",
        # "لليبيا", "لليفربول" are "ل" + a name that begins with "ل"
        if norm[n - 1] == "ل" and rest.startswith("ل") and rest not in firsts:
            return None
        if rest in firsts:
            return n
    return None


def name_key(keys: Sequence[str], start: int, end: int) -> tuple[str, ...]:
    """The match keys of tokens ``start:end`` without the mark of a token written onto the
    one before: how one name is compared across its mentions ("لبوتين" and "بوتين")."""
    return tuple(k.lstrip(ATTACHED) for k in keys[start:end])


def first_keys(keys: list[str], i: int) -> list[str]:
    """Keys token ``i`` may match as the first token of a name: itself, or, when it
    continues a word after proclitics only ("و" + "موسكو"), its bare norm; after "ل" an
    elided article is restored ("ل" + "لحلف" → "الحلف")."""
    key = keys[i]
    if not key.startswith(ATTACHED):
        return [key]
    j = i - 1
    while j >= 0 and keys[j].startswith(ATTACHED):
        j -= 1
    if any(len(keys[k].lstrip(ATTACHED)) != 1 or keys[k].lstrip(ATTACHED) not in PROCLITICS
           for k in range(j, i)):
        return []  # the word's earlier part is a stem, not proclitics: never start inside
    bare = key[1:]
    out = [bare]
    if keys[i - 1].lstrip(ATTACHED) == "ل" and bare.startswith("ل") and len(bare) > 2:
        out.append("ا" + bare)
    return out


_GOD = "الله"  # second part of compound names ("عبد الله", "فتح الله", "نصر الله")


def find(keys: list[str]) -> list[Match]:
    """Greedy longest, left-to-right, non-overlapping matches over :func:`token_keys`."""
    table, longest, firsts = patterns()
    out: list[Match] = []
    i, n = 0, len(keys)
    while i < n:
        key = keys[i]
        if key[:1] != ATTACHED and key not in firsts:
            i += 1  # the common case, without building first_keys' list
            continue
        starts = [k for k in first_keys(keys, i) if k in firsts]
        hit = None
        for first in starts:
            for j in range(min(n, i + longest), i, -1):
                if j < n and keys[j].startswith(ATTACHED):
                    # would end inside a word; a pronoun written onto it too: a name takes
                    # none, and every such match on 12,000 news articles was a common word
                    # ("فتحها", its opening; "قطرها", its diameter; "حماسه", his zeal)
                    continue
                entry = table.get((first, *keys[i + 1:j]))
                if entry is not None and j < n and keys[j] == _GOD and entry.label != "PER":
                    # would end inside a theophoric name: "فتح" (Fatah) + "الله كولن"; a
                    # person may be followed by a blessing ("للملك سلمان الله يطول عمره")
                    continue
                if entry is not None:
                    if hit is None or j > hit.end:
                        hit = Match(i, j, entry)
                    break
        if hit is None:
            i += 1
        else:
            out.append(hit)
            i = hit.end
    return out
