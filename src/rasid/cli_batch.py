"""``rasid batch``: analyse many documents into a Parquet dataset, locally or on Ray."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from rasid.cli_output import err
from rasid.errors import BatchError


class Engine(StrEnum):
    local = "local"
    ray = "ray"


class SummaryFormat(StrEnum):
    table = "table"
    json = "json"


def _runtime_env(value: str | None) -> dict | None:
    if not value:
        return None
    path = Path(value)
    try:
        text = path.read_text(encoding="utf-8") if path.is_file() else value
        env = json.loads(text)
    except (OSError, json.JSONDecodeError) as exc:
        raise typer.BadParameter(f"not a JSON object or a JSON file: {exc}",
                                 param_hint="--runtime-env") from None
    if not isinstance(env, dict):
        raise typer.BadParameter("must be a JSON object", param_hint="--runtime-env")
    return env


def batch(
    inputs: Annotated[list[Path], typer.Argument(
        help="Files or directories: .txt, .html, .jsonl(.gz), .parquet (columns id, text, "
             "title, published, source)")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output directory (records/, "
                                                         "errors/, _rasid_batch.json)")],
    engine: Annotated[Engine, typer.Option(help="local: this process; ray: an actor pool "
                                                "on a Ray cluster")] = Engine.local,
    address: Annotated[str | None, typer.Option(
        help="ray: cluster address (auto, ray://head:10001); default starts a local "
             "cluster")] = None,
    workers: Annotated[int | None, typer.Option(
        help="ray: number of actors, one CPU each (default: the cluster's CPUs)")] = None,
    batch_size: Annotated[int, typer.Option(help="documents per batch")] = 32,
    published: Annotated[str | None, typer.Option(
        "--published", "-p", help="Publication date YYYY-MM-DD for every document "
                                  "(overrides the inputs' own)")] = None,
    validate: Annotated[bool, typer.Option(
        help="check every record against the schema (slower); failures go to "
             "errors/")] = False,
    runtime_env: Annotated[str | None, typer.Option(
        help="ray: runtime env as JSON or a JSON file, e.g. "
             "'{\"pip\": [\"rasid[scale]\"]}'")] = None,
    overwrite: Annotated[bool, typer.Option(help="replace an earlier batch output in "
                                                 "--out")] = False,
    format: Annotated[SummaryFormat, typer.Option("--format", "-f",
                                                  help="summary as a table or JSON")]
    = SummaryFormat.table,
) -> None:
    """Analyse many documents into a Parquet dataset of records (plus an errors table).

    Examples:

      rasid batch feed.jsonl --out out/

      rasid batch archive/ dump.parquet --out out/ --engine ray --workers 8

      rasid batch s3-mirror/ --out out/ --engine ray --address auto

    Records go to out/records/*.parquet (one row per document, the record as JSON).

    Documents that fail go to out/errors/*.parquet (id, source, stage, message).

    Query with DuckDB: SELECT * FROM read_parquet('out/records/*.parquet').

    The exit code is 1 if any document failed. See docs/scale.md.
    """
    from rasid.batch import run_batch

    env = _runtime_env(runtime_env)
    if engine is Engine.local and (address or workers or env):
        raise typer.BadParameter("--address, --workers and --runtime-env need --engine ray",
                                 param_hint="--engine")
    if batch_size < 1:
        raise typer.BadParameter("must be at least 1", param_hint="--batch-size")
    try:
        if engine is Engine.local:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )

            with Progress(SpinnerColumn(), TextColumn("analysing"), BarColumn(),
                          MofNCompleteColumn(), TextColumn("{task.fields[rate]} docs/s"),
                          TextColumn("[red]{task.fields[errors]} errors"),
                          TimeElapsedColumn(), console=err, transient=False) as bar:
                task = bar.add_task("batch", total=None, rate="-", errors=0)

                def tick(done: int, errors: int) -> None:
                    elapsed = bar.tasks[0].elapsed or 0.0
                    rate = f"{done / elapsed:.1f}" if elapsed else "-"
                    bar.update(task, completed=done, rate=rate, errors=errors)

                result = run_batch(inputs, out, engine="local", published=published,
                                   validate=validate, batch_size=batch_size,
                                   overwrite=overwrite, progress=tick)
        else:
            result = run_batch(inputs, out, engine="ray", published=published,
                               validate=validate, batch_size=batch_size, workers=workers,
                               address=address, runtime_env=env, overwrite=overwrite)
    except BatchError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(exc.exit_code) from None
    if format is SummaryFormat.json:
        from dataclasses import asdict

        sys.stdout.write(json.dumps(asdict(result), ensure_ascii=False, indent=2) + "\n")
    else:
        from rich.table import Table

        table = Table(title=f"rasid batch → {result.out}", show_header=False)
        table.add_row("engine", f"{result.engine} ({result.workers} worker(s))")
        table.add_row("documents", f"{result.documents:,}")
        table.add_row("records", f"{result.records:,}")
        errs = ", ".join(f"{k}: {v}" for k, v in result.errors_by_stage.items())
        table.add_row("errors", f"{result.errors:,}" + (f" ({errs})" if errs else ""))
        table.add_row("time", f"{result.seconds:.1f} s, {result.docs_per_second:.1f} docs/s")
        table.add_row("components", ", ".join(result.components))
        Console().print(table)
    if result.errors:
        err.print(f"{result.errors} document(s) failed; see {Path(result.out) / 'errors'}/ "
                  "(id, source, stage, message).")
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``rasid batch`` to the CLI."""
    app.command(name="batch")(batch)
