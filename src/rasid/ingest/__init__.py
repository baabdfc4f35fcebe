"""Input: decode files (utf-8/utf-16/cp1256), extract HTML, split JSONL, find metadata."""

from rasid.ingest.decode import decode_bytes
from rasid.ingest.readers import InputDocument, iter_documents, read_path

__all__ = ["InputDocument", "decode_bytes", "iter_documents", "read_path"]
