"""Lists of people: a name the model skipped between two persons of the same list.

News enumerates people ("محمد طاهر، وعايض الشهري، وإيهاب عسيري"; a party's new bureau, a
squad, the guests of a ceremony), and the model, reading a few words either side, often
finds the first and the last names of such a list but misses one in the middle, where the
words around it are only commas and "و". On 894 census articles of raw news, 12 lists had
a two-word name left out between two persons ("عوض خريص", "ليروي ساني", "نعيمة الهمامي").
"""

from collections.abc import Callable

from spacy.tokens import Doc, Span

from rasid.ner.layout import Layout, starts_arabic

# what may stand between two items of a list, alone or together ("، و", " - ")
LIST_SEPARATORS = frozenset(("،", ",", "-", "–", "—", "و"))
# a skipped item is this many words: a given name and a family name, or three ("سمير بن عمر")
ITEM_WORDS = (2, 3)


def enumerated_persons(doc: Doc, layout: Layout, spans: list[Span],
                       may_name: Callable[[int], bool]) -> list[Span]:
    """``spans`` with the people a list names between two persons' spans.

    Between two persons' spans of two words or more, where the tokens between them are
    only list separators and runs of two or three words, each run is a person when every
    word of it ``may_name`` (the component's test: no title, no nationality adjective, no
    common word that raw news never has inside a person, no place or body of the lists).
    Both neighbours must be full names, so a title and its holder ("ونظيره الإيراني محمد
    جواد ظريف") or a one-word mention ("قال هو وآبي") never make a list.
    """
    ordered = sorted(spans, key=lambda s: s.start)
    added: list[Span] = []
    for left, right in zip(ordered, ordered[1:], strict=False):
        if left.label_ != "PER" or right.label_ != "PER" or len(left) < 2 \
                or len(right) < 2 or right.start - left.end < 3:
            continue
        runs = _runs_between(layout, left.end, right.start)
        if runs and all(all(may_name(i) for i in range(a, b)) for a, b in runs):
            added.extend(Span(doc, a, b, label="PER") for a, b in runs)
    if not added:
        return spans
    return sorted(spans + added, key=lambda s: s.start)


def _runs_between(layout: Layout, start: int, end: int) -> list[tuple[int, int]] | None:
    """The word runs between tokens ``start`` and ``end`` when the stretch is separators,
    then runs of ITEM_WORDS words each followed by separators; None otherwise."""
    texts, joined = layout.texts, layout.joined
    runs: list[tuple[int, int]] = []
    i = start
    while i < end:
        if texts[i] not in LIST_SEPARATORS:
            return None
        while i < end and texts[i] in LIST_SEPARATORS:
            i += 1
        if i == end:
            break
        j = i
        # a run's words are whole: only its first may be written onto a separator ("وعايض")
        while j < end and texts[j] not in LIST_SEPARATORS and starts_arabic(texts[j]) \
                and (j == i or not joined[j]) and len(texts[j]) > 1:
            j += 1
        if j - i not in ITEM_WORDS or j == end:
            return None
        if texts[i].startswith("و") and "و" not in texts[start:i]:
            return None  # "، وأديث بياف": the tokenizer left "و" on, so no span can start right
        runs.append((i, j))
        i = j
    return runs or None
