"""The ``rasid who-did`` and ``rasid relations`` commands (events/relations of text files)."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from rasid.cli import app

runner = CliRunner()


def _paragraph(text: str, first: str, last: str) -> str:
    return text[text.index(first):text.index(last)]


def test_who_did_json_with_dates_against_published(tmp_path, corpus_text):
    path = tmp_path / "a.txt"
    path.write_text(_paragraph(corpus_text("010"), "وبالتزامن مع خبر اغتيال",
                               "وقال الحرس الثوري الإيراني إن ما سماه"), encoding="utf-8")
    result = runner.invoke(app, ["who-did", str(path), "--format", "json",
                                 "--published", "2022-05-23"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    arrest = next(r for r in rows if r["type"] == "COERCE" and r["mode"] == "arrest")
    assert arrest["date"] == "2022-05-22"  # "أمس الأحد" the day before publication
    text = path.read_text(encoding="utf-8")
    assert all(text[r["start"]:r["end"]] == r["trigger"] for r in rows)


def test_who_did_csv_from_stdin(corpus_text):
    text = _paragraph(corpus_text("010"), "والذي اتهمت طهران", "وبالتزامن")
    result = runner.invoke(app, ["who-did", "-", "-f", "csv"], input=text)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    accuse = next(r for r in rows if r["type"] == "ACCUSE")
    assert accuse["trigger"] == "اتهمت"
    assert accuse["negated"] == "False"


def test_who_did_bad_published_date_is_a_clear_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("هاجمت القوات المدينة.", encoding="utf-8")
    result = runner.invoke(app, ["who-did", str(path), "--published", "23/05/2022"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_relations_jsonl_with_evidence(corpus_text):
    text = _paragraph(corpus_text("010"), "قال الرئيس الإيراني", "وأضاف الرئيس الإيراني")
    result = runner.invoke(app, ["relations", "-", "-f", "jsonl"], input=text)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    pres = [r for r in rows if r["label"] == "president_of"]
    assert pres and pres[0]["evidence"] == "الرئيس الإيراني إبراهيم رئيسي"
    assert all(text[r["start"]:r["end"]] == r["evidence"] for r in rows)
