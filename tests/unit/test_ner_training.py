"""training/ner: corpus conversion onto rasid's tokens, and a smoke training run."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = REPO.parent / "shared" / "data"
sys.path.insert(0, str(REPO / "training" / "ner"))

from convert import norm_tag, read_conll, read_wojood, to_doc, word_entities  # noqa: E402

from rasid.pipeline.base import new_language  # noqa: E402


@pytest.mark.parametrize("raw,tag", [
    ("B-PERS", "B-PER"), ("I-PERS", "I-PER"), ("B-MIS1", "B-MISC"), ("I-MIS-2", "I-MISC"),
    ("B-MIS1`", "B-MISC"), ("I--ORG", "I-ORG"), ("OO", "O"), ("B-ENGLISH", "O"),
    ("B-LOC", "B-LOC"), ("O", "O")])
def test_norm_tag(raw, tag):
    assert norm_tag(raw) == tag


def test_word_entities_stray_inside_starts_entity():
    sent = [("a", "I-PER"), ("b", "I-PER"), ("c", "O"), ("d", "B-LOC"), ("e", "B-LOC")]
    assert word_entities(sent) == [(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "LOC")]


def test_clitic_outside_the_entity_and_gpe_split():
    nlp = new_language()
    stats: Counter = Counter()
    sent = [("وصل", "O"), ("الوفد", "O"), ("لموسكو", "B-LOC"), ("قادما", "O"), ("من", "O"),
            ("جنوب", "B-LOC"), ("لبنان", "I-LOC"), ("ووزير", "O"), ("الخارجية", "O"),
            ("وسيرغي", "B-PER"), ("لافروف", "I-PER")]
    doc = to_doc(nlp, sent, stats)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("موسكو", "GPE"), ("جنوب لبنان", "LOC"), ("سيرغي لافروف", "PER")]
    assert stats["trimmed_proclitic"] == 2
    assert all(t.norm_ for t in doc)


@pytest.mark.skipif(not (DATA / "anercorp-camellab").exists(), reason="../shared/data absent")
def test_anercorp_reads_sentences():
    sents = read_conll(DATA / "anercorp-camellab" / "ANERCorp_CamelLab_test.txt")
    assert len(sents) > 800
    assert sum(len(s) for s in sents) == 25008


def test_wojood_keeps_the_outermost_name_of_a_kept_type(tmp_path):
    # Wojood's train split, first two sentences (nested: an OCC holds an ORG and a GPE)
    sample = tmp_path / "w.txt"
    sample.write_text(
        "روسيا B-ORG\nعلى O\nمجلس B-ORG\nالأمن I-ORG\n$#$ O\n\n"
        "سكرتير B-OCC\nاللجنة I-OCC B-ORG\nالقومية I-OCC I-ORG\nفي I-OCC\n"
        "نابلس I-OCC B-GPE\nمنذ O\n1948 B-DATE\n", encoding="utf-8")
    first, second = read_wojood(sample)
    assert [w for w, _ in first] == ["روسيا", "على", "مجلس", "الأمن"]  # "$#$" dropped
    assert word_entities(first) == [(0, 1, "ORG"), (2, 4, "ORG")]
    assert word_entities(second) == [(1, 3, "ORG"), (4, 5, "GPE")]


@pytest.mark.skipif(not (DATA / "wojood-sample").exists(), reason="../shared/data absent")
def test_wojood_sample_reads():
    sents = read_wojood(DATA / "wojood-sample" / "train.txt")
    assert len(sents) > 1000
    labels = Counter(t for s in sents for _, _, t in word_entities(s))
    assert labels["ORG"] > labels["PER"] > 0 and "DATE" not in labels


@pytest.mark.skipif(not (DATA / "anercorp-camellab").exists(), reason="../shared/data absent")
def test_smoke_training(tmp_path):
    """SMOKE=1 train.sh converts a few hundred sentences, trains one epoch on them (stage 0),
    labels a few news sentences with that model and trains again on both (stage 1)."""
    env = dict(os.environ, SMOKE="1", OUT=str(tmp_path / "work"), DATA=str(DATA),
               PYTHON=sys.executable)
    out = subprocess.run(["bash", str(REPO / "training" / "ner" / "train.sh")], env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    model = tmp_path / "work" / "stage1" / "model" / "model-best"
    assert (model / "ner" / "model").is_file()
    pseudo = tmp_path / "work" / "stage1" / "train" / "pseudo.spacy"
    assert pseudo.is_file() and pseudo.stat().st_size > 1000
    import spacy

    import rasid.ner.features  # noqa: F401

    nlp = spacy.load(model)
    assert set(nlp.get_pipe("ner").labels) >= {"PER", "GPE", "ORG"}
    # the model carries its own gazetteer-class table and sets it on every token
    assert (model / "tokenizer" / "token_classes.tsv").is_file()
    doc = nlp("وقال الرئيس الروسي فلاديمير بوتين في موسكو")
    classes = {t.text: t.lemma_ for t in doc}
    assert classes["الرئيس"] == "TITLE" and classes["موسكو"].startswith("GPE")
    assert "FIRST" in classes["فلاديمير"] and classes["في"] == ""
    # the second model, the CRF, is trained after the CNN and loads with its manifest
    from rasid.ner.crf import CrfTagger

    crf = CrfTagger(tmp_path / "work" / "crf")
    words = ["وقال", "الرئيس", "الروسي", "فلاديمير", "بوتين"]
    found = crf.scored_spans([(words, [True] * 5)])[0]
    assert all(0 <= a < b <= len(words) and 0 <= p <= 1 for a, b, _, p in found)
    # the third model, the BiLSTM-CRF, reads the smoke CNN's vectors (its digest is checked)
    from spacy.vocab import Vocab

    from rasid.ner.lstm import LstmTagger

    vocab = Vocab()
    vocab.from_disk(model / "vocab")
    lstm = LstmTagger(tmp_path / "work" / "lstm", vectors=vocab.vectors)
    found, outside = lstm.read([(words, [True] * 5)])[0]
    assert all(0 <= a < b <= len(words) and 0 <= p <= 1 for a, b, _, p in found)
    assert outside.shape == (5,) and ((0 <= outside) & (outside <= 1)).all()


@pytest.mark.skipif(not (DATA / "countries-mledoze").exists(), reason="../shared/data absent")
def test_countries_resource_matches_a_fresh_build(tmp_path, monkeypatch):
    import build_countries

    committed = build_countries.OUT.read_text(encoding="utf-8")
    monkeypatch.setattr(build_countries, "OUT", tmp_path / "countries.tsv")
    build_countries.main(["--data", str(DATA)])
    assert (tmp_path / "countries.tsv").read_text(encoding="utf-8") == committed


@pytest.mark.skipif(not (DATA / "arabic-names-akhateeb").exists(), reason="../shared/data absent")
def test_token_classes_resource_matches_a_fresh_build(tmp_path):
    import build_token_classes

    build_token_classes.main(["--data", str(DATA), "--out", str(tmp_path / "t.tsv")])
    assert (tmp_path / "t.tsv").read_text(encoding="utf-8") == \
        build_token_classes.OUT.read_text(encoding="utf-8")


@pytest.mark.skipif(not (DATA / "arabic-names-akhateeb").exists(), reason="../shared/data absent")
def test_news_counts_give_names_the_lists_lack_a_class():
    """--news (the NEWS_CLASSES experiment) adds classes from rasid's own counts on raw news
    (person_share.tsv.gz): "غريزمان" is in no name list but news writes it as a person,
    "الشيوخ" (of "مجلس الشيوخ") is mostly inside another entity, "قال" gets neither; the
    default table, the one the shipped model was trained with, has none of them."""
    import build_token_classes

    news = build_token_classes.build(DATA, news=True)
    assert news["غريزمان"] == {"NEWSPER"} and news["الشيوخ"] == {"NEWSENT"}
    assert {"LAST", "NEWSPER"} <= news["لافروف"] and "قال" not in news
    plain = build_token_classes.build(DATA)
    assert "غريزمان" not in plain and plain["لافروف"] == {"LAST"}


def test_token_class_table_round_trips_through_the_tokenizer(tmp_path):
    from rasid.ner.features import NormTokenizer, TokenFeatures
    from rasid.resources import read_text

    nlp = new_language()
    feats = TokenFeatures.from_text(read_text("ner/token_classes.tsv"))
    NormTokenizer(nlp.vocab, feats).to_disk(tmp_path)
    loaded = NormTokenizer(nlp.vocab).from_disk(tmp_path)
    assert loaded.features.classes == feats.classes and len(feats.classes) > 2000
    doc = loaded("التقى لافروف نظيره الإيراني")
    classes = [set(t.lemma_.split("+")) - {""} for t in doc]
    assert classes[0] == set() and classes[1] == {"LAST"}
    assert "TITLE" in classes[2] and "NISBA" in classes[3]


def test_gazetteer_rows_are_well_formed():
    from rasid.pipeline.ner import LABELS
    from rasid.resources import read_table

    rows = list(read_table("ner/gazetteer.tsv"))
    assert len(rows) > 400
    for row in rows:
        assert row[0] in LABELS and row[1].strip() == row[1] and row[1], row
        assert len(row) < 4 or row[3] in ("add", "label"), row


def test_pseudo_labels_raw_news_with_the_component(tmp_path):
    """pseudo.py labels raw news with the shipped component: entities on rasid's tokens,
    at most --per-article sentences per article, no WEAPON/FAC sentence kept."""
    import gzip

    import pseudo
    from spacy.tokens import DocBin

    corpus = REPO.parent / "shared" / "corpus"
    if not corpus.exists():
        pytest.skip("../shared/corpus absent")
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    # the raw format: one paragraph per line, a blank line between documents
    articles = ["\n".join(p for p in (corpus / f"{n:03d}.txt").read_text(
        encoding="utf-8").splitlines() if p.strip()) for n in (1, 4, 10)]
    with gzip.open(raw / "arabic-news-01.txt.gz", "wt", encoding="utf-8") as fh:
        fh.write("\n\n".join(articles) + "\n")
    out = tmp_path / "pseudo.spacy"
    assert pseudo.main(["--data", str(tmp_path / "data"), "--out", str(out), "--skip", "0",
                        "--per-article", "4", "--tokens", "100000"]) == 0
    nlp = new_language()
    docs = list(DocBin().from_disk(out).get_docs(nlp.vocab))
    assert 6 <= len(docs) <= 12  # 3 articles, at most 4 sentences each
    labels = Counter(e.label_ for d in docs for e in d.ents)
    assert labels and set(labels) <= pseudo.MODEL_TYPES
    assert labels["GPE"] > 0  # news about Sweden, Turkey, Iran
    for d in docs:
        assert d.text in "\n".join(articles)  # sentences, verbatim
        for e in d.ents:  # whole tokens, no split-off clitic at the front
            assert e[0].text not in ("و", "ب", "ل")


def test_pseudo_needs_the_raw_file(tmp_path):
    import pseudo

    with pytest.raises(SystemExit, match="arabic-news-01.txt.gz not found"):
        pseudo.main(["--data", str(tmp_path), "--out", str(tmp_path / "x.spacy")])
