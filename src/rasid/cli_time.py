"""Time commands: ``rasid times`` (the time expressions of texts, resolved) and
``rasid dateline`` (the publication date a text states).

A thin shell over :mod:`rasid.time`; it runs the tagger alone, not the whole pipeline.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from rasid.cli_output import (
    FILES_HELP,
    DataFormat,
    FormatOption,
    emit_rows,
    err,
    read_text_arg,
)


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not YYYY-MM-DD", param_hint="--published") \
            from None


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
        text = read_text_arg(path)
        anchor = anchor_opt or find_published(text)
        times, warnings = tag_times(text, anchor)
        for warning in warnings:
            err.print(f"{path}: {warning}")
        for t in times:
            rows.append({"file": str(path), "published": anchor.isoformat() if anchor else None,
                         "id": t.id, "type": t.type, "value": t.value, "start": t.start,
                         "end": t.end, "text": t.text})
    emit_rows(rows, ["file", "published", "id", "type", "value", "start", "end", "text"], format,
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
        day = find_published(read_text_arg(path))
        rows.append({"file": str(path), "published": day.isoformat() if day else None})
    emit_rows(rows, ["file", "published"], format, "publication dates")
    if not any(r["published"] for r in rows):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("times")(times_cmd)
    app.command("dateline")(dateline_cmd)
