"""Seconds per pipeline stage on long and adversarial documents (docs/reliability.md).

    .venv/bin/python bench/reliability_scale.py                       # 20,000 and 80,000
    .venv/bin/python bench/reliability_scale.py --sizes 100000 400000 --kinds corpus
    .venv/bin/python bench/reliability_scale.py --json out.json

Kinds: ``corpus`` (the 60 articles of ../shared/corpus concatenated, cut to size) and
adversarial texts built here: open guillemets, straight quotes, no punctuation, a reporting
verb repeated, dates repeated, a list of names (many mentions of few entities), one long
word, newlines, one sentence repeated. A stage whose time grows much faster than the text
(4x the size, far more than 4x the seconds) is a denial of service waiting for its input.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
SENT = "وقال وزير الخارجية الإيراني حسين أمير عبد اللهيان إن بلاده «لن تتراجع» أمس في طهران. "

UNITS = {
    "open-guillemets": "قال «",
    "straight-quotes": 'قال "نعم" و"',
    "no-punctuation": "وقال الرئيس إن الجيش هاجم المدينة و",
    "qala-repeated": "قال ",
    "dates-repeated": "في 1 يناير 2024 و",
    "names-list": "بوتين وبايدن وماكرون ",
    "one-word": "ا",
    "newlines": "\n",
    "sentence-repeated": SENT,
}


def make_text(kind: str, n: int) -> str:
    if kind == "corpus":
        texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("0*.txt"))]
        if not texts:
            raise SystemExit(f"no articles in {CORPUS}")
        whole = "\n\n".join(texts) + "\n\n"
        return (whole * (n // len(whole) + 1))[:n]
    unit = UNITS[kind]
    return unit * max(1, n // len(unit))


def stage_seconds(nlp, text: str) -> dict[str, float]:
    from rasid.document import DocumentRecord, validate
    from rasid.pipeline.base import make_doc_with_record

    t0 = time.perf_counter()
    doc = make_doc_with_record(nlp, DocumentRecord(id="x", text=text), None)
    out = {"tokenize": time.perf_counter() - t0}
    for name, proc in nlp.pipeline:
        t0 = time.perf_counter()
        doc = proc(doc)
        out[name] = time.perf_counter() - t0
    validate(doc._.record)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[20_000, 80_000],
                    help="document lengths in characters")
    ap.add_argument("--kinds", nargs="+", default=["corpus", *UNITS],
                    choices=["corpus", *UNITS])
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(REPO / "src"))
    from rasid.pipeline import load

    nlp = load()
    stages = ["tokenize", *nlp.pipe_names]
    rows = []
    print(f"{'kind':20} {'chars':>9} " + " ".join(f"{s:>9}" for s in stages))
    for kind in args.kinds:
        for n in args.sizes:
            text = make_text(kind, n)
            secs = stage_seconds(nlp, text)
            rows.append({"kind": kind, "chars": len(text),
                         **{s: round(secs[s], 3) for s in stages}})
            print(f"{kind:20} {len(text):>9,} " + " ".join(f"{secs[s]:>9.2f}" for s in stages),
                  flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
