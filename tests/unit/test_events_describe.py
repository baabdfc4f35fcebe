""""وصف X بأنه إرهاب": describing as wrong is an accusation, describing as historic is not
(cues.tsv ``describe_as``), on real sentences from ../shared/corpus."""

from __future__ import annotations

from test_events_actors import coded, record, sentence_with


def _accusations(text: str, entities: dict[str, str]):
    rec = record(text, entities)
    return [v for v in coded(rec) if v.type == "ACCUSE"], rec


def test_described_as_terrorism_is_an_accusation(corpus_text):
    text = sentence_with(corpus_text, "009", "كما وصفت وزارة الخارجية الفلسطينية")
    found, rec = _accusations(text, {"وزارة الخارجية الفلسطينية": "ORG", "إسرائيل": "GPE"})
    described = [v for v in found if v.trigger.text == "وصفت"]
    assert described and rec.entity(described[0].actor).name == "وزارة الخارجية الفلسطينية"


def test_described_as_unjustified_is_an_accusation(corpus_text):
    text = sentence_with(corpus_text, "001", "وما وصفته بالطرد")
    found, _ = _accusations(text, {"هلسنكي": "GPE", "فنلندا": "GPE"})
    # "ما" taken back by the pronoun of "وصفته" is "what", not a negation
    assert any(v.trigger.text == "وصفت" and not v.negated for v in found)


def test_described_as_historic_is_no_event(corpus_text):
    text = sentence_with(corpus_text, "008", "ووصف اليوم بأنه")
    found, _ = _accusations(text, {})
    assert not any("وصف" in v.trigger.text for v in found)
