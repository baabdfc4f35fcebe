"""The event trigger lexicon and cue lists (data in ``rasid/resources/events/``).

Everything Arabic lives in the TSV files; this module only expands verb and noun forms into a
lookup table over :func:`rasid.text.normalize_key` keys and matches token sequences.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rasid.resources import read_table
from rasid.runtime import WORD_CACHE_SIZE
from rasid.text import normalize_key

_PAST_SUFFIXES = ("", "ت", "وا", "ا", "تا", "ن", "نا", "تم", "تما")
_IMPF_PREFIXES = ("ي", "ت", "ن", "ا")
_IMPF_SUFFIXES = ("", "ون", "ان", "ن", "وا", "ا", "ين")
# Object / possessive pronoun suffixes the tokenizer may leave attached (longest first).
_PRONOUNS = ("هما", "كما", "هم", "هن", "كم", "ها", "نا", "ه", "ك")


@dataclass(frozen=True)
class Trigger:
    """One lexicon row."""

    kind: str  # V (verb), A (participle: a verb for argument finding), N or P
    type: str
    mode: str | None
    target: tuple[str, ...]  # 'obj', 'gen' or prepositions (normalised)
    gen: str | None  # for nouns: 'actor' or 'target'
    source: str  # the row's forms, for debugging


@dataclass(frozen=True)
class Phrase:
    first: frozenset[str]  # keys of the first token
    first_is_verb: bool
    rest: tuple[frozenset[str], ...]
    trigger: Trigger


@dataclass
class Lexicon:
    words: dict[str, list[Trigger]] = field(default_factory=dict)
    phrases: list[Phrase] = field(default_factory=list)
    phrase_index: dict[str, list[Phrase]] = field(default_factory=dict)  # first key -> phrases
    mode_cues: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    neg: frozenset[str] = frozenset()
    neg_clause: frozenset[str] = frozenset()
    neg_aux: frozenset[str] = frozenset()
    neg_noun: frozenset[str] = frozenset()
    hyp: frozenset[str] = frozenset()
    hyp_clause: dict[str, str] = field(default_factory=dict)
    hyp_next: frozenset[str] = frozenset()
    agent: list[tuple[str, ...]] = field(default_factory=list)  # token sequences
    passive: frozenset[str] = frozenset()
    heads: frozenset[str] = frozenset()
    svo_gap: frozenset[str] = frozenset()
    nominal_block: frozenset[str] = frozenset()
    coordinators: frozenset[str] = frozenset()
    clause_start: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    adverbs: frozenset[str] = frozenset()
    relatives: frozenset[str] = frozenset()
    not_target_heads: frozenset[str] = frozenset()
    control: frozenset[str] = frozenset()  # PLOVER categories
    not_form: frozenset[str] = frozenset()
    not_bare: frozenset[str] = frozenset()  # not_form unless written with a shadda (صوّت)
    prepositions: frozenset[str] = frozenset()
    pronouns: frozenset[str] = frozenset()
    complementizers: frozenset[str] = frozenset()
    report_verbs: frozenset[str] = frozenset()
    own_country: frozenset[str] = frozenset()
    subjunctive: frozenset[str] = frozenset()
    hyp_after: frozenset[str] = frozenset()
    subject_prefix: frozenset[str] = frozenset()
    describe_as: frozenset[str] = frozenset()  # "وصف X بأنه <word>": the word condemns
    object_pronouns: frozenset[str] = frozenset()  # written onto a verb: its object
    that_pronouns: frozenset[str] = frozenset()  # "أنه", "أنها": "that he/she/they"
    not_next: dict[str, frozenset[str]] = field(default_factory=dict)
    not_prev: dict[str, frozenset[str]] = field(default_factory=dict)


@lru_cache(maxsize=WORD_CACHE_SIZE)
def key(word: str) -> str:
    return normalize_key(word).strip()


def strip_al(k: str) -> str:
    return k[2:] if k.startswith("ال") and len(k) > 3 else k


def verb_forms(past: str, imperfect: str) -> set[str]:
    """Conjugations of a verb given its 3ms past and imperfect forms (normalised keys)."""
    p, i = key(past), key(imperfect)
    out = {p + s for s in _PAST_SUFFIXES}
    if p[-1] in "اي":  # final-weak: دعا -> دعت دعوا, التقى -> التقت التقوا التقيا
        out |= {p[:-1] + s for s in ("ت", "وا", "تا", "يا", "ي")}
        out |= {p[:-1] + "و" + s for s in ("ا",)}
    stem = i[1:] if i[:1] in "يتنا" else i
    for pre in _IMPF_PREFIXES:
        out |= {pre + stem + s for s in _IMPF_SUFFIXES}
        if stem[-1:] in "وي":
            out |= {pre + stem[:-1] + s for s in ("ون", "ان", "وا", "ين")}
    return {f for f in out if len(f) >= 2}


def noun_forms(form: str) -> set[str]:
    k = key(form)
    out = {k, strip_al(k)}
    base = strip_al(k)
    if base.endswith("ه"):
        out.add(base[:-1] + "ات")
        out.add(base[:-1] + "تين")
        out.add(base[:-1] + "تان")
    return out


def candidates(token: str) -> list[str]:
    """Lookup keys for one token: itself, without ال, future س-, or a pronoun suffix."""
    return list(_candidates(token))


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _candidates(token: str) -> tuple[str, ...]:
    k = key(token)
    out = [k]
    if k.startswith("ال") and len(k) > 3:
        out.append(k[2:])
    if k.startswith("س") and len(k) > 3 and k[1] in "يتنا":
        out.append(k[1:])
    ta_marbuta = token.endswith("ة")
    for base in list(out):
        for pro in _PRONOUNS:
            if pro == "ه" and ta_marbuta:
                continue
            if base.endswith(pro) and len(base) - len(pro) >= 2:
                stem = base[: -len(pro)]
                out.append(stem)
                if stem.endswith("ت"):
                    out.append(stem[:-1] + "ه")
    if k.startswith("ل") and len(k) > 4 and k[1] == "ل":  # لل = ل + ال ("للمطالبة")
        out += ["ا" + k[1:], k[2:]]
    if k.endswith("ت") and len(k) > 3:  # "مساعدت" + "ها" split by the tokenizer
        out.append(k[:-1] + "ه")
        out.append(strip_al(k[:-1] + "ه"))
    return tuple(dict.fromkeys(out))


def _choices(spec: str) -> frozenset[str]:
    return frozenset(strip_al(key(w)) for w in spec.split(",") if w)


def _targets(spec: str) -> tuple[str, ...]:
    if spec in ("", "-"):
        return ()
    return tuple(w if w in ("obj", "gen") else key(w) for w in spec.split(","))


# cues.tsv kinds that only add their words to one word set of the Lexicon: kind -> (the
# Lexicon attribute, the form a word is stored in: "key" its normalised key, "base" the key
# without the article, "raw" the word as written). The other kinds are parsed below.
_WORD_SETS: dict[str, tuple[str, str]] = {
    "neg": ("neg", "key"), "neg_aux": ("neg_aux", "key"), "neg_noun": ("neg_noun", "key"),
    "neg_clause": ("neg_clause", "key"), "hyp": ("hyp", "key"),
    "hyp_after": ("hyp_after", "base"), "hyp_next": ("hyp_next", "key"),
    "passive": ("passive", "key"), "head": ("heads", "base"), "svo_gap": ("svo_gap", "key"),
    "nominal_block": ("nominal_block", "key"), "coordinator": ("coordinators", "key"),
    "preposition": ("prepositions", "key"), "pronoun": ("pronouns", "key"),
    "complementizer": ("complementizers", "key"), "report_verb": ("report_verbs", "key"),
    "own_country": ("own_country", "key"), "subjunctive": ("subjunctive", "key"),
    "not_form": ("not_form", "key"), "not_bare": ("not_bare", "key"),
    "control": ("control", "raw"),
    "light_verb": ("light_verbs", "key"), "adverb": ("adverbs", "key"),
    "relative": ("relatives", "key"), "not_target_head": ("not_target_heads", "base"),
    "clause_start": ("clause_start", "key"), "describe_as": ("describe_as", "base"),
    "subject_prefix": ("subject_prefix", "base"),
    "object_pronoun": ("object_pronouns", "key"), "that_pronoun": ("that_pronouns", "base"),
}


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    lex = Lexicon()
    for row in read_table("events/triggers.tsv"):
        kind, forms, typ, mode, target, gen = (row + ["-"] * 6)[:6]
        trig = Trigger(kind, typ, None if mode == "-" else mode, _targets(target),
                       None if gen == "-" else gen, forms)
        if kind == "V":
            past, impf = forms.split("|")
            for f in verb_forms(past, impf):
                lex.words.setdefault(f, []).append(trig)
        elif kind in ("N", "A"):
            for form in forms.split(","):
                for f in noun_forms(form):
                    lex.words.setdefault(f, []).append(trig)
        elif kind == "P":
            parts = forms.split(" ")
            first = parts[0]
            if first.startswith("{"):
                past, impf = first.strip("{}").split("|")
                first_keys = frozenset(verb_forms(past, impf))
                is_verb = True
            else:
                first_keys = frozenset(f for w in first.split(",") for f in noun_forms(w))
                is_verb = False
            lex.phrases.append(Phrase(first_keys, is_verb,
                                      tuple(_choices(p) for p in parts[1:]), trig))
        else:
            raise ValueError(f"events/triggers.tsv: unknown kind {kind!r}")
    lex.phrases.sort(key=lambda p: -len(p.rest))
    for ph in lex.phrases:
        for k in ph.first:
            lex.phrase_index.setdefault(k, []).append(ph)
    hyp_clause: dict[str, str] = {}
    for row in read_table("events/cues.tsv"):
        kind, words, value, extra = (row + ["-"] * 4)[:4]
        keys = [key(w) for w in words.split()]
        if kind in _WORD_SETS:
            attr, form = _WORD_SETS[kind]
            forms = {"key": keys, "base": [strip_al(k) for k in keys],
                     "raw": words.split()}[form]
            setattr(lex, attr, getattr(lex, attr) | frozenset(forms))
        elif kind == "mode":
            for k in keys:
                lex.mode_cues.setdefault(strip_al(k), []).append((extra, value))
        elif kind == "hyp_clause":
            hyp_clause.update({k: value for k in keys})
        elif kind == "agent":
            from rasid.text import tokenize
            lex.agent.append(tuple(strip_al(key(t.text)) for t in tokenize(words)))
        elif kind == "light_verb_forms":
            forms = {f for pair in words.split() for f in verb_forms(*pair.split("|"))}
            lex.light_verbs = lex.light_verbs | frozenset(forms)
        elif kind in ("not_next", "not_prev"):
            other = frozenset(key(w) for w in value.split())
            table = lex.not_next if kind == "not_next" else lex.not_prev
            for k in keys:
                table[strip_al(k)] = table.get(strip_al(k), frozenset()) | other
        else:
            raise ValueError(f"events/cues.tsv: unknown kind {kind!r}")
    lex.hyp_clause = hyp_clause
    lex.subject_prefix = lex.subject_prefix | lex.heads
    lex.clause_start = lex.clause_start | lex.coordinators | lex.svo_gap | lex.prepositions
    return lex


@dataclass(frozen=True)
class Match:
    """A trigger found at tokens [start, end) (inclusive of any phrase gap)."""

    start: int
    end: int
    head: int  # the token that carries the predicate (the verb or noun)
    trigger: Trigger
    is_verb: bool
    contiguous: bool = True



def _never_trigger(lex: Lexicon, word_key: str, word: str) -> bool:
    """A homograph that is no event: always (not_form), or unless its shadda says it is the
    verb (not_bare: "صوت" is a voice, "صوّت" voted)."""
    return word_key in lex.not_form or (word_key in lex.not_bare and "\u0651" not in word)


def match_tokens(words: list[str]) -> list[Match]:
    """All trigger matches in a token sequence (one sentence), longest phrases first,
    overlapping shorter matches dropped."""
    lex = load_lexicon()
    cands = [_candidates(w) for w in words]
    found: list[Match] = []
    taken: set[int] = set()
    never = [_never_trigger(lex, c[0], w) for c, w in zip(cands, words, strict=True)]
    for i, ck in enumerate(cands):
        if never[i]:
            continue
        options = {id(ph): ph for c in ck for ph in lex.phrase_index.get(c, ())}
        for ph in sorted(options.values(), key=lambda p: -len(p.rest)):
            j, ok, last = i + 1, True, i
            for choice in ph.rest:
                hit = None
                for g in range(j, min(j + 4, len(words))):
                    if cands[g][0] in choice or strip_al(cands[g][0]) in choice:
                        hit = g
                        break
                if hit is None:
                    ok = False
                    break
                last, j = hit, hit + 1
            if ok:
                span = set(range(i, last + 1)) if last - i <= 1 else {i, last}
                if span & taken:
                    continue
                found.append(Match(i, last + 1, i, ph.trigger, ph.first_is_verb,
                                   last - i == len(ph.rest)))
                taken |= span
                break
    for i, ck in enumerate(cands):
        if i in taken or never[i]:
            continue
        trigs: list[Trigger] = []
        for c in ck:
            trigs = lex.words.get(c, [])
            if trigs:
                break
        if not trigs:
            continue
        prev = key(words[i - 1]) if i else ""
        nxt = key(words[i + 1]) if i + 1 < len(words) else ""
        if any(nxt in lex.not_next.get(c, ()) or prev in lex.not_prev.get(c, ()) for c in ck):
            continue  # "بحثا عن" (searching), "تحت سيطرة" (a state, not an event)
        verbs = [t for t in trigs if t.kind in ("V", "A")]
        nouns = [t for t in trigs if t.kind == "N"]
        nounish = key(words[i]).startswith("ال") or prev in lex.prepositions
        if verbs and nouns:
            trig, is_verb = (nouns[0], False) if nounish else (verbs[0], True)
        elif verbs:
            if nounish and verbs[0].kind == "V":
                continue  # an ال- form, or a word right after a preposition, is no finite verb
            trig, is_verb = verbs[0], True
        else:
            trig, is_verb = nouns[0], False
        found.append(Match(i, i + 1, i, trig, is_verb))
    found.sort(key=lambda m: m.start)
    return found
