"""The publication date of an article from its text: "نشر في ...", or a dateline.

The lead's ingest calls :func:`find_published` when metadata gives no date.

    >>> find_published("الرياض - 12 مارس 2024 (واس) - أعلن ...")
    datetime.date(2024, 3, 12)
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from rasid.resources import read_table
from rasid.text import normalize
from rasid.time.tagger import tag_times

HEAD_CHARS = 300  # a dateline sits in the first lines
LEAD_MAX = 60  # at most this much (a city, an agency) before the date on its line
SHORT_LINE_WORDS = 3  # a line starting with a date and little else is a date line
# a dateline's lead ends in a dash, colon or bar: "الرياض -", "القاهرة (رويترز) -"
_DATELINE_LEAD = re.compile(r"^\W*\w+(?:\s+\w+){0,3}\s*(?:\([^)]*\))?\s*[-–—:|]\s*$")


@lru_cache(maxsize=1)
def _markers() -> re.Pattern:
    words = [normalize(row[1]).text for row in read_table("time/lexicon.tsv")
             if row[0].strip() == "published"]
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"(?:{alternation})\s*[:：]?\s*")


def _full_date(value: str | None) -> dt.date | None:
    if value and re.fullmatch(r"\d{4}-\d\d-\d\d", value[:10]) and len(value) in (10, 13):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def find_published(text: str) -> dt.date | None:
    """The publication date stated in ``text``, or None.

    First a date right after a publication marker ("نشر في", "تاريخ النشر", "آخر تحديث",
    data in resources/time/lexicon.tsv), anywhere in the text; else an absolute full date
    in the first lines with little before it on its line ("الرياض - 12 مارس 2024").
    Dates without a year ("زغرب 16 يوليوز") are not guessed.
    """
    if not text:
        return None
    norm = normalize(text)
    for m in _markers().finditer(norm.text):
        start = norm.to_original(m.end())
        times, _ = tag_times(text[start:start + 60], None)
        if times and times[0].start <= 3:
            day = _full_date(times[0].value)
            if day:
                return day
    head = text[:HEAD_CHARS]
    times, _ = tag_times(head, None)
    for t in times:
        day = _full_date(t.value)
        if day is None:
            continue
        line_start = head.rfind("\n", 0, t.start) + 1
        line_end = text.find("\n", t.end)
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        lead = head[line_start:t.start]
        if len(lead) > LEAD_MAX:
            continue
        rest = line.replace(t.text, " ", 1).split()
        if _DATELINE_LEAD.search(lead) or (not lead.strip() and len(rest) <= SHORT_LINE_WORDS):
            return day
    return None
