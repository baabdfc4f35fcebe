"""The ``rasid ner`` command."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from rasid.cli import app

runner = CliRunner()


def test_ner_json_offsets_point_into_the_file(tmp_path, corpus_text):
    text = corpus_text("002")
    i = text.index("وروسيا في مجلس الأمن")
    sentence = text[text.rfind(".", 0, i) + 1:text.find(".", i) + 1].strip()
    path = tmp_path / "a.txt"
    path.write_text(sentence, encoding="utf-8")
    result = runner.invoke(app, ["ner", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {"type": "GPE", "text": "روسيا"}.items() <= next(
        r for r in rows if r["text"] == "روسيا").items()
    for r in rows:
        assert sentence[r["start"]:r["end"]] == r["text"]


def test_ner_stdin_csv_and_gazetteer_only():
    result = runner.invoke(app, ["ner", "-", "--format", "csv", "--no-model"],
                           input="نشرت تركيا منظومة إس-400 قرب أنقرة")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert ("WEAPON", "إس-400") in {(r["type"], r["text"]) for r in rows}
    assert ("GPE", "أنقرة") in {(r["type"], r["text"]) for r in rows}


def test_ner_unreadable_file_is_one_line_error(tmp_path):
    result = runner.invoke(app, ["ner", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert "cannot read" in result.output


def test_ner_help_has_example():
    result = runner.invoke(app, ["ner", "--help"])
    assert result.exit_code == 0 and "rasid ner" in result.stdout


@pytest.mark.parametrize(("option", "article", "anchor", "name"), [
    ("crf", "020", "وقارب سعيد خمري", "سعيد خمري"),             # the second model's
    ("lstm", "049", "المبعوث الأوروبي إنريكي مورا", "إنريكي مورا"),  # the third model's
])
def test_ner_no_model_flags_leave_out_that_models_names(tmp_path, corpus_text, option,
                                                        article, anchor, name):
    text = corpus_text(article)
    i = text.index(anchor)
    path = tmp_path / "a.txt"
    path.write_text(text[text.rfind(".", 0, i) + 1:text.find(".", i) + 1], encoding="utf-8")
    found = {}
    for flag in (f"--{option}", f"--no-{option}"):
        result = runner.invoke(app, ["ner", str(path), "--format", "json", flag])
        assert result.exit_code == 0, result.output
        found[flag] = {(r["type"], r["text"]) for r in json.loads(result.stdout)}
    assert ("PER", name) in found[f"--{option}"] - found[f"--no-{option}"]
