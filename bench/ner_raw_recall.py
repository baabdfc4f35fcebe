"""NER recall on raw news: how many of the names a reader marked rasid finds.

``bench/ner_eval.py`` scores annotated excerpts of ``../shared/corpus``; this scores 25
random paragraphs of the raw news files (``../shared/data/raw``), where every name was marked
by one reader before the output was looked at (sixteenth session, 2026-11-30; rasid's seven
types, nationality adjectives and titles outside names). The gold file,
``bench/gold/ner_raw_recall.jsonl``, holds no text: each row names a raw file, a document
(its position in ``raw_documents``), the paragraph's character range and a checksum, and the
names' offsets in it, because the raw text may not be redistributed. Recall only: the
paragraphs were not read for what rasid adds wrongly (precision on raw news is a separate
measurement, docs/accuracy.md).

    python bench/ner_raw_recall.py            # recall, exact and overlapping, per type
    python bench/ner_raw_recall.py --errors   # and every name missed or cut
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "gold" / "ner_raw_recall.jsonl"
RAW = ROOT.parent / "shared" / "data" / "raw"
sys.path.insert(0, str(ROOT / "bench"))

from news_stream import raw_documents  # noqa: E402


def paragraphs(rows: list[dict], raw: Path) -> list[str]:
    """The gold rows' paragraphs, read from the raw files and checked against their sums."""
    wanted: dict[str, set[int]] = {}
    for row in rows:
        wanted.setdefault(row["file"], set()).add(row["doc"])
    docs: dict[tuple[str, int], str] = {}
    for name, numbers in wanted.items():
        path = raw / name
        if not path.is_file():
            raise SystemExit(f"{path}: missing; point --raw at ../shared/data/raw")
        for j, text in enumerate(raw_documents(path)):
            if j in numbers:
                docs[(name, j)] = text
                if len(docs) == sum(len(v) for v in wanted.values()):
                    break
    out = []
    for row in rows:
        text = docs[(row["file"], row["doc"])][row["start"]:row["end"]]
        if hashlib.sha1(text.encode()).hexdigest()[:12] != row["sha1"]:
            raise SystemExit(f"{row['file']} document {row['doc']}: the paragraph's checksum "
                             "differs; the raw files are not the ones the gold was marked on")
        out.append(text)
    return out


def score(rows: list[dict], texts: list[str], nlp) -> tuple[Counter, list[str]]:
    """Counts per type of gold names found exactly (extent and type), found overlapping
    (any entity over part of them), and in all; and a line per name not found exactly."""
    counts: Counter = Counter()
    errors = []
    for row, text, doc in zip(rows, texts, nlp.pipe(texts), strict=True):
        pred = [(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents]
        for gold in row["entities"]:
            s, e, label = gold["start"], gold["end"], gold["type"]
            counts[label, "all"] += 1
            exact = any(abs(a - s) <= 1 and abs(b - e) <= 1 and lab == label
                        for a, b, lab, _ in pred)
            over = [(t, lab) for a, b, lab, t in pred if a < e and s < b]
            counts[label, "exact"] += exact
            counts[label, "overlap"] += bool(over)
            if not exact:
                errors.append(f"{row['file']}:{row['doc']} {label} [{text[s:e]}] -> {over or 'none'}")
    return counts, errors


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--raw", type=Path, default=RAW)
    ap.add_argument("--errors", action="store_true", help="list the names not found exactly")
    args = ap.parse_args(argv)
    from ner_eval import build

    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    texts = paragraphs(rows, args.raw)
    counts, errors = score(rows, texts, build(None, True, True))
    print(f"{'type':<6}{'names':>7}{'exact':>9}{'overlap':>9}")
    labels = sorted({k[0] for k in counts})
    for label in labels + ["all"]:
        keys = labels if label == "all" else [label]
        n = sum(counts[k, "all"] for k in keys)
        exact = sum(counts[k, "exact"] for k in keys)
        over = sum(counts[k, "overlap"] for k in keys)
        print(f"{label:<6}{n:>7}{100 * exact / n:>8.1f}%{100 * over / n:>8.1f}%")
    if args.errors:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
