"""Players named by their ranking: the name right before "المصنف(ة)" and a rank.

Sports news gives a player's world ranking right after the name: "غاربين موغوروزا المصنفة
الثالثة عالميا", "نيشيكوري المصنف 12 عالميا". Tennis players' names are foreign and new to
the model, which had no person there in half of 120 random raw-news sentences, cut the name
("كارولين" of "كارولين وزنياكي"), or called it a place ("بترا كفيتوفا") or a MISC
("سيمونا هاليب"). The ranking says what the words before it are.
"""

from collections.abc import Callable

from spacy.tokens import Doc, Span

from rasid.ner.features import token_norm
from rasid.ner.layout import Layout, starts_arabic
from rasid.ner.lexicon import rank_words
from rasid.ner.span_repair import IMPERFECT_PREFIXES

# a comma may stand between the name and its ranking ("وكسر تيتيباس، المصنف 63")
_COMMAS = frozenset(("،", ","))
# prepositions that the name lists' keys cannot tell from given names ("على" and "علي",
# "أمام" and "إمام" share a key): "فوز على بليسكوفا المصنفة"
_PREPOSITIONS = frozenset(("على", "أمام"))
# the model's types that a ranking corrects (a player's name read as a place or a thing)
_RETYPED = frozenset(("MISC", "GPE", "LOC"))

WordTest = Callable[[int], bool]


def ranked_players(doc: Doc, layout: Layout, spans: list[Span], foreign_word: WordTest,
                   unseen_name: WordTest, given_name: WordTest) -> list[Span]:
    """``spans`` with a person right before each ranking.

    Three tests of a token come from the component: ``foreign_word`` (may be a word of a
    foreign name: no function word, title, nationality adjective, listed place or body,
    common noun or very frequent word; raw news's person counts are not asked, since they
    say "never a person" of the names the model itself always missed, "وزنياكي", "هاليب"),
    ``unseen_name`` (the same, and neither definite nor a verb) and ``given_name`` (a
    given name of the lists). Right before the ranking:

    - a span of the model typed MISC, GPE or LOC whose words are all ``foreign_word``
      becomes a person ("سيمونا هاليب", "بترا كفيتوفا"; not "مصر" of a team's ranking,
      a listed place);
    - a person's span that stops one ``foreign_word`` short of it takes that word
      ("كارولين" + "وزنياكي");
    - where no span is, the word right before it, if ``unseen_name`` and written apart,
      is a new person ("ولحقت ستيفنز"), with the word before it if that is a
      ``given_name`` or ``unseen_name`` too and no such word comes before it ("البلجيكية
      يانيا ويكماير", "وتبعتها غاربين موغوروزا"): past two such words where the name
      begins is unknown.
    """
    cues, ranks = rank_words()
    texts = layout.texts
    out = spans
    for i, text in enumerate(texts):
        if token_norm(text) not in cues or i + 1 >= len(texts) \
                or not _is_rank(texts[i + 1], ranks):
            continue
        end = i - 1 if i and texts[i - 1] in _COMMAS else i
        if end <= 0:
            continue
        before = [s for s in out if s.start < end and s.end >= end - 1]
        new = _ranked_span(doc, layout, end, before, foreign_word, unseen_name, given_name)
        if new is not None:
            out = [s for s in out if not (s.start < new.end and s.end > new.start)] + [new]
    return out


def _ranked_span(doc: Doc, layout: Layout, end: int, before: list[Span],
                 foreign_word: WordTest, unseen_name: WordTest,
                 given_name: WordTest) -> Span | None:
    """The person that ends at token ``end`` (right before the ranking), or None."""
    last = max(before, key=lambda s: s.end, default=None)
    if last is not None and last.end == end:
        if last.label_ in _RETYPED and len(last) <= 3 \
                and all(foreign_word(k) for k in range(last.start, last.end)):
            return Span(doc, last.start, last.end, label="PER")
        return None
    if last is not None and last.end == end - 1:
        if last.label_ == "PER" and not layout.joined[end - 1] \
                and _word(layout, end - 1, foreign_word):
            return Span(doc, last.start, end, label="PER")
        return None
    if before or layout.joined[end - 1] or not _word(layout, end - 1, unseen_name):
        return None
    start = end - 1

    def name_like(k: int) -> bool:
        text = layout.texts[k]
        if text in _PREPOSITIONS or not _word(layout, k, unseen_name):
            return _word(layout, k, given_name) and text not in _PREPOSITIONS
        # a verb's shape, where the lists do not know the word: an imperfect ("ولم يخض
        # نادال") or, opening a clause after "و", a perfect in "ت" ("ولحقت ستيفنز")
        return _word(layout, k, given_name) or not (
            text[:1] in IMPERFECT_PREFIXES or layout.joined[k] and text.endswith("ت"))
    if start > 0 and name_like(start - 1) \
            and (layout.joined[start - 1] or start - 1 == 0 or not name_like(start - 2)):
        start -= 1  # "البلجيكية يانيا ويكماير", "وتبعتها غاربين موغوروزا"
    return Span(doc, start, end, label="PER")


def _is_rank(text: str, ranks: frozenset[str]) -> bool:
    """A rank as written after the cue: a number, "الثالثة", "أولى", "خامسا"."""
    return text.isdigit() or token_norm(text) in ranks


def _word(layout: Layout, i: int, test: WordTest) -> bool:
    text = layout.texts[i]
    return starts_arabic(text) and len(text) > 1 and test(i)
