"""The "who said what" table for ``rasid analyze --format pretty``."""

from __future__ import annotations

from rich.table import Table

from rasid.document import DocumentRecord

__all__ = ["render_quotes"]

QUOTE_CHARS = 120


def _short(text: str, limit: int = QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _who(record: DocumentRecord, entity_id: str | None, phrase: str | None) -> str:
    ent = record.entity(entity_id)
    if ent is not None:
        name = ent.name
        if ent.name_en:
            name += f" ({ent.name_en})"
        if phrase and ent.name not in phrase:
            name += f" ← {phrase}"
        return name
    return phrase or "—"


def render_quotes(record: DocumentRecord) -> Table | None:
    """A rich table of the record's quotes (speaker, verb, quote, source), or None if none."""
    if not record.quotes:
        return None
    table = Table(title="Who said what", expand=True, show_lines=True)
    table.add_column("id", style="dim", no_wrap=True)
    table.add_column("speaker", ratio=2, overflow="fold")
    table.add_column("verb", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("quote", ratio=5, overflow="fold")
    table.add_column("to / via", ratio=2, overflow="fold")
    for q in record.quotes:
        phrase = q.speaker_mention.text if q.speaker_mention else None
        extra = []
        if q.addressee:
            ent = record.entity(q.addressee)
            extra.append("→ " + (ent.name if ent else q.addressee))
        if q.source and q.source != q.speaker:
            ent = record.entity(q.source)
            extra.append("via " + (ent.name if ent else q.source))
        quote = _short(q.text)
        if q.kind == "direct":
            quote = f"«{quote}»"
        table.add_row(q.id, _who(record, q.speaker, phrase), q.verb or "", q.kind, quote,
                      "\n".join(extra))
    return table
