"""Time expressions: rasid against dateparser on bench/gold/time_dev.jsonl, side by side.

For every article in the gold both systems run on the same text with the same reference
date (the gold's ``anchor``): rasid's ``tag_times(text, anchor)`` and dateparser's
``search_dates(text, languages=['ar'], settings={'RELATIVE_BASE': anchor})``. dateparser
returns bare substrings; they are located in the text left to right to get offsets.

Metrics (one-to-one matching of gold and system spans that overlap, in text order):
- span P / R / F1: overlapping spans count as matches;
- value accuracy: gold expressions whose matched system value is right / all gold
  expressions (a missed expression counts as wrong);
- value accuracy on matched spans.

dateparser gives datetimes, not ISO values at the text's precision, so it is judged
generously: its datetime is formatted at the gold's precision before comparing (a gold
"2022-05" accepts any day in May 2022; "2022-W20" any day of that week; a part of day
"2022-05-25TEV" any time on that day). It cannot express durations, sets, decades or
unresolved (null) values, so those count as wrong for it.

    .venv/bin/python bench/time_eval.py            # table; exit 1 if under the floors
    .venv/bin/python bench/time_eval.py --errors   # also list rasid's value errors
    .venv/bin/python bench/time_eval.py --wojood   # add held-out spans: Wojood sample
    .venv/bin/python bench/time_eval.py --heldout  # add held-out values: 14 ANT articles

``--wojood`` adds a held-out check that rasid was not developed on: the DATE and TIME
spans of the public Wojood sample (../shared/data/wojood-sample, MIT; nested NER, mixed
MSA and dialect, many 1920s-1940s Palestinian newspaper headers). Wojood's DATE/TIME also
cover durations and clock times, as ours do; it has no normalised values, so only span
P/R/F1 (overlap) is measured there, for both systems, anchor = none. Only Wojood's test
split is scored (its train/val splits were read while developing; test was not).

``--heldout`` scores values on bench/gold/time_heldout.jsonl: 84 expressions in 14 articles
of ../shared/data/raw/arabic-news-01.txt.gz (ANT corpus 2018; documents by index, blank-line
separated), drawn at random (seed 20261129) among 500-1600-character articles with at least
three time words, and annotated by hand before rasid was run on them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "bench" / "gold" / "time_dev.jsonl"
CORPUS = REPO.parent / "shared" / "corpus"
BASELINES = REPO / "bench" / "baselines.json"
WOJOOD = REPO.parent / "shared" / "data" / "wojood-sample"
RAW = REPO.parent / "shared" / "data"
HELDOUT = REPO / "bench" / "gold" / "time_heldout.jsonl"


def load_heldout() -> dict[str, list[dict]]:
    """Held-out gold keyed like the dev gold, with each article's text from the raw dump."""
    import gzip

    items = [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    wanted = {(i["source"], i["doc"]) for i in items}
    texts: dict[tuple[str, int], str] = {}
    for source in {s for s, _ in wanted}:
        docs, cur = [], []
        with gzip.open(RAW / source, "rt", encoding="utf-8") as fh:
            for line in fh:
                line = line.rstrip("\n")
                if line.strip():
                    cur.append(line)
                elif cur:
                    docs.append("\n".join(cur))
                    cur = []
        if cur:
            docs.append("\n".join(cur))
        for s, d in wanted:
            if s == source:
                texts[(s, d)] = docs[d]
    by_file: dict[str, list[dict]] = defaultdict(list)
    for item in items:
        name = f"{item['source']}#{item['doc']}"
        item["file"] = name
        by_file[name].append(item)
        _TEXTS[name] = texts[(item["source"], item["doc"])]
    return by_file


_TEXTS: dict[str, str] = {}


def article_text(fname: str) -> str:
    return _TEXTS[fname] if fname in _TEXTS else (CORPUS / fname).read_text(encoding="utf-8")

sys.path.insert(0, str(REPO / "src"))


def load_gold() -> dict[str, list[dict]]:
    by_file: dict[str, list[dict]] = defaultdict(list)
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            by_file[item["file"]].append(item)
    return by_file


def run_rasid(text: str, anchor: dt.date) -> list[dict]:
    from rasid.time import tag_times

    times, _ = tag_times(text, anchor)
    return [{"start": t.start, "end": t.end, "value": t.value, "type": t.type} for t in times]


def run_dateparser(text: str, anchor: dt.date) -> list[dict]:
    from dateparser.search import search_dates

    base = dt.datetime(anchor.year, anchor.month, anchor.day)
    found = search_dates(text, languages=["ar"], settings={"RELATIVE_BASE": base}) or []
    out, pos = [], 0
    for surface, when in found:
        i = text.find(surface, pos)
        if i < 0:
            i = text.find(surface)
        if i < 0:
            continue
        out.append({"start": i, "end": i + len(surface), "value": when, "type": None})
        pos = i + len(surface)
    return out


def dp_value_ok(gold: str | None, when: dt.datetime) -> bool:
    """dateparser's datetime against a gold ISO value, at the gold's precision."""
    if gold is None:
        return False
    if re.fullmatch(r"\d{4}", gold):
        return when.strftime("%Y") == gold
    if re.fullmatch(r"\d{4}-\d\d", gold):
        return when.strftime("%Y-%m") == gold
    if re.fullmatch(r"\d{4}-\d\d-\d\d", gold):
        return when.strftime("%Y-%m-%d") == gold
    m = re.fullmatch(r"(\d{4})-W(\d\d)", gold)
    if m:
        year, week, _ = when.isocalendar()
        return (year, week) == (int(m.group(1)), int(m.group(2)))
    m = re.fullmatch(r"(\d{4}-\d\d-\d\d)T([A-Z]{2})", gold)
    if m:
        return when.strftime("%Y-%m-%d") == m.group(1)
    m = re.fullmatch(r"(\d{4}-\d\d-\d\d)T(\d\d:\d\d)", gold)
    if m:
        return when.strftime("%Y-%m-%dT%H:%M") == gold
    return False  # durations, sets, decades, quarters: not expressible as a datetime


def match(gold: list[dict], system: list[dict]) -> list[tuple[dict, dict | None]]:
    used: set[int] = set()
    pairs = []
    for g in gold:
        hit = None
        for i, s in enumerate(system):
            if i not in used and s["start"] < g["end"] and g["start"] < s["end"]:
                hit = i
                break
        if hit is not None:
            used.add(hit)
        pairs.append((g, system[hit] if hit is not None else None))
    return pairs


def score(name: str, by_file: dict[str, list[dict]], runner, value_ok) -> dict:
    n_gold = n_sys = n_match = n_value = 0
    errors = []
    started = time.perf_counter()
    for fname, gold in sorted(by_file.items()):
        text = article_text(fname)
        anchor = dt.date.fromisoformat(gold[0]["anchor"])
        system = runner(text, anchor)
        pairs = match(gold, system)
        n_gold += len(gold)
        n_sys += len(system)
        for g, s in pairs:
            if s is None:
                errors.append((fname, g["text"], g["value"], "(missed)"))
                continue
            n_match += 1
            if value_ok(g["value"], s["value"]):
                n_value += 1
            else:
                errors.append((fname, g["text"], g["value"], s["value"]))
    seconds = time.perf_counter() - started
    p = n_match / n_sys if n_sys else 0.0
    r = n_match / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"system": name, "gold": n_gold, "predicted": n_sys, "span_p": p, "span_r": r,
            "span_f1": f, "value_acc": n_value / n_gold if n_gold else 0.0,
            "value_acc_matched": n_value / n_match if n_match else 0.0,
            "seconds": seconds, "errors": errors}


def load_wojood(splits=("test.txt",)) -> list[tuple[str, list[tuple[int, int]]]]:
    """Sentences of the Wojood sample as (text, DATE/TIME spans), tokens joined by spaces.

    Only its test split is scored; train and val were used to look at misses."""
    out = []
    for split in splits:
        rows: list[list[str]] = []
        for line in (WOJOOD / split).read_text(encoding="utf-8").splitlines() + [""]:
            if line.strip():
                rows.append(line.split())
                continue
            if not rows:
                continue
            text, starts, pos = [], [], 0
            for row in rows:
                starts.append(pos)
                text.append(row[0])
                pos += len(row[0]) + 1
            spans: set[tuple[int, int]] = set()
            depth = max(len(r) for r in rows) - 1
            for col in range(1, depth + 1):
                cur = None
                for i, row in enumerate(rows + [["", "O"]]):
                    tag = row[col] if col < len(row) else "O"
                    inside = tag in ("I-DATE", "I-TIME") and cur is not None
                    if cur is not None and not inside:
                        spans.add((starts[cur[0]], starts[cur[1]] + len(rows[cur[1]][0])))
                        cur = None
                    if tag in ("B-DATE", "B-TIME"):
                        cur = (i, i)
                    elif inside:
                        cur = (cur[0], i)
            out.append((" ".join(text), sorted(spans)))
            rows = []
    return out


def score_spans(name: str, sentences, runner) -> dict:
    n_gold = n_sys = tp_gold = tp_sys = 0
    for text, gold in sentences:
        system = [(s["start"], s["end"]) for s in runner(text, None)]
        n_gold += len(gold)
        n_sys += len(system)
        tp_gold += sum(any(s < ge and gs < e for s, e in system) for gs, ge in gold)
        tp_sys += sum(any(s < ge and gs < e for gs, ge in gold) for s, e in system)
    p = tp_sys / n_sys if n_sys else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return {"system": name, "gold": n_gold, "predicted": n_sys, "span_p": p, "span_r": r,
            "span_f1": 2 * p * r / (p + r) if p + r else 0.0}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--errors", action="store_true", help="list rasid's errors")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--wojood", action="store_true",
                    help="also score spans on the held-out Wojood sample")
    ap.add_argument("--heldout", action="store_true",
                    help="also score values on the held-out ANT articles")
    args = ap.parse_args(argv)
    if not CORPUS.exists():
        print(f"{CORPUS} not found (the corpus lives beside the clone)", file=sys.stderr)
        return 2
    by_file = load_gold()
    rows = [score("rasid", by_file, run_rasid, lambda g, v: g == v),
            score("dateparser", by_file, run_dateparser, dp_value_ok)]
    if args.json:
        print(json.dumps([{k: v for k, v in r.items() if k != "errors"} for r in rows],
                         indent=2))
    else:
        n_files = len(by_file)
        print(f"time expressions: {rows[0]['gold']} gold in {n_files} articles "
              f"({GOLD.relative_to(REPO)})")
        print(f"{'system':<12}{'pred':>6}{'span P':>9}{'span R':>9}{'span F1':>9}"
              f"{'value acc':>11}{'on matched':>12}{'seconds':>9}")
        for r in rows:
            print(f"{r['system']:<12}{r['predicted']:>6}{r['span_p']:>9.1%}{r['span_r']:>9.1%}"
                  f"{r['span_f1']:>9.1%}{r['value_acc']:>11.1%}{r['value_acc_matched']:>12.1%}"
                  f"{r['seconds']:>9.2f}")
        gap = rows[0]["value_acc"] - rows[1]["value_acc"]
        print(f"rasid - dateparser value accuracy: {gap * 100:+.1f} points")
    if args.heldout and (RAW / "raw").exists():
        held_gold = load_heldout()
        held = [score("rasid", held_gold, run_rasid, lambda g, v: g == v),
                score("dateparser", held_gold, run_dateparser, dp_value_ok)]
        print(f"held-out values: {held[0]['gold']} expressions in {len(held_gold)} ANT articles "
              f"({HELDOUT.relative_to(REPO)})")
        print(f"{'system':<12}{'pred':>6}{'span P':>9}{'span R':>9}{'span F1':>9}"
              f"{'value acc':>11}{'on matched':>12}")
        for r in held:
            print(f"{r['system']:<12}{r['predicted']:>6}{r['span_p']:>9.1%}{r['span_r']:>9.1%}"
                  f"{r['span_f1']:>9.1%}{r['value_acc']:>11.1%}{r['value_acc_matched']:>12.1%}")
        if args.errors:
            for fname, text, gold, got in held[0]["errors"]:
                print(f"  {fname}  {text!r}  gold={gold}  rasid={got}")
    if args.wojood and WOJOOD.exists():
        sentences = load_wojood()
        anchorless = lambda text, _: run_dateparser(text, dt.date(2000, 1, 1))  # noqa: E731
        held = [score_spans("rasid", sentences, lambda text, _: run_rasid(text, None)),
                score_spans("dateparser", sentences, anchorless)]
        print(f"held-out spans, Wojood sample test split: {held[0]['gold']} DATE/TIME spans in "
              f"{len(sentences)} sentences")
        print(f"{'system':<12}{'pred':>6}{'span P':>9}{'span R':>9}{'span F1':>9}")
        for r in held:
            print(f"{r['system']:<12}{r['predicted']:>6}{r['span_p']:>9.1%}{r['span_r']:>9.1%}"
                  f"{r['span_f1']:>9.1%}")
    if args.errors:
        for fname, text, gold, got in rows[0]["errors"]:
            print(f"  {fname}  {text!r}  gold={gold}  rasid={got}")
    floors = {}
    if BASELINES.exists():
        floors = json.loads(BASELINES.read_text(encoding="utf-8")).get("time", {})
    failed = [f"{k} {rows[0][k]:.3f} < floor {v}" for k, v in floors.items()
              if k in rows[0] and rows[0][k] < v]
    for msg in failed:
        print(f"REGRESSION: {msg}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
