"""rasid.time: datelines, the event-time helper, the timeline, the pipeline component and
robustness on any input (hypothesis)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from rasid.document import DocumentRecord, Sentence, TimeExpression, validate
from rasid.text import split_sentences
from rasid.time import event_time, find_published, sort_key, tag_times, timeline
from rasid.time.lexicon import lexicon

# --------------------------------------------------------------------------- datelines


def test_dateline_with_city_and_agency():
    assert find_published("الرياض - 12 مارس 2024 (واس) - أعلن مجلس الوزراء") == \
        dt.date(2024, 3, 12)
    assert find_published("القاهرة (رويترز) - ٣ يناير ٢٠٢٣ - قال البنك") == dt.date(2023, 1, 3)


def test_published_marker_anywhere():
    text = "عنوان الخبر\nنشر في: 3 يناير 2023\nوقال الوزير إن الاتفاق وقع في 12 مارس 2020"
    assert find_published(text) == dt.date(2023, 1, 3)


def test_hijri_dateline_converted():
    from hijridate import Hijri

    expected = Hijri(1445, 9, 15).to_gregorian()
    assert find_published("آخر تحديث: الأحد 15 رمضان 1445هـ") == \
        dt.date(expected.year, expected.month, expected.day)


def test_no_guess_from_a_date_in_the_body(corpus_text):
    # the corpus articles have no datelines with a year; dates in their bodies are events
    for name in ("001", "012", "026", "053"):
        assert find_published(corpus_text(name)) is None
    assert find_published("قال إن الاتفاق وقع في 12 مارس 2020 بعد مفاوضات طويلة") is None
    assert find_published("") is None


# --------------------------------------------------------------------------- event time

def _record(text: str, published: dt.date) -> DocumentRecord:
    times, _ = tag_times(text, published)
    return DocumentRecord(id="x", text=text, published=published.isoformat(),
                          sentences=[Sentence(s, e) for s, e in split_sentences(text)],
                          times=times)


def test_event_time_picks_the_time_in_the_triggers_clause(corpus_text):
    text = corpus_text("003")
    record = _record(text, dt.date(2022, 5, 26))
    at = text.index("ألغى")
    tid = event_time(record, (at, at + len("ألغى")))
    chosen = next(t for t in record.times if t.id == tid)
    assert chosen.text == "اليوم الخميس"


def test_event_time_skips_durations_and_other_clauses(corpus_text):
    text = corpus_text("006")
    record = _record(text, dt.date(2022, 5, 21))
    at = text.index("أجرى وزير الخارجية الياباني")
    tid = event_time(record, (at, at + 4))
    chosen = next(t for t in record.times if t.id == tid)
    assert chosen.type == "DATE" and chosen.text == "الأربعاء"


def test_event_time_by_sentence_and_none(corpus_text):
    text = corpus_text("001")
    record = _record(text, dt.date(2022, 5, 17))
    for i, s in enumerate(record.sentences):
        inside = [t for t in record.times if s.start <= t.start < s.end
                  and t.type in ("DATE", "TIME")]
        got = event_time(record, i)
        assert got == (min(inside, key=lambda t: t.start).id if inside else None)


def test_timeline_is_chronological(corpus_text):
    record = _record(corpus_text("012"), dt.date(2022, 5, 29))
    values = [e.value for e in timeline(record) if e.value]
    assert values == sorted(values, key=sort_key)
    assert values[0].startswith("2019")  # منذ 21 أغسطس/آب 2019 is the oldest
    assert sort_key("2024") < sort_key("2024-07") < sort_key("2024-07-05") \
        < sort_key("2024-07-05TEV") < sort_key(None)


# --------------------------------------------------------------------------- pipeline

def test_pipeline_component_fills_times_and_warns_without_date(corpus_text):
    from rasid.pipeline import analyze, build

    nlp = build(["rasid_segment", "rasid_time"])
    text = corpus_text("010")
    record = analyze(text, published="2022-05-23", nlp=nlp)
    validate(record)
    assert record.times and all(t.value for t in record.times if "أمس" in t.text)
    bare = analyze(text, nlp=nlp)
    validate(bare)
    assert [t.text for t in bare.times] == [t.text for t in record.times]
    assert any("relative expression" in w for w in bare.warnings)


# --------------------------------------------------------------------------- hypothesis

def _pieces() -> list[str]:
    lx = lexicon()
    words = list(lx.months) + list(lx.weekdays) + list(lx.ordinals) + list(lx.units)
    for forms in lx.words.values():
        words += list(forms)
    return sorted({w for w in words if w})


_TEXT = st.lists(
    st.one_of(st.sampled_from(_pieces()),
              st.from_regex(r"[0-9٠-٩]{1,4}", fullmatch=True),
              st.sampled_from([" ", " ", "\n", "،", "/", "-", ".", "ـ", "َ", "الـ", "و", "ب"]),
              st.text(max_size=6)),
    max_size=40).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(_TEXT, st.one_of(st.none(), st.dates(min_value=dt.date(1, 2, 1),
                                            max_value=dt.date(9998, 11, 30))))
def test_any_input_no_exception_and_valid_offsets(text, published):
    times, warnings = tag_times(text, published)
    for i, t in enumerate(times, start=1):
        assert t.id == f"t{i}"
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
    assert all(a.end <= b.start for a, b in zip(times, times[1:], strict=False))
    if published is not None:
        assert warnings == []
    record = DocumentRecord(id="h", text=text, times=times)
    validate(record)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_unicode(text):
    times, _ = tag_times(text, dt.date(2024, 2, 29))
    assert all(text[t.start:t.end] == t.text for t in times)


def test_time_expression_type_is_the_records():
    times, _ = tag_times("وصل الوفد أمس", dt.date(2024, 10, 11))
    assert isinstance(times[0], TimeExpression) and times[0].value == "2024-10-10"
