"""Stream a Wikidata JSON dump (or a filtered subset in the same format) into a KB file.

The dump is one JSON array with one entity per line: a line ``[``, then lines of the form
``{...},``, then ``]``. Files may be plain or gzip-compressed. Each entity contributes its
Arabic and English labels and aliases; its type comes from "instance of" (P31). A line that
is not valid JSON, or not an entity, is reported with its line number and skipped; the
import goes on.

    >>> report = import_dump("latest-all.json.gz", "my-kb.sqlite")
    >>> report.imported, report.skipped
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rasid.errors import InputError
from rasid.kb.build import create_schema
from rasid.kb.keys import match_key

__all__ = ["ImportReport", "import_dump", "iter_dump", "entity_type"]

# P31 (instance of) values -> rasid entity type. Checked in order; the first match wins.
_P31_TYPES: tuple[tuple[str, frozenset[str]], ...] = (
    ("PER", frozenset({"Q5"})),
    ("GPE", frozenset({"Q6256", "Q3624078", "Q515", "Q1549591", "Q5119", "Q1637706",
                       "Q7275", "Q10864048", "Q15284", "Q3957", "Q532"})),
    ("LOC", frozenset({"Q82794", "Q23397", "Q165", "Q4022", "Q8502", "Q5107", "Q23442",
                       "Q35666", "Q46831"})),
    ("FAC", frozenset({"Q1248784", "Q134447", "Q41176", "Q12280", "Q44782"})),
    ("ORG", frozenset({"Q43229", "Q484652", "Q7278", "Q17149090", "Q1002697", "Q4830453",
                       "Q783794", "Q11032", "Q1193236", "Q327333", "Q245065", "Q2001305",
                       "Q192350", "Q163740", "Q891723", "Q6881511", "Q7210356"})),
    ("WEAPON", frozenset({"Q728", "Q15142894", "Q11436", "Q3041792", "Q18643213",
                          "Q210932"})),
)


@dataclass
class ImportReport:
    imported: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)
    without_arabic: int = 0  # well-formed entities left out by require_arabic

    @property
    def skipped_count(self) -> int:
        return len(self.skipped)


def entity_type(entity: dict) -> str:
    """rasid type from the entity's P31 claims (MISC when none is recognised)."""
    values = set()
    for claim in entity.get("claims", {}).get("P31", []):
        try:
            values.add(claim["mainsnak"]["datavalue"]["value"]["id"])
        except (KeyError, TypeError):
            continue
    for type_, qids in _P31_TYPES:
        if values & qids:
            return type_
    return "MISC"


def _open_text(path: Path) -> io.TextIOBase:
    with open(path, "rb") as fh:
        magic = fh.read(2)
    if magic == b"\x1f\x8b":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8")
    return open(path, encoding="utf-8")


def iter_dump(path: Path | str) -> Iterator[tuple[int, dict | None, str | None]]:
    """(line number, entity or None, error or None) for every entity line of the dump."""
    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), "no such file")
    with _open_text(path) as fh:
        for lineno, raw in enumerate(fh, start=1):
            line = raw.strip()
            if line.endswith(","):
                line = line[:-1].rstrip()
            if line in ("", "[", "]"):
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield lineno, None, f"invalid JSON ({exc.msg} at column {exc.colno})"
                continue
            if not isinstance(obj, dict) or not isinstance(obj.get("id"), str):
                yield lineno, None, "not an entity (no string 'id')"
                continue
            if obj.get("type", "item") != "item":
                yield lineno, None, f"{obj['id']}: a {obj.get('type')}, not an item"
                continue
            yield lineno, obj, None


def _texts(entity: dict, field_name: str, lang: str) -> list[str]:
    value = entity.get(field_name, {}).get(lang)
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [i["value"] for i in items if isinstance(i, dict) and isinstance(i.get("value"), str)]


def import_dump(dump: Path | str, kb_file: Path | str, base: Path | str | None = None,
                batch: int = 5000, require_arabic: bool = True) -> ImportReport:
    """Import ``dump`` into ``kb_file``; a missing ``kb_file`` starts as a copy of ``base``
    (the packaged KB by default) so curated entries, roles and titles stay available.

    ``require_arabic``: import only entities with an Arabic label or alias (rasid links
    Arabic text; the full dump has tens of millions of entities without one). They are
    counted in ``report.without_arabic``, not reported line by line."""
    kb_file = Path(kb_file)
    if not kb_file.exists():
        if base is None:
            from rasid.kb import kb_path
            base = kb_path()
        shutil.copyfile(base, kb_file)
    report = ImportReport()
    conn = sqlite3.connect(kb_file)
    try:
        create_schema(conn)
        pending = 0
        for lineno, entity, error in iter_dump(dump):
            if entity is None:
                report.skipped.append((lineno, error or "unreadable"))
                continue
            qid = entity["id"]
            labels_ar = _texts(entity, "labels", "ar")
            labels_en = _texts(entity, "labels", "en")
            if not labels_ar and not labels_en:
                report.skipped.append((lineno, f"{qid}: no Arabic or English label"))
                continue
            if require_arabic and not labels_ar and not _texts(entity, "aliases", "ar"):
                report.without_arabic += 1
                continue
            type_ = entity_type(entity)
            name_ar = labels_ar[0] if labels_ar else None
            name_en = labels_en[0] if labels_en else None
            existing = conn.execute("SELECT type, name_ar, name_en FROM entities WHERE kb_id = ?",
                                    (qid,)).fetchone()
            if existing is None:
                conn.execute("INSERT INTO entities VALUES (?,?,?,?,?,?,?,?)",
                             (qid, type_, name_ar, name_en, None, None, 0.4, "wikidata"))
            else:  # curated entries keep their names; fill only what is missing
                conn.execute("UPDATE entities SET name_ar = coalesce(name_ar, ?), "
                             "name_en = coalesce(name_en, ?) WHERE kb_id = ?",
                             (name_ar, name_en, qid))
            rows = []
            for kind, texts in (("name", labels_ar), ("alias", _texts(entity, "aliases", "ar"))):
                rows += [(match_key(t), qid, t, kind, "ar") for t in texts]
            for texts in (labels_en, _texts(entity, "aliases", "en")):
                rows += [(" ".join(t.lower().split()), qid, t, "en", "en") for t in texts]
            conn.executemany("INSERT OR IGNORE INTO aliases VALUES (?,?,?,?,?)",
                             [r for r in rows if r[0]])
            report.imported += 1
            pending += 1
            if pending >= batch:
                conn.commit()
                pending = 0
        conn.commit()
    finally:
        conn.close()
    return report
