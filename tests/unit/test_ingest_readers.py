"""Decoding and reading: every encoding Arabic news arrives in, and every way input breaks."""

import gzip
import json

import pytest

from rasid.errors import InputError
from rasid.ingest import decode_bytes, iter_documents

ARABIC = "قال وزير الخارجية الروسي إن المحادثات كانت بناءة.\nوأضاف أن الجولة المقبلة في جنيف."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256"])
def test_decodes_every_supported_encoding(tmp_path, encoding):
    path = tmp_path / f"a-{encoding}.txt"
    path.write_bytes(ARABIC.encode(encoding))
    (doc,) = list(iter_documents([path]))
    assert doc.text == ARABIC


def test_newlines_are_the_only_normalisation():
    raw = "سطر أول\r\nسطر ثان\rسطر ثالث\u0640\u064e"
    assert decode_bytes(raw.encode("utf-8"), "x") == "سطر أول\nسطر ثان\nسطر ثالث\u0640\u064e"


def test_binary_file_is_refused_with_its_name(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(256)) * 20)
    (err,) = list(iter_documents([path]))
    assert isinstance(err, InputError)
    assert "photo.txt" in str(err) and "binary" in str(err)


def test_empty_text_is_an_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n ", encoding="utf-8")
    (err,) = list(iter_documents([path]))
    assert isinstance(err, InputError) and "empty" in str(err)


def test_non_arabic_text_is_analysed_with_a_warning(tmp_path):
    path = tmp_path / "en.txt"
    path.write_text("The minister said talks were constructive.", encoding="utf-8")
    (doc,) = list(iter_documents([path]))
    assert any("non-Arabic" in w for w in doc.warnings)


def test_jsonl_bad_line_is_reported_and_the_rest_processed(tmp_path):
    path = tmp_path / "feed.jsonl"
    good = {"id": "a1", "title": "عنوان", "text": ARABIC, "published": "2024-03-14",
            "source": "وكالة", "section": "politics"}
    path.write_text(json.dumps(good, ensure_ascii=False) + "\n{broken\n"
                    + json.dumps({**good, "id": "a2"}, ensure_ascii=False) + "\n", encoding="utf-8")
    items = list(iter_documents([path]))
    assert [type(i).__name__ for i in items] == ["InputDocument", "InputError", "InputDocument"]
    assert items[1].line == 2 and "feed.jsonl:2" in str(items[1])
    assert items[0].id == "a1" and items[0].published == "2024-03-14"
    assert items[0].metadata["section"] == "politics"


def test_gzip_and_directories(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt.gz").write_bytes(gzip.compress(ARABIC.encode()))
    (tmp_path / "a.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    docs = list(iter_documents([tmp_path]))
    assert len(docs) == 2 and all(d.text == ARABIC for d in docs)


def test_html_main_text_title_and_date(tmp_path):
    html = f"""<!doctype html><html><head><title>عنوان الصفحة</title>
    <meta property="article:published_time" content="2024-03-14T10:00:00Z">
    <script>alert("x")</script></head><body><nav>الرئيسية | اتصل بنا</nav>
    <article><h1>عنوان الخبر</h1><p>{ARABIC.replace(chr(10), '</p><p>')}</p></article></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    (doc,) = list(iter_documents([path]))
    assert "قال وزير الخارجية الروسي" in doc.text
    assert "alert" not in doc.text
    assert doc.published == "2024-03-14"
    assert doc.title


def test_missing_path(tmp_path):
    (err,) = list(iter_documents([tmp_path / "nope.txt"]))
    assert isinstance(err, InputError) and "no such file" in str(err)
