"""The Arabic temporal tagger: find time expressions and normalise them against an anchor.

``tag_times(text, published)`` runs a small set of patterns (built from the data files in
``resources/time/``) over rasid's matching normalisation of ``text``, resolves overlaps
(longest wins), normalises each match to a TIMEX3 type and an ISO 8601 value, and maps the
spans back to the original text. Relative expressions are resolved against ``published``
(never the clock); without it their value is ``None`` and a warning says so.

Choices (see docs/time.md): a weekday is the day of the publication week on or before the
anchor, or on or after it when a future cue (سـ + verb, سوف, المقبل, المقرر...) precedes it in
the clause; a month or day+month without a year is the latest one not after the anchor (the
earliest not before it with a future cue); "مساء الخميس" is a TIME whose value is the day plus
a TIMEX3 part of day ("2024-10-10TEV"); a clock time without a day is "XXXX-XX-XXT10:00".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from rasid.document import TimeExpression
from rasid.text import normalize, tokenize, word_frequencies
from rasid.time import values as V
from rasid.time.lexicon import Lexicon, alt, key, lexicon

# Left boundary: start of a word, allowing the proclitics و ف ب ل (at most two) before it.
_B = r"(?:(?<!\w)|(?<=(?<!\w)[وفبل])|(?<=(?<!\w)[وف][بل]))"
_E = r"(?!\w)"
_PUNCT = " \t\n\r,،.;؛:!?؟\"'«»()[]/-"


@dataclass
class _Cand:
    start: int  # normalised offsets
    end: int
    type: str
    value: str | None
    relative: bool = False  # needs the anchor
    unresolved: bool = False  # relative and no anchor: value left None
    prio: int = 0
    clock: str | None = None  # "T10:30" for clock times (for merging with a day)
    weekday: int | None = None  # a bare weekday ("الخميس"), resolvable from a neighbour


@dataclass
class _Ctx:
    ntext: str
    anchor: dt.date | None
    lex: Lexicon


# --------------------------------------------------------------------------- patterns

@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern, Callable, int]]:
    lx = lexicon()
    c = lx.cat
    month = alt(lx.months)
    month_pair = (rf"(?P<month>{month})(?:\s*[/(\-]\s*{month}\s*\)?|\s+{month})?")
    hmonth = rf"(?P<hmonth>{alt(lx.hijri_months)})"
    weekday = alt(lx.weekdays)
    ordinal = alt(lx.ordinals)
    hour_ordinal = alt(lx.hour_ordinals)
    rel = (rf"(?P<rel>{alt(list(c('past')) + list(c('future')) + list(c('current')))}"
           rf"|{alt(c('of'))}\s+(?:{alt(c('this'))}\s+)?{alt(k for k, v in c('period').items() if v == 'Y')}"
           rf"(?:\s+{alt(list(c('past')) + list(c('future')) + list(c('current')))})?)")
    year = rf"(?P<year>\d{{4}})(?:\s?{alt(c('ceyear'))})?"
    myear = rf"(?:{alt(c('of'))}\s+)?(?:{alt(c('yearnoun'))}\s+)?{year}"
    hyear = rf"(?P<hyear>1[3-5]\d\d)\s?(?P<hsuf>{alt(c('hijrisuffix'))})?"
    day = rf"(?:(?:ال)?(?P<dnum>\d{{1,2}})(?:\s*-\s*\d{{1,2}})?|(?P<dord>{ordinal}))"
    of = alt(c("of"))
    monthword = alt(c("monthword"))
    dayword = alt(c("dayword"))
    dateword = alt(c("dateword"))
    edge = rf"(?P<edge>{alt(c('edge'))})"
    pod = rf"(?P<pod>{alt(c('partofday'))})"
    relday = rf"(?P<rd>{alt(c('relday'))})"
    earlier = rf"(?P<earlier>{alt(c('earlier'))})"
    numwords = alt(lx.numbers)
    number = rf"(?P<num>(?:ال)?\d+(?:[.,]\d+)?|{numwords}(?:\s+و\s*{numwords})?)"
    unit = rf"(?P<unit>{alt(lx.units)})"
    plural_units = alt("ال" + f for f, (_, n) in lx.units.items() if n == 0)
    period = alt(c("period"))
    past_future = alt(list(c("past")) + list(c("future")) + list(c("current")))
    clockword = alt(c("clockword"))
    partadverb = rf"(?P<ampm>{alt(c('partadverb'))})"
    fraction = rf"(?P<frac>{alt(c('fraction'))})"
    decade = rf"(?P<decade>{alt(c('decade'))})"
    century = rf"(?P<century>{alt(c('century'))})"
    this = alt(c("this"))

    pats: list[tuple[str, Callable, int]] = [
        # 12 مارس 2024 / الأول من أكتوبر / الخميس 12 مايو / 10 أبريل/نيسان الماضي
        (rf"(?:(?P<wd>{weekday})\s*[،,]?\s+)?(?:(?:{dayword}|{dateword})\s+)?{day}\s*"
         rf"(?:{of}\s+)?(?:{monthword}\s+)?{month_pair}(?:\s*[،,]?\s*(?:{myear}|{rel}))?",
         _h_day_month, 5),
        # ١٥ رمضان ١٤٤٥هـ / شهر رمضان
        (rf"(?:{day}\s+(?:{of}\s+)?)?(?P<mw>{monthword}\s+)?{hmonth}"
         rf"(?:\s+(?:{hyear}|(?P<hrel>{past_future})))?", _h_hijri, 4),
        (rf"(?<!\d){hyear}(?!\d)", _h_hijri_year, 2),
        # في يوليو / أبريل/نيسان الماضي / أواخر فبراير 2022
        (rf"(?:{edge}\s+)?(?:(?P<mw>{monthword})\s+)?{month_pair}(?:\s*[،,]?\s*(?:{myear}|{rel}))?",
         _h_month, 4),
        (r"(?<![\d/.\-])(?:(?P<d>\d{1,2})(?:[.\-]|\s?/\s?)(?P<m>\d{1,2})(?:[.\-]|\s?/\s?)"
         r"(?P<y>\d{4})"
         r"|(?P<y2>\d{4})-(?P<m2>\d{1,2})-(?P<d2>\d{1,2}))(?![\d/.\-]\d)", _h_numeric, 6),
        (rf"(?:(?P<yw>{alt(c('yearnoun'))})\s+)?(?<![\d.,]){year}", _h_year, 3),
        (rf"(?:{earlier}\s+)?(?:{pod}\s+)?(?:{dayword}\s+)?{relday}", _h_relday, 5),
        (rf"(?:{earlier}\s+)?(?:{pod}\s+)?(?:(?P<rd>{alt(c('relday'))})\s+)?(?:{dayword}\s+)?(?P<wd>{weekday})"
         rf"(?:\s+(?P<rel>{past_future}))?", _h_weekday, 5),
        (rf"(?:{earlier}\s+)?(?:{edge}\s+)?(?:(?P<this>{this})\s+(?P<per>{period})"
         rf"|(?P<per2>{period})\s+(?P<rel>{past_future}))", _h_period, 4),
        (rf"(?:ال)?(?P<mday>\d{{1,2}})\s+(?:{of}\s+)?(?:(?P<this>{this})\s+(?P<per>{period})"
         rf"|(?P<per2>{period})\s+(?P<rel>{past_future}))", _h_period, 4),
        (rf"(?:{number}\s+)?{unit}(?:\s+(?P<frac>{alt(c('unitfraction'))}))?"
         rf"(?:\s+(?P<tail>{alt(c('unittail'))}))?", _h_duration, 3),
        (rf"(?P<pl>{plural_units})\s+(?:ال(?:قليله|عديده)\s+)?(?P<rel>{past_future}|الاخيره)",
         _h_plural_period, 3),
        (rf"(?:ال)?(?P<n>\d+)\s+{unit}\s+(?P<rel>{past_future}|الاخيره)", _h_plural_period, 4),
        (rf"(?P<pl>{plural_units})\s+(?:ال)?(?P<n>\d+)\s+(?P<rel>{past_future}|الاخيره)",
         _h_plural_period, 4),
        (rf"{unit}\s+(?P<one>{alt(k for k, v in lx.numbers.items() if v == '1')})", _h_duration, 3),
        (rf"(?P<set>{alt(c('set'))})", _h_set, 4),
        (rf"{alt(c('every'))}\s+(?:{dayword}\s+)?(?P<wd>{weekday}|{alt(f[2:] for f in lx.weekdays)})",
         _h_set, 5),
        (rf"(?:{clockword}\s+(?:(?P<h>\d{{1,2}})(?:[:.](?P<mi>\d{{2}}))?|(?P<hord>{hour_ordinal}))"
         rf"(?:\s+و\s*{fraction})?|(?P<h2>\d{{1,2}})(?:[:.](?P<mi2>\d{{2}}))?(?=\s+(?:{alt(c('partadverb'))})))"
         rf"(?:\s+{partadverb}(?!\s+(?:{weekday}|{alt(c('relday'))})))?"
         rf"(?:\s+{alt(c('tzword'))}(?:\s+[^\s\d،,.]+){{1,2}}?(?=[\s،,.]|$))?", _h_clock, 5),
        (rf"(?P<q>{alt(c('quarter'))})\s+(?:{of}\s+)?(?:(?:{alt(c('yearnoun'))}\s+)?{year}"
         rf"|(?P<yrel>(?:(?P<this>{this})\s+)?{alt(k for k, v in c('period').items() if v == 'Y')}"
         rf"(?:\s+(?P<rel>{past_future}))?))", _h_quarter, 5),
        (rf"{decade}(?:\s+(?:{of}\s+)?{century})?", _h_decade, 4),
        (century, _h_century, 3),
    ]
    return [(re.compile(_B + p + _E), h, prio) for p, h, prio in pats]


@lru_cache(maxsize=1)
def _gates() -> tuple[re.Pattern | None, ...]:
    """For each of :func:`_patterns`, a cheap regex that matches inside every match of the
    pattern (a word or digits it cannot do without), or None. A text where the gate finds
    nothing cannot hold a match, and the pattern's scan (a lookbehind tried at every
    position) is skipped. ``tests/unit/test_time_speed.py`` checks that the tagger finds the
    same with and without the gates; a pattern added to :func:`_patterns` needs its entry
    here (None when it has no such word).
    """
    lx = lexicon()
    c = lx.cat
    past_future = list(c("past")) + list(c("future")) + list(c("current"))
    plural_units = alt("ال" + f for f, (_, n) in lx.units.items() if n == 0)
    gates: list[str | None] = [
        None,                                   # day + month: months are common
        alt(lx.hijri_months),                   # hijri date: its month name
        r"1[3-5]\d\d",                          # hijri year
        None,                                   # month
        r"\d(?:[.\-]|\s?/\s?)\d",                # numeric date: digit, separator, digit
        r"\d{4}",                               # year
        alt(c("relday")),                       # relative day
        alt(lx.weekdays),                       # weekday
        alt(c("period")),                       # this week / last year
        alt(c("period")),                       # the 5th of this month
        None,                                   # duration
        plural_units,                           # "الأيام الماضية"
        alt(past_future + ["الاخيره"]),         # "3 أيام الماضية"
        plural_units,                           # "الأيام الـ3 الماضية"
        alt(k for k, v in lx.numbers.items() if v == "1"),  # "يوم واحد"
        alt(c("set")),                          # "يوميا"
        alt(c("every")),                        # "كل خميس"
        alt(list(c("clockword")) + list(c("partadverb"))),  # clock times
        alt(c("quarter")),                      # quarters
        alt(c("decade")),                       # decades
        alt(c("century")),                      # centuries
    ]
    if len(gates) != len(_patterns()):
        raise AssertionError("time tagger: one gate per pattern (see _gates)")
    return tuple(None if g is None else re.compile(g) for g in gates)


# --------------------------------------------------------------------------- context

def _word_before(ntext: str, start: int) -> str:
    """The word just before ``start`` (punctuation stripped), or ''."""
    head = ntext[max(0, start - 40):start].rstrip()
    words = head.split()
    if not words or (head and head[-1] in ".!?؟\n"):
        return ""
    return words[-1].strip(_PUNCT)


def _has_cue(word: str, cues: dict[str, str]) -> bool:
    if word in cues:
        return True
    # the cue may carry a proclitic: وفي، وخلال، فمنذ
    return len(word) > 1 and word[0] in "وف" and word[1:] in cues


def _future_context(ctx: _Ctx, start: int) -> bool:
    """A future cue among the few words before ``start`` in the same clause."""
    head = ctx.ntext[max(0, start - 60):start]
    for stop in ".!?؟\n":
        head = head.rsplit(stop, 1)[-1]
    words = head.split()[-5:]
    cues = ctx.lex.cat("futurecue")
    words = [w.strip(_PUNCT) for w in words]
    if any(w in cues for w in words):
        return True
    notfuture = ctx.lex.cat("notfuture")
    freq = word_frequencies()
    if any(len(w) >= 5 and w[0] == "س" and w[1] in "يتن" and w not in notfuture
           and freq.get(w[1:], 0) >= 50 for w in words):
        return True  # سـ + a common imperfect: ستقام, سيعقد (the tokenizer keeps some whole)
    return any(tok.text == "س" for tok in tokenize(" ".join(words)))


def _imperfect_before(ctx: _Ctx, start: int) -> bool:
    """An imperfect verb (يـ...) among the four words before ``start``, not after لم/لن."""
    head = ctx.ntext[max(0, start - 50):start]
    for stop in ".!?؟\n،,":
        head = head.rsplit(stop, 1)[-1]
    words = [w.strip(_PUNCT) for w in head.split()][-4:]
    negators = ctx.lex.cat("pastneg")
    for i, w in enumerate(words):
        if len(w) >= 4 and w[0] == "ي" and w not in ctx.lex.cat("notverb") \
                and not (i and words[i - 1] in negators):
            return True
    return False


def _anchored(ctx: _Ctx, start: int, end: int, typ: str, fn, prio: int = 0) -> _Cand:
    """A relative candidate: ``fn(anchor)`` gives the value when the anchor is known."""
    if ctx.anchor is None:
        return _Cand(start, end, typ, None, relative=True, unresolved=True, prio=prio)
    return _Cand(start, end, typ, fn(ctx.anchor), relative=True, prio=prio)


def _rel_kind(ctx: _Ctx, rel: str | None) -> str | None:
    if not rel:
        return None
    last = key(rel).split()[-1]
    for cat in ("past", "future", "current"):
        if last in ctx.lex.cat(cat):
            return cat
    return None


def _rel_year(ctx: _Ctx, rel: str) -> int | None:
    """'من العام الماضي' -> year offset -1; 'الماضي' alone -> None (month-relative)."""
    r = key(rel).split()
    if r and r[0] in ctx.lex.cat("of"):
        kind = _rel_kind(ctx, r[-1]) if len(r) > 2 and r[-1] not in ctx.lex.cat("period") else "current"
        return {"past": -1, "future": 1, "current": 0}.get(kind or "current", 0)
    return None


# --------------------------------------------------------------------------- handlers

def _day_number(ctx: _Ctx, m: re.Match) -> int | None:
    if m.group("dnum"):
        return int(m.group("dnum"))
    if m.group("dord"):
        return ctx.lex.ordinals.get(key(m.group("dord")))
    return None


def _month_value(ctx: _Ctx, m: re.Match, month: int, day: int | None, start: int, end: int,
                 prio: int) -> _Cand | None:
    if day is not None and not 1 <= day <= 31:
        return None
    year = m.group("year")
    if year:
        y = int(year)
        if not 1000 <= y <= 2199:
            return None
        if day is None:
            return _Cand(start, end, "DATE", f"{y:04d}-{month:02d}", prio=prio)
        if not V.valid_date(y, month, day):
            return None
        return _Cand(start, end, "DATE", f"{y:04d}-{month:02d}-{day:02d}", prio=prio)
    rel = m.group("rel")
    year_offset = _rel_year(ctx, rel) if rel else None
    kind = _rel_kind(ctx, rel) if rel and year_offset is None else None

    def resolve(anchor: dt.date) -> str | None:
        if year_offset is not None:
            y = anchor.year + year_offset
        elif kind == "past":
            y = V.month_year(anchor, month, day, "past_strict" if day is None else "past")
        elif kind == "future":
            y = V.month_year(anchor, month, day, "future_strict" if day is None else "future")
        elif kind == "current":
            y = anchor.year
        elif _has_cue(_word_before(ctx.ntext, start), ctx.lex.cat("pastcue")):
            y = V.month_year(anchor, month, day, "past")
        elif _future_context(ctx, start):
            y = V.month_year(anchor, month, day, "future")
        else:
            y = V.month_year(anchor, month, day, "near")
        if day is None:
            return f"{y:04d}-{month:02d}"
        if not V.valid_date(y, month, day):
            return None
        return f"{y:04d}-{month:02d}-{day:02d}"

    if ctx.anchor is not None and resolve(ctx.anchor) is None and day is not None:
        return None
    return _anchored(ctx, start, end, "DATE", resolve, prio)


def _h_day_month(ctx: _Ctx, m: re.Match, prio: int) -> _Cand | None:
    month = ctx.lex.months[key(m.group("month"))]
    day = _day_number(ctx, m)
    if day is None:
        return None
    return _month_value(ctx, m, month, day, m.start(), m.end(), prio)


def _h_month(ctx: _Ctx, m: re.Match, prio: int) -> _Cand | None:
    form = key(m.group("month"))
    month = ctx.lex.months[form]
    whole = m.group(0)
    paired = whole != m.group("month") and any(
        key(x) in ctx.lex.months for x in re.split(r"[\s/()\-]+", whole)[1:])
    cued = (m.group("year") or m.group("rel") or m.group("edge") or m.group("mw") or paired
            or _has_cue(_word_before(ctx.ntext, m.start()), ctx.lex.cat("monthcue")))
    if not cued:
        return None  # a bare month name reads as a date only after في, منذ, حتى, ...
    return _month_value(ctx, m, month, None, m.start(), m.end(), prio)


def _h_hijri(ctx: _Ctx, m: re.Match, prio: int) -> _Cand | None:
    form = key(m.group("hmonth"))
    month = ctx.lex.hijri_months[form]
    day = _day_number(ctx, m)
    hyear = m.group("hyear")
    if not (day or hyear or m.group("mw") or m.group("hrel")
            or _has_cue(_word_before(ctx.ntext, m.start()), ctx.lex.cat("monthcue"))):
        return None  # "العميد رمضان شريف": a bare Hijri month needs في, شهر, a day or a year
    if day is None:
        # a Hijri month does not fit one Gregorian month: no made-up value
        return _Cand(m.start(), m.end(), "DATE", None, prio=prio)
    if not 1 <= day <= 30:
        return None
    if hyear:
        g = V.hijri_to_gregorian(int(hyear), month, day)
        return _Cand(m.start(), m.end(), "DATE", g.isoformat() if g else None, prio=prio)

    def resolve(anchor: dt.date) -> str | None:
        h = V.gregorian_to_hijri(anchor)
        if h is None:
            return None
        future = _future_context(ctx, m.start())
        for y in ((h[0], h[0] + 1) if future else (h[0], h[0] - 1)):
            g = V.hijri_to_gregorian(y, month, day)
            if g and ((g >= anchor) if future else (g <= anchor)):
                return g.isoformat()
        return None

    return _anchored(ctx, m.start(), m.end(), "DATE", resolve, prio)


def _h_hijri_year(ctx: _Ctx, m: re.Match, prio: int) -> _Cand | None:
    if not m.group("hsuf"):
        return None
    # a Hijri year spans two Gregorian years: tagged, value left None
    return _Cand(m.start(), m.end(), "DATE", None, prio=prio)


def _h_numeric(ctx: _Ctx, m: re.Match, prio: int) -> _Cand | None:
    if m.group("y"):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    else:
        y, mo, d = int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))
    if not (1900 <= y <= 2199 and V.valid_date(y, mo, d)):
        return None
    return _Cand(m.start(), m.end(), "DATE", f"{y:04d}-{mo:02d}-{d:02d}", prio=prio)


_YEAR_BEFORE = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)\s*(?:و|-|–|/|الي|حتي)\s*$")
_YEAR_AFTER = re.compile(r"^\s*(?:-|–|الي|حتي|و)\s*(1[89]\d\d|20\d\d)(?!\d)")


def _after_year(ntext: str, start: int) -> bool:
    """The second year of a pair or range: "عامي 2006 و2017", "من 2019 إلى2021"."""
    return bool(_YEAR_BEFORE.search(ntext[max(0, start - 12):start]))


def _before_year(ntext: str, end: int) -> bool:
    """The first year of a range: "(1905-1973)", "من 1997 إلى 2007"."""
    return bool(_YEAR_AFTER.match(ntext[end:end + 12]))


def _parenthesised(ntext: str, m: re.Match) -> bool:
    """A year alone in brackets, 1800-2099: "النكبة (1948)", not "(1500) شخص"."""
    return 1800 <= int(m.group("year")) <= 2099 and bool(re.search(r"\(\s?$", ntext[max(0, m.start() - 2):m.start()])
                and re.match(r"\s?\)", ntext[m.end():m.end() + 2]))


def _h_year(ctx: _Ctx, m: re.Match, prio: int) -> _Cand | None:
    y = int(m.group("year"))
    if not 1000 <= y <= 2199:
        return None
    tail = ctx.ntext[m.end():m.end() + 2]
    if re.match(r"\s?[%٪]", tail):
        return None
    era = m.group(0).rstrip().endswith(tuple(ctx.lex.cat("ceyear")))
    if not (m.group("yw") or era or _has_cue(_word_before(ctx.ntext, m.start()),
                                             ctx.lex.cat("yearcue"))
            or _after_year(ctx.ntext, m.start()) or _before_year(ctx.ntext, m.end())
            or _parenthesised(ctx.ntext, m)):
        return None
    return _Cand(m.start(), m.end(), "DATE", f"{y:04d}", prio=prio)


def _lam_prefixed(ctx: _Ctx, start: int) -> bool:
    """ل glued before a word that has no article: "لامس" is a verb, not ل + أمس."""
    return start > 0 and ctx.ntext[start - 1] == "ل" and not ctx.ntext.startswith("ال", start)


def _h_relday(ctx: _Ctx, m: re.Match, prio: int) -> _Cand | None:
    if _lam_prefixed(ctx, m.start()):
        return None
    form = key(m.group("rd"))
    offset = int(ctx.lex.cat("relday")[form])
    after = ctx.ntext[m.end():m.end() + 30].split()
    if form == "اليوم" and after:
        nxt = after[0].strip(_PUNCT)
        if (nxt.startswith("ال") and nxt not in ctx.lex.weekdays
                and nxt not in ctx.lex.cat("todayfollow") and after[0] == nxt) \
                or nxt in ctx.lex.cat("notafterday"):
            return None  # "اليوم العالمي", "اليوم الذي": the day, not today
    if not m.group("rd").strip():
        return None
    pod = m.group("pod")
    if pod:
        code = ctx.lex.cat("partofday")[key(pod)]
        return _anchored(ctx, m.start(), m.end(), "TIME",
                         lambda a: f"{a + dt.timedelta(days=offset)}T{code}", prio)
    return _anchored(ctx, m.start(), m.end(), "DATE",
                     lambda a: (a + dt.timedelta(days=offset)).isoformat(), prio)


def _h_weekday(ctx: _Ctx, m: re.Match, prio: int) -> _Cand | None:
    wd = ctx.lex.weekdays[key(m.group("wd"))]
    after = ctx.ntext[m.end():m.end() + 12].split()
    if after and after[0] in ("عشر", "عشره"):
        return None  # "الأحد عشر" is eleven
    prev = _word_before(ctx.ntext, m.start())
    if key(m.group("wd")) == "الاثنين" and not m.group("rd") and prev in ("بين", "كلا", "هذين"):
        return None
    rd = m.group("rd")
    kind = _rel_kind(ctx, m.group("rel"))
    pod = m.group("pod")

    def resolve(anchor: dt.date) -> str:
        if rd:
            day = anchor + dt.timedelta(days=int(ctx.lex.cat("relday")[key(rd)]))
            if day.isoweekday() != wd:  # "أمس الأحد" written on a Tuesday: the name wins
                day = V.weekday_date(anchor, wd, "past")
        elif kind == "past":
            day = V.weekday_date(anchor, wd, "past_strict")
        elif kind == "future":
            day = V.weekday_date(anchor, wd, "future_strict")
        elif kind == "current":
            day = V.weekday_date(anchor, wd, "past")
        else:
            future = _future_context(ctx, m.start()) or _imperfect_before(ctx, m.start())
            day = V.weekday_date(anchor, wd, "future" if future else "past")
        if pod:
            return f"{day.isoformat()}T{ctx.lex.cat('partofday')[key(pod)]}"
        return day.isoformat()

    cand = _anchored(ctx, m.start(), m.end(), "TIME" if pod else "DATE", resolve, prio)
    if not (rd or kind or pod):
        cand.weekday = wd
    return cand


def _h_period(ctx: _Ctx, m: re.Match, prio: int) -> _Cand | None:  # noqa: C901
    per = ctx.lex.cat("period")[key(m.group("per") or m.group("per2"))]
    kind = "current" if m.group("this") else _rel_kind(ctx, m.group("rel"))
    step = {"past": -1, "future": 1, "current": 0}[kind or "current"]
    mday = int(m.group("mday")) if m.groupdict().get("mday") else None
    if mday is not None and per != "M":
        return None

    def resolve(anchor: dt.date) -> str:
        if per == "W":
            return V.iso_week(anchor + dt.timedelta(weeks=step))
        if per == "M":
            y, mo = V.shift_month(anchor, step)
            if mday is not None:
                return f"{y:04d}-{mo:02d}-{mday:02d}" if V.valid_date(y, mo, mday) else None
            return f"{y:04d}-{mo:02d}"
        return f"{anchor.year + step:04d}"

    return _anchored(ctx, m.start(), m.end(), "DATE", resolve, prio)


def _number(ctx: _Ctx, text: str) -> str | None:
    t = key(text)
    if t.startswith("ال") and t[2:3].isdigit():
        t = t[2:]
    if re.fullmatch(r"\d+(?:[.,]\d+)?", t):
        return V.fmt_number(float(t.replace(",", ".")))
    if t in ctx.lex.numbers:
        return ctx.lex.numbers[t]
    parts = re.split(r"\s+و\s*", t)
    if len(parts) == 2 and all(p in ctx.lex.numbers for p in parts):
        a, b = ctx.lex.numbers[parts[0]], ctx.lex.numbers[parts[1]]
        if a != "X" and b != "X":
            return V.fmt_number(float(a) + float(b))
    return None


def _h_duration(ctx: _Ctx, m: re.Match, prio: int) -> _Cand | None:
    designator, count = ctx.lex.units[key(m.group("unit"))]
    start = m.start()
    num = m.groupdict().get("num")
    amount: str | None = None
    if m.groupdict().get("one"):
        amount = "1"
    elif num:
        amount = _number(ctx, num)
        if amount is None:
            return None
        if count == 2:
            return None  # "ثلاثة يومين" is not Arabic; let the dual match alone
    elif count == 2:
        if designator in ("DE", "CE") and not _has_cue(_word_before(ctx.ntext, start),
                                                       ctx.lex.cat("durcue")):
            return None  # "وقعت عقدين": two contracts
        amount = "2"
    else:
        if designator in ("DE", "CE") and count == 1:
            return None  # "عقد" alone is more often "held" or "contract"
        fraction = count == 1 and m.groupdict().get("frac")  # "يوما ونصف"
        if not fraction and not _has_cue(_word_before(ctx.ntext, start), ctx.lex.cat("durcue")):
            return None
        amount = "1" if count == 1 else "X"
    if m.groupdict().get("tail") and count != 0:
        return None
    if m.groupdict().get("frac") and amount != "X":
        amount = V.fmt_number(float(amount) + float(ctx.lex.cat("unitfraction")[key(m.group("frac"))]))
    return _Cand(start, m.end(), "DURATION", V.duration(amount, designator), prio=prio)


def _h_plural_period(ctx: _Ctx, m: re.Match, prio: int) -> _Cand | None:
    if m.groupdict().get("n"):
        unit = key(m.group("unit")) if m.groupdict().get("unit") else key(m.group("pl"))[2:]
        designator, _ = ctx.lex.units[unit]
        return _Cand(m.start(), m.end(), "DURATION", V.duration(m.group("n"), designator),
                     prio=prio)
    unit = key(m.group("pl"))[2:]
    designator, _ = ctx.lex.units[unit]
    return _Cand(m.start(), m.end(), "DURATION", V.duration("X", designator), prio=prio)


def _h_set(ctx: _Ctx, m: re.Match, prio: int) -> _Cand | None:
    if m.groupdict().get("wd"):
        form = key(m.group("wd"))
        wd = ctx.lex.weekdays.get(form) or ctx.lex.weekdays["ال" + form]
        return _Cand(m.start(), m.end(), "SET", f"XXXX-WXX-{wd}", prio=prio)
    return _Cand(m.start(), m.end(), "SET", ctx.lex.cat("set")[key(m.group("set"))], prio=prio)


def _h_clock(ctx: _Ctx, m: re.Match, prio: int) -> _Cand | None:
    if m.group("h") or m.group("h2"):
        hour = int(m.group("h") or m.group("h2"))
        minute = int(m.group("mi") or m.group("mi2") or 0)
    else:
        hour = ctx.lex.hour_ordinals.get(key(m.group("hord")), 0)
        minute = 0
    if m.group("frac"):
        minute = int(ctx.lex.cat("fraction")[key(m.group("frac"))])
    if m.group("ampm") and ctx.lex.cat("partadverb")[key(m.group("ampm"))] == "PM" and hour < 12:
        hour += 12
    if not (0 <= hour <= 24 and 0 <= minute < 60) or hour == 0 and not m.group("h"):
        return None
    clock = f"T{hour:02d}:{minute:02d}"
    return _Cand(m.start(), m.end(), "TIME", "XXXX-XX-XX" + clock, prio=prio, clock=clock)


def _h_quarter(ctx: _Ctx, m: re.Match, prio: int) -> _Cand | None:
    quarter = ctx.lex.cat("quarter")[key(m.group("q"))]
    if m.group("year"):
        return _Cand(m.start(), m.end(), "DATE", f"{int(m.group('year')):04d}-Q{quarter}",
                     prio=prio)
    if not (m.group("this") or m.group("rel")):
        return None  # "الربع الأول من العام" alone: which year is not said
    kind = "current" if m.group("this") else _rel_kind(ctx, m.group("rel"))
    step = {"past": -1, "future": 1, "current": 0}[kind or "current"]
    return _anchored(ctx, m.start(), m.end(), "DATE",
                     lambda a: f"{a.year + step:04d}-Q{quarter}", prio)


def _h_decade(ctx: _Ctx, m: re.Match, prio: int) -> _Cand | None:
    digit = ctx.lex.cat("decade")[key(m.group("decade"))]
    cent = ctx.lex.cat("century")[key(m.group("century"))] if m.group("century") else "19"
    return _Cand(m.start(), m.end(), "DATE", f"{cent}{digit}", prio=prio)


def _h_century(ctx: _Ctx, m: re.Match, prio: int) -> _Cand | None:
    return _Cand(m.start(), m.end(), "DATE", ctx.lex.cat("century")[key(m.group("century"))],
                 prio=prio)


# --------------------------------------------------------------------------- driver

_GLUE = re.compile(r"^[\s،,]*(?:(?:في|من|عند|يوم)\s+)*[\s،,]*$")


def _with_part(clock: str, part: str) -> str:
    """"T10:00" with part of day "EV" -> "T22:00"."""
    hour = int(clock[1:3])
    if part in ("AF", "EV", "NI") and hour < 12 and not (part == "NI" and hour <= 4):
        hour += 12
    elif part == "MI" and hour < 7:
        hour += 12
    return f"T{hour:02d}{clock[3:]}"


def _merge_clock(cands: list[_Cand], ntext: str) -> list[_Cand]:
    """Join a clock time with an adjacent day: "الساعة 10 صباح الخميس" -> one TIME."""
    out: list[_Cand] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if nxt and (c.clock or nxt.clock) and not (c.clock and nxt.clock) \
                and _GLUE.match(ntext[c.end:nxt.start]):
            clock, day = (c, nxt) if c.clock else (nxt, c)
            if day.type in ("DATE", "TIME") and (day.unresolved or (
                    day.value and re.fullmatch(r"\d{4}-\d\d-\d\d(T[A-Z]{2})?", day.value))):
                value = None if day.unresolved else day.value[:10] + _with_part(
                    clock.clock, day.value[11:])
                out.append(_Cand(c.start, nxt.end, "TIME", value, relative=day.relative,
                                 unresolved=day.unresolved))
                i += 2
                continue
        out.append(c)
        i += 1
    return out


_AND = re.compile(r"^\s*و\s*$")
_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def _merge_same(cands: list[_Cand], ntext: str) -> list[_Cand]:
    """"أمس السبت 08 يونيو": adjacent expressions naming the same day become one."""
    out: list[_Cand] = []
    for c in cands:
        prev = out[-1] if out else None
        if prev and prev.type == c.type == "DATE" and not ntext[prev.end:c.start].strip() \
                and (prev.value == c.value and c.value is not None
                     or prev.unresolved and c.value and _DAY.fullmatch(c.value)):
            out[-1] = _Cand(prev.start, c.end, "DATE", c.value)
            continue
        out.append(c)
    return out


def _coordinate_weekdays(cands: list[_Cand], ntext: str) -> None:
    """"يومي الثلاثاء والأربعاء الماضيين": a bare weekday joined by و to a dated day takes
    the nearest such weekday on that side of it, not its own guess."""
    for prev, cur in zip(cands, cands[1:], strict=False):
        if not _AND.match(ntext[prev.end:cur.start]):
            continue
        if cur.weekday and prev.value and _DAY.fullmatch(prev.value):
            day = dt.date.fromisoformat(prev.value)
            cur.value = V.weekday_date(day, cur.weekday, "future_strict").isoformat()
        elif prev.weekday and cur.value and _DAY.fullmatch(cur.value):
            day = dt.date.fromisoformat(cur.value)
            prev.value = V.weekday_date(day, prev.weekday, "past_strict").isoformat()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in _PUNCT:
        end -= 1
    while start < end and text[start] in _PUNCT:
        start += 1
    return start, end


_use_gates = True  # the tests switch them off to compare


def tag_times(text: str, published: dt.date | None = None, *,
              id_prefix: str = "t") -> tuple[list[TimeExpression], list[str]]:
    """Find and normalise the time expressions of ``text`` against ``published``.

    Returns ``(times, warnings)``: ``times`` in text order with ids t1, t2, ... and offsets
    into ``text``; ``warnings`` is non-empty when relative expressions were left unresolved
    because ``published`` is None. Never raises on any string input.
    """
    if not text:
        return [], []
    norm = normalize(text)
    ctx = _Ctx(norm.text, published, lexicon())
    cands: list[_Cand] = []
    for (pattern, handler, prio), gate in zip(_patterns(), _gates(), strict=True):
        if gate is not None and _use_gates and gate.search(norm.text) is None:
            continue  # nothing this pattern needs is in the text
        for m in pattern.finditer(norm.text):
            if m.end() <= m.start():
                continue
            cand = handler(ctx, m, prio)
            if cand is not None:
                cands.append(cand)
    cands.sort(key=lambda c: (-(c.end - c.start), -c.prio, c.start))
    chosen: list[_Cand] = []
    for c in cands:
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    chosen = _merge_same(_merge_clock(chosen, norm.text), norm.text)
    _coordinate_weekdays(chosen, norm.text)
    times: list[TimeExpression] = []
    unresolved = 0
    for c in chosen:
        start, end = norm.span_to_original(c.start, c.end)
        start, end = _trim(text, start, end)
        if end <= start:
            continue
        unresolved += c.unresolved
        times.append(TimeExpression(id=f"{id_prefix}{len(times) + 1}", type=c.type,
                                    start=start, end=end, text=text[start:end], value=c.value))
    warnings = []
    if unresolved:
        warnings.append(f"time: {unresolved} relative expression(s) left unresolved "
                        "(published date unknown; pass --published)")
    return times, warnings
