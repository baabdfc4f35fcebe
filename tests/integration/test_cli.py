"""The CLI end to end: analyse real articles, emit records that validate, report bad input."""

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
from typer.testing import CliRunner

from rasid.cli import app
from rasid.document import DocumentRecord, json_schema, validate

REPO = Path(__file__).resolve().parents[2]
runner = CliRunner()


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and "rasid" in result.stdout


def test_schema_command_prints_a_valid_json_schema():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema == json_schema()


def test_analyze_real_article_json_validates(corpus_dir):
    result = runner.invoke(app, ["analyze", str(corpus_dir / "002.txt"), "--format", "json",
                                 "--published", "2022-05-24"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.validate(data, json_schema())
    record = DocumentRecord.from_dict(data)
    validate(record)
    assert record.published == "2022-05-24"
    assert record.text == (corpus_dir / "002.txt").read_text(encoding="utf-8")
    assert len(record.sentences) > 10


def test_analyze_examples_jsonl_and_bad_input(tmp_path):
    bad = tmp_path / "feed.jsonl"
    bad.write_text('{"text": "قال الوزير إن المحادثات بناءة."}\nnot json\n', encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(REPO / "examples"), str(bad), "-f", "jsonl"])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) >= 5  # 2 .txt + 2 JSONL articles in examples/ + the good line
    for data in lines:
        validate(data)
    assert "feed.jsonl:2" in result.stderr


def test_published_date_must_be_a_date(corpus_dir):
    result = runner.invoke(app, ["analyze", str(corpus_dir / "001.txt"), "--published", "soon"])
    assert result.exit_code != 0


def test_help_teaches_with_examples():
    result = runner.invoke(app, ["analyze", "--help"])
    assert result.exit_code == 0 and "--published" in result.stdout and "Examples" in result.stdout


def test_installed_entry_point_runs_pretty_output():
    exe = Path(sys.executable).with_name("rasid")
    proc = subprocess.run([str(exe), "analyze", str(REPO / "examples" / "moscow-talks.txt")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "لافروف" in proc.stdout


def _all_commands():
    import click
    import typer

    root = typer.main.get_command(app)

    def walk(group, prefix):
        for name, cmd in group.commands.items():
            if isinstance(cmd, click.Group):
                yield from walk(cmd, prefix + [name])
            else:
                yield prefix + [name]

    return list(walk(root, []))


def test_every_command_is_documented_with_an_example():
    """A command without help text or an example is a bug (datasette's habit)."""
    missing = []
    for path in _all_commands():
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        if "example" not in result.stdout.lower():
            missing.append(" ".join(path))
    assert not missing, f"commands without an example in --help: {missing}"
    assert len(_all_commands()) >= 15
