"""Relation extraction accuracy against bench/gold/relations_dev.jsonl.

    .venv/bin/python bench/relation_eval.py                 # entities from the pipeline
    .venv/bin/python bench/relation_eval.py --entities gold # oracle mentions

The gold lists, per article, the relations a reader finds in the text (roles from titles,
membership, representation), unique per (label, head, tail). A predicted relation is right
when its label is the gold label (or an accepted alternative) and head and tail match the
gold surfaces/names as in bench/event_eval.py. Only the labels the gold uses are scored
(located_in / ally_of have too few cases in these articles).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "bench" / "gold" / "relations_dev.jsonl"
sys.path.insert(0, str(REPO / "bench"))


def load(path: Path = GOLD) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            g = json.loads(line)
            out[g["file"]].append(g)
    return out


def oracle_record(text: str, golds: list[dict]):
    from rasid.document import DocumentRecord, Entity, Sentence, Span
    from rasid.text import split_sentences

    rec = DocumentRecord(id="r", text=text)
    rec.sentences = [Sentence(s, e) for s, e in split_sentences(text)]
    forms: dict[str, tuple[str, set[str]]] = {}
    for g in golds:
        for side in ("head", "tail"):
            a = g[side]
            forms.setdefault(a["name"], (a["type"], set()))[1].update({a["text"], a["name"]})
    taken: list[tuple[int, int]] = []
    found: dict[str, list] = defaultdict(list)
    for form, name in sorted(((f, n) for n, (_, fs) in forms.items() for f in fs),
                             key=lambda p: -len(p[0])):
        for m in re.finditer(re.escape(form), text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found[name].append(Span(m.start(), m.end(), form))
    for n, (name, (typ, _)) in enumerate(sorted(forms.items()), 1):
        if found[name]:
            rec.entities.append(Entity(f"e{n}", typ, name,
                                       sorted(found[name], key=lambda s: s.start)))
    return rec


def main(argv: list[str] | None = None) -> int:
    from event_eval import CORPUS, arg_ok

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--entities", choices=("pipeline", "gold"), default="pipeline")
    ap.add_argument("--errors", action="store_true", help="list misses and extras on stderr")
    args = ap.parse_args(argv)
    gold = load()
    labels = {g["label"] for gs in gold.values() for g in gs}
    labels |= {a for gs in gold.values() for g in gs for a in g["also_labels"]}
    n_gold = n_pred = tp_pred = tp_gold = 0
    for fname, golds in sorted(gold.items()):
        text = (CORPUS / fname).read_text(encoding="utf-8")
        if args.entities == "gold":
            from rasid.events import extract_relations
            rec = oracle_record(text, golds)
            rec.relations = extract_relations(rec)
        else:
            from rasid.pipeline import analyze
            rec = analyze(text)
        preds = [r for r in rec.relations if r.label in labels]
        n_gold += len(golds)
        n_pred += len(preds)

        def ok(r, g, rec=rec) -> bool:
            return (r.label in [g["label"], *g["also_labels"]]
                    and arg_ok(rec, r.head, g["head"]) and arg_ok(rec, r.tail, g["tail"]))

        for r in preds:
            hit = any(ok(r, g) for g in golds)
            tp_pred += hit
            if args.errors and not hit:
                h, t = rec.entity(r.head), rec.entity(r.tail)
                print(f"EXTRA {fname} {r.label} {h.name if h else None} -> "
                      f"{t.name if t else None} | {text[r.evidence.start:r.evidence.end]}",
                      file=sys.stderr)
        for g in golds:
            hit = any(ok(r, g) for r in preds)
            tp_gold += hit
            if args.errors and not hit:
                print(f"MISS {fname} {g['label']} {g['head']['text']} -> {g['tail']['name']}",
                      file=sys.stderr)
    p = 100 * tp_pred / n_pred if n_pred else 0.0
    r = 100 * tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"relations: {n_gold} gold, {n_pred} predicted (entities: {args.entities})")
    print(f"P {p:.1f}  R {r:.1f}  F1 {f:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
