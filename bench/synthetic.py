"""A synthetic corpus for speed benchmarks: articles of ~500 words recombined from the
sentences of the shared development corpus (seeded, so every run sees the same documents).

    python bench/synthetic.py --docs 20000 --out /tmp/synthetic.jsonl

The texts are never committed (they are made of the outlets' sentences); only this script is.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from rasid.text import split_sentences

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def corpus_sentences(corpus: Path) -> list[str]:
    """The sentences of every article in ``corpus`` (10–80 words, to keep articles varied)."""
    out: list[str] = []
    for path in sorted(corpus.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for start, end in split_sentences(text):
            sentence = text[start:end].strip()
            if 10 <= len(sentence.split()) <= 80:
                out.append(sentence)
    if not out:
        raise SystemExit(f"no sentences under {corpus}; pass --corpus")
    return out


def synthetic_docs(n: int, corpus: Path = DEFAULT_CORPUS, words: int = 500,
                   seed: int = 20241011) -> list[dict]:
    """``n`` documents of about ``words`` words: {id, title, text, published}."""
    sentences = corpus_sentences(corpus)
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        parts: list[str] = []
        count = 0
        while count < words:
            s = rng.choice(sentences)
            parts.append(s)
            count += len(s.split())
        # paragraphs of 3 sentences, as news bodies usually come
        body = "\n".join(" ".join(parts[j:j + 3]) for j in range(0, len(parts), 3))
        title = parts[0][:80]
        docs.append({"id": f"syn{i:06d}", "title": title, "text": f"{title}\n{body}",
                     "published": "2024-10-11"})
    return docs


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=20000)
    ap.add_argument("--words", type=int, default=500)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    with args.out.open("w", encoding="utf-8") as fh:
        for doc in synthetic_docs(args.docs, args.corpus, args.words):
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    print(f"wrote {args.docs} documents to {args.out}")


if __name__ == "__main__":
    main()
