"""People named right after a reporting verb: "وأضاف فيشمان", "وقال ماسيموف: «...»".

Arabic news puts the verb first and its subject right after it, so the word after "قال",
"أضاف", "أكد" or "أوضح" is very often the speaker's name. Foreign names there are new to
the model, which had no entity in "قال شالوم ان الليكود", "وأضاف فيشمان", "ويقول ديمورا إن
العملاء" (ANERcorp's dev part) nor in "وأكدت ملالا خلال كلمتها", "وقالت روزان في تغريدة"
(raw news). The other words that follow such a verb are common nouns ("مصدر", "متحدثون",
"موقعو النداء"), objects ("نشاطا قويا"), function words and verbs; the word tests rule them
out, and so does what comes after the name, which must be able to end a subject: a
complementizer ("إن", "أن"), punctuation or a quote, a function word of the quote layer
("في", "خلال", "أمس", "التي"), a title ("فكرت أوزار، سفير تركيا") or a person's span.
A preposition with a pronoun may stand between the verb and a name of two words or more
("وفقا لما صرح به أكيرا كادوتا الناطق باسم الشركة", ANERcorp test; one word there is as
often an adverb or the object: "قال له شخصيا", "قال لها خاطفها").
"""

from collections.abc import Callable
from functools import lru_cache

from spacy.tokens import Doc, Span

from rasid.ner.features import token_norm
from rasid.ner.layout import Layout, free_word, rest_of_word, starts_arabic
from rasid.ner.lexicon import NOUN_SEEN, RARE_WORD, speaker_verbs, word_list
from rasid.ner.written_names import cut_b_name
from rasid.quotes.lexicon import Lexicon, lexicon, word_key
from rasid.text import word_frequencies

# perfect and imperfect forms only: a participle ("مضيفا", "مؤكدا") takes no subject, and a
# passive none in the name's place
_ASPECTS = frozenset(("perfect", "imperfect"))
# the forms whose subject is already in them (dual and plural endings; a dual perfect ends
# in "ا" too, "قالا": a lemma itself is never taken for one)
_PLURAL_ENDINGS = ("وا", "ون", "ان", "تا", "ا")
# the most words a speaker's name takes after the verb
_MAX_WORDS = 3
# a preposition with a pronoun ("به", "لها"; the text layer splits them) that may stand
# between the verb and its subject
_ADDRESSEE_PREPOSITIONS = frozenset(("ب", "ل"))
_PRONOUNS = frozenset(("ه", "ها", "هم", "هما", "نا", "ي"))
# the shortest name taken ("عز" of "قال عز من قائل" is no one)
_MIN_LETTERS = 3

WordTest = Callable[[int], bool]


def speaker_names(doc: Doc, layout: Layout, spans: list[Span], foreign_word: WordTest,
                  unseen_name: WordTest, inflected_noun: WordTest,
                  title: WordTest) -> list[Span]:
    """``spans`` with a person right after each singular reporting verb where no entity is.

    Tests of a token from the component: ``unseen_name`` (may be a foreign name: no common
    noun, function word, title or verb, nor definite), ``foreign_word`` (the same, and may
    be definite), ``inflected_noun`` (a common noun with a pronoun or in the accusative,
    "استقالته", "نشاطا") and ``title``. The first word after the verb, written apart and
    covered by no span, must be ``unseen_name`` and no noun, or a family name with the
    article that is ``foreign_word`` ("وأكدت العبيدي خلال"); up to two more free words that
    are ``foreign_word`` ("ريناته شميت", "فيدركيا موغريني") join it, and so does a person's
    span right after them ("وسجل كيني" + "ميلر"). The word after the name must end a
    subject (module docstring).
    """
    texts = layout.texts
    lex = lexicon()
    taken = {i for s in spans for i in range(s.start, s.end)}
    starts = {s.start: s for s in spans if s.label_ == "PER"}
    never = _never_names()
    out = list(spans)

    def name_word(k: int, test: WordTest, free: bool = True) -> bool:
        return (free_word(layout, k, taken) if free else rest_of_word(layout, k, taken)) \
            and len(token_norm(texts[k])) >= _MIN_LETTERS \
            and "ـ" not in texts[k] and not _quote_word(texts[k], lex) \
            and token_norm(texts[k]) not in never \
            and not _common_noun(texts[k]) and not inflected_noun(k) and test(k)

    def first_word(k: int) -> bool:
        return name_word(k, unseen_name) or (
            _family_name(texts[k]) and name_word(k, foreign_word))

    def split_name(k: int) -> bool:
        """Tokens ``k`` and ``k + 1`` are one written word that the tokenizer cut into
        "ب" + the rest and that raw news never writes whole: a name whose first letter
        was taken for the preposition ("وقال بوين" → "ب" + "وين", "وأضاف بوعزيز",
        "وقالت براندي"); the rest passes the first word's tests ("قال بارتباك": a common
        noun, "ذكر بتمسكه": a pronoun, fail them) and ends in no "ة" (a manner noun:
        "وأضاف بنغمة لا تخلو من التهكم")."""
        return k not in taken and cut_b_name(layout, k) and not texts[k + 1].endswith("ة") \
            and name_word(k + 1, unseen_name, free=False)

    for i in range(len(texts) - 1):
        if not _is_speaker_verb(texts[i], lex):
            continue
        first = i + 1
        addressee = first + 2 < len(texts) and texts[first] in _ADDRESSEE_PREPOSITIONS \
            and layout.joined[first + 1] and texts[first + 1] in _PRONOUNS \
            and not layout.joined[first]
        if addressee:
            first += 2  # "صرح به أكيرا كادوتا": the subject comes after
        split = not addressee and split_name(first)
        if not split and not first_word(first):
            continue
        end = first + 2 if split else first + 1
        while end - first < _MAX_WORDS and name_word(end, foreign_word):
            end += 1
        if addressee and end - first < 2 and end not in starts:
            continue  # one word there is as often an adverb or object ("شخصيا", "خاطفها")
        following = starts.pop(end, None)
        if following is not None and not layout.joined[end]:
            out.remove(following)
            end = following.end
        elif not _ends_subject(layout, end, lex, title):
            continue
        out.append(Span(doc, first, end, label="PER"))
        taken.update(range(first, end))
    return sorted(out, key=lambda s: s.start)


@lru_cache(maxsize=1)
def _never_names() -> frozenset[str]:
    """The words never a speaker's name: never_persons.txt ("راديو", "مازحا") and God's
    epithets ("قال تعالى", "قال سبحانه"; god_epithets.txt), built once."""
    return word_list("ner/never_persons.txt") | word_list("ner/god_epithets.txt")


def _is_speaker_verb(text: str, lex: Lexicon) -> bool:
    """The token is a singular perfect or imperfect form of a verb of speaker_verbs.txt,
    with or without و/ف."""
    key = word_key(text)
    found = lex.verb(key)
    if found is None:
        return False
    info, prefix = found
    bare = key[prefix:]
    lemma = word_key(info.lemma)
    return info.aspect in _ASPECTS and lemma in speaker_verbs() \
        and not (bare != lemma and bare.endswith(_PLURAL_ENDINGS))


def _ends_subject(layout: Layout, i: int, lex: Lexicon, title: WordTest) -> bool:
    """Token ``i``, right after a speaker's name, can end the subject: the text's end,
    punctuation or a quote, a function word of the quote layer or a title, written apart
    (a "و" or "ب" written onto the next word opens no clause here: "مصدران" + "بالشرطة")."""
    if i >= len(layout.texts):
        return True
    text = layout.texts[i]
    if not starts_arabic(text):
        return not text[:1].isalnum()
    if i + 1 < len(layout.texts) and layout.joined[i + 1] and len(text) == 1:
        return False
    return _quote_word(text, lex) or title(i)


def _family_name(text: str) -> bool:
    """The word has the shape of an Arab family name with the article ("العبيدي",
    "الطاهري": "ال" ... "ي") and is no adjective: raw news writes it without the article
    and in the feminine under 50 times each ("الحقوقي": "حقوقي"; "الحالي": "الحالية")."""
    key = token_norm(text)
    bare = key[2:]
    freq = word_frequencies()
    return key.startswith("ال") and key.endswith("ي") and len(bare) >= _MIN_LETTERS \
        and freq.get(bare, 0) < NOUN_SEEN and freq.get(key + "ه", 0) < NOUN_SEEN


def _common_noun(text: str) -> bool:
    """Raw news writes the word with the article 50 times or more, even where the name
    lists have it ("قائد": "وقال قائد الأركان"), or it is a plural or dual whose singular
    it writes so ("متحدثون", "مصدران", "وأفادت قناتا تلفزيون"; "موقعو النداء":
    "الموقعون"; "مؤيدوه"), or an active participle in the accusative, whose imperfect it
    writes ("وأضاف محذرا": "يحذر"; no name begins with "م" and is one, "ملالا")."""
    key = token_norm(text)
    freq = word_frequencies()
    if freq.get("ال" + key, 0) >= NOUN_SEEN:
        return True
    if key.startswith("م") and key.endswith("ا") \
            and freq.get("ي" + key[1:-1], 0) >= RARE_WORD:
        return True  # a participle in the accusative: "محذرا" ("يحذر"), "مجيبا"
    for ending in ("تان", "تين", "تا", "ون", "ين", "ان", "وها", "وهم", "وه", "و"):
        if key.endswith(ending) and len(key) - len(ending) >= _MIN_LETTERS:
            stem = key[:-len(ending)]
            if ending.startswith("ت"):  # "قناتا", "كتلتان" (two channels, blocs): "القناه"
                return freq.get("ال" + stem + "ه", 0) >= NOUN_SEEN
            seen = sum(freq.get("ال" + stem + plural, 0) for plural in ("", "ون", "ين"))
            if seen >= NOUN_SEEN:
                return True
    return False


def _quote_word(text: str, lex: Lexicon) -> bool:
    """The word is one of the quote layer's function words (resources/quotes/words.tsv:
    "إن", "أن", "في", "أمس", "الذي", "بدوره"), which follow a verb but name no one."""
    key = word_key(text)
    return any(lex.is_word(cls, key) for cls in lex.phrases)
