"""The time lexicon: month, weekday, ordinal, number and unit words loaded from resources/time/.

Every form is stored in rasid's matching normalisation (:func:`rasid.text.normalize`), the
same form the tagger's regular expressions run over, so "أكتوبر" and "اكتوبر", "١٥" and "15"
are one entry. Loaded once, lazily, and cached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rasid.resources import read_table
from rasid.text import normalize


def norm(form: str) -> str:
    """A lexicon form in matching normalisation, single-spaced."""
    return " ".join(normalize(form).text.split())


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]
    ambiguous_months: frozenset[str]
    hijri_months: dict[str, int]
    ambiguous_hijri: frozenset[str]
    weekdays: dict[str, int]
    ordinals: dict[str, int]
    hour_ordinals: dict[str, int]
    numbers: dict[str, str]
    units: dict[str, tuple[str, int]]
    words: dict[str, dict[str, str]] = field(default_factory=dict)

    def cat(self, category: str) -> dict[str, str]:
        return self.words.get(category, {})


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    months: dict[str, int] = {}
    amb: set[str] = set()
    for form, num, ambiguous in read_table("time/months.tsv"):
        months[norm(form)] = int(num)
        if ambiguous.strip() == "1":
            amb.add(norm(form))
    hijri: dict[str, int] = {}
    hamb: set[str] = set()
    for form, num, ambiguous in read_table("time/hijri_months.tsv"):
        hijri[norm(form)] = int(num)
        if ambiguous.strip() == "1":
            hamb.add(norm(form))
    weekdays = {norm(f): int(n) for f, n in read_table("time/weekdays.tsv")}
    ordinals: dict[str, int] = {}
    hour_ordinals: dict[str, int] = {}
    for form, num, gender in read_table("time/ordinals.tsv"):
        (hour_ordinals if gender.strip() == "f" else ordinals)[norm(form)] = int(num)
    numbers = {norm(f): v.strip() for f, v in read_table("time/numbers.tsv")}
    units = {norm(f): (d.strip(), int(c)) for f, d, c in read_table("time/units.tsv")}
    words: dict[str, dict[str, str]] = {}
    for row in read_table("time/lexicon.tsv"):
        category, form = row[0].strip(), row[1]
        value = row[2].strip() if len(row) > 2 else ""
        words.setdefault(category, {})[norm(form)] = value
    return Lexicon(months, frozenset(amb), hijri, frozenset(hamb), weekdays, ordinals, hour_ordinals,
                   numbers, units, words)


def alt(forms) -> str:
    """A regex alternation of normalised forms, longest first; spaces match any whitespace."""
    items = sorted(set(forms), key=lambda s: (-len(s), s))
    return "(?:" + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in items) + ")"


def key(surface: str) -> str:
    """Normalised, single-spaced form of a matched surface (for lexicon lookup)."""
    return " ".join(surface.split())
