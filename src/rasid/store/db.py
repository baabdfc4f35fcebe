"""The corpus store: one SQLite file in WAL mode holding records and their facts as tables.

    >>> from rasid.store import Store
    >>> with Store("corpus.db") as store:
    ...     store.upsert(record)            # 'inserted', 'replaced' or 'unchanged'
    ...     same = store.get_document(record.id)

Upserts are idempotent by document id: the same record again changes nothing; a different
record under the same id replaces the old one (all its rows) in one transaction. Many
readers may query while one process writes (WAL).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasid.document import DocumentRecord
from rasid.errors import StoreError
from rasid.store.codec import pack, pack_terms, record_text, unpack, unpack_terms
from rasid.store.fts import fts_terms
from rasid.store.schema import LATEST, current_version, migrate
from rasid.store.stories import StoryIndex
from rasid.text import normalize_key

__all__ = ["Prepared", "Store", "default_db_path", "entity_key", "input_hash", "prepare"]

_CHILD_TABLES = ("sentences", "doc_entities", "mentions", "quotes", "quote_about", "times",
                 "events", "relations")


def default_db_path() -> Path:
    """``$RASID_DB``, else ``$XDG_DATA_HOME/rasid/rasid.db`` (``~/.local/share/rasid/rasid.db``)."""
    env = os.environ.get("RASID_DB")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "rasid" / "rasid.db"


def input_hash(text: str, title: str | None = None, published: str | None = None,
               source: str | None = None) -> str:
    """Hash of what an analysis depends on: re-ingesting the same input can be skipped."""
    payload = json.dumps([text, title, published, source], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def entity_key(kb_id: str | None, type_: str | None, name: str) -> str:
    """Corpus-wide identity: the kb_id, else '~TYPE:normalised name'."""
    if kb_id:
        return kb_id
    return f"~{type_ or 'MISC'}:{normalize_key(name)}"


@dataclass
class Prepared:
    """The costly, pure parts of an upsert, computable in an analysis worker process."""

    fts_title: str
    fts_body: str
    signature: Any  # numpy uint64 array, or None for a text without words
    record_blob: bytes = b""   # the packed record JSON
    record_hash: str = ""      # hash of that JSON


def prepare(record: DocumentRecord) -> Prepared:
    """The record serialised and packed, its FTS terms and MinHash signature: everything
    an upsert needs that does not need the database (ingest runs this in its workers)."""
    from rasid.store.stories import signature

    record_json = _dumps(record.to_dict())
    return Prepared(fts_terms(record.title or ""), fts_terms(record.text),
                    signature(record.text), pack(record_json),
                    hashlib.sha256(record_json.encode("utf-8")).hexdigest()[:32])


def event_date(time_value: str | None, published: str | None) -> str | None:
    """When an event happened: its resolved time if that is a calendar value (2024,
    2024-10, 2024-10-01, 2024-W41 …), else the publication date of its document."""
    if time_value and len(time_value) >= 4 and time_value[:4].isdigit():
        return time_value
    return published


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _retry_busy(step: Callable[[], None], seconds: float = 60.0) -> None:
    """Run ``step``, retrying while SQLite says the database is locked.

    Two processes opening a new store together race to switch it to WAL and to create the
    schema; SQLite reports some of those lock conflicts (the journal-mode switch, WAL
    recovery) at once, without waiting through busy_timeout, so we wait here instead.
    """
    deadline = time.monotonic() + seconds
    delay = 0.02
    while True:
        try:
            step()
            return
        except (sqlite3.OperationalError, StoreError) as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if time.monotonic() >= deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


class Store:
    """An open corpus store. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path | None = None, *, readonly: bool = False) -> None:
        self.path = Path(path).expanduser() if path is not None else default_db_path()
        self.readonly = readonly
        if readonly:
            if not self.path.exists():
                raise StoreError(f"no store at {self.path}; create one with "
                                 f"`rasid ingest FILES --db {self.path}`")
        else:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create {self.path.parent}: {exc.strerror}") from exc
            if self.path.is_dir():
                raise StoreError(f"{self.path} is a directory, not a store file")
            if self.path.exists() and not (os.access(self.path, os.W_OK)
                                           and os.access(self.path.parent, os.W_OK)):
                raise StoreError(f"{self.path} is read-only (file or folder not writable): "
                                 "queries work, writes need a writable copy")
        try:
            try:
                self.conn = self._connect(immutable=False)
            except sqlite3.OperationalError:
                if not readonly or os.access(self.path.parent, os.W_OK):
                    raise
                # a WAL store on read-only media without its -shm file: SQLite cannot
                # create one, but nobody can write there either, so read it as immutable
                self.conn = self._connect(immutable=True)
            if not readonly:
                _retry_busy(self._setup_for_writing)
            else:
                version = current_version(self.conn)
                if version < LATEST:
                    raise StoreError(f"{self.path} has schema version {version}; open it "
                                     f"once for writing (e.g. `rasid ingest`) to migrate it")
            self._check_columns()
        except StoreError:
            raise
        except sqlite3.DatabaseError as exc:
            raise self._error(exc, "cannot open store") from exc
        self._depth = 0
        self._stories = StoryIndex()

    def _setup_for_writing(self) -> None:
        mode = self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise StoreError(f"{self.path}: cannot switch to WAL mode ({mode})")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        migrate(self.conn)

    # columns the queries rely on, checked at open: a file written by a pre-release build
    # with the same schema version but other columns is refused with a clear message
    _EXPECTED = {"documents": {"record", "fts", "story_id"},
                 "events": {"date", "story_id"}, "quotes": {"published", "story_id"},
                 "doc_entities": {"published", "story_id"}, "aliases": {"text_key"},
                 "quote_about": {"published"}}

    def _check_columns(self) -> None:
        for table, cols in self._EXPECTED.items():
            have = {r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")}
            if not cols <= have:
                raise StoreError(
                    f"{self.path} was written by a development build of rasid with another "
                    f"layout ({table} lacks {', '.join(sorted(cols - have))}); move it away "
                    "and ingest again")

    def _connect(self, immutable: bool) -> sqlite3.Connection:
        if self.readonly:
            uri = f"file:{self.path}?mode=ro" + ("&immutable=1" if immutable else "")
        else:
            uri = f"file:{self.path}"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=60,
                               check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 60000")
        conn.execute("PRAGMA cache_size = -65536")      # 64 MB of page cache
        if self.readonly:                                # readers map the file
            conn.execute("PRAGMA mmap_size = 268435456")
        conn.create_function("record_text", 1, record_text, deterministic=True)
        return conn

    def _error(self, exc: sqlite3.Error, doing: str) -> StoreError:
        """A one-line StoreError naming the store, for an SQLite error while ``doing``."""
        msg = str(exc)
        if "disk is full" in msg or "database or disk is full" in msg:
            return StoreError(f"{self.path}: the disk is full (or the store reached its size "
                              "limit); documents committed so far are kept: free space and "
                              "run again to continue")
        if "readonly" in msg or "read-only" in msg:
            return StoreError(f"{self.path} is read-only: queries work, writes need a "
                              "writable copy")
        if "locked" in msg or "busy" in msg:
            return StoreError(f"{self.path} is locked by another writer for over a minute; "
                              "try again when it has finished")
        return StoreError(f"{self.path}: {doing}: {msg}")

    # ------------------------------------------------------------------ lifecycle
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction; nested ones are savepoints (a failure undoes only them).

        SQLite errors that concern the store (disk full, read-only, locked) come out as a
        :class:`StoreError` naming the file.
        """
        if self._depth:
            self._depth += 1
            name = f"sp{self._depth}"
            try:
                self.conn.execute(f"SAVEPOINT {name}")
                try:
                    yield
                except BaseException:
                    with contextlib.suppress(sqlite3.Error):
                        self.conn.execute(f"ROLLBACK TO {name}")
                        self.conn.execute(f"RELEASE {name}")
                    raise
                self.conn.execute(f"RELEASE {name}")
            except sqlite3.OperationalError as exc:
                raise self._error(exc, "write failed") from exc
            finally:
                self._depth -= 1
            return
        self.begin()
        try:
            yield
        except sqlite3.OperationalError as exc:
            self.rollback()
            raise self._error(exc, "write failed") from exc
        except BaseException:
            self.rollback()
            raise
        self.commit()

    def begin(self) -> None:
        """Start a long write transaction (batch writes); end it with commit or rollback."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise self._error(exc, "cannot start a write") from exc
        self._depth = 1

    def commit(self) -> None:
        try:
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            self.rollback()
            raise self._error(exc, "commit failed") from exc
        self._depth = 0

    def rollback(self) -> None:
        """Undo the open transaction (a no-op when SQLite already rolled it back)."""
        self._depth = 0
        if self.conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    # ------------------------------------------------------------------ reads
    def count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def stored_input_hash(self, doc_id: str) -> str | None:
        row = self.conn.execute("SELECT input_hash FROM documents WHERE id = ?",
                                (doc_id,)).fetchone()
        return row[0] if row else None

    def get_document(self, doc_id: str) -> DocumentRecord | None:
        """The stored record, exactly as it was upserted, or None."""
        row = self.conn.execute("SELECT record FROM documents WHERE id = ?",
                                (doc_id,)).fetchone()
        return DocumentRecord.from_dict(json.loads(unpack(row[0]))) if row else None

    def iter_records(self, batch: int = 500) -> Iterator[DocumentRecord]:
        """Every stored record in ingest order, read in batches (bounded memory)."""
        last = 0
        while True:
            rows = self.conn.execute(
                "SELECT n, record FROM documents WHERE n > ? ORDER BY n LIMIT ?",
                (last, batch)).fetchall()
            if not rows:
                return
            for n, record in rows:
                last = n
                yield DocumentRecord.from_dict(json.loads(unpack(record)))

    def schema_version(self) -> int:
        return current_version(self.conn)

    # ------------------------------------------------------------------ writes
    def upsert(self, record: DocumentRecord, input_digest: str | None = None,
               prepared: Prepared | None = None) -> str:
        """Store ``record``: 'inserted', 'replaced' (same id, new content) or 'unchanged'.

        ``input_digest``: :func:`input_hash` of the input it was analysed from (default:
        computed from the record); ``prepared``: :func:`prepare` of it, done elsewhere.
        """
        if self.readonly:
            raise StoreError(f"{self.path} is open read-only")
        prep = prepared or prepare(record)
        record_hash = prep.record_hash
        digest = input_digest or input_hash(record.text, record.title, record.published,
                                            record.source)
        with self.transaction():
            row = self.conn.execute("SELECT n, record_hash, input_hash FROM documents "
                                    "WHERE id = ?", (record.id,)).fetchone()
            if row and row[1] == record_hash:
                if row[2] != digest:
                    self.conn.execute("UPDATE documents SET input_hash = ? WHERE n = ?",
                                      (digest, row[0]))
                return "unchanged"
            now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            cols = (record.source, record.published, record.title, record.lang,
                    len(record.text), digest, record_hash, now, prep.record_blob)
            if row:
                n = row[0]
                self._delete_children(record.id, n)
                self.conn.execute(
                    "UPDATE documents SET source=?, published=?, title=?, lang=?, n_chars=?,"
                    " input_hash=?, record_hash=?, ingested_at=?, record=? WHERE n=?",
                    (*cols, n))
            else:
                cur = self.conn.execute(
                    "INSERT INTO documents(source, published, title, lang, n_chars, input_hash,"
                    " record_hash, ingested_at, record, id) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (*cols, record.id))
                n = cur.lastrowid
            story = self._stories.assign(self.conn, record.id, prep.signature)
            self.conn.execute("UPDATE documents SET story_id = ? WHERE n = ?", (story, n))
            self._insert_children(record, story)
            self._count_doc(record.id, +1)
            self.conn.execute("INSERT INTO doc_fts(rowid, title, body) VALUES (?, ?, ?)",
                              (n, prep.fts_title, prep.fts_body))
            self.conn.execute("UPDATE documents SET fts = ? WHERE n = ?",
                              (pack_terms(prep.fts_title, prep.fts_body), n))
        return "replaced" if row else "inserted"

    def optimize(self) -> None:
        """Refresh the query planner's statistics (quick: sampled). Ingest calls this."""
        self.conn.execute("PRAGMA analysis_limit = 1000")
        self.conn.execute("ANALYZE")

    def delete(self, doc_id: str) -> bool:
        """Remove a document and all its rows; False if it was not stored."""
        with self.transaction():
            row = self.conn.execute("SELECT n FROM documents WHERE id = ?",
                                    (doc_id,)).fetchone()
            if not row:
                return False
            self._delete_children(doc_id, row[0])
            self.conn.execute("DELETE FROM documents WHERE n = ?", (row[0],))
        return True

    def _delete_children(self, doc_id: str, n: int) -> None:
        self._count_doc(doc_id, -1)      # before its rows go: they say what to take away
        for table in _CHILD_TABLES:
            self.conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
        self._stories.remove(self.conn, doc_id)
        row = self.conn.execute("SELECT fts FROM documents WHERE n = ?", (n,)).fetchone()
        if row and row[0] is not None:   # contentless FTS5: delete with the terms indexed
            title, body = unpack_terms(row[0])
            self.conn.execute("INSERT INTO doc_fts(doc_fts, rowid, title, body) "
                              "VALUES ('delete', ?, ?, ?)", (n, title, body))

    def _count_doc(self, doc_id: str, sign: int) -> None:
        """Add (``sign`` +1) or take away (-1) one stored document's share of the aggregate
        tables (migration 4), read from its rows in doc_entities and events; counts that
        reach zero are deleted, so the tables always equal a recount from the base tables."""
        c = self.conn
        per_key: dict[str, list] = {}      # key -> [rows, mentions]
        month = story = None
        for key, n_mentions, published, story_id in c.execute(
                "SELECT entity_key, n_mentions, published, story_id FROM doc_entities"
                " WHERE doc_id = ?", (doc_id,)):
            acc = per_key.setdefault(key, [0, 0])
            acc[0] += 1
            acc[1] += n_mentions or 0
            month, story = "unknown" if published is None else published[:7], story_id
        keys = sorted(per_key)
        months = [(k, month, sign, sign * m, sign * r) for k, (r, m) in per_key.items()]
        c.executemany("INSERT INTO entity_months(entity_key, month, documents, mentions, rows)"
                      " VALUES (?,?,?,?,?) ON CONFLICT DO UPDATE SET"
                      " documents = documents + excluded.documents,"
                      " mentions = mentions + excluded.mentions, rows = rows + excluded.rows",
                      months)
        if story is not None:
            c.executemany("INSERT INTO entity_stories(entity_key, story_id, documents)"
                          " VALUES (?,?,?) ON CONFLICT DO UPDATE SET"
                          " documents = documents + excluded.documents",
                          [(k, story, sign) for k in keys])
        # every pair of its distinct entities once (a < b), paired inside SQLite
        c.execute("WITH k AS (SELECT DISTINCT entity_key AS key FROM doc_entities"
                  " WHERE doc_id = ?)"
                  " INSERT INTO entity_pairs(a, b, documents)"
                  " SELECT x.key, y.key, ? FROM k x JOIN k y WHERE x.key < y.key"
                  " ON CONFLICT DO UPDATE SET documents = documents + excluded.documents",
                  (doc_id, sign))
        edges = c.execute("SELECT actor_key, target_key, type, ? * COUNT(*) FROM events"
                          " WHERE doc_id = ? AND actor_key IS NOT NULL"
                          " AND target_key IS NOT NULL GROUP BY actor_key, target_key, type",
                          (sign, doc_id)).fetchall()
        c.executemany("INSERT INTO event_edges(actor_key, target_key, type, events)"
                      " VALUES (?,?,?,?) ON CONFLICT DO UPDATE SET"
                      " events = events + excluded.events", edges)
        if sign < 0:   # what no stored document counts any more
            c.executemany("DELETE FROM entity_months WHERE entity_key = ? AND month = ?"
                          " AND rows <= 0", [m[:2] for m in months])
            c.executemany("DELETE FROM entity_stories WHERE entity_key = ? AND story_id = ?"
                          " AND documents <= 0", [(k, story) for k in keys])
            c.executemany("DELETE FROM entity_pairs WHERE a = ? AND b = ? AND documents <= 0",
                          [(a, b) for i, a in enumerate(keys) for b in keys[i + 1:]])
            c.executemany("DELETE FROM event_edges WHERE actor_key = ? AND target_key = ?"
                          " AND type = ? AND events <= 0", [e[:3] for e in edges])

    def _insert_children(self, r: DocumentRecord, story: str) -> None:
        c = self.conn
        did, pub = r.id, r.published
        c.executemany('INSERT INTO sentences(doc_id, idx, start, "end") VALUES (?,?,?,?)',
                      [(did, i, s.start, s.end) for i, s in enumerate(r.sentences)])
        keys = {e.id: entity_key(e.kb_id, e.type, e.name) for e in r.entities}
        c.executemany("INSERT OR IGNORE INTO entities(key, kb_id, type, name, name_en, name_key)"
                      " VALUES (?,?,?,?,?,?)",
                      [(keys[e.id], e.kb_id, e.type, e.name, e.name_en, normalize_key(e.name))
                       for e in r.entities])
        c.executemany("UPDATE entities SET name_en = ? WHERE key = ? AND name_en IS NULL",
                      [(e.name_en, keys[e.id]) for e in r.entities if e.name_en])
        c.executemany("INSERT OR REPLACE INTO doc_entities(doc_id, local_id, entity_key, type,"
                      " name, confidence, n_mentions, published, story_id)"
                      " VALUES (?,?,?,?,?,?,?,?,?)",
                      [(did, e.id, keys[e.id], e.type, e.name, e.confidence, len(e.mentions),
                        pub, story) for e in r.entities])
        mentions = [(did, e.id, keys[e.id], m.start, m.end, m.text, normalize_key(m.text))
                    for e in r.entities for m in e.mentions]
        c.executemany('INSERT INTO mentions(doc_id, local_id, entity_key, start, "end", text,'
                      ' text_key) VALUES (?,?,?,?,?,?,?)', mentions)
        aliases = {(m[6], m[2]) for m in mentions}
        for e in r.entities:
            aliases |= {(normalize_key(n), keys[e.id]) for n in (e.name, e.name_en) if n}
        c.executemany("INSERT OR IGNORE INTO aliases(text_key, entity_key) VALUES (?, ?)",
                      sorted(aliases))
        times = {t.id: t.value for t in r.times}
        c.executemany('INSERT OR REPLACE INTO times(doc_id, local_id, type, value, start, "end",'
                      ' text) VALUES (?,?,?,?,?,?,?)',
                      [(did, t.id, t.type, t.value, t.start, t.end, t.text) for t in r.times])
        c.executemany('INSERT OR REPLACE INTO quotes(doc_id, local_id, kind, start, "end", text,'
                      ' speaker_key, source_key, addressee_key, verb, confidence, published,'
                      ' story_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)',
                      [(did, q.id, q.kind, q.start, q.end, q.text, keys.get(q.speaker or ""),
                        keys.get(q.source or ""), keys.get(q.addressee or ""), q.verb,
                        q.confidence, pub, story) for q in r.quotes])
        about = set()
        for q in r.quotes:
            if q.addressee in keys:
                about.add((keys[q.addressee], did, q.id, pub))
            for e in r.entities:
                if any(q.start <= m.start and m.end <= q.end for m in e.mentions):
                    about.add((keys[e.id], did, q.id, pub))
        c.executemany("INSERT OR IGNORE INTO quote_about(entity_key, doc_id, quote_id,"
                      " published) VALUES (?,?,?,?)", sorted(about, key=lambda a: a[:3]))
        c.executemany('INSERT OR REPLACE INTO events(doc_id, local_id, type, mode, actor_key,'
                      ' target_key, location_key, time_id, time_value, negated, hypothetical,'
                      ' trigger_start, trigger_end, trigger_text, sentence, quote_id, confidence,'
                      ' date, story_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
                      [(did, v.id, v.type, v.mode, keys.get(v.actor or ""),
                        keys.get(v.target or ""), keys.get(v.location or ""), v.time,
                        times.get(v.time or ""), int(v.negated), int(v.hypothetical),
                        v.trigger.start, v.trigger.end, v.trigger.text, v.sentence, v.quote,
                        v.confidence, event_date(times.get(v.time or ""), r.published), story)
                       for v in r.events])
        c.executemany('INSERT INTO relations(doc_id, idx, type, label, head_key, tail_key,'
                      ' ev_start, ev_end, confidence) VALUES (?,?,?,?,?,?,?,?,?)',
                      [(did, i, x.type, x.label, keys.get(x.head), keys.get(x.tail),
                        x.evidence.start, x.evidence.end, x.confidence)
                       for i, x in enumerate(r.relations)])
