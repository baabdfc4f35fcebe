"""The ``rasid ner`` command."""

from __future__ import annotations

import csv
import io
import json

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


def test_ner_no_crf_leaves_out_the_second_models_names(tmp_path, corpus_text):
    text = corpus_text("020")
    i = text.index("وقارب سعيد خمري")
    path = tmp_path / "a.txt"
    path.write_text(text[text.rfind(".", 0, i) + 1:text.find(".", i) + 1], encoding="utf-8")
    found = {}
    for flag in ("--crf", "--no-crf"):
        result = runner.invoke(app, ["ner", str(path), "--format", "json", flag])
        assert result.exit_code == 0, result.output
        found[flag] = {(r["type"], r["text"]) for r in json.loads(result.stdout)}
    assert ("PER", "سعيد خمري") in found["--crf"] - found["--no-crf"]


def test_ner_no_lstm_leaves_out_the_third_models_names(tmp_path, corpus_text):
    text = corpus_text("049")
    i = text.index("المبعوث الأوروبي إنريكي مورا")
    path = tmp_path / "a.txt"
    path.write_text(text[text.rfind(".", 0, i) + 1:text.find(".", i) + 1], encoding="utf-8")
    found = {}
    for flag in ("--lstm", "--no-lstm"):
        result = runner.invoke(app, ["ner", str(path), "--format", "json", flag])
        assert result.exit_code == 0, result.output
        found[flag] = {(r["type"], r["text"]) for r in json.loads(result.stdout)}
    assert ("PER", "إنريكي مورا") in found["--lstm"] - found["--no-lstm"]
