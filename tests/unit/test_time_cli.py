"""The time commands: ``rasid times`` and ``rasid dateline``."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from rasid.cli import app

runner = CliRunner()


def _sentence(text: str, needle: str) -> str:
    start = text.rfind(".", 0, text.index(needle)) + 1
    end = text.find(".", text.index(needle))
    return text[start:end + 1].strip()


def test_times_json_resolves_against_published(tmp_path, corpus_text):
    path = tmp_path / "a.txt"
    path.write_text(_sentence(corpus_text("019"), "دافوس أمس الاثنين"), encoding="utf-8")
    result = runner.invoke(app, ["times", str(path), "--published", "2022-05-24",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    row = next(r for r in rows if "أمس" in r["text"])
    assert row["value"] == "2022-05-23" and row["published"] == "2022-05-24"
    text = path.read_text(encoding="utf-8")
    assert text[row["start"]:row["end"]] == row["text"]


def test_times_without_date_warns_and_leaves_values_empty(tmp_path, corpus_text):
    path = tmp_path / "a.txt"
    path.write_text(_sentence(corpus_text("019"), "دافوس أمس الاثنين"), encoding="utf-8")
    result = runner.invoke(app, ["times", str(path), "--format", "csv"])
    assert result.exit_code == 0
    assert "left unresolved" in result.stderr
    assert result.stdout.splitlines()[0].startswith("file,published,id,type,value")


def test_times_uses_the_dateline_when_no_date_is_given(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("الرياض - 12 مارس 2024 - أعلن مجلس الوزراء أمس عن ميزانية جديدة",
                    encoding="utf-8")
    result = runner.invoke(app, ["times", str(path), "-f", "jsonl"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert any(r["text"] == "أمس" and r["value"] == "2024-03-11" for r in rows)


def test_bad_published_date_is_a_usage_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("أمس", encoding="utf-8")
    result = runner.invoke(app, ["times", str(path), "--published", "11/10/2024"])
    assert result.exit_code == 2


def test_dateline_exit_code(tmp_path, corpus_text):
    good = tmp_path / "good.txt"
    good.write_text("القاهرة (رويترز) - 3 يناير 2023 - قال البنك المركزي", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text(corpus_text("001"), encoding="utf-8")
    ok = runner.invoke(app, ["dateline", str(good), "--format", "json"])
    assert ok.exit_code == 0 and json.loads(ok.stdout)[0]["published"] == "2023-01-03"
    assert runner.invoke(app, ["dateline", str(bad)]).exit_code == 1


def test_commands_have_help_with_examples():
    for command in ("times", "dateline"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Example" in result.stdout
