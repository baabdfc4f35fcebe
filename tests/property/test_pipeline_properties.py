"""Property tests over the whole pipeline: whatever the Arabic text, the record is sound."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasid.document import validate
from rasid.pipeline import analyze, load

WORDS = ["قال", "وقال", "الرئيس", "الروسي", "فلاديمير", "بوتين", "لموسكو", "وإسرائيل", "إن",
         "أمس", "الجمعة", "في", "الأول", "من", "أكتوبر", "٢٠٢٤", "هاجم", "الجيش", "غزة",
         "وأضاف", "مضيفا", "«", "»", '"', "،", ".", "؟", "\n", "حزب", "الله", "عام", "2023",
         "وزير", "الخارجية", "الإيراني", "بحسب", "وكالة", "رويترز", "اغتيال", "ضد", "صواريخ"]
ARABIC_TEXT = st.lists(st.sampled_from(WORDS), min_size=0, max_size=60).map(" ".join)
PUBLISHED = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))
# `make fuzz` raises the budget through RASID_FUZZ_EXAMPLES (CI keeps the default).
PROFILE = settings(max_examples=int(os.environ.get("RASID_FUZZ_EXAMPLES", "40")), deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROFILE
@given(ARABIC_TEXT, PUBLISHED)
def test_records_validate_and_offsets_round_trip(text, published):
    record = analyze(text, published, nlp=load())
    validate(record)  # schema + text[start:end] == span text for every fact


@PROFILE
@given(ARABIC_TEXT, PUBLISHED)
def test_analysis_is_deterministic(text, published):
    nlp = load()
    assert analyze(text, published, nlp=nlp).to_dict() == analyze(text, published, nlp=nlp).to_dict()


@PROFILE
@given(st.text(max_size=200), PUBLISHED)
def test_any_unicode_never_crashes(text, published):
    validate(analyze(text, published, nlp=load()))
