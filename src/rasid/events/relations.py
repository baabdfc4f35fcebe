"""Entity relations with evidence: roles, membership, alliances and containment.

Patterns over the same tokens and mentions the event coder uses (see extract.py); the words
live in ``rasid/resources/events/relations.tsv``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache

from rasid.document import DocumentRecord, Offsets, Relation
from rasid.events.extract import SENT_BREAKS, Mention, _mentions, _tokens
from rasid.events.lexicon import key, strip_al
from rasid.resources import read_table
from rasid.text import tokenize


@dataclass(frozen=True)
class _Pattern:
    words: tuple[str, ...]
    label: str
    type: str


@lru_cache(maxsize=1)
def _patterns() -> dict[str, list[_Pattern]]:
    out: dict[str, list[_Pattern]] = {}
    for row in read_table("events/relations.tsv"):
        kind, words, label, typ = (row + ["-"] * 4)[:4]
        phrases = words.split("|") if "|" in words else words.split()
        for ph in phrases:
            ws = tuple(strip_al(key(t.text)) for t in tokenize(ph))
            out.setdefault(kind, []).append(_Pattern(ws, label, typ))
    for pats in out.values():
        pats.sort(key=lambda p: -len(p.words))
    return out


# first word -> patterns (longest first), per pattern list of _patterns(): a lookup per
# position instead of trying every pattern there
_BY_FIRST: dict[int, dict[str, list[_Pattern]]] = {}


def _match_at(keys: list[str], n: int, pats: list[_Pattern]) -> _Pattern | None:
    if not pats or not 0 <= n < len(keys):
        return None
    index = _BY_FIRST.get(id(pats))
    if index is None:
        index = {}
        for p in pats:
            index.setdefault(p.words[0] if p.words else "", []).append(p)
        _BY_FIRST[id(pats)] = index
    for p in index.get(keys[n], ()):
        if tuple(keys[n:n + len(p.words)]) == p.words:
            return p
    return None


def extract_relations(record: DocumentRecord) -> list[Relation]:
    toks = _tokens(record)
    # actor phrases ("الخارجية الألمانية" -> برلين) are for events, not relation tails
    mentions = [x for x in _mentions(record, toks) if not x.phrase]
    keys = [t.base for t in toks]
    pats = _patterns()
    by_start: dict[int, Mention] = {}
    for m in mentions:
        by_start.setdefault(m.i, m)
    out: list[Relation] = []
    seen: set[tuple[str, str, str, str | None]] = set()

    def add(typ: str, head: Mention, tail: Mention, label: str, s: int, e: int) -> None:
        if head.entity == tail.entity:
            return
        sig = (typ, head.entity, tail.entity, label)
        if sig in seen:
            return
        seen.add(sig)
        out.append(Relation(type=typ, head=head.entity, tail=tail.entity, label=label,
                            evidence=Offsets(toks[s].start, toks[e - 1].end),
                            confidence=0.7))

    def broken(a: int, b: int) -> bool:
        return any(toks[k].text in SENT_BREAKS or toks[k].text in "،,\"«»()"
                   for k in range(a, b))

    # token indices of person mentions, sorted, so "another person in between" is a
    # bisect rather than a scan over every mention (a list of names has thousands)
    person_starts = sorted(x.i for x in mentions if x.type == "PER" and not x.nisba)
    by_token = sorted(mentions, key=lambda x: x.i)
    token_starts = [x.i for x in by_token]

    def person_between(a: int, b: int) -> bool:
        k = bisect.bisect_right(person_starts, a)
        return k < len(person_starts) and person_starts[k] < b

    for m in mentions:
        if m.type != "PER" or m.nisba:
            continue
        # role: the nearest title up to 12 tokens before the person that has the
        # organisation or country between it and the person ("الرئيس الإيراني إبراهيم
        # رئيسي"); no other person in between; a comma only right before the name
        for t in range(m.i - 1, max(-1, m.i - 13), -1):
            if person_between(t, m.i):
                break
            end_ok = m.i - 1 if toks[m.i - 1].text in "،," else m.i
            if broken(t, end_ok):
                break
            p = _match_at(keys, t, pats.get("title", []))
            if p is None:
                continue
            window = by_token[bisect.bisect_left(token_starts, t + len(p.words)):
                              bisect.bisect_left(token_starts, m.i)]
            between = [x for x in window if x.j <= m.i
                       and x.type != "PER" and x.primary]  # "الألماني" is not برلين
            if between:
                tail = next((x for x in between if not x.nisba), between[0])
                add(p.type, m, tail, p.label, t, m.j)
                break
    for m in mentions:
        if m.nisba:
            continue
        # member_of / ally_of: X <words> Y
        for kind in ("member", "ally"):
            for n in range(m.j, min(m.j + 3, len(toks))):
                p = _match_at(keys, n, pats.get(kind, []))
                if p is None:
                    continue
                end = n + len(p.words)
                tail = next((by_start[k] for k in range(end, min(end + 3, len(toks)))
                             if k in by_start), None)
                if tail and not broken(m.j, tail.i) and tail.type in ("ORG", "GPE", "MISC"):
                    add(p.type, m, tail, p.label, m.i, tail.j)
                break
        # located_in: مدينة X في/ب Y
        if m.type in ("GPE", "LOC", "FAC") and m.i > 0:
            if _match_at(keys, m.i - 1, pats.get("place_noun", [])) is None:
                continue
            if m.j < len(toks) and keys[m.j] in ("في", "ب"):
                tail = by_start.get(m.j + 1)
                if tail and tail.type in ("GPE", "LOC") and not tail.nisba:
                    add("located_in", m, tail, "located_in", m.i - 1, tail.j)
            elif m.j < len(toks) and m.j in by_start and by_start[m.j].nisba:
                add("located_in", m, by_start[m.j], "located_in", m.i - 1, by_start[m.j].j)
    return out
