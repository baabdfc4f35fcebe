"""Quote attribution accuracy on bench/gold/quotes_dev.jsonl.

Quote-span P/R/F1 with overlap matching (a system quote matches a gold quote of the same kind
when their shared characters are at least 50% of each), direct and indirect separately, and
speaker accuracy on the matched quotes. A speaker is right when the system's speaker phrase
overlaps the gold one (or another phrase the gold links to the same speaker in that document),
or names the same person (same phrase or same last word of the name), or both are unknown. Speakers are judged by phrase, so the figure holds even while entity
linking is incomplete.

    python bench/quote_eval.py                 # rules on text + sentences only
    python bench/quote_eval.py --pipeline      # the full rasid pipeline (entities too)
    python bench/quote_eval.py --errors        # list misses and false alarms
    python bench/quote_eval.py --check         # exit 1 if below the floors in baselines.json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rasid.text import normalize_key  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
GOLD = ROOT / "bench" / "gold" / "quotes_dev.jsonl"
BASELINES = ROOT / "bench" / "baselines.json"
MIN_OVERLAP = 0.5


def overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def matches(g: dict, p: dict) -> bool:
    ov = overlap(g["start"], g["end"], p["start"], p["end"])
    return ov >= MIN_OVERLAP * (g["end"] - g["start"]) and ov >= MIN_OVERLAP * (p["end"] - p["start"])


def _words(s: str | None) -> list[str]:
    return normalize_key(s or "").replace("-", " ").split()


def speaker_ok(g: dict, p: dict, name_spans: dict[str, list[tuple[int, int]]]) -> bool:
    """``name_spans``: every phrase the gold links to each speaker name in this document."""
    pm = p.get("speaker_mention")
    if g["speaker"] is None and g["speaker_text"] is None:
        return pm is None
    if pm is None:
        return False
    spans = [(g["speaker_start"], g["speaker_end"])] + name_spans.get(g["speaker"] or "", [])
    if any(overlap(a, b, pm["start"], pm["end"]) > 0 for a, b in spans if a is not None):
        return True
    pw = _words(pm["text"])
    gw = _words(g["speaker_text"])
    if pw and pw == gw:
        return True
    names = [_words(g["speaker"])] + [_words(n) for n in p.get("_entity_names", [])]
    gname = names[0]
    if gname and pw and pw[-1] == gname[-1] and len(gname[-1]) > 2:
        return True
    # the system resolved the phrase to an entity whose name is the gold name
    return any(n and n == gname for n in names[1:])


def predict(docs: list[str], use_pipeline: bool) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    if use_pipeline:
        from rasid.pipeline import analyze, load
        nlp = load()
        for d in docs:
            rec = analyze((CORPUS / d).read_text(encoding="utf-8"), nlp=nlp)
            qs = []
            for q in rec.to_dict()["quotes"]:
                ent = rec.entity(q["speaker"])
                q["_entity_names"] = [ent.name] + [m.text for m in ent.mentions] if ent else []
                qs.append(q)
            out[d] = qs
    else:
        from dataclasses import asdict

        from rasid.quotes import extract_quotes
        for d in docs:
            out[d] = [asdict(q) for q in extract_quotes((CORPUS / d).read_text(encoding="utf-8"))]
    return out


def evaluate(gold: list[dict], pred: dict[str, list[dict]], show_errors: bool = False) -> dict:
    stats: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for g in gold:
        by_doc[g["doc"]].append(g)
    for doc, golds in by_doc.items():
        preds = pred.get(doc, [])
        name_spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for g in golds:
            if g["speaker"] and g["speaker_start"] is not None:
                name_spans[g["speaker"]].append((g["speaker_start"], g["speaker_end"]))
        for kind in ("direct", "indirect"):
            gk = [g for g in golds if g["kind"] == kind]
            pk = [p for p in preds if p["kind"] == kind]
            used: set[int] = set()
            s = stats[kind]
            s["gold"] += len(gk)
            s["pred"] += len(pk)
            for g in gk:
                hit = next((i for i, p in enumerate(pk) if i not in used and matches(g, p)), None)
                if hit is None:
                    if show_errors:
                        print(f"MISS {doc} {kind} [{g['start']}:{g['end']}] {g['text'][:70]}")
                    continue
                used.add(hit)
                s["tp"] += 1
                ok = speaker_ok(g, pk[hit], name_spans)
                s["speaker_ok"] += ok
                if show_errors and not ok:
                    pm = pk[hit].get("speaker_mention") or {}
                    print(f"SPKR {doc} {kind} gold={g['speaker_text']!r} sys={pm.get('text')!r} "
                          f"| {g['text'][:50]}")
            if show_errors:
                for i, p in enumerate(pk):
                    if i not in used:
                        print(f"FALSE {doc} {kind} [{p['start']}:{p['end']}] {p['text'][:70]}")
    result = {}
    for kind in ("direct", "indirect", "all"):
        if kind == "all":
            s = {k: stats["direct"][k] + stats["indirect"][k]
                 for k in ("gold", "pred", "tp", "speaker_ok")}
        else:
            s = stats[kind]
        p = s["tp"] / s["pred"] if s["pred"] else 0.0
        r = s["tp"] / s["gold"] if s["gold"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        acc = s["speaker_ok"] / s["tp"] if s["tp"] else 0.0
        result[kind] = {"gold": s["gold"], "pred": s["pred"], "tp": s["tp"],
                        "precision": round(100 * p, 1), "recall": round(100 * r, 1),
                        "f1": round(100 * f, 1), "speaker_accuracy": round(100 * acc, 1)}
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Quote attribution accuracy on the dev gold.")
    ap.add_argument("--pipeline", action="store_true", help="run the full rasid pipeline")
    ap.add_argument("--errors", action="store_true", help="print misses and false alarms")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--docs", help="comma-separated documents to score (e.g. 030,055)")
    ap.add_argument("--check", action="store_true", help="fail below bench/baselines.json floors")
    args = ap.parse_args(argv)
    if not CORPUS.exists():
        print(f"{CORPUS} not found (the gold refers to ../shared/corpus)", file=sys.stderr)
        return 2
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    if args.docs:
        keep = {d if d.endswith(".txt") else f"{d}.txt" for d in args.docs.split(",")}
        gold = [g for g in gold if g["doc"] in keep]
    docs = sorted({g["doc"] for g in gold})
    t0 = time.perf_counter()
    pred = predict(docs, args.pipeline)
    secs = time.perf_counter() - t0
    res = evaluate(gold, pred, args.errors)
    if args.json:
        print(json.dumps(res, indent=2))
    else:
        print(f"quotes: {len(gold)} gold in {len(docs)} documents; "
              f"{'pipeline' if args.pipeline else 'rules only'}; {secs:.1f}s")
        print(f"{'kind':<9}{'gold':>6}{'sys':>6}{'P':>7}{'R':>7}{'F1':>7}{'speaker':>9}")
        for kind, r in res.items():
            print(f"{kind:<9}{r['gold']:>6}{r['pred']:>6}{r['precision']:>7}{r['recall']:>7}"
                  f"{r['f1']:>7}{r['speaker_accuracy']:>9}")
    if args.check and BASELINES.exists():
        floors = json.loads(BASELINES.read_text(encoding="utf-8")).get("quotes", {})
        floors = {k: v for k, v in floors.items() if not k.startswith("_")}
        bad = [f"{k} {res[k.split('.')[0]][k.split('.')[1]]} < {v}" for k, v in floors.items()
               if res[k.split(".")[0]][k.split(".")[1]] < v]
        if bad:
            print("below floor: " + "; ".join(bad), file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
