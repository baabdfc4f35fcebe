"""Near-duplicate stories: MinHash signatures and LSH bands kept in the database.

Wire stories are reprinted with small edits (a dateline, a headline, a last paragraph). Each
document gets a MinHash signature (datasketch) of its word 3-gram shingles over Arabic-
normalised text; the signature is cut into ``BANDS`` bands of ``ROWS`` values and each band
hashed into ``story_bands``. A new document whose band hashes collide with a stored one, and
whose estimated Jaccard similarity is at least ``THRESHOLD``, joins that document's story;
otherwise it starts a story named after itself. The LSH index lives in SQLite, so it costs
no memory, survives restarts and is updated in the same transaction as the document.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from functools import lru_cache

import numpy as np

from rasid.text import normalize_key

__all__ = ["BANDS", "ROWS", "THRESHOLD", "StoryIndex", "shingles"]

NUM_PERM = 64
BANDS, ROWS = 16, 4          # 16 x 4 = 64; LSH S-curve midpoint near Jaccard 0.5
THRESHOLD = 0.5               # estimated Jaccard to join a story
SHINGLE = 3                   # words per shingle
_WORDS = re.compile(r"\w+", re.UNICODE)


def shingles(text: str) -> set[bytes]:
    """Word 3-gram shingles of the normalised text (a short text: its words)."""
    words = _WORDS.findall(normalize_key(text))
    if len(words) < SHINGLE:
        return {w.encode("utf-8") for w in words}
    return {" ".join(words[i:i + SHINGLE]).encode("utf-8")
            for i in range(len(words) - SHINGLE + 1)}


@lru_cache(maxsize=1)
def _empty_minhash():
    """An empty MinHash to copy (copying skips regenerating the permutations)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1)


def signature(text: str) -> np.ndarray | None:
    """The MinHash hash values of ``text`` (None when it has no words)."""
    sh = shingles(text)
    if not sh:
        return None
    mh = _empty_minhash().copy()
    mh.update_batch(list(sh))
    return mh.hashvalues.astype(np.uint64)


def _band_hashes(sig: np.ndarray) -> list[int]:
    out = []
    for b in range(BANDS):
        digest = hashlib.blake2b(sig[b * ROWS:(b + 1) * ROWS].tobytes(), digest_size=8,
                                 person=b"rasid-lsh").digest()
        out.append(int.from_bytes(digest, "big", signed=True))
    return out


class StoryIndex:
    """Assigns story ids using the LSH tables of an open store connection."""

    def assign(self, conn: sqlite3.Connection, doc_id: str, text_or_sig: str | np.ndarray | None
               ) -> str:
        """Index ``doc_id`` (its text, or its :func:`signature`) and return its story id.

        Call inside the write transaction that stores the document.
        """
        sig = signature(text_or_sig) if isinstance(text_or_sig, str) else text_or_sig
        if sig is None:
            return doc_id
        bands = _band_hashes(sig)
        candidates: set[str] = set()
        for b, h in enumerate(bands):
            for (other,) in conn.execute(
                    "SELECT doc_id FROM story_bands WHERE band = ? AND hash = ?", (b, h)):
                if other != doc_id:
                    candidates.add(other)
        story = doc_id
        best = 0.0
        for other in sorted(candidates):
            row = conn.execute(
                "SELECT s.sig, d.story_id FROM story_sigs s JOIN documents d ON d.id = s.doc_id"
                " WHERE s.doc_id = ?", (other,)).fetchone()
            if row is None:
                continue
            other_sig = np.frombuffer(row[0], dtype=np.uint64)
            sim = float(np.mean(other_sig == sig))
            if sim >= THRESHOLD and sim > best:
                best, story = sim, row[1] or other
        conn.execute("INSERT OR REPLACE INTO story_sigs(doc_id, sig) VALUES (?, ?)",
                     (doc_id, sig.tobytes()))
        conn.executemany("INSERT OR IGNORE INTO story_bands(band, hash, doc_id) VALUES (?, ?, ?)",
                         [(b, h, doc_id) for b, h in enumerate(bands)])
        return story

    def remove(self, conn: sqlite3.Connection, doc_id: str) -> None:
        conn.execute("DELETE FROM story_bands WHERE doc_id = ?", (doc_id,))
        conn.execute("DELETE FROM story_sigs WHERE doc_id = ?", (doc_id,))
