"""Event commands: ``rasid who-did`` (PLOVER events of text files, one row per event) and
``rasid relations`` (entity relations with evidence).

(``rasid events`` queries the corpus store; these commands read text files directly.)
A thin shell over :mod:`rasid.pipeline` and :mod:`rasid.events`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rasid.cli_output import (
    DataFormat,
    emit_rows,
    err,
    read_text_arg,
)

EVENT_COLUMNS = ["file", "id", "type", "mode", "actor", "actor_id", "target", "target_id",
                 "location", "date", "negated", "hypothetical", "trigger", "start", "end",
                 "sentence", "quote", "confidence"]
RELATION_COLUMNS = ["file", "type", "label", "head", "head_id", "tail", "tail_id",
                    "evidence", "start", "end"]


def _analyze(text: str, published: str | None):
    from rasid.pipeline import analyze
    try:
        return analyze(text, published=published)
    except ValueError as exc:  # a bad --published
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None


def event_rows(path: str, text: str, published: str | None = None) -> list[dict]:
    """One dict per event of ``text`` (the rows ``rasid who-did`` prints)."""
    record = _analyze(text, published)
    times = {t.id: t for t in record.times}

    def nm(eid: str | None) -> str | None:
        ent = record.entity(eid)
        return ent.name if ent else None

    rows = []
    for v in record.events:
        t = times.get(v.time) if v.time else None
        rows.append({
            "file": path, "id": v.id, "type": v.type, "mode": v.mode,
            "actor": nm(v.actor), "actor_id": v.actor, "target": nm(v.target),
            "target_id": v.target, "location": nm(v.location),
            "date": t.value if t else None, "negated": v.negated,
            "hypothetical": v.hypothetical, "trigger": v.trigger.text,
            "start": v.trigger.start, "end": v.trigger.end, "sentence": v.sentence,
            "quote": v.quote, "confidence": v.confidence,
        })
    return rows


def relation_rows(path: str, text: str) -> list[dict]:
    """One dict per relation of ``text`` (the rows ``rasid relations`` prints)."""
    record = _analyze(text, None)
    rows = []
    for r in record.relations:
        head, tail = record.entity(r.head), record.entity(r.tail)
        rows.append({
            "file": path, "type": r.type, "label": r.label,
            "head": head.name if head else None, "head_id": r.head,
            "tail": tail.name if tail else None, "tail_id": r.tail,
            "evidence": text[r.evidence.start:r.evidence.end],
            "start": r.evidence.start, "end": r.evidence.end,
        })
    return rows


def who_did_cmd(
    files: Annotated[list[Path], typer.Argument(
        help="Text files (UTF-8); '-' reads standard input")],
    format: Annotated[DataFormat, typer.Option(
        "--format", "-f", help="table (terminal), json, jsonl or csv")] = DataFormat.table,
    published: Annotated[str | None, typer.Option(
        "--published", help="Publication date YYYY-MM-DD: relative dates resolve against it")
    ] = None,
) -> None:
    """List who did what to whom: PLOVER events with actor, target, place, date and flags.

    Examples:

      rasid who-did article.txt --published 2022-05-23

      rasid who-did articles/*.txt --format csv > events.csv

      echo 'واتهمت طهران تل أبيب بالوقوف وراء الهجوم.' | rasid who-did - -f json
    """
    rows: list[dict] = []
    for path in files:
        rows += event_rows(str(path), read_text_arg(path), published)
    emit_rows(rows, EVENT_COLUMNS, format, "Who did what to whom",
          ["file", "id", "type", "mode", "actor", "target", "date", "trigger", "negated",
           "hypothetical"])


def relations_cmd(
    files: Annotated[list[Path], typer.Argument(
        help="Text files (UTF-8); '-' reads standard input")],
    format: Annotated[DataFormat, typer.Option(
        "--format", "-f", help="table (terminal), json, jsonl or csv")] = DataFormat.table,
) -> None:
    """List entity relations with their evidence: roles (president_of, minister_of,
    leader_of, spokesperson_of, ...), member_of, ally_of, located_in.

    Examples:

      rasid relations article.txt

      echo 'قال الرئيس الإيراني إبراهيم رئيسي إن ...' | rasid relations - -f jsonl
    """
    rows: list[dict] = []
    for path in files:
        rows += relation_rows(str(path), read_text_arg(path))
    emit_rows(rows, RELATION_COLUMNS, format, "Relations",
          ["file", "label", "head", "tail", "evidence"])


def register(app: typer.Typer) -> None:
    app.command("who-did")(who_did_cmd)
    app.command("relations")(relations_cmd)
