"""Helpers that tie time expressions to events: the event's time, and a record's timeline.

    >>> event_time(record, (trigger.start, trigger.end))   # -> "t3" or None
    >>> event_time(record, 4)                              # the time of sentence 4
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rasid.document import DocumentRecord, TimeExpression

# Clause boundaries inside a sentence: Arabic/Latin comma, semicolon, colon, dash pairs.
_CLAUSE = re.compile(r"[،,؛;:]|\s[-–—]\s")
_POINT_TYPES = ("DATE", "TIME")


def _sentence_bounds(record: DocumentRecord, where: int | Sequence[int]) -> tuple[int, int]:
    if isinstance(where, int):
        if not 0 <= where < len(record.sentences):
            raise IndexError(f"sentence {where} out of range (record has "
                             f"{len(record.sentences)} sentences)")
        s = record.sentences[where]
        return s.start, s.end
    start = where[0]
    for s in record.sentences:
        if s.start <= start < s.end:
            return s.start, s.end
    return 0, len(record.text)


def _clause(text: str, lo: int, hi: int, pos: int) -> tuple[int, int]:
    """The clause of [lo, hi) containing ``pos``, bounded by commas and semicolons."""
    start, end = lo, hi
    for m in _CLAUSE.finditer(text, lo, hi):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def event_time(record: DocumentRecord, where: int | Sequence[int]) -> str | None:
    """The id of the time expression that dates an event, or None.

    ``where`` is a sentence index (into ``record.sentences``) or a char span
    ``(start, end)`` of the event's trigger. Only DATE and TIME expressions date an event
    (a DURATION or SET does not). With a span: the nearest time expression in the
    trigger's clause (commas and semicolons bound it), else the nearest in its sentence.
    With a sentence index: the sentence's first DATE/TIME.
    """
    lo, hi = _sentence_bounds(record, where)
    inside = [t for t in record.times
              if t.type in _POINT_TYPES and lo <= t.start and t.end <= hi]
    if not inside:
        return None
    if isinstance(where, int):
        return min(inside, key=lambda t: t.start).id
    start, end = where[0], where[1] if len(where) > 1 else where[0]
    c_lo, c_hi = _clause(record.text, lo, hi, start)

    def distance(t: TimeExpression) -> int:
        if t.end <= start:
            return start - t.end
        return max(0, t.start - end)

    same_clause = [t for t in inside if c_lo <= t.start and t.end <= c_hi]
    return min(same_clause or inside, key=lambda t: (distance(t), t.start)).id


# --------------------------------------------------------------------------- timeline

def sort_key(value: str | None) -> tuple:
    """Chronological key for TIMEX values of mixed precision ("2024", "2024-07",
    "2024-W27", "2024-07-05", "2024-07-05TEV"); unresolved and non-point values sort last.
    A coarser value sorts before the finer values it contains."""
    if not value:
        return (1,)
    m = re.match(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?", value)
    if not m:
        m2 = re.match(r"(\d{2,3})$", value)  # century "19" or decade "199"
        if m2:
            digits = m2.group(1)
            return (0, int(digits.ljust(4, "0")), 0, 0, value)
        return (1, value)
    week = re.match(r"(\d{4})-W(\d\d)", value)
    if week:
        import datetime as dt

        day = dt.date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        return (0, day.year, day.month, day.day, value)
    return (0, int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0), value)


@dataclass
class TimelineEntry:
    time: str  # the time expression's id
    value: str | None
    text: str
    events: list[str] = field(default_factory=list)  # ids of events dated by it


def timeline(record: DocumentRecord) -> list[TimelineEntry]:
    """The record's DATE/TIME expressions in chronological order, each with the events
    whose ``time`` points to it. Unresolved values come last, in text order."""
    by_time: dict[str, list[str]] = {}
    for event in record.events:
        if event.time:
            by_time.setdefault(event.time, []).append(event.id)
    points = [t for t in record.times if t.type in _POINT_TYPES]
    points.sort(key=lambda t: (sort_key(t.value), t.start))
    return [TimelineEntry(t.id, t.value, t.text, by_time.get(t.id, [])) for t in points]
