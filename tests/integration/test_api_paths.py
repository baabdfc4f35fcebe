"""The query endpoints answer the same on the event loop (small pages) as in the thread
pool (deep pages), and the event graph from the counted edges equals the graph from the
event rows, on real corpus articles."""

from __future__ import annotations

import warnings

import pytest
import web_records

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

import rasid.api
from rasid.api import create_app
from rasid.store import Store

QUERIES = [
    ("/search", {"q": "موسكو"}),
    ("/search", {"q": "الناتو", "once_per_story": "true", "limit": 5}),
    ("/entities/الناتو", {}),
    ("/entities/Q150856", {"limit": 50}),
    ("/quotes", {"speaker": "زيلينسكي"}),
    ("/events", {"type": "threaten"}),
    ("/events", {"limit": 3, "offset": 2}),
    ("/timeline", {"entity": "Q7184"}),
    ("/graph", {}),
    ("/graph", {"entity": "زيلينسكي"}),
    ("/documents/does-not-exist", {}),
    ("/entities/لا-أحد", {}),
    ("/timeline", {"entity": "لا-أحد"}),
]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    path = tmp_path_factory.mktemp("paths") / "corpus.db"
    with Store(path) as store:
        for rec in (web_records.build("004"), web_records.build("001")):
            store.upsert(rec)
    return TestClient(create_app(path, cache_size=0))


def _answers(client) -> list[tuple[int, object]]:
    return [(r.status_code, r.json()) for r in
            (client.get(path, params=params) for path, params in QUERIES)]


def test_event_loop_and_thread_pool_answer_alike(client, monkeypatch):
    inline = _answers(client)
    assert {status for status, _ in inline} == {200, 404}
    monkeypatch.setattr(rasid.api, "INLINE_ROWS", 0)      # every page to the thread pool
    assert _answers(client) == inline


def test_deep_pages_answer(client):
    deep = client.get("/events", params={"limit": 200, "offset": 400})
    assert deep.status_code == 200
    assert deep.json()["items"] == [] and deep.json()["next_offset"] is None
    first = client.get("/events", params={"limit": 200}).json()
    assert first["items"] and first["next_offset"] is None


def _graph(g: dict) -> tuple:
    return ({(n["key"], n["events"]) for n in g["nodes"]},
            {(e["source"], e["target"], e["weight"], tuple(sorted(e["types"].items())))
             for e in g["edges"]})


@pytest.mark.parametrize("params", [{}, {"entity": "زيلينسكي"}, {"entity": "Q7184"},
                                    {"type": "threaten"}])
def test_graph_from_counted_edges_equals_graph_from_event_rows(client, params):
    counted = client.get("/graph", params=params).json()
    # a date range that holds every event takes the row-by-row path
    rows = client.get("/graph", params={**params, "since": "1900", "until": "2100"}).json()
    assert counted["edges"]
    assert _graph(counted) == _graph(rows)
