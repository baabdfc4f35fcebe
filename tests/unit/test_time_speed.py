"""The time tagger's pattern gates only skip work: with and without them it finds the same.

A gate (rasid.time.tagger._gates) lets tag_times skip a pattern whose indispensable word is
nowhere in the text. Checked on the 60 corpus articles, on every gold expression of
bench/gold/time_dev.jsonl and time_heldout.jsonl alone and inside a sentence, and on text
made to hit each gated pattern.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from rasid.time import tagger
from rasid.time.tagger import _gates, _patterns, tag_times

ANCHOR = dt.date(2024, 3, 14)
GOLD = Path(__file__).resolve().parents[2] / "bench" / "gold"


def _both(text: str) -> tuple[list, list]:
    with_gates = tag_times(text, ANCHOR)
    tagger._use_gates = False
    try:
        without = tag_times(text, ANCHOR)
    finally:
        tagger._use_gates = True
    return with_gates, without


def test_one_gate_per_pattern():
    assert len(_gates()) == len(_patterns())
    assert sum(g is not None for g in _gates()) >= 10


@pytest.mark.parametrize("name", [f"{i:03d}" for i in range(1, 61)])
def test_corpus_articles_same_with_gates(corpus_text, name):
    with_gates, without = _both(corpus_text(name))
    assert with_gates == without


def test_gold_expressions_same_with_gates():
    texts = []
    for f in ("time_dev.jsonl", "time_heldout.jsonl"):
        for line in (GOLD / f).read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    assert len(texts) > 400
    found = 0
    for t in texts:
        for text in (t, f"وقال المسؤول إن الاجتماع عقد {t}، بحسب البيان."):
            with_gates, without = _both(text)
            assert with_gates == without, text
            found += bool(with_gates)
    assert found > 300


@pytest.mark.parametrize("text", [
    "صدر القرار في 15 رمضان 1445هـ",
    "وفي عام 2020 أيضا",
    "وصل أمس إلى العاصمة",
    "يوم الخميس المقبل",
    "خلال الأسبوع الماضي",
    "في 5 من الشهر الجاري",
    "وفي عام 1443 هجرية",
    "وقع الحادث في 12/3/2023 و2024-01-05",
    "خلال الأيام الماضية",
    "منذ 3 أيام الماضية",
    "في الأيام الـ3 الماضية",
    "لمدة يوم واحد",
    "تعقد يوميا",
    "كل خميس",
    "الساعة العاشرة والنصف صباحا بتوقيت مكة المكرمة",
    "في الربع الأول من العام الماضي",
    "في الثمانينيات من القرن الماضي",
    "في القرن العشرين",
])
def test_each_gated_pattern_same_with_gates(text):
    with_gates, without = _both(text)
    assert with_gates == without
    assert with_gates[0], text  # the text does hold a time expression
