"""Self-training data: raw Arabic news labelled by rasid's own NER (model + rules).

The statistical model alone scores far below the full component on rasid's own news
(in-domain dev 76 vs 84) because the rules, gazetteers and non-entity lists fix its
systematic errors afterwards. Labelling unlabelled news with the full component and
training the next model on it (with the gold corpora) teaches the model those fixes in
news contexts it never saw in ANERcorp's 2006 newswire. This is plain self-training: it
cannot teach what the component does not already know, so the gold corpora stay the
main training data and the pseudo-labelled part is capped (``--tokens``).

Only ../shared/data/raw/arabic-news-01.txt.gz is read (ANT corpus v2.1, Apache-2.0 with
citation; the same file the word vectors come from). The first ``--skip`` documents are
left out so that ``bench/news_stream.py`` (which reads the first ones) stays unseen.
Sentences with a WEAPON or FAC entity are left out (the model does not predict those
types, and tagging them O would teach it to miss them); so are very short or very long
sentences.

    python training/ner/pseudo.py --data ../shared/data --out training/ner/work/corpus/pseudo.spacy
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from spacy.tokens import DocBin

from rasid.ner.features import set_norms
from rasid.pipeline.base import new_language

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from news_stream import raw_documents  # noqa: E402  (the raw news format's one reader)

MODEL_TYPES = {"PER", "ORG", "GPE", "LOC", "MISC"}


def labeller(model: Path | None = None):
    """segment + the full NER component (model, gazetteers, rules) as rasid ships them,
    or with the statistical model at ``model``."""
    import rasid.pipeline.ner  # noqa: F401  (registers the factories)
    import rasid.pipeline.segment  # noqa: F401

    nlp = new_language()
    nlp.add_pipe("rasid_segment", name="segment")
    nlp.add_pipe("rasid_ner", name="ner",
                 config={"model_path": str(model) if model else None})
    return nlp


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, required=True, help="DocBin to write")
    ap.add_argument("--model", type=Path, default=None,
                    help="statistical model that labels (default: the packaged one)")
    ap.add_argument("--tokens", type=int, default=100_000,
                    help="stop after this many tokens of kept sentences")
    ap.add_argument("--skip", type=int, default=10_000,
                    help="raw documents to skip first (the speed bench reads those)")
    ap.add_argument("--min-tokens", type=int, default=6)
    ap.add_argument("--max-tokens", type=int, default=80)
    ap.add_argument("--per-article", type=int, default=6,
                    help="at most this many sentences from one article (more articles, "
                         "more kinds of news)")
    args = ap.parse_args(argv)
    raw = args.data / "raw" / "arabic-news-01.txt.gz"
    if not raw.is_file():
        raise SystemExit(f"{raw} not found: pass --data (the folder with raw/)")
    nlp = labeller(args.model)
    plain = new_language()
    stats: Counter = Counter()
    docs = []
    texts = (t for i, t in enumerate(raw_documents(raw)) if i >= args.skip)
    for doc in nlp.pipe(texts, batch_size=32):
        stats["articles"] += 1
        kept = 0
        for sent in doc.sents:
            if kept == args.per_article:
                break
            n = sum(1 for t in sent if not t.is_space)
            if not args.min_tokens <= n <= args.max_tokens:
                stats["sentences_length"] += 1
                continue
            ents = [e for e in doc.ents if e.start >= sent.start and e.end <= sent.end]
            if any(e.label_ not in MODEL_TYPES for e in ents):
                stats["sentences_weapon_fac"] += 1
                continue
            text = sent.text
            new = plain.make_doc(text)
            set_norms(new)
            spans = []
            for e in ents:
                span = new.char_span(e.start_char - sent.start_char,
                                     e.end_char - sent.start_char, label=e.label_)
                if span is None:  # cannot happen with the same tokenizer; never guess
                    break
                spans.append(span)
            else:
                new.ents = spans
                docs.append(new)
                stats["tokens"] += len(new)
                stats.update(s.label_ for s in spans)
                kept += 1
                continue
            stats["sentences_misaligned"] += 1
        if stats["tokens"] >= args.tokens:
            break
    save_docs(docs, args.out, stats)
    return 0


def save_docs(docs: list, out: Path, stats: Counter) -> None:
    """Write labelled sentences as a training DocBin (the attributes the model reads) and
    their counts as JSON on stdout (also used by training/ner/teacher_silver.py)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, attrs=["ORTH", "NORM", "ENT_IOB", "ENT_TYPE", "SENT_START"]).to_disk(out)
    json.dump({"sentences": len(docs), **stats}, sys.stdout, ensure_ascii=False, indent=1)
    print()


if __name__ == "__main__":
    raise SystemExit(main())
