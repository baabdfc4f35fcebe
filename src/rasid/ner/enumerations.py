"""Lists of people: a name the model skipped in a list of persons (between two of them,
after the last or before the first).

News enumerates people ("محمد طاهر، وعايض الشهري، وإيهاب عسيري"; a party's new bureau, a
squad, the guests of a ceremony), and the model, reading a few words either side, often
finds the first and the last names of such a list but misses one in the middle, where the
words around it are only commas and "و". On 894 census articles of raw news, 12 lists had
a two-word name left out between two persons ("عوض خريص", "ليروي ساني", "نعيمة الهمامي").
"""

from collections.abc import Callable

from spacy.tokens import Doc, Span

from rasid.ner.layout import Layout, starts_arabic
from rasid.ner.span_repair import before_god_formula

# what may stand between two items of a list, alone or together ("، و", " - ")
LIST_SEPARATORS = frozenset(("،", ",", "-", "–", "—", "و"))
# what ends a list that runs to the end of its sentence ("" is a line break)
SENTENCE_ENDS = frozenset(("", ".", "؛"))
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
    ordered = sorted(spans + added, key=lambda s: s.start)
    added.extend(_list_tails(doc, layout, ordered, may_name))
    added.extend(_list_heads(doc, layout, ordered, may_name))
    if not added:
        return spans
    return sorted(spans + added, key=lambda s: s.start)


def _list_tails(doc: Doc, layout: Layout, ordered: list[Span],
                may_name: Callable[[int], bool]) -> list[Span]:
    """The items a list of people names after its last person the model found: where two
    full names or more follow each other with only separators between them, the runs after
    the last one, each after separators, up to the sentence's end ("، وماهر السلمي، وأيمن
    لافي.")."""
    out: list[Span] = []
    chain = 1
    for k, span in enumerate(ordered):
        nxt = ordered[k + 1] if k + 1 < len(ordered) else None
        full = span.label_ == "PER" and len(span) >= 2
        if nxt is not None and _chained(layout, span, nxt):
            chain += 1
            continue
        if full and chain >= 2:
            runs = _runs_to_sentence_end(layout, span.end)
            if runs and all(all(may_name(i) for i in range(a, b)) for a, b in runs):
                out.extend(Span(doc, a, b, label="PER") for a, b in runs)
        chain = 1
    return out


def _runs_between(layout: Layout, start: int, end: int) -> list[tuple[int, int]] | None:
    """The word runs between tokens ``start`` and ``end`` when the stretch is separators,
    then a run, then separators, and so on; None otherwise."""
    texts = layout.texts
    runs: list[tuple[int, int]] = []
    i = start
    while i < end:
        if texts[i] not in LIST_SEPARATORS:
            return None
        if all(t in LIST_SEPARATORS for t in texts[i:end]):
            break  # only separators were left
        run = _run_after(layout, i, end)
        if run is None or run[1] == end:
            return None  # a run must end at a separator, not run into the next name
        runs.append(run)
        i = run[1]
    return runs or None


def _run_after(layout: Layout, i: int, end: int) -> tuple[int, int] | None:
    """The run of ITEM_WORDS whole words after the separators from token ``i`` on (and
    before ``end``), or None where the words there are not such a run."""
    texts, joined = layout.texts, layout.joined
    seps = i
    while i < end and texts[i] in LIST_SEPARATORS:
        i += 1
    j = i
    # a run's words are whole: only its first may be written onto a separator ("وعايض")
    while j < end and texts[j] not in LIST_SEPARATORS and starts_arabic(texts[j]) \
            and (j == i or not joined[j]) and len(texts[j]) > 1:
        j += 1
    if j - i not in ITEM_WORDS:
        return None
    if texts[i].startswith("و") and "و" not in texts[seps:i]:
        return None  # "، وأديث بياف": the tokenizer left "و" on, so no span can start right
    if before_god_formula(layout, i, j) != j:
        return None  # "سلمان بن عبدالعزيز آل سعود - حفظه الله -": a prayer, no item
    return i, j


def _runs_to_sentence_end(layout: Layout, start: int) -> list[tuple[int, int]] | None:
    """The word runs from token ``start`` to the sentence's end (".", "؛", a line break or
    the text's end) when the stretch is separators, then a run, and so on; None otherwise."""
    texts = layout.texts
    runs: list[tuple[int, int]] = []
    i = start
    while True:
        if i >= len(texts) or texts[i] not in LIST_SEPARATORS:
            return None
        run = _run_after(layout, i, len(texts))
        if run is None:
            return None
        runs.append(run)
        i = run[1]
        if i >= len(texts) or texts[i].strip() in SENTENCE_ENDS:
            return runs


def _list_heads(doc: Doc, layout: Layout, ordered: list[Span],
                may_name: Callable[[int], bool]) -> list[Span]:
    """The first item of a list of people the model skipped: where two full names or more
    follow each other with only separators between them, the run of two or three words
    right before the first one's separators ("بعد ميجيل مونيوز" + "ولويس مولوني، وجون
    سميث"), when each word ``may_name`` and the word before the run does not (a
    preposition, a verb, a title) or is no word."""
    texts = layout.texts
    out: list[Span] = []
    taken = {i for s in ordered for i in range(s.start, s.end)}
    for k, span in enumerate(ordered[:-1]):
        if not _chained(layout, span, ordered[k + 1]) \
                or (k > 0 and _chained(layout, ordered[k - 1], span)):
            continue  # not the first of a chain
        i = span.start
        seps = i
        while seps > 0 and texts[seps - 1] in LIST_SEPARATORS:
            seps -= 1
        if seps == i:
            continue
        start = seps
        while start > 0 and seps - start < max(ITEM_WORDS) and start - 1 not in taken \
                and starts_arabic(texts[start - 1]) and len(texts[start - 1]) > 1 \
                and not layout.joined[start] and may_name(start - 1):
            start -= 1
        if seps - start not in ITEM_WORDS:
            continue
        if start > 0 and start - 1 not in taken and starts_arabic(texts[start - 1]) \
                and not layout.joined[start] and may_name(start - 1):
            continue  # the run goes on further back: where the name begins is unknown
        out.append(Span(doc, start, seps, label="PER"))
    return out


def _chained(layout: Layout, left: Span, right: Span) -> bool:
    """Two full names (persons' spans of two words or more) follow each other with only
    list separators between them: two items of one list."""
    return left.label_ == "PER" and right.label_ == "PER" and len(left) >= 2 \
        and len(right) >= 2 and right.start > left.end \
        and all(t in LIST_SEPARATORS for t in layout.texts[left.end:right.start])
