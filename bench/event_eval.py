"""Event coding accuracy against bench/gold/events_dev.jsonl.

    .venv/bin/python bench/event_eval.py                 # entities from the real pipeline
    .venv/bin/python bench/event_eval.py --entities gold # oracle mentions (isolates the coder)
    .venv/bin/python bench/event_eval.py --check         # exit 1 below the floors in
                                                         # bench/baselines.json["events"]

Matching: a predicted event matches a gold event of the same file when their trigger spans
overlap (one-to-one, greedy in text order). Reported:

- trigger P/R/F1 (any category), category P/R/F1 (trigger + PLOVER category) and category
  accuracy on matched triggers;
- actor / target accuracy on category-matched events (an argument is right when both are
  empty, or the predicted entity's name or one of its mentions equals, after Arabic
  normalisation and without ال, the gold surface, the gold name or an accepted alternative;
  or one contains the other);
- full-tuple P/R/F1: category + actor + target + date (the event's time value equals the
  gold date, or both are empty).

With ``--entities gold`` the record's entities are built from the gold actor/target
surfaces of the whole file (every occurrence, so the coder still has to choose among them)
and times come from rasid.time.tag_times; this measures the coder alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "bench" / "gold" / "events_dev.jsonl"
CORPUS = REPO.parent / "shared" / "corpus"
BASELINES = REPO / "bench" / "baselines.json"


def _k(s: str) -> str:
    from rasid.text import normalize_key
    k = normalize_key(s).strip()
    return " ".join(w[2:] if w.startswith("ال") and len(w) > 3 else w for w in k.split())


def load_gold(path: Path = GOLD) -> dict[str, list[dict]]:
    by_file: dict[str, list[dict]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            g = json.loads(line)
            by_file[g["file"]].append(g)
    return by_file


def gold_entities_record(text: str, golds: list[dict], anchor: str):
    """A record whose entities are the gold argument surfaces (oracle mentions)."""
    import re

    from rasid.document import DocumentRecord, Entity, Sentence, Span
    from rasid.text import split_sentences

    rec = DocumentRecord(id=Path(golds[0]["file"]).stem, text=text, published=anchor)
    rec.sentences = [Sentence(s, e) for s, e in split_sentences(text)]
    surfaces: dict[str, tuple[str, set[str]]] = {}
    for g in golds:
        for role in ("actor", "target"):
            a = g.get(role)
            if a:
                typ, forms = surfaces.setdefault(a["name"], (a["type"], set()))
                forms.add(a["text"])
                forms.add(a["name"])
    taken: list[tuple[int, int]] = []
    found: dict[str, list] = defaultdict(list)
    pairs = sorted(((form, name) for name, (_, forms) in surfaces.items() for form in forms),
                   key=lambda p: -len(p[0]))
    for form, name in pairs:  # longest surfaces first, across entities
        for m in re.finditer(re.escape(form), text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found[name].append(Span(m.start(), m.end(), form))
    for n, (name, (typ, _)) in enumerate(sorted(surfaces.items()), 1):
        if found[name]:
            rec.entities.append(Entity(f"e{n}", typ, name,
                                       sorted(found[name], key=lambda s: s.start)))
    try:
        from rasid.time import tag_times
        times, _ = tag_times(text, dt.date.fromisoformat(anchor))
        rec.times = times
    except ImportError:
        pass
    try:
        from rasid.quotes import extract_quotes
        rec.quotes = extract_quotes(text, [(x.start, x.end) for x in rec.sentences],
                                    rec.entities)
    except ImportError:
        pass
    return rec


def predict(text: str, golds: list[dict], mode: str, time_attachment: str = "nearest"):
    anchor = golds[0]["anchor"]
    if mode == "gold":
        from rasid.events import add_actor_entities, code_events
        rec = gold_entities_record(text, golds, anchor)
        add_actor_entities(rec)  # as the pipeline component does
        rec.events = code_events(rec, time_attachment)
        return rec
    from rasid.pipeline import analyze
    return analyze(text, published=anchor)


def arg_ok(rec, pred_id: str | None, gold: dict | None) -> bool:
    if gold is None or pred_id is None:
        return gold is None and pred_id is None
    ent = rec.entity(pred_id)
    if ent is None:
        return False
    want = {_k(gold["text"]), _k(gold["name"])} | {_k(a) for a in gold.get("also", [])}
    have = {_k(ent.name)} | {_k(m.text) for m in ent.mentions}
    if want & have:
        return True
    return any(len(w) >= 3 and len(h) >= 3 and (w in h or h in w) for w in want for h in have)


def date_ok(rec, time_id: str | None, gold_date: str | None) -> bool:
    value = None
    if time_id is not None:
        t = next((t for t in rec.times if t.id == time_id), None)
        value = t.value if t else None
    if gold_date is None:
        return value is None
    return value is not None and value.startswith(gold_date)


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return 100 * p, 100 * r, 100 * f


def _name(rec, eid):
    ent = rec.entity(eid)
    return ent.name if ent else None


def evaluate(mode: str, errors: bool = False, time_attachment: str = "nearest",
             gold_path: Path = GOLD) -> dict[str, float]:
    gold = load_gold(gold_path)
    n_gold = n_pred = 0
    trig_tp = cat_tp = tuple_tp = 0
    matched = cat_ok = 0
    actor_ok = target_ok = date_right = neg_ok = hyp_ok = 0
    per_cat: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, pred, gold
    for fname, golds in sorted(gold.items()):
        text = (CORPUS / fname).read_text(encoding="utf-8")
        rec = predict(text, golds, mode, time_attachment)
        preds = sorted(rec.events, key=lambda v: v.trigger.start)
        n_gold += len(golds)
        n_pred += len(preds)
        for v in preds:
            per_cat[v.type][1] += 1
        for g in golds:
            per_cat[g["type"]][2] += 1
        used: set[str] = set()
        for g in sorted(golds, key=lambda g: g["trigger"]["start"]):
            gs, ge = g["trigger"]["start"], g["trigger"]["end"]
            over = [v for v in preds if v.id not in used
                    and v.trigger.start < ge and gs < v.trigger.end]
            if not over:
                if errors:
                    print(f"MISS {fname} {g['type']} {g['trigger']['text']!r}", file=sys.stderr)
                continue
            v = next((v for v in over if v.type == g["type"]), over[0])
            used.add(v.id)
            trig_tp += 1
            matched += 1
            if v.type != g["type"]:
                continue
            cat_ok += 1
            cat_tp += 1
            per_cat[v.type][0] += 1
            a = arg_ok(rec, v.actor, g["actor"])
            t = arg_ok(rec, v.target, g["target"])
            d = date_ok(rec, v.time, g["date"])
            actor_ok += a
            target_ok += t
            date_right += d
            tuple_tp += a and t and d
            neg_ok += v.negated == g["negated"]
            hyp_ok += v.hypothetical == g["hypothetical"]
            if errors and not (a and t and d):
                ctx = text[max(0, gs - 30):ge + 30].replace("\n", " ")
                print(f"ARGS {fname} {g['type']} {g['trigger']['text']!r} "
                      f"actor {_name(rec, v.actor)!r}/{(g['actor'] or {}).get('name')!r} "
                      f"target {_name(rec, v.target)!r}/{(g['target'] or {}).get('name')!r} "
                      f"date {v.time}/{g['date']} | {ctx}", file=sys.stderr)
        if errors:
            for v in preds:
                if v.id not in used:
                    print(f"EXTRA {fname} {v.type} {v.trigger.text!r} | "
                          f"{text[max(0, v.trigger.start - 30):v.trigger.end + 30]}",
                          file=sys.stderr)
    out: dict[str, float] = {}
    out["trigger_p"], out["trigger_r"], out["trigger_f1"] = prf(trig_tp, n_pred, n_gold)
    out["category_p"], out["category_r"], out["category_f1"] = prf(cat_tp, n_pred, n_gold)
    out["category_accuracy"] = 100 * cat_ok / matched if matched else 0.0
    out["actor_accuracy"] = 100 * actor_ok / cat_tp if cat_tp else 0.0
    out["target_accuracy"] = 100 * target_ok / cat_tp if cat_tp else 0.0
    out["date_accuracy"] = 100 * date_right / cat_tp if cat_tp else 0.0
    out["negated_accuracy"] = 100 * neg_ok / cat_tp if cat_tp else 0.0
    out["hypothetical_accuracy"] = 100 * hyp_ok / cat_tp if cat_tp else 0.0
    out["tuple_p"], out["tuple_r"], out["tuple_f1"] = prf(tuple_tp, n_pred, n_gold)
    out["n_gold"], out["n_pred"] = n_gold, n_pred
    out["per_category"] = {c: dict(zip(("p", "r", "f1"), prf(*v), strict=True),
                                   gold=v[2], pred=v[1])
                           for c, v in sorted(per_cat.items())}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--entities", choices=("pipeline", "gold"), default="pipeline",
                    help="entities from the real pipeline (default) or oracle gold mentions")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--time-attachment", choices=("nearest", "clause"), default="nearest",
                    help="with --entities gold: rasid.events' nearest-trigger attachment "
                         "or rasid.time.event_time (clause)")
    ap.add_argument("--gold", type=Path, default=GOLD,
                    help="gold file (default bench/gold/events_dev.jsonl; the held-out "
                         "set is bench/gold/events_test.jsonl)")
    ap.add_argument("--errors", action="store_true",
                    help="list misses, extras and wrong arguments on stderr")
    ap.add_argument("--check", action="store_true",
                    help="exit 1 when a figure is below its floor in bench/baselines.json")
    args = ap.parse_args(argv)
    res = evaluate(args.entities, args.errors, args.time_attachment, args.gold)
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
    else:
        print(f"events: {res['n_gold']} gold, {res['n_pred']} predicted "
              f"(entities: {args.entities}; gold: {args.gold.name})")
        print(f"{'measure':<22}{'P':>7}{'R':>7}{'F1':>7}")
        for name in ("trigger", "category", "tuple"):
            print(f"{name:<22}{res[name + '_p']:7.1f}{res[name + '_r']:7.1f}"
                  f"{res[name + '_f1']:7.1f}")
        for name in ("category_accuracy", "actor_accuracy", "target_accuracy",
                     "date_accuracy", "negated_accuracy", "hypothetical_accuracy"):
            print(f"{name:<22}{res[name]:21.1f}")
        print(f"\n{'category':<12}{'gold':>6}{'pred':>6}{'P':>7}{'R':>7}{'F1':>7}")
        for c, v in res["per_category"].items():
            print(f"{c:<12}{v['gold']:6d}{v['pred']:6d}{v['p']:7.1f}{v['r']:7.1f}{v['f1']:7.1f}")
    if args.check and BASELINES.exists():
        key = args.entities if args.gold == GOLD else f"{args.entities}:{args.gold.stem}"
        floors = json.loads(BASELINES.read_text()).get("events", {}).get(key, {})
        low = {k: (res[k], f) for k, f in floors.items() if res.get(k, 0) < f}
        for k, (got, floor) in low.items():
            print(f"below floor: {k} {got:.1f} < {floor}", file=sys.stderr)
        return 1 if low else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
