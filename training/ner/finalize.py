"""Copy a trained model into the package and stamp its meta.json (name, version, licence,
sources). Used by train.sh; MODEL_CARD.md beside the model is written by hand.

    python training/ner/finalize.py training/ner/work/model/model-best
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

DEST = Path(__file__).resolve().parents[2] / "src/rasid/resources/models/ner/model"
#: the gold corpora both NER models are trained on, and the licence they give the models
GOLD_LICENSE = "CC BY-SA 4.0 (trained on ANERcorp, CC BY-SA 4.0, and AQMAR, CC BY-SA 3.0)"
GOLD_SOURCES = [
    {"name": "ANERcorp (CAMeL Lab split)", "license": "CC BY-SA 4.0"},
    {"name": "AQMAR Arabic Wikipedia NER corpus", "license": "CC BY-SA 3.0"},
]
META = {
    "name": "rasid_ner",
    "version": "2.1.0",
    # the spaCy versions rasid supports (pyproject.toml); spaCy stamps the training version
    # as the lower bound, which would warn (W095) under the older 3.8 patch rasid pins
    "spacy_version": ">=3.8.2,<3.9.0",
    "description": "rasid's Arabic NER (PER ORG GPE LOC MISC) on clitic-aware tokens; "
                   "see ../MODEL_CARD.md",
    "license": GOLD_LICENSE,
    "sources": [
        *GOLD_SOURCES,
        {"name": "ANT corpus v2.1 (word vectors; self-training sentences labelled by the "
                 "stage-0 model with rasid's rules)", "license": "Apache-2.0"},
        {"name": "arabic-names-akhateeb (gazetteer feature: first and family names)",
         "license": "MIT"},
    ],
}


def main(argv: list[str]) -> int:
    src = Path(argv[0])
    if DEST.exists():
        shutil.rmtree(DEST)
    shutil.copytree(src, DEST)
    meta_path = DEST / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(META)
    digest = hashlib.sha256()
    for f in sorted(p for p in DEST.rglob("*") if p.is_file() and p.name != "meta.json"):
        digest.update(f.relative_to(DEST).as_posix().encode())
        digest.update(f.read_bytes())
    meta["rasid_sha256"] = digest.hexdigest()
    # per-file manifest: the loader names exactly which file is missing or damaged
    from rasid.ner.model_files import file_digests

    meta["rasid_files"] = file_digests(DEST)
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(f"model copied to {DEST} (sha256 {meta['rasid_sha256'][:12]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
