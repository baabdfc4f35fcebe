"""PLOVER event coding over rasid's clitic-aware tokens with robust word-order patterns.

The coder works sentence by sentence on a filled :class:`DocumentRecord` (entities, times and
quotes from the earlier stages). For each trigger from the lexicon it finds:

- the actor: an agent phrase ("على يد X", "نُسبت إلى X", "من قبل X"), a nisba adjective
  after a noun ("بضربة إسرائيلية"), the subject right before the verb (SVO), the first
  entity after the verb (VSO), the genitive of a nominal event, the quote's speaker, or the
  subject of the reporting verb for "قال X إنه ...";
- the target: the slots the lexicon names (object, genitive, a preposition);
- the location: a place after في/ب in the clause; the time: the clause's time expression;
- negation and modality from cue words before the trigger.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache

from rasid.document import DocumentRecord, Event, Relation, Span
from rasid.events.lexicon import (
    Match,
    key,
    load_lexicon,
    match_tokens,
    strip_al,
)
from rasid.events.metonymy import capitals_as_states
from rasid.resources import read_table
from rasid.text import split_sentences, tokenize

CLAUSE_BREAKS = frozenset([".", "،", ",", ":", "؛", ";", "!", "؟", "?", '"', "«", "»", "“",
                           "”", "(", ")", "-", "–", "—"])
SENT_BREAKS = frozenset([".", "!", "؟", "?", "؛", ";"])
PLACE_TYPES = frozenset(["GPE", "LOC", "FAC"])


@dataclass(frozen=True, slots=True)
class Tok:
    start: int
    end: int
    text: str
    key: str
    base: str = field(default="", compare=False, repr=False)  # the key without ال

    def __post_init__(self) -> None:
        # computed once: the coder reads it many times per token (strip_al was ~500k
        # calls on the 60 corpus articles)
        object.__setattr__(self, "base", strip_al(self.key))


@dataclass
class Mention:
    i: int  # first token
    j: int  # one past the last token
    entity: str
    type: str
    nisba: bool = False
    primary: bool = True  # a nisba resolved to its first referent (the country, not a capital)
    phrase: bool = False  # a generic actor phrase standing for the entity ("قوات الاحتلال")


@lru_cache(maxsize=1)
def _nisba_table() -> dict[str, tuple[str, ...]]:
    """adjective key (without ال) -> normalised referent names."""
    table: dict[str, tuple[str, ...]] = {}
    rows = [(adj, names.split("|")) for adj, names in read_table("events/nisba.tsv")]
    # then every country of the KB seed with its nisba (kb/countries.tsv, read only):
    # "ناقلتين يونانيتين" -> اليونان; events/nisba.tsv comes first (capitals, blocs)
    for row in read_table("kb/countries.tsv"):
        if len(row) > 5 and row[0] != "iso3" and row[5]:
            names = [row[3]] + [a for a in row[4].split("|") if a]
            rows += [(adj, names) for adj in row[5].split("|") if adj]
    for adj, names in rows:
        refs = tuple(strip_al(key(n)) for n in names)
        base = key(adj)
        words = base.split()
        last = words[-1]
        for suffix in ("", "ه", "ون", "ين", "ان", "تين", "تان"):
            table.setdefault(" ".join(words[:-1] + [last + suffix]), refs)
    return table


def _tokens(record: DocumentRecord) -> list[Tok]:
    return list(_tokens_of(record.text))


def prime_tokens(text: str, tokens) -> None:
    """Reuse a tokenisation already made (the pipeline's Doc): ``tokens`` yields
    (start, end, text) triples of rasid's clitic-aware tokens for ``text``."""
    _primed[text] = tuple(Tok(a, b, w, key(w)) for a, b, w in tokens if w.strip())
    while len(_primed) > 4:
        _primed.pop(next(iter(_primed)))


_primed: dict[str, tuple[Tok, ...]] = {}


def _tokens_of(text: str) -> tuple[Tok, ...]:
    hit = _primed.get(text)
    return hit if hit is not None else _tokenized(text)


@lru_cache(maxsize=16)
def _tokenized(text: str) -> tuple[Tok, ...]:
    return tuple(Tok(t.start, t.end, t.text, key(t.text)) for t in tokenize(text)
                 if t.text.strip())


def mention_tokens(record: DocumentRecord, toks: list[Tok]
                   ) -> tuple[list[tuple[int, int, str, str]], set[int]]:
    """Entity mentions as token ranges (i, j exclusive, entity id, type) and the set of
    token indices they cover."""
    starts = {t.start: n for n, t in enumerate(toks)}
    ends = {t.end: n for n, t in enumerate(toks)}
    out: list[tuple[int, int, str, str]] = []
    covered: set[int] = set()
    for ent in record.entities:
        for m in ent.mentions:
            i = starts.get(m.start)
            j = ends.get(m.end)
            if i is None or j is None:  # mention not on token boundaries: nearest tokens
                inside = [n for n, t in enumerate(toks) if t.start < m.end and t.end > m.start]
                if not inside:
                    continue
                i, j = inside[0], inside[-1]
            out.append((i, j + 1, ent.id, ent.type))
            covered |= set(range(i, j + 1))
    return out, covered


def entity_names(record: DocumentRecord) -> dict[str, tuple[str, str]]:
    """Name key (normalised, without ال) -> (entity id, type), from names and mentions."""
    names: dict[str, tuple[str, str]] = {}
    for ent in record.entities:
        for form in [ent.name] + [m.text for m in ent.mentions]:
            names.setdefault(strip_al(key(form)), (ent.id, ent.type))
    return names


def _mentions(record: DocumentRecord, toks: list[Tok]) -> list[Mention]:
    from rasid.events.actors import find_actor_phrases, starts_actor_phrase

    spans, covered = mention_tokens(record, toks)
    keys = [t.key for t in toks]
    out: list[Mention] = []
    for i, j, eid, typ in spans:
        single = toks[i].base if j == i + 1 else None
        out.append(Mention(i, j, eid, typ,
                           nisba=single is not None and single in _nisba_table(),
                           phrase=typ == "ORG" and starts_actor_phrase(keys, i)))
    names = entity_names(record)
    # generic actor phrases standing for an entity: "قوات الاحتلال" -> إسرائيل
    starts = {i: (eid, typ, j) for i, j, eid, typ in spans}
    for ph in find_actor_phrases(record.text, toks, covered, starts, names, _nisba_table()):
        if ph.entity is not None:
            out.append(Mention(ph.i, ph.j, ph.entity, "ORG", phrase=True))
            covered |= set(range(ph.i, ph.j))
    # nisba adjectives pointing at an entity of the record ("الإيراني" -> إيران)
    table = _nisba_table()
    for n, t in enumerate(toks):
        if n in covered:
            continue
        two = None
        if n + 1 < len(toks):
            two = t.base + " " + toks[n + 1].base
        for cand, width in ((two, 2), (t.base, 1)):
            if cand and cand in table:
                refs = table[cand]
                nxt = table.get(toks[n + 1].base) if n + 1 < len(toks) else None
                if width == 1 and nxt is not None and nxt != refs:
                    break  # "الاحتلال الروسي": qualified by another party's adjective
                hit = next(((names[r], r == refs[0]) for r in refs if r in names), None)
                if hit:
                    (eid, etype), primary = hit
                    out.append(Mention(n, n + width, eid, etype, nisba=True, primary=primary))
                break
    out.sort(key=lambda m: (m.i, -m.j))
    return out


class _Sentence:
    """Token-level view of one sentence with its entity mentions."""

    def __init__(self, toks: list[Tok], mentions: list[Mention]) -> None:
        self.toks = toks
        self.by_start: dict[int, Mention] = {}
        for m in mentions:
            self.by_start.setdefault(m.i, m)
        self.trigger_heads: set[int] = set()
        self.country_of: dict[str, str] = {}
        self.time_tokens: set[int] = set()  # tokens inside a time expression
        self.inside: dict[int, Mention] = {}
        for m in mentions:
            for n in range(m.i, m.j):
                self.inside.setdefault(n, m)

    def own_country(self, n: int) -> Mention | None:
        """'بلاده' at token n: the country of the nearest person before it (from a role
        relation), else the nearest country or nisba adjective."""
        gpe = None
        for k in range(n - 1, max(-1, n - 25), -1):
            if self.toks[k].text in SENT_BREAKS:
                break
            hit = self.inside.get(k)
            if hit is None:
                continue
            if hit.type == "PER" and hit.entity in self.country_of:
                return Mention(n, n + 1, self.country_of[hit.entity], "GPE")
            if hit.type == "GPE" and gpe is None:
                gpe = Mention(n, n + 1, hit.entity, "GPE")
        return gpe

    def is_prep(self, n: int) -> bool:
        return 0 <= n < len(self.toks) and self.toks[n].key in load_lexicon().prepositions

    def is_break(self, n: int) -> bool:
        return self.toks[n].text in CLAUSE_BREAKS

    def governed(self, m: Mention) -> bool:
        """Is the mention the object of a preposition (allowing 'باسم' and a title)?"""
        prev = m.i - 1
        if prev >= 1 and self.toks[prev].key == "اسم" and self.toks[prev - 1].key == "ب":
            return False
        return self.is_prep(prev)

    def mention_after(self, n: int, limit: int, *, free: bool = True,
                      skip: set[str] | frozenset[str] = frozenset(),
                      stop_at_prep: bool = False) -> Mention | None:
        """First mention starting in (n, n+limit], not crossing a clause break (nor a
        preposition, with ``stop_at_prep``: a subject or object never follows one)."""
        for k in range(n + 1, min(n + 1 + limit, len(self.toks))):
            if self.is_break(k):
                return None
            if stop_at_prep and self.is_prep(k) and not (
                    k + 1 < len(self.toks)
                    and (self.toks[k].key == "ب" and self.toks[k + 1].key == "اسم"
                         or self.toks[k + 1].key in load_lexicon().pronouns)):
                return None  # "عليها موسكو": a preposition with a pronoun is skipped
            m = self.by_start.get(k)
            if m and m.entity not in skip and (not free or not self.governed(m)):
                return m
        return None

    def mention_before(self, n: int, limit: int) -> Mention | None:
        """Nearest mention ending in [n-limit, n), not crossing a clause break."""
        for k in range(n - 1, max(-1, n - 1 - limit), -1):
            if self.is_break(k):
                return None
            m = self.inside.get(k)
            if m:
                return None if self.governed(m) else m
        return None

    def after_prep(self, n: int, prep: str, limit: int, skip: set[str]) -> Mention | None:
        """The mention introduced by ``prep`` within ``limit`` tokens after n."""
        for k in range(n + 1, min(n + 1 + limit, len(self.toks))):
            if self.toks[k].text in SENT_BREAKS:
                return None
            if self.toks[k].key == prep:
                if k + 1 in self.trigger_heads:
                    return None  # "ندد بمقتل X": the object is an event, not X
                if k + 1 < len(self.toks) and self.toks[k + 1].key in load_lexicon().pronouns:
                    continue  # "عليها": the object is a pronoun
                for q in range(k + 1, min(k + 4, len(self.toks))):
                    if self.is_break(q) or (self.is_prep(q) and q > k + 1) \
                            or q in self.trigger_heads:
                        break  # "على خلفية الغزو الروسي": the object is an event
                    if strip_al(self.toks[q].key) in load_lexicon().not_target_heads:
                        break  # "على جنازة الشهيد X": the funeral, not X
                    m = self.by_start.get(q)
                    if m and m.entity not in skip:
                        return m
        return None


def _quote_of(record: DocumentRecord, start: int):
    for q in record.quotes:
        if q.start <= start < q.end:
            return q
    return None


def _words_between(text: str, a: int, b: int) -> int | None:
    gap = text[a:b]
    if any(c in gap for c in '.:؛;"«»“”،,'):
        return None
    return len(gap.split())


def _attach_times(record: DocumentRecord, sent: tuple[int, int], events: list[Event],
                  hyp: dict[str, bool]) -> None:
    """Date each event by the nearest DATE/TIME expression of its clause: up to 12 words
    after the trigger, else up to 4 words before it (not for a hypothetical event); a comma,
    colon, quotation mark or full stop in between cuts the link."""
    times = [t for t in record.times if sent[0] <= t.start and t.end <= sent[1]
             and t.type in ("DATE", "TIME")]
    for v in events:
        choice: tuple[int, str] | None = None
        for t in times:
            if t.start >= v.trigger.end:
                n = _words_between(record.text, v.trigger.end, t.start)
                score = None if n is None or n > 12 else n
            elif t.end <= v.trigger.start and not hyp[v.id]:
                n = _words_between(record.text, t.end, v.trigger.start)
                score = None if n is None or n > 4 else n + 1
            else:
                score = None
            if score is not None and (choice is None or score < choice[0]):
                choice = (score, t.id)
        if choice is not None:
            v.time = choice[1]


def _mode(sent: _Sentence, m: Match, typ: str) -> tuple[str, str | None]:
    lex = load_lexicon()
    mode = m.trigger.mode
    for k in list(range(m.start, min(m.end + 6, len(sent.toks)))):
        if k > m.end and sent.toks[k].text in SENT_BREAKS:
            break
        for cat, value in lex.mode_cues.get(strip_al(sent.toks[k].key), []):
            if cat == typ and (mode is None or k >= m.end):
                return typ, value
            if cat == f"{typ}>AID" and k >= m.end:
                return "AID", value
    return typ, mode


def _resumptive(toks: list[Tok], h: int) -> bool:
    """The verb at ``h`` carries an object pronoun written onto it ("وصفت" + "ه")."""
    return (h + 1 < len(toks) and toks[h + 1].start == toks[h].end
            and toks[h + 1].key in load_lexicon().object_pronouns)


def _flags(sent: _Sentence, m: Match) -> tuple[bool, bool]:
    """(negated, hypothetical) from cue words before the trigger (resources/events/cues.tsv).

    A verb is negated by a particle right before it ("لم يتحدث", "لن يسمح", also with one
    auxiliary between: "لم يتم"); a nominal event by "عدم/دون/لا" up to 3 words before it
    with no other event between; a denial or refusal ("امتنع عن", "نفى") negates only the
    first event after it.
    """
    lex = load_lexicon()
    toks = sent.toks
    h = m.head
    negated = False
    if m.is_verb:
        if h >= 1 and toks[h - 1].key in lex.neg:
            # "ما وصفته", "ما قالته": a verb taking ما back as a pronoun is a relative clause
            negated = not (toks[h - 1].key == "ما" and _resumptive(toks, h))
        elif h >= 2 and toks[h - 2].key in lex.neg and toks[h - 2].key != "ما" \
                and toks[h - 1].key in lex.neg_aux:
            negated = True
    else:
        for k in range(h - 1, max(-1, h - 4), -1):
            if k in sent.trigger_heads or toks[k].text in CLAUSE_BREAKS:
                break
            if toks[k].key in lex.neg_noun:
                negated = True
                break
    hypothetical = False
    head_key = toks[h].key
    if head_key.startswith("س") and len(head_key) > 3 and head_key[1] in "يتنا" and m.is_verb:
        hypothetical = True
    if any(toks[k].key in lex.hyp for k in range(max(0, h - 2), h)):
        hypothetical = True
    if (m.is_verb and h >= 1 and toks[h - 1].key in lex.subjunctive
            and head_key[:1] in "يتن" and len(head_key) > 3):
        hypothetical = True  # "أن يوافق", "قبل أن توافق": a subjunctive, not yet done
    between = False  # another event between the cue and this trigger
    in_clause = True  # no comma between the cue and this trigger
    for k in range(h - 1, max(-1, h - 11), -1):
        if toks[k].text in SENT_BREAKS:
            break
        if toks[k].text in CLAUSE_BREAKS:
            in_clause = False
        if not between and (toks[k].key in lex.neg_clause or toks[k].base in lex.neg_clause):
            negated = True
        if not between and in_clause and (toks[k].key in lex.hyp_next
                                          or toks[k].base in lex.hyp_next):
            hypothetical = True
        if in_clause and toks[k].key in lex.hyp_clause:
            hypothetical = True
        if (not between and in_clause and k not in sent.trigger_heads
                and _future_or_subjunctive(toks, k, lex)):
            hypothetical = True  # "سيركز على تطوير العلاقات", "أن تستأنف ... التجارب"
        if k in sent.trigger_heads:
            between = True
    for k in range(m.end, min(m.end + 2, len(toks))):
        if not m.is_verb and toks[k].base in lex.hyp_after:
            hypothetical = True  # "أي لقاء محتمل", "الزيارة المرتقبة"
    return negated, hypothetical


def _future_or_subjunctive(toks: list[Tok], k: int, lex) -> bool:
    """Is token k a future verb (س + imperfect) or a subjunctive one (أن/كي + imperfect)?"""
    w = toks[k].key
    if len(w) < 4 or w[:1] not in "يتن" and not (w[:1] == "س" and w[1:2] in "يتن"):
        return False
    if w[:1] == "س":
        return True
    return k >= 1 and (toks[k - 1].key == "س" or toks[k - 1].key in lex.subjunctive)


def _arguments(record: DocumentRecord, sent: _Sentence, m: Match
               ) -> tuple[Mention | None, Mention | None, Mention | None, float]:
    lex = load_lexicon()
    toks = sent.toks
    trig = m.trigger
    actor: Mention | None = None
    target: Mention | None = None
    conf = 0.0
    own = sent.inside.get(m.head)
    skip = {own.entity} if own else set()

    # agent phrases of passives and nominal events: على يد X, من قبل X, نسبت إلى X
    for k in range(m.end, min(m.end + 8, len(toks))):
        if toks[k].text in SENT_BREAKS:
            break
        seq = next((a for a in lex.agent if toks[k].base == a[0]
                    and tuple(t.base for t in toks[k:k + len(a)]) == a), None)
        if seq:
            hit = sent.mention_after(k + len(seq) - 1, 3, free=False)
            if hit:
                actor, conf = hit, 0.2
                if m.is_verb:  # a passive: its grammatical subject is the target
                    subj = sent.mention_before(m.head, 3) or sent.mention_after(
                        m.end - 1, 3, stop_at_prep=True, skip={hit.entity})
                    if subj is not None and subj.entity != hit.entity:
                        target = subj
                break

    if m.is_verb:
        if actor is None:
            actor = _verb_subject(sent, m)
            conf = 0.2 if actor else 0.0
    else:
        nxt = sent.mention_after(m.end - 1, 6, free=True, skip=skip, stop_at_prep=True)
        if nxt is None and m.end < len(toks) and strip_al(toks[m.end].key) in lex.subject_prefix:
            # "مقتل العقيد بالحرس الثوري حسن صياد خدايي": past the title's own complement
            nxt = sent.mention_after(m.end - 1, 8, free=True, skip=skip)
        if m.end < len(toks) and toks[m.end].key in lex.own_country:
            nxt = sent.own_country(m.end) or nxt
        one_gap = (nxt is not None and nxt.i == m.end + 1 and m.end not in sent.inside
                   and toks[m.end].key.startswith("ال") and not sent.is_prep(m.end))
        # "الحصار البحري الروسي": the word between is an adjective (-ي/-ية), the nisba
        # qualifies the event; "احتجاز الناقلتين اليونانيتين": a noun, the nisba its object
        adj_gap = one_gap and toks[m.end].key.endswith(("ي", "يه"))
        if (one_gap and not adj_gap and nxt is not None and nxt.nisba and target is None
                and (trig.gen == "target" or "gen" in trig.target)):
            target = nxt
        if nxt and actor is None and (nxt.nisba and (nxt.i == m.end or adj_gap)
                                      or nxt.phrase and nxt.i == m.end):
            # "القصف الروسي", "الحصار البحري الروسي": the nisba names the doer; so does a
            # doer phrase in the genitive ("اقتحام القوات الإسرائيلية مخيم جنين")
            actor, conf = nxt, 0.2
            after = nxt.j
            nxt = sent.mention_after(nxt.j - 1, 3, free=True, skip=skip | {nxt.entity},
                                     stop_at_prep=True)
            if (nxt is None and after + 1 < len(toks) and toks[after].key == "ل"
                    and after + 1 in sent.by_start):
                nxt = sent.by_start[after + 1]  # "اقتحام الجيش الإسرائيلي لمخيم جنين"
            if nxt is not None and nxt.nisba and nxt.i == actor.j:
                target, nxt = nxt, None  # "التحالف الأميركي الكوري الجنوبي"
        pair = _dyad(sent, m.end)
        if pair is not None and actor is None:
            (actor, target), conf = pair, 0.15  # "قمة بين X و Y", "زيارة لـX للـY"
        if nxt is not None and nxt.nisba and not (nxt.i == m.end or adj_gap):
            nxt = None  # "حظر واردات النفط الروسية": a distant adjective is no genitive
        if nxt and nxt.i <= m.end + 5:
            # masdar + subject + object: "اقتحام قوات الاحتلال المسجد الأقصى",
            # "اقتحام الجيش الإسرائيلي لمخيم جنين"
            obj = None
            j = nxt.j
            while j in sent.inside and sent.inside[j].entity == nxt.entity:
                j += 1
            if j < len(toks) and j in sent.by_start and sent.by_start[j].entity != nxt.entity:
                obj = sent.by_start[j]
            elif (j + 1 < len(toks) and j not in sent.inside and j + 1 in sent.by_start
                  and sent.by_start[j + 1].nisba and not sent.is_prep(j)
                  and sent.by_start[j + 1].entity != nxt.entity):
                obj = sent.by_start[j + 1]  # "احتجاز أثينا ناقلة إيرانية"
            elif (j + 1 < len(toks) and toks[j].key == "ل" and j + 1 in sent.by_start
                  and not sent.by_start[j + 1].nisba):
                obj = sent.by_start[j + 1]
            if obj is not None and nxt.type in ("ORG", "GPE") and actor is None:
                actor, target, conf = nxt, obj, 0.15
            elif trig.gen == "target" or "gen" in trig.target:
                target = target or nxt
            elif trig.gen == "actor" and actor is None:
                actor, conf = nxt, 0.15
        # "X تعرض لـ<event>": X is the target
        if any(toks[k].key in lex.passive for k in range(max(0, m.head - 3), m.head)):
            cue = next(k for k in range(m.head - 1, max(-1, m.head - 4), -1)
                       if toks[k].key in lex.passive)
            subj = sent.mention_before(cue, 4) or sent.mention_after(cue, 3)
            if subj:
                target = subj

    used = {x.entity for x in (actor, target) if x}
    if target is None:
        for spec in trig.target:
            if spec == "gen":
                continue
            if spec == "obj":
                origin = actor.j - 1 if actor and actor.i > m.head else m.end - 1
                hit = sent.mention_after(origin, 6, skip=used | skip, stop_at_prep=True)
            else:
                hit = sent.after_prep(m.end - 1, spec, 8, used | skip)
            if hit:
                target = hit
                break
    if target is None and m.is_verb:
        target = _resumed_object(sent, m)  # "القرم، التي استولت عليها موسكو"
    if target is not None and actor is not None and target.entity == actor.entity:
        target = None

    if actor is None:
        q = _quote_of(record, toks[m.head].start)
        if q is not None and q.speaker and m.is_verb and (
                trig.type == "THREATEN"
                or (q.kind == "direct" and _first_person(toks[m.head].text))):
            actor = Mention(m.head, m.head, q.speaker, "PER")  # "ندعو إلى ..." said by X
            conf = 0.1
    if actor is None:
        actor = _reported_subject(sent, m.head)
        if actor:
            conf = 0.1
    if actor is None and not m.is_verb and m.head > 0:
        prev = toks[m.head - 1]
        hit = sent.inside.get(m.head - 1)
        if (hit and not hit.nisba and not sent.governed(hit)
                and (target is None or hit.entity != target.entity)
                and prev.key not in lex.nominal_block
                and hit.i > 0 and toks[hit.i - 1].key in lex.light_verbs):
            actor, conf = hit, 0.05  # "أعلنت روسيا فرض عقوبات", not "وصفت الوزارة اعتداء"
    if actor is None and not m.is_verb:
        # "موسكو تخطط لإنشاء", "وتسعى موسكو إلى السيطرة", "يعمل البيت الأبيض على تزويد":
        # the subject of a plan/attempt/decision verb does the verbal noun after it
        k = m.head - 1
        while k >= 0 and sent.is_prep(k) and k >= m.head - 2:
            k -= 1
        if k >= 0 and (toks[k].key in lex.light_verbs or toks[k].base in lex.light_verbs):
            subj = _verb_subject(sent, Match(k, k + 1, k, None, True))  # type: ignore[arg-type]
            if subj is not None and (target is None or subj.entity != target.entity):
                actor, conf = subj, 0.05
    if actor is None and not m.is_verb:
        # further back: "تواصل بسط السيطرة", "بعد فشل موسكو في السيطرة", "وتسعى موسكو
        # خصوصا إلى السيطرة", "الذي يقوم بزيارة"
        lv = _light_verb_before(sent, m.head)
        if lv is not None:
            k, between = lv
            subj = between or _verb_subject(sent, Match(k, k + 1, k, None, True))  # type: ignore[arg-type]
            if subj is not None and (target is None or subj.entity != target.entity):
                actor, conf = subj, 0.05

    location = None
    taken = {x.entity for x in (actor, target) if x}
    for k in range(m.end, min(m.end + 16, len(toks))):
        if toks[k].text in SENT_BREAKS:
            break
        if toks[k].key in ("في", "ب"):
            hit = sent.by_start.get(k + 1) or sent.by_start.get(k + 2)
            if hit and hit.type in PLACE_TYPES and hit.entity not in taken and not hit.nisba:
                location = hit
                break
    if target is not None:
        conf += 0.1
    return actor, target, location, conf


def _dyad(sent: _Sentence, n: int) -> tuple[Mention, Mention] | None:
    """Two parties right after a nominal event at token n: "بين X و Y" or "لـX لـ/إلى Y"."""
    toks = sent.toks
    if n >= len(toks):
        return None
    if toks[n].key == "بين":
        first = sent.mention_after(n, 4, free=False)
        if first is None:
            return None
        for k in range(first.j, min(first.j + 5, len(toks))):
            if toks[k].text in CLAUSE_BREAKS:
                return None
            if toks[k].key == "و":
                second = sent.mention_after(k, 4, free=False, skip={first.entity})
                return (first, second) if second is not None else None
        return None
    if toks[n].key == "ل":
        first = sent.mention_after(n, 4, free=False)
        if first is None:
            return None
        j = first.j
        while j < len(toks) and (j in sent.inside or toks[j].base in load_lexicon().subject_prefix):
            j += 1
        if j < len(toks) and toks[j].key in ("ل", key("إلى")):
            second = sent.mention_after(j, 3, free=False, skip={first.entity})
            return (first, second) if second is not None else None
    return None


def _first_person(word: str) -> bool:
    """ندعو, سننشئ, طلبتُ, طلبنا: a first-person verb form (the speaker acts)."""
    k = key(word)
    return (k[:1] in ("ن", "ا") and not k.startswith("ال")) or k.startswith("سن") \
        or word.endswith("تُ") or k.endswith("نا")


def _verb_subject(sent: _Sentence, m: Match) -> Mention | None:
    """SVO subject right before the verb, a pronoun subject ("أنها ستهاجم") resolved through
    the reporting verb, else the first entity after the verb (VSO)."""
    lex = load_lexicon()
    toks = sent.toks
    k = m.head - 1
    if m.trigger is not None and k >= 0:
        lv = k - 1 if toks[k].key == key("أن") else k
        if lv >= 0 and (toks[lv].key in lex.light_verbs or toks[lv].base in lex.light_verbs):
            # "الشرطة التي حاولت منعهم": the light verb's subject does the event
            return _verb_subject(sent, Match(lv, lv + 1, lv, None, True))  # type: ignore[arg-type]
    relative = False
    while k >= 0 and toks[k].key in lex.svo_gap | lex.relatives:
        relative = relative or toks[k].key in lex.relatives
        k -= 1
    resumptive = (toks[m.head].key.endswith(("ها", "هم", "هما", "هن"))
                  or m.end + 1 < len(toks) and sent.is_prep(m.end)
                  and toks[m.end + 1].key in lex.pronouns)
    if relative and k >= 0 and not resumptive:
        # "بروسيا التي شنت", "لافروف، الذي يقوم": the antecedent, even after a preposition;
        # not "القرم، التي استولت عليها موسكو" (a pronoun after the verb: the object)
        hit = sent.inside.get(k - 1 if toks[k].text in ("،", ",") and k > 0 else k)
        if hit and (not hit.nisba or hit.phrase or _headed(sent, hit)):
            return hit
    if k >= 0:
        hit = sent.inside.get(k)
        if hit and not hit.nisba and not sent.governed(hit):
            return hit
        if toks[k].key in lex.own_country:
            return sent.own_country(k)
        if hit and hit.nisba and _headed(sent, hit):
            return hit
        if toks[k].key in lex.pronouns and k > 0 and toks[k - 1].key in lex.complementizers:
            return _reported_subject(sent, m.head)
        if (hit is None and toks[k].text not in CLAUSE_BREAKS
                and toks[k].key not in lex.clause_start and not _adverbial(sent, k)):
            return None  # "ترشح السويد ... لا يهدد روسيا": a noun subject; روسيا is the object
    if m.trigger is not None and m.trigger.kind == "A":
        return None  # a participle's subject is the clause's (see _coordinate)
    origin = m.end - 1 if m.contiguous else m.head
    after = sent.mention_after(origin, 5, stop_at_prep=True)
    if after is not None and any(
            sent.inside.get(k) is None and toks[k].base not in lex.subject_prefix
            and toks[k].key not in lex.pronouns
            and not (sent.is_prep(k) and k + 1 < len(toks)
                     and toks[k + 1].key in lex.pronouns)  # "استولت عليها السلطات"
            for k in range(origin + 1, after.i) if m.contiguous or k != m.start + 1):
        after = None  # "وترفض إجراءات البرهان": البرهان is not the subject
    if after and after.nisba:
        name = sent.by_start.get(after.j)
        if name is not None and name.type == "PER" and not name.nisba:
            return name  # "ناشد الرئيس الأوكراني زيلينسكي": the person, not the country
        if _headed(sent, after):
            return after
        return None
    return after


def _resumed_object(sent: _Sentence, m: Match) -> Mention | None:
    """The antecedent of a relative clause whose verb takes it back as a pronoun object
    ("شبه جزيرة القرم، التي استولت عليها موسكو", "الناقلة التي احتجزتها السلطات")."""
    lex = load_lexicon()
    toks = sent.toks
    if not (toks[m.head].key.endswith(("ها", "هم", "هما", "هن"))
            or m.end + 1 < len(toks) and sent.is_prep(m.end)
            and toks[m.end + 1].key in lex.pronouns):
        return None
    k = m.head - 1
    while k >= 0 and toks[k].key in lex.svo_gap - lex.relatives:
        k -= 1
    if k < 1 or toks[k].key not in lex.relatives:
        return None
    k -= 1
    if toks[k].text in ("،", ",") and k > 0:
        k -= 1
    hit = sent.inside.get(k)
    if hit is None or (hit.nisba and not hit.phrase):
        return None
    return hit


def _light_verb_before(sent: _Sentence, head: int) -> tuple[int, Mention | None] | None:
    """A light verb (resources/events/cues.tsv) up to 6 tokens before the verbal noun at
    ``head``, across prepositions, adverbs, its own subject and one other word right before
    the noun; returns its index and the subject found between (VSO), if any."""
    lex = load_lexicon()
    toks = sent.toks
    between: Mention | None = None
    for k in range(head - 1, max(-1, head - 7), -1):
        t = toks[k]
        if t.text in CLAUSE_BREAKS or k in sent.trigger_heads:
            return None
        if t.key in lex.light_verbs or t.base in lex.light_verbs:
            return k, between
        hit = sent.inside.get(k)
        if hit is not None:
            if hit.nisba and not hit.phrase:
                return None  # "الحرب الروسية": an adjective, the noun before is no verb
            between = hit if not sent.governed(hit) else between
            continue
        if sent.is_prep(k) or t.key in lex.adverbs or k == head - 1 or k in sent.time_tokens:
            continue  # "مالي أعلنت أول أمس الأحد انسحابها": a date between
        return None
    return None


def _headed(sent: _Sentence, nisba: Mention) -> bool:
    """Does a nisba adjective qualify a doer noun ("الجنود الروس", "قوات الاحتلال
    الإسرائيلي") one or two words before it?"""
    heads = load_lexicon().heads
    return any(strip_al(sent.toks[k].key) in heads for k in range(max(0, nisba.i - 2), nisba.i))


def _adverbial(sent: _Sentence, k: int) -> bool:
    """Is token k the end of an adverbial phrase ("على الفور", "في وقت سابق") rather than a
    noun subject? True when a preposition opens it within 3 tokens."""
    lex = load_lexicon()
    place = sent.inside.get(k - 1)
    if (place is not None and place.j == k and sent.governed(place)
            and sent.toks[k].key.endswith(("ي", "يه"))):
        return True  # "في القدس الشرقية اقتحمت": an adjective closing a place phrase
    for j in range(k - 1, max(-1, k - 4), -1):
        if sent.toks[j].text in CLAUSE_BREAKS:
            return False
        if sent.is_prep(j):  # the phrase must open its clause: "وعلى الفور طالبت"
            return j == 0 or sent.toks[j - 1].text in CLAUSE_BREAKS \
                or sent.toks[j - 1].key in lex.clause_start
    return False


def _reported_subject(sent: _Sentence, head: int) -> Mention | None:
    """'قال الحرس الثوري إنه فكك خلية ... وألقى القبض': the reporting verb's subject does the
    event (the pronoun after إن/أن may be up to 12 tokens back, for coordinated verbs)."""
    lex = load_lexicon()
    toks = sent.toks
    for k in range(head - 1, max(0, head - 13), -1):
        if toks[k].text in SENT_BREAKS or toks[k].text in ('"', "«", "»", ":"):
            return None
        if toks[k].key in lex.pronouns and toks[k - 1].key in lex.complementizers:
            if k < head - 3 and not any(t.key == "و" for t in toks[k + 1:head]):
                return None
            for r in range(k - 2, max(-1, k - 30), -1):
                if toks[r].text in SENT_BREAKS:
                    return None
                if toks[r].key in lex.report_verbs or toks[r].base in lex.report_verbs:
                    return _verb_subject(sent, Match(r, r + 1, r, None, True))  # type: ignore[arg-type]
            return None
    return None


def code_events(record: DocumentRecord, time_attachment: str = "nearest",
                relations: list[Relation] | None = None) -> list[Event]:
    """Code the events of ``record`` (which should already have entities/times/quotes).

    ``time_attachment``: "nearest" gives each time expression to its nearest trigger
    (measured best on bench/gold/events_dev.jsonl); "clause" uses
    :func:`rasid.time.event_time` (the nearest time in the trigger's clause, else sentence).
    An event whose clause states no time keeps ``time=None`` (consumers date it by the
    record's publication date) and 0.05 less confidence.
    """
    toks = _tokens(record)
    mentions = _mentions(record, toks)
    spans = [(s.start, s.end) for s in record.sentences] or split_sentences(record.text)
    events: list[Event] = []
    starts = [t.start for t in toks]
    if relations is None:  # the component passes the relations it already extracted
        from rasid.events.relations import extract_relations

        relations = extract_relations(record)
    timed: set[int] = set()  # tokens that start inside a time expression
    for x in record.times:
        timed.update(range(bisect.bisect_left(starts, x.start),
                           bisect.bisect_left(starts, x.end)))
    country_of = {r.head: r.tail for r in relations
                  if r.type == "role" and (ent := record.entity(r.tail)) is not None
                  and ent.type == "GPE"}
    for s_idx, (s_start, s_end) in enumerate(spans):
        lo = bisect.bisect_left(starts, s_start)
        hi = bisect.bisect_left(starts, s_end)
        if lo >= hi:
            continue
        stoks = toks[lo:hi]
        smentions = [Mention(x.i - lo, x.j - lo, x.entity, x.type, x.nisba,
                             phrase=x.phrase)
                     for x in mentions if lo <= x.i < hi]
        sent = _Sentence(stoks, smentions)
        sent.country_of = country_of
        sent.time_tokens = {n - lo for n in range(lo, hi) if n in timed}
        matches = [m for m in match_tokens([t.text for t in stoks])
                   if not _inside_name(sent, m)
                   and (m.trigger.mode != "describe" or _described_as_wrong(stoks, m))]
        sent.trigger_heads = {m.head for m in matches}
        sevents: list[Event] = []
        heads: dict[str, Match] = {}
        hyp: dict[str, bool] = {}
        for m in matches:
            typ, mode = _mode(sent, m, m.trigger.type)
            negated, hypothetical = _flags(sent, m)
            actor, target, location, conf = _arguments(record, sent, m)
            if typ == "PROTEST" and actor is not None and actor.type == "GPE":
                typ, mode = "ACCUSE", "protest"  # a state's "احتجاج" is a diplomatic protest
            first, last = stoks[m.start], stoks[m.end - 1]
            if not m.contiguous:  # a phrase with a gap: the head word is the evidence
                first = last = stoks[m.head]
            trig = Span(first.start, last.end, record.text[first.start:last.end])
            q = _quote_of(record, trig.start)
            v = Event(
                id=f"v{len(events) + len(sevents) + 1}", type=typ, mode=mode, trigger=trig,
                sentence=s_idx,
                actor=actor.entity if actor else None,
                target=target.entity if target else None,
                location=location.entity if location else None,
                negated=negated, hypothetical=hypothetical,
                quote=q.id if q else None,
                confidence=round(min(0.95, 0.5 + conf + (0.1 if m.is_verb else 0.0)), 2),
            )
            heads[v.id] = m
            hyp[v.id] = hypothetical
            sevents.append(v)
        if time_attachment == "clause":
            from rasid.time import event_time
            for v in sevents:
                v.time = event_time(record, (v.trigger.start, v.trigger.end))
        else:
            _attach_times(record, (s_start, s_end), sevents, hyp)
        _coordinate(sent, sevents, heads)
        _coordinated_light(sent, sevents, heads)
        _requested(sent, sevents, heads)
        _control(sent, sevents, heads)
        for v in sevents:
            if v.time is None:  # dated only by the publication date: trust it less
                v.confidence = round(max(0.0, v.confidence - 0.05), 2)
        events.extend(sevents)
    capitals_as_states(record, events)  # "واشنطن ترسل": the state acts
    return events


def _described_as_wrong(toks: list[Tok], m: Match, window: int = 30) -> bool:
    """"وصف X بأنه إرهاب", "وصفتها ... بأنها انقلاب", "وصف السلوك بغير المناسب": a verb of
    describing is an accusation only when what follows its "ب" condemns (cues.tsv
    ``describe_as``); "وصف الزيارة بأنها ناجحة" is no event."""
    words = load_lexicon().describe_as
    keys = [t.base for t in toks[m.end:m.end + window]]
    for n, k in enumerate(keys):
        if k != "ب":
            continue
        rest = keys[n + 1:n + 5]
        if rest and rest[0] in load_lexicon().that_pronouns:
            rest = rest[1:]
        if any(w in words for w in rest[:3]):
            return True
    return False


def _requested(sent: _Sentence, events: list[Event], heads: dict[str, Match]) -> None:
    """"طالبت اليونان إيران بالإفراج عن السفينتين": the one asked does the asked-for event."""
    for n, v in enumerate(events):
        if v.type != "REQUEST" or v.target is None or n + 1 >= len(events):
            continue
        nxt = events[n + 1]
        m, m2 = heads[v.id], heads[nxt.id]
        tgt_end = max((x.j for x in sent.by_start.values() if x.entity == v.target
                       and x.i > m.head), default=None)
        if (nxt.actor is None and tgt_end is not None and 0 <= m2.head - tgt_end <= 2
                and not m2.is_verb):
            nxt.actor = v.target
            nxt.hypothetical = True


def _control(sent: _Sentence, events: list[Event], heads: dict[str, Match]) -> None:
    """"ترفض نيودلهي التنديد بـ...", "هدد بفرض عقوبات": the subject of a refusal, an
    agreement or a threat also does the verbal noun that follows it."""
    lex = load_lexicon()
    for n, v in enumerate(events[:-1]):
        nxt = events[n + 1]
        m, m2 = heads[v.id], heads[nxt.id]
        if (v.type in lex.control and v.actor is not None and nxt.actor is None
                and not m2.is_verb and 0 < m2.head - m.end <= 3
                and not any(t.text in CLAUSE_BREAKS for t in sent.toks[m.end:m2.head])
                and nxt.target != v.actor):
            nxt.actor = v.actor


def _inside_name(sent: _Sentence, m: Match) -> bool:
    """"هيئة البث", "وزارة الدفاع": a trigger word inside a name is no event."""
    inside = sent.inside.get(m.head)
    return bool(inside and not inside.nisba and inside.type in PLACE_TYPES | {"PER", "ORG"})


def _coordinate(sent: _Sentence, events: list[Event], heads: dict[str, Match]) -> None:
    """Coordinated verbs and participles share the subject and time of the verb before
    them: "اقتحمت ... واعتدت على المشيعين وأطلقت", "أبدت روسيا ...، محملة كييف"."""
    lex = load_lexicon()
    prev: Event | None = None
    for v in events:
        m = heads[v.id]
        if not m.is_verb:
            continue
        before = sent.toks[m.head - 1].key if m.head else ""
        linked = before in lex.coordinators or m.trigger.kind == "A"
        if prev is not None and any(t.text in SENT_BREAKS for t in sent.toks[
                heads[prev.id].head:m.head]):
            prev = None
        if prev is not None and linked:
            if v.actor is None and prev.actor is not None and prev.actor != v.target:
                v.actor = prev.actor
            if v.time is None:
                v.time = prev.time
        prev = v
    for v in events:  # a participle with no verb before it: the clause's subject
        m = heads[v.id]
        purpose = (not m.is_verb and m.head > 1 and sent.toks[m.head - 1].key == "ل"
                   and m.head not in sent.inside and m.head - 2 not in sent.trigger_heads
                   and m.head - 2 not in sent.inside
                   and sent.toks[m.head - 2].key not in load_lexicon().passive)
        if v.actor is None and (m.trigger.kind == "A" or purpose):
            # also a verbal noun of purpose, near its clause's subject: "أطلقت الشرطة الغاز
            # المسيل للدموع لتفريق" (not "يتوعد بالثأر لاغتيال": revenge for an event)
            subj = _clause_subject(sent, m.head, 8 if m.trigger.kind != "A" else 25)
            if subj is not None and subj.entity != v.target:
                v.actor = subj.entity


def _coordinated_light(sent: _Sentence, events: list[Event], heads: dict[str, Match]) -> None:
    """"اقتحمت شرطة الاحتلال باحة المستشفى وحاولت تفريق حشد": a verbal noun after a light
    verb coordinated with an earlier event's verb (no subject of its own) shares that
    event's actor."""
    lex = load_lexicon()
    for n, v in enumerate(events):
        m = heads[v.id]
        if v.actor is not None or m.is_verb or n == 0:
            continue
        lv = _light_verb_before(sent, m.head)
        if lv is None or lv[1] is not None or lv[0] == 0:
            continue
        k = lv[0]
        if sent.toks[k - 1].key not in lex.coordinators:
            continue
        prev = next((p for p in reversed(events[:n]) if heads[p.id].head < k), None)
        if (prev is not None and prev.actor is not None and heads[prev.id].is_verb
                and prev.actor != v.target
                and not any(t.text in SENT_BREAKS for t in sent.toks[heads[prev.id].head:k])):
            v.actor = prev.actor


def _clause_subject(sent: _Sentence, head: int, limit: int = 25) -> Mention | None:
    """The nearest free entity before a participle in its sentence ("أبدت روسيا استعدادها
    ...، محملة كييف", "قال بون ... محذرا"): not after a preposition, not a bare adjective,
    not inside a quotation."""
    toks = sent.toks
    for k in range(head - 1, max(-1, head - 1 - limit), -1):
        if toks[k].text in SENT_BREAKS or toks[k].text in ('"', "«", "»", "“", "”"):
            return None
        hit = sent.inside.get(k)
        if hit is None or hit.type not in ("PER", "ORG", "GPE"):
            continue
        if sent.governed(hit) or (hit.nisba and not (hit.phrase or _headed(sent, hit))):
            continue
        return hit
    return None
