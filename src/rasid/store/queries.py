"""Queries over the store, returning plain data (lists of dicts) for the CLI and the HTTP API.

Names are resolved Arabic-normalised: ``"بوتين"``, ``"فلاديمير بوتين"``, ``"Vladimir Putin"``
and ``"Q7747"`` all find the same corpus entity when the linker gave it that kb_id and those
mentions. Dates are ISO strings; ``since``/``until`` accept any ISO prefix ("2024",
"2024-10", "2024-10-11") and are inclusive. ``once_per_story`` keeps one row per
near-duplicate story (reprints of the same wire story count once).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from rasid.store.codec import record_text
from rasid.store.db import Store
from rasid.store.fts import fts_query, query_terms
from rasid.text import normalize, normalize_key

__all__ = ["cooccurring", "entity_page", "event_edges", "events", "quotes", "resolve_entity", "search", "stats", "timeline"]

# the date an event happened (stored at upsert): its resolved time when that is a
# calendar value, else the publication date of its document
_EVENT_DATE = "e.date"

def _rows(conn: sqlite3.Connection, sql: str, params: tuple | list = ()) -> list[dict]:
    cur = conn.execute(sql, params)
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def _date_filter(column: str, since: str | None, until: str | None,
                 params: list[Any]) -> str:
    """SQL conditions for an inclusive ISO-prefix date range on ``column``."""
    sql = ""
    if since:
        sql += f" AND {column} >= ?"
        params.append(since)
    if until:  # "2024-10" takes in every date that starts with it (index-friendly form)
        sql += f" AND {column} <= ?"
        params.append(until + "\uffff")
    return sql


def _in(keys: list[str]) -> str:
    return "(" + ",".join("?" * len(keys)) + ")"


# ---------------------------------------------------------------------------- entities

def resolve_entity(store: Store, name: str) -> list[dict]:
    """Corpus entities a name can mean, most documented first.

    Matches a kb_id or key exactly, else the normalised name, English name or any mention
    text. Each result: key, kb_id, type, name, name_en, documents (documents that mention
    it, for ranking: a document with two separate entities of the same key counts twice).
    """
    conn = store.conn
    name = name.strip()
    keys: set[str] = {k for (k,) in conn.execute(
        "SELECT key FROM entities WHERE key = ? OR kb_id = ?", (name, name))}
    if not keys:
        keys = {k for (k,) in conn.execute(
            "SELECT entity_key FROM aliases WHERE text_key = ?", (normalize_key(name),))}
    if not keys:
        return []
    klist = sorted(keys)
    rows = _rows(conn, f"""
        SELECT en.key, en.kb_id, en.type, en.name, en.name_en,
               (SELECT COUNT(*) FROM doc_entities de
                WHERE de.entity_key = en.key) AS documents
        FROM entities en WHERE en.key IN {_in(klist)}""", klist)
    rows.sort(key=lambda r: (-r["documents"], r["key"]))
    return rows


def _keys(store: Store, name: str | None) -> list[str] | None:
    """All entity keys a name can mean (None when no name was given)."""
    if name is None:
        return None
    return [r["key"] for r in resolve_entity(store, name)]


def _names(conn: sqlite3.Connection, keys: set[str]) -> dict[str, dict]:
    keys = {k for k in keys if k}
    if not keys:
        return {}
    klist = sorted(keys)
    return {r["key"]: r for r in _rows(
        conn, f"SELECT key, name, name_en, type, kb_id FROM entities WHERE key IN {_in(klist)}",
        klist)}


def entity_page(store: Store, name: str, limit: int = 10) -> dict | None:
    """Everything the corpus says about one entity (the best match for ``name``).

    Keys: entity (key, kb_id, type, name, name_en, documents), other_matches, aliases,
    stories, by_month, quotes_by, quotes_about, cooccurring (:func:`cooccurring`),
    events_as_actor, events_as_target. None when nothing matches.
    """
    matches = resolve_entity(store, name)
    if not matches:
        return None
    ent, others = matches[0], matches[1:]
    key = ent["key"]
    conn = store.conn
    aliases = _rows(conn, """SELECT text, COUNT(*) AS mentions FROM mentions
                             WHERE entity_key = ? GROUP BY text ORDER BY mentions DESC, text
                             LIMIT ?""", (key, limit))
    # the aggregate tables (kept exact at every write) answer these without a recount
    stories = conn.execute("SELECT COUNT(*) FROM entity_stories WHERE entity_key = ?",
                           (key,)).fetchone()[0]
    by_month = _rows(conn, """SELECT month, documents, mentions FROM entity_months
                              WHERE entity_key = ? ORDER BY month""", (key,))
    cooc = cooccurring(store, key, limit)
    ent = {**ent, "documents": sum(m["documents"] for m in by_month)}   # exact
    return {
        "entity": ent,
        "other_matches": others,
        "aliases": aliases,
        "stories": stories,
        "by_month": by_month,
        "quotes_by": _quotes(store, [key], None, None, None, limit, True),
        "quotes_about": _quotes(store, None, [key], None, None, limit, True),
        "cooccurring": cooc,
        "events_as_actor": _events(store, [key], None, None, None, None, limit, True),
        "events_as_target": _events(store, None, [key], None, None, None, limit, True),
    }


def cooccurring(store: Store, key: str, limit: int = 10) -> list[dict]:
    """The entities found in the most documents together with the entity ``key``: each
    key, documents (how many documents mention both), name, name_en, type."""
    cooc = _rows(store.conn, """
        SELECT key, documents FROM (
            SELECT b AS key, documents FROM entity_pairs WHERE a = ?
            UNION ALL
            SELECT a AS key, documents FROM entity_pairs WHERE b = ?)
        ORDER BY documents DESC, key LIMIT ?""", (key, key, limit))
    names = _names(store.conn, {c["key"] for c in cooc})
    for c in cooc:
        info = names.get(c["key"], {})
        c.update(name=info.get("name"), name_en=info.get("name_en"), type=info.get("type"))
    return cooc


# ---------------------------------------------------------------------------- quotes

def quotes(store: Store, speaker: str | None = None, about: str | None = None,
           since: str | None = None, until: str | None = None, limit: int = 50,
           once_per_story: bool = False) -> list[dict]:
    """Quotes by ``speaker`` and/or about ``about`` (an entity mentioned inside the quote or
    addressed by it), newest first."""
    skeys, akeys = _keys(store, speaker), _keys(store, about)
    if skeys == [] or akeys == []:
        return []
    return _quotes(store, skeys, akeys, since, until, limit, once_per_story)


def _quotes(store: Store, skeys: list[str] | None, akeys: list[str] | None,
            since: str | None, until: str | None, limit: int,
            once_per_story: bool) -> list[dict]:
    params: list[Any] = []
    source, order = "quotes q", "q.published DESC, q.doc_id DESC, q.local_id DESC"
    where = "1"
    if akeys is not None:   # read in date order from the quote_about index
        source = ("quote_about h JOIN quotes q ON q.doc_id = h.doc_id"
                  " AND q.local_id = h.quote_id")
        order = "h.published DESC, h.doc_id DESC, h.quote_id DESC"
        where += f" AND h.entity_key IN {_in(akeys)}"
        params += akeys
    if skeys is not None:
        where += f" AND q.speaker_key IN {_in(skeys)}"
        params += skeys
    where += _date_filter("q.published", since, until, params)
    # phase 1: the ordered keys only (cheap), de-duplicated per story
    picked = store.conn.execute(f"""
        SELECT q.doc_id, q.local_id, q.story_id, q.speaker_key, q.text FROM {source}
        WHERE {where} ORDER BY {order} LIMIT ?""",
        [*params, limit * _OVERSAMPLE if once_per_story else limit]).fetchall()
    if once_per_story:
        picked = _once_per_story(picked, lambda r: (r[2], r[3], _text_key(r[4])))
    picked = picked[:limit]
    # phase 2: the full rows of what was picked
    rows = _by_keys(store, picked, """
        SELECT q.doc_id, q.published, d.title, q.story_id, q.local_id AS quote_id, q.kind,
               q.text, q.verb, q.speaker_key, sp.name AS speaker, q.source_key,
               src.name AS source, q.confidence
        FROM k CROSS JOIN quotes q ON q.doc_id = k.doc_id AND q.local_id = k.local_id
        CROSS JOIN documents d ON d.id = q.doc_id
        LEFT JOIN entities sp ON sp.key = q.speaker_key
        LEFT JOIN entities src ON src.key = q.source_key""", "quote_id")
    return rows


def _text_key(text: str | None, n: int = 80) -> str:
    """``normalize_key(text)[:n]``, normalising only a prefix when that is enough."""
    text = text or ""
    for size in (n + 20, 4 * n):
        head = normalize_key(text[:size])
        if len(head) > n or len(text) <= size:
            return head[:n]
    return normalize_key(text)[:n]


# rows read per row returned when counting once per story (reprints are dropped)
_OVERSAMPLE = 4


def _once_per_story(rows: list, key) -> list:
    seen: set = set()
    out = []
    for r in rows:
        k = key(r)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


def _by_keys(store: Store, picked: list[tuple], sql: str, local: str) -> list[dict]:
    """Full rows for (doc_id, local_id) pairs, in the order of ``picked``.

    ``sql`` reads from ``k(doc_id, local_id)``, the pairs, joined first (CROSS JOIN keeps
    SQLite from scanning a big table and probing the list instead).
    """
    if not picked:
        return []
    pairs = ",".join(["(?,?)"] * len(picked))
    rows = _rows(store.conn, f"WITH k(doc_id, local_id) AS (VALUES {pairs}) " + sql,
                 [v for r in picked for v in (r[0], r[1])])
    by_key = {(r["doc_id"], r[local]): r for r in rows}
    return [by_key[(r[0], r[1])] for r in picked if (r[0], r[1]) in by_key]


# ---------------------------------------------------------------------------- events

def events(store: Store, actor: str | None = None, target: str | None = None,
           type: str | None = None, since: str | None = None, until: str | None = None,
           limit: int = 100, once_per_story: bool = False) -> list[dict]:
    """PLOVER events filtered by actor, target, type (e.g. THREATEN) and date, newest first.

    An event's date is its resolved time when the text gave one, else its document's
    publication date.
    """
    akeys, tkeys = _keys(store, actor), _keys(store, target)
    if akeys == [] or tkeys == []:
        return []
    return _events(store, akeys, tkeys, type, since, until, limit, once_per_story)


def _events(store: Store, akeys: list[str] | None, tkeys: list[str] | None,
            type_: str | None, since: str | None, until: str | None, limit: int,
            once_per_story: bool) -> list[dict]:
    params: list[Any] = []
    where = "1"
    if akeys is not None:
        where += f" AND e.actor_key IN {_in(akeys)}"
        params += akeys
    if tkeys is not None:
        where += f" AND e.target_key IN {_in(tkeys)}"
        params += tkeys
    if type_:
        where += " AND e.type = ?"
        params.append(type_.upper())
    where += _date_filter(_EVENT_DATE, since, until, params)
    # phase 1: the ordered keys only (cheap), de-duplicated per story
    picked = store.conn.execute(f"""
        SELECT e.doc_id, e.local_id, e.story_id, e.type, e.actor_key, e.target_key
        FROM events e WHERE {where}
        ORDER BY e.date DESC, e.doc_id DESC, e.local_id DESC LIMIT ?""",
        [*params, limit * _OVERSAMPLE if once_per_story else limit]).fetchall()
    if once_per_story:
        picked = _once_per_story(picked, lambda r: r[2:])
    picked = picked[:limit]
    # phase 2: the full rows of what was picked
    rows = _by_keys(store, picked, f"""
        SELECT e.doc_id, {_EVENT_DATE} AS date, d.published, e.story_id,
               e.local_id AS event_id, e.type, e.mode, e.actor_key, a.name AS actor,
               e.target_key, t.name AS target, e.location_key, l.name AS location,
               e.time_value, e.negated, e.hypothetical, e.trigger_text AS trigger,
               e.trigger_start, e.trigger_end, e.sentence, e.confidence
        FROM k CROSS JOIN events e ON e.doc_id = k.doc_id AND e.local_id = k.local_id
        CROSS JOIN documents d ON d.id = e.doc_id
        LEFT JOIN entities a ON a.key = e.actor_key
        LEFT JOIN entities t ON t.key = e.target_key
        LEFT JOIN entities l ON l.key = e.location_key""", "event_id")
    for r in rows:
        r["negated"], r["hypothetical"] = bool(r["negated"]), bool(r["hypothetical"])
    return rows


def event_edges(store: Store, key: str | None = None, type: str | None = None) -> list[dict]:
    """The actor → target network from the event_edges aggregate (every stored event that
    has both): rows of actor_key, actor, target_key, target, type and events (how many).
    With ``key``, only edges where that entity is the actor or the target; ``type``: one
    PLOVER category. Events whose actor is their target are left out. Busiest first."""
    params: list[Any] = []
    where = "x.actor_key != x.target_key"
    if type:
        where += " AND x.type = ?"
        params.append(type.upper())
    if key is None:
        source = "event_edges x"
    else:   # each side read from its own index
        source = """(SELECT * FROM event_edges WHERE actor_key = ?
                     UNION ALL
                     SELECT * FROM event_edges WHERE target_key = ? AND actor_key != ?) x"""
        params = [key, key, key, *params]
    return _rows(store.conn, f"""
        SELECT x.actor_key, a.name AS actor, x.target_key, t.name AS target, x.type, x.events
        FROM {source}
        LEFT JOIN entities a ON a.key = x.actor_key
        LEFT JOIN entities t ON t.key = x.target_key
        WHERE {where}
        ORDER BY x.events DESC, x.actor_key, x.target_key, x.type""", params)


# ---------------------------------------------------------------------------- timeline

def timeline(store: Store, name: str, since: str | None = None, until: str | None = None,
             limit: int = 200, once_per_story: bool = True) -> dict | None:
    """What an entity did, suffered and said: its newest ``limit`` events and quotes, in
    date order (oldest first; undated ones at the end).

    Returns {entity, items}; each item is a row of :func:`events` or :func:`quotes` plus
    date, kind ('event' or 'quote') and role (actor, target or speaker); a quote's own kind
    (direct/indirect) is ``quote_kind``. None when nothing matches ``name``.
    """
    matches = resolve_entity(store, name)
    if not matches:
        return None
    key = [matches[0]["key"]]
    items: list[dict] = []
    for role, rows in (("actor", _events(store, key, None, None, since, until, limit,
                                         once_per_story)),
                       ("target", _events(store, None, key, None, since, until, limit,
                                          once_per_story))):
        for r in rows:
            items.append({**r, "kind": "event", "role": role})
    for r in _quotes(store, key, None, since, until, limit, once_per_story):
        items.append({**r, "quote_kind": r["kind"], "date": r["published"], "kind": "quote",
                      "role": "speaker"})
    # the newest ``limit`` items, shown oldest first (undated ones last)
    dated = sorted((i for i in items if i["date"]), key=lambda i: (i["date"], i["doc_id"]),
                   reverse=True)[:limit]
    undated = [i for i in items if not i["date"]][:max(0, limit - len(dated))]
    return {"entity": matches[0], "items": dated[::-1] + undated}


# ---------------------------------------------------------------------------- search

def search(store: Store, query: str, limit: int = 20, since: str | None = None,
           until: str | None = None, once_per_story: bool = False) -> list[dict]:
    """Full-text search over titles and texts, Arabic-normalised, best match first.

    Each hit: id, title, published, source, story_id, score (bm25, lower is better) and
    snippet (a window of the original text around the first match). ``once_per_story``
    keeps the best-ranked document of each story.
    """
    match = fts_query(query)
    if match is None:
        return []
    params: list[Any] = [match]
    where = _date_filter("d.published", since, until, params)
    try:
        # the best rows first (only their keys go through the sort), then their columns
        top = store.conn.execute(f"""
            SELECT doc_fts.rowid, bm25(doc_fts, 2.0, 1.0) AS score
            FROM doc_fts {"JOIN documents d ON d.n = doc_fts.rowid" if where else ""}
            WHERE doc_fts MATCH ? {where}
            ORDER BY score LIMIT ?""", [*params, limit * 4 if once_per_story else limit]
        ).fetchall()
        rows = _rows(store.conn, f"""
            SELECT d.n, d.id, d.title, d.published, d.source, d.story_id, d.record
            FROM documents d WHERE d.n IN {_in(top)}""", [n for n, _ in top]) if top else []
    except sqlite3.OperationalError as exc:  # should not happen: every term is quoted
        from rasid.errors import StoreError

        raise StoreError(f"search {query!r} failed: {exc}") from exc
    score = dict(top)
    rows = sorted(({"score": score[r.pop("n")], **r} for r in rows),
                  key=lambda r: r["score"])
    rows = [{k: r[k] for k in ("id", "title", "published", "source", "story_id", "score",
                               "record")} for r in rows]
    if once_per_story:
        rows = _once_per_story(rows, lambda r: r["story_id"])[:limit]
    terms = query_terms(query.replace("*", " ").replace('"', " "))
    for r in rows:
        r["snippet"] = snippet(record_text(r.pop("record")), terms)
    return rows


def _pieces(text: str, size: int = 300):
    """(start, piece) for consecutive pieces of ``text`` of about ``size`` characters, cut
    just before a space."""
    start, n = 0, len(text)
    while start < n:
        cut = text.find(" ", start + size) if start + size < n else -1
        cut = n if cut < 0 else cut
        yield start, text[start:cut]
        start = cut


def snippet(text: str, terms: list[str], width: int = 80) -> str:
    """A window of ``text`` around the first occurrence of any folded term."""
    # normalised a piece at a time (it maps characters one by one, and no term holds a
    # space), with the offset map built only for the first piece that matches
    found = None
    for start, piece in _pieces(text):
        key = normalize_key(piece)       # the same folding, without the offset map
        if not any(t in key for t in terms):
            continue
        norm = normalize(piece)
        folded = norm.text.lower()
        best = None
        for t in terms:
            i = folded.find(t)
            if i >= 0 and (best is None or i < best[0]):
                best = (i, i + len(t))
        if best is not None:
            s, e = norm.span_to_original(*best)
            found = (start + s, start + e)
            break
    if found is None:
        return " ".join(text[:2 * width].split())
    start, end = found
    lo, hi = max(0, start - width), min(len(text), end + width)
    out = text[lo:start] + "[" + text[start:end] + "]" + text[end:hi]
    return ("…" if lo else "") + " ".join(out.split()) + ("…" if hi < len(text) else "")


def stats(store: Store) -> dict:
    """Counts of what the store holds, and its schema version and path."""
    conn = store.conn
    out: dict[str, Any] = {"path": str(store.path), "schema_version": store.schema_version()}
    for table in ("documents", "entities", "mentions", "quotes", "events", "times",
                  "relations"):
        out[table] = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    out["stories"] = conn.execute("SELECT COUNT(DISTINCT story_id) FROM documents").fetchone()[0]
    return out
