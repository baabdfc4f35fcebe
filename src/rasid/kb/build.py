"""Build the packaged knowledge base from the curated TSV files in ``resources/kb/``.

    python -m rasid.kb.build            # writes src/rasid/resources/kb/kb.sqlite
    python -m rasid.kb.build --out x.sqlite

The output is deterministic (sorted rows, no timestamps): a test rebuilds it and compares
the content with the committed file, so the KB never drifts from its sources.
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from rasid.kb.keys import match_key
from rasid.resources import read_records, read_text, resource_path

__all__ = ["SCHEMA", "SOURCES", "build", "create_schema", "default_output", "nisba_forms"]

SCHEMA_VERSION = "1"
SOURCES = ("countries.tsv", "places.tsv", "orgs.tsv", "people.tsv", "roles.tsv",
           "titles.tsv", "state_nouns.txt", "petrarch_people.tsv")

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entities (
    kb_id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    name_ar TEXT,
    name_en TEXT,
    country TEXT,
    kind TEXT,
    prior REAL NOT NULL DEFAULT 0.5,
    source TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS aliases (
    key TEXT NOT NULL,
    kb_id TEXT NOT NULL,
    alias TEXT NOT NULL,
    kind TEXT NOT NULL,
    lang TEXT NOT NULL DEFAULT 'ar',
    PRIMARY KEY (key, kb_id, lang)
);
CREATE INDEX IF NOT EXISTS aliases_kb ON aliases (kb_id);
CREATE TABLE IF NOT EXISTS roles (
    person TEXT NOT NULL,
    role TEXT NOT NULL,
    of TEXT NOT NULL,
    valid_from TEXT,
    valid_to TEXT
);
CREATE INDEX IF NOT EXISTS roles_of ON roles (role, of);
CREATE TABLE IF NOT EXISTS titles (key TEXT NOT NULL, phrase TEXT NOT NULL, role TEXT NOT NULL,
                                   form TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS state_nouns (key TEXT PRIMARY KEY);
"""

# alias kinds: name (canonical), alias (curated variant), short (derived last name, weak),
# weak (curated but also an ordinary word), nisba (nationality adjective), en (English label)
STRONG_KINDS = ("name", "alias")
PRIORS = {"country": 1.0, "capital": 0.8, "GPE": 0.6, "LOC": 0.6, "FAC": 0.5, "ORG": 0.6,
          "PER": 0.5}
_RANK = ("weak", "short", "nisba", "en", "alias", "name")
_NO_SHORT_AFTER = {"بن", "ابن", "ابو", "عبد", "ال", "ابي", "ام", "بنت", "آل"}


def default_output() -> Path:
    return Path(str(resource_path("kb"))) / "kb.sqlite"


def create_schema(conn: sqlite3.Connection) -> None:
    conn.executescript(SCHEMA)


def _table(name: str) -> Iterator[dict[str, str]]:
    return read_records(f"kb/{name}")


def _split(cell: str) -> list[str]:
    return [a.strip() for a in cell.split("|") if a.strip()]


def nisba_forms(nisba: str) -> list[str]:
    """'إيراني' -> إيراني, إيرانية, إيرانيين, إيرانيون, إيرانيان (each word of a compound)."""
    words = nisba.split()
    out = []
    for suffix in ("", "ة", "ين", "ون", "ان"):
        out.append(" ".join(w + suffix for w in words))
    return out


class _Builder:
    def __init__(self) -> None:
        self.entities: dict[str, tuple] = {}
        self.aliases: dict[tuple[str, str, str], tuple] = {}
        self.key_to_id: dict[str, str] = {}  # table key (iso3 / slug) -> kb_id
        self.weak: set[tuple[str, str]] = set()

    def entity(self, key: str, qid: str, type_: str, name_ar: str, name_en: str | None,
               country: str | None, kind: str, prior: float, source: str = "seed",
               name_kind: str = "name") -> str:
        kb_id = qid or f"R:{key}"
        if kb_id in self.entities:
            raise ValueError(f"duplicate kb entry {kb_id} ({key})")
        self.key_to_id[key] = kb_id
        self.entities[kb_id] = (kb_id, type_, name_ar, name_en, country, kind, prior, source)
        self.alias(kb_id, name_ar, name_kind)
        if name_en:
            self.alias(kb_id, name_en, "en", lang="en")
        return kb_id

    def alias(self, kb_id: str, text: str, kind: str, lang: str = "ar") -> None:
        weak = text.startswith("~")
        text = text.lstrip("~")
        key = match_key(text) if lang == "ar" else " ".join(text.lower().split())
        if not key:
            return
        if weak:
            self.weak.add((key, kb_id))
        if (key, kb_id) in self.weak:
            kind = "weak"
        prev = self.aliases.get((key, kb_id, lang))
        if prev is not None and kind != "weak" and _RANK.index(prev[3]) >= _RANK.index(kind):
            if prev[2].startswith("ال") and not text.startswith("ال"):
                # keep the spelling without the article: the linker checks whether a key is
                # only ever written with it ("الرياض")
                self.aliases[(key, kb_id, lang)] = (key, kb_id, text, prev[3], lang)
            return
        self.aliases[(key, kb_id, lang)] = (key, kb_id, text, kind, lang)


def _short_form(name_ar: str) -> str | None:
    words = name_ar.split()
    if len(words) < 2 or len(words[-1]) < 3:
        return None
    if match_key(words[-2]) in _NO_SHORT_AFTER or words[-2] in _NO_SHORT_AFTER:
        return None
    return words[-1]


def _collect() -> tuple[_Builder, list[tuple], list[tuple], list[tuple]]:
    b = _Builder()
    capitals: dict[str, str] = {}
    for r in _table("countries.tsv"):
        iso = r["iso3"]
        kb_id = b.entity(f"iso-{iso.lower()}", r["qid"], "GPE", r["name_ar"], r["name_en"],
                         None, "country", PRIORS["country"])
        b.key_to_id[iso] = kb_id
        for a in _split(r["aliases_ar"]):
            b.alias(kb_id, a, "alias")
        for n in _split(r["nisba_ar"]):
            for form in nisba_forms(n):
                b.alias(kb_id, form, "nisba")
        capitals[iso] = r["capital_en"]
    # countries reference themselves by kb_id
    for kb_id, row in list(b.entities.items()):
        b.entities[kb_id] = row[:4] + (kb_id,) + row[5:]
    for r in _table("places.tsv"):
        country = b.key_to_id.get(r["country"]) if r["country"] else None
        kind = "capital" if r["capital"] == "1" else r["type"].lower()
        prior = PRIORS["capital"] if kind == "capital" else PRIORS[r["type"]]
        kb_id = b.entity(r["key"], r["qid"], r["type"], r["name_ar"], r["name_en"], country,
                         kind, prior)
        for a in _split(r["aliases_ar"]):
            b.alias(kb_id, a, "alias")
    for r in _table("orgs.tsv"):
        country = b.key_to_id.get(r["country"]) if r["country"] else None
        kb_id = b.entity(r["key"], r["qid"], r["type"], r["name_ar"], r["name_en"], country,
                         r["kind"], PRIORS[r["type"]])
        for a in _split(r["aliases_ar"]):
            b.alias(kb_id, a, "alias")
    for r in _table("people.tsv"):
        country = b.key_to_id.get(r["country"]) if r["country"] else None
        kb_id = b.entity(r["key"], r["qid"], "PER", r["name_ar"], r["name_en"], country,
                         "person", PRIORS["PER"])
        for a in _split(r["aliases_ar"]):
            b.alias(kb_id, a, "alias")
        for name in [r["name_ar"]] + [a for a in _split(r["aliases_ar"]) if " " in a]:
            short = _short_form(name.lstrip("~"))
            if short:
                b.alias(kb_id, short, "short")
    roles = []
    # people mined from UniversalPetrarch: weak entries, skipped where the curated seed
    # already knows the name
    known = {a[0] for a in b.aliases.values() if a[4] == "ar" and a[3] != "nisba"}
    for r in _table("petrarch_people.tsv"):
        key = match_key(r["name_ar"])
        if not key or key in known:
            continue
        known.add(key)
        country = b.key_to_id.get(r["country"])
        slug = "up-" + hashlib.sha1(key.encode()).hexdigest()[:10]
        kb_id = b.entity(slug, "", "PER", r["name_ar"], None, country, "person", 0.3,
                         source="petrarch", name_kind="weak")
        for affil in r["cameo"].split(";"):
            sector, _, dates = affil.partition(":")
            start, _, end = dates.partition("..")
            if country:
                roles.append((kb_id, f"cameo:{sector}", country, start or None, end or None))
    for r in _table("roles.tsv"):
        person = b.key_to_id.get(r["person"])
        of = b.key_to_id.get(r["of"])
        if person is None or of is None:
            raise ValueError(f"roles.tsv: unknown person or office holder in {r}")
        roles.append((person, r["role"], of, r["valid_from"] or None, r["valid_to"] or None))
    titles = []
    for r in _table("titles.tsv"):
        titles.append((match_key(r["phrase"]), r["phrase"], r["role"], r["form"]))
    nouns = []
    for line in read_text("kb/state_nouns.txt").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            nouns.append((match_key(line),))
    roles = sorted(set(roles), key=lambda r: tuple(x or "" for x in r))
    return b, roles, sorted(set(titles)), sorted(set(nouns))


def _fingerprint() -> str:
    h = hashlib.sha256()
    for name in SOURCES:
        h.update(name.encode())
        h.update(read_text(f"kb/{name}").encode())
    return h.hexdigest()


def build(out: Path | str | None = None) -> Path:
    """Build the KB from the TSV sources into ``out`` (default: the packaged kb.sqlite)."""
    out = Path(out) if out is not None else default_output()
    b, roles, titles, nouns = _collect()
    tmp = out.with_name(out.name + ".tmp")
    if tmp.exists():
        tmp.unlink()
    conn = sqlite3.connect(tmp)
    try:
        create_schema(conn)
        conn.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("schema_version", SCHEMA_VERSION), ("sources_sha256", _fingerprint()),
            ("sources", ",".join(SOURCES))])
        conn.executemany("INSERT INTO entities VALUES (?,?,?,?,?,?,?,?)",
                         sorted(b.entities.values()))
        conn.executemany("INSERT INTO aliases VALUES (?,?,?,?,?)", sorted(b.aliases.values()))
        conn.executemany("INSERT INTO roles VALUES (?,?,?,?,?)", roles)
        conn.executemany("INSERT INTO titles VALUES (?,?,?,?)", titles)
        conn.executemany("INSERT INTO state_nouns VALUES (?)", nouns)
        conn.commit()
        conn.execute("VACUUM")
    finally:
        conn.close()
    tmp.replace(out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rasid.kb.build", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=None, help="output file (default: packaged)")
    args = parser.parse_args(argv)
    build(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
