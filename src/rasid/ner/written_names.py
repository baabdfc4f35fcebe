"""Names recognised by how they are written: in quotation marks (outlets, bodies,
works), as hashtags, hyphenated, with "ل" written onto them, or with a regnal number."""

from collections.abc import Callable
from functools import lru_cache

from spacy.tokens import Doc, Span

from rasid.ner.calendar_words import is_regnal_ordinal
from rasid.ner.features import token_norm
from rasid.ner.gazetteer import ATTACHED, known_people, name_key
from rasid.ner.label_agreement import CLOSING_QUOTES, NO_OVERRIDE_CUES, OPENING_QUOTES, type_cues
from rasid.ner.layout import Layout, is_punct, starts_arabic
from rasid.ner.lexicon import NOUN_SEEN, word_list
from rasid.ner.merge import label_cues
from rasid.resources import read_table
from rasid.text import normalize_key, word_frequencies
from rasid.text.tokenize import pronoun_suffixes


def hyphenated_names(doc: Doc, layout: Layout, keys: list[str],
                     spans: list[Span]) -> list[Span]:
    """A person's name goes on over a hyphen written without spaces: Korean given names
    ("مون جاي" + "-إن", "تشونغ اوي" + "-يونغ", "كيم يو" + "-جونغ"), which the model cut at
    the hyphen; a person's span right after the hyphen joins the one before. A whole name of
    the knowledge base does not go on, nor onto one ("قمة ترامب-كيم", "كيم-ترمب": the
    summit), nor over a word that another entity holds."""
    texts, spaces, n = layout.texts, layout.spaces, len(layout.texts)
    ordered = sorted(spans, key=lambda s: s.start)
    by_start = {s.start: s for s in ordered}
    taken = {i for s in ordered for i in range(s.start, s.end)}
    out: list[Span] = []
    joined: set[int] = set()
    changed = False
    for x in ordered:
        if x.start in joined:
            continue
        end = x.end
        if x.label_ == "PER" and end + 1 < n and texts[end] == "-" and not spaces[end - 1] \
                and not spaces[end] and starts_arabic(texts[end + 1]) and end not in taken \
                and name_key(keys, x.start, x.end) not in known_people() \
                and name_key(keys, end + 1, end + 2) not in known_people():
            after = by_start.get(end + 1)
            if after is not None and after.label_ == "PER":
                end = after.end
                joined.add(after.start)
            elif end + 1 not in taken:
                end += 2
        if end != x.end:
            changed = True
            x = Span(doc, x.start, end, label="PER")
        out.append(x)
    return out if changed else spans


def whole_l_names(doc: Doc, layout: Layout, keys: list[str],
                  spans: list[Span]) -> list[Span]:
    """A person's span takes in a Maghreb name that begins with "ل" (l_names.txt: "لحسن",
    "لشكر"), which the tokenizer cut as "ل" + a word: right before the span ("ل" + "حسن
    الوسلاتي" → "لحسن الوسلاتي") or right after it ("إدريس" + "ل" + "شكر"). A person the
    knowledge base knows without the "ل" keeps it as a preposition ("أموالهم" + "ل" + "حسن
    نصر الله")."""
    names = word_list("ner/l_names.txt")
    texts, joined, n = layout.texts, layout.joined, len(layout.texts)

    def l_name_at(i: int) -> bool:  # tokens i, i + 1 are "ل" + the rest of a listed name
        return 0 <= i < n - 1 and texts[i] == "ل" and joined[i + 1] \
            and (i == 0 or not joined[i]) and normalize_key("ل" + texts[i + 1]) in names \
            and (i + 2 >= n or not joined[i + 2] or is_punct(texts[i + 2]))
    taken = {i for x in spans for i in range(x.start, x.end)}
    out, changed = [], False
    for x in spans:
        start, end = x.start, x.end
        if x.label_ == "PER":
            if l_name_at(start - 1) and name_key(keys, start, end) not in known_people():
                start -= 1
            if l_name_at(end) and end not in taken and end + 1 not in taken:
                end += 2
        if (start, end) != (x.start, x.end):
            changed = True
            x = Span(doc, start, end, label="PER")
        out.append(x)
    return out if changed else spans


# a word written with "ب" that raw news writes whole this often is a word ("بأن", "بوضوح"),
# not a name the tokenizer cut ("بوين", "بوعزيز", "بالمر": never)
_B_WHOLE_SEEN = 5


def cut_b_name(layout: Layout, k: int, seen: int = _B_WHOLE_SEEN) -> bool:
    """Tokens ``k`` and ``k + 1`` are one written word that the tokenizer cut into "ب" + the
    rest and that raw news never writes whole, so the "ب" may be a name's first letter
    rather than the preposition: "بوين" → "ب" + "وين", "بوعزيز" → "ب" + "وعزيز", "كيث بالمر"
    → "ب" + "المر". Callers ask of the rest what they ask of a name's word, and may allow
    a whole word written up to ``seen`` times where the context says a name."""
    texts = layout.texts
    return k + 1 < len(texts) and texts[k] == "ب" and not layout.joined[k] \
        and layout.joined[k + 1] \
        and word_frequencies().get(token_norm("ب" + texts[k + 1]), 0) < seen


# how often raw news may write the rest of a word after "ف" on its own for that "ف" to
# count as the name's first letter: after an opening quote ("«فوليا دي ساو باولو»"), and
# elsewhere ("فاندر ساكرامينتو", "فارياس": the rest is no word)
_F_REST_QUOTED = 500
_F_REST = NOUN_SEEN


def whole_f_names(doc: Doc, layout: Layout, spans: list[Span]) -> list[Span]:
    """A span that begins right after a "ف" the tokenizer cut off as "so" takes the "ف" back
    where it is the name's first letter: the rest alone is a word raw news hardly writes
    ("فاندر" → "ف" + "اندر", "فارياس"), or one it writes now and then right after an
    opening quote ("«فوليا دي ساو باولو»", "«فايف ثيرتي إيت»"), or the person's span
    begins at the "ان" of "فان" ("فان باستن"). Without it the entity began inside the
    word ("اندر ساكرامينتو فييرا", "ان باستن"); a common word keeps its "ف" as the
    conjunction ("ففرنسا", "فنبيل الزهر")."""
    texts, joined = layout.texts, layout.joined
    freq = word_frequencies()
    taken = {i for x in spans for i in range(x.start, x.end)}
    out, changed = [], False
    for x in spans:
        s = x.start
        if s >= 1 and texts[s - 1] == "ف" and joined[s] and s - 1 not in taken \
                and (s == 1 or not joined[s - 1] or is_punct(texts[s - 2])) \
                and starts_arabic(texts[s]):
            rest = freq.get(token_norm(texts[s]), 0)
            quoted = s >= 2 and texts[s - 2] in OPENING_QUOTES
            if rest < _F_REST or (quoted and rest < _F_REST_QUOTED) \
                    or (x.label_ == "PER" and texts[s] == "ان"):
                x = Span(doc, s - 1, x.end, label=x.label_)
                changed = True
        out.append(x)
    return out if changed else spans


def regnal_numbers(doc: Doc, layout: Layout, spans: list[Span],
                   is_nisba: Callable[[str], bool]) -> list[Span]:
    """A monarch's or pope's name goes on over its regnal number: "الملك عبدالله" +
    "الثاني", "البابا يوحنا بولس" + "الثاني" (resources/ner/royal_titles.txt, with at most a
    nationality adjective between title and name: "الملك البريطاني هنري الثاني")."""
    texts, out = layout.texts, []
    for span in spans:
        end = span.end
        if span.label_ == "PER" and end < len(texts) and not layout.joined[end] \
                and is_regnal_ordinal(texts[end]) and not any(
                    x.start == end for x in spans):
            before = span.start - 1
            if before > 0 and texts[before].startswith("ال") and is_nisba(texts[before]):
                before -= 1
            if before >= 0 and normalize_key(texts[before]) in word_list("ner/royal_titles.txt"):
                span = Span(doc, span.start, end + 1, label="PER")
        out.append(span)
    return out


# words before a quoted name that make it a news outlet ("لـ«الشرق الأوسط»": told to the
# paper; "مراسل «الجوهرة»": the station's correspondent), with the types they override;
# "موقع" and "قناة" (a website, a channel) are also a site and a canal, so only quoted
_OUTLET_CUES = {"ل": ("GPE", "LOC"), "مراسل": ("GPE", "LOC"),
                "موقع": ("GPE", "LOC", "MISC", "PER"), "قناه": ("GPE", "LOC", "MISC", "PER"),
                "سهم": ("GPE", "LOC", "MISC", "PER"), "اسهم": ("GPE", "LOC", "MISC", "PER")}


def quoted_outlets(keys: list[str], layout: Layout, spans: list[Span]) -> list[Span]:
    """A name quoted right after "لـ", "مراسل", "موقع" or "قناة" is a newspaper, a station
    or a website: "قالت مصادر لـ«الشرق الأوسط»" (Asharq Al-Awsat, not the Middle East),
    "لـ"الرياض"" (the Riyadh daily), "موقع «غيزمودو»", "قناة «BFM»". On two census samples
    (1,546 articles) the model had about 30 such outlets as places and a dozen as MISC.
    After "سهم"/"أسهم" (a share) it is the company: "سهم «الكابلات»" (was MISC). Only the
    quoted mention changes."""
    texts = layout.texts
    out = []
    for span in spans:
        s, e = span.start, span.end
        if s >= 2 and e < len(texts) and texts[s - 1] in OPENING_QUOTES \
                and texts[e] in CLOSING_QUOTES:
            cue = keys[s - 2].lstrip(ATTACHED)  # "لـ" → "ل"; "لموقع" → "ل" + "موقع"
            if span.label_ in _OUTLET_CUES.get(cue, ()):
                span = Span(span.doc, s, e, label="ORG")
        out.append(span)
    return out


def quoted_newspapers(doc: Doc, layout: Layout, spans: list[Span]) -> list[Span]:
    """A newspaper named after a place or a word (ner/quoted_newspapers.txt) is the paper
    where its name stands alone in quotation marks, whatever the words before it: "علمت
    «الشرق الأوسط»" (Asharq Al-Awsat learnt), "«عكاظ» تحدثت إلى مصدر" (Okaz spoke to a
    source). A longer name around the quotes ("مشروع «الشرق الأوسط الجديد»") is left alone."""
    names = word_list("ner/quoted_newspapers.txt")
    texts = layout.texts
    out = spans
    for i, text in enumerate(texts):
        if text not in OPENING_QUOTES:
            continue
        end = _closing_quote(texts, i, 3)
        if end is None or normalize_key(" ".join(texts[i + 1:end])) not in names:
            continue
        inside = [s for s in out if s.start < end and s.end > i + 1]
        if any(s.start <= i or s.end > end for s in inside) \
                or any(s.label_ == "ORG" for s in inside):
            continue
        out = [s for s in out if s not in inside] + [Span(doc, i + 1, end, label="ORG")]
    return out


def _spans_by_token(doc: Doc, spans: list[Span]) -> list[Span | None]:
    """For each token of ``doc``, the span over it, or None."""
    by_token: list[Span | None] = [None] * len(doc)
    for span in spans:
        by_token[span.start:span.end] = [span] * len(span)
    return by_token


def _closing_quote(texts: list[str], i: int, most: int) -> int | None:
    """Where the quoted name that opens at token ``i`` closes: the closing quote's index, if
    it comes after one to ``most`` tokens with a letter among them; otherwise None. A
    straight quote that closes an earlier one in its paragraph opens nothing ("حي "ساوث بنك"
    بمدينة لندن إلى شركة "ألماكانتار"": the quote after "بنك" closes the bank's name)."""
    if texts[i] in _SYMMETRIC_QUOTES and _closes_earlier(texts, i):
        return None
    end = next((j for j in range(i + 1, min(len(texts), i + 2 + most))
                if texts[j] in CLOSING_QUOTES), None)
    if end is None or end == i + 1 \
            or not any(starts_arabic(t) or t[:1].isalpha() for t in texts[i + 1:end]):
        return None
    return end


# quotation marks written alike at both ends of a quote
_SYMMETRIC_QUOTES = OPENING_QUOTES & CLOSING_QUOTES


def _closes_earlier(texts: list[str], i: int) -> bool:
    """The quote at token ``i`` is the second of a pair: an odd number of the same mark
    stands before it since the paragraph's start (a line break)."""
    count = 0
    for j in range(i - 1, -1, -1):
        if "\n" in texts[j]:
            break
        count += texts[j] == texts[i]
    return count % 2 == 1


# a quoted name after a body cue is at most this many words ("«أبجد للترجمة والنشر والتوزيع»")
_QUOTED_NAME_WORDS = 6


def quoted_bodies(doc: Doc, layout: Layout, keys: list[str],
                  spans: list[Span]) -> list[Span]:
    """A quoted name right after a body cue of type_cues.tsv that the model left untyped is
    an organisation: "شركة «روسنفت»", "حزب «الكتائب»", "صحيفة «معاريف»", "منظمة «أنا يقظ»"
    (94 such names on two census samples of 1,546 articles, about nine in ten of them
    bodies). A place the quotes hold with more words is part of the name: "قوات «سوريا
    الديمقراطية»", "حزب «نداء تونس»". A one-word adjective in quotes is a description
    ("مجموعة «إرهابية»"), and "تنظيم" is also "organising"."""
    texts = layout.texts
    taken = _spans_by_token(doc, spans)
    added, replaced = [], set()
    for i in range(1, len(doc) - 2):
        if texts[i] not in OPENING_QUOTES:
            continue
        cue = keys[i - 1].lstrip(ATTACHED)
        if type_cues().get(cue) != "ORG" or cue in NO_OVERRIDE_CUES:
            continue
        end = _closing_quote(texts, i, _QUOTED_NAME_WORDS)
        if end is None:
            continue
        inside = {s for s in taken[i + 1:end] if s is not None}
        if inside and not all(s.label_ in ("GPE", "LOC") and i < s.start and s.end < end
                              for s in inside):
            continue  # the model or the gazetteer named it, or named more than a place in it
        if end == i + 2 and token_norm(texts[i + 1]).endswith(("يه", "ي")) \
                and not texts[i + 1].startswith("ال"):
            continue  # "مجموعة «إرهابية»": an adjective describes, it names nothing
        added.append(Span(doc, i + 1, end, label="ORG"))
        replaced |= inside  # "قوات «سوريا الديمقراطية»": the place is part of the name
    if not added:
        return spans
    return sorted([s for s in spans if s not in replaced] + added, key=lambda x: x.start)


# a quoted title after a noun of works is at most this many words ("«خارج نطاق الخدمة»")
_QUOTED_TITLE_WORDS = 6
# what stands between two quoted titles of one list ('لوحات "منظر للنيل" ، "الولد والحصان"')
_TITLE_SEPARATORS = frozenset(("،", ",", "و"))


def _after_work_noun(layout: Layout, i: int, nouns: frozenset[str]) -> bool:
    """The words before token ``i`` are a noun of works, alone, with the article ("الفيلم"),
    with a pronoun written onto it ("برنامجها", "روايته": tokens "برنامج" + "ها", "روايت" +
    "ه"), or definite and followed by one definite adjective ("الفيلم التلفزيوني", "الفيلم
    المغربي")."""
    texts = layout.texts

    def work_noun(j: int) -> bool:
        key = normalize_key(texts[j])
        return key in nouns or (key.startswith("ال") and key[2:] in nouns
                                and key[2:] not in _plural_nouns())

    if i < 1:
        return False
    if work_noun(i - 1):
        return True
    if i >= 2 and texts[i - 1].startswith("ال") and texts[i - 2].startswith("ال") \
            and not layout.joined[i - 1] and work_noun(i - 2):
        return True
    return i >= 2 and layout.joined[i - 1] and texts[i - 1] in pronoun_suffixes() \
        and (normalize_key(texts[i - 2]) in nouns
             or normalize_key(texts[i - 2] + texts[i - 1]) in nouns)


_MODEL = normalize_key("طراز")


@lru_cache(maxsize=1)
def _plural_nouns() -> frozenset[str]:
    """work_nouns.txt's plurals (second column "plural": "أفلام", "لوحات"), which count only
    without the article ("مقدم البرامج «يان برتاس»" is a presenter) and before a title of
    two words or more, or a list of titles: one word after them is as often a genre
    ('أفلام "الأكشن"', 'أغاني "السنغل"') or a maker ('أفلام "ألمودوفار"')."""
    return frozenset(normalize_key(r[0]) for r in read_table("ner/work_nouns.txt")
                     if len(r) > 1 and r[1] == "plural")


@lru_cache(maxsize=1)
def _product_nouns() -> frozenset[str]:
    """work_nouns.txt's nouns of products (second column "product": "طراز", "موديل")."""
    return frozenset(normalize_key(r[0]) for r in read_table("ner/work_nouns.txt")
                     if len(r) > 1 and r[1] == "product")


def _product_label(texts: list[str], quote: int) -> str:
    """MISC for a quoted work or product, but WEAPON for the model of a weapon: "طائرات من
    طراز «أباتشي»", "مقاتلات طراز «رافال»" (a weapon noun of ambiguous_cues.tsv's "*WEAPON"
    row at most four words before "طراز": "طائرات مقاتلة أوروبية من طراز")."""
    noun = quote - 1
    if noun < 1 or normalize_key(texts[noun]) != _MODEL:
        return "MISC"
    cues = label_cues("WEAPON")
    before = [normalize_key(texts[j]) for j in range(max(0, noun - 4), noun)]
    return "WEAPON" if any(w in cues for w in before) else "MISC"


def quoted_works(doc: Doc, layout: Layout, spans: list[Span]) -> list[Span]:
    """A quoted title after a noun of works (work_nouns.txt: "فيلم «كريستوفر روبين»",
    "رواية «أميركا»", "برنامجها «حبيب الملايين»", "بعنوان «خارج نطاق الخدمة»"), or right
    after such a title and a comma or "و" ('لوحات "منظر للنيل" ، "الولد والحصان"'), is the
    work, MISC, whatever its words name: an entity that is exactly the title is retyped, and
    a title of at most six words is added over the entities inside it ("برنامج «مع نور»"
    held the person "نور"). A title with an entity reaching out of the quotes is left."""
    nouns = word_list("ner/work_nouns.txt")
    texts = layout.texts
    by_token = _spans_by_token(doc, spans)
    titles, replaced = [], set()
    closed = -1  # the closing quote of the last title taken
    for i in range(1, len(doc) - 2):
        if texts[i] not in OPENING_QUOTES or not (
                _after_work_noun(layout, i, nouns)
                or (i >= 2 and i - 2 == closed and texts[i - 1] in _TITLE_SEPARATORS)):
            continue
        end = _closing_quote(texts, i, _QUOTED_TITLE_WORDS)
        if end is None:
            continue
        inside = {s for s in by_token[i + 1:end] if s is not None}
        if any(s.start <= i or s.end > end for s in inside):
            continue
        last = end
        while last > i + 1 and is_punct(texts[last - 1]):
            last -= 1  # "«أبو عمر المصري.»": the full stop is the sentence's
        if last == i + 1:
            continue
        if last == i + 2 and normalize_key(texts[i - 1]) in _plural_nouns() \
                and not (end + 2 < len(texts) and texts[end + 1] in _TITLE_SEPARATORS
                         and texts[end + 2] in OPENING_QUOTES):
            continue  # 'أفلام "الأكشن"': a genre, unless a list of titles goes on
        label = _product_label(texts, i)
        same = [s for s in inside if (s.start, s.end) == (i + 1, last)]
        if any(s.label_ == "WEAPON" for s in same):
            label = "WEAPON"  # the gazetteer knew the weapon ('من طراز "تايفون"')
        elif label == "MISC" and any(s.label_ == "ORG" for s in same) \
                and normalize_key(texts[i - 1]).removeprefix("ال") in _product_nouns():
            continue  # a brand quoted after a product noun is its company, an ORG
        titles.append(Span(doc, i + 1, last, label=label))
        replaced |= inside
        closed = end
    if not titles:
        return spans
    return sorted([s for s in spans if s not in replaced] + titles, key=lambda x: x.start)


def hashtag_labels(layout: Layout, keys: list[str], spans: list[Span]) -> list[Span]:
    """A hashtag typed MISC takes the type of the entity the document names in the same
    words without "#" ("#البيت_الأبيض" and "البيت الأبيض", FAC), and a person's where its
    last word is a person's last word there ("#زاك_كوكس" and "كوكس", "#ستورمي_دانييلز" and
    "السيدة دانييلز"): the model typed hashtags MISC, whatever they named."""
    texts = layout.texts

    def tagged(span: Span) -> bool:
        return span.start > 0 and texts[span.start - 1] == "#"

    def words(span: Span) -> tuple[str, ...]:
        return tuple(k.lstrip(ATTACHED) for k in keys[span.start:span.end]
                     if k.lstrip(ATTACHED) != "_")

    if not any(s.label_ == "MISC" and tagged(s) and "_" in texts[s.start:s.end]
               for s in spans):
        return spans
    plain = [s for s in spans if not tagged(s)]
    labels = {words(s): s.label_ for s in plain}
    family = {words(s)[-1] for s in plain if s.label_ == "PER"}
    out = []
    for span in spans:
        if span.label_ == "MISC" and tagged(span) and "_" in texts[span.start:span.end]:
            name = words(span)
            label = labels.get(name) or ("PER" if name and name[-1] in family else "MISC")
            span = Span(span.doc, span.start, span.end, label=label)
        out.append(span)
    return out


def whole_hashtags(layout: Layout, spans: list[Span]) -> list[Span]:
    """A name written as a hashtag is the whole hashtag: "#البنك_المركزي_المصري",
    "#كوريا_الشمالية", "#سوزان_الحاج", where the model, reading "_" as a word of its own,
    stopped at the first one. Only a span that begins the hashtag grows, over "_" + word
    pairs written without a space; "#ميليشيات_الحوثي" keeps its ORG "الحوثي"."""
    texts, joined = layout.texts, layout.joined
    out = []
    for span in spans:
        s, end = span.start, span.end
        if s and texts[s - 1] == "#" and joined[s]:
            while end + 1 < len(texts) and texts[end] == "_" and joined[end] \
                    and joined[end + 1] and starts_arabic(texts[end + 1]):
                end += 2  # "_" and the next word, with the clitics written onto it ("ل" + "كرة")
                while end < len(texts) and joined[end] and starts_arabic(texts[end]):
                    end += 1
        if end > span.end and not any(x.start < end and span.end <= x.start for x in spans):
            span = Span(span.doc, s, end, label=span.label_)
        out.append(span)
    return out
