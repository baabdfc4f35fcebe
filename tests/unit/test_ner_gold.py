"""bench/gold NER sets: each .jsonl is exactly what its hand annotation (.annot) builds.

The scores in docs/accuracy.md come from the .jsonl files; the .annot files are what people
edit. A .jsonl edited by hand, or an .annot changed without a rebuild, would make the
published figures unreproducible."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "bench" / "gold"
sys.path.insert(0, str(GOLD))

import build_ner_dev  # noqa: E402

pytestmark = pytest.mark.skipif(not build_ner_dev.CORPUS.exists(),
                                reason="../shared/corpus absent")


@pytest.mark.parametrize("name", ["ner_dev", "ner_test", "ner_test2"])
def test_gold_jsonl_is_built_from_its_annotation(name):
    built = build_ner_dev.build(build_ner_dev.parse(GOLD / f"{name}.annot"))
    stored = [json.loads(line) for line in
              (GOLD / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if line]
    assert stored == built


def test_held_out_excerpts_are_disjoint_from_dev():
    files = {name: {json.loads(line)["file"] for line in
                    (GOLD / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if line}
             for name in ("ner_dev", "ner_test", "ner_test2")}
    assert not files["ner_dev"] & files["ner_test"]
    assert not files["ner_dev"] & files["ner_test2"]
    assert not files["ner_test"] & files["ner_test2"]
    assert len(files["ner_test2"]) == 12



def test_raw_recall_gold_points_at_the_paragraphs_it_was_marked_on():
    sys.path.insert(0, str(REPO / "bench"))
    import ner_raw_recall

    if not ner_raw_recall.RAW.exists():
        pytest.skip("../shared/data/raw absent")
    rows = [json.loads(line) for line in
            ner_raw_recall.GOLD.read_text(encoding="utf-8").splitlines() if line]
    texts = ner_raw_recall.paragraphs(rows, ner_raw_recall.RAW)  # checks every checksum
    for row, text in zip(rows, texts, strict=True):
        for ent in row["entities"]:
            assert text[ent["start"]:ent["end"]] == ent["text"]
