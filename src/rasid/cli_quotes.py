"""Quote command: ``rasid who-said`` (who said what in Arabic texts, one row per quote).

(``rasid quotes`` queries the corpus store; this command reads text files directly.)

A thin shell over :mod:`rasid.quotes`: by default the whole pipeline runs so speakers and
sources resolve to entities; ``--rules-only`` runs the quote rules alone (faster; speakers are
then phrases only).
"""

from __future__ import annotations

import csv
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

out = Console(soft_wrap=False)
err = Console(stderr=True)

COLUMNS = ["file", "id", "kind", "speaker", "speaker_id", "speaker_text", "verb", "quote",
           "source", "addressee", "start", "end", "confidence"]


class DataFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def _read(path: Path) -> str:
    if str(path) == "-":
        return sys.stdin.read()
    try:
        return path.read_text(encoding="utf-8").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError) as exc:
        err.print(f"[red]{path}: cannot read ({exc.__class__.__name__}: {exc})[/red]")
        raise typer.Exit(2) from None


def quote_rows(path: str, text: str, rules_only: bool = False) -> list[dict]:
    """One dict per quote of ``text`` (the rows ``rasid who-said`` prints)."""
    from rasid.document import DocumentRecord, content_id

    if rules_only:
        from rasid.quotes import extract_quotes
        record = DocumentRecord(id=content_id(text), text=text, quotes=extract_quotes(text))
    else:
        from rasid.pipeline import analyze
        record = analyze(text)
    rows = []
    for q in record.quotes:
        speaker = record.entity(q.speaker)
        source = record.entity(q.source)
        addressee = record.entity(q.addressee)
        phrase = q.speaker_mention.text if q.speaker_mention else None
        rows.append({
            "file": path, "id": q.id, "kind": q.kind,
            "speaker": speaker.name if speaker else phrase, "speaker_id": q.speaker,
            "speaker_text": phrase, "verb": q.verb, "quote": q.text,
            "source": source.name if source else None,
            "addressee": addressee.name if addressee else q.addressee,
            "start": q.start, "end": q.end, "confidence": q.confidence,
        })
    return rows


def quotes_cmd(
    files: Annotated[list[Path], typer.Argument(
        help="Text files (UTF-8); '-' reads standard input")],
    format: Annotated[DataFormat, typer.Option(
        "--format", "-f", help="table (terminal), json, jsonl or csv")] = DataFormat.table,
    rules_only: Annotated[bool, typer.Option(
        "--rules-only", help="Run the quote rules alone (no entity resolution)")] = False,
) -> None:
    """List who said what: direct and indirect quotes with speaker, verb, source, addressee.

    Examples:

      rasid who-said article.txt

      rasid who-said articles/*.txt --format csv > quotes.csv

      echo 'وقال الوزير إن المحادثات كانت "مثمرة وصريحة".' | rasid who-said - -f json
    """
    rows: list[dict] = []
    for path in files:
        rows += quote_rows(str(path), _read(path), rules_only)
    if format is DataFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif format is DataFormat.jsonl:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif format is DataFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        table = Table(title="Who said what", show_lines=True)
        for column in ("file", "id", "speaker", "verb", "kind", "quote", "source"):
            table.add_column(column, overflow="fold")
        for r in rows:
            table.add_row(r["file"], r["id"], r["speaker"] or "—", r["verb"] or "", r["kind"],
                          r["quote"], r["source"] or "")
        out.print(table)


def register(app: typer.Typer) -> None:
    app.command("who-said")(quotes_cmd)
