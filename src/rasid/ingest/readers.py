"""Readers: files, directories, JSONL and gzip → :class:`InputDocument` or :class:`InputError`.

``iter_documents`` never raises for a bad document: it yields an :class:`InputError` in its
place (naming the file, and the line for JSONL) and carries on, so one bad document never
sinks a batch. The caller decides what to do with errors (the CLI reports them and exits
non-zero at the end).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasid.document import content_id
from rasid.errors import InputError
from rasid.ingest.decode import arabic_ratio, decode_bytes, normalize_newlines

__all__ = ["InputDocument", "iter_documents", "read_path", "SUPPORTED_SUFFIXES"]

SUPPORTED_SUFFIXES = (".txt", ".text", ".html", ".htm", ".jsonl", ".ndjson")
_JSONL_FIELDS = ("id", "title", "text", "published", "source")
MAX_FILE_BYTES = 200 * 1024 * 1024  # a single .txt/.html file; JSONL is streamed, no limit
MAX_DOCUMENT_CHARS = 2_000_000  # ~350k words: beyond this one document would stall a batch


@dataclass
class InputDocument:
    """One document read from input, before analysis."""

    text: str
    source: str
    id: str | None = None
    title: str | None = None
    published: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        return self.id or content_id(self.text)


def _suffixes(path: Path) -> tuple[str, bool]:
    """(format suffix, gzipped?) for e.g. 'a.jsonl.gz' → ('.jsonl', True)."""
    sfx = [s.lower() for s in path.suffixes]
    gz = bool(sfx) and sfx[-1] == ".gz"
    if gz:
        sfx = sfx[:-1]
    return (sfx[-1] if sfx else ""), gz


def iter_documents(paths: Iterable[str | Path]) -> Iterator[InputDocument | InputError]:
    """Every document under ``paths`` (files or directories, walked in sorted order)."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files = sorted(f for f in path.rglob("*") if f.is_file()
                           and _suffixes(f)[0] in SUPPORTED_SUFFIXES)
            if not files:
                yield InputError(str(path), "directory holds no .txt, .html or .jsonl files")
            for f in files:
                yield from read_path(f)
        elif path.exists():
            yield from read_path(path)
        else:
            yield InputError(str(path), "no such file or directory")


def read_path(path: Path) -> Iterator[InputDocument | InputError]:
    """The documents in one file."""
    name = str(path)
    suffix, gz = _suffixes(path)
    if suffix in (".jsonl", ".ndjson"):
        yield from read_jsonl(path, gz)
        return
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            yield InputError(name, f"file larger than {MAX_FILE_BYTES // 2**20} MB; split it")
            return
        data = path.read_bytes()
        if gz:
            data = gzip.decompress(data)
    except (OSError, EOFError) as exc:
        yield InputError(name, f"cannot read: {exc.strerror or exc}")
        return
    try:
        text = decode_bytes(data, name)
    except InputError as exc:
        yield exc
        return
    if suffix in (".html", ".htm") or (suffix not in (".txt", ".text") and _looks_like_html(text)):
        yield _finish(_from_html(text, name), name)
    else:
        yield _finish(InputDocument(text=text, source=name, title=_first_line(text)), name)


def read_jsonl(path: Path, gz: bool = False) -> Iterator[InputDocument | InputError]:
    """One article per line: id, title, text, published, source; other fields → metadata.

    Streamed line by line, so memory stays bounded whatever the file size. JSON text is
    UTF-8 (RFC 8259); a line that is not is reported and skipped like malformed JSON.
    """
    name = str(path)
    opener = gzip.open if gz else open
    try:
        fh = opener(path, "rb")
    except OSError as exc:
        yield InputError(name, f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        try:
            yield from _jsonl_lines(fh, name)
        except (OSError, EOFError) as exc:
            yield InputError(name, f"stopped reading: {exc}")


def _jsonl_lines(fh, name: str) -> Iterator[InputDocument | InputError]:
    for lineno, raw in enumerate(fh, start=1):
        if lineno == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield InputError(name, f"line is not UTF-8 (byte {exc.start}); line skipped",
                             line=lineno)
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(name, f"malformed JSON ({exc.msg} at column {exc.colno}); "
                                   "line skipped", line=lineno)
            continue
        if not isinstance(obj, dict):
            yield InputError(name, "JSON line is not an object; line skipped", line=lineno)
            continue
        text = obj.get("text")
        if not isinstance(text, str):
            yield InputError(name, 'no "text" string field; line skipped', line=lineno)
            continue
        meta = {k: v for k, v in obj.items() if k not in _JSONL_FIELDS}
        meta["line"] = lineno
        doc = InputDocument(
            text=normalize_newlines(text),
            source=str(obj.get("source") or f"{name}:{lineno}"),
            id=str(obj["id"]) if obj.get("id") not in (None, "") else None,
            title=obj.get("title") or _first_line(text),
            published=str(obj["published"]) if obj.get("published") else None,
            metadata=meta,
        )
        yield _finish(doc, name, line=lineno)


def _finish(doc: InputDocument, name: str, line: int | None = None) -> InputDocument | InputError:
    if not doc.text.strip():
        return InputError(name, "empty text: nothing to analyse", line=line)
    if len(doc.text) > MAX_DOCUMENT_CHARS:
        return InputError(name, f"document of {len(doc.text):,} characters exceeds the limit "
                                f"of {MAX_DOCUMENT_CHARS:,}; split it into articles", line=line)
    if arabic_ratio(doc.text) < 0.3:
        doc.warnings.append("non-Arabic text: analysed anyway, expect few results")
    if doc.published is None:
        doc.published = _dateline_date(doc.text)
    return doc


def _dateline_date(text: str) -> str | None:
    """A publication date from a dateline, via the time component when it is installed."""
    try:
        from rasid.time.dateline import find_published
    except ImportError:
        return None
    found = find_published(text)
    return found.isoformat() if found else None


def _from_html(markup: str, name: str) -> InputDocument:
    from rasid.ingest.html import extract_html

    content = extract_html(markup)
    return InputDocument(text=content.text, source=name, title=content.title,
                         published=content.published)


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith("<!doctype html") or head.startswith("<html")


def _first_line(text: str) -> str | None:
    for line in text.split("\n"):
        if line.strip():
            return line.strip()[:300]
    return None
