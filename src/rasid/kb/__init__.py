"""rasid's knowledge base: canonical entities, their aliases, and who held which office when.

An embedded SQLite file ships inside the package (``resources/kb/kb.sqlite``, built from the
curated TSV files beside it by ``python -m rasid.kb.build``, i.e. ``make kb``). Set the
environment variable ``RASID_KB`` to use another file, such as one extended with
``rasid kb import-wikidata``.

    >>> from rasid.kb import open_kb
    >>> kb = open_kb()
    >>> [e.name_en for e in kb.lookup("نتانياهو")]
    ['Benjamin Netanyahu']
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rasid.errors import ModelError
from rasid.kb.keys import match_key, nil_id
from rasid.resources import resource_path

__all__ = ["KBEntity", "KnowledgeBase", "Role", "kb_path", "match_key", "nil_id", "open_kb"]

ENV_VAR = "RASID_KB"


@dataclass(frozen=True)
class KBEntity:
    kb_id: str
    type: str
    name_ar: str | None
    name_en: str | None
    country: str | None
    kind: str | None
    prior: float
    source: str


@dataclass(frozen=True)
class Role:
    person: str
    role: str
    of: str
    valid_from: str | None
    valid_to: str | None

    def valid_at(self, day: dt.date | None) -> bool:
        """Held on ``day`` (from inclusive, to exclusive); any holder when day is None."""
        if day is None:
            return True
        iso = day.isoformat()
        return (self.valid_from is None or self.valid_from <= iso) and (
            self.valid_to is None or iso < self.valid_to)


def kb_path() -> Path:
    """The KB file in use: $RASID_KB if set, else the packaged one."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    return _packaged_kb_path()


@lru_cache(maxsize=1)
def _packaged_kb_path() -> Path:
    # found once: open_kb() is called per document by some stages, and locating the
    # package's resources took ~0.25 ms each time
    return Path(str(resource_path("kb"))) / "kb.sqlite"


class KnowledgeBase:
    """Read access to a KB file. Small tables (titles, roles) are held in memory; aliases are
    looked up through the SQLite index with a cache, so an imported Wikidata KB of millions of
    names costs memory only for what a corpus actually mentions."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else kb_path()
        if not self.path.is_file():
            raise ModelError(str(self.path), "knowledge base file not found",
                             "run `make kb` (python -m rasid.kb.build) or fix $RASID_KB")
        self._conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                                     check_same_thread=False)
        try:
            self._conn.execute("SELECT 1 FROM entities LIMIT 1").fetchall()
        except sqlite3.DatabaseError as exc:
            raise ModelError(str(self.path), f"not a rasid knowledge base ({exc})",
                             "rebuild it with `make kb`") from None
        self._entity_cache: dict[str, KBEntity | None] = {}
        self._alias_cache: dict[str, tuple[tuple[str, str], ...]] = {}
        roles = [Role(*r) for r in self._conn.execute(
            "SELECT person, role, of, valid_from, valid_to FROM roles ORDER BY valid_from")]
        self._roles_by_office: dict[tuple[str, str], list[Role]] = {}
        self._roles_by_person: dict[str, list[Role]] = {}
        for r in roles:
            self._roles_by_office.setdefault((r.role, r.of), []).append(r)
            self._roles_by_person.setdefault(r.person, []).append(r)
        self.titles: dict[str, list[tuple[str, str]]] = {}
        for key, role, form in self._conn.execute("SELECT key, role, form FROM titles"):
            self.titles.setdefault(key, []).append((role, form))
        self.state_nouns = frozenset(k for (k,) in self._conn.execute(
            "SELECT key FROM state_nouns"))

    # ------------------------------------------------------------------ entities and aliases
    def get(self, kb_id: str) -> KBEntity | None:
        if kb_id not in self._entity_cache:
            row = self._conn.execute(
                "SELECT kb_id, type, name_ar, name_en, country, kind, prior, source "
                "FROM entities WHERE kb_id = ?", (kb_id,)).fetchone()
            self._entity_cache[kb_id] = KBEntity(*row) if row else None
        return self._entity_cache[kb_id]

    def aliases_by_key(self, key: str) -> tuple[tuple[str, str], ...]:
        """(kb_id, alias kind) for every Arabic alias with this match key."""
        hit = self._alias_cache.get(key)
        if hit is None:
            hit = tuple(self._conn.execute(
                "SELECT kb_id, kind FROM aliases WHERE key = ? AND lang = 'ar' ORDER BY kb_id",
                (key,)).fetchall())
            if len(self._alias_cache) > 200_000:  # bounded: batch runs see many names
                self._alias_cache.clear()
            self._alias_cache[key] = hit
        return hit

    def lookup(self, name: str, types: tuple[str, ...] | None = None,
               include_nisba: bool = False) -> list[KBEntity]:
        """Entities with ``name`` as a name or alias (Arabic or English), best prior first."""
        found: dict[str, KBEntity] = {}
        rows = list(self.aliases_by_key(match_key(name)))
        rows += self._conn.execute(
            "SELECT kb_id, kind FROM aliases WHERE key = ? AND lang = 'en'",
            (" ".join(name.lower().split()),)).fetchall()
        for kb_id, kind in rows:
            if kind == "nisba" and not include_nisba:
                continue
            ent = self.get(kb_id)
            if ent and (types is None or ent.type in types):
                found[kb_id] = ent
        return sorted(found.values(), key=lambda e: (-e.prior, e.kb_id))

    def suggest(self, name: str, limit: int = 5) -> list[KBEntity]:
        """Curated entities whose names are closest to ``name`` (for "did you mean")."""
        from rapidfuzz import fuzz, process

        keys = self.seed_alias_keys()
        out: dict[str, KBEntity] = {}
        for key, _, _ in process.extract(match_key(name), list(keys), scorer=fuzz.ratio,
                                         limit=limit * 3, score_cutoff=60):
            for kb_id, kind in keys[key]:
                ent = self.get(kb_id)
                if kind != "nisba" and ent is not None:
                    out.setdefault(kb_id, ent)
        return list(out.values())[:limit]

    def aliases_of(self, kb_id: str) -> list[tuple[str, str, str]]:
        """(alias, kind, lang) of one entity."""
        return self._conn.execute(
            "SELECT alias, kind, lang FROM aliases WHERE kb_id = ? ORDER BY lang, kind, alias",
            (kb_id,)).fetchall()

    @lru_cache(maxsize=1)  # noqa: B019 - one KB object per process, cached on purpose
    def seed_alias_keys(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """All Arabic alias keys of the curated seed: the gazetteer the linker scans text with."""
        out: dict[str, list[tuple[str, str]]] = {}
        for key, kb_id, kind in self._conn.execute(
                "SELECT a.key, a.kb_id, a.kind FROM aliases a JOIN entities e USING (kb_id) "
                "WHERE a.lang = 'ar' AND e.source = 'seed'"):
            out.setdefault(key, []).append((kb_id, kind))
        return {k: tuple(v) for k, v in out.items()}

    @lru_cache(maxsize=1)  # noqa: B019 - one KB object per process, cached on purpose
    def seed_keys_with_article(self) -> frozenset[str]:
        """One-word seed keys whose every alias is written with the article ("الرياض"), so
        that the word without it ("رياض", a first name) is not taken for the entity."""
        with_al: dict[str, bool] = {}
        for key, alias in self._conn.execute(
                "SELECT a.key, a.alias FROM aliases a JOIN entities e USING (kb_id) "
                "WHERE a.lang = 'ar' AND e.source = 'seed' AND a.kind IN ('name', 'alias') "
                "AND instr(a.key, ' ') = 0"):
            has = alias.lstrip("~").startswith("ال")
            with_al[key] = with_al.get(key, True) and has
        return frozenset(k for k, v in with_al.items() if v)

    # ------------------------------------------------------------------ roles
    def holders(self, role: str, of: str, day: dt.date | None) -> list[str]:
        """Who held ``role`` of ``of`` on ``day`` (every holder ever when day is None)."""
        return list(dict.fromkeys(r.person for r in self._roles_by_office.get((role, of), ())
                                  if r.valid_at(day)))

    def roles_of(self, person: str, day: dt.date | None = None) -> list[Role]:
        return [r for r in self._roles_by_person.get(person, ()) if r.valid_at(day)]

    def offices(self) -> set[str]:
        """kb_ids that have offices (countries and organisations with role holders)."""
        return {of for _, of in self._roles_by_office}

    # ------------------------------------------------------------------ stats
    def stats(self) -> dict[str, object]:
        c = self._conn
        meta = dict(c.execute("SELECT key, value FROM meta").fetchall())
        return {
            "path": str(self.path),
            "entities": c.execute("SELECT count(*) FROM entities").fetchone()[0],
            "by_type": dict(c.execute(
                "SELECT type, count(*) FROM entities GROUP BY type ORDER BY type").fetchall()),
            "by_source": dict(c.execute(
                "SELECT source, count(*) FROM entities GROUP BY source").fetchall()),
            "with_wikidata_id": c.execute(
                "SELECT count(*) FROM entities WHERE kb_id LIKE 'Q%'").fetchone()[0],
            "aliases": c.execute("SELECT count(*) FROM aliases").fetchone()[0],
            "roles": c.execute("SELECT count(*) FROM roles").fetchone()[0],
            "titles": c.execute("SELECT count(*) FROM titles").fetchone()[0],
            "schema_version": meta.get("schema_version"),
        }

    def close(self) -> None:
        self._conn.close()


@lru_cache(maxsize=4)
def _open(path: str) -> KnowledgeBase:
    return KnowledgeBase(path)


def open_kb(path: Path | str | None = None) -> KnowledgeBase:
    """The shared, cached KB for ``path`` (default: :func:`kb_path`)."""
    return _open(str(Path(path) if path is not None else kb_path()))
