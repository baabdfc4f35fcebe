"""Ingest speed, store size and query latency at 20,000 documents.

    .venv/bin/python bench/ingest_speed.py                    # 20,000 docs, 2 workers
    .venv/bin/python bench/ingest_speed.py --docs 2000 --e2e-docs 100 --json out.json

The corpus is synthetic: documents of 6-18 sentences recombined from ../shared/corpus
(about one in ten is a reprint of an earlier one with a new dateline and its last
sentences cut, so stories are exercised). Three measurements:

1. **End to end** (``--e2e-docs`` documents): the real ``rasid.store.ingest.ingest`` with the
   full pipeline on ``--workers`` processes: documents/s, the share of time spent in the
   store, peak memory of the writer and of one worker.
2. **Store at scale** (``--docs`` documents): analysing 20,000 documents takes the pipeline
   far longer than the store, so the records here are assembled from the analysed sentences
   of the 60 articles (each article is analysed once; a synthetic document's record is the
   concatenation of its sentences' facts with shifted offsets). They are upserted the way
   ingest does (``prepare`` then ``upsert`` in batches of 64): documents/s, the time per
   1,000 documents as the store grows (flat = no slowdown), writer memory as it grows,
   database size per 1,000 documents.
3. **Queries** on the 20,000-document store: p50/p95 latency of search, entity page,
   quotes, events and timeline over the most frequent names.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
sys.path.insert(0, str(REPO / "src"))

from rasid.document import (  # noqa: E402
    DocumentRecord,
    Entity,
    Event,
    Quote,
    Sentence,
    Span,
    TimeExpression,
    validate,
)
from rasid.text import split_sentences  # noqa: E402


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def articles() -> list[str]:
    files = sorted(CORPUS.glob("[0-9][0-9][0-9].txt"))
    if not files:
        sys.exit(f"no articles in {CORPUS}")
    return [f.read_text(encoding="utf-8") for f in files]


# ------------------------------------------------------------------------ synthetic corpus

def plan(n: int, n_sentences: list[int], seed: int = 7) -> list[dict]:
    """For each synthetic doc: id, published and the (article, sentence) pairs it uses."""
    rng = random.Random(seed)
    pool = [(a, s) for a, k in enumerate(n_sentences) for s in range(k)]
    docs: list[dict] = []
    for i in range(n):
        day = 1 + rng.randrange(365 * 4)
        published = time.strftime("%Y-%m-%d", time.gmtime((18262 + day) * 86400))
        if docs and rng.random() < 0.1:                    # a reprint of an earlier story
            src = docs[rng.randrange(len(docs))]
            parts = src["parts"][:max(3, len(src["parts"]) - 2)]
            docs.append({"id": f"syn{i:06d}", "published": published, "parts": parts,
                         "dateline": True})
            continue
        k = rng.randint(6, 18)
        docs.append({"id": f"syn{i:06d}", "published": published,
                     "parts": [pool[rng.randrange(len(pool))] for _ in range(k)],
                     "dateline": False})
    return docs


DATELINE = "عواصم (وكالات) - "


def doc_text(d: dict, sentences: list[list[str]]) -> str:
    body = " ".join(sentences[a][s] for a, s in d["parts"])
    return (DATELINE + body) if d["dateline"] else body


def write_jsonl(path: Path, docs: list[dict], sentences: list[list[str]]) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps({"id": d["id"], "published": d["published"],
                                 "text": doc_text(d, sentences)}, ensure_ascii=False) + "\n")


# ------------------------------------------------------------------------ sentence facts

def sentence_facts(texts: list[str], nlp) -> tuple[list[list[str]], list[list[dict]]]:
    """Analyse each article once; cut its record into per-sentence facts (local offsets)."""
    from rasid.pipeline import analyze

    all_sents, all_facts = [], []
    for a, text in enumerate(texts):
        rec = analyze(text, "2022-05-15", nlp=nlp)
        spans = [(s.start, s.end) for s in rec.sentences] or split_sentences(text)
        sents, facts = [], []
        for s0, s1 in spans:
            sents.append(text[s0:s1])
            inside = lambda st, en, s0=s0, s1=s1: s0 <= st and en <= s1  # noqa: E731
            ents = {}
            for e in rec.entities:
                ms = [(m.start - s0, m.end - s0, m.text) for m in e.mentions
                      if inside(m.start, m.end)]
                if ms:
                    ents[e.id] = {"key": (a, e.id), "type": e.type, "name": e.name,
                                  "name_en": e.name_en, "kb_id": e.kb_id, "mentions": ms}
            facts.append({
                "entities": ents,
                "quotes": [(q.kind, q.start - s0, q.end - s0, q.text, q.speaker, q.verb)
                           for q in rec.quotes if inside(q.start, q.end)],
                "events": [(v.type, v.mode, v.trigger.start - s0, v.trigger.end - s0,
                            v.trigger.text, v.actor, v.target, v.location, v.time,
                            v.negated, v.hypothetical)
                           for v in rec.events if inside(v.trigger.start, v.trigger.end)],
                "times": {t.id: (t.type, t.start - s0, t.end - s0, t.text, t.value)
                          for t in rec.times if inside(t.start, t.end)},
            })
        all_sents.append(sents)
        all_facts.append(facts)
    return all_sents, all_facts


def assemble(d: dict, sentences, facts) -> DocumentRecord:
    """The record of a synthetic document from its sentences' facts."""
    text = DATELINE if d["dateline"] else ""
    ents: dict[tuple, Entity] = {}
    quotes, events, times, sents = [], [], [], []
    for j, (a, s) in enumerate(d["parts"]):
        if j:
            text += " "
        off = len(text)
        text += sentences[a][s]
        sents.append(Sentence(off, len(text)))
        f = facts[a][s]
        local: dict[str, str] = {}
        for eid, e in f["entities"].items():
            key = e["kb_id"] or (a, e["name"])
            if key not in ents:
                ents[key] = Entity(f"e{len(ents) + 1}", e["type"], e["name"], [],
                                   e["name_en"], e["kb_id"], 0.9)
            ents[key].mentions += [Span(st + off, en + off, t) for st, en, t in e["mentions"]]
            local[eid] = ents[key].id
        tmap = {}
        for tid, (typ, st, en, t, val) in f["times"].items():
            tmap[tid] = f"t{len(times) + 1}"
            times.append(TimeExpression(tmap[tid], typ, st + off, en + off, t, val))
        for kind, st, en, t, spk, verb in f["quotes"]:
            quotes.append(Quote(f"q{len(quotes) + 1}", kind, st + off, en + off, t,
                                speaker=local.get(spk), verb=verb))
        for typ, mode, st, en, t, act, tgt, loc, tim, neg, hyp in f["events"]:
            events.append(Event(f"v{len(events) + 1}", typ, Span(st + off, en + off, t),
                                len(sents) - 1, mode=mode, actor=local.get(act),
                                target=local.get(tgt), location=local.get(loc),
                                time=tmap.get(tim), negated=neg, hypothetical=hyp))
    return DocumentRecord(id=d["id"], text=text, source="bench", published=d["published"],
                          title=text[:80], sentences=sents, entities=list(ents.values()),
                          quotes=quotes, events=events, times=times)


# ------------------------------------------------------------------------ measurements

def bench_e2e(jsonl: Path, n: int, workers: int, tmp: Path) -> dict:
    from rasid.store.ingest import ingest

    sample = tmp / "e2e.jsonl"
    with gzip.open(jsonl, "rt", encoding="utf-8") as src, open(sample, "w",
                                                               encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= n:
                break
            dst.write(line)
    stats = ingest([sample], tmp / "e2e.db", workers=workers, batch=64)
    return {"docs": stats.stored, "errors": stats.errors, "seconds": round(stats.elapsed, 1),
            "docs_per_s": round(stats.docs_per_second, 2),
            "store_share": round(stats.store_seconds / max(stats.elapsed, 1e-9), 4),
            "writer_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "worker_peak_mb": round(stats.worker_peak_mb)}


def bench_store(docs, sentences, facts, db: Path) -> dict:
    from rasid.store import Store
    from rasid.store.db import prepare

    per_k, mem = [], []
    total_store = 0.0
    with Store(db) as store:
        t_chunk = 0.0
        for i in range(0, len(docs), 64):
            recs = [assemble(d, sentences, facts) for d in docs[i:i + 64]]
            preps = [prepare(r) for r in recs]          # ingest does this in its workers
            t = time.perf_counter()
            with store.transaction():
                for r, p in zip(recs, preps, strict=True):
                    store.upsert(r, prepared=p)
            total_store += time.perf_counter() - t
            done = min(i + 64, len(docs))
            if done // 1000 != (done - 64) // 1000 or done == len(docs):
                per_k.append(total_store - t_chunk)     # writer seconds for these docs
                t_chunk = total_store
                mem.append((done, round(rss_mb())))
        store.optimize()
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        n = store.count()
    size = db.stat().st_size
    return {"docs": n, "store_docs_per_s": round(n / total_store, 1),
            "ms_per_doc": round(1000 * total_store / n, 2),
            "s_per_1000_first": round(per_k[0], 2), "s_per_1000_last": round(per_k[-1], 2),
            "mb_per_1000_docs": round(size / 2**20 / n * 1000, 2),
            "db_mb": round(size / 2**20, 1), "writer_rss_mb": mem}


def bench_queries(db: Path, sentences, runs: int) -> dict:
    from rasid.store import Store, queries

    rng = random.Random(3)
    out = {}
    with Store(db, readonly=True) as store:
        top = [r[0] for r in store.conn.execute(
            "SELECT entity_key FROM doc_entities GROUP BY entity_key "
            "ORDER BY COUNT(*) DESC LIMIT 20")]
        names = [store.conn.execute("SELECT name FROM entities WHERE key = ?",
                                    (k,)).fetchone()[0] for k in top] or ["روسيا"]
        actors = [r[0] for r in store.conn.execute(
            "SELECT a.name FROM events e JOIN entities a ON a.key = e.actor_key "
            "GROUP BY e.actor_key ORDER BY COUNT(*) DESC LIMIT 10")] or names
        speakers = [r[0] for r in store.conn.execute(
            "SELECT s.name FROM quotes q JOIN entities s ON s.key = q.speaker_key "
            "GROUP BY q.speaker_key ORDER BY COUNT(*) DESC LIMIT 10")] or names
        words = [w for sents in sentences for s in sents for w in s.split() if len(w) > 4]
        cases = {
            "search": lambda: queries.search(store, " ".join(rng.sample(words, 2)), limit=20),
            "search (1 word)": lambda: queries.search(store, rng.choice(words), limit=20),
            "entity": lambda: queries.entity_page(store, rng.choice(names)),
            "quotes --speaker": lambda: queries.quotes(store, speaker=rng.choice(speakers),
                                                       limit=50, once_per_story=True),
            "events --actor --type": lambda: queries.events(
                store, actor=rng.choice(actors), type="ASSAULT", limit=100,
                once_per_story=True),
            "events --since --until": lambda: queries.events(
                store, since="2021-03", until="2021-05", limit=100),
            "timeline": lambda: queries.timeline(store, rng.choice(names), limit=200),
        }
        for name, fn in cases.items():
            fn()                                         # warm the page cache
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                fn()
                times.append(1000 * (time.perf_counter() - t))
            times.sort()
            out[name] = {"p50_ms": round(statistics.median(times), 1),
                         "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1)}
    return out


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=20000)
    ap.add_argument("--e2e-docs", type=int, default=300)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--runs", type=int, default=50, help="runs per query kind")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--keep", type=Path, help="keep the 20,000-doc store at this path")
    args = ap.parse_args(argv)

    from rasid.pipeline import load

    texts = articles()
    t = time.perf_counter()
    nlp = load()
    sentences, facts = sentence_facts(texts, nlp)
    analysis_s = time.perf_counter() - t
    docs = plan(args.docs, [len(s) for s in sentences])
    for d in docs[:50]:                      # the assembled records are valid records
        validate(assemble(d, sentences, facts))
    results: dict = {"pipeline": [n for n, _ in nlp.pipeline],
                     "analysis_60_articles_s": round(analysis_s, 1)}
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        jsonl = tmp / "synthetic.jsonl.gz"
        write_jsonl(jsonl, docs[:args.e2e_docs], sentences)
        if args.e2e_docs:
            results["e2e"] = bench_e2e(jsonl, args.e2e_docs, args.workers, tmp)
        db = args.keep or tmp / "scale.db"
        if db.exists():
            os.remove(db)
        results["store"] = bench_store(docs, sentences, facts, db)
        results["queries"] = bench_queries(db, sentences, args.runs)
    report(results)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    return results


def report(r: dict) -> None:
    print(f"pipeline: {', '.join(r['pipeline'])}")
    if "e2e" in r:
        e = r["e2e"]
        print(f"\nend to end ({e['docs']} docs, full pipeline): {e['docs_per_s']} docs/s; "
              f"store {100 * e['store_share']:.1f}% of the time; peak memory writer "
              f"{e['writer_peak_mb']} MB, worker {e['worker_peak_mb']} MB; errors {e['errors']}")
    s = r["store"]
    print(f"\nstore at {s['docs']} docs: {s['store_docs_per_s']} docs/s "
          f"({s['ms_per_doc']} ms/doc); s per 1,000 docs first {s['s_per_1000_first']} "
          f"→ last {s['s_per_1000_last']}; {s['mb_per_1000_docs']} MB per 1,000 docs "
          f"({s['db_mb']} MB)")
    print("writer RSS (docs, MB): " + " ".join(f"{d}:{m}" for d, m in s["writer_rss_mb"]))
    print(f"\n{'query':<26}{'p50 ms':>8}{'p95 ms':>8}")
    for name, q in r["queries"].items():
        print(f"{name:<26}{q['p50_ms']:>8}{q['p95_ms']:>8}")


if __name__ == "__main__":
    main()
