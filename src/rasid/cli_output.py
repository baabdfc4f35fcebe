"""What the per-component CLI commands share: the --format choice, reading a text argument,
and writing rows as a table, JSON, JSONL or CSV (one implementation for all of them)."""

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

from rasid.errors import InputError

out = Console(soft_wrap=False)
# error lines are never wrapped at the terminal's width: a message that names a long path
# stays one line a user can copy or grep
err = Console(stderr=True, soft_wrap=True)

FILES_HELP = "Text files (UTF-8, UTF-16 or cp1256); '-' reads standard input"


class DataFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


FormatOption = Annotated[DataFormat, typer.Option(
    "--format", "-f", help="table (terminal), json, jsonl or csv")]


def read_text_arg(path: Path) -> str:
    """The text of a file argument ('-' = stdin), decoded like every other input; a file
    that cannot be read is one error line and exit code 2."""
    if str(path) == "-":
        return sys.stdin.read()
    from rasid.ingest import decode_bytes

    try:
        return decode_bytes(path.read_bytes(), str(path))
    except OSError as exc:
        err.print(f"[red]{path}: cannot read ({exc.strerror or exc})[/red]", highlight=False)
    except InputError as exc:
        err.print(f"[red]{exc}[/red]", highlight=False)
    raise typer.Exit(2)


def emit_rows(rows: list[dict], columns: list[str], fmt: DataFormat, title: str,
              shown: list[str] | None = None, show_lines: bool = False) -> None:
    """Write ``rows``: all ``columns`` for json/jsonl/csv, ``shown`` (default all) in a table."""
    if fmt is DataFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif fmt is DataFormat.jsonl:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt is DataFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n",
                                extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    else:
        table = Table(title=title, show_lines=show_lines)
        for column in shown or columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*("" if row.get(c) is None else str(row[c]) for c in shown or columns))
        out.print(table)
