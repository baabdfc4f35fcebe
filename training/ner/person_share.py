"""Build resources/ner/person_share.tsv.gz: how often rasid's NER puts each word in a person
(and in any entity).

The model sometimes calls a common word a person ("ملعب اللقاء", "الأسنان", "الميدالية",
"شهادة"): it sees a word it cannot place in a position where names stand. Raw news tells
which words are never names: run the shipped NER component over ANT news
(``raw/arabic-news-01.txt.gz``, Apache-2.0) and count, for every normalised word, its
occurrences and those inside a PER entity. A word seen at least 30 times and inside a person
under 3% of the time, and in no name list, does not make a person alone
(rasid.pipeline.ner). The same holds for a lone MISC word inside any entity under 3% of the
time ("هرمونات", "وسيتوفر"). Only counts are shipped, never text: for every word a person's
span held at least once or seen at least 30 times.

    PYTHONPATH=src python training/ner/person_share.py [--raw ../shared/data/raw] [--jobs 2]

About 4 minutes on two cores. Re-run after the NER model or its rules change much.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RAW_FILE = "arabic-news-01.txt.gz"
MIN_TOTAL = 30  # words seen this often are shipped even if never inside a person


def _count(args: tuple[str, int, int]) -> tuple[Counter, Counter, Counter]:
    raw, part, parts = args
    sys.path.insert(0, str(ROOT / "bench"))
    from news_stream import raw_documents

    from rasid.ner.gazetteer import ATTACHED
    from rasid.ner.layout import doc_keys
    from rasid.pipeline import build

    nlp = build(["rasid_segment", "rasid_ner"])
    total: Counter = Counter()
    person: Counter = Counter()
    entity: Counter = Counter()
    docs = (t for j, t in enumerate(raw_documents(Path(raw) / RAW_FILE)) if j % parts == part)
    for doc in nlp.pipe(docs, batch_size=16):
        labels = [""] * len(doc)
        for ent in doc.ents:
            labels[ent.start:ent.end] = [ent.label_] * len(ent)
        for key, label in zip(doc_keys(doc), labels, strict=True):
            key = key.lstrip(ATTACHED)
            total[key] += 1
            if label:
                entity[key] += 1
            if label == "PER":
                person[key] += 1
    return total, person, entity


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--raw", default=str(ROOT.parent / "shared" / "data" / "raw"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", default=str(ROOT / "src/rasid/resources/ner/person_share.tsv.gz"))
    args = ap.parse_args(argv)
    if not (Path(args.raw) / RAW_FILE).is_file():
        raise SystemExit(f"no {RAW_FILE} under {args.raw}: point --raw at ../shared/data/raw")
    total: Counter = Counter()
    person: Counter = Counter()
    entity: Counter = Counter()
    with ProcessPoolExecutor(args.jobs) as pool:
        for t, p, e in pool.map(_count, [(args.raw, i, args.jobs) for i in range(args.jobs)]):
            total.update(t)
            person.update(p)
            entity.update(e)
    rows = sorted((k for k in total if k.strip() and (person[k] or total[k] >= MIN_TOTAL)),
                  key=lambda k: (-person[k], -total[k], k))
    with gzip.GzipFile(args.out, "wb", mtime=0) as gz:
        gz.write(b"# normalised word<TAB>occurrences inside a PER entity<TAB>occurrences<TAB>"
                  b"occurrences inside any entity, counted by rasid's NER on raw/arabic-news-01 "
                  b"(ANT news, Apache-2.0); built by training/ner/person_share.py\n")
        for k in rows:
            gz.write(f"{k}\t{person[k]}\t{total[k]}\t{entity[k]}\n".encode())
    print(f"{len(rows)} words -> {args.out}")


if __name__ == "__main__":
    main()
