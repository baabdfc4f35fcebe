"""Word-level clitic segmentation accuracy of rasid.text.tokenize on UD Arabic PUD.

PUD writes each orthographic word as syntactic words joined by SpaceAfter=No ("ل" + "أوباما",
"نشرت" + "ها"), all exact substrings, so the gold segmentation of every space-delimited word
can be read directly. rasid's rules were not fitted on PUD, so the whole treebank is test data.
A word counts as correct when rasid produces exactly the gold pieces.

    python bench/segmentation_eval.py [--conllu ../shared/data/ud-arabic-pud/ar_pud-ud-test.conllu]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter

from rasid.text.tokenize import tokenize

ARABIC = re.compile(r"^[\u0621-\u064A\u0640\u064B-\u065F\u0670\u0671-\u06D3]+$")


def gold_words(path: str):
    """Yield lists of gold pieces for each orthographic Arabic word."""
    pieces: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                if pieces:
                    yield pieces
                pieces = []
                continue
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            form, misc = cols[1], cols[9]
            if not ARABIC.match(form):
                if pieces:
                    yield pieces
                pieces = []
                continue
            pieces.append(form)
            if "SpaceAfter=No" not in misc:
                yield pieces
                pieces = []
    if pieces:
        yield pieces


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--conllu", default="../shared/data/ud-arabic-pud/ar_pud-ud-test.conllu")
    ap.add_argument("--errors", type=int, default=0, help="print the N most frequent errors")
    args = ap.parse_args(argv)
    total = correct = split_total = split_correct = 0
    errors: Counter[tuple[str, str, str]] = Counter()
    for pieces in gold_words(args.conllu):
        word = "".join(pieces)
        pred = [t.text for t in tokenize(word)]
        total += 1
        ok = pred == pieces
        correct += ok
        if len(pieces) > 1:
            split_total += 1
            split_correct += ok
        if not ok:
            errors[(word, "+".join(pieces), "+".join(pred))] += 1
    print(f"words: {total}  accuracy: {100 * correct / total:.2f}%  "
          f"(words with clitics: {split_total}, of which correct {100 * split_correct / max(1, split_total):.2f}%)")
    for (word, gold, pred), n in errors.most_common(args.errors):
        print(f"{n:4d}  {word}  gold={gold}  rasid={pred}")


if __name__ == "__main__":
    main()
