"""Knowledge-base commands: ``rasid kb lookup``, ``rasid kb stats``, ``rasid kb import-wikidata``.

A thin shell over :mod:`rasid.kb`. Every command takes ``--kb`` (default: ``$RASID_KB``, else
the KB shipped inside the package).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from rasid.cli_output import DataFormat, FormatOption, err, out  # shared with every command

kb_app = typer.Typer(
    name="kb", no_args_is_help=True, rich_markup_mode="rich",
    help="The knowledge base the linker resolves names against (names, aliases, offices).\n\n"
         "Example:  rasid kb lookup نتانياهو")

KbOption = Annotated[Path | None, typer.Option(
    "--kb", help="KB file (default: $RASID_KB, else the packaged KB)", show_default=False)]


def _emit(rows: list[dict], columns: list[str], fmt: DataFormat, title: str) -> None:
    if fmt is DataFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif fmt is DataFormat.jsonl:
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt is DataFormat.csv:
        w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else columns,
                           extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    else:
        table = Table(title=title)
        for c in columns:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*["" if r.get(c) is None else
                            ", ".join(map(str, r[c])) if isinstance(r.get(c), list) else
                            str(r[c]) for c in columns])
        out.print(table)


def _kb(path: Path | None):
    from rasid.kb import KnowledgeBase

    return KnowledgeBase(path)


@kb_app.command("lookup")
def lookup(
    name: Annotated[str, typer.Argument(help="A name, alias or English label")],
    kb: KbOption = None,
    date: Annotated[str | None, typer.Option(
        "--date", help="Show the offices held on this date (YYYY-MM-DD)")] = None,
    fmt: FormatOption = DataFormat.table,
) -> None:
    """Find KB entities by name or alias (Arabic spelling variants fold together).

    Examples:
      rasid kb lookup نتانياهو
      rasid kb lookup "Vladimir Putin" --format json
      rasid kb lookup بوتين --date 2022-05-17
    """
    from rasid.errors import InputError

    day = None
    if date:
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            raise InputError("--date", f"{date!r} is not YYYY-MM-DD") from None
    k = _kb(kb)
    rows = []
    for e in k.lookup(name):
        rows.append({
            "kb_id": e.kb_id, "type": e.type, "name_ar": e.name_ar, "name_en": e.name_en,
            "country": e.country, "source": e.source,
            "aliases": [a for a, kind, lang in k.aliases_of(e.kb_id) if lang == "ar"
                        and kind != "nisba"],
            "roles": [f"{r.role} of {(k.get(r.of).name_en if k.get(r.of) else r.of)} "
                      f"{r.valid_from or '?'}..{r.valid_to or ''}"
                      for r in k.roles_of(e.kb_id, day)],
        })
    if not rows:
        near = k.suggest(name)
        hint = ("; did you mean " + ", ".join(f"{e.name_ar} ({e.name_en or e.kb_id})"
                                              for e in near) + "?") if near else ""
        err.print(f"no KB entity named {name!r}{hint}", highlight=False, soft_wrap=True)
        raise typer.Exit(1)
    _emit(rows, ["kb_id", "type", "name_ar", "name_en", "aliases", "roles"], fmt,
          f"KB entries for {name}")


@kb_app.command("stats")
def stats(kb: KbOption = None, fmt: FormatOption = DataFormat.table) -> None:
    """Counts of entities (by type and source), aliases, roles and titles.

    Example:
      rasid kb stats --format json
    """
    s = _kb(kb).stats()
    if fmt is DataFormat.table:
        table = Table(title=f"knowledge base {s['path']}")
        table.add_column("what")
        table.add_column("count", justify="right")
        for key in ("entities", "with_wikidata_id", "aliases", "roles", "titles"):
            table.add_row(key, str(s[key]))
        for t, n in s["by_type"].items():
            table.add_row(f"  type {t}", str(n))
        for src, n in s["by_source"].items():
            table.add_row(f"  source {src}", str(n))
        out.print(table)
        return
    flat = {k: v for k, v in s.items() if not isinstance(v, dict)}
    flat.update({f"type_{k}": v for k, v in s["by_type"].items()})
    flat.update({f"source_{k}": v for k, v in s["by_source"].items()})
    _emit([flat], list(flat), fmt, "kb stats")


@kb_app.command("import-wikidata")
def import_wikidata(
    dump: Annotated[Path, typer.Argument(help="Wikidata JSON dump (.json or .json.gz)")],
    kb: Annotated[Path | None, typer.Option(
        "--kb", help="KB file to extend (default: $RASID_KB); created from the packaged KB "
                     "if missing", show_default=False)] = None,
    all_languages: Annotated[bool, typer.Option(
        "--all-languages", help="Also import entities with no Arabic label or alias")] = False,
) -> None:
    """Stream a Wikidata JSON dump into a KB file (Arabic + English labels and aliases).

    The packaged KB is never modified: give --kb (or set RASID_KB), then point rasid at
    that file with RASID_KB. Malformed lines are reported with their line number and skipped.

    Example:
      rasid kb import-wikidata latest-all.json.gz --kb ~/rasid-kb.sqlite
      RASID_KB=~/rasid-kb.sqlite rasid analyze article.txt
    """
    import os

    from rasid.errors import InputError
    from rasid.kb.wikidata import import_dump

    target = kb or (Path(os.environ["RASID_KB"]) if os.environ.get("RASID_KB") else None)
    if target is None:
        raise InputError("--kb", "name the KB file to extend (the packaged KB stays as built)")
    report = import_dump(dump, target, require_arabic=not all_languages)
    for lineno, reason in report.skipped:
        err.print(f"{dump}:{lineno}: skipped: {reason}", highlight=False)
    err.print(f"imported {report.imported} entities into {target}; "
              f"skipped {report.skipped_count} line(s)"
              + (f"; left out {report.without_arabic} without an Arabic name "
                 "(--all-languages keeps them)" if report.without_arabic else ""),
              highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.add_typer(kb_app, name="kb")
