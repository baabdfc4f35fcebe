"""Organisations the model misses or cuts: head-noun names ("وزارة ..."), acronyms,
eponyms, companies, car models, clubs named after their city or a common word, and groups
introduced by "ما يسمى"."""

from collections.abc import Callable, Collection, Sequence
from functools import lru_cache

from spacy.tokens import Doc, Span

from rasid.ner.acronyms import acronym_runs, is_letter_name
from rasid.ner.features import token_norm
from rasid.ner.gazetteer import ATTACHED, Match, name_key
from rasid.ner.geo import country_names
from rasid.ner.label_agreement import between_quotes
from rasid.ner.layout import (
    PROCLITIC_TOKENS,
    Layout,
    is_attached_proclitic,
    is_punct,
    starts_arabic,
    written_words,
)
from rasid.ner.lexicon import TEAM_NOUNS, is_sports, is_title, non_entity, word_list
from rasid.ner.merge import take_over
from rasid.ner.rules import name_continuation, nisba_key, org_heads, org_phrases, stop_words
from rasid.ner.span_repair import before_title, ran_past_name
from rasid.resources import read_table
from rasid.text import normalize_key


def apply_org_rule(doc: Doc, keys: list[str], spans: list[Span],
                   matches: Sequence[Match] = ()) -> list[Span]:
    """Add head-noun organisation names (:func:`rasid.ner.rules.org_phrases`): a phrase
    replaces the entities it contains, and yields to an entity that reaches beyond it. A
    phrase that opens with a whole name of the gazetteer ends with it when a field follows,
    which is a role's ("المبعوث الخاص للاتحاد الأوروبي" + "للقرن الأفريقي"; bodies named
    after one, "الاتحاد الأفريقي لكرة القدم", are gazetteer entries of their own), or the
    sentence goes on (:func:`ran_past_name`: "منظمة العفو الدولية" + "الشركات"). A head
    before a whole gazetteer name ends with the name when a definite nationality adjective
    follows it ("صحيفة الغارديان" + "البريطانية"), as rasid's gold leaves such an adjective
    outside a proper name."""
    phrases = org_phrases(keys, ATTACHED)
    if not phrases:
        return spans
    out = list(spans)
    whole = {m.start: m.end for m in matches}
    for s, e in phrases:
        if s + 1 < whole.get(s, e) < e and (keys[whole[s]] == "ل"
                                            or ran_past_name(doc, whole[s])):
            e = whole[s]
        named = whole.get(s + 1, e)
        if s + 1 < named < e and keys[named].startswith("ال") and nisba_key(keys[named]):
            e = named  # "صحيفة الغارديان" + "البريطانية": the paper's country describes it
        # match keys fold hamza, so "ألمانية" reads as "ال" + "مانية": a word written with
        # أ/إ/آ is not definite and ends the name ("محكمة ألمانية", a German court)
        # (the noun of a field in construct state is indefinite anyway: "لإعادة الإعمار")
        e = next((i for i in range(s + 1, e) if doc[i].text[:1] in "أإآ"
                  and keys[i - 1] != "ل"), e)
        e = before_title(doc, keys, s, e)
        # "الاتحاد الدولي للنقل الجوي" + "والرئيس التنفيذي": a coordinated title is no part,
        # nor a second body, headed ("وزارة الصحة" + "والبنك الدولي", "و وزارة التجارة") or
        # named whole by the gazetteer
        e = next((i for i in range(s + 1, e - 1) if keys[i] == "و"
                  and _coordinated_head(doc, keys, i + 1, whole)), e)
        while e - 1 > s and keys[e - 1] == "و":
            e -= 1  # cut before "ألمانيا" above: "مجلس الأمن الدولي" + "وألمانيا"
        if e - s < 2 or non_entity(doc[s:e].text):
            continue  # "شبكة الإنترنت": a head noun before a common noun
        out = take_over(doc, out, s, e, "ORG") or out
    return sorted(out, key=lambda x: x.start)


def _coordinated_head(doc: Doc, keys: list[str], i: int, whole: dict[int, int]) -> bool:
    """Token ``i``, right after "و" inside an organisation phrase, opens something else:
    a title, an organisation head noun (with or without the article) or a whole name of the
    gazetteer."""
    bare = keys[i][2:] if keys[i].startswith("ال") else keys[i]
    return is_title(doc, i) or i in whole or keys[i] in org_heads() or bare in org_heads()


def coordinated_bodies(doc: Doc, keys: list[str], spans: list[Span],
                       matches: Sequence[Match] = ()) -> list[Span]:
    """Organisation spans cut where "و" joins a second body (:func:`_coordinated_head`):
    the model's "وزارة الصحة و وزارة التجارة" is two ministries. Each side keeps at least
    two words."""
    whole = {m.start: m.end for m in matches}
    out = []
    for span in spans:
        cut = next((i for i in range(span.start + 2, span.end - 2) if keys[i] == "و"
                    and _coordinated_head(doc, keys, i + 1, whole)), None) \
            if span.label_ == "ORG" else None
        if cut is None:
            out.append(span)
            continue
        out += [Span(doc, span.start, cut, label="ORG"), Span(doc, cut + 1, span.end, label="ORG")]
    return out


def quoted_alone(texts: list[str], start: int, end: int) -> bool:
    """Tokens ``start:end`` (three or more letter names) stand between a pair of quotation
    marks and nothing else: a parenthesis is a gloss of the name before it ("بولي فينل
    كلورايد" (بي في سي), a material), quotes name a body ("ان اس ايه")."""
    return end - start >= 3 and between_quotes(texts, start, end)


def apply_acronyms(doc: Doc, texts: list[str], spans: list[Span],
                   is_nisba: Callable[[str], bool]) -> list[Span]:
    """An entity touching a run of Latin letter names spelled in Arabic takes the whole run
    ("سي" of "سي.إن.إن" → "سي.إن.إن"; :func:`rasid.ner.acronyms.acronym_runs`), as ORG if any
    of its pieces was ORG or the span is letters alone, without definite nationality
    adjectives after it ("آي بي إم الأمريكية" → "آي بي إم", as titles and nisbas stay
    outside names in rasid's gold); a quoted run no entity touches is an ORG of its own
    (:func:`quoted_alone`); a span that is one letter name outside a run is dropped
    ("أي تفاصيل", "any details")."""
    out = list(spans)
    for rs, re_ in acronym_runs(texts):
        inside = [x for x in out if x.start < re_ and rs < x.end]
        if not inside:
            if quoted_alone(texts, rs, re_):
                # "لوكالة الأمن القومي الأميركية "ان اس ايه"": a quoted acronym names a
                # body even where the model found nothing (NSA, NFL, QIA on census news)
                out.append(Span(doc, rs, re_, label="ORG"))
                out.sort(key=lambda x: x.start)
            continue
        label = "ORG" if any(x.label_ == "ORG" for x in inside) else \
            max(inside, key=len).label_
        start, end = min(rs, inside[0].start), max(re_, inside[-1].end)
        if end > re_ and all(t.startswith("ال") and is_nisba(t) for t in texts[re_:end]):
            end = re_
        if label == "PER" and all(is_letter_name(t) or t == "." for t in texts[start:end]):
            label = "ORG"  # letters alone name a body ("كيه جي بي", "كيه إل ام"); a
            # person's initials come with the name ("جيه كيه رولينغ")
        if len(inside) == 1 and (start, end, label) == (
                inside[0].start, inside[0].end, inside[0].label_):
            continue
        out = [x for x in out if x not in inside]
        out.append(Span(doc, start, end, label=label))
        out.sort(key=lambda x: x.start)
    return [x for x in out if not (len(x) == 1 and is_letter_name(x.text))]


@lru_cache(maxsize=1)
def _car_words() -> tuple[frozenset[str], frozenset[tuple[str, ...]]]:
    """resources/ner/car_models.tsv: (vehicle nouns, brands as tuples of token norms)."""
    nouns, brands = set(), set()
    for kind, word, *_ in read_table("ner/car_models.tsv"):
        if kind == "noun":
            nouns.add(token_norm(word))
        else:
            brands.add(tuple(token_norm(w) for w in word.split()))
    return frozenset(nouns), frozenset(brands)


def car_models(doc: Doc, layout: Layout, keys: list[str], spans: list[Span],
               is_nisba: Callable[[str], bool]) -> list[Span]:
    """A car brand and the model written after it, right after a vehicle noun, are one
    product (MISC): "سيارة أوبل كورسا", "سيارة \"فيات تيبو\"" (resources/ner/car_models.tsv).
    The model is one or two words that are not definite, not a nationality adjective, not a
    word that ends a name, and not written onto a clitic; without one the brand keeps its
    label ("سيارة تويوتا الجديدة")."""
    nouns, brands = _car_words()
    texts, n = layout.texts, len(keys)
    found: list[tuple[int, int]] = []
    for v in range(n - 2):
        if keys[v].lstrip(ATTACHED) not in nouns:
            continue
        b = v + 1 + (texts[v + 1] in ('"', "«", "“", "(") if v + 1 < n else 0)
        words = written_words(layout, b, 3)  # "فيات" is "ف" + "يات" to the tokenizer
        brand_end = next((words[m - 1][1] for m in (3, 2, 1) if len(words) >= m and tuple(
            token_norm(w) for w, _ in words[:m]) in brands), 0)
        end = brand_end
        while brand_end and end < n and end - brand_end < 2 and not layout.joined[end] \
                and _model_word(texts[end], is_nisba):
            end += 1
        if brand_end and end > brand_end and not (
                end < n and layout.joined[end] and not is_punct(texts[end])):
            found.append((b, end))  # never ending inside a written word ("إف" of "إف1-75")
    if not found:
        return spans
    out = [x for x in spans if not any(x.start < e and a < x.end for a, e in found)]
    out += [Span(doc, a, e, label="MISC") for a, e in found]
    return sorted(out, key=lambda x: x.start)


@lru_cache(maxsize=1)
def _company_words() -> tuple[frozenset[str], frozenset[str]]:
    """resources/ner/company_words.txt as (every designator, those that may extend a name)."""
    rows = [(token_norm(r[0]), len(r) > 1 and r[1] == "inside")
            for r in read_table("ner/company_words.txt")]
    return frozenset(w for w, _ in rows), frozenset(w for w, inside in rows if not inside)


@lru_cache(maxsize=1)
def _club_cities() -> tuple[frozenset[str], frozenset[str]]:
    """ner/city_clubs.txt as keys: every club city, and those that are the club only before
    a masculine nationality adjective (second column "nisba")."""
    rows = [(normalize_key(r[0]), len(r) > 1 and r[1].strip() == "nisba")
            for r in read_table("ner/city_clubs.txt")]
    return frozenset(n for n, _ in rows), frozenset(n for n, only in rows if only)


def city_clubs(doc: Doc, layout: Layout, keys: list[str], spans: list[Span],
               is_nisba: Callable[[str], bool]) -> list[Span]:
    """In a sports article, a club named after its city (resources/ner/city_clubs.txt:
    "ميلان", "إشبيلية", "نابولي") is the club where it stands alone: a place, a lone person
    (not a player's family name: "أنطونيو فالنسيا") or nothing becomes ORG. The model types
    these by the city ("ويفوز يوفنتوس على ميلان" was GPE). Outside sports news a masculine
    nationality adjective after the name still makes it the club ("تعادل ليل الفرنسي مع
    ميلان الايطالي"): a city is feminine in Arabic. A city noun before it ("مدينة ميلان",
    city_nouns.txt), "ب" written onto it ("فريق الخليج بالشارقة", in Sharjah) or a feminine
    nationality adjective after it ("روما الإيطالية"; the club takes "الإيطالي") keeps the
    city, and a longer name ("إنتر ميلان", "ميلان باديلي") is
    left as it is."""
    clubs, nisba_only = _club_cities()
    if not any(k.lstrip(ATTACHED) in clubs for k in keys):
        return spans
    sports = is_sports(keys)
    city_nouns = word_list("ner/city_nouns.txt")
    # "أنطونيو فالنسيا" (a player) makes "فالنسيا" alone his family name in that article,
    # unless the article also calls it a team ("فريق تورينو"; a wrong person "أولمبيكو دي
    # تورينو", the stadium, is no family)
    teams = {keys[i].lstrip(ATTACHED) for i in range(1, len(keys))
             if keys[i - 1].lstrip(ATTACHED) in TEAM_NOUNS}
    family = {keys[s.end - 1].lstrip(ATTACHED) for s in spans
              if s.label_ == "PER" and len(s) > 1} - teams
    by_start = {s.start: s for s in spans}
    covered = {i for s in spans for i in range(s.start, s.end)}
    out = list(spans)
    for i, key in enumerate(keys):
        if key.lstrip(ATTACHED) not in clubs or key.lstrip(ATTACHED) in family:
            continue
        span = by_start.get(i)
        alone = span is not None and span.end == i + 1 and span.label_ in ("GPE", "LOC", "PER")
        if not alone and i in covered:
            continue
        before = keys[i - 1].lstrip(ATTACHED) if i > 0 else ""
        after = layout.texts[i + 1] if i + 1 < len(keys) else ""
        feminine = is_nisba(after) and token_norm(after).endswith("ه")
        if before in city_nouns or feminine or (before == "ب" and layout.joined[i]):
            continue  # "مدينة ميلان", "روما الإيطالية", "بالشارقة" (in Sharjah): the city
        # "مضيفه ليون صفر - 2": a team's score, but "ليل" (also night) still needs the nisba
        scored = _score_at(layout.texts, i + 1) and key.lstrip(ATTACHED) not in nisba_only
        if not is_nisba(after) and not scored \
                and (not sports or key.lstrip(ATTACHED) in nisba_only):
            continue  # outside sports news only "ليون الفرنسي" (a city is feminine) is the club
        club = Span(doc, i, i + 1, label="ORG")
        out = [club if s is span else s for s in out] if alone else out + [club]
    return sorted(out, key=lambda s: s.start)


@lru_cache(maxsize=1)
def _word_club_table() -> dict[str, str]:
    """ner/word_clubs.tsv as normalised name → mode ("sports", "cue" or "word")."""
    return {normalize_key(name): mode.strip() for name, mode in read_table("ner/word_clubs.tsv")}


def _listed_after_lam(keys: list[str], i: int, words: Collection[str]) -> str | None:
    """The word of ``words`` that token ``i`` is, also where the preposition "ل" elided its
    article's alef ("للهلال" is "ل" + "لهلال": "الهلال"); None if it is none of them."""
    bare = keys[i].lstrip(ATTACHED)
    if bare in words:
        return bare
    return "ا" + bare if keys[i - 1:i] == ["ل"] and "ا" + bare in words else None


_SPORTING = frozenset((normalize_key("الرياضي"), normalize_key("الرياضية")))


def sporting_clubs(doc: Doc, keys: list[str], spans: list[Span]) -> list[Span]:
    """A Maghreb club named "<word> الرياضي <place>" is one ORG: "الترجي الرياضي التونسي",
    "النجم الرياضي الساحلي", "النادي الرياضي البنزرتي", "مستقبل الرياضي بالمرسى". The first
    word is one of ner/sporting_clubs.txt, the sporting adjective follows, then a definite
    adjective in ي/ية ("الساحلي") or "ب" + the town: a place the model found there
    ("بحمام الأنف") or the one word after "ب". A longer span around any of it is left."""
    openers = word_list("ner/sporting_clubs.txt")
    out = list(spans)
    for i in range(len(keys) - 2):
        if keys[i + 1] not in _SPORTING or _listed_after_lam(keys, i, openers) is None:
            continue
        j = i + 2
        if keys[j] == "ب":
            place = next((s for s in out if s.start == j + 1 and s.label_ in ("GPE", "LOC")),
                         None)
            if place is not None:
                end = place.end
            elif j + 1 < len(keys) and keys[j + 1].startswith(ATTACHED) \
                    and starts_arabic(keys[j + 1].lstrip(ATTACHED)):
                end = j + 2
            else:
                continue
        elif keys[j].startswith("ال") and keys[j].endswith(("ي", "يه")):
            end = j + 1
        else:
            continue
        out = take_over(doc, out, i, end, "ORG") or out
    return sorted(out, key=lambda x: x.start)


_DASHES = frozenset(("-", "–", "—"))
_ZERO = "صفر"


def _goals(text: str) -> bool:
    """A team's goals in a score: a small number or "صفر"."""
    return (text.isdigit() and len(text) <= 2) or text == _ZERO


def _score_at(texts: list[str], i: int) -> bool:
    """A match score ("5 - 1", "صفر - 3", "2 : 1") begins at token ``i``. With a colon only
    one-digit goals: "8:30" after a city is the time ("بتوقيت مكة 8:30")."""
    if i + 2 >= len(texts) or not (_goals(texts[i]) and _goals(texts[i + 2])):
        return False
    if texts[i + 1] == ":":
        return (len(texts[i]) == 1 and len(texts[i + 2]) == 1) \
            or _ZERO in (texts[i], texts[i + 2])
    return texts[i + 1] in _DASHES


_TEAM_BOUNDS = frozenset(("-", "–", "—", ":", "،", ",", ".", ")", "*", "/", "|"))
# words searched back from a fixture's parenthesis for the team's start ("سونترال أفريكان
# سوسيتي يونايتد"), and at most taken where the model found no name ending there (a group's
# heading may stand before the first team of a line: "المجموعة الخامسة ريال مدريد")
MAX_TEAM_WORDS = 4
UNFOUND_TEAM_WORDS = 3


def fixture_teams(doc: Doc, layout: Layout, spans: list[Span], sports: bool) -> list[Span]:
    """In a sports article (``sports``), or with the match's score after it, a fixture written
    "<team> (<country>) - <team> (<country>)" or "<team> (<country>) 2 : 1 <team>
    (<country>)" names two clubs: "سلتيك ( اسكتلندا ) - كوبنهاغن ( الدنمارك )", "لاتسيو
    (إيطاليا) - دينامو كييف (أوكرانيا)", "كيدوس جيورجيس (إثيوبيا) 0 : 2 توسكر (كينيا)". Each
    team is the name found right before its parenthesis, or the words (at most
    UNFOUND_TEAM_WORDS) from the last boundary (a dash, colon, comma, closing parenthesis,
    number, line break); one
    ORG. The model had typed them by their city ("كوبنهاغن", "ليون" as places) or as people
    ("سالزبورغ"). Outside sports news and without a score the pattern is left alone: a
    festival's jury is listed the same way ("جميل راتب (مصر) - ...")."""
    texts = layout.texts
    n = len(texts)
    places = {(s.start, s.end) for s in spans if s.label_ in ("GPE", "LOC")}

    def country_after(i: int) -> int | None:
        """The index of ")" closing "(" + a country at ``i``, or None."""
        if i >= n or texts[i] != "(":
            return None
        close = next((j for j in range(i + 2, min(i + 5, n)) if texts[j] == ")"), None)
        return close if close is not None and (i + 1, close) in places else None

    def team_start(paren: int) -> int | None:
        b = paren
        while b > 0 and paren - b < MAX_TEAM_WORDS and texts[b - 1] not in _TEAM_BOUNDS \
                and not _goals(texts[b - 1]) and "\n" not in texts[b - 1] \
                and texts[b - 1].strip():
            b -= 1
        return b if b < paren and starts_arabic(texts[b]) else None

    out = list(spans)
    for i in range(n):
        close = country_after(i)
        if close is None or close + 2 >= n:
            continue
        scored = _score_at(texts, close + 1)
        if scored:
            begin2 = close + 4  # "2 : 1" then the second team
        elif texts[close + 1] in _DASHES:
            begin2 = close + 2
        else:
            continue
        second = next((k for k in range(begin2 + 1, min(begin2 + 1 + MAX_TEAM_WORDS, n))
                       if texts[k] == "("), None)
        end = country_after(second) if second is not None else None
        if end is None:
            continue
        scored = scored or _score_at(texts, end + 1)
        if not (sports or scored):
            continue
        # the second team must fill the words between the dash (or score) and its parenthesis
        starts = ((i, team_start(i)),
                  (second, begin2 if team_start(second) == begin2 else None))
        for paren, begin in starts:
            if begin is None:
                continue
            # a name found right before the parenthesis is the team's whole name ("المجموعة
            # الخامسة" + "ريال مدريد")
            found = next((s for s in out if s.end == paren and begin <= s.start), None)
            begin = found.start if found is not None else max(begin, paren - UNFOUND_TEAM_WORDS)
            out = take_over(doc, out, begin, paren, "ORG") or out
    return sorted(out, key=lambda x: x.start)


def word_clubs(doc: Doc, layout: Layout, keys: list[str], spans: list[Span],
               is_nisba: Callable[[str], bool]) -> list[Span]:
    """In a sports article, a club whose name is also a common word (resources/ner/
    word_clubs.tsv: "الهلال", "النصر", "الشباب", "العين") is the club where no entity covers
    it: every mention for the "sports" names ("تعادل الهلال مع النصر"; not "الهلال الأحمر"),
    and for the "cue" names only after a word of club_cues.txt ("فريق الشباب", "ضيفه
    الفتح") or before a masculine nationality adjective ("العين الإماراتي"), for the "word"
    names only after such a word ("الشباب السعودي" is also Saudi youth). The model had
    left "الهلال" without an entity 324 times of 393 in 700 sports articles."""
    table = _word_club_table()

    def club(i: int) -> str | None:
        return _listed_after_lam(keys, i, table.keys())

    bare = {k.lstrip(ATTACHED) for k in keys}
    if not (bare & table.keys() or {"ا" + k for k in bare if k.startswith("ل")} & table.keys()):
        return spans  # the common case: no club word at all
    found = [(i, name) for i in range(len(keys)) if (name := club(i))]
    if not found or not is_sports(keys):
        return spans
    cues = word_list("ner/club_cues.txt")
    covered = {i for s in spans for i in range(s.start, s.end)}
    out = list(spans)
    for i, name in found:
        if i in covered or (layout.joined[i] and layout.texts[i - 1] not in PROCLITIC_TOKENS):
            continue  # covered, or the end of a longer written word
        after = layout.texts[i + 1] if i + 1 < len(keys) else ""
        if table[name] == "sports":
            if normalize_key(after) == "الاحمر":
                continue  # the Red Crescent
        else:
            j = i - 1
            while j >= 0 and is_attached_proclitic(layout, j):
                j -= 1  # "و" + "ل" + "لفتح": the cue stands before the clitics
            cued = j >= 0 and keys[j].lstrip(ATTACHED) in cues
            masculine = table[name] == "cue" and is_nisba(after) \
                and not token_norm(after).endswith("ه")
            if not cued and not masculine:
                continue
        out.append(Span(doc, i, i + 1, label="ORG"))
    return sorted(out, key=lambda x: x.start)


def clubs_by_country(doc: Doc, layout: Layout, spans: list[Span], sports: bool,
                     is_nisba: Callable[[str], bool],
                     rarely_person: Callable[[str], bool]) -> list[Span]:
    """In a sports article (``sports``), a one-word place that is no country, or a one-word
    person that raw news rarely writes as one (``rarely_person``), right before a masculine
    nationality adjective with the article is a club, and the adjective its country:
    "كوبنهاغن الدنماركي", "ملبورن الاسترالي", "سيلتيك الاسكتلندي" (the model's places and
    person). A city takes the feminine ("روما الإيطالية"), a player's name stays a person
    ("ميسي الأرجنتيني"), and a word with the article is left to :func:`word_clubs`
    ("الكلاسيكو الإسباني" is a match). An organisation right before joins the club's name
    ("دينامو" + "مينسك البيلاروسي"). The lists of city_clubs.txt cover the known clubs;
    this finds the others by the grammar alone."""
    if not sports:
        return spans
    texts = layout.texts
    out = []
    for span in spans:
        start, end = span.start, span.end
        if span.label_ == "PER" and end - start == 2 and _country_adjective(texts[end - 1],
                                                                          is_nisba):
            end -= 1  # the model took the adjective into the person
        after = texts[end] if end < len(texts) else ""
        if end - start == 1 and (_country_adjective(after, is_nisba) or end < span.end) and (
                (span.label_ in ("GPE", "LOC")
                 and normalize_key(texts[start]) not in country_names())
                or (span.label_ == "PER" and not texts[start].startswith("ال")
                    and rarely_person(texts[start]))):
            if out and out[-1].label_ == "ORG" and out[-1].end == start:
                start = out.pop().start  # "دينامو" + "مينسك": the club's name, whole
            span = Span(doc, start, end, label="ORG")
        out.append(span)
    return out


def _country_adjective(text: str, is_nisba: Callable[[str], bool]) -> bool:
    """``text`` is a masculine singular nationality adjective with the article ("البلجيكي",
    not "البلجيكية" nor "البلجيكيون")."""
    key = token_norm(text)
    return text.startswith("ال") and is_nisba(text) and not key.endswith(("ه", "ون", "ين"))


def company_names(doc: Doc, layout: Layout, keys: list[str], spans: list[Span],
                  is_nisba: Callable[[str], bool]) -> list[Span]:
    """A name that holds a foreign company designator after its first word is a company
    (ORG): "دلتا إيرلاينز" (was GPE), "جي إس إنرجي" (was PER); an entity written right before
    one takes it in ("بي بي" + "بتروليوم"). Nationality adjectives after the designator stay
    outside, as rasid's gold keeps them ("دلتا إيرلاينز" + "الأمريكية")."""
    every, extending = _company_words()
    taken = {i for x in spans for i in range(x.start, x.end)}
    out: list[Span] = []
    changed = False
    for x in spans:
        start, end = x.start, x.end
        if end < len(keys) and end not in taken and not layout.joined[end] \
                and keys[end] in extending:
            end += 1
        inside = [i for i in range(start + 1, end) if keys[i].lstrip(ATTACHED) in every]
        if not inside:
            out.append(x)
            continue
        last = inside[-1] + 1
        if all(is_nisba(layout.texts[i]) and layout.texts[i].startswith("ال")
               for i in range(last, end)):
            end = last
        if (start, end, x.label_) != (x.start, x.end, "ORG"):
            changed = True
            x = Span(doc, start, end, label="ORG")
        out.append(x)
    return out if changed else spans


def _model_word(text: str, is_nisba: Callable[[str], bool]) -> bool:
    """``text`` can be (part of) a car model's name: Latin or digits ("X5", "3008"), or an
    Arabic word that is not definite, not a clitic, a nationality adjective or a stop word."""
    if text.isascii():
        return text.isalnum()
    return (starts_arabic(text) and not text.startswith("ال") and text not in PROCLITIC_TOKENS
            and not is_nisba(text) and token_norm(text) not in stop_words()
            and not non_entity(text))


def eponym_head(keys: list[str], start: int, heads: frozenset[str],
                titles: frozenset[str]) -> int | None:
    """The token of a head noun of ``heads`` that a person's name at ``start`` is named by,
    right before it or before an eponym title ("جامعة" + "الملك" + "سعود"), written apart
    from any pronoun ("جامعته" names nothing); None if there is none."""
    h = start - 1 - (keys[start - 1].lstrip(ATTACHED) in titles)
    if h < 0 or keys[h].lstrip(ATTACHED) not in heads or keys[h + 1].startswith(ATTACHED):
        return None
    return h


def apply_eponyms(doc: Doc, keys: list[str], spans: list[Span]) -> list[Span]:
    """An organisation named after a person is one ORG: "جامعة الملك سعود", "مركز محمد بن
    راشد للفضاء", "جامعة القاضي عياض". The organisation's head noun (org_heads.txt) stands
    right before the person's name or before a title of eponym_titles.txt, written apart from
    any pronoun. Because "the Fund's David Lipton" ("لصندوق ديفيد ليبتون") has the same
    shape, the name must follow such a title, carry "بن", or be followed by the
    organisation's field ("ل" + a definite word: "للفضاء"). Where the model found no person
    after the title, the one word after it is the name."""
    heads, titles = org_heads(), word_list("ner/eponym_titles.txt")
    out = list(spans)

    def replace(h: int, end: int, inner: Span | None) -> bool:
        nonlocal out
        inside = [x for x in out if x.start < end and h < x.end]
        if any(x.start < h or x.end > end for x in inside if x is not inner):
            return False
        out = [x for x in out if x not in inside]
        out.append(Span(doc, h, end, label="ORG"))
        return True

    for span in spans:
        if span.label_ == "PER" and span.start > 0:
            s = span.start
            h = eponym_head(keys, s, heads, titles)
            if h is None:
                continue
            titled = h < s - 1
            names = [k.lstrip(ATTACHED) for k in keys[s:span.end]]
            end = before_title(doc, keys, span.end - 1,
                               name_continuation(keys, span.end, ATTACHED))
            field = end > span.end and keys[span.end] == "ل"
            if titled or "بن" in names or "ابن" in names or field:
                replace(h, end, span) or replace(h, span.end, span)
        elif span.label_ == "ORG" and span.end < len(doc) and len(span) >= 2 \
                and keys[span.end - 1] in titles and keys[span.start].lstrip(ATTACHED) in heads:
            # the head-noun rule stopped after the title: "جامعة القاضي" + "عياض"
            nxt = keys[span.end]
            if starts_arabic(nxt) and not nxt.startswith("ال") \
                    and nxt not in PROCLITIC_TOKENS and nxt not in stop_words():
                replace(span.start, before_title(
                    doc, keys, span.end, name_continuation(keys, span.end + 1, ATTACHED)), span)
    return sorted(out, key=lambda x: x.start)


@lru_cache(maxsize=1)
def _so_called() -> tuple[frozenset[str], frozenset[tuple[str, ...]]]:
    """ner/so_called.tsv as keys: group nouns, and "so-called" phrases (word tuples)."""
    heads: set[str] = set()
    called: set[tuple[str, ...]] = set()
    for kind, words in read_table("ner/so_called.tsv"):
        if kind == "HEAD":
            heads.add(normalize_key(words))
        else:
            called.add(tuple(normalize_key(w) for w in words.split()))
    return frozenset(heads), frozenset(called)


_QUOTE_MARKS = frozenset('"\'“”«»„')


def so_called_orgs(doc: Doc, keys: list[str], spans: list[Span]) -> list[Span]:
    """A state or place name that a group noun introduces in quotes or after "so-called" is
    the group's own name, so ORG: 'تنظيم ما يسمى بالدولة الإسلامية', 'تنظيم "الدولة
    الإسلامية"' (ISIS, which the model reads as a state). Only quotes or a "so-called"
    phrase open the way: "تنظيم قطر لكأس العالم" is Qatar organising the Cup. Words in
    ner/so_called.tsv."""
    heads, called = _so_called()
    out = []
    for span in spans:
        if span.label_ in ("GPE", "LOC"):
            i, introduced = span.start, False
            while i > 0 and doc[i - 1].text in _QUOTE_MARKS:
                i, introduced = i - 1, True
            # "ما يسمى" + "ب" (written onto the name or apart) or "ما يسمى" alone
            j = i - 1 if i > 0 and keys[i - 1].lstrip(ATTACHED) == "ب" else i
            phrase = next((p for p in called if j >= len(p) and name_key(keys, j - len(p), j) == p),
                          None)
            if phrase:
                i, introduced = j - len(phrase), True
            if introduced and i > 0 and keys[i - 1].lstrip(ATTACHED) in heads:
                span = Span(doc, span.start, span.end, label="ORG")
        out.append(span)
    return out
