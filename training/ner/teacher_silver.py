"""Turn the teacher's tags (training/ner/teacher.py's silver.tsv.gz) into a training DocBin.

Each tagged line points into teacher_data.py's silver.txt (the original sentence text, same
line numbers as pretrain.txt.xz); the sentence is tokenised again here exactly as the
student tokenises it, so the tags land token for token (a line whose token count differs is
skipped and counted, never guessed). Sentences whose least confident token the teacher gave
less than ``--min-conf`` are left out, and at most ``--tokens`` tokens are kept: a random
sample (``--seed``) of the tagged sentences, so every part of the news file is represented.

With ``--rules`` the teacher's spans stand in for the statistical model inside rasid's NER
component: the gazetteer, the rules and the non-entity lists then correct them exactly as
they correct the shipped model's spans, so the student learns the teacher's recall in
rasid's conventions (a sentence the component gives a WEAPON or FAC is left out, as in
pseudo.py, since the model does not predict those types).

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
# pseudo.py's labeller (rasid's NER component) and the training DocBin's one writer
from pseudo import MODEL_TYPES, labeller, save_docs  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tags", type=Path, required=True, help="teacher.py's silver.tsv.gz")
    ap.add_argument("--text", type=Path, required=True, help="teacher_data.py's silver.txt")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--tokens", type=int, default=200_000)
    ap.add_argument("--min-conf", type=float, default=0.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--rules", action="store_true",
                    help="pass the teacher's spans through rasid's gazetteer and rules")
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
    tagged = (_tagged(nlp, texts[num], tags, stats) for num, tags in rows)
    tagged = (doc for doc in tagged if doc is not None)
    if args.rules:
        tagged = _with_rules(tagged, nlp, stats)
    for doc in tagged:
        docs.append(doc)
        stats["tokens"] += len(doc)
        stats.update(e.label_ for e in doc.ents)
        if stats["tokens"] >= args.tokens:
            break
    save_docs(docs, args.out, stats)
    return 0


def _tagged(nlp, text: str, tags: list[str], stats: Counter):
    """The sentence in the student's tokens with the teacher's entities, or None."""
    doc = nlp.make_doc(text)
    if len(doc) != len(tags):
        stats["misaligned"] += 1
        return None
    set_norms(doc)
    doc.ents = biluo_tags_to_spans(doc, iob_to_biluo(tags))
    return doc


class _TeacherSpans:
    """Stands in for the statistical model's NER pipe: sets each sentence copy's entities
    from the teacher's spans (by character offsets, since rasid's component may split a
    token further for its gazetteer)."""

    def __init__(self) -> None:
        self.spans: dict[str, list[tuple[int, int, str]]] = {}

    def pipe(self, docs, batch_size: int = 0):
        for doc in docs:
            found = []
            for a, b, label in self.spans.get(doc.text, ()):
                span = doc.char_span(a, b, label=label, alignment_mode="contract")
                if span is not None:
                    found.append(span)
            doc.ents = found
            yield doc


def _with_rules(docs, nlp, stats: Counter, batch: int = 64):
    """Re-label teacher-tagged sentences with rasid's component around the teacher's spans;
    yield them in the student's tokens (pseudo.py's mapping back by character offsets)."""
    component = labeller()
    ner = component.get_pipe("ner")
    teacher = _TeacherSpans()
    model = ner.model
    model._components = [(name, teacher if name == "ner" else proc)
                         for name, proc in model._components]
    pending: list = []

    def flush():
        teacher.spans = {d.text: [(e.start_char, e.end_char, e.label_) for e in d.ents]
                         for d in pending}
        for old, new in zip(pending, component.pipe(d.text for d in pending), strict=True):
            if any(e.label_ not in MODEL_TYPES for e in new.ents):
                stats["sentences_weapon_fac"] += 1
                continue
            spans = [old.char_span(e.start_char, e.end_char, label=e.label_)
                     for e in new.ents]
            if any(s is None for s in spans):
                stats["sentences_misaligned"] += 1
                continue
            before = {(e.start_char, e.end_char, e.label_) for e in old.ents}
            after = {(s.start_char, s.end_char, s.label_) for s in spans}
            stats["rule_added"] += len(after - before)
            stats["rule_removed"] += len(before - after)
            old.ents = spans
            yield old

    for doc in docs:
        if "\u0640" in doc.text:
            # the component's model reads words without tatweel, so the copies' text would
            # not match the teacher's offsets; such sentences are few
            stats["sentences_tatweel"] += 1
            continue
        pending.append(doc)
        if len(pending) == batch:
            yield from flush()
            pending = []
    if pending:
        yield from flush()


if __name__ == "__main__":
    raise SystemExit(main())
