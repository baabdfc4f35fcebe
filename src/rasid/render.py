"""Human-readable rendering of a :class:`DocumentRecord` in the terminal (rich)."""

from __future__ import annotations

import importlib

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from rasid.document import DocumentRecord

# Optional renderers contributed by components: (module, function) returning a Table or None.
EXTRA_RENDERERS: list[tuple[str, str]] = [
    ("rasid.quotes.render", "render_quotes"),
]


def _snippet(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def sentences_table(record: DocumentRecord) -> Table:
    table = Table(title="Sentences", show_lines=False, expand=True)
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("sentence", overflow="fold")
    for i, s in enumerate(record.sentences):
        table.add_row(str(i), record.text[s.start:s.end])
    return table


def entities_table(record: DocumentRecord) -> Table | None:
    if not record.entities:
        return None
    table = Table(title="Entities", expand=True)
    for col in ("id", "type", "name", "English", "kb_id", "mentions"):
        table.add_column(col)
    for e in record.entities:
        forms = sorted({m.text for m in e.mentions})
        table.add_row(e.id, e.type, e.name, e.name_en or "", e.kb_id or "",
                      f"{len(e.mentions)}: " + "، ".join(forms[:4]))
    return table


def times_table(record: DocumentRecord) -> Table | None:
    if not record.times:
        return None
    table = Table(title="Time expressions", expand=True)
    for col in ("id", "type", "text", "value"):
        table.add_column(col)
    for t in record.times:
        table.add_row(t.id, t.type, t.text, t.value or "—")
    return table


def events_table(record: DocumentRecord) -> Table | None:
    if not record.events:
        return None
    names = {e.id: e.name for e in record.entities}
    times = {t.id: t.value or t.text for t in record.times}
    table = Table(title="Events (PLOVER)", expand=True)
    for col in ("id", "type", "mode", "actor", "trigger", "target", "where", "when", "flags"):
        table.add_column(col)
    for v in record.events:
        flags = " ".join(f for f, on in (("negated", v.negated), ("hypothetical", v.hypothetical)) if on)
        table.add_row(v.id, v.type, v.mode or "", names.get(v.actor or "", "?"), v.trigger.text,
                      names.get(v.target or "", ""), names.get(v.location or "", ""),
                      times.get(v.time or "", ""), flags)
    return table


def record_renderable(record: DocumentRecord, show_sentences: bool = True) -> Group:
    header = Text()
    header.append(record.title or record.id, style="bold")
    header.append(f"\nid {record.id} · source {record.source or '—'} · published "
                  f"{record.published or 'unknown'} · {len(record.sentences)} sentences")
    parts: list = [Panel(header, expand=True)]
    if show_sentences:
        parts.append(sentences_table(record))
    tables = [entities_table(record), times_table(record)]
    for module, func in EXTRA_RENDERERS:
        try:
            fn = getattr(importlib.import_module(module), func)
        except (ImportError, AttributeError):
            continue
        tables.append(fn(record))
    tables.append(events_table(record))
    parts += [t for t in tables if t is not None]
    for w in record.warnings:
        parts.append(Text(f"warning: {w}", style="yellow"))
    return Group(*parts)


def print_record(record: DocumentRecord, console: Console, show_sentences: bool = True) -> None:
    console.print(record_renderable(record, show_sentences))
