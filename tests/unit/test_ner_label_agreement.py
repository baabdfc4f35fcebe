"""One type per name in a document when a cue word says which (rasid.ner.label_agreement).
The sentences are real Saudi and pan-Arab news (../shared/data/raw), shortened."""

from __future__ import annotations

import pytest
from ner_helpers import rules_on
from spacy.tokens import Span

from rasid.ner.label_agreement import agree_labels, type_cues
from rasid.ner.layout import doc_keys
from rasid.text import normalize_key


@pytest.fixture(scope="module")
def nlp(ner_nlp):
    return ner_nlp


def labels_of(nlp, text: str, name: str) -> list[str]:
    return [e.label_ for e in nlp(text).ents if e.text == name]


def test_a_province_named_once_is_a_place_everywhere_in_the_article(nlp):
    # the model read the second, bare "شيانجيانغ" as a person; "مقاطعة" names a province
    text = ("وكانت الصين عرضة لموجات نقد واسعة بعد تقارير عن حملات اعتقال طالت ما يقرب من "
            "مليون شخص معظمهم من أقلية الويغور المسلمة في مقاطعة شيانجيانغ.\nونفت بكين "
            "انتهاك حقوق مسلمي شيانجيانغ بشكل منهجي، قائلة إنها تعتقل فقط المتطرفين.")
    found = labels_of(nlp, text, "شيانجيانغ")
    assert len(found) == 2 and set(found) == {"GPE"}


def test_a_movement_named_after_its_head_noun_stays_an_organisation(nlp):
    text = ("وأكد أن حركة «أحرار الشام» لن تكون عائقا وسيكونوا متعاونين، مشيرا إلى أن "
            "«أحرار الشام» تدرك أنها تحت المراقبة. وفيما أشارت المصادر السورية إلى أن "
            "«أحرار الشام» متفهمة ومتعاونة.")
    found = labels_of(nlp, text, "أحرار الشام")
    assert len(found) == 3 and set(found) == {"ORG"}


def test_without_a_cue_the_models_types_stay():
    # the table announces one type per word; words that announce two are not in it
    cues = type_cues()
    assert cues[normalize_key("محافظة")] == "GPE" and cues[normalize_key("حركة")] == "ORG"
    assert normalize_key("منطقة") not in cues and normalize_key("مركز") not in cues


def test_cues_for_two_types_leave_every_mention_as_the_model_typed_it(nlp):
    # the club and the city of one sports article: a cue for each type, so neither wins
    doc = nlp.make_doc("وصل فريق إشبيلية إلى مدينة إشبيلية مساء أمس. وقال مدرب إشبيلية إن "
                       "المباراة صعبة.")
    at = [t.i for t in doc if t.text == "إشبيلية"]
    typed = [Span(doc, at[0], at[0] + 1, label="ORG"), Span(doc, at[1], at[1] + 1, label="GPE"),
             Span(doc, at[2], at[2] + 1, label="PER")]
    keys = doc_keys(doc)
    assert [s.label_ for s in agree_labels(doc, keys, typed)] == ["ORG", "GPE", "PER"]
    # with the club's cue alone, the bare mention becomes the club
    assert [s.label_ for s in agree_labels(doc, keys, [typed[0], typed[2]])] == ["ORG", "ORG"]


def test_a_title_says_the_name_is_a_persons(nlp):
    text = ("وتم العثور على المقعد الذي سقط عليه السيد سكريبل وابنته. كما طوقت الشرطة منزل "
            "سكريبل وسيارته.")
    found = labels_of(nlp, text, "سكريبل")
    assert len(found) == 2 and set(found) == {"PER"}


def test_a_name_after_a_company_or_paper_noun_is_an_organisation(nlp):
    text = ("أعلنت الاثنين شركة \"كريم\" لسيارات الأجرة الخاصة أنها تعرضت لهجوم. ولم توضح "
            "\"كريم\" عدد الحسابات التي تأثرت.")
    found = labels_of(nlp, text, "كريم")
    assert found and set(found) == {"ORG"}


def test_a_firm_or_town_named_like_a_person_takes_the_cues_type(nlp):
    bank = ("قال مصرف \"باركليز\" البريطاني إنه يواجه معركة قضائية جديدة. وتوقع \"باركليز\" في "
            "بيان ألا تتوقف التحقيقات.")
    assert set(labels_of(nlp, bank, "باركليز")) == {"ORG"}
    town = "وقع زلزال على عمق 10 كيلومترات بالقرب من مدينة سونغ يوان بمقاطعة جيلين."
    # the model 2.1.0 read the town as a person ("سونغ يوان" PER); "مدينة" retypes it
    doc = rules_on(nlp, town, [("سونغ يوان", "PER"), ("جيلين", "GPE")])
    assert [e.label_ for e in doc.ents if e.text == "سونغ يوان"] == ["GPE"]
    # a party named after its country: the country stays a place in the same article
    party = ("وقال جان لوك ميلينشون زعيم حزب \"فرنسا الأبية\" إن الحكومة أخطأت، فيما تعاني "
             "فرنسا من أزمة اجتماعية.")
    assert "GPE" in labels_of(nlp, party, "فرنسا")


def test_a_cue_that_is_also_a_common_noun_retypes_nothing(nlp):
    # "تنظيم" is also "organising", "ولاية" also a term of office
    cup = "وأشرف منذ ذلك الحين على تنظيم كأس العالم، وقال إن بطولات كأس العالم مهمة."
    assert "ORG" not in labels_of(nlp, cup, "كأس العالم")
    term = "وقال \"شكرا للقرارات التي سبق أن اتخذت في ولاية فرانسوا هولاند\"."
    assert labels_of(nlp, term, "فرانسوا هولاند") == ["PER"]


def test_a_party_named_after_a_town_leaves_the_town_a_place(nlp):
    text = ("سيتم فتح معبر تراخال في سبتة المحتلة. وقال مصطفى أحمد، النائب وزعيم حزب «سبتة يا»، "
            "إن التفاهم جيد للعاطلين عن العمل الذين يقيمون في سبتة.")
    assert labels_of(nlp, text, "سبتة").count("GPE") >= 2


def test_an_unknown_place_after_a_title_is_a_person(nlp):
    text = ("كنطار: أنا متفق مع الأستاذ بيكار، فالجماعة لم يكن لها أي حق. بيكار: من المؤسف أن "
            "يحدث ذلك.")
    found = labels_of(nlp, text, "بيكار")
    assert found and set(found) == {"PER"}
