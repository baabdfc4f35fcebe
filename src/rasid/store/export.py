"""Exports of the store: JSONL records, Parquet tables, a GDELT-like event TSV, and the
actor graph as GraphML or GEXF (for Gephi). Everything streams in batches, so an export
needs little memory whatever the corpus size.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from rasid.errors import StoreError
from rasid.store.codec import unpack
from rasid.store.db import Store

__all__ = ["EXPORT_FORMATS", "PARQUET_TABLES", "export"]

EXPORT_FORMATS = ("jsonl", "parquet", "events-tsv", "graphml", "gexf")

# table name -> SQL (every Parquet file is one query, streamed in batches)
PARQUET_TABLES: dict[str, str] = {
    "documents": """SELECT id, source, published, title, lang, n_chars, story_id, ingested_at,
                    record_text(record) AS text FROM documents ORDER BY n""",
    "entities": """SELECT en.key, en.kb_id, en.type, en.name, en.name_en,
                   COUNT(de.doc_id) AS documents
                   FROM entities en JOIN doc_entities de ON de.entity_key = en.key
                   GROUP BY en.key ORDER BY en.key""",
    "mentions": """SELECT doc_id, local_id AS entity_id, entity_key, start, "end", text
                   FROM mentions ORDER BY doc_id, start""",
    "quotes": """SELECT q.doc_id, q.local_id AS quote_id, q.kind, q.start, q."end", q.text,
                 q.speaker_key, q.source_key, q.addressee_key, q.verb, q.confidence,
                 d.published, d.story_id
                 FROM quotes q JOIN documents d ON d.id = q.doc_id ORDER BY d.n, q.start""",
    "events": """SELECT e.doc_id, e.local_id AS event_id, e.type, e.mode, e.actor_key,
                 e.target_key, e.location_key, e.time_value, CAST(e.negated AS INTEGER) = 1
                 AS negated, CAST(e.hypothetical AS INTEGER) = 1 AS hypothetical,
                 e.trigger_start, e.trigger_end, e.trigger_text, e.sentence, e.confidence,
                 d.published, d.story_id
                 FROM events e JOIN documents d ON d.id = e.doc_id
                 ORDER BY d.n, e.trigger_start""",
}

# GDELT-like columns of the event TSV (one row per event; PLOVER types, not CAMEO codes)
EVENT_TSV_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "Actor1Name", "Actor1KB", "Actor1Type", "Actor2Name",
    "Actor2KB", "Actor2Type", "EventType", "EventMode", "IsNegated", "IsHypothetical",
    "LocationName", "LocationKB", "Confidence", "Trigger", "DocumentId", "StoryId",
    "SOURCEURL",
)


def export(store: Store, fmt: str, out: str | Path, batch: int = 2000) -> dict:
    """Write the store as ``fmt`` to ``out`` (a directory for parquet, else a file).

    Returns a summary: {format, path, rows: {name: count}}.
    """
    out = Path(out)
    if fmt not in EXPORT_FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; choose one of "
                         f"{', '.join(EXPORT_FORMATS)}")
    writer = {"jsonl": _jsonl, "parquet": _parquet, "events-tsv": _events_tsv,
              "graphml": _graphml, "gexf": _gexf}[fmt]
    if fmt != "parquet":
        out.parent.mkdir(parents=True, exist_ok=True)
    rows = writer(store, out, batch)
    return {"format": fmt, "path": str(out), "rows": rows}


def _batches(store: Store, sql: str, batch: int) -> Iterator[tuple[list[str], list[tuple]]]:
    cur = store.conn.execute(sql)
    cols = [c[0] for c in cur.description]
    while True:
        rows = cur.fetchmany(batch)
        if not rows:
            return
        yield cols, rows


def _jsonl(store: Store, out: Path, batch: int) -> dict:
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for _, rows in _batches(store, "SELECT record FROM documents ORDER BY n", batch):
            for (record,) in rows:
                fh.write(unpack(record) + "\n")
                n += 1
    return {"documents": n}


def _parquet(store: Store, out: Path, batch: int) -> dict:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, sql in PARQUET_TABLES.items():
        writer = None
        n = 0
        schema = None
        for cols, rows in _batches(store, sql, batch):
            columns = list(zip(*rows, strict=True))
            arrays = [pa.array(list(c)) for c in columns]
            if schema is None:
                schema = pa.schema([pa.field(c, _arrow_type(name, c, a.type))
                                    for c, a in zip(cols, arrays, strict=True)])
                writer = pq.ParquetWriter(out / f"{name}.parquet", schema)
            table = pa.Table.from_arrays([a.cast(f.type) for a, f in zip(arrays, schema,
                                                                         strict=True)],
                                         schema=schema)
            writer.write_table(table)
            n += len(rows)
        if writer is None:  # empty table: still write a readable file with the columns
            cur = store.conn.execute(sql + " LIMIT 0")
            schema = pa.schema([pa.field(c[0], _arrow_type(name, c[0], pa.null()))
                                for c in cur.description])
            pq.write_table(schema.empty_table(), out / f"{name}.parquet")
        else:
            writer.close()
        counts[name] = n
    return counts


_INT_COLS = {"n_chars", "start", "end", "trigger_start", "trigger_end", "sentence", "documents"}
_FLOAT_COLS = {"confidence"}
_BOOL_COLS = {"negated", "hypothetical"}


def _arrow_type(table: str, column: str, seen):
    """A fixed Arrow type per column, so every batch (and an empty table) agrees."""
    import pyarrow as pa

    if column in _INT_COLS:
        return pa.int64()
    if column in _FLOAT_COLS:
        return pa.float64()
    if column in _BOOL_COLS:
        return pa.bool_()
    return pa.string()


def _events_tsv(store: Store, out: Path, batch: int) -> dict:
    sql = """SELECT e.doc_id || ':' || e.local_id, COALESCE(CASE WHEN e.time_value GLOB
                    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' THEN e.time_value END,
                    d.published),
                    a.name, a.kb_id, a.type, t.name, t.kb_id, t.type, e.type, e.mode,
                    e.negated, e.hypothetical, l.name, l.kb_id, e.confidence, e.trigger_text,
                    e.doc_id, d.story_id, d.source
             FROM events e JOIN documents d ON d.id = e.doc_id
             LEFT JOIN entities a ON a.key = e.actor_key
             LEFT JOIN entities t ON t.key = e.target_key
             LEFT JOIN entities l ON l.key = e.location_key
             ORDER BY d.n, e.trigger_start"""
    n = 0
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(EVENT_TSV_COLUMNS)
        for _, rows in _batches(store, sql, batch):
            for r in rows:
                r = list(r)
                r[1] = (r[1] or "")[:10].replace("-", "")  # SQLDATE: YYYYMMDD
                w.writerow(["" if v is None else _clean(v) for v in r])
                n += 1
    return {"events": n}


def _clean(value) -> str:
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


# ---------------------------------------------------------------------------- actor graph

def _actor_graph(store: Store) -> tuple[list[dict], list[dict]]:
    """Nodes (entities that act or are acted on) and weighted actor→target edges."""
    edges = [dict(zip(("source", "target", "type", "events", "stories"), r, strict=True))
             for r in store.conn.execute("""
        SELECT e.actor_key, e.target_key, e.type, COUNT(*), COUNT(DISTINCT d.story_id)
        FROM events e JOIN documents d ON d.id = e.doc_id
        WHERE e.actor_key IS NOT NULL AND e.target_key IS NOT NULL
          AND e.actor_key != e.target_key
        GROUP BY e.actor_key, e.target_key, e.type
        ORDER BY e.actor_key, e.target_key, e.type""")]
    keys = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    nodes = []
    for i in range(0, len(keys), 500):
        part = keys[i:i + 500]
        nodes += [dict(zip(("key", "name", "name_en", "type", "kb_id"), r, strict=True))
                  for r in store.conn.execute(
                      "SELECT key, name, name_en, type, kb_id FROM entities WHERE key IN ("
                      + ",".join("?" * len(part)) + ") ORDER BY key", part)]
    return nodes, edges


def _graphml(store: Store, out: Path, batch: int) -> dict:
    nodes, edges = _actor_graph(store)
    with out.open("w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
        for key, target, typ in (("label", "node", "string"), ("name_en", "node", "string"),
                                 ("etype", "node", "string"), ("kb_id", "node", "string"),
                                 ("event_type", "edge", "string"), ("weight", "edge", "int"),
                                 ("stories", "edge", "int")):
            fh.write(f'  <key id="{key}" for="{target}" attr.name="{key}" '
                     f'attr.type="{typ}"/>\n')
        fh.write('  <graph id="actors" edgedefault="directed">\n')
        for nd in nodes:
            fh.write(f"    <node id={quoteattr(nd['key'])}>\n")
            for k, v in (("label", nd["name"]), ("name_en", nd["name_en"]),
                         ("etype", nd["type"]), ("kb_id", nd["kb_id"])):
                if v is not None:
                    fh.write(f'      <data key="{k}">{escape(v)}</data>\n')
            fh.write("    </node>\n")
        for i, e in enumerate(edges):
            fh.write(f"    <edge id=\"x{i}\" source={quoteattr(e['source'])} "
                     f"target={quoteattr(e['target'])}>\n"
                     f"      <data key=\"event_type\">{escape(e['type'])}</data>\n"
                     f"      <data key=\"weight\">{e['events']}</data>\n"
                     f"      <data key=\"stories\">{e['stories']}</data>\n    </edge>\n")
        fh.write("  </graph>\n</graphml>\n")
    return {"nodes": len(nodes), "edges": len(edges)}


def _gexf(store: Store, out: Path, batch: int) -> dict:
    nodes, edges = _actor_graph(store)
    with out.open("w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<gexf xmlns="http://gexf.net/1.3" version="1.3">\n'
                 '  <meta><creator>rasid</creator>'
                 '<description>actor graph: PLOVER events from actor to target'
                 '</description></meta>\n'
                 '  <graph mode="static" defaultedgetype="directed">\n'
                 '    <attributes class="node">\n'
                 '      <attribute id="0" title="type" type="string"/>\n'
                 '      <attribute id="1" title="kb_id" type="string"/>\n'
                 '      <attribute id="2" title="name_en" type="string"/>\n'
                 '    </attributes>\n'
                 '    <attributes class="edge">\n'
                 '      <attribute id="0" title="stories" type="integer"/>\n'
                 '    </attributes>\n    <nodes>\n')
        for nd in nodes:
            fh.write(f"      <node id={quoteattr(nd['key'])} "
                     f"label={quoteattr(nd['name'] or nd['key'])}><attvalues>")
            for i, k in enumerate(("type", "kb_id", "name_en")):
                if nd[k] is not None:
                    fh.write(f'<attvalue for="{i}" value={quoteattr(nd[k])}/>')
            fh.write("</attvalues></node>\n")
        fh.write("    </nodes>\n    <edges>\n")
        for i, e in enumerate(edges):
            fh.write(f"      <edge id=\"{i}\" source={quoteattr(e['source'])} "
                     f"target={quoteattr(e['target'])} label={quoteattr(e['type'])} "
                     f"weight=\"{e['events']}\"><attvalues><attvalue for=\"0\" "
                     f"value=\"{e['stories']}\"/></attvalues></edge>\n")
        fh.write("    </edges>\n  </graph>\n</gexf>\n")
    return {"nodes": len(nodes), "edges": len(edges)}


def read_jsonl(path: str | Path) -> Iterator[dict]:
    """Read back a JSONL export (for tests and round trips)."""
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)
