"""Convert ANERcorp (CAMeL Lab split) and AQMAR onto rasid's clitic-aware tokens as DocBins.

Gold corpora tag whole space-separated words ("لموسكو" B-LOC). rasid tokenises clitics off
("ل" + "موسكو"), so each gold word span is mapped onto our tokens and split-off proclitics
(and trailing pronoun suffixes / punctuation) are left outside the entity: the entity becomes
"موسكو". ANERcorp's LOC is split into GPE vs LOC with rasid.ner.geo (data files under
resources/ner/), the same rule the component applies at prediction time.

    python training/ner/convert.py --data ../shared/data --out training/ner/corpus [--smoke]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from spacy.tokens import Doc, DocBin, Span

from rasid.ner.features import set_norms
from rasid.ner.geo import geo_label
from rasid.pipeline.base import new_language

PROCLITICS = set("وفبلكس")
SUFFIXES = {"ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "نا", "ي", "ة"}
TAGMAP = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}


def norm_tag(tag: str) -> str:
    """ANERcorp/AQMAR tag → IOB tag over PER/ORG/LOC/MISC (AQMAR's MIS0..3 → MISC)."""
    tag = tag.strip().replace("--", "-").rstrip("`")
    if tag in ("O", "OO", "") or "-" not in tag:
        return "O"
    iob, _, typ = tag.partition("-")
    if iob not in ("B", "I"):
        return "O"
    if typ.startswith("MIS"):
        typ = "MISC"
    typ = TAGMAP.get(typ)
    return f"{iob}-{typ}" if typ else "O"


def read_conll(path: Path) -> list[list[tuple[str, str]]]:
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if cur:
                sents.append(cur)
            cur = []
            continue
        word = parts[0]
        tag = parts[-1] if len(parts) > 1 else "O"
        cur.append((word, norm_tag(tag)))
    if cur:
        sents.append(cur)
    return sents


# Wojood (nested, 21 types) → rasid's model types. The model has no FAC label: facilities are
# LOC as in ANERcorp; events and products are MISC as in AQMAR/ANERcorp; nationalities (NORP),
# occupations, dates and numbers are not names in ANERcorp's scheme.
WOJOOD_TYPES = {"PERS": "PER", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "LOC",
                "EVENT": "MISC", "PRODUCT": "MISC"}


def read_wojood(path: Path) -> list[list[tuple[str, str]]]:
    """Wojood sentences as flat IOB: the outermost span of a kept type wins.

    Each token line is the word plus one tag per nesting level; a column does not always
    hold the same level, so a span of type T starts at any B-T and runs while the next token
    has I-T in any column. Kept-type spans are then chosen longest first without overlap,
    so "سكرتير اللجنة القومية العربية في نابلس" (an OCC) yields the ORG and the GPE inside.
    """
    sents = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        rows = [ln.split() for ln in block.splitlines() if ln.split()]
        rows = [r for r in rows if r[0] != "$#$"]
        if not rows:
            continue
        tags = [set(r[1:]) for r in rows]
        spans = []
        for i, ts in enumerate(tags):
            for tag in ts:
                iob, _, typ = tag.partition("-")
                if iob != "B" or typ not in WOJOOD_TYPES:
                    continue
                j = i + 1
                while j < len(rows) and f"I-{typ}" in tags[j]:
                    j += 1
                spans.append((i, j, WOJOOD_TYPES[typ]))
        flat = ["O"] * len(rows)
        for a, b, typ in sorted(spans, key=lambda s: s[0] - s[1]):
            if all(t == "O" for t in flat[a:b]):
                flat[a:b] = [f"B-{typ}"] + [f"I-{typ}"] * (b - a - 1)
        sents.append([(r[0], t) for r, t in zip(rows, flat, strict=True)])
    return sents


def word_entities(sent: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """(first word, last word exclusive, type) from IOB tags (a stray I- starts an entity)."""
    ents: list[tuple[int, int, str]] = []
    start, typ = None, None
    for i, (_, tag) in enumerate(sent + [("", "O")]):
        iob, _, t = tag.partition("-")
        if start is not None and (iob != "I" or t != typ):
            ents.append((start, i, typ))
            start, typ = None, None
        if iob == "B" or (iob == "I" and start is None):
            start, typ = i, t
    return ents


def _is_punct(text: str) -> bool:
    return not any(ch.isalnum() for ch in text)


def to_doc(nlp, sent: list[tuple[str, str]], stats: Counter, split_geo: bool = True) -> Doc:
    """One gold sentence on rasid's tokens; ``split_geo`` turns LOC into GPE/LOC by rule."""
    words = [w for w, _ in sent]
    text = " ".join(words)
    starts, pos = [], 0
    for w in words:
        starts.append(pos)
        pos += len(w) + 1
    doc = nlp.make_doc(text)
    set_norms(doc)
    spans = []
    for a, b, typ in word_entities(sent):
        cs, ce = starts[a], starts[b - 1] + len(words[b - 1])
        first_end = starts[a] + len(words[a])
        last_start = starts[b - 1]
        toks = [t for t in doc if t.idx >= cs and t.idx + len(t) <= ce]
        # drop split-off proclitics / punctuation at the front of the first word
        while len(toks) > 1 and toks[0].idx + len(toks[0]) < first_end and (
                (toks[0].text in PROCLITICS) or _is_punct(toks[0].text)):
            toks = toks[1:]
            stats["trimmed_proclitic"] += 1
        # drop pronoun suffixes / punctuation at the end of the last word
        while len(toks) > 1 and toks[-1].idx > last_start and (
                toks[-1].text in SUFFIXES or _is_punct(toks[-1].text)):
            toks = toks[:-1]
            stats["trimmed_suffix"] += 1
        if not toks or all(_is_punct(t.text) for t in toks):
            stats["dropped"] += 1
            continue
        span = Span(doc, toks[0].i, toks[-1].i + 1, label=typ)
        if typ == "LOC" and split_geo:
            span.label_ = geo_label(span.text, default="GPE")
        stats[span.label_] += 1
        spans.append(span)
    doc.ents = spans
    return doc


def convert(files: list[Path], nlp, stats: Counter, limit: int | None = None,
            split_geo: bool = True) -> list[Doc]:
    docs = []
    for f in files:
        for sent in read_conll(f):
            docs.append(to_doc(nlp, sent, stats, split_geo))
            if limit and len(docs) >= limit:
                return docs
    return docs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, default=Path("training/ner/corpus"))
    ap.add_argument("--dev-fraction", type=float, default=0.1,
                    help="fraction of ANERcorp train (its end) held out as dev")
    ap.add_argument("--no-aqmar", action="store_true")
    ap.add_argument("--wojood", action="store_true",
                    help="add the Wojood sample's train and val splits (MIT) to train")
    ap.add_argument("--smoke", action="store_true", help="a few hundred sentences only")
    args = ap.parse_args(argv)
    nlp = new_language()
    aner = args.data / "anercorp-camellab"
    train_sents = read_conll(aner / "ANERCorp_CamelLab_train.txt")
    n_dev = int(len(train_sents) * args.dev_fraction)
    stats: Counter = Counter()
    if args.smoke:
        train_sents, dev_sents = train_sents[:300], train_sents[-100:]
    else:
        train_sents, dev_sents = train_sents[:-n_dev], train_sents[-n_dev:]
    train = [to_doc(nlp, s, stats) for s in train_sents]
    if not args.no_aqmar and not args.smoke:
        aq = sorted((args.data / "aqmar" / "articles").glob("*.txt"))
        train += convert(aq, nlp, stats)
    if args.wojood and not args.smoke:
        for split in ("train.txt", "val.txt"):
            train += [to_doc(nlp, s, stats, split_geo=False)
                      for s in read_wojood(args.data / "wojood-sample" / split)]
    dev_stats: Counter = Counter()
    dev = [to_doc(nlp, s, dev_stats) for s in dev_sents]
    test_stats: Counter = Counter()
    test = convert([aner / "ANERCorp_CamelLab_test.txt"], nlp, test_stats,
                   limit=200 if args.smoke else None)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, docs in (("train", train), ("dev", dev), ("test", test)):
        DocBin(docs=docs, attrs=["ORTH", "NORM", "ENT_IOB", "ENT_TYPE", "SENT_START"]).to_disk(
            args.out / f"{name}.spacy")
    summary = {"train_docs": len(train), "dev_docs": len(dev), "test_docs": len(test),
               "train": dict(stats), "dev": dict(dev_stats), "test": dict(test_stats)}
    json.dump(summary, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
