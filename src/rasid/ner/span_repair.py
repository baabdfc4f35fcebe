"""Boundary repairs of one statistical-model span: where a person's, organisation's or
place's name really starts and ends (titles, lineage words, pronoun endings, a country run on
after a name, a clause after an organisation), and whether a span names anything at all."""

from collections.abc import Callable

from spacy.tokens import Doc, Span

from rasid.ner.acronyms import is_letter_name
from rasid.ner.features import token_norm
from rasid.ner.gazetteer import ATTACHED
from rasid.ner.geo import country_names, gpe_names, head_complements, is_place_head, loc_names
from rasid.ner.layout import (
    PROCLITIC_TOKENS,
    Layout,
    is_attached_proclitic,
    starts_arabic,
    written_words,
)
from rasid.ner.lexicon import (
    CLUB_HEADS,
    LEADING_PREPOSITIONS,
    NAME_LINKS,
    SECOND_PARTS,
    is_title,
    non_entity,
    word_list,
)
from rasid.ner.rules import org_describers, org_heads, stop_words
from rasid.text import normalize_key, strip_marks
from rasid.text.tokenize import pronoun_suffixes

NO_INNER_CLITIC = frozenset(("PER", "GPE", "LOC"))


def possessed_head(layout: Layout, start: int, end: int) -> bool:
    """The span is an organisation head noun with a pronoun written onto it ("حزب" + "ه",
    his party; "مجلس" + "هم", their council): a possessed common noun, no name. Only head
    nouns: the tokenizer also cuts "ه" or "نا" off foreign names and letter names ("إي" +
    "ه" of "سي آي إيه", "هيلي" + "نا")."""
    return (end - start == 2 and layout.joined[start + 1]
            and layout.texts[start + 1] in pronoun_suffixes()
            and token_norm(layout.texts[start]) in org_heads())


def before_pronoun(layout: Layout, start: int, end: int, label: str) -> int:
    """Where a span followed by a pronoun written onto its last word really ends. A letter
    name's "ه" or "نا" is the tokenizer's cut of a foreign name's ending ("دونالد جي" + "ه",
    "سي آي إي" + "ه", "ستيفانو بي" + "نا"), which joins the name. Otherwise an organisation
    or a place takes no possessive pronoun, so that word is a common noun and leaves the
    span ("حماس" + "ه", his zeal; "قطر" + "ها", its diameter). A person's name takes no
    pronoun either, but the tokenizer cuts the same endings off foreign names: a person's
    span of two words or more takes the ending back ("ساديو ماني" + "ه", "ريك فرانكو" +
    "نا", "محمد حميد" + "ه"); one word is left as it is ("ماري" + "نا" of "مارينا", but
    also "عمر" + "ها", her age), and a work's title (MISC) may hold a pronoun ("أولاد
    حارتنا")."""
    if end >= len(layout.texts) or not layout.joined[end] \
            or layout.texts[end] not in pronoun_suffixes():
        return end
    if is_letter_name(layout.texts[end - 1]) or (label == "PER" and end - start > 1):
        return end + 1
    return end - 1 if label in ("ORG", "GPE", "LOC") else end


def before_score(layout: Layout, start: int, end: int) -> int:
    """Where a span that runs into a match score really ends: a team's name never holds the
    first number of "3-1" ("وفاز ريال 3-1 على ليفربول"; the model read "ريال 3" as the
    club). Scores are small numbers; "2005-2006" after a name is a season or a term."""
    texts = layout.texts

    def goals(i: int) -> bool:
        return texts[i].isdigit() and len(texts[i]) <= 2

    if end - 1 > start and goals(end - 1) and end + 1 < len(texts) \
            and texts[end] in ("-", ":", "–") and goals(end + 1):
        return end - 1
    return end


def trailing_country(doc: Doc, start: int, end: int) -> int | None:
    """Where a country's name (one to three tokens) ends the span ``start:end`` after at
    least one other token, the index it begins at; else None."""
    for n in (3, 2, 1):
        cut = end - n
        if cut > start and normalize_key(doc[cut:end].text) in country_names():
            return cut
    return None


def leading_place(doc: Doc, start: int, end: int, classes: dict[str, str]) -> int | None:
    """Where a person's span that opens with a place's whole name (one or two tokens of the
    place lists) goes on with a given name of the lists, the index that name begins at:
    "سليانة" + "علي سعيد" (after "والي", the governor of Siliana). A family name after the
    place ("بغداد بونجاح", a footballer named Baghdad) keeps the span whole."""
    for n in (2, 1):
        cut = start + n
        if cut < end and normalize_key(doc[start:cut].text) in gpe_names() \
                and "FIRST" in classes.get(token_norm(doc[cut].text), ""):
            return cut
    return None


def act_of_country(doc: Doc, start: int, end: int) -> bool:
    """The span is a verbal noun of resources/ner/action_nouns.txt and a country's whole
    name: the country's act ("تنظيم قطر", Qatar's organising), not a group."""
    return (end - start > 1 and token_norm(doc[start].text) in word_list("ner/action_nouns.txt")
            and normalize_key(doc[start + 1:end].text) in country_names())


def past_name_link(layout: Layout, start: int, end: int) -> int:
    """Where a span that ends in a name link ("جامعة ابن" of "جامعة ابن زهر", "محمد بن راشد
    آل" of "... آل مكتوم") really ends: one word further, if that word is written apart and
    begins with an Arabic letter. The model stopped there on real news and on ANERcorp."""
    texts = layout.texts
    if end - start < 2 or end >= len(texts) or token_norm(texts[end - 1]) not in NAME_LINKS:
        return end
    nxt = texts[end]
    if starts_arabic(nxt) and nxt not in PROCLITIC_TOKENS and not layout.joined[end]:
        return end + 1
    return end


def after_family(layout: Layout, start: int, end: int) -> int:
    """Where a person's span that names the family with "آل" really ends: after the
    family's name, which closes an Arab name ("محمد بن راشد آل مكتوم" + "الرمضانية", the
    adjective of the table before the name, on ANERcorp's dev part); after one more word
    for a family named "آل عبد ..." or "آل أبو ...", and for a tribe's nisba after the
    family ("سعد آل سحيم الأسمري"). Lineage with "بن" comes before "آل", never after it."""
    texts = layout.texts
    for i in range(start, end - 2):
        if token_norm(texts[i]) == "ال" and not layout.joined[i]:
            close = i + 2 + (token_norm(texts[i + 1]) in _FAMILY_COMPOUNDS)
            if close < end and _tribe(texts[close]):
                close += 1
            return min(end, close)
    return end


#: endings of words in "أبو" that are no names: "أبوية" (paternal), "أبويها" (her parents)
_NOT_KUNYA_ENDINGS = ("يه", "يها", "يهم", "يات")


def over_joined_kunya(layout: Layout, end: int, classes: dict[str, str]) -> int:
    """Where a person's span ends when the word after it is a family name written with
    "أبو" joined on ("فايزة" + "أبوالنجا", "أحمد" + "أبوالغيط", Egyptian spelling): one word
    further. Not "أبواب..." (doors), "أبوية" (paternal), nor a listed place or body
    ("أبوظبي", "أبوعريش"; the gazetteer-class table)."""
    texts = layout.texts
    if end >= len(texts) or layout.joined[end] or not starts_arabic(texts[end]) \
            or (end + 1 < len(texts) and layout.joined[end + 1]):
        return end
    key = token_norm(texts[end])
    if not key.startswith("ابو") or len(key) < 6 or key.startswith("ابواب") \
            or key.endswith(_NOT_KUNYA_ENDINGS) \
            or any(c in classes.get(key, "") for c in ("GPE", "LOC", "ORG")) \
            or normalize_key(texts[end]) in gpe_names() or normalize_key(texts[end]) in loc_names():
        return end
    return end + 1


def _tribe(word: str) -> bool:
    """A tribe's masculine nisba, which may follow the family ("سعد آل سحيم" +
    "الأسمري"); a feminine one ("الرمضانية") describes a noun before the name."""
    key = token_norm(word)
    return key.startswith("ال") and key.endswith("ي")


#: first words of two-word family names after "آل" ("آل عبد الوهاب", "آل أبو نيان")
_FAMILY_COMPOUNDS = frozenset(("عبد", "ابو"))


def before_god_formula(layout: Layout, start: int, end: int) -> int:
    """Where a person's span that ends in a religious formula with "الله" really ends: before
    the formula's word (god_formulas.txt: "أبو إبراهيم" + "رحمه الله", "محمد" + "صلى الله",
    "رعاه الله" alone); and nowhere, that is at ``start``, for "X الله" with "ب" written
    onto it ("بعون الله", "بحمد الله", "بتوفيق الله": with God's help), where X would
    otherwise be a given name ("حمد الله"). God's epithets may follow "الله"
    (god_epithets.txt: "بعون الله تعالى"); any other word after it goes on with a name."""
    texts = layout.texts
    formulas = word_list("ner/god_formulas.txt")
    epithets = word_list("ner/god_epithets.txt")
    for i in range(start + 1, end):
        if token_norm(texts[i]) != "الله" or layout.joined[i]:
            continue
        if any(normalize_key(w) not in epithets for w in texts[i + 1:end]):
            break  # "أحمد الله مباريز": names go on after a compound "X الله"
        if normalize_key(texts[i - 1]) in formulas:
            return i - 1
        if i - 1 == start and start > 0 and texts[start - 1] == "ب" and layout.joined[start] \
                and token_norm(texts[start]) not in NAME_LINKS:
            return start  # not "بعبد الله" (with Abdullah)
        break
    return end


def before_name_second_part(layout: Layout, start: int, end: int) -> int:
    """Where a person's span that begins with the second part of a compound name ("الله
    غولن" of "فتح الله غولن", 12 times on 1,000 real articles) really begins: one word
    earlier, if that word is written apart and begins with an Arabic letter."""
    texts = layout.texts
    if end - start < 2 or not start or token_norm(texts[start]) not in SECOND_PARTS:
        return start
    prev = texts[start - 1]
    if starts_arabic(prev) and prev not in PROCLITIC_TOKENS and not layout.joined[start]:
        return start - 1  # "و" + "نور" + "الدين": the conjunction stays outside
    return start


def before_lineage(doc: Doc, layout: Layout, start: int, end: int,
                   classes: dict[str, str]) -> int:
    """Where a person's span that begins with "بن"/"ابن"/"بنت" or the family's "آل" really
    begins: one word earlier when that word follows a title ("الأمير" + "سلطان" + "بن
    فهد"), or before "آل" when it is a known first name (FIRST class: "تركي" + "آل الشيخ",
    which the model read as "Turkish"). "بن سلمان" alone stays a name: news calls people by
    their lineage, and "بيان بن دغر" is Bin Daghr's statement ("بيان" is also a given
    name)."""
    if end - start < 2 or start < 1:
        return start
    link = token_norm(layout.texts[start])
    if link not in LINEAGE:
        return start
    prev = layout.texts[start - 1]
    if not starts_arabic(prev) or prev.startswith("ال") or prev in PROCLITIC_TOKENS \
            or layout.joined[start] or layout.joined[start - 1] \
            or token_norm(prev) in stop_words():
        return start
    titled = start > 1 and is_title(doc, start - 2)
    given = link == "ال" and "FIRST" in classes.get(token_norm(prev), "")
    return start - 1 if given or titled else start


def lineage_tail(doc: Doc, layout: Layout, spans: list[Span]) -> list[Span]:
    """A person's span that stops before "بن"/"بنت" + a name takes the lineage in, and the
    family's "آل" + name after it: the gazetteer lists "الملك سلمان", Saudi news writes
    "الملك سلمان بن عبدالعزيز آل سعود", and the listed name (longer on the left) had won
    over the model's "سلمان بن عبدالعزيز". A span so extended leaves out the title it
    opened with, as every person's span does. "ابن" is also the noun "son" ("ابن عم",
    cousin), so only "بن"/"بنت" extend. Another entity in the way stops the extension
    unless it is a person's span inside it ("بن عبدالعزيز" found alone)."""
    texts, joined = layout.texts, layout.joined
    n = len(texts)

    def name_word(i: int) -> bool:
        return i < n and not joined[i] and starts_arabic(texts[i]) \
            and token_norm(texts[i]) not in stop_words() and not is_title(doc, i)

    out: list[Span] = []
    i = 0
    while i < len(spans):
        span = spans[i]
        i += 1
        if span.label_ != "PER":
            out.append(span)
            continue
        end = span.end
        while end < n and token_norm(texts[end]) in _EXTENDING_LINKS and not joined[end] \
                and name_word(end + 1):
            end += 2
            if token_norm(texts[end - 1]) == "عبد" and name_word(end):
                end += 1  # "بن عبد العزيز"
        if end > span.end and end + 1 < n and token_norm(texts[end]) == "ال" \
                and not joined[end] and name_word(end + 1):
            end += 2  # "آل سعود"
        if end == span.end:
            out.append(span)
            continue
        inside = []
        while i < len(spans) and spans[i].start < end:
            inside.append(spans[i])
            i += 1
        if any(x.label_ != "PER" or x.end > end for x in inside):
            out.append(span)
            out.extend(inside)
            continue
        start = span.start
        while start < end - 1 and is_title(doc, start):
            start += 1
        out.append(Span(doc, start, end, label="PER"))
    return out


def person_list(doc: Doc, layout: Layout, start: int, end: int,
                classes: dict[str, str]) -> list[tuple[int, int]]:
    """The people of a person span that runs several names together, as team sheets and
    lists of officials write them without "و" ("مراد الخضراوي عدنان هلالي", "يوسف الشاهد
    زياد العذاري"): a new name begins at a known first name (FIRST class) written right
    after a definite family name. "فريد الدين مسعود", "حسين الحاج حسن" (a title inside the
    name) and "أبو الوليد محمد" (a name link before it) are one person. A first piece that
    opens with a definite word or a title ("المطور العقاري" + "إبراهيم السبيعي") is a role,
    no person, and is left out. Empty when the span is one person."""
    texts = layout.texts
    cuts = [i for i in range(start + 2, end)
            if "FIRST" in classes.get(token_norm(texts[i]), "")
            and not texts[i].startswith("ال") and not layout.joined[i]
            and texts[i - 1].startswith("ال") and not is_title(doc, i - 1)
            and token_norm(texts[i - 1]) not in _INSIDE_ONE_NAME
            and token_norm(texts[i - 2]) not in NAME_LINKS]
    if not cuts:
        return []
    bounds = [start, *cuts, end]
    pieces = list(zip(bounds, bounds[1:], strict=False))
    if texts[start].startswith("ال") or is_title(doc, start):
        pieces = pieces[1:]  # "المطور العقاري": a role, not a name
    return pieces


# letters a foreign name written with "و" for W starts with ("ويليامز", "واتسون", "ووك"),
# and the hamza seats: after "و" + one of them the word may be one name, not "and" + a name
_NAME_VOWELS = frozenset("اأإآيىوؤئء")
# how often raw news may write a word for the "و" it starts with to be the conjunction
_CONJOINED_SEEN = 5


def conjoined_people(layout: Layout, start: int, end: int, classes: dict[str, str],
                     is_nisba: Callable[[str], bool],
                     freq: dict[str, int]) -> list[tuple[int, int]]:
    """The people of a person span that runs two names joined by "و" together, where the
    tokenizer kept "و" on the second because it did not know the rest: tennis doubles
    ("التشيكي راديك وفريدل", "فيسنت وبورتاس"), lists ("مارك روت وكزافيي بتال", "القاسمي
    والعوادي"). A word raw news never writes whose "و" comes before a consonant (a foreign
    name with W has a vowel letter next: "ويكماير", "واتسون", "وامباك") or before the
    article, and that no name list knows ("وليد", "وجدي", "وديع" are names and common),
    opens a second person, unless a given name stands right before it: Arabic family names
    too begin with "و" ("وليد وهبان", "يوسف وردانى"). A nationality adjective there
    describes the second person and stays outside ("جاركا" + "والكازاخستاني" + "جيرل").
    Empty when the span is one person."""
    texts = layout.texts
    cuts = []
    for i in range(start + 1, end):
        key = token_norm(texts[i])
        rest = key[1:]
        if layout.joined[i] or not key.startswith("و") or len(rest) < 3 \
                or freq.get(key, 0) >= _CONJOINED_SEEN or key in classes \
                or "FIRST" in classes.get(token_norm(texts[i - 1]), ""):
            continue  # after a given name: its family's ("وليد وهبان", "شيماء جمال وحيش")
        if rest.startswith("ال") or rest[0] not in _NAME_VOWELS:
            cuts.append(i)
    if not cuts:
        return []
    bounds = [start, *cuts, end]
    pieces = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        if a in cuts and is_nisba(token_norm(texts[a])[1:]):
            a += 1  # "والكازاخستاني": the second person's nationality
        if a < b:
            pieces.append((a, b))
    return pieces


# "الحاج" inside a person's name ("حسين الحاج حسن"), where it is no title of titles.txt to
# trim but part of how the man is called ("الشيخ", "السيد" are titles.txt words)
_IN_NAME_TITLES = frozenset(("الحاج",))
# definite words after which a first name goes on the same person's name
_INSIDE_ONE_NAME = SECOND_PARTS | _IN_NAME_TITLES
# the name links that open a lineage or a family ("ال" is "آل"), not a kunya or "عبد"
LINEAGE = NAME_LINKS - {"ابو", "عبد"}
# the lineage links that carry a person's span on over the father's name (lineage_tail):
# not "ابن", also the noun "son" ("ابن عم"), nor "آل", which only closes a lineage
_EXTENDING_LINKS = LINEAGE - {"ابن", "ال"}


def after_name_opener(layout: Layout, start: int) -> int:
    """Where a person's span that follows a word opening Moroccan names ("مولاي" + "حفيظ")
    really begins: at that word, which belongs to the name (name_openers.txt)."""
    if start and not layout.joined[start] \
            and token_norm(layout.texts[start - 1]) in word_list("ner/name_openers.txt"):
        return start - 1
    return start


def _title_before_name(doc: Doc, i: int) -> bool:
    """Token ``i`` is a title that opens the next person's name ("السيناتور" + "تشاك"): a
    title of titles.txt followed by an indefinite word that can be a name. A title an
    organisation is named after (eponym_titles.txt) right after its head noun belongs to the
    name ("جامعة القاضي عياض"); later in the span it opens the next person's name ("نادي
    الهلال الأمير" + "سلطان"). "شبكة الجزيرة الإعلامية" ends in an adjective that is also
    a title, and keeps it."""
    if i + 1 >= len(doc) or not is_title(doc, i) \
            or (i > 0 and token_norm(doc[i - 1].text) in NAME_LINKS):
        return False  # "آل" + "الشيخ": a family's name
    before = token_norm(doc[i - 1].text).lstrip(ATTACHED) if i > 0 else ""
    if normalize_key(doc[i].text) in word_list("ner/eponym_titles.txt") \
            and before in org_heads():
        return False
    if before in CLUB_HEADS:
        return False  # "نادي النجمة": a club named by a word that is also a title
    nxt = doc[i + 1].text
    # a word with tanween ("مؤخراً", lately) is an adverb, no name
    return starts_arabic(nxt) and not nxt.startswith("ال") and not non_entity(nxt) \
        and not nxt.endswith("\u064b")


def before_title(doc: Doc, keys: list[str], start: int, end: int) -> int:
    """Where a rule-built organisation name (head-noun or eponym rule) over ``start:end``
    ends: before a title opening the next person's name ("السيناتور" + "تشاك"; "مركز الملك
    سلمان للإغاثة والأعمال الإنسانية الدكتور" + "عبدالله الربيعة"), and not on "و" when the
    title was written onto it ("و" + "المخرج")."""
    cut = next((i for i in range(start + 1, end) if _title_before_name(doc, i)), end)
    if cut < end and cut < len(keys) and keys[cut].startswith(ATTACHED):
        cut -= 1
    return cut


def org_end(doc: Doc, layout: Layout, start: int, end: int) -> int:
    """Where an organisation's span really ends: before a title that opens the next person's
    name ("مجلس الشيوخ السيناتور" + "تشاك شومر"), before "ب" + a place written onto it
    ("معهد بمنوبة": the institute in Manouba; rasid's gold keeps the organisation and its
    place apart, as in "محكمة الاستئناف في باريس"), before "ل" + a word of org_stop.txt
    ("للعام", for the year), and before a describing participle
    (resources/ner/org_describers.txt: "التابعة", "الموالية")."""
    while end - 1 > start and _title_before_name(doc, end - 1):
        end -= 1
    for i in range(start + 1, end - 1):
        if layout.texts[i] == "ب" and layout.joined[i + 1] \
                and normalize_key(doc[i + 1:end].text) in gpe_names():
            end = i
            break
    for i in range(start + 1, end - 1):
        if layout.texts[i] == "ل" and layout.joined[i + 1] \
                and "ا" + token_norm(layout.texts[i + 1]) in stop_words():
            end = i  # "وزارة الشؤون البلدية والقروية" + "للعام الحالي" (for the year)
            break
    while end - 1 > start and is_attached_proclitic(layout, end - 1):
        end -= 1  # "شركة الإنتاج و" + "المخرج ..."
    # "صحيفة الوطن" + "الموالية للحكومة": a describing participle ends the name
    return next((i for i in range(start + 1, end)
                 if token_norm(layout.texts[i]) in org_describers()), end)


def without_leading_nisba(doc: Doc, layout: Layout, spans: list[Span],
                          is_nisba: Callable[[str], bool]) -> list[Span]:
    """Persons' spans without a nationality adjective before the name: "الكاميروني" +
    "صامويل إيتو", "لـ" + "البرازيلي" + "فريد" (written "للبرازيلي", so the token is
    "لبرازيلي"). The adjective describes the person, as rasid's gold leaves it outside,
    and the linker reads it as the state where it stands for one. Such an adjective alone
    ("البوسني", the Bosnian, for the player) is no name either, unless the article gave it
    as a person's family name ("خليل المصري" ... "المصري")."""
    def definite_nisba(i: int) -> bool:
        text = layout.texts[i]
        definite = text if text.startswith("ال") else "ا" + text if text.startswith("ل") else ""
        return bool(definite) and is_nisba(definite)  # "تركي" is also a given name (Turki)

    families = {token_norm(layout.texts[s.end - 1]) for s in spans
                if s.label_ == "PER" and len(s) > 1}
    out = []
    for span in spans:
        if span.label_ != "PER" or not definite_nisba(span.start):
            out.append(span)
        elif len(span) > 1:
            out.append(Span(doc, span.start + 1, span.end, label="PER"))
        elif token_norm(layout.texts[span.start]) in families:
            out.append(span)
    return out


def complete_place(layout: Layout, start: int, end: int) -> int:
    """Where a place's span that ends in a head noun (resources/ner/loc_heads.txt) really
    ends: over the word its indefinite head needs ("شبه جزيرة" + "القرم"), or a nisba after
    its definite head ("شبه الجزيرة" + "الكورية"). On 1,000 real articles the model stopped
    at the head 35 times."""
    texts = layout.texts
    if end >= len(texts) or layout.joined[end] or texts[end] in PROCLITIC_TOKENS \
            or not starts_arabic(texts[end]) or not is_place_head(texts[end - 1]):
        return end
    head, nxt = texts[end - 1], texts[end]
    if token_norm(nxt) in stop_words():
        return end  # "الخليج التي": a relative pronoun is no nisba
    if not head.startswith("ال"):
        return end + 1
    if nxt.startswith("ال") and nxt.endswith(("ية", "يه", "ي")):
        return end + 1
    return end


# a name goes on over one of these after its opening noun ("حمام" + "بنت" + "الجديدي"): the
# links of persons' names, and those of places' ("بني ملال", "أولاد تايمة", "أم القيوين")
_OPENER_LINKS = NAME_LINKS | frozenset(normalize_key(w) for w in ("أم", "بني", "أولاد"))
# a verb in the imperfect opens with one of these (_without_trailing_verbs)
IMPERFECT_PREFIXES = frozenset("يت")
# "ديوان" is an office ("الديوان الملكي") and a poet's collected poems ("ديوان قيس بن
# الملوّح"): a person's span that opens with it is the poet's, not a body
POETRY_HEADS = frozenset((normalize_key("ديوان"),))


def opened_name(layout: Layout, start: int, end: int, openers: frozenset[str],
                is_nisba: Callable[[str], bool]) -> int | None:
    """Where a span that is only a noun opening a name really ends: over the word after it
    ("باب" + "الزوار", "نادي" + "النجمة"), and one more after a linking word ("حمام" + "بنت"
    + "الجديدي"). None where no name follows ("كفر" + "بالاقتصاد", he disbelieved; "نادي" +
    "إنجليزي", an English club): the noun alone names nothing."""
    texts = layout.texts
    if end - start != 1 or token_norm(texts[start]) not in openers:
        return end

    def word_at(i: int) -> bool:
        return i < len(texts) and not layout.joined[i] and len(texts[i]) > 1 \
            and starts_arabic(texts[i]) and texts[i] not in PROCLITIC_TOKENS \
            and token_norm(texts[i]) not in stop_words() \
            and texts[i] not in LEADING_PREPOSITIONS and not is_nisba(texts[i])
    if not word_at(end):
        return None
    link = token_norm(texts[end]) in _OPENER_LINKS
    end = written_words(layout, end, 1)[0][1]  # the whole written word ("أبها": "أب" + "ها")
    if link and word_at(end):
        end = written_words(layout, end, 1)[0][1]
    return end


def ran_past_name(doc: Doc, i: int) -> bool:
    """The model's organisation span went on past a whole name of the gazetteer into the
    sentence at token ``i``: a noun or participle ("منظمة العفو الدولية" + "الشركات",
    "صندوق النقد الدولي" + "البالغة", "الأمم المتحدة" + "موسكو"; about 20 spans on 500 real
    articles). An adjective in ي/ية ("حزب العمال" + "الكردستاني", "بي بي سي" + "عربي"), a
    field ("ل") or a conjunction written onto the next word may continue another body's
    name, and stay."""
    word = strip_marks(doc[i].text)
    return bool(word) and word[0].isalpha() and word not in PROCLITIC_TOKENS \
        and not word.endswith(("ي", "ية", "يه", "ى")) and not word.isdigit()


def country_list(texts: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of a place span that is two or more known places' names side by side, a
    list written without "و" ("فرنسا بريطانيا أمريكا كندا"); empty when it is one name
    ("الإمارات العربية المتحدة", "غينيا بيساو": the longest known name is taken first) or
    holds any other word."""
    names, pieces, i = gpe_names(), [], start
    while i < end:
        j = next((j for j in range(end, i, -1)
                  if normalize_key(" ".join(texts[i:j])) in names), None)
        if j is None:
            return []
        pieces.append((i, j))
        i = j
    return pieces if len(pieces) > 1 else []


def missing_complement(texts: list[str], start: int, end: int) -> bool:
    """The span opens with a head that names a place only before certain words ("شبه" +
    "جزيرة"; loc_heads.txt's second column) and another word, or none, follows it."""
    needed = head_complements().get(normalize_key(texts[start]))
    if needed is None:
        return False
    nxt = normalize_key(texts[start + 1]) if start + 1 < len(texts) else ""
    return nxt not in needed


# head nouns that also name one body alone: "الاتحاد" (a club), "الرابطة" (Italy's Lega)
_NAMING_HEADS = frozenset(("اتحاد", "رابطه"))  # normalised keys


def bare_head(layout: Layout, i: int) -> bool:
    """Token ``i`` is an organisation head noun, bare or with the article ("صندوق", "البنك",
    "ل" + "لجامعة"): alone it names nothing, it points back to a body named before."""
    norm = token_norm(layout.texts[i])
    if norm in org_heads():
        return True
    if norm.startswith("ال"):
        bare = norm[2:]
    elif norm.startswith("ل") and i and layout.texts[i - 1] == "ل" and layout.joined[i]:
        bare = norm[1:]  # "للجامعة" → "ل" + "لجامعة": the article lost its alef
    else:
        return False
    return bare in org_heads() and bare not in _NAMING_HEADS


def unknown_place(text: str) -> bool:
    """No place list names ``text`` ("الخليج", the Gulf, is in loc.tsv; "البحر" is not)."""
    key = normalize_key(text)
    return key not in loc_names() and key not in gpe_names()
