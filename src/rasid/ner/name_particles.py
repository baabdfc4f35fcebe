"""The "van" of Dutch and Flemish names, which Arabic writes "فان": "روبن فان بيرسي",
"فيرجيل فان دايك", "هيرمان فان رومبوي" (about 250 times in the raw news files).

The tokenizer cuts the word into "ف" + "ان": the same letters are far more often "فإن" (for
indeed) written without its hamza, so text/no_split.txt leaves the cut. The NER rules then
never let a person's name hold a proclitic, and "روبن فان بيرسي" came out as "روبن" (the
model had "روبن ف"), "فيرجيل فان دايك" as "فيرجيل", "فان دايك" as "ان دايك". Where a
person's span touches the word, and the word after it can be a name (written apart, no
article, no function word, no place: "فان الحكومة", "فان هذه", "فان مصر" are "فإن"), the
two tokens are read as the particle and the name runs on through the next word, with
"دير"/"در"/"دي" ("فان دير سار") taking one more. "فان دير" + a name is a person even where
neither model found one ("لعبت مع فان دير سار"): "فإن دير" (for indeed a monastery) does
not occur in the raw news files.
"""

from collections.abc import Callable

from rasid.ner.features import token_norm
from rasid.ner.geo import gpe_names
from rasid.ner.layout import PROCLITIC_TOKENS, Layout, starts_arabic, written_words
from rasid.ner.lexicon import non_entity
from rasid.ner.rules import stop_words
from rasid.text import normalize_key

# second particles of Dutch names ("فان دير سار", "فان دن بيرغ")
SECOND_PARTICLES = frozenset(("دير", "در", "دي", "دن"))


def particle_at(layout: Layout, i: int, common: Callable[[str], bool]) -> bool:
    """Tokens ``i`` and ``i + 1`` are the written word "فان" before a word that can be a
    foreign name: not ``common`` (a word news writes often and hardly ever in a person:
    "فان قرار" is "فإن قرار")."""
    texts, joined = layout.texts, layout.joined
    if i < 0 or i + 2 >= len(texts) or texts[i] != "ف" or texts[i + 1] != "ان" \
            or not joined[i + 1] or joined[i + 2]:
        return False
    nxt = texts[i + 2]
    return (starts_arabic(nxt) and not nxt.startswith("ال") and nxt not in PROCLITIC_TOKENS
            and token_norm(nxt) not in stop_words() and not non_entity(nxt)
            and not (i + 3 < len(texts) and joined[i + 3])  # "فان" + "ها": a pronoun
            and normalize_key(nxt) not in gpe_names() and not common(nxt))


def over_particle(layout: Layout, start: int, end: int,
                  common: Callable[[str], bool]) -> tuple[int, int]:
    """The person span ``start:end`` taken over a "فان" it touches (see the module
    docstring): from the particle's "ف" at the latest, through the name after it."""
    # from a span that begins at "ان" (the model's own sign of the particle) to one that
    # ends right before "ف"; one that begins after "فان" gets nothing: "كذلك فان نتنياهو"
    # (so Netanyahu), "فان ماس تحالف" (so Mas allied)
    for i in range(max(start - 1, 0), min(end, len(layout.texts) - 1) + 1):
        if particle_at(layout, i, common):
            return min(start, i), max(end, _name_end(layout, i))
    return start, end


def _name_end(layout: Layout, i: int) -> int:
    """The token after the name that follows the particle at ``i``: one written word, two
    after a second particle ("فان دير" + "فارت", which the tokenizer cuts "ف" + "ارت")."""
    words = written_words(layout, i + 2, 2)
    if layout.texts[i + 2] in SECOND_PARTICLES and len(words) > 1 \
            and starts_arabic(words[1][0]):
        return words[1][1]
    return words[0][1]


def double_particle_names(layout: Layout, common: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Token ranges of "فان دير" + a name ("فان دير سار", "فان دير زوان") in ``layout``."""
    texts = layout.texts
    out: list[tuple[int, int]] = []
    if "دير" not in texts:
        return out  # the common case: one scan of the list, no loop over its tokens
    for i in range(len(texts) - 3):
        if texts[i] == "ف" and texts[i + 2] == "دير" and particle_at(layout, i, common) \
                and not layout.joined[i + 3]:
            name = written_words(layout, i + 3, 1)[0][0]
            if starts_arabic(name) and not name.startswith("ال") and not common(name) \
                    and not non_entity(name):
                out.append((i, _name_end(layout, i)))
    return out
