"""Turn the teacher's tags (training/ner/teacher.py's silver.tsv.gz) into a training DocBin.

Each tagged line points into teacher_data.py's silver.txt (the original sentence text, same
line numbers as pretrain.txt.xz); the sentence is tokenised again here exactly as the
student tokenises it, so the tags land token for token (a line whose token count differs is
skipped and counted, never guessed). Sentences whose least confident token the teacher gave
less than ``--min-conf`` are left out, and at most ``--tokens`` tokens are kept: a random
sample (``--seed``) of the tagged sentences, so every part of the news file is represented.

    python training/ner/teacher_silver.py --tags out/silver.tsv.gz \
        --text /tmp/teacher/silver.txt --out training/ner/work/teacher.spacy --tokens 200000
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from collections import Counter
from pathlib import Path

from spacy.training import biluo_tags_to_spans, iob_to_biluo

from rasid.ner.features import set_norms
from rasid.pipeline.base import new_language

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pseudo import save_docs  # noqa: E402  (the training DocBin's one writer)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tags", type=Path, required=True, help="teacher.py's silver.tsv.gz")
    ap.add_argument("--text", type=Path, required=True, help="teacher_data.py's silver.txt")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--tokens", type=int, default=200_000)
    ap.add_argument("--min-conf", type=float, default=0.0)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    texts = args.text.read_text(encoding="utf-8").split("\n")
    report = args.tags.parent / "report.json"
    if report.is_file():  # the line numbers only mean something against the same text
        seen = json.loads(report.read_text(encoding="utf-8"))["data"]["lines"]
        if len(texts) - 1 != seen:
            raise SystemExit(f"{args.text}: {len(texts) - 1} lines, but the teacher tagged a "
                             f"text of {seen}; rebuild it with training/ner/teacher_data.py "
                             "from the same data and rasid version as the teacher run")
    rows = []
    with gzip.open(args.tags, "rt", encoding="utf-8") as f:
        for line in f:
            num, tags, conf = line.rstrip("\n").split("\t")
            if float(conf) >= args.min_conf:
                rows.append((int(num), tags.split()))
    random.Random(args.seed).shuffle(rows)
    nlp = new_language()
    stats: Counter = Counter(candidates=len(rows))
    docs = []
    for num, tags in rows:
        doc = nlp.make_doc(texts[num])
        if len(doc) != len(tags):
            stats["misaligned"] += 1
            continue
        set_norms(doc)
        doc.ents = biluo_tags_to_spans(doc, iob_to_biluo(tags))
        docs.append(doc)
        stats["tokens"] += len(doc)
        stats.update(e.label_ for e in doc.ents)
        if stats["tokens"] >= args.tokens:
            break
    save_docs(docs, args.out, stats)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
