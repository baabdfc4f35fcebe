"""The quote lexicon files and the committed quote gold stay well-formed and in sync."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from rasid.quotes.lexicon import lexicon
from rasid.resources import read_table
from rasid.text import normalize_key

ROOT = Path(__file__).resolve().parents[2]


def test_verb_table_is_well_formed():
    rows = list(read_table("quotes/verbs.tsv"))
    assert len(rows) > 300
    for row in rows:
        assert len(row) == 4, row
        assert row[2] in {"perfect", "imperfect", "participle", "passive"}, row
        assert row[3] in {"cont", "-"}, row
    lex = lexicon()
    # hamza/diacritic variants and the conjunction prefix reach the same entry
    for form in ("قال", "وقالت", "أكد", "اكد", "مضيفًا", "وأضاف", "فأوضح"):
        assert lex.verb(normalize_key(form)), form


def test_word_classes_are_known():
    known = {"comp", "prep", "source", "tail", "said", "stop", "skip", "gloss", "outlet", "role",
             "pronoun", "relative", "aux", "notcomp", "neg", "notsubject"}
    for row in read_table("quotes/words.tsv"):
        assert len(row) == 2 and row[1] in known, row


def test_gold_jsonl_matches_its_tsv(corpus_dir):
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "quote_gold_build.py"), "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    gold = [json.loads(line) for line in
            (ROOT / "bench" / "gold" / "quotes_dev.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(gold) >= 150
    for g in gold:
        text = (corpus_dir / g["doc"]).read_text(encoding="utf-8")
        assert text[g["start"]:g["end"]] == g["text"]
