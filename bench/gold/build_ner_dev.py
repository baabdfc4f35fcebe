"""Build bench/gold/ner_dev.jsonl from the hand annotation in bench/gold/ner_dev.annot.

    python bench/gold/build_ner_dev.py [--show] [--test | --test2]
    (--show: print each excerpt's entities; --test / --test2: the held-out ner_test.annot
    or ner_test2.annot instead)

Output: one JSON line per excerpt: {"file", "start", "end", "entities": [{"start", "end",
"type", "text"}]}; offsets are into the whole article (../shared/corpus/FILE), so the gold
carries no article text beyond the entity names themselves.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[2] / "shared" / "corpus"
PROCLITICS = "وفبلك"
LETTER = re.compile(r"[\u0621-\u064A\u0660-\u0669\u066E-\u06D3A-Za-z0-9]")


def _boundary_before(text: str, i: int) -> bool:
    j, n = i, 0
    while j > 0 and text[j - 1] in PROCLITICS and n < 2:
        j -= 1
        n += 1
    return j == 0 or not LETTER.match(text[j - 1])


def occurrences(text: str, surface: str) -> list[int]:
    out, i = [], text.find(surface)
    while i >= 0:
        end = i + len(surface)
        if _boundary_before(text, i) and (end == len(text) or not LETTER.match(text[end])):
            out.append(i)
        i = text.find(surface, i + 1)
    return out


def parse(path: Path) -> list[dict]:
    items: list[dict] = []
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            _, file, start, end = line.split()
            items.append({"file": file, "start": int(start), "end": int(end), "rules": []})
            continue
        parts = line.split("\t")
        which = {int(x) for x in parts[2].split(",")} if len(parts) > 2 else None
        items[-1]["rules"].append((parts[0], parts[1], which, lineno))
    return items


def build(items: list[dict]) -> list[dict]:
    out = []
    for item in items:
        article = (CORPUS / item["file"]).read_text(encoding="utf-8")
        text = article[item["start"]:item["end"]]
        cands = []
        for typ, surface, which, lineno in item["rules"]:
            occ = occurrences(text, surface)
            if not occ:
                raise SystemExit(f"ner_dev.annot:{lineno}: {surface!r} not in {item['file']}")
            for k, s in enumerate(occ, 1):
                if which is None or k in which:
                    cands.append((s, s + len(surface), typ))
        cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
        taken: list[tuple[int, int, str]] = []
        for s, e, typ in cands:
            if all(e <= a or s >= b for a, b, _ in taken):
                taken.append((s, e, typ))
        ents = [{"start": item["start"] + s, "end": item["start"] + e, "type": t,
                 "text": text[s:e]} for s, e, t in sorted(taken) if t != "-"]
        out.append({"file": item["file"], "start": item["start"], "end": item["end"],
                    "entities": ents})
    return out


def main(argv: list[str]) -> int:
    name = ("ner_test2" if "--test2" in argv else "ner_test" if "--test" in argv
            else "ner_dev")
    gold = build(parse(HERE / f"{name}.annot"))
    with (HERE / f"{name}.jsonl").open("w", encoding="utf-8") as f:
        for g in gold:
            f.write(json.dumps(g, ensure_ascii=False) + "\n")
    if "--show" in argv:
        for g in gold:
            article = (CORPUS / g["file"]).read_text(encoding="utf-8")
            print("==", g["file"], len(g["entities"]))
            for e in g["entities"]:
                ctx = article[max(0, e["start"] - 12):e["end"] + 8].replace("\n", " ")
                print(f"  {e['type']:6} {e['text']:30} | {ctx}")
    n = sum(len(g["entities"]) for g in gold)
    print(f"{len(gold)} excerpts, {n} entity mentions", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
