"""Document-level consistency: a name found once is a name everywhere in the document."""

from collections.abc import Callable

from spacy.tokens import Doc, Span

from rasid.ner.calendar_words import is_regnal_ordinal
from rasid.ner.gazetteer import ATTACHED, first_keys, name_key
from rasid.ner.lexicon import CLUB_HEADS, NAME_PARTS, is_sports, non_entity, title_words


def propagate_names(doc: Doc, keys: list[str], spans: list[Span],
                    is_nisba: Callable[[str], bool] = lambda _: False) -> list[Span]:
    """Document-level consistency: a name found once is a name everywhere in the document.

    Every unlabelled repeat of an entity's exact token sequence gets its label, and a
    person's family name ("خدايي" after "حسن صياد خدايي") or last two names are PER where
    they recur alone. Repeats are matched clitic-aware (":func:`find`'s keys"), never inside
    a word or inside another entity. A family name that is a nationality adjective
    (``is_nisba``: "المصري" of "خليل المصري", "الإنجليزي" of a wrong "ويغان الإنجليزي") is
    not spread: alone it is mostly the adjective.
    """
    if not spans:
        return spans
    names: dict[tuple[str, ...], str] = {}
    for span in spans:
        key = name_key(keys, span.start, span.end)
        if len(key) == 1 and key[0].startswith("ال") and span.label_ != "PER":
            continue  # "المملكة", "الدولتان": too often a common noun to spread
        names.setdefault(key, span.label_)
    sports: bool | None = None
    for span in spans:
        if span.label_ == "ORG" and len(span) == 2 \
                and keys[span.start].lstrip(ATTACHED) in CLUB_HEADS \
                and keys[span.start + 1].startswith("ال"):
            if sports is None:
                sports = is_sports(keys)
            if sports:
                # "نادي الاتحاد": the club is "الاتحاد" wherever the article names it alone
                names.setdefault((keys[span.start + 1],), "ORG")
        if span.label_ != "PER" or len(span) < 2:
            continue
        ks = [k.lstrip(ATTACHED) for k in keys[span.start:span.end]]
        particle = next((p for p in range(len(ks) - 2) if ks[p:p + 2] == ["ف", "ان"]), None)
        if particle is not None:
            # "لويس فان جال", "إدوين فان دير سار", "فان دير سار": the family name runs from
            # the particle (rasid.ner.name_particles), never "جال" or "سار" (he walked) alone
            names.setdefault(tuple(keys[span.start + particle:span.end]), "PER")
            continue
        for n in (1, 2):
            tail = tuple(ks[-n:])
            if len(tail) < len(ks) and all(len(t) >= 3 and t not in NAME_PARTS
                                           and t not in title_words() for t in tail) \
                    and not is_regnal_ordinal(tail[-1]) \
                    and not (n == 1 and is_nisba(doc[span.end - 1].text)) \
                    and not non_entity(" ".join(tail)):
                # not "الثاني" of "هنري الثاني", nor "المسلمين" of a wrong "معشر المسلمين"
                names.setdefault(tail, "PER")
    taken = [False] * len(doc)
    for span in spans:
        for i in range(span.start, span.end):
            taken[i] = True
    if not names:
        return spans
    longest = max(len(k) for k in names)
    name_firsts = {k[0] for k in names}
    added: list[Span] = []
    i = 0
    while i < len(doc):
        hit = None
        bare = keys[i].lstrip(ATTACHED)
        # cheap filter before first_keys ("ل" + "لحلف" may stand for "الحلف")
        if not taken[i] and (bare in name_firsts or "ا" + bare in name_firsts):
            firsts = first_keys(keys, i)
            for n in range(min(longest, len(doc) - i), 0, -1):
                j = i + n
                if any(taken[i:j]) or (j < len(doc) and keys[j].startswith(ATTACHED)):
                    continue
                rest = tuple(keys[i + 1:j])
                label = next((names[(f, *rest)] for f in firsts if (f, *rest) in names), None)
                if label is not None:
                    hit = (i, j, label)
                    break
        if hit:
            added.append(Span(doc, hit[0], hit[1], label=hit[2]))
            i = hit[1]
        else:
            i += 1
    if not added:
        return spans
    return _joined_full_names(doc, keys, sorted(spans + added, key=lambda s: s.start),
                              set(added), names)


def _joined_full_names(doc: Doc, keys: list[str], spans: list[Span], added: set[Span],
                       names: dict[tuple[str, ...], str]) -> list[Span]:
    """A propagated person right after a person's span, the two together a person the
    document names in full elsewhere, is that one person: the model found "رامي" alone
    here, the family name "الجربوعي" came from "رامي الجربوعي" in another sentence, and the
    two were two persons side by side."""
    out: list[Span] = []
    for span in spans:
        prev = out[-1] if out else None
        if span in added and span.label_ == "PER" and prev is not None \
                and prev.label_ == "PER" and prev.end == span.start \
                and names.get(name_key(keys, prev.start, span.end)) == "PER":
            out[-1] = Span(doc, prev.start, span.end, label="PER")
        else:
            out.append(span)
    return out
