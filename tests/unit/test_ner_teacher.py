"""training/ner distillation data: the teacher's tags must land on the student's own tokens.

The teacher (training/ner/teacher.py, PyTorch, run on a GPU) tags lines of the text that
teacher_data.py packs; teacher_silver.py turns those tags back into spaCy Docs. Both sides
tokenise the same sentence with rasid's clitic-aware tokenizer, so a tag on the norm
"موسكو" must become an entity over "موسكو" without its attached "ل".
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest
from spacy.tokens import DocBin

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"
sys.path.insert(0, str(REPO / "training" / "ner"))

import teacher_data  # noqa: E402
import teacher_silver  # noqa: E402

from rasid.pipeline.base import new_language  # noqa: E402

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus absent")


def _lines(name: str) -> list[tuple[str, str]]:
    teacher_data._init()
    return teacher_data._sentences((CORPUS / name).read_text(encoding="utf-8"))


def test_packed_line_holds_the_student_tokens_norms():
    lines = _lines("056.txt")
    text, norms = next((t, n) for t, n in lines if "وإسرائيل" in t)
    words = norms.split()
    # the conjunction is its own token, and the name's norm drops the hamza
    assert "اسرائيل" in words and words[words.index("اسرائيل") - 1] == "و"
    assert len(words) == len(new_language().make_doc(text))


def test_teacher_tags_become_entities_on_the_same_tokens(tmp_path, capsys):
    lines = _lines("056.txt")
    line = next(i for i, (t, _) in enumerate(lines) if "وإسرائيل" in t)
    words = lines[line][1].split()
    tags = ["O"] * len(words)
    tags[words.index("اسرائيل")] = "B-GPE"
    other = next(i for i in range(len(lines)) if i != line)
    (tmp_path / "silver.txt").write_text("\n".join(t for t, _ in lines) + "\n", "utf-8")
    with gzip.open(tmp_path / "silver.tsv.gz", "wt", encoding="utf-8") as f:
        f.write(f"{line}\t{' '.join(tags)}\t0.990\n")
        f.write(f"{other}\tO O\t0.990\n")  # a token count that does not match: skipped
    out = tmp_path / "t.spacy"
    assert teacher_silver.main(["--tags", str(tmp_path / "silver.tsv.gz"), "--text",
                                str(tmp_path / "silver.txt"), "--out", str(out)]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["misaligned"] == 1 and stats["sentences"] == 1
    (doc,) = DocBin().from_disk(out).get_docs(new_language().vocab)
    assert [(e.text, e.label_) for e in doc.ents] == [("إسرائيل", "GPE")]
    assert doc[0].norm_  # the student's input feature is set


def test_silver_text_from_another_run_is_refused(tmp_path):
    (tmp_path / "silver.txt").write_text("سطر\n", "utf-8")
    with gzip.open(tmp_path / "silver.tsv.gz", "wt", encoding="utf-8") as f:
        f.write("0\tO\t1.0\n")
    (tmp_path / "report.json").write_text(json.dumps({"data": {"lines": 5}}), "utf-8")
    with pytest.raises(SystemExit, match="teacher_data.py"):
        teacher_silver.main(["--tags", str(tmp_path / "silver.tsv.gz"), "--text",
                             str(tmp_path / "silver.txt"), "--out", str(tmp_path / "t")])


def test_rules_correct_the_teachers_spans_before_the_student_learns_them(tmp_path, capsys):
    # Saudi news (SaudiNewsNet, 2015): the teacher stopped the kingdom's name one word short
    # and tagged a currency; rasid's gazetteer and non-entity list fix both (--rules)
    text = ("أشاد المشاركون في الندوة بجهود المملكة العربية السعودية التي قدمت 10 ملايين "
            "دولار.")
    words = [t.text for t in new_language().make_doc(text)]
    tags = ["O"] * len(words)
    tags[words.index("المملكة")], tags[words.index("العربية")] = "B-GPE", "I-GPE"
    tags[words.index("دولار")] = "B-MISC"
    (tmp_path / "silver.txt").write_text(text + "\n", "utf-8")
    with gzip.open(tmp_path / "silver.tsv.gz", "wt", encoding="utf-8") as f:
        f.write(f"0\t{' '.join(tags)}\t0.990\n")
    out = tmp_path / "t.spacy"
    args = ["--tags", str(tmp_path / "silver.tsv.gz"), "--text", str(tmp_path / "silver.txt"),
            "--out", str(out)]
    assert teacher_silver.main(args + ["--rules"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["rule_added"] == 1 and stats["rule_removed"] == 2
    (doc,) = DocBin().from_disk(out).get_docs(new_language().vocab)
    assert [(e.text, e.label_) for e in doc.ents] == [("المملكة العربية السعودية", "GPE")]
    assert teacher_silver.main(args) == 0  # without --rules the teacher's tags stay
    (doc,) = DocBin().from_disk(out).get_docs(new_language().vocab)
    assert [e.text for e in doc.ents] == ["المملكة العربية", "دولار"]
