"""Names written in Latin letters inside Arabic news (rasid/ner/latin_names.py and the
gazetteer's English names): brands and outlets are organisations, a Latin name ends where
the Arabic text resumes, page code and glosses are no entities. The sentences are from
../shared/data/raw (arabic-news-01 and -03), ANERcorp test and ../shared/corpus."""

from __future__ import annotations

import pytest
from ner_helpers import ents, rules_on

from rasid.ner.gazetteer import english_name


@pytest.fixture(scope="module")
def nlp(ner_nlp):
    return ner_nlp


def test_brands_written_in_latin_letters_are_organisations(nlp):
    # arabic-news-01: the model had "Facebook" MISC and ran "Google" into the adverb after
    doc = rules_on(nlp, "مواقع التواصل الاجتماعي، مثل Facebook وGoogle ضريبيا، حال فرض",
                   [("Facebook", "MISC"), ("Google ضريبيا", "MISC")])
    assert {("Facebook", "ORG"), ("Google", "ORG")} <= ents(doc)


def test_a_brand_the_model_missed_is_found_by_its_english_name(nlp):
    # ANERcorp test: "Apple" was missed in every sentence that named it
    doc = rules_on(nlp, "من بينها Apple وDell ، لنفس السبب .", [])
    assert ("Apple", "ORG") in ents(doc)


def test_a_latin_brand_links_to_its_english_name():
    assert english_name("Lenovo", "ORG") == "Lenovo"
    assert english_name("Amazon", "ORG") is None  # the company and the river: not listed


@pytest.mark.parametrize("text,found,name", [
    # arabic-news-03: the Arabic adjective after the name is no part of it
    ('"يعد معرض MCE السعودية المنصة الوحيدة للتواصل', "MCE السعودية", "MCE"),
    ("تعتبر سلسلة مطاعم Shake Shack الأميركية غنية عن التعريف", "Shake Shack الأميركية",
     "Shake Shack"),
    # a conjunction written onto the name stays outside
    ("قالت الشركة إن شعار وDell ظهر", "وDell", "Dell"),
])
def test_a_latin_name_ends_where_the_arabic_text_resumes(nlp, text, found, name):
    doc = rules_on(nlp, text, [(found, "MISC")])
    assert (name, "MISC") in ents(doc)
    assert not any(t != name and name in t for t, _ in ents(doc))


@pytest.mark.parametrize("text,found", [
    # scraped page code (arabic-news-03) and a word of running French text
    ("border: solid 1px; padding", "padding"),
    ("الإعدادات false ثم", "false"),
    ("استخدم rendererOptions هنا", "rendererOptions"),
])
def test_small_letter_latin_words_are_no_names(nlp, text, found):
    assert ents(rules_on(nlp, text, [(found, "MISC")])) == set()


def test_a_capital_inside_a_name_keeps_it(nlp):
    doc = rules_on(nlp, "عن تكنولوجيا iPhone الجديدة", [("iPhone", "MISC")])
    assert ("iPhone", "MISC") in ents(doc)


def test_a_latin_gloss_of_the_name_before_it_is_not_counted_again(nlp):
    # corpus 055 and 016: rasid's gold leaves the gloss out
    doc = rules_on(nlp, "أخبرت غوغل (Google) الموظفين -في مذكرة", [])
    assert ents(doc) == {("غوغل", "ORG")}


@pytest.mark.parametrize("text", [
    "دبي، الإمارات العربية المتحدة (CNN) -- قال",  # a dateline's source after its place
    "مقابلة أجراها مع قناة (CNN) في إطار جولة",  # a channel after its noun (arabic-news-03)
])
def test_a_parenthesised_source_that_glosses_nothing_stays(nlp, text):
    assert ("CNN", "ORG") in ents(nlp(text))


@pytest.mark.parametrize("text", [
    # arabic-news-02: a place's English name inside a longer Latin name
    "عقد ندوة لتقديم و تقييم تظاهرة » (TUNISIA BRAND AWARDS ).",
    "يتكوّن من مجموعة من الجمعيات (We Love Sousse، صوْتي، سوسة غدا) يهدف",
])
def test_a_place_inside_a_longer_latin_name_is_no_place(nlp, text):
    assert not any(label in ("GPE", "LOC") and t.isascii() for t, label in ents(nlp(text)))


def test_a_latin_place_on_its_own_is_a_place(nlp):
    doc = nlp('أنه عندما كنت أقدم نفسي كوافد من تونس "Tunisia " يقولون اندونيسيا')
    assert ("Tunisia", "GPE") in ents(doc)
