"""rasid.kb: the packaged knowledge base, its build, lookups, roles by date, Wikidata import."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import sqlite3

import pytest
from typer.testing import CliRunner

from rasid.kb import KnowledgeBase, kb_path, match_key, nil_id, open_kb
from rasid.kb.build import build, nisba_forms
from rasid.kb.wikidata import import_dump


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return open_kb()


def _content(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return sorted(conn.iterdump())
    finally:
        conn.close()


def test_committed_kb_matches_a_fresh_build(tmp_path):
    fresh = build(tmp_path / "kb.sqlite")
    assert _content(fresh) == _content(kb_path()), (
        "src/rasid/resources/kb/kb.sqlite is stale: run `make kb` and commit it")


@pytest.mark.parametrize("spelling", ["نتنياهو", "نتانياهو", "بنيامين نتنياهو",
                                      "بنيامين نتانياهو", "Benjamin Netanyahu"])
def test_spelling_variants_find_one_entity(kb, spelling):
    assert [e.kb_id for e in kb.lookup(spelling)] == ["Q43723"]


def test_transliteration_variants_share_an_entity(kb):
    ids = {e.kb_id for name in ("غالانت", "جالانت", "يوآف غالانت", "يوآف جالانت")
           for e in kb.lookup(name)}
    assert len(ids) == 1 and kb.get(ids.pop()).name_en == "Yoav Gallant"


def test_orthographic_folding_in_keys():
    assert match_key("عمّان") == match_key("عمان")
    assert match_key("الناتو") == match_key("ناتو")
    assert match_key("إسرائيل") == match_key("اسرائيل")


def test_nisba_is_not_a_name_unless_asked(kb):
    assert kb.lookup("الإيراني") == []
    assert [e.name_en for e in kb.lookup("الإيرانية", include_nisba=True)] == ["Iran"]
    assert "إيرانيين" in nisba_forms("إيراني")


def test_office_holders_depend_on_the_date(kb):
    usa = kb.lookup("الولايات المتحدة")[0].kb_id
    at = {year: [kb.get(p).name_en for p in kb.holders("president", usa, dt.date(year, 6, 1))]
          for year in (2016, 2018, 2022)}
    assert at == {2016: ["Barack Obama"], 2018: ["Donald Trump"], 2022: ["Joe Biden"]}
    israel = kb.lookup("إسرائيل")[0].kb_id
    assert [kb.get(p).name_en for p in kb.holders("prime_minister", israel,
                                                  dt.date(2022, 3, 1))] == ["Naftali Bennett"]


def test_nil_ids_are_stable_and_fold_spelling():
    assert nil_id("جيبي كوفود", "PER") == nil_id("جيبي كوفود", "PER")
    assert nil_id("إنريكي مورا", "PER") == nil_id("انريكي مورا", "PER")
    assert nil_id("مورا", "PER") != nil_id("مورا", "GPE")
    assert nil_id("جيبي كوفود", "PER").startswith("R:")


def _write_dump(path, lines: list[str]) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")


def _entity(qid: str, ar: str, en: str, p31: str, aliases_ar=()) -> str:
    return json.dumps({
        "id": qid, "type": "item",
        "labels": {"ar": {"language": "ar", "value": ar}, "en": {"language": "en", "value": en}},
        "aliases": {"ar": [{"language": "ar", "value": a} for a in aliases_ar]},
        "claims": {"P31": [{"mainsnak": {"datavalue": {"value": {"id": p31}}}}]},
    }, ensure_ascii=False)


def test_wikidata_import_reports_and_skips_malformed_lines(tmp_path):
    dump = tmp_path / "dump.json.gz"
    _write_dump(dump, [
        "[",
        _entity("Q9000001", "يوخن فلاسبارت", "Jochen Flasbarth", "Q5", ["فلاسبارت"]) + ",",
        '{"id": "Q9000002", "labels": {"ar": {"value": "مكسور"}',  # truncated: malformed
        _entity("Q9000003", "كانبيرا", "Canberra", "Q515") + ",",
        '{"id": "Q9000004", "labels": {}},',  # no ar/en label
        _entity("Q9000006", "", "Only English", "Q5").replace(
            '"ar": {"language": "ar", "value": ""}, ', "") + ",",  # no Arabic name
        "]",
    ])
    target = tmp_path / "kb.sqlite"
    report = import_dump(dump, target, base=kb_path())
    assert report.imported == 2 and report.without_arabic == 1
    assert [line for line, _ in report.skipped] == [3, 5]
    assert "invalid JSON" in report.skipped[0][1]
    extended = KnowledgeBase(target)
    assert [(e.kb_id, e.type) for e in extended.lookup("كانبيرا")] == [("Q9000003", "GPE")]
    assert "Q9000001" in {e.kb_id for e in extended.lookup("Jochen Flasbarth")}
    # the curated seed is still there, and the packaged KB was not touched
    assert extended.lookup("نتانياهو")[0].kb_id == "Q43723"
    assert open_kb().lookup("كانبيرا") == []


def test_cli_lookup_and_import(tmp_path):
    from rasid.cli import app

    runner = CliRunner()
    res = runner.invoke(app, ["kb", "lookup", "بوتين", "--date", "2022-05-17", "-f", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert rows[0]["name_en"] == "Vladimir Putin"
    assert any(r.startswith("president of Russia") for r in rows[0]["roles"])
    dump = tmp_path / "d.json.gz"
    _write_dump(dump, ["[", "not json,", _entity("Q9000005", "كواد", "Quad", "Q43229"), "]"])
    res = runner.invoke(app, ["kb", "import-wikidata", str(dump), "--kb",
                              str(tmp_path / "x.sqlite")])
    assert res.exit_code == 0, res.output
    assert ":2: skipped" in res.stderr and "imported 1" in res.stderr
    res = runner.invoke(app, ["kb", "stats", "--kb", str(tmp_path / "x.sqlite"), "-f", "json"])
    assert json.loads(res.stdout)[0]["source_wikidata"] == 1
    res = runner.invoke(app, ["kb", "lookup", "نتنياهوو"])
    assert res.exit_code == 1 and "Benjamin Netanyahu" in res.stderr
