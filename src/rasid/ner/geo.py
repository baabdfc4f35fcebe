"""GPE (countries, cities: political units) vs LOC (regions, seas, mountains) from data files.

ANERcorp tags all places LOC; rasid distinguishes them with this one rule, applied both when
converting the training data and to the model's predictions:

1. a name in resources/ner/loc.tsv is LOC;
2. a name in resources/ner/countries.tsv or gpe_extra.tsv is GPE;
3. a name whose first word is in resources/ner/loc_heads.txt ("بحر", "جنوب", ...) is LOC;
4. otherwise the caller's default (GPE for ANERcorp's LOC; the model's own label at
   prediction time).
"""

from __future__ import annotations

from functools import lru_cache

from rasid.resources import read_table
from rasid.runtime import WORD_CACHE_SIZE
from rasid.text import normalize_key

__all__ = ["country_names", "geo_label", "gpe_entries", "gpe_names", "head_complements",
           "is_place_head", "loc_entries", "loc_heads", "loc_names"]


def _key(text: str) -> str:
    return normalize_key(text)


@lru_cache(maxsize=1)
def gpe_entries() -> tuple[tuple[str, str], ...]:
    """(Arabic name as written in the data file, English name) for every known GPE."""
    rows = list(read_table("ner/countries.tsv")) + list(read_table("ner/gpe_extra.tsv"))
    return tuple((r[0], r[1] if len(r) > 1 else "") for r in rows)


@lru_cache(maxsize=1)
def loc_entries() -> tuple[tuple[str, str], ...]:
    return tuple((r[0], r[1] if len(r) > 1 else "") for r in read_table("ner/loc.tsv"))


@lru_cache(maxsize=1)
def gpe_names() -> dict[str, str]:
    """Normalised Arabic name → English name, for every known GPE."""
    return {_key(name): en for name, en in gpe_entries()}


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Normalised Arabic names of countries only (countries.tsv; no cities or regions)."""
    return frozenset(_key(r[0]) for r in read_table("ner/countries.tsv"))


@lru_cache(maxsize=1)
def loc_names() -> dict[str, str]:
    return {_key(name): en for name, en in loc_entries()}


@lru_cache(maxsize=1)
def loc_heads() -> frozenset[str]:
    """Normalised head nouns of place names (resources/ner/loc_heads.txt: "جزيرة", "بحر")."""
    return frozenset(_key(r[0]) for r in read_table("ner/loc_heads.txt"))


@lru_cache(maxsize=1)
def head_complements() -> dict[str, frozenset[str]]:
    """Normalised head → the normalised words one of which must follow it for a place name
    (loc_heads.txt's second column: "شبه" only in "شبه جزيرة", "شبه القارة")."""
    return {_key(r[0]): frozenset(_key(w) for w in r[1].split())
            for r in read_table("ner/loc_heads.txt") if len(r) > 1 and r[1].strip()}


@lru_cache(maxsize=WORD_CACHE_SIZE)
def is_place_head(word: str) -> bool:
    """``word``, with or without the article, is a head noun of a place name in
    resources/ner/loc_heads.txt ("جزيرة", "الجزيرة", "بحر", "شمال")."""
    key = _key(word)
    heads = loc_heads()
    return key in heads or (key.startswith("ال") and key[2:] in heads)


@lru_cache(maxsize=WORD_CACHE_SIZE)
def geo_label(text: str, default: str = "GPE") -> str:
    """'GPE' or 'LOC' for a place name (see the module docstring for the rule)."""
    key = _key(text)
    if key in loc_names():
        return "LOC"
    if key in gpe_names():
        return "GPE"
    first = key.split(" ", 1)[0]
    if first in loc_heads() and " " in key:
        return "LOC"
    return default
