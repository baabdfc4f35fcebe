"""Expand the hand-written linking annotations (bench/gold/link_dev.src.tsv) into
bench/gold/link_dev.jsonl with character spans into ../shared/corpus/NNN.txt.

Source format (written by hand, by reading each article):
    @ 001 2022-05-17                       a document and the anchor date used for titles
    surface<TAB>type<TAB>kb_id|NIL<TAB>name_en<TAB>kind<TAB>occurrences
kind is name (a proper name), title (an office title standing alone, resolved at the anchor
date) or nisba (a nationality adjective standing for the state). occurrences is "all" or a
comma list of 1-based occurrence numbers of the surface in the text (a surface counts where
it starts a word, after an optional clitic و ف ب ل ك, and ends one; "الأمم" also matches the
"لأمم" of "للأمم", where the article's alef is elided after the clitic ل). Where surfaces overlap,
the longer wins.

    python bench/make_link_gold.py              # rewrites bench/gold/link_dev.jsonl
    python bench/make_link_gold.py link_test    # rewrites bench/gold/link_test.jsonl
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus"
_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3A-Za-z0-9]")


def occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    out = []
    for m in re.finditer(re.escape(surface), text):
        s, e = m.start(), m.end()
        before = text[max(0, s - 2):s]
        ok_before = s == 0 or not _LETTER.match(text[s - 1]) or (
            text[s - 1] in "وفبلك" and (s < 2 or not _LETTER.match(text[s - 2])
                                      or before in ("وب", "ول", "فل", "وك", "فب")))
        ok_after = e == len(text) or not _LETTER.match(text[e])
        if ok_before and ok_after:
            out.append((s, e))
    if surface.startswith("ال"):  # "للأمم المتحدة" = ل + الأمم: the span starts at the 2nd lam
        for m in re.finditer(re.escape(surface[1:]), text):
            s, e = m.start(), m.end()
            if (s > 0 and text[s - 1] == "ل" and (s < 2 or not _LETTER.match(text[s - 2])
                                                  or text[s - 2] in "وف")
                    and (e == len(text) or not _LETTER.match(text[e]))):
                out.append((s, e))
    return sorted(out)


def main() -> int:
    name = sys.argv[1] if len(sys.argv) > 1 else "link_dev"
    src = HERE / "gold" / f"{name}.src.tsv"
    docs: list[dict] = []
    for lineno, raw in enumerate(src.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        if raw.startswith("@"):
            _, stem, published = raw.split()
            text = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
            docs.append({"file": f"{stem}.txt", "published": published, "mentions": [],
                         "_text": text})
            continue
        surface, type_, kb_id, name_en, kind, occ = raw.split("\t")
        doc = docs[-1]
        spans = occurrences(doc["_text"], surface)
        if not spans:
            print(f"line {lineno}: {surface!r} not found in {doc['file']}", file=sys.stderr)
            return 1
        picked = spans if occ == "all" else [spans[int(n) - 1] for n in occ.split(",")]
        for s, e in picked:
            doc["mentions"].append({"start": s, "end": e, "text": doc["_text"][s:e],
                                    "type": type_, "kb_id": kb_id, "name_en": name_en,
                                    "kind": kind})
    out = HERE / "gold" / f"{name}.jsonl"
    total = 0
    with out.open("w", encoding="utf-8") as fh:
        for doc in docs:
            ms = sorted(doc["mentions"], key=lambda m: (m["start"], -(m["end"] - m["start"])))
            kept: list[dict] = []
            for m in ms:  # longer surfaces win over ones nested inside them
                if any(k["start"] <= m["start"] and m["end"] <= k["end"] and k is not m
                       and (k["end"] - k["start"]) > (m["end"] - m["start"]) for k in kept):
                    continue
                kept.append(m)
            doc["mentions"] = kept
            total += len(kept)
            del doc["_text"]
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    print(f"{len(docs)} documents, {total} mentions -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
