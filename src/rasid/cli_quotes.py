"""Quote command: ``rasid who-said`` (who said what in Arabic texts, one row per quote).

(``rasid quotes`` queries the corpus store; this command reads text files directly.)

A thin shell over :mod:`rasid.quotes`: by default the whole pipeline runs so speakers and
sources resolve to entities; ``--rules-only`` runs the quote rules alone (faster; speakers are
then phrases only).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rasid.cli_output import (
    DataFormat,
    emit_rows,
    read_text_arg,
)

COLUMNS = ["file", "id", "kind", "speaker", "speaker_id", "speaker_text", "verb", "quote",
           "source", "addressee", "start", "end", "confidence"]


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
        rows += quote_rows(str(path), read_text_arg(path), rules_only)
    shown = [{**r, "speaker": r["speaker"] or "—"} for r in rows]
    emit_rows(rows if format is not DataFormat.table else shown, COLUMNS, format,
              "Who said what", shown=["file", "id", "speaker", "verb", "kind", "quote", "source"],
              show_lines=True)


def register(app: typer.Typer) -> None:
    app.command("who-said")(quotes_cmd)
