"""Real news articles, in their order, for speed benchmarks with an open vocabulary.

The synthetic corpus (bench/synthetic.py) recombines the 60 development articles' sentences,
so after a few hundred articles it holds no new word: any per-word cache looks perfect on it.
A monitoring desk's stream keeps bringing new names and spellings. These are the first
articles of 300-800 words from ``../shared/data/raw/arabic-news-01.txt.gz`` (ANT corpus
news, used here only to time rasid; never committed or shipped).

    python bench/news_stream.py --docs 2000             # how many such articles there are
    python bench/news_stream.py --docs 5000 --analyse   # memory and speed of one process

With ``--analyse`` one process loads the pipeline and analyses the articles in order, printing
its resident memory and CPU per article every 1,000 articles: the figures behind the memory
notes of docs/performance.md (a process grows while its bounded per-word caches fill, then
levels off).
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from collections.abc import Iterator
from pathlib import Path

DEFAULT_RAW = (Path(__file__).resolve().parents[1].parent / "shared" / "data" / "raw"
               / "arabic-news-01.txt.gz")


def raw_documents(path: Path) -> Iterator[str]:
    """Documents of a raw file: paragraphs one per line, a blank line between documents
    (also read by training/ner/pseudo.py)."""
    lines: list[str] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                lines.append(line)
            elif lines:
                yield "\n".join(lines)
                lines = []
    if lines:
        yield "\n".join(lines)


def news_stream_docs(n: int, path: Path = DEFAULT_RAW, min_words: int = 300,
                     max_words: int = 800) -> list[dict]:
    """The first ``n`` documents of ``path`` with ``min_words``-``max_words`` words, as
    {id, text, published}; fewer if the file has fewer."""
    if not path.is_file():
        raise SystemExit(f"no raw news at {path}; pass --stream 0 to skip the news stream")
    docs = []
    for text in raw_documents(path):
        if min_words <= len(text.split()) <= max_words:
            docs.append({"id": f"news{len(docs):06d}", "text": text,
                         "published": "2018-06-01"})
            if len(docs) == n:
                break
    return docs


def _rss_mb() -> float:
    """Resident memory now (Linux), in MB."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def analyse(docs: list[dict], every: int = 1000) -> None:
    """Analyse ``docs`` in one process as a long-running one would, reporting memory and
    CPU per article every ``every`` articles."""
    from rasid.pipeline import analyze, load
    from rasid.runtime import tune_gc

    tune_gc()  # as rasid's own processes do
    nlp = load()
    print(f"loaded: {_rss_mb():.0f} MB", flush=True)
    last, start = 0, time.process_time()
    for i, doc in enumerate(docs, 1):
        analyze(doc["text"], doc["published"], nlp=nlp)
        if i % every == 0 or i == len(docs):
            cpu, n = time.process_time(), i - last
            print(f"{i:>6,} articles: {_rss_mb():.0f} MB, {1000 * (cpu - start) / n:.1f} ms "
                  f"CPU per article over the last {n:,}", flush=True)
            last, start = i, cpu


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--raw", type=Path, default=DEFAULT_RAW)
    ap.add_argument("--analyse", action="store_true",
                    help="analyse them in one process, printing memory and CPU per 1,000")
    args = ap.parse_args(argv)
    docs = news_stream_docs(args.docs, args.raw)
    words = sum(len(d["text"].split()) for d in docs)
    print(f"{len(docs)} articles, {words / max(len(docs), 1):.0f} words each on average",
          file=sys.stderr if args.analyse else sys.stdout)
    if args.analyse:
        analyse(docs)


if __name__ == "__main__":
    main()
