"""NER command: ``rasid ner`` (the named entities of texts, before linking).

A thin shell over the ``rasid_segment`` + ``rasid_ner`` stages; ``rasid analyze`` gives the
linked entities of the whole pipeline.
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

COLUMNS = ["file", "type", "start", "end", "text"]


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


def entity_rows(texts: list[tuple[str, str]], use_model: bool = True,
                use_gazetteer: bool = True) -> list[dict]:
    """(name, text) pairs → one row per entity (library function behind the command)."""
    import rasid.pipeline.ner  # noqa: F401
    import rasid.pipeline.segment  # noqa: F401
    from rasid.pipeline.base import new_language

    nlp = new_language()
    nlp.add_pipe("rasid_segment", name="segment")
    nlp.add_pipe("rasid_ner", name="ner",
                 config={"use_model": use_model, "use_gazetteer": use_gazetteer})
    rows = []
    for (name, _), doc in zip(texts, nlp.pipe(t for _, t in texts), strict=True):
        for e in doc.ents:
            rows.append({"file": name, "type": e.label_, "start": e.start_char,
                         "end": e.end_char, "text": e.text})
    return rows


def ner_cmd(
    files: Annotated[list[Path], typer.Argument(help="Text files (UTF-8); '-' reads stdin")],
    format: Annotated[DataFormat, typer.Option(
        "--format", "-f", help="table (terminal), json, jsonl or csv")] = DataFormat.table,
    model: Annotated[bool, typer.Option(help="use the statistical model")] = True,
    gazetteer: Annotated[bool, typer.Option(help="use the gazetteer ruler")] = True,
) -> None:
    """List the named entities (PER ORG GPE LOC FAC WEAPON MISC) of Arabic texts, with
    character offsets.

    Examples:

      rasid ner article.txt

      echo "نشرت تركيا منظومة إس-400 قرب أنقرة" | rasid ner - --format json
    """
    from rasid.errors import RasidError

    texts = [(str(p), _read(p)) for p in files]
    try:
        rows = entity_rows(texts, use_model=model, use_gazetteer=gazetteer)
    except RasidError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(exc.exit_code) from None
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
        table = Table(title="named entities")
        for column in COLUMNS:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*[str(row[c]) for c in COLUMNS])
        out.print(table)


def register(app: typer.Typer) -> None:
    app.command("ner")(ner_cmd)
