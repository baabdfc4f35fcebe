"""Turn a :class:`DocumentRecord` into pieces a template can render as annotated text.

The text is cut at every boundary of every fact (entity mention, quote, speaker mention,
time expression, event trigger) and sentence, so each piece carries the set of facts that
cover it. Overlaps and nesting (an entity inside a quote) need no special case. Templates
escape every piece (Jinja autoescape); nothing here builds HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rasid.document import DocumentRecord


@dataclass
class Piece:
    """A run of text covered by the same facts."""

    text: str
    start: int
    classes: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)   # fact ids, most specific first
    speaker_badge: str | None = None                  # quote id starting here


@dataclass
class Block:
    """A sentence (``index`` >= 0) or the text between sentences (``index`` == -1)."""

    index: int
    pieces: list[Piece]


# the order in which a click picks a fact: the most specific first
_PRIORITY = {"ent": 0, "spk": 1, "time": 2, "trig": 3, "quote": 4}


def _facts(record: DocumentRecord) -> list[tuple[int, int, str, str, list[str]]]:
    """(start, end, kind, fact id, css classes) for every fact with offsets."""
    out: list[tuple[int, int, str, str, list[str]]] = []
    for e in record.entities:
        for m in e.mentions:
            out.append((m.start, m.end, "ent", e.id, ["ent", f"ent-{e.type}"]))
    for q in record.quotes:
        out.append((q.start, q.end, "quote", q.id, ["quote", f"quote-{q.kind}"]))
        if q.speaker_mention is not None:
            sm = q.speaker_mention
            out.append((sm.start, sm.end, "spk", q.id, ["speaker"]))
    for t in record.times:
        out.append((t.start, t.end, "time", t.id, ["time"]))
    for v in record.events:
        out.append((v.trigger.start, v.trigger.end, "trig", v.id, ["trigger"]))
    return [f for f in out if 0 <= f[0] < f[1] <= len(record.text)]


def blocks(record: DocumentRecord) -> list[Block]:
    """The record's text as sentences of annotated pieces, in order, covering all of it."""
    text = record.text
    facts = _facts(record)
    cuts = {0, len(text)}
    for s in record.sentences:
        cuts.update((max(0, min(s.start, len(text))), max(0, min(s.end, len(text)))))
    for start, end, *_ in facts:
        cuts.update((start, end))
    bounds = sorted(cuts)
    quote_starts = {q.start: q.id for q in record.quotes if q.speaker is not None}
    sentence_of: list[tuple[int, int, int]] = sorted(
        (s.start, s.end, i) for i, s in enumerate(record.sentences))
    out: list[Block] = []
    si = 0
    for a, b in zip(bounds, bounds[1:], strict=False):
        if a >= b:
            continue
        covering = [f for f in facts if f[0] <= a and b <= f[1]]
        covering.sort(key=lambda f: (_PRIORITY[f[2]], f[1] - f[0]))
        classes: list[str] = []
        for f in covering:
            classes += [c for c in f[4] if c not in classes]
        piece = Piece(text=text[a:b], start=a, classes=classes,
                      facts=list(dict.fromkeys(f[3] for f in covering)),
                      speaker_badge=quote_starts.get(a))
        while si < len(sentence_of) and sentence_of[si][1] <= a:
            si += 1
        index = -1
        if si < len(sentence_of) and sentence_of[si][0] <= a and b <= sentence_of[si][1]:
            index = sentence_of[si][2]
        if out and out[-1].index == index:
            out[-1].pieces.append(piece)
        else:
            out.append(Block(index=index, pieces=[piece]))
    return out


def fact_table(record: DocumentRecord) -> dict[str, dict[str, Any]]:
    """Every fact by id, as the details panel shows it (JSON-serialisable)."""
    sent_of = _sentence_index(record)
    names = {e.id: e.name for e in record.entities}
    out: dict[str, dict[str, Any]] = {}
    for e in record.entities:
        first = e.mentions[0].start if e.mentions else 0
        out[e.id] = {"kind": "entity", "type": e.type, "name": e.name, "name_en": e.name_en,
                     "kb_id": e.kb_id, "confidence": e.confidence,
                     "mentions": list(dict.fromkeys(m.text for m in e.mentions)),
                     "sentence": sent_of(first)}
    for q in record.quotes:
        out[q.id] = {"kind": "quote", "type": q.kind, "text": q.text, "verb": q.verb,
                     "speaker": names.get(q.speaker or ""), "speaker_id": q.speaker,
                     "source": names.get(q.source or ""), "confidence": q.confidence,
                     "sentence": sent_of(q.start)}
    for t in record.times:
        out[t.id] = {"kind": "time", "type": t.type, "text": t.text, "value": t.value,
                     "sentence": sent_of(t.start)}
    for v in record.events:
        out[v.id] = {"kind": "event", "type": v.type, "mode": v.mode,
                     "trigger": v.trigger.text, "actor": names.get(v.actor or ""),
                     "target": names.get(v.target or ""),
                     "location": names.get(v.location or ""),
                     "time": next((t.value or t.text for t in record.times if t.id == v.time),
                                  None),
                     "negated": v.negated, "hypothetical": v.hypothetical,
                     "confidence": v.confidence, "sentence": v.sentence}
    return out


def _sentence_index(record: DocumentRecord):
    spans = [(s.start, s.end) for s in record.sentences]

    def find(offset: int) -> int | None:
        for i, (a, b) in enumerate(spans):
            if a <= offset < b:
                return i
        return None

    return find
