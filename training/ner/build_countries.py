"""Build src/rasid/resources/ner/countries.tsv from ../shared/data/countries-mledoze (ODbL 1.0).

    python training/ner/build_countries.py [--data ../shared/data]

Columns: name_ar (common and official forms, one row each), name_en, cca3.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "src/rasid/resources/ner/countries.tsv"
HEADER = """# Country names in Arabic (common and official forms) with English name and ISO alpha-3.
# source: mledoze/countries (countries_ar_en.tsv in ../shared/data/countries-mledoze),
# licence: ODbL 1.0 (database), built by training/ner/build_countries.py. version 1.
# Used by rasid.ner.geo (GPE vs LOC) and the gazetteer ruler.
# name_ar\tname_en\tcca3
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = ap.parse_args(argv)
    src = args.data / "countries-mledoze" / "countries_ar_en.tsv"
    rows: dict[str, tuple[str, str]] = {}
    with src.open(encoding="utf-8") as f:
        for rec in csv.DictReader(f, delimiter="\t"):
            for name in (rec["name_ar_common"], rec["name_ar_official"]):
                name = " ".join(name.split())
                if name and name not in rows:
                    rows[name] = (rec["name_en_common"], rec["cca3"])
    with OUT.open("w", encoding="utf-8") as f:
        f.write(HEADER)
        for name, (en, code) in rows.items():
            f.write(f"{name}\t{en}\t{code}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
