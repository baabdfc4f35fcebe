"""Build ``src/rasid/resources/ner/token_classes.tsv``: the NER model's gazetteer feature.

Each line maps a token's orthographic key (:func:`rasid.ner.features.token_norm`) to the
name lists it belongs to: FIRST / LAST (person first and family names), GPE / GPEPART
(single-word place names, words of longer ones), LOC / LOCPART, NISBA (nationality
adjectives: "الروسي", "إيرانية"), TITLE (role words before names), ORGHEAD / ORGPART
(organisation head nouns, words of organisation names), and with ``--news`` (an experiment,
off for the shipped model: MODEL_CARD.md) NEWSPER / NEWSENT: words rasid's own NER, run over
ten million words of raw news, puts inside a person / inside some other entity at least
seven times in ten (``NEWS_SHARE``, from ``resources/ner/person_share.tsv.gz``). The model
embeds this class string as one more feature, so an unseen "رامسفيلد" after "الأمريكي" or a first name it
never saw in training still looks like part of a name: the corpora (125k tokens) cannot
teach every name, and lists can.

Sources (all packaged or MIT/ODbL; nothing from the test corpora):
- ../shared/data/arabic-names-akhateeb (MIT): ~450 Arabic first names, 46 family names;
- with ``--news``, resources/ner/person_share.tsv.gz: how often the shipped component put
  each word inside a person or any entity on ANT news (Apache-2.0, training/ner/
  person_share.py), so the classes of a retrained model come from its predecessor's counts
  over 10 M words: a name ANERcorp's 125k tokens never show ("خاشقجي") is still one news
  writes as a name;
- rasid's KB seeds in src/rasid/resources/kb/ (people, countries + nisba adjectives, places,
  organisations, titles) and NER lists in src/rasid/resources/ner/ (countries, gpe_extra,
  loc, titles, org_heads).

    python training/ner/build_token_classes.py [--data ../shared/data]

The trained model stores its own copy of the table (tokenizer/token_classes.tsv), so
editing the resource changes nothing until the model is retrained.
"""

from __future__ import annotations

import argparse
import csv
from collections import defaultdict
from pathlib import Path

from rasid.ner.features import token_norm
from rasid.resources import read_table
from rasid.text import tokenize

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src" / "rasid" / "resources" / "ner" / "token_classes.tsv"
# name particles: part of many names, never a name on their own
# a word is NEWSPER / NEWSENT when seen this often in raw news and inside a person / any
# entity at least this share of the time (person_share.tsv.gz); lower shares are words that
# are names only sometimes ("صلاح", "أمل") and tell the model nothing reliable
NEWS_MIN_TOTAL = 3
NEWS_SHARE = 0.7
PARTICLES = {"بن", "ابن", "بنت", "ابو", "ابي", "عبد", "ال", "الله", "الدين", "دي", "دا", "فان"}


def words(name: str) -> list[str]:
    """Orthographic keys of a name's tokens (clitics split as the pipeline splits them)."""
    return [token_norm(t.text) for t in tokenize(name.strip()) if any(c.isalpha() for c in t.text)]


def rows(relative: str, header: bool) -> list[list[str]]:
    out = list(read_table(relative))
    return out[1:] if header else out


def aliases(cell: str) -> list[str]:
    return [a for a in cell.split("|") if a and not a.startswith("~")]


def add_name(classes: dict[str, set[str]], name: str, single: str, part: str) -> None:
    ws = words(name)
    if len(ws) == 1:
        classes[ws[0]].add(single)
    else:
        for w in ws:
            if w not in PARTICLES and len(w) > 1:
                classes[w].add(part)


def add_person(classes: dict[str, set[str]], name: str) -> None:
    ws = [w for w in words(name) if len(w) > 1]
    if not ws:
        return
    if len(ws) == 1:  # a name used alone ("بوتين", "مادورو") is a family name
        classes[ws[0]].add("LAST")
        return
    if ws[0] not in PARTICLES:
        classes[ws[0]].add("FIRST")
    if ws[-1] not in PARTICLES:
        classes[ws[-1]].add("LAST")


def nisba_forms(base: str) -> list[str]:
    stem = base[:-1] if base.endswith("ي") else base
    return [stem + s for s in ("ي", "ية", "يه", "يون", "يين", "يان", "يتان")]


def add_news_counts(classes: dict[str, set[str]]) -> None:
    """NEWSPER / NEWSENT from the shipped component's counts on raw news, read through the
    NER component's own readers of person_share.tsv.gz."""
    from rasid.ner.lexicon import entity_share, person_share

    entities = entity_share()
    for key, (person, total) in person_share().items():
        if total < NEWS_MIN_TOTAL or key in PARTICLES:
            continue
        if person >= NEWS_SHARE * total:
            classes[key].add("NEWSPER")
        elif entities.get(key, (0, total))[0] >= NEWS_SHARE * total:
            classes[key].add("NEWSENT")


def build(data: Path, news: bool = False) -> dict[str, set[str]]:
    classes: dict[str, set[str]] = defaultdict(set)
    if news:
        add_news_counts(classes)
    names = data / "arabic-names-akhateeb"
    for fname, cls in (("male-first--names-in-arabic.txt", "FIRST"),
                       ("female-first-names-in-arabic.txt", "FIRST"),
                       ("last-names-in-arabic.txt", "LAST")):
        for line in (names / fname).read_text(encoding="utf-8-sig").splitlines():
            for w in words(line):
                if w not in PARTICLES:
                    classes[w].add(cls)
    with (names / "200-Arabic-Names-UTF8.csv").open(encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            for col, cls in (("Male", "FIRST"), ("Female", "FIRST"), ("Lastname", "LAST")):
                for w in words(row.get(col) or ""):
                    if w not in PARTICLES:
                        classes[w].add(cls)
    for row in rows("kb/people.tsv", header=True):
        for name in [row[3], *aliases(row[4])]:
            add_person(classes, name)
    for row in rows("kb/countries.tsv", header=True):
        for name in [row[3], *aliases(row[4])]:
            add_name(classes, name, "GPE", "GPEPART")
        for base in aliases(row[5]):
            for form in nisba_forms(token_norm(base)):
                classes[form].add("NISBA")
                classes["ال" + form].add("NISBA")
    for row in rows("ner/countries.tsv", header=False):
        add_name(classes, row[0], "GPE", "GPEPART")
    for row in rows("ner/gpe_extra.tsv", header=False):
        add_name(classes, row[0], "GPE", "GPEPART")
    for row in rows("ner/loc.tsv", header=False):
        add_name(classes, row[0], "LOC", "LOCPART")
    for row in rows("kb/places.tsv", header=True):
        kind = "LOC" if row[2] == "LOC" else "GPE"
        for name in [row[4], *aliases(row[5])]:
            add_name(classes, name, kind, kind + "PART")
    for row in rows("kb/orgs.tsv", header=True):
        for name in [row[5], *aliases(row[6])]:
            for w in words(name):
                if w not in PARTICLES and len(w) > 2:
                    classes[w].add("ORGPART")
    for row in rows("ner/org_heads.txt", header=False):
        for w in words(row[0])[:1]:
            classes[w].add("ORGHEAD")
    for row in rows("ner/titles.txt", header=False):
        for w in words(row[0])[:1]:
            classes[w].add("TITLE")
    for row in rows("kb/titles.tsv", header=True):
        for w in words(row[0])[:1]:
            classes[w].add("TITLE")
    return classes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--news", action="store_true",
                    help="add the NEWSPER / NEWSENT classes from person_share.tsv.gz "
                         "(experiment; train.sh NEWS_CLASSES=1)")
    args = ap.parse_args(argv)
    classes = build(args.data, news=args.news)
    lines = [
        "# NER gazetteer feature: orthographic token key -> the name lists it is in ('+'-joined).",
        "# Built by training/ner/build_token_classes.py from arabic-names-akhateeb (MIT) and",
        "# rasid's KB/NER seeds (see those files for sources and licences). version 1.",
        "# The trained model keeps its own copy (model/tokenizer/token_classes.tsv).",
    ]
    for key in sorted(classes):
        if key:
            lines.append(f"{key}\t{'+'.join(sorted(classes[key]))}")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines) - 4} tokens -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
