"""Side by side: rasid's trigger lexicon vs UniversalPetrarch's Arabic verb dictionary.

    .venv/bin/python bench/event_up_baseline.py [--gold bench/gold/events_test.jsonl]

UniversalPetrarch (openeventdata, MIT) codes events from Universal Dependencies parses with
its CAMEO verb dictionary (`../shared/data/universalpetrarch-arabic-dicts/CAMEO.ar.0.5.txt`)
and actor dictionaries. Its parser pipeline (CoreNLP segmenter + UDPipe 1.0) is not available
here, so this is a *dictionary-only* approximation: every verb lemma and synonym that carries a
CAMEO code in the dictionary (patterns ignored) is conjugated with rasid's own generator
(past forms; imperfect as ي + the lemma without its initial alef), matched over rasid's
tokens, and its CAMEO root mapped to PLOVER (table below). Only triggers and categories are
compared: the approximation has no actor/target attachment. It needs ../shared/data.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
UP = REPO.parent / "shared" / "data" / "universalpetrarch-arabic-dicts" / "CAMEO.ar.0.5.txt"
sys.path.insert(0, str(REPO / "bench"))

# CAMEO root -> PLOVER category (after openeventdata's PLOVER/CAMEO correspondence; 01 public
# statements and 09 investigations have no PLOVER category). Longer prefixes win.
CAMEO_TO_PLOVER = {
    "02": "REQUEST", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "057": "AGREE",
    "06": "COOPERATE", "07": "AID", "08": "CONCEDE", "087": "RETREAT", "10": "REQUEST",
    "11": "ACCUSE", "12": "REJECT", "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE",
    "16": "SANCTION", "17": "COERCE", "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT",
}


def plover(code: str) -> str | None:
    for n in (3, 2):
        if code[:n] in CAMEO_TO_PLOVER:
            return CAMEO_TO_PLOVER[code[:n]]
    return None


def load_up_lexicon(path: Path = UP) -> dict[str, str]:
    """surface key -> PLOVER category from the coded lemmas and synonyms of the dictionary."""
    from rasid.events.lexicon import key, verb_forms

    # priority: a block's own lemma and code, then synonyms with their own code, then
    # synonyms inheriting the block's default code
    ranked: dict[str, tuple[int, str]] = {}

    def put(lemma: str, code: str, rank: int) -> None:
        if lemma not in ranked or rank < ranked[lemma][0]:
            ranked[lemma] = (rank, code)

    block_code: str | None = None
    in_verbs = False
    for raw in path.read_text(encoding="utf-8").splitlines():
        if "VERB PATTERNS" in raw:
            in_verbs = True
            continue
        if not in_verbs:
            continue
        if m := re.match(r"---\s+(\S+)\s+\[([^\]]*)\]\s+---", raw):
            block_code = m.group(2) if m.group(2).strip("-") else None
            if block_code:
                put(m.group(1), block_code, 0)
            continue
        line = raw.split("#")[0].rstrip()
        if not line.strip() or line.lstrip().startswith("-"):
            continue
        m = re.match(r"\s*(\S+)(?:\s+\[(\d+)\])?", line)
        if m and m.group(2):
            put(m.group(1), m.group(2), 1)
        elif m and block_code:
            put(m.group(1), block_code, 2)
    lemma_codes = {lemma: code for lemma, (_, code) in ranked.items()}
    table: dict[str, str] = {}
    for lemma, code in lemma_codes.items():
        cat = plover(code)
        word = lemma.split("+")[0]
        if cat is None or "_" in word or len(word) < 2:
            continue
        past = key(word)
        impf = "ي" + (past[1:] if past[:1] == "ا" else past)
        for form in verb_forms(past, impf):
            table.setdefault(form, cat)
    return table


def code_up(text: str, table: dict[str, str]) -> list[tuple[int, int, str]]:
    from rasid.events.lexicon import candidates
    from rasid.text import tokenize

    out = []
    for t in tokenize(text):
        cat = next((table[c] for c in candidates(t.text) if c in table), None)
        if cat:
            out.append((t.start, t.end, cat))
    return out


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return 100 * p, 100 * r, (200 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str] | None = None) -> int:
    from event_eval import CORPUS, GOLD, evaluate, load_gold

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    args = ap.parse_args(argv)
    if not UP.exists():
        print(f"{UP} not found (needs ../shared/data)", file=sys.stderr)
        return 2
    table = load_up_lexicon()
    gold = load_gold(args.gold)
    n_gold = n_pred = trig_tp = cat_tp = 0
    for fname, golds in gold.items():
        preds = code_up((CORPUS / fname).read_text(encoding="utf-8"), table)
        n_gold += len(golds)
        n_pred += len(preds)
        used: set[int] = set()
        for g in golds:
            gs, ge = g["trigger"]["start"], g["trigger"]["end"]
            over = [n for n, (s, e, _) in enumerate(preds) if n not in used and s < ge and gs < e]
            if not over:
                continue
            n = next((n for n in over if preds[n][2] == g["type"]), over[0])
            used.add(n)
            trig_tp += 1
            cat_tp += preds[n][2] == g["type"]
    ours = evaluate("gold", gold_path=args.gold)
    by_cat: dict[str, int] = defaultdict(int)
    for cat in table.values():
        by_cat[cat] += 1
    print(f"gold: {args.gold.name} ({n_gold} events); UP dictionary: {len(table)} surface "
          f"forms over {len(by_cat)} PLOVER categories")
    print(f"{'coder':<34}{'trig P':>8}{'R':>7}{'F1':>7}{'cat P':>8}{'R':>7}{'F1':>7}")
    up_t, up_c = prf(trig_tp, n_pred, n_gold), prf(cat_tp, n_pred, n_gold)
    print(f"{'UP verb dictionary (approx.)':<34}" + "".join(f"{x:7.1f} " for x in up_t + up_c))
    print(f"{'rasid lexicon + patterns':<34}" + "".join(
        f"{ours[k]:7.1f} " for k in ("trigger_p", "trigger_r", "trigger_f1", "category_p",
                                      "category_r", "category_f1")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
