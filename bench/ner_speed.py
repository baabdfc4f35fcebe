"""NER speed: tokens per second for the pipeline up to NER (segment + ner) on one core,
and peak resident memory.

    python bench/ner_speed.py [--repeat 4] [--no-lstm] [--json]

Reads the development articles from ../shared/corpus (60 articles, repeated ``--repeat``
times). Targets (issue 4): >= 10,000 tokens/s on one core, < 500 MB peak RSS.
Reports wall-clock tokens/s and tokens per CPU-second of this process (the latter is what
one dedicated core would give; on a shared machine wall-clock is lower). Whitespace tokens
are not counted.
"""

from __future__ import annotations

import os
import sys

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

# rasid never imports PyTorch (it trains the LSTM only; rasid runs it with numpy), but spaCy's
# thinc imports it whenever it is installed, as in the test and train extras: ~180 MB that a
# product install does not have. Measure the product.
sys.modules.setdefault("torch", None)  # type: ignore[arg-type]

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
CORPUS = ROOT.parent / "shared" / "corpus"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="rasid NER speed (one core)")
    ap.add_argument("--repeat", type=int, default=4)
    ap.add_argument("--no-lstm", action="store_true",
                    help="leave out the third model, the BiLSTM-CRF (what it costs)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    except (AttributeError, OSError):
        pass
    import rasid.pipeline.ner  # noqa: F401
    import rasid.pipeline.segment  # noqa: F401
    from rasid.document import DocumentRecord
    from rasid.pipeline.base import make_doc_with_record, new_language

    t_load = time.perf_counter()
    nlp = new_language()
    nlp.add_pipe("rasid_segment", name="segment")
    nlp.add_pipe("rasid_ner", name="ner", config={"use_lstm": not args.no_lstm})
    load_s = time.perf_counter() - t_load
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("[0-9]*.txt"))]
    texts = texts * args.repeat
    # warm-up (caches of the tokenizer and the gazetteer)
    for _doc in nlp.pipe(texts[:5]):
        pass
    t0, c0 = time.perf_counter(), time.process_time()
    n_tokens = n_ents = 0
    docs = (make_doc_with_record(nlp, DocumentRecord(id=str(i), text=t), None)
            for i, t in enumerate(texts))
    for _, proc in nlp.pipeline:
        docs = proc.pipe(docs) if hasattr(proc, "pipe") else map(proc, docs)
    for doc in docs:
        n_tokens += sum(1 for t in doc if not t.is_space)
        n_ents += len(doc.ents)
    secs = time.perf_counter() - t0
    cpu = time.process_time() - c0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {"docs": len(texts), "tokens": n_tokens, "entities": n_ents,
              "seconds": round(secs, 2), "tokens_per_s": round(n_tokens / secs),
              "cpu_seconds": round(cpu, 2), "tokens_per_cpu_s": round(n_tokens / cpu),
              "peak_rss_mb": round(rss_mb), "load_s": round(load_s, 2)}
    if args.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k:14} {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
