"""The ``rasid who-said`` command (quotes of text files, one row per quote)."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from rasid.cli import app

runner = CliRunner()


def _paragraph(text: str, first: str, last: str) -> str:
    return text[text.index(first):text.index(last)]


def test_who_said_json_resolves_speakers(tmp_path, corpus_text):
    path = tmp_path / "a.txt"
    path.write_text(_paragraph(corpus_text("001"), "وفي ردّها على هذه التطورات",
                               "يأتي ذلك في حين"), encoding="utf-8")
    result = runner.invoke(app, ["who-said", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["verb"] for r in rows] == ["قال", "أشار"]
    assert all("لافروف" in r["speaker"] for r in rows)
    text = path.read_text(encoding="utf-8")
    assert all(text[r["start"]:r["end"]] == r["quote"] for r in rows)


def test_who_said_csv_rules_only_from_stdin(corpus_text):
    text = _paragraph(corpus_text("004"), "وقال زيلينسكي -في رسالة", "ووافق الكونغرس")
    result = runner.invoke(app, ["who-said", "-", "--rules-only", "-f", "csv"], input=text)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["kind"], r["verb"], r["speaker"]) for r in rows] == [
        ("direct", "قال", "زيلينسكي"), ("direct", "مضيفا", "زيلينسكي")]


def test_who_said_help_has_an_example():
    result = runner.invoke(app, ["who-said", "--help"])
    assert result.exit_code == 0 and "rasid who-said article.txt" in result.output
