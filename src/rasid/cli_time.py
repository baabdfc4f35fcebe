"""Time commands: ``rasid times`` (the time expressions of texts, resolved) and
``rasid dateline`` (the publication date a text states).

A thin shell over :mod:`rasid.time`; it runs the tagger alone, not the whole pipeline.
"""

from __future__ import annotations

import csv
import datetime as dt
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


class DataFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


FILES_HELP = "Text files (UTF-8); '-' reads standard input"
FormatOption = Annotated[DataFormat, typer.Option(
    "--format", "-f", help="table (terminal), json, jsonl or csv")]


def _read(path: Path) -> str:
    if str(path) == "-":
        return sys.stdin.read()
    try:
        return path.read_text(encoding="utf-8").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError) as exc:
        err.print(f"[red]{path}: cannot read ({exc.__class__.__name__}: {exc})[/red]")
        raise typer.Exit(2) from None


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not YYYY-MM-DD", param_hint="--published") \
            from None


def _emit(rows: list[dict], columns: list[str], fmt: DataFormat, title: str) -> None:
    if fmt is DataFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif fmt is DataFormat.jsonl:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt is DataFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        table = Table(title=title)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*["" if row[c] is None else str(row[c]) for c in columns])
        out.print(table)


def times_cmd(
    files: Annotated[list[Path], typer.Argument(help=FILES_HELP)],
    published: Annotated[str | None, typer.Option(
        "--published", "-p",
        help="Publication date YYYY-MM-DD to resolve relative dates against (default: "
             "the date the text states, e.g. a dateline; else relative values stay empty)")
    ] = None,
    format: FormatOption = DataFormat.table,
) -> None:
    """List the time expressions of Arabic texts with their TIMEX3 type and ISO value.

    Examples:

      rasid times article.txt --published 2022-05-26

      echo "وصل الوفد أمس" | rasid times - -p 2024-10-11 --format json
    """
    from rasid.time import find_published, tag_times

    anchor_opt = _parse_date(published)
    rows: list[dict] = []
    for path in files:
        text = _read(path)
        anchor = anchor_opt or find_published(text)
        times, warnings = tag_times(text, anchor)
        for warning in warnings:
            err.print(f"{path}: {warning}")
        for t in times:
            rows.append({"file": str(path), "published": anchor.isoformat() if anchor else None,
                         "id": t.id, "type": t.type, "value": t.value, "start": t.start,
                         "end": t.end, "text": t.text})
    _emit(rows, ["file", "published", "id", "type", "value", "start", "end", "text"], format,
          "time expressions")


def dateline_cmd(
    files: Annotated[list[Path], typer.Argument(help=FILES_HELP)],
    format: FormatOption = DataFormat.table,
) -> None:
    """Print the publication date each text states ("نشر في ...", "الرياض - 12 مارس 2024").

    Exit code 1 when no date was found in any file.

    Example:

      rasid dateline article.txt
    """
    from rasid.time import find_published

    rows = []
    for path in files:
        day = find_published(_read(path))
        rows.append({"file": str(path), "published": day.isoformat() if day else None})
    _emit(rows, ["file", "published"], format, "publication dates")
    if not any(r["published"] for r in rows):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("times")(times_cmd)
    app.command("dateline")(dateline_cmd)
