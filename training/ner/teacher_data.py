"""Pack the inputs of the teacher model (training/ner/teacher.py) into one folder.

The teacher is a small transformer pretrained from scratch on raw news and fine-tuned on
the gold corpora; it needs a GPU to train in minutes, and the GPU machine sees only what is
packed here. Everything is in rasid's own tokens and norms, so the teacher's tags land on
exactly the tokens the spaCy student trains on:

- ``pretrain.txt.xz``: raw news under an open licence, one sentence per line as
  space-joined token norms, a blank line between documents. By default all of
  ../shared/data/raw/arabic-news-01.txt.gz (ANT v2.1, the Apache-2.0 file the word vectors
  come from; training/ner/teacher_run was packed from it). ``--raw`` may add the first 9,939
  documents of arabic-news-02.txt.gz, which are ANT v1.1, also Apache-2.0
  (``--raw arabic-news-01.txt.gz,arabic-news-02.txt.gz:9939``); the rest of that file and all
  of -03 state no licence or a non-commercial one, so no model rasid ships may learn from
  them. The files come one after the other, so -01's line numbers never move. Documents from
  ``--silver-from`` on are the unlabelled news the teacher tags (the speed bench reads the
  first ones).
- ``silver.txt``: the original text of each line of pretrain.txt.xz (one per line, same
  order; blank between documents), so the student's Docs are rebuilt here, never shipped.
- ``ner.jsonl``: the gold corpora as converted for the student (training/ner/convert.py):
  {"split", "norms", "tags"} with IOB tags over rasid's tokens.

    python training/ner/teacher_data.py --corpus training/ner/work/corpus --out /tmp/teacher
"""

from __future__ import annotations

import argparse
import json
import lzma
import sys
from multiprocessing import Pool
from pathlib import Path

from spacy.tokens import DocBin

from rasid.ner.features import token_norm
from rasid.pipeline.base import new_language

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from news_stream import raw_documents  # noqa: E402  (the raw news format's one reader)

_NLP = None
_PLAIN = None


def _init() -> None:
    global _NLP, _PLAIN
    import rasid.pipeline.segment  # noqa: F401  (registers the factory)

    _NLP = new_language()
    _NLP.add_pipe("rasid_segment", name="segment")
    _PLAIN = new_language()


def _sentences(text: str) -> list[tuple[str, str]]:
    """(original sentence text, space-joined norms of its tokens as the student sees them)."""
    out = []
    for sent in _NLP(text).sents:
        stext = sent.text.strip()
        if "\n" in stext:
            stext = " ".join(stext.split())
        if not stext:
            continue
        words = [t.text for t in _PLAIN.make_doc(stext) if not t.is_space]
        if words:
            out.append((stext, " ".join(token_norm(w).replace(" ", "_") for w in words)))
    return out


# file under ../shared/data/raw and how many of its documents (None: all); see the docstring
DEFAULT_RAW = "arabic-news-01.txt.gz"


def raw_sources(spec: str) -> list[tuple[str, int | None]]:
    """``name[:documents],...`` → [(name, documents or None)]."""
    out = []
    for part in spec.split(","):
        name, _, count = part.strip().partition(":")
        out.append((name, int(count) if count else None))
    return out


def _documents(raw_dir: Path, spec: str):
    """The documents of each source in turn (the first ``documents`` of a limited one)."""
    for name, count in raw_sources(spec):
        for j, text in enumerate(raw_documents(raw_dir / name)):
            if count is not None and j >= count:
                break
            yield text


def iob(doc) -> list[str]:
    tags = []
    for t in doc:
        tags.append("O" if t.ent_iob_ in ("O", "") else f"{t.ent_iob_}-{t.ent_type_}")
    return tags


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--corpus", type=Path, required=True,
                    help="folder with train/dev/test.spacy from training/ner/convert.py")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--raw", default=DEFAULT_RAW,
                    help="raw news files under DATA/raw, each NAME[:DOCUMENTS], in order "
                         f"(default {DEFAULT_RAW})")
    ap.add_argument("--max-docs", type=int, default=None)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    plain = new_language()
    with (args.out / "ner.jsonl").open("w", encoding="utf-8") as f:
        for split in ("train", "dev", "test"):
            for doc in DocBin().from_disk(args.corpus / f"{split}.spacy").get_docs(plain.vocab):
                norms = [token_norm(t.text).replace(" ", "_") for t in doc]
                f.write(json.dumps({"split": split, "norms": norms, "tags": iob(doc)},
                                   ensure_ascii=False) + "\n")

    docs = _documents(args.data / "raw", args.raw)
    n_docs = n_lines = 0
    with lzma.open(args.out / "pretrain.txt.xz", "wt", encoding="utf-8", preset=9) as pre, \
            (args.out / "silver.txt").open("w", encoding="utf-8") as sil, \
            Pool(args.workers, initializer=_init) as pool:
        for sents in pool.imap(_sentences, docs, chunksize=16):
            if n_docs:
                pre.write("\n")
                sil.write("\n")
            for text, norms in sents:
                pre.write(norms + "\n")
                sil.write(text + "\n")
                n_lines += 1
            n_docs += 1
            if n_docs % 2000 == 0:
                print(f"{n_docs} documents, {n_lines} sentences", file=sys.stderr)
            if args.max_docs and n_docs >= args.max_docs:
                break
    print(json.dumps({"documents": n_docs, "sentences": n_lines}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
