"""Corpus commands: ingest, search, entity, quotes, events, timeline, export, store-info.

A thin shell over :mod:`rasid.store` (the HTTP API calls the same query functions). Every
command takes ``--db`` (default ``$RASID_DB`` or ``~/.local/share/rasid/rasid.db``).
"""

from __future__ import annotations

import csv
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from rasid.cli_output import DataFormat, FormatOption, err, out  # shared with every command

DbOption = Annotated[Path | None, typer.Option(
    "--db", help="Store file (default: $RASID_DB, else ~/.local/share/rasid/rasid.db)",
    show_default=False)]
SinceOption = Annotated[str | None, typer.Option(
    "--since", help="From this date (inclusive; YYYY, YYYY-MM or YYYY-MM-DD)")]
UntilOption = Annotated[str | None, typer.Option(
    "--until", help="Up to this date (inclusive; YYYY, YYYY-MM or YYYY-MM-DD)")]
LimitOption = Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many rows")]


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    parquet = "parquet"
    events_tsv = "events-tsv"
    graphml = "graphml"
    gexf = "gexf"


def _open(db: Path | None):
    from rasid.store import Store

    return Store(db, readonly=True)


def _emit(rows: list[dict], columns: list[tuple[str, str]], fmt: DataFormat,
          title: str | None = None, empty: str = "nothing found") -> None:
    """Print rows as a rich table (the named columns) or all fields as json/jsonl/csv."""
    if fmt is DataFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif fmt is DataFormat.jsonl:
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt is DataFormat.csv:
        fields = list(rows[0]) if rows else [c for c, _ in columns]
        w = csv.DictWriter(sys.stdout, fieldnames=fields, extrasaction="ignore",
                           lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    else:
        if not rows:
            err.print(empty)
            return
        table = Table(title=title, show_lines=False)
        for _, header in columns:
            table.add_column(header, overflow="fold")
        for r in rows:
            table.add_row(*[_cell(r.get(c)) for c, _ in columns])
        out.print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return " ".join(str(value).split())


def _check_date(value: str | None, name: str) -> None:
    import re

    if value is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise typer.BadParameter(f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD",
                                 param_hint=name)


# ---------------------------------------------------------------------------- ingest

def ingest_cmd(
    paths: Annotated[list[Path], typer.Argument(
        help="Files or directories: .txt, .html, .jsonl (one article per line), .gz")],
    db: DbOption = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", "-w", min=1, help="Analysis processes (default: all cores)")] = None,
    published: Annotated[str | None, typer.Option(
        "--published", "-p", help="Publication date YYYY-MM-DD for every input")] = None,
    reanalyze: Annotated[bool, typer.Option(
        help="Analyse documents again even if stored with the same input")] = False,
    components: Annotated[str | None, typer.Option(
        help="Comma-separated pipeline components (default: the full pipeline)",
        hidden=True)] = None,
    batch: Annotated[int, typer.Option(min=1, help="Documents per committed batch")] = 64,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar")] = False,
) -> None:
    """Analyse articles and add them to the corpus store.

    Examples:

      rasid ingest articles/ feed.jsonl.gz --db corpus.db

      rasid ingest archive/ --workers 2

    Already-stored documents (same id, same input) are skipped without analysis, so a run
    that was interrupted (even by kill -9) continues where it stopped when run again. A bad
    document is reported on stderr and skipped; the exit code is 1 if any failed.
    """
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from rasid.store.ingest import ingest

    if published is not None:
        _check_date(published, "--published")
    comps = [c.strip() for c in components.split(",")] if components else None
    progress = Progress(SpinnerColumn(), TextColumn("[bold]ingest[/bold]"), BarColumn(),
                        TextColumn("{task.fields[line]}"), TimeElapsedColumn(),
                        console=err, disable=quiet, transient=False)
    task = progress.add_task("ingest", total=None, line="starting…")

    def on_progress(s) -> None:
        progress.update(task, line=(
            f"{s.stored} stored · {s.skipped} skipped · {s.errors} errors · "
            f"{s.docs_per_second:.1f} docs/s"))

    def on_error(message: str) -> None:
        progress.console.print(f"[red]error[/red] {message}", highlight=False)

    with progress:
        stats = ingest(paths, db, workers=workers, components=comps, published=published,
                       batch=batch, reanalyze=reanalyze, on_progress=on_progress,
                       on_error=on_error)
    from rasid.store import default_db_path

    where = db or default_db_path()
    err.print(f"{stats.inserted} new, {stats.replaced} replaced, {stats.unchanged} unchanged, "
              f"{stats.skipped} already stored, {stats.errors} failed; "
              f"{stats.elapsed:.1f}s ({stats.docs_per_second:.1f} docs/s; storage "
              f"{100 * stats.store_seconds / max(stats.elapsed, 1e-9):.0f}% of the time) "
              f"→ {where}", highlight=False)
    if stats.errors:
        raise typer.Exit(1)


# ---------------------------------------------------------------------------- queries

def search_cmd(
    query: Annotated[str, typer.Argument(help='Words (ANDed), "a phrase", word*, a OR b')],
    db: DbOption = None, since: SinceOption = None, until: UntilOption = None,
    limit: LimitOption = 20,
    once_per_story: Annotated[bool, typer.Option(
        help="Show one document per story (reprints of a wire story)")] = True,
    format: FormatOption = DataFormat.table,
) -> None:
    """Full-text search, Arabic-normalised (hamza forms, ta marbuta, diacritics, "ال").

    Examples:

      rasid search "عشق أباد"

      rasid search '"حلف شمال الأطلسي" فنلند*' --since 2022 --format json
    """
    from rasid.store import queries

    _check_date(since, "--since")
    _check_date(until, "--until")
    with _open(db) as store:
        rows = queries.search(store, query, limit=limit, since=since, until=until,
                              once_per_story=once_per_story)
    _emit(rows, [("published", "date"), ("title", "title"), ("snippet", "match"),
                 ("id", "id")], format, title=f"search: {query}")


def entity_cmd(
    name: Annotated[str, typer.Argument(help="A name (Arabic or English) or a kb_id")],
    db: DbOption = None, limit: LimitOption = 10, format: FormatOption = DataFormat.table,
) -> None:
    """An entity page: aliases, mentions over time, quotes by and about it, co-occurring
    entities, events as actor and as target.

    Examples:

      rasid entity بوتين

      rasid entity Q7747 --format json
    """
    from rasid.errors import RasidError
    from rasid.store import queries

    with _open(db) as store:
        page = queries.entity_page(store, name, limit=limit)
    if page is None:
        raise RasidError(f"no entity called {name!r} in the store")
    if format is not DataFormat.table:
        if format is DataFormat.csv:
            raise typer.BadParameter("an entity page is nested: use json or jsonl",
                                     param_hint="--format")
        sys.stdout.write(json.dumps(page, ensure_ascii=False,
                                    indent=2 if format is DataFormat.json else None) + "\n")
        return
    e = page["entity"]
    out.print(f"[bold]{e['name']}[/bold]  {e['name_en'] or ''}  [dim]{e['type']} · "
              f"{e['kb_id'] or e['key']} · {e['documents']} documents in "
              f"{page['stories']} stories[/dim]")
    if page["other_matches"]:
        out.print("[dim]also matches: " + ", ".join(
            f"{m['name']} ({m['key']})" for m in page["other_matches"][:5]) + "[/dim]")
    out.print("aliases: " + " · ".join(f"{a['text']} ({a['mentions']})"
                                       for a in page["aliases"]))
    _emit(page["by_month"], [("month", "month"), ("documents", "documents"),
                             ("mentions", "mentions")], DataFormat.table, "mentions over time")
    qcols = [("published", "date"), ("speaker", "speaker"), ("text", "quote")]
    _emit(page["quotes_by"], qcols, DataFormat.table, "quotes by", "no quotes by it")
    _emit(page["quotes_about"], qcols, DataFormat.table, "quotes about", "no quotes about it")
    _emit(page["cooccurring"], [("name", "entity"), ("type", "type"),
                                ("documents", "documents")], DataFormat.table,
          "co-occurring entities")
    ecols = [("date", "date"), ("type", "type"), ("actor", "actor"), ("target", "target"),
             ("trigger", "trigger")]
    _emit(page["events_as_actor"], ecols, DataFormat.table, "events as actor",
          "no events as actor")
    _emit(page["events_as_target"], ecols, DataFormat.table, "events as target",
          "no events as target")


def quotes_cmd(
    speaker: Annotated[str | None, typer.Option("--speaker", "-s", help="Who said it")] = None,
    about: Annotated[str | None, typer.Option(
        "--about", "-a", help="An entity mentioned in (or addressed by) the quote")] = None,
    since: SinceOption = None, until: UntilOption = None, db: DbOption = None,
    limit: LimitOption = 50,
    once_per_story: Annotated[bool, typer.Option(
        help="Count a quote once per story (reprints of a wire story)")] = True,
    format: FormatOption = DataFormat.table,
) -> None:
    """Quotes by a speaker and/or about an entity, newest first.

    Examples:

      rasid quotes --speaker بوتين --since 2022-05

      rasid quotes --speaker "Vladimir Putin" --about الناتو --format csv
    """
    from rasid.store import queries

    _check_date(since, "--since")
    _check_date(until, "--until")
    with _open(db) as store:
        rows = queries.quotes(store, speaker=speaker, about=about, since=since, until=until,
                              limit=limit, once_per_story=once_per_story)
    _emit(rows, [("published", "date"), ("speaker", "speaker"), ("verb", "verb"),
                 ("text", "quote"), ("doc_id", "document")], format, "quotes")


def events_cmd(
    actor: Annotated[str | None, typer.Option("--actor", help="Who acted")] = None,
    target: Annotated[str | None, typer.Option("--target", help="Who was acted on")] = None,
    type: Annotated[str | None, typer.Option(
        "--type", "-t", help="PLOVER type: THREATEN, ASSAULT, AGREE, ...")] = None,
    since: SinceOption = None, until: UntilOption = None, db: DbOption = None,
    limit: LimitOption = 100,
    once_per_story: Annotated[bool, typer.Option(
        help="Count an event once per story (reprints of a wire story)")] = True,
    format: FormatOption = DataFormat.table,
) -> None:
    """Events filtered by actor, target, type and date, newest first.

    Examples:

      rasid events --actor روسيا --type THREATEN --since 2022

      rasid events --actor Russia --target Finland --format json
    """
    from rasid.document import EVENT_TYPES
    from rasid.store import queries

    if type is not None and type.upper() not in EVENT_TYPES:
        raise typer.BadParameter(f"{type!r} is not one of {', '.join(EVENT_TYPES)}",
                                 param_hint="--type")
    _check_date(since, "--since")
    _check_date(until, "--until")
    with _open(db) as store:
        rows = queries.events(store, actor=actor, target=target, type=type, since=since,
                              until=until, limit=limit, once_per_story=once_per_story)
    _emit(rows, [("date", "date"), ("type", "type"), ("mode", "mode"), ("actor", "actor"),
                 ("target", "target"), ("trigger", "trigger"), ("negated", "neg"),
                 ("hypothetical", "hyp"), ("doc_id", "document")], format, "events")


def timeline_cmd(
    name: Annotated[str, typer.Argument(help="A name (Arabic or English) or a kb_id")],
    since: SinceOption = None, until: UntilOption = None, db: DbOption = None,
    limit: LimitOption = 200, format: FormatOption = DataFormat.table,
) -> None:
    """What an entity did, suffered and said, oldest first (events and quotes).

    Examples:

      rasid timeline بوتين

      rasid timeline "Joe Biden" --since 2022-01 --format csv
    """
    from rasid.errors import RasidError
    from rasid.store import queries

    _check_date(since, "--since")
    _check_date(until, "--until")
    with _open(db) as store:
        tl = queries.timeline(store, name, since=since, until=until, limit=limit)
    if tl is None:
        raise RasidError(f"no entity called {name!r} in the store")
    rows = [{**i, "what": (f"{i['type']} {i.get('actor') or ''} → {i.get('target') or ''}"
                           if i["kind"] == "event" else f"«{i['text']}»")}
            for i in tl["items"]]
    _emit(rows, [("date", "date"), ("kind", "kind"), ("role", "role"), ("what", "what"),
                 ("doc_id", "document")], format, f"timeline: {tl['entity']['name']}")


def export_cmd(
    format: Annotated[ExportFormat, typer.Option(
        "--format", "-f", help="jsonl records, parquet tables (a directory), events-tsv "
                               "(GDELT-like), graphml or gexf (actor graph)")],
    out_path: Annotated[Path, typer.Option("--out", "-o", help="Output file (directory "
                                                                "for parquet)")],
    db: DbOption = None,
) -> None:
    """Export the store.

    Examples:

      rasid export --format jsonl --out records.jsonl

      rasid export --format parquet --out tables/      # documents, entities, mentions,
                                                         quotes, events .parquet

      rasid export --format gexf --out actors.gexf     # open in Gephi
    """
    from rasid.store.export import export

    with _open(db) as store:
        summary = export(store, format.value, out_path)
    err.print(f"wrote {summary['path']}: " + ", ".join(
        f"{v} {k}" for k, v in summary["rows"].items()), highlight=False)


def info_cmd(db: DbOption = None, format: FormatOption = DataFormat.table) -> None:
    """What the store holds: counts of documents, stories, entities, quotes, events.

    Example:  rasid store-info --db corpus.db
    """
    from rasid.store import queries

    with _open(db) as store:
        s = queries.stats(store)
    _emit([{"what": k, "value": v} for k, v in s.items()] if format is DataFormat.table
          else [s], [("what", "what"), ("value", "value")], format, "store")


def register(app: typer.Typer) -> None:
    """Add the corpus commands to the ``rasid`` app."""
    app.command("ingest")(ingest_cmd)
    app.command("search")(search_cmd)
    app.command("entity")(entity_cmd)
    app.command("quotes")(quotes_cmd)
    app.command("events")(events_cmd)
    app.command("timeline")(timeline_cmd)
    app.command("export")(export_cmd)
    app.command("store-info")(info_cmd)
