"""The HTTP API with FastAPI's test client, on real corpus articles."""

from __future__ import annotations

import warnings

import pytest
import web_records

from rasid.document import content_id, validate

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from rasid.api import create_app
from rasid.store import Store

TOKEN = "test-token-123"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("api") / "corpus.db"
    with Store(path) as store:
        for rec in (web_records.build("004"), web_records.build("001"),
                    web_records.xss_record()):
            store.upsert(rec)
    return path


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db, token=TOKEN))


def assert_envelope(response, status: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert err["status"] == status
    assert isinstance(err["code"], str) and err["code"]
    assert isinstance(err["message"], str) and err["message"]
    return err


# ---------------------------------------------------------------------------- errors

def test_one_error_envelope_for_every_kind_of_error(client):
    assert_envelope(client.get("/documents/no-such-id"), 404)
    assert_envelope(client.get("/no/such/route"), 404)
    assert_envelope(client.get("/search", params={"q": "روسيا", "limit": 0}), 422)
    assert_envelope(client.get("/search"), 422)
    assert_envelope(client.delete("/documents/x"), 405)
    assert_envelope(client.post("/documents", json={"text": "نص"}), 401)
    assert_envelope(client.post("/analyze", content=b"{not json",
                                headers={"content-type": "application/json"}), 400)
    assert_envelope(client.post("/analyze", content=b"text",
                                headers={"content-type": "application/xml"}), 415)
    err = assert_envelope(client.get("/events", params={"type": "BOMB"}), 422)
    assert "THREATEN" in err["message"]
    err = assert_envelope(client.get("/search", params={"q": "x", "since": "yesterday"}), 422)
    assert err["details"][0]["where"] == "query.since"


def test_no_store_is_a_clear_404(tmp_path):
    c = TestClient(create_app(tmp_path / "absent.db"))
    err = assert_envelope(c.get("/search", params={"q": "موسكو"}), 404)
    assert "POST /documents" in err["message"] and "rasid ingest" in err["message"]
    assert not (tmp_path / "absent.db").exists()


def test_body_over_limit_is_413_before_analysis(client, corpus_text):
    big = corpus_text("004") * (10 * 2**20 // len(corpus_text("004").encode()) + 1)
    err = assert_envelope(client.post("/analyze", json={"text": big}), 413)
    assert "10 MB" in err["message"]
    # a streamed (chunked) body without Content-Length is counted too
    def chunks():
        for _ in range(11):
            yield b"x" * 2**20
    assert_envelope(client.post("/analyze", content=chunks(),
                                headers={"content-type": "application/json"}), 413)


def test_small_limit_is_configurable(db, corpus_text):
    c = TestClient(create_app(db, max_body=1000))
    assert_envelope(c.post("/analyze", json={"text": corpus_text("001")}), 413)


# ---------------------------------------------------------------------------- analyse

def test_analyze_json_returns_a_valid_record(client, corpus_text):
    text = corpus_text("001")
    r = client.post("/analyze", json={"text": text, "published": "2022-05-17"})
    assert r.status_code == 200, r.text
    record = r.json()
    validate(record)
    assert record["id"] == content_id(text)
    assert record["text"] == text
    assert record["published"] == "2022-05-17"
    assert record["sentences"] and record["sentences"][0]["start"] == 0
    assert record["title"].startswith("وسط تحذيرات روسية")


def test_analyze_upload_html_and_text_field(client, corpus_text):
    text = corpus_text("004")
    title, body = text.split("\n", 1)
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n") if p.strip())
    html = (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<nav>القائمة</nav><article><h1>{title}</h1>{paras}</article></body></html>")
    r = client.post("/analyze", files={"file": ("../../etc/article.html", html.encode(),
                                                 "text/html")},
                    data={"published": "2022-05-20"})
    assert r.status_code == 200, r.text
    record = r.json()
    validate(record)
    assert "سيرغي شويغو" in record["text"] and "<p>" not in record["text"]
    assert record["published"] == "2022-05-20"
    assert record["source"] == "../../etc/article.html"   # a label only, never a path used
    r = client.post("/analyze", data={"text": body})
    assert r.status_code == 200 and r.json()["text"] == body


def test_analyze_rejects_bad_input(client):
    err = assert_envelope(client.post("/analyze", json={"text": "نص", "published": "أمس"}),
                          422)
    assert "YYYY-MM-DD" in err["message"]
    assert_envelope(client.post("/analyze", json={"text": ""}), 422)
    assert_envelope(client.post("/analyze", data={"published": "2024-01-01"}), 422)
    two = '{"text": "قال بوتين"}\n{"text": "قال زيلينسكي"}\n'
    err = assert_envelope(client.post("/analyze", files={"file": ("a.jsonl", two.encode())}),
                          422)
    assert "POST /documents" in err["message"]


# ---------------------------------------------------------------------------- store

def test_documents_needs_the_token_then_is_idempotent(tmp_path, corpus_text):
    c = TestClient(create_app(tmp_path / "w.db", token=TOKEN))
    text = corpus_text("002")
    assert_envelope(c.post("/documents", json={"text": text}), 401)
    assert_envelope(c.post("/documents", json={"text": text},
                           headers={"Authorization": "Bearer wrong"}), 401)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = c.post("/documents", json={"text": text, "published": "2022-05-16"}, headers=auth)
    assert r.status_code == 201, r.text
    assert r.json()["items"] == [{"id": content_id(text), "status": "inserted"}]
    r = c.post("/documents", json={"text": text, "published": "2022-05-16"}, headers=auth)
    assert r.json()["items"][0]["status"] == "unchanged"
    stored = c.get(f"/documents/{content_id(text)}").json()
    analysed = c.post("/analyze", json={"text": text, "published": "2022-05-16"}).json()
    assert stored == analysed


def test_documents_jsonl_upload_reports_bad_lines(tmp_path, corpus_text):
    c = TestClient(create_app(tmp_path / "w.db"))    # no token: loopback use
    good = corpus_text("003").replace("\n", "\\n").replace('"', '\\"')
    payload = f'{{"id": "a3", "text": "{good}"}}\nnot json\n{{"title": "no text"}}\n'
    r = c.post("/documents", files={"file": ("feed.jsonl", payload.encode())})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["items"] == [{"id": "a3", "status": "inserted"}]
    assert [e["line"] for e in body["errors"]] == [2, 3]
    assert c.get("/documents/a3").json()["text"] == corpus_text("003")


def test_search_paginates_over_the_store(client):
    first = client.get("/search", params={"q": "الأطلسي", "limit": 1}).json()
    assert len(first["items"]) == 1 and first["next_offset"] == 1
    second = client.get("/search", params={"q": "الأطلسي", "limit": 1, "offset": 1}).json()
    assert second["items"][0]["id"] != first["items"][0]["id"]
    hit = client.get("/search", params={"q": "شويغو"}).json()["items"]
    assert {h["id"] for h in hit} >= {content_id(web_records.read_corpus("004"))}
    assert "[شويغو]" in hit[0]["snippet"]


def test_entity_by_kb_id_and_by_arabic_name(client):
    by_id = client.get("/entities/Q150856").json()
    assert by_id["entity"]["name"] == "سيرغي شويغو"
    assert {a["text"] for a in by_id["aliases"]} == {"سيرغي شويغو", "شويغو"}
    assert by_id["quotes_by"] and all(q["speaker_key"] == "Q150856" for q in by_id["quotes_by"])
    assert [e["type"] for e in by_id["events_as_actor"]] == ["MOBILIZE"]
    by_name = client.get("/entities/شويغو").json()
    assert by_name["entity"]["key"] == "Q150856"
    assert_envelope(client.get("/entities/لا-أحد"), 404)


def test_quotes_events_timeline_graph(client):
    quotes = client.get("/quotes", params={"speaker": "زيلينسكي", "limit": 200}).json()
    assert quotes["items"] and {q["speaker_key"] for q in quotes["items"]} == {"Q3874799"}
    threats = client.get("/events", params={"type": "threaten"}).json()["items"]
    assert [(e["actor"], e["target"]) for e in threats] == [("موسكو", "الناتو")]
    dated = client.get("/events", params={"since": "2022-05-18"}).json()["items"]
    assert dated and all(e["date"] >= "2022-05-18" for e in dated)
    timeline = client.get("/timeline", params={"entity": "Q7184"}).json()
    assert timeline["entity"]["name"] == "الناتو"
    assert {i["role"] for i in timeline["items"]} == {"target"}
    assert [i["date"] for i in timeline["items"]] == sorted(i["date"] for i in timeline["items"])
    graph = client.get("/graph").json()
    edges = {(e["source"], e["target"]) for e in graph["edges"]}
    assert ("Q150856", "Q7184") in edges and ("Q649", "Q7184") in edges
    assert {n["key"] for n in graph["nodes"]} >= {"Q150856", "Q7184", "Q649"}
    only = client.get("/graph", params={"entity": "زيلينسكي"}).json()
    assert {(e["source"], e["target"]) for e in only["edges"]} == {("Q3874799", "Q159")}


def test_openapi_documents_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    for path in ("/analyze", "/documents", "/documents/{doc_id}", "/search",
                 "/entities/{key}", "/quotes", "/events", "/timeline", "/graph"):
        assert path in spec["paths"], path
    body = spec["paths"]["/analyze"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(body)
    assert client.get("/docs").status_code == 200


# ---------------------------------------------------------------------------- security

@pytest.mark.parametrize("path", [
    "/static/..%2f..%2fapi.py", "/static/%2e%2e/%2e%2e/api.py", "/static/../api.py",
    "/static/fonts/..%2f..%2f..%2fapi.py", "/static/%2fetc%2fpasswd", "/static//etc/passwd",
])
def test_no_path_traversal_in_static_files(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert "create_app" not in r.text and "root:" not in r.text


def test_font_and_assets_are_served_locally(client):
    r = client.get("/static/fonts/noto-naskh-arabic-arabic-400-normal.woff2")
    assert r.status_code == 200 and r.content[:4] == b"wOF2"
    css = client.get("/static/rasid.css").text
    assert "Noto Naskh Arabic" in css and "http" not in css.replace("https://", "")


def test_article_with_script_is_escaped(client):
    html = client.get("/ui/article/xss-004").text
    assert "<script>window.__xss" not in html and "<img src=x" not in html
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in html
    record = client.get("/documents/xss-004").json()
    assert web_records.XSS in record["text"]


def test_pages_are_rtl_arabic_with_english_labels_on_request(client):
    ar = client.get("/ui/article/" + content_id(web_records.read_corpus("004"))).text
    assert '<html lang="ar" dir="rtl">' in ar and "من قال ماذا" in ar
    assert ar.count('class="fact ent ent-PER') >= 2
    assert 'class="speaker-badge"' in ar
    en = client.get("/ui/analyse", params={"lang": "en"})
    assert '<html lang="en" dir="ltr">' in en.text and "Analyse an article" in en.text
    assert en.cookies.get("rasid_lang") == "en"


def test_entity_events_and_search_pages(client):
    page = client.get("/ui/entity/Q150856").text
    assert 'id="mentions-chart"' in page and "<rect" in page and "سيرغي شويغو" in page
    assert_html_404 = client.get("/ui/entity/لا-أحد")
    assert assert_html_404.status_code == 404 and "لا-أحد" in assert_html_404.text
    events = client.get("/ui/events", params={"type": "THREATEN"}).text
    assert "حذّرت" in events and "ستُنشئ" not in events
    search = client.get("/ui/search", params={"q": "شويغو"}).text
    assert "<mark>شويغو</mark>" in search


def test_serve_refuses_public_bind_without_token(monkeypatch):
    from typer.testing import CliRunner

    from rasid.cli import app
    from rasid.cli_web import is_loopback

    monkeypatch.delenv("RASID_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code != 0 and "--token" in result.output
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")


def test_query_cache_never_serves_a_stale_answer(tmp_path, corpus_text):
    db = tmp_path / "c.db"
    with Store(db) as store:
        store.upsert(web_records.build("001"))
    c = TestClient(create_app(db))
    first = c.get("/search", params={"q": "شويغو"})
    assert first.json()["items"] == [] and "x-rasid-cache" not in first.headers
    again = c.get("/search", params={"q": "شويغو"})
    assert again.headers.get("x-rasid-cache") == "hit" and again.json() == first.json()
    with Store(db) as store:                      # another writer, as `rasid ingest` would be
        store.upsert(web_records.build("004"))
    fresh = c.get("/search", params={"q": "شويغو"})
    assert "x-rasid-cache" not in fresh.headers
    assert [h["id"] for h in fresh.json()["items"]] == [content_id(corpus_text("004"))]
    # errors are never cached
    assert_envelope(c.get("/entities/لا-أحد"), 404)
    assert "x-rasid-cache" not in c.get("/entities/لا-أحد").headers
    off = TestClient(create_app(db, cache_size=0))
    off.get("/search", params={"q": "شويغو"})
    assert "x-rasid-cache" not in off.get("/search", params={"q": "شويغو"}).headers


def test_unexpected_failures_use_the_envelope_too(tmp_path, caplog):
    app = create_app(tmp_path / "none.db")

    @app.get("/boom")
    def boom():
        raise ValueError("a bug")

    r = TestClient(app, raise_server_exceptions=False).get("/boom")
    err = assert_envelope(r, 500)
    assert "ValueError" in err["message"] and "a bug" not in err["message"]
    assert any("GET /boom failed" in rec.getMessage() for rec in caplog.records)
