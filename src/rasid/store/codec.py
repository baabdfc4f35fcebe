"""How records and FTS terms are packed in the database: zlib-compressed UTF-8.

Arabic news text compresses about threefold, and the record (text plus facts) is most of a
store's size. ``record_text(record)`` is also registered as an SQL function on every store
connection, so SQL can read a document's text (exports do).
"""

from __future__ import annotations

import json
import zlib

__all__ = ["pack", "pack_terms", "record_text", "unpack", "unpack_terms"]


def pack(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), 6)


def unpack(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8")


def pack_terms(title: str, body: str) -> bytes:
    """The FTS terms as inserted (needed to delete them from a contentless FTS5 table)."""
    return pack(title + "\x00" + body)


def unpack_terms(blob: bytes) -> tuple[str, str]:
    title, body = unpack(blob).split("\x00", 1)
    return title, body


def record_text(blob: bytes | None) -> str | None:
    """The ``text`` of a packed record (the SQL function of the same name)."""
    if blob is None:
        return None
    data = unpack(blob)
    # records are stored as {"id":...,"text":...,...}: decode just those two values (the
    # facts after them are most of the JSON); anything else is decoded whole
    if data.startswith('{"id":'):
        try:
            _, end = _DECODER.raw_decode(data, 6)
            if data.startswith(',"text":', end):
                text, _ = _DECODER.raw_decode(data, end + 8)
                if isinstance(text, str):
                    return text
        except ValueError:
            pass
    return json.loads(data)["text"]


_DECODER = json.JSONDecoder()
