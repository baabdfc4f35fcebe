"""Sentence splitting respects Arabic punctuation and quotation marks."""

from hypothesis import given
from hypothesis import strategies as st

from rasid.text import split_sentences


def sents(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_arabic_question_mark_ends_a_sentence_but_comma_does_not():
    text = "هل انتهت الحرب؟ قال الوزير، في مؤتمر صحفي، إن المفاوضات مستمرة."
    assert sents(text) == ["هل انتهت الحرب؟", "قال الوزير، في مؤتمر صحفي، إن المفاوضات مستمرة."]


def test_quoted_statement_stays_with_its_verb():
    text = 'وقال الوزير "لن يمنعنا أي عائق. وسنصل إلى العاصمة". ثم غادر.'
    assert sents(text) == ['وقال الوزير "لن يمنعنا أي عائق. وسنصل إلى العاصمة".', "ثم غادر."]


def test_guillemets_and_decimals():
    text = "قال «النمو بلغ 3.5 في المئة. وهذا جيد» أمس. انتهى."
    assert sents(text) == ["قال «النمو بلغ 3.5 في المئة. وهذا جيد» أمس.", "انتهى."]


def test_real_article_sentences_cover_the_text(corpus_text):
    text = corpus_text("003")
    spans = split_sentences(text)
    assert len(spans) > 15
    assert all(text[s:e].strip() == text[s:e] for s, e in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    # the headline is its own sentence
    assert text[spans[0][0]:spans[0][1]] == text.split("\n")[0]


@given(st.text(alphabet='ابت .؟!"«»\n،', max_size=200))
def test_spans_are_ordered_and_in_bounds(text):
    last = 0
    for s, e in split_sentences(text):
        assert last <= s < e <= len(text)
        last = e
