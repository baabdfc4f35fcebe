"""``rasid_link``: entity linking and in-document coreference.

Turns ``doc.ents`` (from ``rasid_ner``; may be empty) into ``record.entities``: one
:class:`rasid.document.Entity` per real-world thing, its mentions merged, ids ``e1``, ``e2``...
in order of first mention. It also finds, on its own, what the knowledge base knows that NER
missed:

- names and aliases of curated KB entities ("نتانياهو", "حلف شمال الأطلسي", "للناتو");
- office titles, resolved to whoever held the office on ``doc._.published``
  ("الرئيس الروسي", "وزير خارجية إيران", "نظيره الإيراني" = Iran's holder of the previous
  person's office); a title directly followed by a name is an apposition, not a mention;
- nationality adjectives that stand for the state ("الجانب الإيراني", "تحذيرات روسية")
  become mentions of the country; elsewhere ("المواطن الإيراني") they do not.

Linking: normalised exact match on names and aliases, then (for NER spans only) fuzzy match
with rapidfuzz; candidates are scored by alias quality, type compatibility with the NER
label, prior, and document context (countries of the entities the document already
mentions). Unknown entities get a stable ``R:`` id from their normalised name and type
(:func:`rasid.kb.nil_id`), so the same unknown person links across articles. A later short
form ("بوتين", "خدايي") joins an earlier full name of the same document.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from rasid.document import Entity, Span
from rasid.kb import KBEntity, KnowledgeBase, nil_id, open_kb
from rasid.kb.keys import clitic_variants, match_key, token_key
from rasid.ner.gazetteer import english_name, is_listed
from rasid.ner.rules import org_heads
from rasid.resources import read_records
from rasid.text import normalize_key

__all__ = ["LinkComponent", "Linker"]

# How well a mention type and a KB type agree.
_COMPATIBLE = {("GPE", "LOC"), ("LOC", "GPE"), ("ORG", "FAC"), ("FAC", "ORG"),
               ("ORG", "GPE"), ("GPE", "ORG"), ("LOC", "FAC"), ("FAC", "LOC")}
_KIND_SCORE = {"name": 1.0, "alias": 0.95, "en": 0.9, "short": 0.8, "weak": 0.75,
               "nisba": 0.5, "fuzzy": 0.0}
_NAME_PARTICLES = {"بن", "ابن", "ابو", "عبد", "ام", "بنت", "ال", "دي", "فون", "دير"}
_FORMER = {"سابق", "سابقه", "اسبق"}
_MAX_TITLE_TOKENS = 4
_LATIN = re.compile(r"[A-Za-z]")


def _type_fit(mention_type: str | None, kb_type: str) -> float:
    if mention_type is None or mention_type == kb_type:
        return 1.0
    if (mention_type, kb_type) in _COMPATIBLE:
        return 0.75
    return 0.25


@dataclass(slots=True)
class _Word:
    text: str
    idx: int
    i: int


@dataclass
class _Mention:
    start: int          # char offsets into doc.text
    end: int
    t0: int             # word-token index range [t0, t1)
    t1: int
    type: str | None    # NER label, or the KB type for own detections
    source: str         # ner | gazetteer | title | nisba
    key: str
    candidates: list[tuple[str, str]] = field(default_factory=list)  # (kb_id, alias kind)
    kb_id: str | None = None
    score: float = 0.0
    title: tuple | None = None  # (roles, of_kb_id, counterpart, former)
    elided: bool = False  # opens with an article whose alef "ل" elided ("للاتحاد")


@dataclass
class _Cluster:
    kb_id: str
    type: str
    mentions: list[_Mention]
    kb: KBEntity | None
    confidence: float


class Linker:
    """The linking logic, separate from spaCy so that it can be tested and reused."""

    def __init__(self, kb: KnowledgeBase, fuzzy_threshold: float = 88.0,
                 detect: bool = True) -> None:
        self.kb = kb
        self.fuzzy_threshold = fuzzy_threshold
        self.detect = detect
        self._gaz = {k: v for k, v in kb.seed_alias_keys().items()
                     if any(kind in ("name", "alias") for _, kind in v)}
        self._nisba = {k: tuple(i for i, kind in v if kind == "nisba")
                       for k, v in kb.seed_alias_keys().items()
                       if any(kind == "nisba" for _, kind in v)}
        self._weak = {k: tuple((i, kind) for i, kind in v if kind in ("weak", "short"))
                      for k, v in kb.seed_alias_keys().items()
                      if any(kind in ("weak", "short") for _, kind in v) and len(k.split()) <= 3}
        self._weak_prefixes = self._prefix_set(self._weak)
        self._prefixes = self._prefix_set(self._gaz)
        self._max_len = max((len(k.split()) for k in self._gaz), default=1)
        self._title_prefixes = self._prefix_set(kb.titles)
        self._fuzzy_keys: list[str] | None = None
        self._fuzzy_sorted: list[str] | None = None
        self._fuzzy_cache: dict[str, list[tuple[str, str]]] = {}
        self._offices = kb.offices()
        self._with_article = kb.seed_keys_with_article()

    @staticmethod
    def _words(doc: Doc, text: str) -> list[_Word]:
        """The non-space tokens, read from arrays (no Token objects: this is the hot path)."""
        from spacy.attrs import IDX, IS_SPACE, LENGTH

        arr = doc.to_array([IDX, LENGTH, IS_SPACE])
        return [_Word(text[idx:idx + length], int(idx), i)
                for i, (idx, length, space) in enumerate(arr.tolist()) if not space]

    @staticmethod
    def _prefix_set(keys) -> set[str]:
        out: set[str] = set()
        for k in keys:
            parts = k.split()
            for n in range(1, len(parts) + 1):
                out.add(" ".join(parts[:n]))
        return out

    # ---------------------------------------------------------------------------- entry point
    def link(self, doc: Doc, published: dt.date | None = None,
             text: str | None = None) -> list[Entity]:
        """Entities of ``doc``; ``text`` is ``doc.text`` when the caller has it at hand
        (spaCy rebuilds ``doc.text`` from the tokens on every access)."""
        text = doc.text if text is None else text
        words = self._words(doc, text)
        keys = [token_key(w.text) for w in words]
        alts = [clitic_variants(w.text, after_lam=i > 0 and words[i - 1].text == "ل")
                for i, w in enumerate(words)]
        index_of = {w.i: n for n, w in enumerate(words)}
        ents = tuple(doc.ents) if (doc.to_array("ENT_IOB") == 3).any() else ()  # 3: B

        taken = [False] * len(words)
        mentions: list[_Mention] = []
        # 1. spans from NER
        restorable = None
        for ent in ents:
            toks = [index_of[i] for i in range(ent.start, ent.end) if i in index_of]
            if not toks:
                continue
            first = keys[toks[0]]
            elided = False
            if toks[0] and words[toks[0] - 1].text == "ل" and first.startswith("ل") \
                    and len(first) > 3:
                restorable = restorable if restorable is not None else set(keys)
                # the bare word is in the article, heads an organisation's name, or the
                # name with its article is one the lists know ("للحرم الشريف")
                if first[1:] in restorable or (ent.label_ == "ORG"
                                               and first[1:] in org_heads()) \
                        or is_listed("ا" + ent.text):
                    first, elided = first[1:], True
            m = _Mention(ent.start_char, ent.end_char, toks[0], toks[-1] + 1, ent.label_,
                         "ner", " ".join([first, *keys[toks[0] + 1:toks[-1] + 1]]),
                         elided=elided)
            mentions.append(m)
            for n in range(m.t0, m.t1):
                taken[n] = True
        # 2. titles ("الرئيس الروسي", "وزير خارجية إيران", "نظيره الإيراني")
        titles = self._find_titles(words, keys, alts, ents)
        # 3. KB names NER missed, 4. nationality adjectives standing for the state
        if self.detect:
            mentions += self._gazetteer(words, keys, alts, taken, titles)
        mentions += self._state_nisbas(words, keys, taken, titles)
        mentions.sort(key=lambda m: (m.start, -m.end))

        self._candidates(mentions, words, text)
        self._disambiguate(mentions)
        clusters = self._cluster([m for m in mentions if m.source != "title"])
        self._resolve_titles(titles, clusters, mentions, published)
        clusters = self._cluster(mentions + [t for t in titles if t.kb_id is not None])
        return self._entities(text, clusters)

    # ---------------------------------------------------------------------------- detection
    def _match_at(self, keys: list[str], alts: list[tuple[str, ...]], i: int,
                  table: dict, prefixes: set[str], max_len: int) -> tuple[int, str] | None:
        """Longest entry of ``table`` starting at word i: (number of words, key)."""
        best = None
        for first in (keys[i], *alts[i]):
            if not first or first not in prefixes:
                continue
            parts = [first]
            if first in table:
                best = max(best or (0, ""), (1, first))
            for j in range(i + 1, min(len(keys), i + max_len)):
                parts.append(keys[j])
                k = " ".join(parts)
                if k not in prefixes:
                    break
                if k in table and (best is None or len(parts) > best[0]):
                    best = (len(parts), k)
        return best

    def _gazetteer(self, words, keys, alts, taken, titles) -> list[_Mention]:
        out = []
        in_title = set()
        for t in titles:
            # the nisba inside a title is not a mention; a construct's country name is
            in_title.update(range(t.t0, t.t1 if t.title[2] is not None else t.t0 + t.title[4]))
        i = 0
        while i < len(words):
            if taken[i] or i in in_title:
                i += 1
                continue
            hit = self._match_at(keys, alts, i, self._gaz, self._prefixes, self._max_len)
            if hit is None or any(taken[j] for j in range(i, i + hit[0])):
                i += 1
                continue
            n, key = hit
            first_key = keys[i]
            after_lam = i > 0 and words[i - 1].text == "ل"
            if (n == 1 and key in self._with_article and not after_lam
                    and not normalize_key(words[i].text).lstrip("وفبكل").startswith("ال")):
                i += 1  # "رياض" (a first name) is not "الرياض"
                continue
            cands = [(kb_id, kind) for kb_id, kind in self._gaz[key] if kind in ("name", "alias")]
            start = words[i].idx
            if first_key != key.split()[0] and not after_lam:
                # matched through a clitic variant: the mention starts after the clitic
                start = self._after_clitic(words[i], key.split()[0])
            end = words[i + n - 1].idx + len(words[i + n - 1].text)
            kb_type = self.kb.get(cands[0][0]).type
            m = _Mention(start, end, i, i + n, kb_type, "gazetteer", key, cands)
            out.append(m)
            for j in range(i, i + n):
                taken[j] = True
            i += n
        # second pass: weak aliases and short forms ("البرهان", "بوريل") of entities the
        # document has already named in full are mentions of them
        named = {m.candidates[0][0] for m in out if len({c for c, _ in m.candidates}) == 1}
        for i in range(len(words)):
            if taken[i] or i in in_title:
                continue
            hit = self._match_at(keys, alts, i, self._weak, self._weak_prefixes, 3)
            if hit is None or any(taken[j] for j in range(i, i + hit[0])):
                continue
            n, key = hit
            cands = [(kb_id, kind) for kb_id, kind in self._weak[key] if kb_id in named]
            if not cands:
                continue
            after_lam = i > 0 and words[i - 1].text == "ل"
            start = words[i].idx
            if keys[i] != key.split()[0] and not after_lam:
                start = self._after_clitic(words[i], key.split()[0])
            end = words[i + n - 1].idx + len(words[i + n - 1].text)
            out.append(_Mention(start, end, i, i + n, self.kb.get(cands[0][0]).type,
                                "gazetteer", key, cands))
            for j in range(i, i + n):
                taken[j] = True
        return out

    @staticmethod
    def _after_clitic(token, first_key: str) -> int:
        """Char offset where the name starts inside a token the tokeniser left whole."""
        text = token.text
        for cut in range(1, min(4, len(text))):
            if token_key(text[cut:]) == first_key or token_key("ال" + text[cut:]) == first_key:
                return token.idx + cut
        return token.idx

    def _state_nisbas(self, words, keys, taken, titles) -> list[_Mention]:
        out = []
        in_title = set()
        for t in titles:
            in_title.update(range(t.t0, t.t1))
        for i in range(1, len(words)):
            if taken[i] or i in in_title or keys[i] not in self._nisba:
                continue
            if keys[i - 1] not in self.kb.state_nouns:
                continue
            ids = self._nisba[keys[i]]
            tok = words[i]
            m = _Mention(tok.idx, tok.idx + len(tok.text), i, i + 1, "GPE", "nisba", keys[i],
                         [(kb_id, "nisba") for kb_id in ids])
            out.append(m)
            taken[i] = True
        return out

    def _find_titles(self, words, keys, alts, ents) -> list[_Mention]:
        out: list[_Mention] = []
        ent_starts = {e.start_char: e for e in ents}
        i = 0
        while i < len(words):
            hit = self._match_at(keys, alts, i, self.kb.titles, self._title_prefixes,
                                 _MAX_TITLE_TOKENS)
            if hit is None:
                i += 1
                continue
            n, tkey = hit
            forms = self.kb.titles[tkey]
            j = i + n
            found = None
            if j < len(words):
                for _role, form in forms:
                    if form in ("nisba", "counterpart"):
                        nis = self._nisba_at(keys, j)
                        if nis:
                            found = (form, nis[0], nis[1])
                            break
                    elif form == "construct":
                        g = self._match_at(keys, alts, j, self._gaz, self._prefixes,
                                           self._max_len)
                        if g:
                            offices = [kb_id for kb_id, kind in self._gaz[g[1]]
                                       if kind in ("name", "alias")
                                       and kb_id in self._offices]
                            if offices:
                                found = ("construct", offices, g[0])
                                break
            if found is None and n >= 3 and any(f == "nisba" for _, f in forms):
                found = ("bare", [], 0)  # "رئيس مجلس السيادة" alone: someone already named
            if found is None:
                i += 1
                continue
            form, of_ids, width = found
            end_i = j + width
            former = end_i < len(words) and keys[end_i] in _FORMER
            roles = tuple(dict.fromkeys(r for r, f in forms
                                        if f == form or (form == "bare" and f == "nisba")))
            # apposition: a name follows the title directly -> the name is the mention
            nxt = end_i + (1 if former else 0)
            apposition = nxt < len(words) and (
                (words[nxt].idx in ent_starts and ent_starts[words[nxt].idx].label_ == "PER")
                or any(kind in ("name", "alias") and self.kb.get(kb_id).type == "PER"
                       for kb_id, kind in self._gaz.get(
                           (self._match_at(keys, alts, nxt, self._gaz, self._prefixes,
                                           self._max_len) or (0, ""))[1], ())))
            start = words[i].idx
            end = words[end_i - 1].idx + len(words[end_i - 1].text)
            m = _Mention(start, end, i, end_i, "PER", "title", tkey)
            counterpart = form == "counterpart"
            m.title = (roles, tuple(of_ids), None if form == "construct" else form,
                       former or apposition, n, counterpart,
                       words[nxt].idx if apposition and not former else None)
            out.append(m)
            i = end_i
        return out

    def _nisba_at(self, keys, j) -> tuple[list[str], int] | None:
        for width in (2, 1):
            if j + width <= len(keys):
                k = " ".join(keys[j:j + width])
                if k in self._nisba:
                    return list(self._nisba[k]), width
        return None

    # ---------------------------------------------------------------------------- linking
    def _candidates(self, mentions: list[_Mention], words, text: str) -> None:
        for m in mentions:
            if m.source != "ner":
                continue
            key = m.key
            cands = list(self.kb.aliases_by_key(key))
            if not cands:
                stripped = self._strip_title(key)
                if stripped and stripped != key:
                    cands = list(self.kb.aliases_by_key(stripped))
                    key = stripped
            if not cands and m.type == "PER":
                for shorter in _lineage_prefixes(key):
                    cands = list(self.kb.aliases_by_key(shorter))
                    if cands:
                        break
            if not cands:
                first, rest = key.split(" ", 1) if " " in key else (key, "")
                for v in clitic_variants(words[m.t0].text):
                    cands = list(self.kb.aliases_by_key(" ".join(p for p in (v, rest) if p)))
                    if cands:
                        break
            if not cands and _LATIN.search(key):  # "Samsung", "Reuters": English labels
                cands = [(e.kb_id, "en") for e in self.kb.lookup(text[m.start:m.end])]
            if (not cands and len(key) >= 4 and not _LATIN.search(key)
                    and self.fuzzy_threshold <= 100):  # above 100: fuzzy matching off
                cands = self._fuzzy(key)
            m.candidates = cands
            m.key = key

    def _strip_title(self, key: str) -> str | None:
        parts = key.split()
        for n in range(min(_MAX_TITLE_TOKENS, len(parts) - 1), 0, -1):
            if " ".join(parts[:n]) in self.kb.titles:
                rest = parts[n:]
                if rest and rest[0] in self._nisba:
                    rest = rest[1:]
                return " ".join(rest) or None
        return None

    def _fuzzy(self, key: str) -> list[tuple[str, str]]:
        hit = self._fuzzy_cache.get(key)
        if hit is None:
            hit = self._fuzzy_cache[key] = self._fuzzy_uncached(key)
            if len(self._fuzzy_cache) > 50000:
                self._fuzzy_cache.clear()
        return list(hit)

    def _fuzzy_uncached(self, key: str) -> list[tuple[str, str]]:
        from rapidfuzz import fuzz, process

        if self._fuzzy_keys is None:
            self._fuzzy_keys = [k for k, v in self.kb.seed_alias_keys().items()
                                if any(kind != "nisba" for _, kind in v) and len(k) >= 4]
            # token_sort_ratio(a, b) is ratio(sorted tokens of a, sorted tokens of b): the
            # keys' sorted forms are made once, not at every comparison (twice as fast). Only
            # for single-spaced keys, where splitting on whitespace is unambiguous.
            self._fuzzy_sorted = None
            if all(" ".join(k.split()) == k for k in self._fuzzy_keys):
                self._fuzzy_sorted = [" ".join(sorted(k.split())) for k in self._fuzzy_keys]
        if self._fuzzy_sorted is not None and " ".join(key.split()) == key:
            hits = process.extract(" ".join(sorted(key.split())), self._fuzzy_sorted,
                                   scorer=fuzz.ratio, score_cutoff=self.fuzzy_threshold, limit=3)
        else:
            hits = process.extract(key, self._fuzzy_keys, scorer=fuzz.token_sort_ratio,
                                   score_cutoff=self.fuzzy_threshold, limit=3)
        out = []
        for _, score, index in hits:
            k = self._fuzzy_keys[index]
            for kb_id, kind in self.kb.seed_alias_keys()[k]:
                if kind != "nisba":
                    out.append((kb_id, f"fuzzy:{score:.0f}"))
        return out

    def _score(self, m: _Mention, kb_id: str, kind: str, context: set[str],
               in_doc: set[str]) -> float:
        ent = self.kb.get(kb_id)
        if ent is None:
            return 0.0
        if kind.startswith("fuzzy:"):
            base = 0.85 * float(kind.split(":")[1]) / 100
        else:
            base = _KIND_SCORE.get(kind, 0.7)
        if ent.kind == "club":
            # a club named after its city ("~روما", AS Roma): only a body NER found is the
            # club ("ويفوز يوفنتوس على ميلان", rasid.ner.org_rules.city_clubs), and for it the
            # club outranks the city, which is only a compatible type
            if m.type != "ORG":
                return 0.0
            base = max(base, _KIND_SCORE["name"])
        s = base * _type_fit(m.type if m.source == "ner" else None, ent.type)
        s += 0.1 * ent.prior
        if ent.country and ent.country in context:
            s += 0.1
        if kb_id in in_doc:
            s += 0.1
        return s

    def _disambiguate(self, mentions: list[_Mention]) -> None:
        context: set[str] = set()
        in_doc: set[str] = set()
        # first pass: unambiguous mentions fix the document's context
        for m in mentions:
            ids = {kb_id for kb_id, _ in m.candidates}
            if len(ids) == 1:
                kb_id = next(iter(ids))
                ent = self.kb.get(kb_id)
                if ent is not None:
                    in_doc.add(kb_id)
                    if ent.country:
                        context.add(ent.country)
        for m in mentions:
            best, best_s = None, 0.0
            for kb_id, kind in m.candidates:
                s = self._score(m, kb_id, kind, context, in_doc)
                if s > best_s:
                    best, best_s = kb_id, s
            if best is not None and best_s >= 0.5:
                m.kb_id, m.score = best, min(1.0, best_s)
                in_doc.add(best)
            elif m.source == "ner":
                m.kb_id, m.score = None, 0.0
        # a nationality adjective NER tagged outside a state context is not a GPE mention
        for m in mentions:
            if m.source == "ner" and m.kb_id and all(k == "nisba" for _, k in m.candidates):
                m.kb_id = "drop"

    # ---------------------------------------------------------------------------- clusters
    def _cluster(self, mentions: list[_Mention]) -> list[_Cluster]:
        clusters: list[_Cluster] = []
        by_id: dict[str, _Cluster] = {}
        nil_by_key: dict[str, _Cluster] = {}
        # _earlier_person scans every earlier mention; a list of names repeats a few keys
        # thousands of times, so memoise its answer per key until a longer name arrives
        # (only mentions of two or more words can change the answer, and a repeat of one
        # already seen joins the cluster it joined before: a list repeating a two-word
        # name made every mention rescan the whole document).
        memo: dict[str, tuple[int, _Cluster | None]] = {}
        generation = 0
        seen_long: set[str] = set()

        def earlier_person(m: _Mention) -> _Cluster | None:
            hit = memo.get(m.key)
            if hit is not None and hit[0] == generation:
                return hit[1]
            found = self._earlier_person(m, clusters)
            memo[m.key] = (generation, found)
            return found

        for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
            if m.kb_id == "drop":
                continue
            if m.key not in seen_long and len(m.key.split()) >= 2:
                seen_long.add(m.key)
                generation += 1
            kb_id = m.kb_id
            if m.type == "PER" and len(m.key.split()) == 1 and m.source != "title":
                # in-document coreference first: "شريف" after "رمضان شريف" is that person,
                # whatever other Sharif the KB knows
                target = earlier_person(m)
                if target is not None and target.kb_id != kb_id:
                    target.mentions.append(m)
                    continue
            if kb_id is None:
                # in-document coreference: a short form joins an earlier person's name
                target = earlier_person(m) if m.type == "PER" else None
                if target is not None:
                    target.mentions.append(m)
                    continue
                if m.key in nil_by_key:  # same unknown name, other NER label: one entity
                    nil_by_key[m.key].mentions.append(m)
                    continue
                kb_id = nil_id(self._surface(m), m.type or "MISC")
            elif m.type == "PER" and self.kb.get(kb_id) and self.kb.get(kb_id).type != "PER":
                target = earlier_person(m)
                if target is not None:
                    target.mentions.append(m)
                    continue
            cl = by_id.get(kb_id)
            if cl is None:
                kbe = self.kb.get(kb_id)
                cl = _Cluster(kb_id, kbe.type if kbe else (m.type or "MISC"), [], kbe,
                              m.score if kbe else 0.5)
                by_id[kb_id] = cl
                clusters.append(cl)
                if kbe is None:
                    nil_by_key[m.key] = cl
            cl.mentions.append(m)
            cl.confidence = max(cl.confidence, m.score if cl.kb else 0.5)
        return clusters

    def _surface(self, m: _Mention) -> str:
        return m.key

    def _earlier_person(self, m: _Mention, clusters: list[_Cluster]) -> _Cluster | None:
        parts = m.key.split()
        if not parts or len(parts) > 2:
            return None
        for cl in reversed(clusters):
            if cl.type != "PER":
                continue
            for other in cl.mentions:
                if other.start >= m.start or other.source == "title":
                    continue
                oparts = other.key.split()
                if len(oparts) <= len(parts):
                    continue
                if oparts[-len(parts):] == parts or (
                        len(parts) == 1 and parts[0] in oparts
                        and parts[0] not in _NAME_PARTICLES):
                    return cl
        return None

    # ---------------------------------------------------------------------------- titles
    def _resolve_titles(self, titles, clusters, mentions, published) -> None:
        in_doc = {cl.kb_id for cl in clusters}
        events = sorted(mentions + titles, key=lambda m: m.start)
        by_start = {m.start: m for m in mentions}
        for t in titles:
            roles, of_ids, form, skip, _n, counterpart, name_at = t.title
            if name_at is not None:
                self._link_apposition(by_start.get(name_at), roles, of_ids, published)
            if skip:
                continue
            if form == "bare":
                named = [p for p in in_doc if any(r.role in roles
                                                  for r in self.kb.roles_of(p, published))]
                if len(named) == 1:
                    t.kb_id, t.score = named[0], 0.7
                continue
            if counterpart:
                roles = self._previous_roles(t, events, published)
                if not roles:
                    continue
            holders: list[str] = []
            for of in of_ids:
                for role in roles:
                    holders += self.kb.holders(role, of, published)
            holders = list(dict.fromkeys(holders))
            if published is None or len(holders) > 1:
                named = [h for h in holders if h in in_doc]
                holders = named if named or published is None else holders
            if len(holders) == 1:
                t.kb_id, t.score = holders[0], 0.9 if published else 0.8
                in_doc.add(holders[0])

    def _link_apposition(self, name: _Mention | None, roles, of_ids, published) -> None:
        """"وزير الخارجية الإيراني حسين أمير عبداللهيان": a person name the KB did not
        match, after a title whose holder shares a word of it, is that holder."""
        if name is None or name.kb_id is not None or name.type not in ("PER", None):
            return
        holders = list(dict.fromkeys(h for of in of_ids for role in roles
                                     for h in self.kb.holders(role, of, published)))
        if len(holders) != 1:
            return
        words = set(name.key.split()) - _NAME_PARTICLES
        alias_words = {w for a, kind, lang in self.kb.aliases_of(holders[0])
                       if lang == "ar" and kind != "nisba" for w in match_key(a).split()}
        if words & alias_words:
            name.kb_id, name.score = holders[0], 0.8

    def _previous_roles(self, t, events, published) -> tuple[str, ...]:
        for m in reversed([e for e in events if e.start < t.start]):
            if m.source == "title" and m.title and not m.title[5]:
                return m.title[0]  # "وزير الخارجية الياباني ... نظيره الصيني"
            if m.kb_id is None or m.kb_id == "drop":
                continue
            ent = self.kb.get(m.kb_id)
            if ent is None or ent.type != "PER":
                continue
            if m.source == "title" and m.title:
                return m.title[0]
            roles = tuple(r.role for r in self.kb.roles_of(m.kb_id, published))
            if roles:
                return roles
        return ()

    def _composed_english(self, name: str, etype: str) -> str | None:
        """An English name made of a head and a place the KB knows (kb/english_patterns.tsv:
        "منتخب مصر" → "Egypt national team", "المنتخب السعودي" by the nisba, "شمال سوريا" →
        "northern Syria") or a name NER's lists know ("نادي ليفربول" → "Liverpool FC"), or
        None."""
        words = name.split()
        for n in (2, 1):  # the longest head first: "شمال شرق" before "شمال"
            pattern = _english_patterns().get(normalize_key(" ".join(words[:n])))
            if pattern is None or len(words) <= n or etype not in pattern[0]:
                continue
            types, follows, template = pattern
            rest = " ".join(words[n:])
            if follows == "listed":  # "نادي ليفربول": the club NER's lists know
                listed = english_name(rest, etype)
                return template.format(listed) if listed else None
            if follows == "country":
                found = [e for e in self.kb.lookup(rest, ("GPE",), include_nisba=True)
                         if e.kind == "country"]
            else:
                found = self.kb.lookup(rest, ("GPE", "LOC"))
            names = {e.name_en for e in found if e.name_en}
            return template.format(names.pop()) if len(names) == 1 else None
        return self._qualified_english(words, etype)

    def _qualified_english(self, words: list[str], etype: str) -> str | None:
        """A body the KB or NER's lists know, then a nationality adjective: its English name
        with the country in parentheses, as the actor entities write theirs ("وزارة
        الخارجية السعودية" → "Ministry of Foreign Affairs (Saudi Arabia)", "مجلس الوزراء
        السعودي" → "Council of Ministers (Saudi Arabia)"), or None."""
        if etype != "ORG" or len(words) < 2 or not words[-1].startswith("ال"):
            return None
        countries = {e.name_en for e in self.kb.lookup(words[-1], ("GPE",), include_nisba=True)
                     if e.kind == "country" and e.name_en}
        if len(countries) != 1:
            return None  # after a body's name "السعودية" is the adjective, not the country
        head = " ".join(words[:-1])
        known = {e.name_en for e in self.kb.lookup(head, (etype,)) if e.name_en}
        head_en = known.pop() if len(known) == 1 else english_name(head, etype)
        return f"{head_en} ({countries.pop()})" if head_en else None

    # ---------------------------------------------------------------------------- output
    def _entities(self, text: str, clusters: list[_Cluster]) -> list[Entity]:
        out = []
        clusters = sorted(clusters, key=lambda c: min(m.start for m in c.mentions))
        for n, cl in enumerate(clusters, start=1):
            spans = sorted({(m.start, m.end) for m in cl.mentions})
            mentions = [Span(s, e, text[s:e]) for s, e in spans]
            if cl.kb is not None:
                name = cl.kb.name_ar or mentions[0].text
                name_en = cl.kb.name_en
                etype = cl.kb.type
            else:
                name = _nil_name(text, cl.mentions)
                etype = cl.type
                # no KB entry, but NER's lists know it, or its parts ("منتخب مصر")
                name_en = english_name(name, etype) or self._composed_english(name, etype)
            out.append(Entity(id=f"e{n}", type=etype, name=name, mentions=mentions,
                              name_en=name_en, kb_id=cl.kb_id,
                              confidence=round(min(1.0, max(0.0, cl.confidence)), 3)))
        return out


@lru_cache(maxsize=1)
def _english_patterns() -> dict[str, tuple[frozenset[str], str, str]]:
    """kb/english_patterns.tsv: normalised head → (types, what follows, English template)."""
    return {normalize_key(r["head"]): (frozenset(r["types"].split("|")), r["follows"],
                                       r["template"])
            for r in read_records("kb/english_patterns.tsv")}


def _nil_name(text: str, mentions: list[_Mention]) -> str:
    """The name of an entity the KB does not know: its longest mention, with the article's
    alef back where the preposition "ل" elided it ("للاتحاد العام" → "الاتحاد العام")."""
    best = max(mentions, key=lambda m: (len(text[m.start:m.end].split()), m.end - m.start
                                        + m.elided))
    return ("ا" if best.elided else "") + text[best.start:best.end]


@Language.factory("rasid_link", default_config={"fuzzy_threshold": 88.0, "detect": True})
class LinkComponent:
    """Fills ``record.entities`` from ``doc.ents`` plus the KB's own detections."""

    def __init__(self, nlp: Language, name: str, fuzzy_threshold: float,
                 detect: bool) -> None:
        self.name = name
        self.fuzzy_threshold = fuzzy_threshold
        self.detect = detect
        self._linker: Linker | None = None

    @property
    def linker(self) -> Linker:
        if self._linker is None:
            self._linker = Linker(open_kb(), self.fuzzy_threshold, self.detect)
        return self._linker

    def __call__(self, doc: Doc) -> Doc:
        record = doc._.record
        entities = self.linker.link(doc, doc._.published,
                                    record.text if record is not None else None)
        if record is not None:
            record.entities = entities
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)


def _lineage_prefixes(key: str) -> list[str]:
    """Shorter forms of a person's lineage name, longest first: without the family's "آل"
    + name, then without each further "بن"/"بنت" + father, down to "X بن Y" ("سلمان بن
    عبدالعزيز آل سعود" → "سلمان بن عبدالعزيز"; "محمد بن سلمان بن عبدالعزيز" → "محمد بن
    سلمان"). The knowledge base lists people by their short lineage; a plain family name is
    never dropped, since "عبدالله بن عبدالعزيز الربيعة" is not King Abdullah."""
    parts = key.split()
    out = []
    if len(parts) >= 5 and parts[-2] == "ال":
        parts = parts[:-2]
        out.append(" ".join(parts))
    while True:
        cut = max((i for i in range(2, len(parts) - 1) if parts[i] in ("بن", "بنت")),
                  default=None)
        if cut is None:
            return out
        parts = parts[:cut]
        out.append(" ".join(parts))


def link_key(text: str) -> str:
    """The match key the linker uses for ``text`` (exposed for tools and tests)."""
    return match_key(text)
