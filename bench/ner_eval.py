"""NER accuracy: P/R/F1 per type and micro-averaged, CoNLL exact-span matching.

Two test sets:

* ``anercorp``: the ANERcorp test split (CAMeL Lab), the protocol of the published
  CAMeLBERT / AraBERT figures. Each test sentence is joined with spaces and analysed by
  rasid; predicted spans (over rasid's clitic-aware tokens) are mapped back onto the gold
  whitespace words (a span covers every word it touches), and labels onto ANERcorp's types:
  GPE→LOC, FAC→LOC, WEAPON→MISC. A span is right only if its words and type match exactly.
  (The component's drop_non_entities filter, which removes currencies and religions that
  ANERcorp tags MISC but rasid does not count as entities, is off for this set.)
* ``indomain``: bench/gold/ner_dev.jsonl, excerpts of ../shared/corpus annotated by hand with
  rasid's seven types (char offsets into the article); exact char-span + type match; and
  bench/gold/ner_test.jsonl and ner_test2.jsonl, held-out excerpts annotated after the rules
  were frozen (``indomain_heldout`` pools the two: 297 mentions, the figure to quote).

    python bench/ner_eval.py [--set anercorp|indomain|all] [--no-gazetteer] [--no-model] [--no-crf]
        [--no-lstm] [--model PATH] [--context N] [--json] [--check]
    (--check: fail if a micro F1 is below its floor in bench/baselines.json)
"""

from __future__ import annotations

import argparse
import json
import sys
from bisect import bisect_left, bisect_right
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training" / "ner"))
sys.path.insert(0, str(ROOT / "src"))

from convert import read_conll, word_entities  # noqa: E402

from rasid.pipeline.base import new_language  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
CORPUS = ROOT.parent / "shared" / "corpus"
GOLD = ROOT / "bench" / "gold" / "ner_dev.jsonl"
GOLD_TEST = ROOT / "bench" / "gold" / "ner_test.jsonl"
GOLD_TEST2 = ROOT / "bench" / "gold" / "ner_test2.jsonl"
TO_ANER = {"GPE": "LOC", "FAC": "LOC", "WEAPON": "MISC", "PER": "PER", "ORG": "ORG",
           "LOC": "LOC", "MISC": "MISC"}


def build(model: str | None, use_model: bool, use_gazetteer: bool,
          drop_non_entities: bool = True, use_crf: bool = True, use_lstm: bool = True):
    import rasid.pipeline.ner  # noqa: F401
    import rasid.pipeline.segment  # noqa: F401

    nlp = new_language()
    nlp.add_pipe("rasid_segment", name="segment")
    nlp.add_pipe("rasid_ner", name="ner", config={
        "model_path": model, "use_model": use_model, "use_gazetteer": use_gazetteer,
        "drop_non_entities": drop_non_entities, "use_crf": use_crf,
        "use_lstm": use_lstm})
    return nlp


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return 100 * p, 100 * r, 100 * f


def score(gold: list[set], pred: list[set]) -> dict:
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred, strict=True):
        for item in p:
            (tp if item in g else fp)[item[-1]] += 1
        for item in g:
            if item not in p:
                fn[item[-1]] += 1
    types = sorted(set(tp) | set(fp) | set(fn))
    table = {t: dict(zip(("p", "r", "f"), prf(tp[t], fp[t], fn[t]), strict=True),
                     support=tp[t] + fn[t]) for t in types}
    table["micro"] = dict(zip(("p", "r", "f"), prf(sum(tp.values()), sum(fp.values()),
                                                   sum(fn.values())), strict=True),
                          support=sum(tp.values()) + sum(fn.values()))
    return table


def eval_anercorp(nlp, context: int = 1) -> dict:
    """Score on the ANERcorp test split. ``context``: sentences per document given to rasid
    (1 = each sentence alone, as the published systems are run; more lets rasid's
    document-level consistency see neighbouring sentences of the same article)."""
    sents = read_conll(DATA / "anercorp-camellab" / "ANERCorp_CamelLab_test.txt")
    groups = [sents[i:i + context] for i in range(0, len(sents), context)]
    gold, pred, texts, starts_all = [], [], [], []
    for group in groups:
        words = [w for sent in group for w, _ in sent]
        starts, pos = [], 0
        for w in words:
            starts.append(pos)
            pos += len(w) + 1
        texts.append(" ".join(words))
        starts_all.append(starts)
        g, offset = set(), 0
        for sent in group:
            g |= {(offset + a, offset + b, t) for a, b, t in word_entities(sent)}
            offset += len(sent)
        gold.append(g)
    for doc, starts in zip(nlp.pipe(texts, batch_size=64), starts_all, strict=True):
        spans = set()
        for ent in doc.ents:
            first = bisect_right(starts, ent.start_char) - 1
            last = bisect_left(starts, ent.end_char) - 1
            spans.add((first, last + 1, TO_ANER[ent.label_]))
        pred.append(spans)
    return score(gold, pred)


def load_gold(path: Path = GOLD) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def eval_indomain(nlp, path: Path | tuple[Path, ...] = GOLD) -> dict:
    paths = path if isinstance(path, tuple) else (path,)
    items = [item for p in paths for item in load_gold(p)]
    gold, pred, texts = [], [], []
    for item in items:
        article = (CORPUS / item["file"]).read_text(encoding="utf-8")
        text = article[item["start"]:item["end"]]
        texts.append(text)
        g = set()
        for ent in item["entities"]:
            s, e = ent["start"] - item["start"], ent["end"] - item["start"]
            if text[s:e] != ent["text"]:
                raise SystemExit(f"{item['file']}: gold span {ent} does not match the text")
            g.add((s, e, ent["type"]))
        gold.append(g)
    for doc in nlp.pipe(texts, batch_size=16):
        pred.append({(e.start_char, e.end_char, e.label_) for e in doc.ents})
    return score(gold, pred)


def render(name: str, table: dict) -> str:
    lines = [f"## {name}", f"{'type':8} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}"]
    for t, row in table.items():
        lines.append(f"{t:8} {row['p']:6.1f} {row['r']:6.1f} {row['f']:6.1f} {row['support']:8d}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="rasid NER accuracy (CoNLL exact span)")
    ap.add_argument("--set", choices=("anercorp", "indomain", "all"), default="all")
    ap.add_argument("--model", default=None, help="model directory (default: packaged)")
    ap.add_argument("--no-gazetteer", action="store_true")
    ap.add_argument("--no-model", action="store_true")
    ap.add_argument("--no-crf", action="store_true",
                    help="leave out the second and third models, the CRF and the LSTM (the "
                         "CNN's spans alone)")
    ap.add_argument("--no-lstm", action="store_true",
                    help="leave out the third model, the BiLSTM-CRF (CNN + CRF, as before "
                         "the twenty-eighth session)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--context", type=int, default=1,
                    help="ANERcorp sentences per document (default 1, the published setting)")
    ap.add_argument("--check", action="store_true",
                    help="exit 1 if a micro F1 is below its floor in bench/baselines.json")
    args = ap.parse_args(argv)
    nlp = build(args.model, not args.no_model, not args.no_gazetteer, use_crf=not args.no_crf,
                use_lstm=not args.no_lstm)
    results = {}
    if args.set in ("anercorp", "all"):
        # ANERcorp counts currencies and religions as MISC: score it on its own terms
        aner_nlp = build(args.model, not args.no_model, not args.no_gazetteer,
                         drop_non_entities=False, use_crf=not args.no_crf,
                         use_lstm=not args.no_lstm)
        results["anercorp_test"] = eval_anercorp(aner_nlp, args.context)
    if args.set in ("indomain", "all"):
        results["indomain_dev"] = eval_indomain(nlp)
        results["indomain_test"] = eval_indomain(nlp, GOLD_TEST)
        results["indomain_test2"] = eval_indomain(nlp, GOLD_TEST2)
        results["indomain_heldout"] = eval_indomain(nlp, (GOLD_TEST, GOLD_TEST2))
    if args.json:
        print(json.dumps(results, indent=1))
    else:
        for name, table in results.items():
            print(render(name, table))
            print()
    if args.check:
        floors = json.loads((ROOT / "bench" / "baselines.json").read_text()).get("ner", {})
        bad = [f"{k}: {results[k]['micro']['f']:.1f} < floor {v}"
               for k, v in floors.items() if k in results and results[k]["micro"]["f"] < v]
        if bad:
            print("below floor: " + "; ".join(bad), file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
