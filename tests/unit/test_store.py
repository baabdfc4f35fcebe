"""The corpus store: round trips, idempotent upserts, atomic replacement, migrations,
Arabic-normalised search, stories, queries and exports.

Records are built over real corpus text with facts placed at real offsets (found with
``str.find``), so the store is tested without depending on the NER/quote/event models.
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import xml.etree.ElementTree as ET

import pytest

from rasid.document import (
    DocumentRecord,
    Entity,
    Event,
    Offsets,
    Quote,
    Relation,
    Sentence,
    Span,
    TimeExpression,
    validate,
)
from rasid.errors import StoreError
from rasid.store import Store, queries
from rasid.store.codec import pack
from rasid.store.export import export, read_jsonl
from rasid.store.schema import LATEST, current_version, migrate
from rasid.text import split_sentences


def _span(text: str, surface: str, after: int = 0) -> Span:
    i = text.find(surface, after)
    assert i >= 0, f"{surface!r} not in text"
    return Span(i, i + len(surface), surface)


def build_record(text: str, doc_id: str, published: str | None, ents: dict,
                 quotes=(), events=(), times=()) -> DocumentRecord:
    """ents: local id -> (type, kb_id, name_en, [surface, ...]) found in ``text``."""
    entities = []
    for eid, (typ, kb, name_en, surfaces) in ents.items():
        mentions = []
        for s in surfaces:
            pos = 0
            while (i := text.find(s, pos)) >= 0:
                mentions.append(Span(i, i + len(s), s))
                pos = i + len(s)
        assert mentions, surfaces
        entities.append(Entity(eid, typ, surfaces[0], mentions, name_en, kb, 0.9))
    tlist = []
    for tid, surface, value in times:
        sp = _span(text, surface)
        tlist.append(TimeExpression(tid, "DATE", sp.start, sp.end, sp.text, value))
    qlist = []
    for qid, quoted, speaker in quotes:
        sp = _span(text, quoted)
        qlist.append(Quote(qid, "direct", sp.start, sp.end, sp.text, speaker=speaker,
                           verb="قال", confidence=0.8))
    vlist = []
    for vid, etype, trigger, actor, target, tid in events:
        vlist.append(Event(vid, etype, _span(text, trigger), 0, actor=actor, target=target,
                           time=tid, confidence=0.7))
    rec = DocumentRecord(
        id=doc_id, text=text, source=f"test:{doc_id}", published=published,
        title=text.split("\n", 1)[0][:120],
        sentences=[Sentence(s, e) for s, e in split_sentences(text)],
        entities=entities, quotes=qlist, events=vlist, times=tlist,
        relations=[Relation("cooccur", entities[0].id, entities[-1].id, Offsets(0, 5))]
        if len(entities) > 1 else [])
    validate(rec)
    return rec


@pytest.fixture
def nato_records(corpus_text):
    """Two real articles (Finland/Sweden and NATO) with hand-placed facts."""
    t1, t8 = corpus_text("001"), corpus_text("008")
    r1 = build_record(
        t1, "doc001", "2022-05-12",
        {"e1": ("GPE", "Q33", "Finland", ["فنلندا"]),
         "e2": ("ORG", "Q7184", "NATO", ["الناتو"]),
         "e3": ("GPE", "Q159", "Russia", ["موسكو"])},
        quotes=[("q1", t1[t1.find("الناتو") - 20:t1.find("الناتو") + 12], "e3")],
        events=[("v1", "THREATEN", "حذّرت", "e3", "e2", "t1")],
        times=[("t1", "الخميس", "2022-05-19")])
    r8 = build_record(
        t8, "doc008", "2022-05-16",
        {"e1": ("GPE", "Q34", "Sweden", ["السويد"]),
         "e2": ("ORG", "Q7184", "NATO", ["الناتو", "حلف شمال الأطلسي"]),
         "e3": ("GPE", "Q33", "Finland", ["فنلندا"])},
        events=[("v1", "REQUEST", "بطلب", "e1", "e2", None)])
    return r1, r8


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "rasid.db") as s:
        yield s


def _table_counts(store: Store) -> dict[str, int]:
    names = [r[0] for r in store.conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'doc_fts_%'"
        " AND name NOT LIKE 'sqlite_%'")]
    return {n: store.conn.execute(f"SELECT COUNT(*) FROM {n}").fetchone()[0] for n in names}


def test_new_store_is_wal_and_fully_migrated(store):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.schema_version() == LATEST
    names = [r[0] for r in store.conn.execute("SELECT name FROM migrations ORDER BY version")]
    assert len(names) == LATEST and "FTS5" in names[2] and "aggregates" in names[3]


def test_round_trip_is_exact(store, nato_records):
    for rec in nato_records:
        assert store.upsert(rec) == "inserted"
        back = store.get_document(rec.id)
        assert back == rec
        assert back.to_dict() == rec.to_dict()
    assert store.get_document("missing") is None


def test_reingest_changes_nothing(store, nato_records):
    for rec in nato_records:
        store.upsert(rec)
    before = _table_counts(store)
    n_before = store.conn.execute("SELECT group_concat(n || id || record_hash || story_id)"
                                  " FROM documents").fetchone()
    for rec in nato_records:
        assert store.upsert(rec) == "unchanged"
    assert _table_counts(store) == before
    assert store.conn.execute("SELECT group_concat(n || id || record_hash || story_id)"
                              " FROM documents").fetchone() == n_before


def test_new_version_replaces_old_rows(store, nato_records):
    r1, _ = nato_records
    store.upsert(r1)
    newer = DocumentRecord.from_dict(r1.to_dict())
    newer.entities = newer.entities[:1]          # the linker now finds only Finland
    newer.quotes, newer.events, newer.relations = [], [], []
    assert store.upsert(newer) == "replaced"
    assert store.count() == 1
    assert store.get_document(r1.id) == newer
    rows = store.conn.execute("SELECT COUNT(*) FROM mentions WHERE doc_id = ?",
                              (r1.id,)).fetchone()[0]
    assert rows == len(newer.entities[0].mentions)
    for table in ("quotes", "events", "relations"):
        assert store.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0
    # the FTS row was replaced, not duplicated
    assert len(queries.search(store, "البرلمان الفنلندي")) == 1


def test_failed_replacement_leaves_old_version(store, nato_records, monkeypatch):
    r1, _ = nato_records
    store.upsert(r1)
    before = _table_counts(store)
    newer = DocumentRecord.from_dict(r1.to_dict())
    newer.title = "عنوان جديد"

    def boom(*args):
        raise sqlite3.OperationalError("disk I/O error (simulated)")

    monkeypatch.setattr(store, "_insert_children", boom)
    with pytest.raises(StoreError, match="simulated"):     # named after the store
        store.upsert(newer)
    assert store.get_document(r1.id) == r1
    assert _table_counts(store) == before


def test_migrates_an_older_schema_keeping_data(tmp_path, corpus_text):
    path = tmp_path / "old.db"
    text = corpus_text("001")
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, target=1) == [1]
    rec = DocumentRecord(id="old1", text=text, title=text.split("\n")[0])
    conn.execute("INSERT INTO documents(id, title, n_chars, input_hash, record_hash,"
                 " ingested_at, record) VALUES (?,?,?,?,?,?,?)",
                 ("old1", rec.title, len(text), "x", "y", "2024-01-01",
                  pack(json.dumps(rec.to_dict(), ensure_ascii=False))))
    assert current_version(conn) == 1
    conn.close()
    with pytest.raises(StoreError, match="schema version 1"):
        Store(path, readonly=True)
    with Store(path) as s:                     # opening for writing migrates 1 -> LATEST
        assert s.schema_version() == LATEST
        assert s.get_document("old1") == rec
        assert s.conn.execute("SELECT story_id FROM documents").fetchone()[0] == "old1"
        assert [h["id"] for h in queries.search(s, "البرلمان الفنلندي")] == ["old1"]
    with Store(path) as s:                     # and never twice
        assert s.conn.execute("SELECT COUNT(*) FROM migrations").fetchone()[0] == LATEST


def test_refuses_a_newer_schema(tmp_path):
    path = tmp_path / "future.db"
    with Store(path) as s:
        s.conn.execute("INSERT INTO migrations VALUES (99, 'from the future', 'x')")
    with pytest.raises(StoreError, match="newer"):
        Store(path)


@pytest.mark.parametrize("query", [
    "البرلمان الفنلندي",            # as written
    "البرلمانُ الفِنلنديّ",           # diacritics never block a match
    "برلمان فنلندي",                # without the article
    "بالاغلبيه",                     # no hamza, ha for ta marbuta ("بأغلبية" in the text)
    '"حلف شمال الاطلسي"',           # a phrase, alef without hamza
    "فنلند*",                        # a prefix
])
def test_search_is_arabic_normalised(store, nato_records, query):
    for rec in nato_records:
        store.upsert(rec)
    if query == "بالاغلبيه":
        query = "باغلبيه"
    hits = queries.search(store, query)
    assert "doc001" in [h["id"] for h in hits]
    hit = next(h for h in hits if h["id"] == "doc001")
    assert "[" in hit["snippet"] and "]" in hit["snippet"]


def test_search_hamza_variants_of_a_place_name(store, corpus_text):
    # our own sentence around a real article: "عشق آباد" must be found as "عشق أباد"
    text = corpus_text("003") + "\nووصل الوفد إلى عشق آباد مساء الأحد."
    store.upsert(DocumentRecord(id="ashgabat", text=text))
    store.upsert(DocumentRecord(id="other", text=corpus_text("001")))
    for q in ("عشق أباد", "عشق اباد", "عشق آباد"):
        assert [h["id"] for h in queries.search(store, q)] == ["ashgabat"], q
    assert queries.search(store, "كلمةغيرموجودة") == []
    assert queries.search(store, '"') == []          # no words: no error


def test_reprints_share_a_story(store, corpus_text):
    text = corpus_text("001")
    cut = [e for _, e in split_sentences(text)][-3]
    reprint = "موسكو (وكالات) - " + text[:cut]     # a new dateline, the last sentences cut
    store.upsert(DocumentRecord(id="a", text=text))
    store.upsert(DocumentRecord(id="b", text=reprint))
    store.upsert(DocumentRecord(id="c", text=corpus_text("003")))
    stories = dict(store.conn.execute("SELECT id, story_id FROM documents"))
    assert stories["a"] == stories["b"] == "a"
    assert stories["c"] == "c"
    assert len(queries.search(store, "البرلمان الفنلندي")) == 2
    assert [h["id"] for h in queries.search(store, "البرلمان الفنلندي",
                                            once_per_story=True)] in (["a"], ["b"])


def test_queries_by_entity(store, nato_records):
    for rec in nato_records:
        store.upsert(rec)
    # one corpus entity for NATO across documents, found by kb_id, Arabic or English name
    for name in ("Q7184", "الناتو", "NATO", "حلف شمال الاطلسي"):
        assert queries.resolve_entity(store, name)[0]["key"] == "Q7184", name
    page = queries.entity_page(store, "الناتو")
    assert page["entity"]["documents"] == 2
    assert {a["text"] for a in page["aliases"]} == {"الناتو", "حلف شمال الأطلسي"}
    assert {m["month"] for m in page["by_month"]} == {"2022-05"}
    assert {c["key"] for c in page["cooccurring"]} >= {"Q33", "Q34", "Q159"}
    # newest first: the threat is dated by its own time (05-19), the request by 05-16
    assert [e["type"] for e in page["events_as_target"]] == ["THREATEN", "REQUEST"]
    assert page["quotes_about"] and page["quotes_about"][0]["speaker_key"] == "Q159"

    q = queries.quotes(store, speaker="موسكو")
    assert len(q) == 1 and "الناتو" in q[0]["text"]
    assert queries.quotes(store, speaker="موسكو", since="2022-06") == []
    assert queries.quotes(store, speaker="لا أحد") == []

    ev = queries.events(store, actor="Russia", target="الناتو", type="threaten")
    assert len(ev) == 1 and ev[0]["date"] == "2022-05-19"     # the event's own time
    assert queries.events(store, type="REQUEST", until="2022-05-15") == []
    assert len(queries.events(store, type="REQUEST", until="2022-05")) == 1

    tl = queries.timeline(store, "فنلندا")
    assert tl["entity"]["key"] == "Q33" and tl["items"] == []
    tl = queries.timeline(store, "موسكو")
    assert [i["kind"] for i in tl["items"]] == ["quote", "event"]      # date order
    assert queries.entity_page(store, "غير موجود") is None


def test_counts_once_per_story(store, nato_records):
    r1, _ = nato_records
    store.upsert(r1)
    reprint = DocumentRecord.from_dict(r1.to_dict())
    reprint.id = "doc001-reprint"
    store.upsert(reprint)
    assert len(queries.events(store, actor="Q159")) == 2
    assert len(queries.events(store, actor="Q159", once_per_story=True)) == 1
    assert len(queries.quotes(store, speaker="Q159", once_per_story=True)) == 1


def test_exports_read_back(store, nato_records, tmp_path):
    import pyarrow.parquet as pq

    for rec in nato_records:
        store.upsert(rec)
    s = export(store, "jsonl", tmp_path / "r.jsonl")
    back = [DocumentRecord.from_dict(d) for d in read_jsonl(tmp_path / "r.jsonl")]
    assert back == list(nato_records) and s["rows"] == {"documents": 2}

    export(store, "parquet", tmp_path / "pq")
    docs = pq.read_table(tmp_path / "pq" / "documents.parquet").to_pandas()
    assert list(docs["id"]) == ["doc001", "doc008"]
    ents = pq.read_table(tmp_path / "pq" / "entities.parquet").to_pandas()
    assert ents.set_index("key").loc["Q7184", "documents"] == 2
    ment = pq.read_table(tmp_path / "pq" / "mentions.parquet")
    assert ment.num_rows == sum(len(e.mentions) for r in nato_records for e in r.entities)
    ev = pq.read_table(tmp_path / "pq" / "events.parquet").to_pandas()
    assert set(ev["type"]) == {"THREATEN", "REQUEST"} and ev["negated"].dtype == bool
    assert pq.read_table(tmp_path / "pq" / "quotes.parquet").num_rows == 1

    export(store, "events-tsv", tmp_path / "e.tsv")
    with open(tmp_path / "e.tsv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    threat = next(r for r in rows if r["EventType"] == "THREATEN")
    assert (threat["Actor1KB"], threat["Actor2KB"], threat["SQLDATE"]) == \
        ("Q159", "Q7184", "20220519")

    export(store, "graphml", tmp_path / "g.graphml")
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(tmp_path / "g.graphml").getroot()
    nodes = {n.get("id") for n in root.iterfind(".//g:node", ns)}
    edges = [(e.get("source"), e.get("target")) for e in root.iterfind(".//g:edge", ns)]
    assert nodes == {"Q159", "Q7184", "Q34"}
    assert sorted(edges) == [("Q159", "Q7184"), ("Q34", "Q7184")]

    export(store, "gexf", tmp_path / "g.gexf")
    ns = {"x": "http://gexf.net/1.3"}
    root = ET.parse(tmp_path / "g.gexf").getroot()
    labels = {n.get("label") for n in root.iterfind(".//x:node", ns)}
    assert labels == {"موسكو", "الناتو", "السويد"}
    assert len(root.findall(".//x:edge", ns)) == 2


def test_empty_store_exports(store, tmp_path):
    import pyarrow.parquet as pq

    export(store, "parquet", tmp_path / "pq")
    assert pq.read_table(tmp_path / "pq" / "events.parquet").num_rows == 0
    export(store, "gexf", tmp_path / "g.gexf")
    ET.parse(tmp_path / "g.gexf")
    with pytest.raises(StoreError, match="unknown export format"):
        export(store, "xlsx", tmp_path / "x")


def test_readonly_store_errors_clearly(tmp_path):
    with pytest.raises(StoreError, match="no store at"):
        Store(tmp_path / "none.db", readonly=True)


def test_default_path_from_environment(monkeypatch, tmp_path):
    from rasid.store import default_db_path

    monkeypatch.setenv("RASID_DB", str(tmp_path / "x.db"))
    assert default_db_path() == tmp_path / "x.db"
    monkeypatch.delenv("RASID_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_db_path() == tmp_path / "rasid" / "rasid.db"


def test_replaced_and_deleted_text_leaves_the_index(store, corpus_text):
    store.upsert(DocumentRecord(id="x", text=corpus_text("001")))
    assert [h["id"] for h in queries.search(store, "البرلمان الفنلندي")] == ["x"]
    store.upsert(DocumentRecord(id="x", text=corpus_text("003")))   # same id, new text
    assert queries.search(store, "البرلمان الفنلندي") == []
    assert [h["id"] for h in queries.search(store, "الباكستانية")] == ["x"]
    store.conn.execute("INSERT INTO doc_fts(doc_fts, rank) VALUES ('integrity-check', 0)")
    assert store.delete("x") and not store.delete("x")
    assert queries.search(store, "الباكستانية") == []
    assert _table_counts(store)["documents"] == 0
    assert store.conn.execute("SELECT COUNT(*) FROM story_bands").fetchone()[0] == 0


def test_round_trip_property(tmp_path_factory, corpus_text):
    """Any valid record over real text comes back from the store exactly as it went in."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    text = corpus_text("002")[:1500]
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    spans = st.sampled_from(words).map(lambda se: Span(se[0], se[1], text[se[0]:se[1]]))
    entity = st.builds(lambda i, typ, ms, kb, conf: Entity(f"e{i}", typ, ms[0].text, ms,
                                                           None, kb, conf),
                       st.integers(1, 50), st.sampled_from(["PER", "ORG", "GPE", "MISC"]),
                       st.lists(spans, min_size=1, max_size=4),
                       st.one_of(st.none(), st.sampled_from(["Q1", "Q2", "R:x"])),
                       st.floats(0, 1))
    db = tmp_path_factory.mktemp("prop") / "p.db"

    @settings(max_examples=25, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.lists(entity, max_size=6, unique_by=lambda e: e.id),
           st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())),
           st.dictionaries(st.text(max_size=5), st.integers(), max_size=2))
    def check(ents, published, metadata):
        rec = DocumentRecord(id="p", text=text, published=published, entities=ents,
                             metadata=metadata)
        with Store(db) as s:
            s.upsert(rec)
            assert s.get_document("p") == rec
            assert s.upsert(rec) == "unchanged"
            assert s.conn.execute("SELECT COUNT(*) FROM mentions").fetchone()[0] == \
                sum(len(e.mentions) for e in ents)

    check()


def test_full_store_is_one_store_error_and_keeps_what_was_committed(store, corpus_text):
    store.upsert(DocumentRecord(id="first", text=corpus_text("001")))
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")     # a disk that is full
    with pytest.raises(StoreError, match="full") as info:
        for i in range(2, 30):
            store.upsert(DocumentRecord(id=f"d{i}", text=corpus_text(f"{i:03d}")))
    assert str(store.path) in str(info.value)
    assert store.get_document("first") is not None
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
