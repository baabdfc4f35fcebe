"""Names written in Latin letters inside Arabic text ("أعلنت شركتا IBM وLenovo"): where such
a span ends, and which Latin words are no names at all (scraped page code, French lyrics).

The models learned from Arabic corpora with almost no Latin text, and they read a Latin run
by its shape alone: on 30,000 paragraphs of raw news they ran 20 Latin names on into the
Arabic adjective after them ("Shake Shack الأميركية", "ISIC الدولي") and made entities of
style-sheet words ("padding", "solid 1px", "rendererOptions")."""

from spacy.tokens import Doc, Span

from rasid.ner.label_agreement import CLOSING_QUOTES
from rasid.ner.layout import PROCLITIC_TOKENS, Layout, is_punct, starts_arabic


def is_latin(text: str) -> bool:
    """``text`` holds a Latin letter (``"Dell"``, ``"G4"``, ``"microSD"``)."""
    return any("a" <= ch.lower() <= "z" for ch in text)


def _lower_word(text: str) -> bool:
    """A Latin word written all in small letters, or a camel-case identifier that opens with
    two small letters ("padding", "false", "rendererOptions"): a word of page code or of
    running foreign text. "iPhone" and "eBay" (a capital second) are names."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and letters[0].islower() and (len(letters) < 2 or letters[1].islower())


def latin_extent(layout: Layout, start: int, end: int) -> tuple[int, int] | None:
    """Where a span that holds a Latin word really is, or None for no name at all:

    - one that runs on from Latin words into Arabic ones ends before the first Arabic word:
      a Latin name is one script ("Google Now" + "الاستفادة", "MCE" + "السعودية", "Dell"
      + "نيويورك");
    - a one-letter proclitic written onto the name stays outside ("و" + "Dell");
    - one whose Latin words are all small-letter words is none ("padding", "false",
      "solid 1px", "gridPadding"): names in Latin letters are capitalised.

    A span that opens with Arabic words is left as it is ("قناة MBC")."""
    texts, joined = layout.texts, layout.joined
    if end - start > 1 and texts[start] in PROCLITIC_TOKENS and joined[start + 1] \
            and is_latin(texts[start + 1]):
        start += 1
    if not is_latin(texts[start]):
        return start, end
    cut = next((i for i in range(start + 1, end) if starts_arabic(texts[i])), end)
    while cut - 1 > start and is_punct(texts[cut - 1]):
        cut -= 1
    if all(_lower_word(texts[i]) for i in range(start, cut) if is_latin(texts[i])):
        return None
    return start, cut


def latin_model_spans(layout: Layout,
                      spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The models' spans with :func:`latin_extent` applied, before the gazetteer's matches
    are merged in: a name cut back to its Latin words then meets the gazetteer's match of
    the same words ("Google" of "وGoogle ضريبيا")."""
    out = []
    for start, end, label in spans:
        extent = latin_extent(layout, start, end)
        if extent is not None:
            out.append((*extent, label))
    return out


def in_gloss(layout: Layout, start: int, end: int) -> bool:
    """The span lies in a run of Latin words alone inside parentheses: the Latin gloss of
    the Arabic name before it ("غوغل (Google)", "فيات تيبو (Fiat Tipo)"), which rasid does
    not count again (bench/gold/README.ner.md)."""
    texts = layout.texts
    if not all(is_latin(texts[i]) or texts[i].isdigit() for i in range(start, end)):
        return False
    start = _run_start(layout, start)
    while end < len(texts) and (is_latin(texts[end]) or texts[end].isdigit()):
        end += 1
    return start > 0 and texts[start - 1] == "(" and end < len(texts) and texts[end] == ")"


def _run_start(layout: Layout, i: int) -> int:
    """The first token of the run of Latin words and numbers that token ``i`` is in."""
    while i > 0 and (is_latin(layout.texts[i - 1]) or layout.texts[i - 1].isdigit()):
        i -= 1
    return i


def _glossed_name_end(layout: Layout, i: int) -> int:
    """Where the name a parenthesised Latin run glosses would end: right before the "(",
    or before a closing quote there ("«فتيات الأرض سهلات» (Earth Girls Are Easy)")."""
    k = _run_start(layout, i) - 2
    if k >= 0 and (layout.texts[k] in CLOSING_QUOTES or layout.texts[k] == '"'):
        k -= 1
    return k + 1


def latin_spans(doc: Doc, layout: Layout, spans: list[Span]) -> list[Span]:
    """``spans`` with :func:`latin_extent` applied after the merge: the gazetteer's matches
    too ("apple" in small letters is no name). A place in Latin letters with more Latin
    words beside it is a word of a longer name, no place ("We Love Sousse", "TUNISIA BRAND
    AWARDS")."""
    texts = layout.texts
    out, changed = [], False
    for span in spans:
        extent = latin_extent(layout, span.start, span.end)
        if extent is not None and span.label_ in ("GPE", "LOC") and is_latin(texts[extent[0]]) \
                and ((extent[0] > 0 and is_latin(texts[extent[0] - 1]))
                     or (extent[1] < len(texts) and is_latin(texts[extent[1]]))):
            extent = None  # a place inside a Latin name: "We Love Sousse", "TUNISIA BRAND AWARDS"
        if extent != (span.start, span.end):
            changed = True
            if extent is None:
                continue
            span = Span(doc, *extent, label=span.label_)
        out.append(span)
    return out if changed else spans


def without_glosses(layout: Layout, spans: list[Span]) -> list[Span]:
    """``spans`` without the Latin glosses of the names before them (:func:`in_gloss`):
    "غوغل (Google)", "«فيات تيبو» (Fiat Tipo)", the same name again, which rasid does not
    count twice. Run last, when the glossed name has its span. A dateline's source after
    its place ("دبي، الإمارات العربية المتحدة (CNN)") and a channel after its noun ("قناة
    (CNN)") are no glosses."""
    name_ends = {x.end for x in spans if x.label_ not in ("GPE", "LOC")}
    out = [x for x in spans if not (in_gloss(layout, x.start, x.end)
                                    and _glossed_name_end(layout, x.start) in name_ends)]
    return out if len(out) < len(spans) else spans
