"""The store's schema as named, recorded migrations.

Each migration has a version, a name and a function that runs inside one transaction; the
``migrations`` table records which ones a database has had, so an older file is brought up
to date when it is opened, and never migrated twice. Never edit a released migration: add a
new one at the end.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from rasid.errors import StoreError
from rasid.store.codec import record_text

__all__ = ["AGGREGATE_RECOUNT", "MIGRATIONS", "Migration", "current_version", "migrate"]


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[sqlite3.Connection], None]


_V1_SQL = """
    CREATE TABLE documents (
        n           INTEGER PRIMARY KEY,          -- stable row number (the FTS rowid)
        id          TEXT NOT NULL UNIQUE,         -- the record id
        source      TEXT,
        published   TEXT,                         -- YYYY-MM-DD or NULL
        title       TEXT,
        lang        TEXT,
        n_chars     INTEGER NOT NULL,
        input_hash  TEXT NOT NULL,                -- of the input (text + metadata): skip check
        record_hash TEXT NOT NULL,                -- of the record JSON: idempotent upserts
        ingested_at TEXT NOT NULL,
        record      BLOB NOT NULL                 -- the full DocumentRecord: packed JSON
    );
    CREATE INDEX documents_published ON documents(published);

    CREATE TABLE sentences (
        doc_id TEXT NOT NULL, idx INTEGER NOT NULL, start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        PRIMARY KEY (doc_id, idx)
    ) WITHOUT ROWID;

    -- corpus-wide entities: key is the kb_id, or '~TYPE:normalised name' without one
    CREATE TABLE entities (
        key TEXT PRIMARY KEY, kb_id TEXT, type TEXT, name TEXT, name_en TEXT,
        name_key TEXT
    ) WITHOUT ROWID;
    CREATE INDEX entities_name_key ON entities(name_key);

    -- every normalised form an entity is known by (names, English names, mention texts)
    CREATE TABLE aliases (
        text_key TEXT NOT NULL, entity_key TEXT NOT NULL,
        PRIMARY KEY (text_key, entity_key)
    ) WITHOUT ROWID;

    -- the entities of each document (record-local id -> corpus key)
    CREATE TABLE doc_entities (
        doc_id TEXT NOT NULL, local_id TEXT NOT NULL, entity_key TEXT NOT NULL,
        type TEXT, name TEXT, confidence REAL, n_mentions INTEGER,
        published TEXT, story_id TEXT,      -- copies of the document's, for entity pages
        PRIMARY KEY (doc_id, local_id)
    ) WITHOUT ROWID;
    CREATE INDEX doc_entities_key ON doc_entities(entity_key, published, story_id, n_mentions);

    CREATE TABLE mentions (
        doc_id TEXT NOT NULL, local_id TEXT NOT NULL, entity_key TEXT NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT, text_key TEXT
    );
    CREATE INDEX mentions_doc ON mentions(doc_id, entity_key);
    CREATE INDEX mentions_key ON mentions(entity_key, text);
    CREATE INDEX mentions_text_key ON mentions(text_key, entity_key);

    CREATE TABLE quotes (
        doc_id TEXT NOT NULL, local_id TEXT NOT NULL, kind TEXT, start INTEGER,
        "end" INTEGER, text TEXT, speaker_key TEXT, source_key TEXT, addressee_key TEXT,
        verb TEXT, confidence REAL, published TEXT, story_id TEXT,
        PRIMARY KEY (doc_id, local_id)
    ) WITHOUT ROWID;
    CREATE INDEX quotes_speaker ON quotes(speaker_key, published);

    -- the entities a quote is about: mentioned inside it, or addressed by it
    CREATE TABLE quote_about (
        entity_key TEXT NOT NULL, doc_id TEXT NOT NULL, quote_id TEXT NOT NULL,
        published TEXT,
        PRIMARY KEY (entity_key, doc_id, quote_id)
    ) WITHOUT ROWID;
    CREATE INDEX quote_about_doc ON quote_about(doc_id);
    CREATE INDEX quote_about_date ON quote_about(entity_key, published);

    CREATE TABLE times (
        doc_id TEXT NOT NULL, local_id TEXT NOT NULL, type TEXT, value TEXT,
        start INTEGER, "end" INTEGER, text TEXT,
        PRIMARY KEY (doc_id, local_id)
    ) WITHOUT ROWID;

    CREATE TABLE events (
        doc_id TEXT NOT NULL, local_id TEXT NOT NULL, type TEXT NOT NULL, mode TEXT,
        actor_key TEXT, target_key TEXT, location_key TEXT, time_id TEXT, time_value TEXT,
        negated INTEGER, hypothetical INTEGER, trigger_start INTEGER, trigger_end INTEGER,
        trigger_text TEXT, sentence INTEGER, quote_id TEXT, confidence REAL,
        date TEXT,                 -- time_value when it is a calendar date, else published
        story_id TEXT,             -- the document's (for counting once per story)
        PRIMARY KEY (doc_id, local_id)
    ) WITHOUT ROWID;
    CREATE INDEX events_date ON events(date);
    CREATE INDEX events_actor ON events(actor_key, type, date);
    CREATE INDEX events_target ON events(target_key, type, date);
    CREATE INDEX events_type ON events(type, date);

    CREATE TABLE relations (
        doc_id TEXT NOT NULL, idx INTEGER NOT NULL, type TEXT, label TEXT,
        head_key TEXT, tail_key TEXT, ev_start INTEGER, ev_end INTEGER, confidence REAL,
        PRIMARY KEY (doc_id, idx)
    ) WITHOUT ROWID;
    CREATE INDEX relations_head ON relations(head_key);
    CREATE INDEX relations_tail ON relations(tail_key);
"""


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run ';'-separated statements one by one (``executescript`` would commit midway)."""
    lines = [ln.split("--")[0] for ln in script.splitlines()]
    for stmt in "\n".join(lines).split(";"):
        if stmt.strip():
            conn.execute(stmt)


def _v1_core(conn: sqlite3.Connection) -> None:
    _run_script(conn, _V1_SQL)


def _v2_stories(conn: sqlite3.Connection) -> None:
    from rasid.store.stories import StoryIndex

    conn.execute("ALTER TABLE documents ADD COLUMN story_id TEXT")
    conn.execute("CREATE INDEX documents_story ON documents(story_id)")
    conn.execute("""CREATE TABLE story_sigs (doc_id TEXT PRIMARY KEY, sig BLOB NOT NULL)
                    WITHOUT ROWID""")
    conn.execute("""CREATE TABLE story_bands (band INTEGER NOT NULL, hash INTEGER NOT NULL,
                    doc_id TEXT NOT NULL, PRIMARY KEY (band, hash, doc_id)) WITHOUT ROWID""")
    conn.execute("CREATE INDEX story_bands_doc ON story_bands(doc_id)")
    # backfill: documents stored before stories existed, in the order they came
    index = StoryIndex()
    rows = conn.execute("SELECT id, record FROM documents ORDER BY n").fetchall()
    for doc_id, record in rows:
        text = record_text(record)
        story = index.assign(conn, doc_id, text)
        conn.execute("UPDATE documents SET story_id = ? WHERE id = ?", (story, doc_id))


def _v3_fts(conn: sqlite3.Connection) -> None:
    import json

    from rasid.store.codec import pack_terms, unpack
    from rasid.store.fts import fts_terms

    # contentless: the text is in documents.record already; the terms as indexed are kept
    # (packed) in documents.fts, because deleting from a contentless index needs them
    conn.execute("""CREATE VIRTUAL TABLE doc_fts USING fts5(
                    title, body, content = '', tokenize = 'unicode61 remove_diacritics 2')""")
    conn.execute("ALTER TABLE documents ADD COLUMN fts BLOB")
    for n, record in conn.execute("SELECT n, record FROM documents").fetchall():
        data = json.loads(unpack(record))
        title, body = fts_terms(data.get("title") or ""), fts_terms(data["text"])
        conn.execute("INSERT INTO doc_fts(rowid, title, body) VALUES (?, ?, ?)",
                     (n, title, body))
        conn.execute("UPDATE documents SET fts = ? WHERE n = ?", (pack_terms(title, body), n))


# Aggregates kept exact at every upsert, replace and delete (Store._count_doc): what the
# entity pages and the graph read instead of re-counting thousands of rows per request.
_V4_SQL = """
    -- per entity and publication month (YYYY-MM, or 'unknown'): documents that mention it,
    -- its mentions in them, and its doc_entities rows (a document may link two)
    CREATE TABLE entity_months (
        entity_key TEXT NOT NULL, month TEXT NOT NULL, documents INTEGER NOT NULL,
        mentions INTEGER NOT NULL, rows INTEGER NOT NULL,
        PRIMARY KEY (entity_key, month)
    ) WITHOUT ROWID;

    -- per entity and story: documents of that story that mention it
    CREATE TABLE entity_stories (
        entity_key TEXT NOT NULL, story_id TEXT NOT NULL, documents INTEGER NOT NULL,
        PRIMARY KEY (entity_key, story_id)
    ) WITHOUT ROWID;

    -- co-occurrence: documents mentioning both entities, each pair once (a < b)
    CREATE TABLE entity_pairs (
        a TEXT NOT NULL, b TEXT NOT NULL, documents INTEGER NOT NULL,
        PRIMARY KEY (a, b)
    ) WITHOUT ROWID;
    CREATE INDEX entity_pairs_b ON entity_pairs(b);

    -- the event network: events per actor, target and PLOVER type
    CREATE TABLE event_edges (
        actor_key TEXT NOT NULL, target_key TEXT NOT NULL, type TEXT NOT NULL,
        events INTEGER NOT NULL,
        PRIMARY KEY (actor_key, target_key, type)
    ) WITHOUT ROWID;
    CREATE INDEX event_edges_target ON event_edges(target_key);

    -- an entity's events newest first, whatever their type (entity pages, timelines)
    CREATE INDEX events_actor_date ON events(actor_key, date);
    CREATE INDEX events_target_date ON events(target_key, date)
"""

# the aggregates recounted from the base tables (the migration's backfill, and the test
# that the incrementally kept ones are exact)
AGGREGATE_RECOUNT = {
    "entity_months": """
        SELECT entity_key, COALESCE(substr(published, 1, 7), 'unknown') AS month,
               COUNT(DISTINCT doc_id), SUM(n_mentions), COUNT(*)
        FROM doc_entities GROUP BY entity_key, month""",
    "entity_stories": """
        SELECT entity_key, story_id, COUNT(DISTINCT doc_id) FROM doc_entities
        WHERE story_id IS NOT NULL GROUP BY entity_key, story_id""",
    "entity_pairs": """
        SELECT x.entity_key, y.entity_key, COUNT(DISTINCT x.doc_id)
        FROM doc_entities x JOIN doc_entities y
             ON y.doc_id = x.doc_id AND y.entity_key > x.entity_key
        GROUP BY x.entity_key, y.entity_key""",
    "event_edges": """
        SELECT actor_key, target_key, type, COUNT(*) FROM events
        WHERE actor_key IS NOT NULL AND target_key IS NOT NULL
        GROUP BY actor_key, target_key, type""",
}


def _v4_aggregates(conn: sqlite3.Connection) -> None:
    _run_script(conn, _V4_SQL)
    for table, sql in AGGREGATE_RECOUNT.items():
        conn.execute(f"INSERT INTO {table} {sql}")


MIGRATIONS: list[Migration] = [
    Migration(1, "core tables: documents, sentences, entities, mentions, quotes, times, "
                 "events, relations", _v1_core),
    Migration(2, "stories: MinHash/LSH near-duplicate groups (story_id)", _v2_stories),
    Migration(3, "full-text search over Arabic-normalised text (FTS5)", _v3_fts),
    Migration(4, "aggregates: per-entity monthly and story counts, co-occurring pairs, "
                 "event edges; events by entity and date", _v4_aggregates),
]

LATEST = MIGRATIONS[-1].version


def _ensure_table(conn: sqlite3.Connection) -> None:
    conn.execute("""CREATE TABLE IF NOT EXISTS migrations (
                    version INTEGER PRIMARY KEY, name TEXT NOT NULL,
                    applied_at TEXT NOT NULL)""")


def current_version(conn: sqlite3.Connection) -> int:
    """The highest migration applied to ``conn``'s database (0 for a new file)."""
    has = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='migrations'"
                       ).fetchone()
    if not has:
        return 0
    row = conn.execute("SELECT MAX(version) FROM migrations").fetchone()
    return row[0] or 0


def migrate(conn: sqlite3.Connection, target: int | None = None) -> list[int]:
    """Apply the pending migrations up to ``target`` (default: all); return those applied.

    Each migration and its record in ``migrations`` commit together, or not at all.
    """
    target = LATEST if target is None else target
    version = current_version(conn)
    if version > LATEST:
        raise StoreError(f"the store has schema version {version}, newer than this rasid "
                         f"knows ({LATEST}); upgrade rasid to open it")
    applied = []
    for mig in MIGRATIONS:
        if mig.version <= version or mig.version > target:
            continue
        try:
            conn.execute("BEGIN IMMEDIATE")
            _ensure_table(conn)
            # re-check under the write lock: another process may have migrated meanwhile
            if conn.execute("SELECT 1 FROM migrations WHERE version = ?",
                            (mig.version,)).fetchone():
                conn.execute("COMMIT")
                continue
            mig.apply(conn)
            conn.execute("INSERT INTO migrations(version, name, applied_at) VALUES (?, ?, ?)",
                         (mig.version, mig.name, dt.datetime.now(dt.UTC).isoformat()))
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:  # BEGIN itself may have failed (locked)
                conn.execute("ROLLBACK")
            raise StoreError(f"migration {mig.version} ({mig.name}) failed: {exc}") from exc
        applied.append(mig.version)
    return applied
