"""The store's aggregate tables (migration 4) stay equal to a recount from the base tables
through inserts, replacements and deletes; an older store gains them in place; the queries
that read them answer as the row-by-row queries did.

Records are real corpus articles with facts placed on words found in them (the helpers of
test_store.py), so the aggregates see real keys, mentions, stories and events.
"""

from __future__ import annotations

import json
import random
import re

import pytest
from test_store import build_record

from rasid.document import EVENT_TYPES, DocumentRecord
from rasid.store import Store, queries
from rasid.store.codec import pack, record_text
from rasid.store.fts import query_terms
from rasid.store.schema import AGGREGATE_RECOUNT, LATEST
from rasid.text import normalize
from rasid.web.data import graph_from_events

ARTICLES = ("001", "003", "008", "012", "020")


def _stored(store: Store, table: str) -> set[tuple]:
    return set(store.conn.execute(f"SELECT * FROM {table}"))


def assert_exact(store: Store) -> None:
    """Every aggregate table equals its recount from the base tables."""
    for table, sql in AGGREGATE_RECOUNT.items():
        recount = set(store.conn.execute(sql))
        assert _stored(store, table) == recount, table


def _words(text: str) -> list[str]:
    return sorted({w for w in re.findall(r"[\u0621-\u064a]{5,}", text)})


def random_record(rng: random.Random, text: str, doc_id: str) -> DocumentRecord:
    """A record over ``text`` with a random choice of its words as entities (the same
    word is the same kb_id in every document, so documents share entities), a second
    entity of the same kb_id now and then, events between them, a random month."""
    words = _words(text)
    chosen = rng.sample(words, min(len(words), rng.randint(0, 7)))
    ents: dict = {}
    for i, w in enumerate(chosen):
        kb = None if i % 4 == 3 else f"Q{sum(map(ord, w)) % 97}"   # some without kb_id
        ents[f"e{i}"] = (rng.choice(["PER", "ORG", "GPE"]), kb, None, [w])
    if len(chosen) >= 2 and rng.random() < 0.5:      # two local entities, one corpus key
        kb = ents["e0"][1] or "Q1"
        ents["e0"] = (*ents["e0"][:1], kb, None, ents["e0"][3])
        ents["ex"] = ("PER", kb, None, [chosen[1]])
    events = []
    locals_ = list(ents)
    for j in range(rng.randint(0, 4) if locals_ else 0):
        actor = rng.choice(locals_ + [None])
        target = rng.choice(locals_ + [None])
        events.append((f"v{j}", rng.choice(EVENT_TYPES), rng.choice(words), actor, target,
                       None))
    published = rng.choice([None, "2022-05-12", "2022-06-01", "2023-01-30"])
    rec = build_record(text, doc_id, published, ents, events=events) if ents else \
        DocumentRecord(id=doc_id, text=text, published=published)
    return rec


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_aggregates_stay_exact_through_inserts_replaces_and_deletes(tmp_path, corpus_text,
                                                                   seed):
    rng = random.Random(seed)
    texts = [corpus_text(a) for a in ARTICLES]
    # reprints share a story with their original: stories are counted per entity
    texts.append("موسكو (وكالات) - " + texts[0][: len(texts[0]) * 3 // 4])
    stored: set[str] = set()
    with Store(tmp_path / "agg.db") as store:
        for _ in range(40):
            doc_id = f"d{rng.randrange(8)}"
            if doc_id in stored and rng.random() < 0.3:
                assert store.delete(doc_id)
                stored.discard(doc_id)
            else:
                rec = random_record(rng, rng.choice(texts), doc_id)
                outcome = store.upsert(rec)
                assert outcome in (("replaced", "unchanged") if doc_id in stored
                                   else ("inserted",))
                stored.add(doc_id)
            assert_exact(store)
        for doc_id in sorted(stored):
            store.delete(doc_id)
        assert_exact(store)
        for table in AGGREGATE_RECOUNT:      # nothing left over when nothing is stored
            assert _stored(store, table) == set(), table


def test_a_failed_write_leaves_the_aggregates_as_they_were(tmp_path, corpus_text,
                                                           monkeypatch):
    rng = random.Random(5)
    with Store(tmp_path / "agg.db") as store:
        for i in range(3):
            store.upsert(random_record(rng, corpus_text(ARTICLES[i]), f"d{i}"))
        before = {t: _stored(store, t) for t in AGGREGATE_RECOUNT}

        def boom(*args):
            raise RuntimeError("simulated failure after the counts were taken away")

        monkeypatch.setattr(store, "_insert_children", boom)
        with pytest.raises(RuntimeError):
            store.upsert(random_record(rng, corpus_text("030"), "d0"))
        assert {t: _stored(store, t) for t in AGGREGATE_RECOUNT} == before
        assert_exact(store)


def test_an_older_store_gains_the_aggregates_in_place(tmp_path, corpus_text):
    path = tmp_path / "v3.db"
    rng = random.Random(9)
    with Store(path) as store:
        for i, a in enumerate(ARTICLES):
            store.upsert(random_record(rng, corpus_text(a), f"d{i}"))
        expected = {t: _stored(store, t) for t in AGGREGATE_RECOUNT}
        assert any(expected.values())
        # make it a version-3 store, as an earlier rasid left it
        for table in AGGREGATE_RECOUNT:
            store.conn.execute(f"DROP TABLE {table}")
        for index in ("events_actor_date", "events_target_date"):
            store.conn.execute(f"DROP INDEX {index}")
        store.conn.execute("DELETE FROM migrations WHERE version = 4")
    with Store(path) as store:                      # opening for writing upgrades it
        assert store.schema_version() == LATEST
        assert {t: _stored(store, t) for t in AGGREGATE_RECOUNT} == expected
        store.upsert(random_record(rng, corpus_text("030"), "d0"))   # and keeps them exact
        assert_exact(store)


def _old_page_counts(store: Store, key: str) -> dict:
    """What the entity page counted row by row before the aggregates."""
    conn = store.conn
    by_month = [tuple(r) for r in conn.execute(
        "SELECT COALESCE(substr(published, 1, 7), 'unknown') AS month,"
        " COUNT(DISTINCT doc_id), SUM(n_mentions) FROM doc_entities WHERE entity_key = ?"
        " GROUP BY month ORDER BY month", (key,))]
    stories = conn.execute("SELECT COUNT(DISTINCT story_id) FROM doc_entities"
                           " WHERE entity_key = ?", (key,)).fetchone()[0]
    cooc = [tuple(r) for r in conn.execute(
        "SELECT de2.entity_key, COUNT(DISTINCT de2.doc_id) AS n FROM doc_entities de1"
        " JOIN doc_entities de2 ON de2.doc_id = de1.doc_id AND de2.entity_key != ?"
        " WHERE de1.entity_key = ? GROUP BY de2.entity_key ORDER BY n DESC, de2.entity_key",
        (key, key))]
    return {"by_month": by_month, "stories": stories, "cooc": cooc}


def test_entity_pages_and_graphs_read_the_aggregates_as_the_rows_say(tmp_path, corpus_text):
    rng = random.Random(13)
    texts = [corpus_text(a) for a in ARTICLES]
    with Store(tmp_path / "agg.db") as store:
        for i in range(12):
            store.upsert(random_record(rng, rng.choice(texts), f"d{i}"))
        keys = [k for (k,) in store.conn.execute(
            "SELECT entity_key FROM doc_entities GROUP BY entity_key"
            " ORDER BY COUNT(*) DESC LIMIT 6")]
        assert keys
        for key in keys:
            page = queries.entity_page(store, key, limit=200)
            old = _old_page_counts(store, key)
            assert [(m["month"], m["documents"], m["mentions"])
                    for m in page["by_month"]] == old["by_month"]
            assert page["stories"] == old["stories"]
            assert [(c["key"], c["documents"]) for c in page["cooccurring"]] == old["cooc"]
            # the graph from counted edges is the graph from every event row
            rows = (queries.events(store, actor=key, limit=10_000)
                    + queries.events(store, target=key, limit=10_000))
            from_rows = graph_from_events(rows, max_nodes=300)
            from_edges = graph_from_events(queries.event_edges(store, key), max_nodes=300)
            assert _graph_set(from_edges) == _graph_set(from_rows)
        everything = graph_from_events(queries.events(store, limit=10_000), max_nodes=300)
        assert _graph_set(graph_from_events(queries.event_edges(store), max_nodes=300)) \
            == _graph_set(everything)
        ttype = "ASSAULT"
        assert _graph_set(graph_from_events(queries.event_edges(store, type=ttype))) == \
            _graph_set(graph_from_events(queries.events(store, type=ttype, limit=10_000)))


def _graph_set(g: dict) -> tuple:
    return ({(n["key"], n["name"], n["events"]) for n in g["nodes"]},
            {(e["source"], e["target"], e["weight"], tuple(sorted(e["types"].items())))
             for e in g["edges"]})


def _old_snippet(text: str, terms: list[str], width: int = 80) -> str:
    """The snippet as it was computed before (the whole text mapped at once)."""
    norm = normalize(text)
    folded = norm.text.lower()
    best = None
    for t in terms:
        i = folded.find(t)
        if i >= 0 and (best is None or i < best[0]):
            best = (i, i + len(t))
    if best is None:
        return " ".join(text[:2 * width].split())
    start, end = norm.span_to_original(*best)
    lo, hi = max(0, start - width), min(len(text), end + width)
    out = text[lo:start] + "[" + text[start:end] + "]" + text[end:hi]
    return ("…" if lo else "") + " ".join(out.split()) + ("…" if hi < len(text) else "")


@pytest.mark.parametrize("article", ARTICLES)
def test_snippets_are_the_same_piece_by_piece(corpus_text, article):
    text = corpus_text(article)
    rng = random.Random(article)
    words = _words(text)
    queries_ = [rng.sample(words, 2) for _ in range(15)] + [["غيرموجودة"]]
    # a diacritised copy: the offset map is not the identity
    marked = text.replace("ا", "اَ")
    for ws in queries_:
        terms = query_terms(" ".join(ws))
        assert queries.snippet(text, terms) == _old_snippet(text, terms)
        assert queries.snippet(marked, terms) == _old_snippet(marked, terms)


@pytest.mark.parametrize("doc_id", ["plain", 'quote"d', '","text":"not this', "\\", ""])
def test_record_text_reads_the_text_alone(doc_id, corpus_text):
    text = corpus_text("001")
    rec = DocumentRecord(id=doc_id or "x", text=text)
    blob = pack(json.dumps(rec.to_dict(), ensure_ascii=False, separators=(",", ":")))
    assert record_text(blob) == text
    # any other layout is decoded whole
    assert record_text(pack(json.dumps({"text": text, "id": doc_id}))) == text
