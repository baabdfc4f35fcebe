"""Rules 112 and 114 (rasid.ner.ages, rasid.ner.named_as): names their context announces.

Sentences are real news (raw/arabic-news-01..03 and ANERcorp's test split), some shortened.
"""

from __future__ import annotations

import pytest
from ner_helpers import ents, rules_on

from rasid.ner.ages import is_age


@pytest.fixture(scope="module")
def nlp(ner_nlp):
    return ner_nlp


@pytest.mark.parametrize(("words", "age"), [
    (["52", "عاما"], True),
    (["54", "عامًا"], True),
    (["48", "سنة"], True),
    (["22عاما"], True),  # written together
    (["٨سنوات"], True),  # Arabic-Indic digits
    (["2017"], False),  # a year
    (["1500", "عام"], False),  # four digits: a date, not an age
    (["52", "كلم"], False),
    (["الرياض"], False),
])
def test_an_age_is_a_short_number_and_its_unit(words, age):
    assert is_age(words) is age


def test_the_name_before_an_age_in_brackets_is_a_person(nlp):
    police = ("وفي معلومات أولية حددت هوية الشرطي القتيل، وهو كيث بالمر (48 عاما) ويعمل "
              "بالشرطة منذ 15 عاما.")
    # "بالمر": the tokenizer cut its "ب" off as the preposition; the name takes it back
    assert ("كيث بالمر", "PER") in ents(rules_on(nlp, police, []))
    fillon = "ونال فيون (62 عاما)، صاحب المشروع الاقتصادي الليبرالي، 44% من الأصوات."
    assert ("فيون", "PER") in ents(rules_on(nlp, fillon, []))
    # another type's span right before the age becomes a person (ANERcorp test)
    duisenberg = "بحث دويسنبرج ( 66 عاما ) امس ان الاتفاقات قائمة ."
    assert ("دويسنبرج", "PER") in ents(rules_on(nlp, duisenberg, [("دويسنبرج", "LOC")]))


def test_common_nouns_before_an_age_are_no_name(nlp):
    for text in ("وأضاف السائح (47 عاماً): \"اتجهت سريعاً إلى الشاطئ\".",
                 "ووفقاً للتحقيقات الأولية، فإن شقيق القتيلة (23 عاماً)، هو من ارتكب الجريمة.",
                 "وتم العثور على جثمان سيدة تبلغ من العمر (35 عاماً) من سكان المنطقة.",
                 "تم إجلاء راعي الأغنام (21 سنة) الذي تعرض لإصابات خطيرة."):
        assert not ents(rules_on(nlp, text, [])), text
    # a place keeps its type when its words are a listed place's
    syria = "منذ بداية الحرب في سوريا (7 سنوات) تغير كل شيء."
    assert ("سوريا", "GPE") in ents(rules_on(nlp, syria, [("سوريا", "GPE")]))


def test_the_name_after_a_naming_word_is_a_person(nlp):
    """Rule 114 (rasid.ner.named_as): "يدعى", "تدعى", "المدعو" announce a person's name."""
    quebec = ("أحد الضحايا تونسي يدعى بوبكر الثابتي مقيم بمدينة كيبيك منذ سنة 2010.")
    assert ("بوبكر الثابتي", "PER") in ents(rules_on(nlp, quebec, [("كيبيك", "GPE")]))
    police = ("نجحت الوحدات الأمنية في إلقاء القبض على هذا العنصر المدعو مكرم المولهي وحجز "
              "قطعة سلاح حربية بمنزله.")
    assert ("مكرم المولهي", "PER") in ents(rules_on(nlp, police, []))
    # a place's name, a quoted thing's, and "يدعي" (claims) are no person
    village = "وقد ولد في قرية صغيرة تدعى خورتو عام 605 هجرية وتولى بها القضاء."
    sweet = 'وكان هناك طبق يدعى "كنافة رمضان" قبل صنع الأجبان.'
    claims = "ويظهر عبر الإعلام وهو يدعي أن له حقوقاً ويطالب بها."
    for text in (village, sweet, claims):
        assert not ents(rules_on(nlp, text, [])), text
