"""Normalisation for matching keeps a faithful map back to the original text."""

from hypothesis import given
from hypothesis import strategies as st

from rasid.text import normalize, normalize_key, strip_marks

ARABIC_CHARS = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
MIXED = st.text(alphabet=st.one_of(ARABIC_CHARS, st.sampled_from(" \n.،؛؟\u200c\u200f\u202b\ufeffabc٣")),
                max_size=200)


def test_alef_hamza_variants_fold_together():
    assert normalize_key("عشق أباد") == normalize_key("عشق آباد")
    assert normalize_key("إسرائيل") == normalize_key("اسرائيل")


def test_diacritics_tatweel_and_ta_marbuta_fold():
    assert normalize_key("مُحَمَّدٌ") == normalize_key("محمد")
    assert normalize_key("غـــزة") == normalize_key("غزه")
    assert normalize_key("مصطفى") == normalize_key("مصطفي")


def test_arabic_indic_digits_become_ascii():
    assert normalize("٢٧ سبتمبر ١٤٤٥").text.startswith("27 ")


def test_offsets_point_back_to_the_kept_character():
    original = "وَقَالَ الرَّئِيسُ"
    norm = normalize(original)
    assert norm.text == "وقال الرييس".replace("الرييس", "الرئيس")
    for i, ch in enumerate(norm.text):
        assert normalize(original[norm.to_original(i)]).text == ch


def test_span_to_original_keeps_trailing_marks_of_the_word():
    original = "قَالَ بوتين"
    norm = normalize(original)
    start, end = norm.span_to_original(0, 3)  # "قال"
    assert original[start:end] == "قَالَ"


@given(MIXED)
def test_every_mapped_offset_points_at_the_same_character(text):
    norm = normalize(text)
    assert norm.to_original(len(norm.text)) == len(text)
    for i, ch in enumerate(norm.text):
        j = norm.to_original(i)
        assert 0 <= j < len(text)
        assert normalize(text[j]).text == ch
        if i:
            assert j > norm.to_original(i - 1)


@given(MIXED)
def test_normalisation_is_idempotent(text):
    once = normalize(text).text
    assert normalize(once).text == once


@given(MIXED)
def test_strip_marks_only_deletes(text):
    stripped = strip_marks(text)
    assert len(stripped) <= len(text)
    assert all(ch in text for ch in stripped)
