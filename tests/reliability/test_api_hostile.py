"""Hostile requests to the HTTP API: never a 5xx, always the one error envelope.

In-process (FastAPI's TestClient) over a small store of corpus articles and the full
pipeline. hypothesis generates raw bodies, arbitrary JSON, texts and dates, and query
strings; the hostile files of tests/hostile are uploaded to /analyze and /documents.
RASID_FUZZ_EXAMPLES raises the number of examples (``make fuzz``).
"""

from __future__ import annotations

import importlib.util
import json
import os
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_helpers import REPO

from rasid.store.ingest import ingest

fastapi_testclient = pytest.importorskip("fastapi.testclient")

EXAMPLES = int(os.environ.get("RASID_FUZZ_EXAMPLES", "40"))
PROFILE = settings(max_examples=EXAMPLES, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow,
                                          HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def client(tmp_path_factory, corpus_dir):
    from rasid.api import create_app

    folder = tmp_path_factory.mktemp("api")
    for path in sorted(corpus_dir.glob("0*.txt"))[:5]:
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    db = folder / "corpus.db"
    ingest([folder], db, workers=1, published="2023-06-01")
    # not entered as a context manager: no lifespan events (uvicorn's are tested by
    # test_serve_load against a real server)
    return fastapi_testclient.TestClient(create_app(db), raise_server_exceptions=False)


def assert_sound(response) -> None:
    """Below 500, and an API error is the envelope (pages under /ui/ answer HTML)."""
    assert response.status_code < 500, (response.status_code, response.text[:500])
    if response.status_code >= 400 and not response.url.path.startswith("/ui/"):
        err = response.json()["error"]
        assert err["status"] == response.status_code and err["code"] and err["message"]


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["text", "published", "title", "id", "source", "documents", "x"]) |
        st.text(max_size=8), inner, max_size=5),
    max_leaves=12)


@PROFILE
@given(body=st.binary(max_size=300),
       ctype=st.sampled_from(["application/json", "", "text/plain", "multipart/form-data",
                              "application/x-www-form-urlencoded", "text/json"]))
def test_raw_bodies(client, body, ctype):
    headers = {"content-type": ctype} if ctype else {}
    assert_sound(client.post("/analyze", content=body, headers=headers))
    assert_sound(client.post("/documents", content=body, headers=headers))


@PROFILE
@given(payload=JSON_VALUES)
def test_arbitrary_json(client, payload):
    assert_sound(client.post("/analyze", json=payload))
    assert_sound(client.post("/documents", json=payload))


@PROFILE
@given(text=st.text(min_size=1, max_size=300), published=st.one_of(st.none(), st.text(max_size=12)),
       title=st.one_of(st.none(), st.text(max_size=20)))
def test_any_text_and_date(client, text, published, title):
    r = client.post("/analyze", json={"text": text, "published": published, "title": title})
    assert_sound(r)
    if r.status_code == 200:
        assert r.json()["text"] == text.replace("\r\n", "\n")


@pytest.mark.parametrize("body", [
    b'{"text": 1e999}', b'{"text": NaN}', b'{"text": "\\u0642\\u0627\\u0644", "published": -Infinity}',
    b'{"documents": [{"text": Infinity}]}', b'{"text": "\\ud800"}',
    b'[' * 10000 + b']' * 10000,
    b'{"text": "' + "قال".encode() * 10 + b'", "text": 5}', b"\xef\xbb\xbf{}",
])
def test_json_edge_cases(client, body):
    """Non-standard numbers, a lone surrogate, 10,000-deep nesting, duplicate keys, a BOM.
    Regression: 10,000-deep nesting raised RecursionError in the JSON reader (a 500)."""
    for endpoint in ("/analyze", "/documents"):
        assert_sound(client.post(endpoint, content=body,
                                 headers={"content-type": "application/json"}))


def test_lifespan_starts_and_stops(tmp_path):
    """The app runs its lifespan (as uvicorn and TestClient-as-context do). Regression: the
    response cache read scope["path"] on the lifespan scope, which has none (KeyError)."""
    from rasid.api import create_app

    with fastapi_testclient.TestClient(create_app(tmp_path / "none.db")) as c:
        assert c.get("/health").status_code == 200


QUERY = st.text(max_size=40)


@PROFILE
@given(q=QUERY, name=QUERY, date=QUERY, number=st.one_of(st.integers(), QUERY))
def test_query_strings(client, q, name, date, number):
    for path, params in [
        ("/search", {"q": q, "since": date, "limit": number}),
        ("/events", {"actor": name, "type": q, "until": date, "offset": number}),
        ("/quotes", {"speaker": name, "about": q, "since": date}),
        ("/timeline", {"entity": name, "until": date}),
        ("/graph", {"entity": name, "type": q}),
        ("/ui/search", {"q": q}),
    ]:
        assert_sound(client.get(path, params=params))
    for path in ("/entities/", "/documents/", "/ui/entity/", "/ui/article/"):
        assert_sound(client.get(path + quote(name, safe="")))


def _hostile_cases() -> dict:
    path = REPO / "tests" / "hostile" / "test_hostile_inputs.py"
    if not path.exists():
        pytest.skip("tests/hostile/test_hostile_inputs.py is not there")
    spec = importlib.util.spec_from_file_location("rasid_hostile_cases_api", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.CASES


@pytest.mark.parametrize("endpoint", ["/analyze", "/documents"])
def test_hostile_uploads(client, endpoint):
    """Each hostile file as an upload: a record (200/201), or a 422 naming the problem."""
    for name, (data, expected) in _hostile_cases().items():
        r = client.post(endpoint, files={"file": (name, data)})
        assert_sound(r)
        if expected == "error":
            assert r.status_code == 422, (name, r.status_code)
        else:
            assert r.status_code in (200, 201), (name, r.status_code, r.text[:300])
    broken = b'{"text": "\xd9\x82\xd8\xa7\xd9\x84"}\n{"text": \n' + json.dumps(
        {"text": "ا" * 100}).encode() + b"\n"
    r = client.post(endpoint, files={"file": ("feed.jsonl", broken)})
    assert_sound(r)
