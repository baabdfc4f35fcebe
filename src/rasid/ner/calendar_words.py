"""Month names and number words that the statistical model tagged as names.

rasid's types count neither (bench/gold/README.ner.md: "months are not entities"), yet on 630
real articles of Maghreb and Gulf news (arabic-news-02) the model tagged "رمضان" MISC 38 times,
the Tunisian and Algerian "جوان" (June) PER ("يوم 5 و6 جوان") and "خمسون" of "أربعمائة
وخمسون" PER. The month and number words are the time layer's (resources/time/), so a spelling
added there is known here too.
"""

from __future__ import annotations

from functools import lru_cache

from rasid.runtime import WORD_CACHE_SIZE
from rasid.time.lexicon import lexicon, norm

__all__ = ["dated_months", "is_month_mention", "is_month_name", "is_month_phrase",
           "is_number_words", "is_regnal_ordinal"]

# a month name followed by one of these is the month ("رمضان المبارك", "يونيو الماضي")
_AFTER = frozenset(norm(w) for w in ("المبارك", "الكريم", "الفضيل", "المعظم", "الماضي",
                                     "المقبل", "القادم", "الجاري", "المنصرم"))
_MONTH_WORD = frozenset(norm(w) for w in ("شهر", "الشهر", "شهري", "أشهر"))


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _key(text: str) -> str:
    return norm(text)


def _is_number(key: str) -> bool:
    return key.isdigit() or key in lexicon().numbers


def _month(key: str) -> tuple[bool, bool]:
    """(is a month name, is also an ordinary word or a name)."""
    lx = lexicon()
    if key in lx.months:
        return True, key in lx.ambiguous_months
    if key in lx.hijri_months:
        return True, key in lx.ambiguous_hijri
    return False, False


def _month_key(texts: list[str], start: int, end: int) -> str | None:
    key = _key(" ".join(texts[start:end]))
    return key if _month(key)[0] else None


def is_month_name(texts: list[str], start: int, end: int) -> bool:
    """Tokens ``start:end`` are a month's name and nothing else."""
    return _month_key(texts, start, end) is not None


def is_month_phrase(texts: list[str], start: int, end: int) -> bool:
    """Tokens ``start:end`` are a month's name and a word that makes it the month ("جوان
    القادم", next June; "رمضان المبارك"): never a name, whatever the month's other senses."""
    return end - start >= 2 and _key(texts[end - 1]) in _AFTER \
        and _month_key(texts, start, end - 1) is not None


# marks between a month's two names ("نيسان (أبريل)", "أبريل/نيسان")
_GLOSS_MARKS = frozenset("(/-")


def _glossed(texts: list[str], start: int, end: int) -> bool:
    """The month's other name stands right beside it, across a bracket or a slash: "في
    نيسان(أبريل)", "أبريل/نيسان" (Levantine and Syriac month names glossed)."""
    after = end + 1 < len(texts) and texts[end] in _GLOSS_MARKS \
        and _month(_key(texts[end + 1]))[0]
    before = start >= 2 and texts[start - 1] in _GLOSS_MARKS \
        and _month(_key(texts[start - 2]))[0]
    return after or before


def _dated(texts: list[str], start: int, end: int) -> bool:
    """Tokens ``start:end`` stand where a date's month does: a number or "شهر" before them,
    a year or "المبارك"/"الماضي" after them, or the month's other name beside them."""
    before = _key(texts[start - 1]) if start else ""
    after = _key(texts[end]) if end < len(texts) else ""
    return (_is_number(before) or before in _MONTH_WORD or after in _AFTER
            or (len(after) == 4 and after.isdigit()) or _glossed(texts, start, end))


def dated_months(texts: list[str]) -> frozenset[str]:
    """Month names (one or two tokens) that stand in a date's context somewhere in the
    document's token texts."""
    found = set()
    for i in range(len(texts)):
        for n in (1, 2):
            key = _month_key(texts, i, i + n)
            if key and _dated(texts, i, i + n):
                found.add(key)
    return frozenset(found)


def is_month_mention(texts: list[str], start: int, end: int, label: str,
                     dated: frozenset[str] = frozenset()) -> bool:
    """Tokens ``start:end`` are only a month's name, used as the month.

    An unambiguous month ("يناير", "رمضان") is the month unless the model called it a person
    ("رمضان" is also a given name); a person or an ambiguous one ("جوان", "نيسان", also a
    carmaker) is the month in a date's context, or where the same name stands in one
    elsewhere in the document (``dated``, from :func:`dated_months`): "إن رمضان يأتي بخيره"
    in an article about "شهر رمضان"."""
    key = _month_key(texts, start, end)
    if key is None:
        return False
    if not _month(key)[1] and label != "PER":
        return True
    return key in dated or _dated(texts, start, end)


def is_number_words(texts: list[str], start: int, end: int) -> bool:
    """Tokens ``start:end`` are number words (and "و" between them): "خمسون", "ثلاثة وعشرون"."""
    if not _is_number(_key(texts[start])):
        return False  # a number's words begin with a number: the quick test for most spans
    keys = [_key(t) for t in texts[start + 1:end]]
    return all(k == "و" or _is_number(k) for k in keys)


def is_regnal_ordinal(text: str) -> bool:
    """``text`` is a definite ordinal one to twelve as written after a monarch's or a pope's
    name ("الثاني" of "عبدالله الثاني", "السادس" of "محمد السادس"); the time layer's ordinal
    day words (resources/time/ordinals.tsv) without their indefinite forms ("أول", "فاتح")."""
    key = _key(text)
    number = lexicon().ordinals.get(key)
    return number is not None and number <= 12 and key.startswith("ال") and " " not in key
