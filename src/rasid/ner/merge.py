"""Merging the model's spans with the gazetteer ruler's matches into one set without
overlaps, and the proclitic splits the gazetteer needs before it matches."""

from functools import lru_cache

from spacy.tokens import Doc, Span

from rasid.ner.features import token_norm
from rasid.ner.gazetteer import Match, clitic_splits, name_starts, pattern_key, patterns
from rasid.ner.label_agreement import (
    CLOSING_QUOTES,
    OPENING_QUOTES,
    between_quotes,
    type_cues,
)
from rasid.ner.layout import Layout, doc_keys, layout_of, starts_arabic
from rasid.ner.lexicon import is_title, title_words
from rasid.ner.rules import org_heads
from rasid.ner.span_repair import ran_past_name
from rasid.resources import read_table
from rasid.runtime import WORD_CACHE_SIZE
from rasid.text import normalize, normalize_key

_FIXED = frozenset(("WEAPON", "FAC"))
# a listed name of these types right after a title the model made a person is the body
_BODIES = frozenset(("ORG", "GPE"))


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _proclitic_cut(text: str) -> int | None:
    """Characters of ``text`` (a whole Arabic word the tokenizer kept) to split off as
    proclitics before a known name's first word, or None (:func:`clitic_splits`). Cached:
    news repeats its words, and every token of every document is asked."""
    if not starts_arabic(text):
        return None
    norm = normalize(text)
    if norm.text != token_norm(text):
        return None  # case-folding changed the length: not an Arabic word
    n = clitic_splits(norm.text)
    return norm.span_to_original(0, n)[1] if n else None


def split_for_gazetteer(doc: Doc) -> tuple[Doc, Layout]:
    """Split a proclitic off a token the tokenizer kept whole when the rest is a known
    name's first word ("وهيمارس" → "و" + "هيمارس"); the doc and its layout after."""
    cuts = []
    layout = layout_of(doc)
    keys: list[str] = []
    for i, text in enumerate(layout.texts):
        if len(text) < 4 or layout.joined[i]:
            continue  # short, or already a segment of a split word
        cut = _proclitic_cut(text)
        if cut:
            keys = keys or doc_keys(doc, layout)
            if name_starts([token_norm(text[cut:]), *keys[i + 1:i + patterns()[1]]]):
                cuts.append((i, cut))
    if not cuts:
        return doc, layout
    with doc.retokenize() as retok:
        for i, cut in cuts:
            tok = doc[i]
            retok.split(tok, [tok.text[:cut], tok.text[cut:]],
                        heads=[(tok, 1), (tok, 1)])
    return doc, layout_of(doc)


def merge_spans(doc: Doc, model_spans: list[tuple[int, int, str]],
                matches: list[Match]) -> list[Span]:
    chosen = _ChosenSpans()
    for s, e, lab in sorted(model_spans):
        # a person's span moved back over the first part of its compound name ("فتح" of
        # "فتح الله غولن") takes that word from the span before it ("تنظيم فتح")
        previous = next(((a, b) for a, b in chosen.overlapping(s, s + 1)
                         if a < s < b < e), None)
        if previous is not None:
            label = chosen.pop(previous)
            if s - previous[0] > 1 or label != "ORG":
                chosen[(previous[0], s)] = label
        chosen[(s, e)] = lab
    for m in matches:
        ms, me, label = m.start, m.end, m.entry.label
        overlapping = chosen.overlapping(ms, me)
        if not overlapping:
            if m.entry.add or _cued_ambiguous(doc, m):
                chosen[(ms, me)] = label
            continue
        covers_all = all(ms <= s and e <= me for s, e in overlapping)
        inside_one = [(s, e) for s, e in overlapping if s <= ms and me <= e]
        if covers_all:
            # the ruler's span is as long or longer: it wins (label and extent)
            for key in overlapping:
                del chosen[key]
            chosen[(ms, me)] = label
        elif inside_one:
            # the model found a longer name around it ("الرئيس فلاديمير بوتين" style):
            # keep the model's span; a WEAPON/FAC label is the ruler's to give
            s, e = inside_one[0]
            if label in _FIXED and (s, e) == (ms, me):
                chosen[(s, e)] = label
            elif (s, e) == (ms - 1, me) and chosen[(s, e)] == "PER" and label in _BODIES \
                    and _heads_as_title(doc, s) and (m.entry.add or _cued_ambiguous(doc, m)):
                # "شيخ الأزهر": a title and the body it heads, no person's name; the title
                # stays outside, as in "رئيس وزراء إسرائيل"
                del chosen[(s, e)]
                chosen[(ms, me)] = label
            elif s == ms and e > me and label == "ORG" == chosen[(s, e)] \
                    and m.entry.add and ran_past_name(doc, me) \
                    and not between_quotes([t.text for t in doc], s, e):
                # ... unless quotes close right after the model's span: the quoted words
                # are one name ("سوني إركسون", "فيتش ريتنغز")
                del chosen[(s, e)]
                chosen[(ms, me)] = label
        elif m.entry.add and label in _FIXED | {"PER"}:
            for key in overlapping:
                del chosen[key]
            chosen[(ms, me)] = label
        elif (head := _head_before(doc, chosen, overlapping, ms, me, label)) is not None:
            # "نادي باريس" (model) + "باريس سان جرمان" (ruler): the club is the whole name
            for key in overlapping:
                del chosen[key]
            chosen[(head, me)] = label
    # defensive: the cases above keep the spans apart
    return without_overlaps([Span(doc, s, e, label=lab) for (s, e), lab in chosen.items()])


def _heads_as_title(doc: Doc, i: int) -> bool:
    """Token ``i`` is a title, also in construct without the article ("شيخ" of "شيخ الأزهر",
    whose definite form "الشيخ" titles.txt lists)."""
    return is_title(doc, i) or "ال" + token_norm(doc[i].text) in title_words()


@lru_cache(maxsize=1)
def _ambiguous_cues() -> dict[str, frozenset[str]]:
    """ner/ambiguous_cues.tsv: a name's match key (or "*" + a label) → the normalised words
    that, right before it, make it the name."""
    out = {}
    for name, words in read_table("ner/ambiguous_cues.tsv"):
        key = name if name.startswith("*") else " ".join(pattern_key(name))
        out[key] = frozenset(normalize_key(w) for w in words.split())
    return out


def label_cues(label: str) -> frozenset[str]:
    """The words of ambiguous_cues.tsv that announce any name of ``label`` ("*WEAPON":
    "طائرات", "دبابات", "صواريخ"...), normalised."""
    return _ambiguous_cues().get("*" + label, frozenset())


class _ChosenSpans(dict[tuple[int, int], str]):
    """The spans :meth:`NerComponent._merge` has chosen so far, (start, end) -> label, with an
    index from each token to the spans over it. A list of names (a casualty list, a cabinet)
    is thousands of short spans, and scanning every chosen span for each gazetteer match made
    the merge quadratic in the document's length; the index answers in the span's length.
    Keys keep the dict's insertion order, which the merge's choices depend on."""

    def __init__(self) -> None:
        super().__init__()
        self._over: dict[int, set[tuple[int, int]]] = {}
        self._order: dict[tuple[int, int], int] = {}
        self._added = 0

    def __setitem__(self, key: tuple[int, int], label: str) -> None:
        if key not in self:
            self._order[key] = self._added
            self._added += 1
            for i in range(*key):
                self._over.setdefault(i, set()).add(key)
        super().__setitem__(key, label)

    def __delitem__(self, key: tuple[int, int]) -> None:
        super().__delitem__(key)
        del self._order[key]
        for i in range(*key):
            self._over[i].discard(key)

    def pop(self, key: tuple[int, int]) -> str:  # type: ignore[override]
        label = self[key]
        del self[key]
        return label

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The chosen spans sharing a token with [start, end), in the order they were added."""
        found = {key for i in range(start, end) for key in self._over.get(i, ())}
        return sorted(found, key=self._order.__getitem__)


def _cued_ambiguous(doc: Doc, m: Match) -> bool:
    """An ambiguous gazetteer name (resources/ner/ambiguous.txt: only relabels the model's
    entities) that is the name all the same: quoted or in parentheses on its own ("(وام)",
    "«واس»"), or right after a word of ambiguous_cues.tsv ("باحات الأقصى", "للأقصى",
    "طائرات تايفون")."""
    before = m.start - 1
    if before >= 0 and m.end < len(doc) and doc[before].text in OPENING_QUOTES | {"("} \
            and doc[m.end].text in CLOSING_QUOTES | {")"}:
        return True
    if before >= 0 and doc[before].text in OPENING_QUOTES:
        before -= 1
    if before < 0:
        return False
    cues = _ambiguous_cues()
    words = cues.get(" ".join(pattern_key(m.entry.name)), frozenset()) | label_cues(m.entry.label)
    if normalize_key(doc[before].text) in words:
        return True
    # "مسيرات ببيرقدار": "ب" written onto the name, the cue before it
    return before > 0 and doc[before].text == "ب" and m.start - before == 1 \
        and normalize_key(doc[before - 1].text) in words


def _head_before(doc: Doc, chosen: dict[tuple[int, int], str],
                 overlapping: list[tuple[int, int]], start: int, end: int,
                 label: str) -> int | None:
    """Where a model ORG span opens with a head noun or an ORG cue ("منظمة", "نادي") and
    runs into a gazetteer organisation without reaching its end ("نادي باريس" + "باريس سان
    جرمان"), the start of the head noun, which then opens the whole name; otherwise None."""
    if label != "ORG":
        return None
    before = [(s, e) for s, e in overlapping if s < start]
    if len(before) != 1 or any(e > end for _, e in overlapping):
        return None
    s, e = before[0]
    head = token_norm(doc[s].text)
    if chosen[(s, e)] != "ORG" or e - s < 2 or (
            head not in org_heads() and type_cues().get(head) != "ORG"):
        return None
    return s


def take_over(doc: Doc, spans: list[Span], start: int, end: int,
              label: str) -> list[Span] | None:
    """``spans`` with a new span replacing every span inside it; None where one of them
    reaches beyond it (a longer name wins)."""
    inside = [x for x in spans if x.start < end and start < x.end]
    if any(x.start < start or x.end > end for x in inside):
        return None
    return [x for x in spans if x not in inside] + [Span(doc, start, end, label=label)]


def without_overlaps(spans: list[Span]) -> list[Span]:
    """``spans`` in order with any span that overlaps an earlier, longer one left out: the
    rules each keep spans apart, but a document must never fail on two that touch (spaCy
    refuses overlapping entities), so the last step checks."""
    out: list[Span] = []
    for span in sorted(spans, key=lambda x: (x.start, -len(x))):
        if not out or span.start >= out[-1].end:
            out.append(span)
    return out
