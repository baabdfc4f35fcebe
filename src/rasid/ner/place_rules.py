"""Places named by a head noun or a cue: fronts and centres, "ولاية"/"عاصمة" + a rare
word, facilities named after their place, named places and natural features."""


from functools import lru_cache

from spacy.tokens import Doc, Span

from rasid.ner.gazetteer import ATTACHED
from rasid.ner.geo import country_names
from rasid.ner.label_agreement import OPENING_QUOTES, type_cues
from rasid.ner.layout import Layout, free_word, starts_arabic
from rasid.ner.lexicon import (
    RARE_WORD,
    facility_words,
    homograph_table,
    place_facility_heads,
    word_list,
)
from rasid.ner.merge import take_over
from rasid.ner.org_rules import eponym_head
from rasid.ner.rules import name_continuation, org_heads
from rasid.ner.span_repair import before_title
from rasid.resources import read_table
from rasid.text import normalize_key, word_frequencies

# heads whose construct with a place names a place, not a body: "جبهة ميدي" (the Midi front)
_PLACE_HEADS = frozenset(("جبهه",))  # normalised keys
# heads that name a body after a place only with more words: "مركز قطر للمال", but "مركز
# هجين" is the district seat of Hajin and "مركز لندن" London's standing
_CENTRE_HEADS = frozenset(("مركز",))


def headed_places(doc: Doc, keys: list[str], spans: list[Span]) -> list[Span]:
    """An organisation head noun right before a place's name makes one ORG of both, with the
    definite words and field that follow: "مصرف قطر المركزي", "مركز قطر للمال", "بنك
    أولستر", "شركة مصر للطيران", "لجنة القدس", "محكمة بروكلين الفدرالية". On 859 census
    articles the model had 28 such places as GPE, all in an organisation's name but for the
    battle fronts of Yemen ("جبهة ميدي", _PLACE_HEADS)."""
    heads = org_heads() - _PLACE_HEADS
    out = list(spans)
    for span in spans:
        h = span.start - 1
        if span.label_ != "GPE" or h < 0 or keys[h].lstrip(ATTACHED) not in heads \
                or keys[span.start].startswith(ATTACHED) \
                or keys[span.start] in homograph_table().homographs:
            continue  # "مركز مالي" is a financial centre, not Mali's
        end = before_title(doc, keys, span.end - 1, name_continuation(keys, span.end, ATTACHED))
        if end == span.end and keys[h].lstrip(ATTACHED) in _CENTRE_HEADS:
            continue
        out = take_over(doc, out, h, end, "ORG") or out
    return sorted(out, key=lambda x: x.start)


def without_state_noun(doc: Doc, keys: list[str], spans: list[Span]) -> list[Span]:
    """A country named with "دولة" (state) is the country alone: "لدولة قطر" → "قطر",
    "دولة فلسطين" → "فلسطين" (the knowledge base's official names put the noun in; rasid's
    gold and ANERcorp leave a place's head noun out, as "إقليم خيبر بختونخوا" →
    "خيبر بختونخوا"). Only where the rest is a whole country's name."""
    out = []
    for span in spans:
        if span.label_ == "GPE" and len(span) > 1 \
                and keys[span.start].lstrip(ATTACHED) == _STATE \
                and normalize_key(span[1:].text) in country_names():
            span = Span(doc, span.start + 1, span.end, label="GPE")
        out.append(span)
    return out


_STATE = normalize_key("دولة")


# GPE cues of type_cues.tsv that also begin other phrases: "ولاية ثانية" (a second term),
# "ولاية العهد"; "عاصمة لإسرائيل" (a capital for)
_LOOSE_PLACE_CUES = frozenset(normalize_key(w) for w in ("ولاية", "عاصمة"))


def cued_places(doc: Doc, layout: Layout, keys: list[str], spans: list[Span]) -> list[Span]:
    """A place the model missed right after a place cue of type_cues.tsv ("مدينة", "بلدة",
    "قرية", "محافظة"; a hashtag sign between is skipped): "بلدة تبنين", "قرية كوبار", "مدينة
    «غوسلار»". Only words raw news hardly writes (under 20 times in the frequency table:
    a small town's name, not "مدينة صغيرة" or "قرية تعود"), none covered by an entity."""
    freq = word_frequencies()
    texts = layout.texts
    taken = {i for s in spans for i in range(s.start, s.end)}

    def rare(i: int) -> bool:
        return free_word(layout, i, taken) and len(normalize_key(texts[i])) >= 3 \
            and freq.get(normalize_key(texts[i]), 0) < RARE_WORD

    out = list(spans)
    for i in range(len(doc) - 1):
        cue = keys[i].lstrip(ATTACHED)
        if type_cues().get(cue) != "GPE" or cue in _LOOSE_PLACE_CUES:
            continue
        start = i + 1
        if texts[start] in ("#", *OPENING_QUOTES) and start + 1 < len(doc):
            start += 1
        if not rare(start):
            continue
        end = start + 1
        while end < start + 3 and rare(end):
            end += 1
        out.append(Span(doc, start, end, label="GPE"))
        taken.update(range(start, end))
    return sorted(out, key=lambda x: x.start)


def facilities_of_places(doc: Doc, keys: list[str], spans: list[Span]) -> list[Span]:
    """A port, airport, crossing, prison or base named after its place is one FAC with its
    head noun and a closing adjective of the list: "ميناء جرجيس", "مطار عدن الدولي", "معبر
    نصيب" (kind PLACE of ner/facility_words.tsv), where the model had the place alone."""
    heads, adjectives = place_facility_heads(), facility_words()[1]
    out = list(spans)
    for span in spans:
        h = span.start - 1
        if span.label_ != "GPE" or h < 0 or keys[span.start].startswith(ATTACHED) \
                or keys[h].lstrip(ATTACHED) not in heads:
            continue
        end = span.end + (span.end < len(keys) and keys[span.end] in adjectives)
        out = take_over(doc, out, h, end, "FAC") or out
    return sorted(out, key=lambda x: x.start)


def named_places(doc: Doc, keys: list[str], spans: list[Span]) -> list[Span]:
    """A street, airport, stadium, mosque or hospital named after a person is one FAC, not
    the person: "شارع الحبيب بورقيبة", "مطار الأمير محمد بن عبدالعزيز الدولي". The head noun
    (ner/facility_words.tsv) stands right before the name or before an eponym title
    (eponym_titles.txt), written apart from any pronoun; a closing adjective of the list
    joins. Unlike organisations ("لصندوق ديفيد ليبتون", the Fund's David Lipton) these heads
    are never followed by a person who merely belongs to them."""
    heads, adjectives = facility_words()
    titles = word_list("ner/eponym_titles.txt")
    out = list(spans)
    for span in spans:
        if span.label_ != "PER" or span.start == 0:
            continue
        h = eponym_head(keys, span.start, heads, titles)
        if h is None:
            continue
        end = span.end + (span.end < len(keys) and keys[span.end] in adjectives)
        # a span of the head and title alone ("ستاد الأمير" + "فيصل بن فهد") joins the name
        out = take_over(doc, out, h, end, "FAC") or out
    return sorted(out, key=lambda x: x.start)


@lru_cache(maxsize=1)
def _eponym_city_adjectives() -> dict[str, str]:
    """ner/eponym_cities.tsv: closing adjective (normalised key) -> label of the phrase."""
    return {normalize_key(word): label for word, label in read_table("ner/eponym_cities.tsv")}


_CITY = normalize_key("مدينة")
_LINEAGE = frozenset((normalize_key("بن"), normalize_key("ابن")))


def eponym_cities(doc: Doc, keys: list[str], spans: list[Span]) -> list[Span]:
    """"مدينة" + an eponym title + a name is a sports ground, medical complex, economic city
    or research body named after the person, never the person: "مدينة الملك عبدالله
    الرياضية" (FAC), "مدينة الملك عبدالله الاقتصادية" (GPE), "مدينة الملك عبدالعزيز للعلوم
    والتقنية" (ORG: "ل" + its field). The adjective after the name gives the type
    (ner/eponym_cities.tsv); with no adjective nor field, the ground itself (FAC). Only where
    the model found an entity right after the title (the name); named_places leaves
    "مدينة" out, as "مدينة الرياض" is a city's own name."""
    titles, adjectives = word_list("ner/eponym_titles.txt"), _eponym_city_adjectives()
    out = list(spans)
    for h in range(len(keys) - 2):
        if keys[h].lstrip(ATTACHED) != _CITY or keys[h + 1] not in titles:
            continue
        found = [x for x in out if x.start < h + 3 and h + 1 < x.end]
        if found:
            end = max(x.end for x in found)
        else:
            # the model found nothing: a given name, "بن" + name pairs, then the adjective
            # or field must follow ("مدينة الأمير سلطان الطبية العسكرية")
            end = h + 3
            while end + 1 < len(keys) and keys[end] in _LINEAGE:
                end += 2
            if keys[h + 2].startswith(("ال", ATTACHED)) or not starts_arabic(keys[h + 2]) \
                    or end >= len(keys) or not (keys[end] in adjectives or keys[end] == "ل"):
                continue
        cut = next((i for i in range(h + 2, end) if keys[i] in adjectives), None)
        end = cut if cut is not None else end
        if end <= h + 2:
            continue
        if end < len(keys) and keys[end] in adjectives:
            label = adjectives[keys[end]]
            end += 1
            end += end < len(keys) and keys[end] in adjectives  # "الطبية العسكرية"
        elif end < len(keys) and keys[end] == "ل":
            label, end = "ORG", before_title(doc, keys, end - 1,
                                             name_continuation(keys, end, ATTACHED))
        else:
            label = "FAC"
        out = take_over(doc, out, h, end, label) or out
    return sorted(out, key=lambda x: x.start)


def feature_places(doc: Doc, keys: list[str], spans: list[Span]) -> list[Span]:
    """A gulf, strait, river, lake, mountain or island named after a place is one LOC with
    its noun (resources/ner/feature_heads.txt): "خليج عدن" is the Gulf of Aden, not the
    city the model's "عدن" made it; "نهر الأردن" the river, not the country. After a noun
    that announces a place (city_nouns.txt), "بيت" or "تل" opens a town's name, which stays
    GPE ("بلدة بيت لاهيا"; town_openers.txt). Only a GPE span right after the noun, the
    noun written apart from it; a longer name around either is left alone."""
    heads = word_list("ner/feature_heads.txt")
    towns, settled = word_list("ner/town_openers.txt"), word_list("ner/city_nouns.txt")
    out = list(spans)
    for span in spans:
        h = span.start - 1
        if span.label_ != "GPE" or h < 0 or keys[span.start].startswith(ATTACHED):
            continue
        head = keys[h].lstrip(ATTACHED)
        if head in towns and h > 0 and keys[h - 1].lstrip(ATTACHED) in settled:
            # "بلدة بيت لاهيا": the town is "بيت لاهيا", a GPE
            out = take_over(doc, out, h, span.end, "GPE") or out
            continue
        if head not in heads:
            continue
        if h > 0 and keys[h - 1].lstrip(ATTACHED) == "شبه":
            h -= 1  # "شبه جزيرة القرم", a peninsula
        out = take_over(doc, out, h, span.end, "LOC") or out
    return sorted(out, key=lambda x: x.start)
