"""Entity-linking accuracy and speed on the development gold (bench/gold/link_dev.jsonl).

    .venv/bin/python bench/link_eval.py            # accuracy table + speed on the corpus
    .venv/bin/python bench/link_eval.py --no-speed

Two settings:
- oracle: the gold name spans are given to the linker as ``doc.ents`` (what "mentions NER
  found correctly" means in issue 5); titles and state adjectives are left to the linker.
- pipeline: whatever the pipeline has before ``rasid_link`` (NER when it is registered; the
  linker's own KB detection in any case).

Metrics: linking accuracy per gold mention (the system entity that covers the mention has the
gold kb_id, or is NIL where the gold is NIL); document-level entity P/R/F1 on the sets of
English names of KB entities (micro-averaged over documents). Speed: share of pipeline time
spent in ``rasid_link`` over the 60 articles of ../shared/corpus.
Floors in bench/baselines.json ("link") are checked; a lower figure exits 1.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from rich.console import Console
from rich.table import Table

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CORPUS = REPO.parent / "shared" / "corpus"
sys.path.insert(0, str(REPO / "src"))

from rasid.document import DocumentRecord, content_id  # noqa: E402
from rasid.kb import open_kb  # noqa: E402
from rasid.pipeline import load, parse_published  # noqa: E402
from rasid.pipeline.base import make_doc_with_record  # noqa: E402


def _run(nlp, text: str, published, gold_ents=None, timings=None):
    pub = parse_published(published)
    record = DocumentRecord(id=content_id(text), text=text,
                            published=pub.isoformat() if pub else None)
    doc = make_doc_with_record(nlp, record, pub)
    for name, proc in nlp.pipeline:
        if name == "link" and gold_ents is not None:
            spans = []
            for m in gold_ents:
                sp = doc.char_span(m["start"], m["end"], label=m["type"],
                                   alignment_mode="expand")
                if sp is not None:
                    spans.append(sp)
            spans.sort(key=lambda s: (s.start, -len(s)))
            kept, last = [], -1
            for sp in spans:
                if sp.start >= last:
                    kept.append(sp)
                    last = sp.end
            doc.ents = kept
        t0 = time.perf_counter()
        doc = proc(doc)
        if timings is not None:
            timings[name] += time.perf_counter() - t0
    return doc._.record


def evaluate(gold_docs, nlp, oracle: bool, errors: list | None = None):
    kb = open_kb()
    by_kind = defaultdict(lambda: [0, 0])
    tp = fp = fn = 0
    nil_split = 0
    for g in gold_docs:
        text = (CORPUS / g["file"]).read_text(encoding="utf-8")
        names = [m for m in g["mentions"] if m["kind"] == "name"]
        rec = _run(nlp, text, g["published"], names if oracle else None)
        nil_ids = defaultdict(set)
        for m in g["mentions"]:
            best, overlap = None, 0
            for e in rec.entities:
                for s in e.mentions:
                    ov = min(s.end, m["end"]) - max(s.start, m["start"])
                    if ov > overlap:
                        best, overlap = e, ov
            if m["kb_id"] == "NIL":
                ok = best is not None and best.kb_id is not None and kb.get(best.kb_id) is None
                if best is not None:
                    nil_ids[m["name_en"]].add(best.kb_id)
            else:
                ok = best is not None and best.kb_id == m["kb_id"]
            if not ok and errors is not None:
                errors.append((g["file"], m["start"], m["text"], m["kb_id"],
                               best.kb_id if best else None, best.name if best else None))
            for key in ("all", m["kind"]):
                by_kind[key][0] += ok
                by_kind[key][1] += 1
        nil_split += sum(len(v) - 1 for v in nil_ids.values() if len(v) > 1)
        gold_set = {m["name_en"] for m in g["mentions"] if m["kb_id"] != "NIL"}
        # entities the KB knows (a NIL entity may carry an English name from NER's lists)
        sys_set = {e.name_en for e in rec.entities if e.name_en and e.kb_id and kb.get(e.kb_id)}
        tp += len(gold_set & sys_set)
        fp += len(sys_set - gold_set)
        fn += len(gold_set - sys_set)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return by_kind, (p, r, f1), nil_split


def speed(nlp) -> dict[str, float]:
    timings: dict[str, float] = defaultdict(float)
    files = sorted(CORPUS.glob("[0-9][0-9][0-9].txt"))
    for f in files:
        _run(nlp, f.read_text(encoding="utf-8"), "2022-05-20", timings=timings)
    timings["_docs"] = len(files)
    return timings


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=HERE / "gold" / "link_dev.jsonl")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--errors", action="store_true", help="list the wrong mentions on stderr")
    ap.add_argument("--with-ner", action="store_true",
                    help="put rasid_ner before rasid_link even if the pipeline does not list it")
    args = ap.parse_args(argv)
    gold = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    nlp = load()
    if args.with_ner and "ner" not in nlp.pipe_names:
        import rasid.pipeline.ner  # noqa: F401  (registers rasid_ner)
        from rasid.pipeline import build
        nlp = build()
        nlp.add_pipe("rasid_ner", name="ner", before="link")
    figures: dict[str, float] = {}
    table = Table(title=f"rasid_link on {len(gold)} documents, "
                        f"{sum(len(g['mentions']) for g in gold)} gold mentions")
    for col in ("setting", "mentions", "accuracy", "names", "titles", "state adj.",
                "entity P", "entity R", "entity F1", "NIL splits"):
        table.add_column(col, justify="right" if col != "setting" else "left")
    for setting, oracle in (("oracle NER spans", True), ("pipeline", False)):
        errors: list = []
        key_name = "oracle" if oracle else "pipeline"
        by_kind, (p, r, f1), splits = evaluate(gold, nlp, oracle, errors)
        if args.errors:
            for e in errors:
                print("ERR", key_name, *e, file=sys.stderr)

        def acc(k, by_kind=by_kind):
            ok, n = by_kind.get(k, (0, 0))
            return (ok / n if n else 0.0), n
        a, n = acc("all")
        key = "oracle" if oracle else "pipeline"
        figures[f"{key}_accuracy"] = round(a, 4)
        figures[f"{key}_entity_f1"] = round(f1, 4)
        table.add_row(setting, str(n), f"{a:.1%}",
                      "{:.1%} ({})".format(*acc("name")), "{:.1%} ({})".format(*acc("title")),
                      "{:.1%} ({})".format(*acc("nisba")), f"{p:.1%}", f"{r:.1%}", f"{f1:.1%}",
                      str(splits))
    console = Console(width=150)
    if not args.json:
        console.print(table)
    if not args.no_speed:
        t = speed(nlp)
        total = sum(v for k, v in t.items() if not k.startswith("_"))
        share = t["link"] / total if total else 0.0
        figures["link_share"] = round(share, 4)
        figures["link_ms_per_doc"] = round(1000 * t["link"] / t["_docs"], 2)
        if not args.json:
            st = Table(title=f"pipeline time on {t['_docs']:.0f} corpus articles")
            st.add_column("component")
            st.add_column("ms/doc", justify="right")
            st.add_column("share", justify="right")
            for name, _ in nlp.pipeline:
                st.add_row(name, f"{1000 * t[name] / t['_docs']:.1f}", f"{t[name] / total:.1%}")
            console.print(st)
    if args.json:
        print(json.dumps(figures, indent=2))
    floors_file = HERE / "baselines.json"
    floors = json.loads(floors_file.read_text()).get("link", {}) if floors_file.exists() else {}
    failed = [f"{k}: {figures[k]} < floor {v}" for k, v in floors.items()
              if k in figures and not k.endswith("_share") and figures[k] < v]
    failed += [f"{k}: {figures[k]} > ceiling {v}" for k, v in floors.items()
               if k.endswith("_share") and k in figures and figures[k] > v]
    for f in failed:
        print(f"REGRESSION {f}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
