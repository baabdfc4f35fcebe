"""rasid.time: each pattern on real corpus sentences, anchored on an explicit date.

Expected values are computed from the calendar (the anchor's weekday, ISO weeks, the
Umm al-Qura conversion), not copied from rasid's output.
"""

from __future__ import annotations

import datetime as dt

import pytest

from rasid.text import split_sentences
from rasid.time import tag_times
from rasid.time.values import iso_week

TO_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def sentence_with(text: str, needle: str) -> str:
    """The sentence of ``text`` that contains ``needle``."""
    at = text.index(needle)
    for start, end in split_sentences(text):
        if start <= at < end:
            return text[start:end]
    raise AssertionError(needle)


def find(times, surface: str):
    """The expression whose text contains ``surface``."""
    hits = [t for t in times if surface in t.text]
    assert hits, f"{surface!r} not tagged; got {[t.text for t in times]}"
    return hits[0]


def tag(sentence: str, anchor: dt.date | None):
    times, warnings = tag_times(sentence, anchor)
    for t in times:
        assert sentence[t.start:t.end] == t.text
    return times, warnings


# --------------------------------------------------------------------------- relative days

def test_yesterday_and_day_before_with_weekday(corpus_text):
    text = corpus_text("001")
    anchor = dt.date(2022, 5, 17)  # a Tuesday
    times, _ = tag(sentence_with(text, "أمس الأول الأحد"), anchor)
    assert find(times, "أمس الأول").value == (anchor - dt.timedelta(days=2)).isoformat()
    times, _ = tag(sentence_with(text, "أعلنت أمس الاثنين"), anchor)
    assert find(times, "أمس الاثنين").value == "2022-05-16"


def test_tomorrow(corpus_text):
    anchor = dt.date(2022, 6, 4)
    times, _ = tag(sentence_with(corpus_text("050"), "غدا الأحد"), anchor)
    assert find(times, "غدا").value == "2022-06-05"


def test_today_is_the_anchor_but_the_day_is_not(corpus_text):
    anchor = dt.date(2022, 5, 20)
    times, _ = tag(sentence_with(corpus_text("017"), "ونزل في نفس اليوم"), anchor)
    assert find(times, "اليوم").value == "2022-05-20"
    times, _ = tag("احتفل العالم باليوم العالمي للصحافة، وفي اليوم الذي تلاه", anchor)
    assert times == []


def test_earlier_today_keeps_the_phrase(corpus_text):
    anchor = dt.date(2022, 5, 16)
    times, _ = tag(sentence_with(corpus_text("008"), "وفي وقت سابق من اليوم"), anchor)
    t = find(times, "في وقت سابق من اليوم")
    assert t.value == anchor.isoformat()


# --------------------------------------------------------------------------- weekdays

def test_bare_weekday_is_the_publication_week_day_in_the_past(corpus_text):
    anchor = dt.date(2022, 5, 26)  # Thursday
    times, _ = tag(sentence_with(corpus_text("003"), "أعلنت الثلاثاء"), anchor)
    value = dt.date.fromisoformat(find(times, "الثلاثاء").value)
    assert value.isoweekday() == 2 and 0 <= (anchor - value).days < 7


def test_weekday_after_future_or_imperfect_verb_is_ahead(corpus_text):
    anchor = dt.date(2022, 5, 21)  # Saturday
    times, _ = tag(sentence_with(corpus_text("006"), "يتوجه الرئيس الأميركي الأحد"), anchor)
    value = dt.date.fromisoformat(find(times, "الأحد").value)
    assert value.isoweekday() == 7 and 0 < (value - anchor).days < 7
    times, _ = tag("وقال الوزير إنه سيزور موسكو الخميس", anchor)
    assert find(times, "الخميس").value == "2022-05-26"


def test_weekday_with_past_and_next(corpus_text):
    anchor = dt.date(2022, 5, 15)  # Sunday
    times, _ = tag(sentence_with(corpus_text("005"), "وندد البيت الأبيض الأربعاء الماضي"),
                   anchor)
    assert find(times, "الأربعاء الماضي").value == "2022-05-11"
    anchor = dt.date(2018, 5, 21)  # Monday
    times, _ = tag(sentence_with(corpus_text("052"), "الخميس المقبل"), anchor)
    assert find(times, "الخميس المقبل").value == "2018-05-24"


def test_coordinated_weekdays_share_the_week(corpus_text):
    anchor = dt.date(2022, 5, 13)  # Friday
    times, _ = tag(sentence_with(corpus_text("022"), "الثلاثاء والأربعاء الماضيين"), anchor)
    tue, wed = find(times, "الثلاثاء"), find(times, "الأربعاء")
    assert dt.date.fromisoformat(wed.value) - dt.date.fromisoformat(tue.value) \
        == dt.timedelta(days=1)
    assert dt.date.fromisoformat(wed.value) < anchor


# --------------------------------------------------------------------------- periods

def test_last_week_and_this_week(corpus_text):
    anchor = dt.date(2022, 5, 17)
    times, _ = tag(sentence_with(corpus_text("047"), "محاولة انقلابية الأسبوع الماضي"), anchor)
    assert find(times, "الأسبوع الماضي").value == iso_week(anchor - dt.timedelta(weeks=1))
    anchor = dt.date(2022, 5, 10)
    times, _ = tag(sentence_with(corpus_text("046"), "السياسيين هذا الأسبوع"), anchor)
    assert find(times, "هذا الأسبوع").value == iso_week(anchor)


def test_earlier_this_month(corpus_text):
    anchor = dt.date(2021, 9, 14)
    times, _ = tag(sentence_with(corpus_text("056"), "في وقت سابق من هذا الشهر"), anchor)
    t = find(times, "في وقت سابق من هذا الشهر")
    assert t.type == "DATE" and t.value == "2021-09"


def test_this_year_and_last_year(corpus_text):
    anchor = dt.date(2022, 5, 26)
    text = corpus_text("014")
    times, _ = tag(sentence_with(text, "مقابل 63 مليار دولار العام الماضي"), anchor)
    assert find(times, "العام الحالي").value == "2022"
    assert find(times, "العام الماضي").value == "2021"


# --------------------------------------------------------------------------- calendar dates

def test_written_ordinal_day(corpus_text):
    anchor = dt.date(2016, 10, 3)
    times, _ = tag(sentence_with(corpus_text("041"), "لاستحقاقات السابع من أكتوبر"), anchor)
    assert find(times, "السابع من أكتوبر").value == "2016-10-07"


def test_ordinal_day_with_year(corpus_text):
    times, _ = tag(sentence_with(corpus_text("059"), "الأول من يناير من عام 1934"), None)
    assert find(times, "الأول من يناير").value == "1934-01-01"


def test_arabic_indic_digits_give_the_same_value(corpus_text):
    sentence = sentence_with(corpus_text("012"), "25 أكتوبر/تشرين الأول 2021")
    indic = sentence.translate(TO_INDIC)
    latin_times, _ = tag(sentence, None)
    indic_times, _ = tag(indic, None)
    assert [t.value for t in indic_times] == [t.value for t in latin_times]
    assert find(indic_times, "أكتوبر").value == "2021-10-25"
    assert [(t.start, t.end) for t in indic_times] == [(t.start, t.end) for t in latin_times]


def test_levantine_month_names(corpus_text):
    sentence = sentence_with(corpus_text("003"), "10 أبريل/نيسان الماضي")
    levantine = sentence.replace("أبريل/نيسان", "نيسان")
    times, _ = tag(levantine, dt.date(2022, 5, 26))
    assert find(times, "نيسان").value == "2022-04-10"
    times, _ = tag(sentence_with(corpus_text("036"), "تشرين الأول الحالي"), dt.date(2017, 10, 8))
    assert find(times, "تشرين الأول").value == "2017-10"
    times, _ = tag("وقع الاتفاق في كانون الثاني 2020 في بغداد", None)
    assert find(times, "كانون الثاني").value == "2020-01"


def test_month_precision_is_kept(corpus_text):
    times, _ = tag(sentence_with(corpus_text("056"), "لأول مرة في يوليو/تموز الماضي"),
                   dt.date(2021, 9, 14))
    assert find(times, "يوليو").value == "2021-07"  # a month, never a made-up day
    times, _ = tag(sentence_with(corpus_text("047"), "فبراير/شباط 2022"), None)
    assert find(times, "فبراير/شباط 2022").value == "2022-02"


def test_maghreb_month_names(corpus_text):
    times, _ = tag(sentence_with(corpus_text("026"), "24 يوليوز 2020"), None)
    assert find(times, "يوليوز").value == "2020-07-24"
    times, _ = tag(sentence_with(corpus_text("032"), "فاتح يناير 2021"), None)
    assert find(times, "فاتح يناير 2021").value == "2021-01-01"


def test_month_names_that_are_names_are_not_dates(corpus_text):
    times, _ = tag(sentence_with(corpus_text("002"), "لويجي دي مايو"), dt.date(2022, 5, 20))
    assert not any("مايو" in t.text for t in times)
    times, _ = tag(sentence_with(corpus_text("011"), "يقول يوليو"), dt.date(2022, 5, 20))
    assert not any("يوليو" in t.text for t in times)
    times, _ = tag(sentence_with(corpus_text("010"), "العميد رمضان شريف"), dt.date(2022, 5, 23))
    assert not any("رمضان" in t.text for t in times)


def test_years(corpus_text):
    times, _ = tag(sentence_with(corpus_text("003"), "انتخب عام 2018"), None)
    t = find(times, "عام 2018")
    assert (t.type, t.value) == ("DATE", "2018")
    times, _ = tag(sentence_with(corpus_text("006"), "بين عامي 2006 و2017"), None)
    assert {t.value for t in times} >= {"2006", "2017"}


def test_year_ranges(corpus_text):
    times, _ = tag(sentence_with(corpus_text("058"), "(1905-1973)"), None)
    assert {t.value for t in times} >= {"1905", "1973"}
    times, _ = tag(sentence_with(corpus_text("018"), "الأعوام من 2019"), None)
    assert any(t.value == "2019" for t in times)


def test_counts_are_not_years(corpus_text):
    times, _ = tag(sentence_with(corpus_text("004"), "إلى 1730 منذ"), dt.date(2022, 5, 20))
    assert not any(t.value == "1730" for t in times)
    times, _ = tag("قتل 1500 شخص و 2000 جريح في الهجوم", None)
    assert times == []


def test_decade(corpus_text):
    times, _ = tag(sentence_with(corpus_text("011"), "في منتصف التسعينيات"), None)
    assert find(times, "التسعينيات").value == "199"


# --------------------------------------------------------------------------- Hijri

def test_hijri_date_converted_with_umm_al_qura():
    from hijridate import Hijri

    times, _ = tag("وبدأ الصيام في ١٥ رمضان ١٤٤٥هـ بحسب التقويم", None)
    expected = Hijri(1445, 9, 15).to_gregorian()
    assert find(times, "رمضان").value == expected.isoformat()


def test_hijri_month_alone_has_no_made_up_value(corpus_text):
    times, _ = tag(sentence_with(corpus_text("046"), "شهر رمضان المنقضي"), dt.date(2022, 5, 10))
    t = find(times, "رمضان")
    assert t.type == "DATE" and t.value is None


# --------------------------------------------------------------------------- durations, sets

@pytest.mark.parametrize("file, needle, surface, value", [
    ("006", "لأول مرة منذ 6 أشهر", "6 أشهر", "P6M"),
    ("015", "منذ 4 عقود", "4 عقود", "P40Y"),
    ("032", "ثلاث سنوات للديون", "ثلاث سنوات", "P3Y"),
    ("039", "ثمانية أعوام", "ثمانية أعوام", "P8Y"),
    ("013", "بضعة أيام", "بضعة أيام", "PXD"),
    ("001", "استمرت يومين", "يومين", "P2D"),
    ("003", "الساعات الـ24 الماضية", "الساعات الـ24", "PT24H"),
    ("040", "طيلة ساعات الاقتراع", "ساعات", "PTXH"),
])
def test_durations(corpus_text, file, needle, surface, value):
    times, _ = tag(sentence_with(corpus_text(file), needle), dt.date(2022, 5, 20))
    t = find(times, surface)
    assert (t.type, t.value) == ("DURATION", value)


def test_durations_from_the_issue():
    for sentence, value in [("وقال إن الحصار مستمر منذ سبعة أسابيع", "P7W"),
                            ("وتعرضت المدينة للقصف خلال ساعات الليل", "PTXH"),
                            ("ويتوقع الخبراء تعافي الاقتصاد في أقل من ستة أشهر", "P6M")]:
        times, _ = tag(sentence, dt.date(2024, 10, 11))
        assert [(t.type, t.value) for t in times] == [("DURATION", value)]


def test_two_contracts_are_not_two_decades(corpus_text):
    times, _ = tag(sentence_with(corpus_text("060"), "وقعت عقدين"), dt.date(2018, 5, 20))
    assert not any(t.type == "DURATION" for t in times)


def test_quarters(corpus_text):
    anchor = dt.date(2022, 4, 28)
    times, _ = tag(sentence_with(corpus_text("018"), "الربع الأول من العام الجاري"), anchor)
    assert find(times, "الربع الأول").value == "2022-Q1"
    times, _ = tag(sentence_with(corpus_text("017"), "الربع الرابع من 2022"), None)
    assert find(times, "الربع الرابع").value == "2022-Q4"


def test_half_units(corpus_text):
    times, _ = tag(sentence_with(corpus_text("028"), "شهران ونصف"), None)
    assert find(times, "شهران ونصف").value == "P2.5M"
    times, _ = tag(sentence_with(corpus_text("037"), "يوما ونصف"), dt.date(2018, 6, 9))
    assert find(times, "يوما ونصف").value == "P1.5D"


def test_set(corpus_text):
    times, _ = tag(sentence_with(corpus_text("018"), "يوميا"), dt.date(2022, 4, 28))
    t = find(times, "يوميا")
    assert (t.type, t.value) == ("SET", "P1D")
    times, _ = tag("ويتظاهر المحتجون كل يوم جمعة أمام البرلمان", None)
    assert (find(times, "كل يوم جمعة").type, find(times, "كل يوم جمعة").value) \
        == ("SET", "XXXX-WXX-5")


# --------------------------------------------------------------------------- times of day

def test_part_of_day_with_weekday(corpus_text):
    anchor = dt.date(2022, 5, 26)  # Thursday
    times, _ = tag(sentence_with(corpus_text("003"), "مساء الأربعاء على رأس"), anchor)
    t = find(times, "مساء الأربعاء")
    assert (t.type, t.value) == ("TIME", "2022-05-25TEV")


def test_clock_time_joins_its_day(corpus_text):
    anchor = dt.date(2018, 12, 22)  # Saturday
    times, _ = tag(sentence_with(corpus_text("038"), "الساعة 3:13"), anchor)
    t = find(times, "الساعة 3:13")
    assert "ظهر الخميس" in t.text
    assert (t.type, t.value) == ("TIME", "2018-12-20T15:13")


# --------------------------------------------------------------------------- boundaries

def test_december_in_a_january_article_is_last_year(corpus_text):
    sentence = sentence_with(corpus_text("055"), "أوائل ديسمبر/كانون الأول")
    times, _ = tag(sentence, dt.date(2022, 1, 10))
    assert find(times, "ديسمبر").value == "2021-12"


def test_january_soon_after_a_december_article_is_next_year(corpus_text):
    sentence = sentence_with(corpus_text("055"), "الرابع من يناير/كانون الثاني")
    times, _ = tag(sentence, dt.date(2021, 12, 15))
    assert find(times, "الرابع من يناير").value == "2022-01-04"


def test_leap_day(corpus_text):
    sentence = sentence_with(corpus_text("004"), "منذ 24 فبراير/شباط الماضي")
    leap = sentence.replace("24 فبراير", "29 فبراير")
    times, _ = tag(leap, dt.date(2024, 5, 20))
    assert find(times, "29 فبراير").value == "2024-02-29"
    times, _ = tag(leap, dt.date(2023, 5, 20))  # no 29 February in 2023
    assert not any((t.value or "").endswith("-02-29") for t in times)
    times, _ = tag("وولد في 29 فبراير 2023 في القاهرة", None)
    assert not any((t.value or "").endswith("02-29") for t in times)


# --------------------------------------------------------------------------- no anchor

def test_same_text_with_and_without_publication_date(corpus_text):
    text = corpus_text("012")
    with_anchor, warnings_with = tag(text, dt.date(2022, 5, 29))
    without, warnings_without = tag(text, None)
    assert [(t.start, t.end, t.type) for t in with_anchor] == \
        [(t.start, t.end, t.type) for t in without]
    assert warnings_with == [] and len(warnings_without) == 1
    for a, b in zip(with_anchor, without, strict=True):
        if b.value is not None:  # absolute: the same with or without the anchor
            assert a.value == b.value
    relative = [b for b in without if b.value is None]
    assert relative and all(a.value for a, b in zip(with_anchor, without, strict=True)
                            if b.value is None)
    absolute = find(without, "25 أكتوبر/تشرين الأول 2021")
    assert absolute.value == "2021-10-25"


def test_ids_are_sequential_in_text_order(corpus_text):
    times, _ = tag(corpus_text("004"), dt.date(2022, 5, 20))
    assert [t.id for t in times] == [f"t{i}" for i in range(1, len(times) + 1)]
    assert [t.start for t in times] == sorted(t.start for t in times)


def test_empty_input():
    assert tag_times("", None) == ([], [])
