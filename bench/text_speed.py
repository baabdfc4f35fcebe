"""Speed of the text layer (decode + normalise + split + tokenise) in MB/s on one core.

    python bench/text_speed.py [--corpus ../shared/corpus] [--repeat 5]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from rasid.ingest import decode_bytes
from rasid.text import normalize, split_sentences, tokenize


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="../shared/corpus")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    blobs = [(str(p), p.read_bytes()) for p in sorted(Path(args.corpus).glob("*.txt"))]
    size = sum(len(b) for _, b in blobs)
    # warm the caches (resource tables are loaded once per process)
    tokenize("وقال لموسكو")
    stages = {"decode": 0.0, "normalize": 0.0, "sentences": 0.0, "tokenize": 0.0}
    tokens = 0
    for _ in range(args.repeat):
        for name, blob in blobs:
            t0 = time.perf_counter()
            text = decode_bytes(blob, name)
            t1 = time.perf_counter()
            normalize(text)
            t2 = time.perf_counter()
            split_sentences(text)
            t3 = time.perf_counter()
            tokens += len(tokenize(text))
            t4 = time.perf_counter()
            stages["decode"] += t1 - t0
            stages["normalize"] += t2 - t1
            stages["sentences"] += t3 - t2
            stages["tokenize"] += t4 - t3
    total = sum(stages.values())
    mb = size * args.repeat / 1e6
    print(f"corpus: {len(blobs)} files, {size / 1e6:.2f} MB (UTF-8), x{args.repeat}")
    print(f"text layer: {mb / total:.2f} MB/s, {tokens / total:,.0f} tokens/s (one core)")
    for k, v in stages.items():
        print(f"  {k:10s} {100 * v / total:5.1f}%  {mb / v:8.2f} MB/s")


if __name__ == "__main__":
    main()
