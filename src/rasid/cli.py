"""rasid's command line: a thin typer shell over library functions.

Library code raises :mod:`rasid.errors`; only this module turns them into messages on stderr
and exit codes. Components add their commands through ``register(app)`` functions in
``rasid.cli_<area>`` modules listed in ``CLI_MODULES``.
"""

from __future__ import annotations

import importlib
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from rasid import __version__
from rasid.cli_output import err
from rasid.errors import RasidError

app = typer.Typer(
    name="rasid",
    help="راصد rasid — read Arabic news as facts: entities, quotes, events and time, "
         "with offsets into the original text.\n\n"
         "Start with:  rasid analyze examples/*.txt",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
out = Console(soft_wrap=False)

# Modules that add commands with a register(app) function; missing ones are skipped.
CLI_MODULES: list[str] = [
    "rasid.cli_batch",
    "rasid.cli_events",
    "rasid.cli_kb",
    "rasid.cli_ner",
    "rasid.cli_quotes",
    "rasid.cli_store",
    "rasid.cli_time",
    "rasid.cli_web",
]


class OutputFormat(StrEnum):
    pretty = "pretty"
    json = "json"
    jsonl = "jsonl"


def _version(value: bool) -> None:
    if value:
        out.print(f"rasid {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """rasid: Arabic news intelligence."""


@app.command()
def analyze(
    files: Annotated[list[Path], typer.Argument(help="Files or directories: .txt, .html, "
                                                     ".jsonl (one article per line), .gz")],
    format: Annotated[OutputFormat, typer.Option("--format", "-f",
                                                 help="pretty tables, or the JSON record")] = OutputFormat.pretty,
    published: Annotated[str | None, typer.Option(
        "--published", "-p", help="Publication date YYYY-MM-DD (overrides the input's own); "
                                  "relative dates such as 'أمس' resolve against it")] = None,
    sentences: Annotated[bool, typer.Option(help="pretty: list the sentences too")] = True,
) -> None:
    """Analyse articles and print what was found.

    Examples:

      rasid analyze examples/moscow.txt

      rasid analyze article.html --published 2024-10-11 --format json

      rasid analyze feed.jsonl --format jsonl > records.jsonl

    Bad inputs are reported on stderr (file, and line for JSONL) and skipped; the exit code
    is 1 if any input failed, 0 otherwise.
    """
    from rasid.ingest import iter_documents
    from rasid.pipeline import analyze_input, load, parse_published

    try:
        if published is not None:
            parse_published(published)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--published") from None
    nlp = load()
    failures = 0
    records = []
    for item in iter_documents(files):
        if isinstance(item, RasidError):
            failures += 1
            err.print(f"[red]error[/red] {item}", highlight=False)
            continue
        try:
            record = analyze_input(item, published=published, nlp=nlp)
        except RasidError as exc:
            failures += 1
            err.print(f"[red]error[/red] {item.source}: {exc}", highlight=False)
            continue
        if format is OutputFormat.pretty:
            from rasid.render import print_record

            print_record(record, out, show_sentences=sentences)
        elif format is OutputFormat.jsonl:
            sys.stdout.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
        else:
            records.append(record.to_dict())
    if format is OutputFormat.json:
        payload = records[0] if len(records) == 1 else records
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    if failures:
        err.print(f"{failures} input(s) failed; see the messages above.")
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the document record (see docs/OUTPUT.md).

    Example:  rasid schema > record.schema.json
    """
    from rasid.document import json_schema

    sys.stdout.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")


def _register_modules() -> None:
    for name in CLI_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(app)


_register_modules()


def main() -> None:
    """Entry point: run the app, turning rasid errors into one-line messages."""
    from rasid.runtime import tune_gc

    tune_gc()  # a rasid process: collect garbage less often (rasid.runtime)
    try:
        app()
    except RasidError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        sys.exit(exc.exit_code)
