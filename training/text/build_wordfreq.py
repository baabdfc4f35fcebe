"""Build resources/text/wordfreq.tsv.gz: normalised word frequencies from raw Arabic news.

The clitic segmenter asks "is the remainder after stripping و/ف/ب/ل/ك a word people write on
its own?"; this table answers it. Only counts of normalised word forms are shipped, never text.

    python training/text/build_wordfreq.py [--raw ../shared/data/raw] [--min-count 3]
"""

from __future__ import annotations

import argparse
import gzip
import re
from collections import Counter
from pathlib import Path

from rasid.text.normalize import normalize_key

WORD = re.compile(r"[\u0621-\u064A\u0660-\u0669\u066E-\u06D3\u0640\u064B-\u065F\u0670]+")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--raw", default="../shared/data/raw")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--out", default="src/rasid/resources/text/wordfreq.tsv.gz")
    args = ap.parse_args(argv)
    counts: Counter[str] = Counter()
    files = sorted(Path(args.raw).glob("*.txt.gz"))
    if not files:
        raise SystemExit(f"no *.txt.gz under {args.raw}: point --raw at ../shared/data/raw")
    for f in files:
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            for line in fh:
                counts.update(normalize_key(w) for w in WORD.findall(line))
    kept = [(w, c) for w, c in counts.most_common() if c >= args.min_count]
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(out, "wb", mtime=0) as gz:
        gz.write(("# normalised Arabic word form<TAB>count, from ../shared/data/raw "
                  f"({len(files)} files); built by training/text/build_wordfreq.py\n").encode())
        for w, c in kept:
            gz.write(f"{w}\t{c}\n".encode())
    print(f"{len(kept)} word forms (min count {args.min_count}) -> {out}")


if __name__ == "__main__":
    main()
