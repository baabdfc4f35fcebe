"""rasid.web.annotate: the pieces the pages render cover the text exactly, each carrying the
facts over it; plus the SVG helpers and the data adapter of the API."""

from __future__ import annotations

import web_records
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasid.document import DocumentRecord, Entity, Quote, Sentence, Span, TimeExpression
from rasid.web.annotate import blocks, fact_table
from rasid.web.data import graph_from_events, page
from rasid.web.pages import _snippet_parts, bar_chart, circle_layout


def _flatten(record):
    return [p for b in blocks(record) for p in b.pieces]


def test_pieces_cover_the_article_and_carry_its_facts():
    record = web_records.build("004")
    pieces = _flatten(record)
    assert "".join(p.text for p in pieces) == record.text
    pos = 0
    for p in pieces:
        assert p.start == pos
        pos += len(p.text)
    shoigu = next(e for e in record.entities if e.name == "سيرغي شويغو")
    for m in shoigu.mentions:
        covered = [p for p in pieces if m.start <= p.start < m.end]
        assert "".join(p.text for p in covered) == m.text
        assert all(p.facts[0] == shoigu.id and "ent-PER" in p.classes for p in covered)
    # an entity inside a quote: the entity is picked first, the quote is still underlined
    inside = [p for p in pieces if "ent" in p.classes and "quote" in p.classes]
    assert inside and all(p.facts[0].startswith("e") and any(f.startswith("q") for f in p.facts)
                          for p in inside)
    # speakers are badged where their quotes begin
    badged = {p.speaker_badge for p in pieces if p.speaker_badge}
    assert badged == {q.id for q in record.quotes if q.speaker}


def test_sentence_blocks_follow_the_segmenter():
    record = web_records.build("001")
    sents = [b for b in blocks(record) if b.index >= 0]
    assert [b.index for b in sents] == list(range(len(record.sentences)))
    for b in sents:
        s = record.sentences[b.index]
        assert "".join(p.text for p in b.pieces) == record.text[s.start:s.end]


def test_fact_table_points_to_sentences():
    record = web_records.build("004")
    facts = fact_table(record)
    assert set(facts) == ({e.id for e in record.entities} | {q.id for q in record.quotes}
                          | {t.id for t in record.times} | {v.id for v in record.events})
    q = next(q for q in record.quotes if q.speaker)
    assert facts[q.id]["speaker"] == record.entity(q.speaker).name
    s = record.sentences[facts[q.id]["sentence"]]
    assert s.start <= q.start < s.end


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 300), st.integers(1, 40),
                          st.sampled_from(["ent", "quote", "time"])), max_size=25))
def test_any_overlap_of_facts_renders_every_character_once(spans):
    text = web_records.read_corpus("002")[:320]
    record = DocumentRecord(id="x", text=text, sentences=[Sentence(0, 150),
                                                          Sentence(151, len(text))])
    for i, (a, n, kind) in enumerate(spans):
        b = min(a + n, len(text))
        if a >= b:
            continue
        if kind == "ent":
            record.entities.append(Entity(f"e{i}", "PER", text[a:b], [Span(a, b, text[a:b])]))
        elif kind == "quote":
            record.quotes.append(Quote(f"q{i}", "direct", a, b, text[a:b]))
        else:
            record.times.append(TimeExpression(f"t{i}", "DATE", a, b, text[a:b]))
    pieces = _flatten(record)
    assert "".join(p.text for p in pieces) == text
    for p in pieces:
        mid = p.start
        want = {e.id for e in record.entities for m in e.mentions if m.start <= mid < m.end}
        want |= {q.id for q in record.quotes if q.start <= mid < q.end}
        want |= {t.id for t in record.times if t.start <= mid < t.end}
        assert set(p.facts) == want


def test_page_and_graph_adapters():
    rows = list(range(7))
    first = page(lambda n: rows[:n], 3, 0)
    assert first == {"items": [0, 1, 2], "limit": 3, "offset": 0, "next_offset": 3}
    assert page(lambda n: rows[:n], 3, 6)["next_offset"] is None
    events = [{"actor_key": "Q159", "actor": "روسيا", "target_key": "Q212",
               "target": "أوكرانيا", "type": "ASSAULT"}] * 3 + [
              {"actor_key": "Q212", "actor": "أوكرانيا", "target_key": "Q159",
               "target": "روسيا", "type": "ACCUSE"},
              {"actor_key": "Q159", "actor": "روسيا", "target_key": None, "type": "MOBILIZE"}]
    g = graph_from_events(events)
    assert g["edges"][0] == {"source": "Q159", "target": "Q212", "weight": 3,
                             "types": {"ASSAULT": 3}}
    assert {n["key"] for n in g["nodes"]} == {"Q159", "Q212"}
    assert graph_from_events(events, min_weight=2)["edges"][0]["weight"] == 3
    laid = circle_layout(g["nodes"], g["edges"])
    assert len(laid["edges"]) == 2 and all(0 <= n["x"] <= laid["size"] for n in laid["nodes"])
    chart = bar_chart([{"month": "2022-05", "mentions": 6}, {"month": "unknown", "mentions": 2},
                       {"month": "2022-04", "mentions": 3}])
    assert [b["label"] for b in chart["bars"]] == ["2022-05", "2022-04", "unknown"]
    tallest = max(chart["bars"], key=lambda b: b["h"])
    assert tallest["value"] == 6
    assert _snippet_parts("…قال [شويغو] إن") == [("…قال ", False), ("شويغو", True), (" إن", False)]
