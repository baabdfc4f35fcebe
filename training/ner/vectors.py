"""Train static word vectors for the NER model on raw Arabic news (rasid's tokens).

Only ../shared/data/raw/arabic-news-01.txt.gz (ANT corpus v2.1, Apache-2.0 with citation)
is used, so the shipped vectors carry no non-commercial licence. Word2Vec (gensim, CBOW) over
rasid's clitic-aware tokens; the most frequent ``--keep`` forms are written as a spaCy
vectors directory for ``[initialize] vectors``.

    python training/ner/vectors.py --out training/ner/work/vectors [--max-lines N]
Needs gensim (training only; not a runtime dependency of rasid).
"""

from __future__ import annotations

import argparse
import gzip
import subprocess
import sys
import time
from pathlib import Path

from rasid.text import tokenize


def sentences(path: Path, max_lines: int | None):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            if max_lines and n >= max_lines:
                break
            line = line.strip()
            if line:
                yield [t.text for t in tokenize(line)]


def main(argv: list[str] | None = None) -> int:
    from gensim.models import Word2Vec

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, default=Path("training/ner/work/vectors"))
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--keep", type=int, default=50000)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--max-lines", type=int, default=None)
    args = ap.parse_args(argv)
    from gensim.models.word2vec import LineSentence

    t0 = time.time()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tokens = args.out.with_suffix(".tokens")  # one tokenised paragraph per line (streamed)
    n = 0
    with tokens.open("w", encoding="utf-8") as f:
        for sent in sentences(args.data / "raw" / "arabic-news-01.txt.gz", args.max_lines):
            f.write(" ".join(sent) + "\n")
            n += len(sent)
    print(f"tokenised {n} tokens in {time.time() - t0:.0f}s", file=sys.stderr)
    model = Word2Vec(LineSentence(str(tokens)), vector_size=args.dim, window=5, min_count=5,
                     sg=0, workers=1, epochs=args.epochs, seed=1)
    tokens.unlink()
    print(f"trained in {time.time() - t0:.0f}s, vocab {len(model.wv)}", file=sys.stderr)
    txt = args.out.with_suffix(".txt")
    words = model.wv.index_to_key[: args.keep]
    with txt.open("w", encoding="utf-8") as f:
        f.write(f"{len(words)} {args.dim}\n")
        for w in words:
            f.write(w + " " + " ".join(f"{x:.4f}" for x in model.wv[w]) + "\n")
    subprocess.run([sys.executable, "-m", "spacy", "init", "vectors", "ar", str(txt),
                    str(args.out)], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
