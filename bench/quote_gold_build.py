"""Build bench/gold/quotes_dev.jsonl (char offsets) from the hand-edited bench/gold/quotes_dev.tsv.

The TSV is what annotators edit: one quote a line, anchored by words rather than offsets:

    doc  kind  hint  quote  speaker_text  speaker  verb

``quote`` is the quoted words, or ``head … tail`` (the first and last words, separated by
" … "); the occurrence of ``head`` nearest to ``hint`` (an approximate char offset) is used.
``speaker_text`` is the speaker phrase as written nearest the quote (for a continuation such
as "وأضاف", the antecedent phrase); ``speaker`` the speaker's normalised name; both empty when
the text names no speaker. Run:

    python bench/quote_gold_build.py          # writes bench/gold/quotes_dev.jsonl
    python bench/quote_gold_build.py --check  # fails if the JSONL is stale
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
TSV = ROOT / "bench" / "gold" / "quotes_dev.tsv"
JSONL = ROOT / "bench" / "gold" / "quotes_dev.jsonl"


def nearest(text: str, needle: str, hint: int, lo: int = 0, hi: int | None = None) -> int:
    hi = len(text) if hi is None else hi
    best, pos = -1, text.find(needle, lo)
    while pos != -1 and pos < hi:
        if best == -1 or abs(pos - hint) < abs(best - hint):
            best = pos
        pos = text.find(needle, pos + 1)
    return best


def build() -> list[dict]:
    rows = []
    texts: dict[str, str] = {}
    for n, line in enumerate(TSV.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        doc, kind, hint, quote, sp_text, speaker, verb = (line.split("\t") + [""] * 7)[:7]
        text = texts.setdefault(doc, (CORPUS / doc).read_text(encoding="utf-8"))
        head, _, tail = quote.partition(" … ")
        start = nearest(text, head, int(hint))
        if start < 0:
            raise SystemExit(f"{TSV.name}:{n}: quote head not found in {doc}: {head!r}")
        end = start + len(head)
        if tail:
            t = text.find(tail, start)
            if t < 0:
                raise SystemExit(f"{TSV.name}:{n}: quote tail not found in {doc}: {tail!r}")
            end = t + len(tail)
        row = {"doc": doc, "kind": kind, "start": start, "end": end, "text": text[start:end],
               "speaker_start": None, "speaker_end": None, "speaker_text": None,
               "speaker": speaker or None, "verb": verb or None}
        if sp_text:
            s = nearest(text, sp_text, start, max(0, start - 3000), end + 300)
            if s < 0:
                raise SystemExit(f"{TSV.name}:{n}: speaker {sp_text!r} not found near the quote")
            row.update(speaker_start=s, speaker_end=s + len(sp_text), speaker_text=sp_text)
        rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if the JSONL is out of date")
    args = ap.parse_args(argv)
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in build())
    if args.check:
        if not JSONL.exists() or JSONL.read_text(encoding="utf-8") != data:
            print("bench/gold/quotes_dev.jsonl is stale: run bench/quote_gold_build.py",
                  file=sys.stderr)
            return 1
        return 0
    JSONL.write_text(data, encoding="utf-8")
    print(f"{data.count(chr(10))} quotes -> {JSONL.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
