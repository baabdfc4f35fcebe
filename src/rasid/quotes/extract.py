"""Rule-based quote attribution for Arabic news: who said what, to whom, according to whom.

One left-to-right pass over the words of the text. Each reporting verb (قال، أكد، وأضاف،
مضيفا...) opens a *frame*: the words after it are read as the speaker (VSO), an addressee
("للتلفزيون الروسي"), parentheticals, source markers ("وفق ما نقلت وكالات الأنباء") and
circumstantials, until an introducer is met: a quotation mark (direct quote), a
complementizer ("إن"، "أن"، "بأن"، "إلى أن": indirect quote, the clause after it), or a
preposition right before a mark ("أشار إلى «…»"). When no subject follows the verb the
speaker is the noun phrase before it (SVO), the phrase before a relative ("الذي قال"), or the
current speaker (a continuation: وأضاف، مضيفا، وتابع). A quotation mark with no reporting
verb before it is a title or a scare quote, not speech, unless a verb follows it
("«…»، قال الوزير").

Speaker and source phrases are resolved to record entities by overlap with their mentions;
when no entity covers the phrase, ``speaker`` stays ``None`` but ``speaker_mention`` keeps the
phrase. Every window is bounded, so the pass is linear in the length of the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rasid.document import Entity, Quote, Span
from rasid.quotes.lexicon import Lexicon, VerbInfo, lexicon, word_key
from rasid.quotes.marks import MarkSpan, find_marks
from rasid.text import segment_word, split_sentences

__all__ = ["extract_quotes"]

_TOKEN = re.compile(r"\d+(?:[.,٫]\d+)+|[\w\u0610-\u061A\u064B-\u065F\u0670\u0640]+"
                    r"|[^\s\w\u0610-\u061A\u064B-\u065F\u0670]")
_DASHES = {"-", "–", "—"}
_COMMAS = {"،", ",", "؛", ";"}
_SENT_END = {".", "!", "?", "؟"}
_CLAUSE_END = {"؛", ";"}
# words that start a new clause: a frame never reaches past them
# "وقالت آبل، عندما علمت أن …، إنها …": a temporal clause inside a frame is skipped
_SUBORDINATORS = {"عندما", "حينما", "بعدما", "كلما", "لدى"}
_CLAUSE_WORDS = {"لكن", "ولكن", "لكنه", "لكنها", "بينما", "فيما", "حيث", "اذ", "ثم", "غير"}

FRAME_WORDS = 24        # words allowed between a verb and its introducer (parentheses not counted)
SPEAKER_WORDS = 8       # longest speaker / source / addressee phrase
PAREN_WORDS = 24        # longest parenthetical skipped inside a frame
FRONTED_WORDS = 14      # longest fronted phrase before "، قال" (tokens, quotation marks included)
CLAUSE_WORDS = 150      # longest indirect clause
MIN_DIRECT_WORDS = 2    # a one-word marked "quote" is a term ("جحيم"), not speech
SHORT_MARKED = 3        # a marked phrase this short inside a clause is a term, not a quote
TERM_AFTER_WORDS = 5    # ... and this short when other words precede it ("تهمة «…»")
CONTINUATION_SENTENCES = 6  # how far back "وأضاف" may find the current speaker
_ENTITY_RANK = {"PER": 0, "ORG": 1, "GPE": 2, "MISC": 3, "FAC": 4, "LOC": 5, "WEAPON": 6}


@dataclass
class _Tok:
    start: int
    end: int
    text: str
    key: str
    word: bool
    sent: int


@dataclass
class _Speaker:
    entity: str | None
    mention: Span | None


class _Extractor:
    def __init__(self, text: str, sentences: Sequence[tuple[int, int]],
                 entities: Sequence[Entity]) -> None:
        self.text = text
        self.lex: Lexicon = lexicon()
        self.toks = self._tokenize(text, sentences)
        self.marks = find_marks(text)
        self.open_at: dict[int, MarkSpan] = {m.open: m for m in self.marks}
        self.close_at: dict[int, MarkSpan] = {m.close: m for m in self.marks}
        self.tok_at: dict[int, int] = {t.start: i for i, t in enumerate(self.toks)}
        self.used_marks: set[int] = set()
        self._index_entities(entities)
        self.quotes: list[Quote] = []
        self._roles_cache: dict[str, set[str]] = {}
        self.pending_subject: tuple[int, tuple[int, int]] | None = None
        self.current: _Speaker | None = None
        self.current_sent = -1

    # ------------------------------------------------------------------ setup
    @staticmethod
    def _tokenize(text: str, sentences: Sequence[tuple[int, int]]) -> list[_Tok]:
        toks: list[_Tok] = []
        bounds = sorted(sentences)
        si = 0
        for m in _TOKEN.finditer(text):
            s, e = m.span()
            while si + 1 < len(bounds) and s >= bounds[si + 1][0]:
                si += 1
            w = m.group()
            word = w[0].isalnum() or w[0] == "_"
            toks.append(_Tok(s, e, w, word_key(w) if word else w, word, si))
        return toks

    def _index_entities(self, entities: Sequence[Entity]) -> None:
        spans = []
        for ent in entities:
            for m in ent.mentions:
                spans.append((m.start, m.end, ent.id, ent.type))
        spans.sort()
        self.ment = spans
        self.ment_starts = [s[0] for s in spans]
        self.max_ment = max((e - s for s, e, _, _ in spans), default=0)
        self.types = {e.id: e.type for e in entities}

    def entity_for(self, start: int, end: int) -> str | None:
        """The record entity whose mention best covers ``start:end`` (PER before ORG before GPE)."""
        lo = bisect.bisect_left(self.ment_starts, start - self.max_ment)
        hi = bisect.bisect_left(self.ment_starts, end)
        best = None
        for s, e, eid, etype in self.ment[lo:hi]:
            ov = min(e, end) - max(s, start)
            if ov <= 0:
                continue
            rank = (_ENTITY_RANK.get(etype, 9), -ov, -s)
            if best is None or rank < best[0]:
                best = (rank, eid)
        return best[1] if best else None

    # ------------------------------------------------------------------ helpers
    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def match(self, cls: str, i: int) -> int:
        """Number of tokens of the longest ``cls`` phrase starting at token i (0: none).

        A phrase word "ل" matches the ل prefix of the next word (وفقا لوكالة)."""
        if i >= len(self.toks) or not self.toks[i].word:
            return 0
        key = self.toks[i].key
        cands = self.lex.candidates(cls, key)
        if not cands and len(key) > 2 and key[0] in "وف":
            cands = self.lex.candidates(cls, key[1:])
        for phrase in cands:
            n = len(phrase)
            ok = True
            for k in range(1, n):
                j = i + k
                if j >= len(self.toks) or not self.toks[j].word:
                    ok = False
                    break
                want, got = phrase[k], self.toks[j].key
                if want == "ل" and k == n - 1:
                    if not (got.startswith("ل") and len(got) > 2):
                        ok = False
                    break
                if got != want:
                    ok = False
                    break
            if ok:
                if phrase[-1] == "ل":
                    return n - 1  # the ل is the next word's prefix
                return n
        return 0

    def is_cls(self, cls: str, i: int) -> bool:
        return 0 <= i < len(self.toks) and self.toks[i].word and \
            self.lex.is_word(cls, self.toks[i].key)

    def verb_at(self, i: int) -> tuple[VerbInfo, int] | None:
        t = self.toks[i]
        if not t.word:
            return None
        return self.lex.verb(t.key)

    def skip_paren(self, i: int) -> int:
        """If token i opens a parenthetical (-…- or (…)), the index after it; else i."""
        t = self.toks[i]
        if t.text in _DASHES or t.text == "(":
            closer = set(_DASHES) if t.text in _DASHES else {")"}
            for j in range(i + 1, min(len(self.toks), i + PAREN_WORDS + 1)):
                if self.toks[j].sent != t.sent:
                    return i
                if self.toks[j].text in closer:
                    return j + 1
        return i

    def phrase(self, i: int, stop_at_comma: bool = True) -> tuple[int, int]:
        """A noun phrase from token i: (first token, end token) up to a boundary word."""
        j = i
        words = 0
        while j < len(self.toks) and words < SPEAKER_WORDS:
            t = self.toks[j]
            if not t.word or t.sent != self.toks[i].sent:
                break
            if j > i and (self.is_cls("stop", j) or self.match("comp", j) or self.is_cls("said", j)
                          or self.verb_at(j) or self.match("source", j)):
                break
            if j > i and self._is_addressee_start(j, in_phrase=True):
                break
            j += 1
            words += 1
        return i, j

    def _is_addressee_start(self, j: int, in_phrase: bool = False) -> bool:
        """Whether token j opens "ل + noun phrase" (للتلفزيون، لوكالة، له). Inside a noun
        phrase "لل…" is usually a genitive ("المتحدث باسم الهيئة للقوات"), so only an outlet
        noun or a pronoun ends the phrase there."""
        key = self.toks[j].key
        if key in ("له", "لها", "لهم", "لنا") or self._is_tatweel_li(j):
            return True
        if key.startswith("لل") and len(key) > 3:
            return not in_phrase or self.is_outlet_key(key[2:]) or \
                self.is_outlet_key(key[1:])
        return key.startswith("ل") and self.is_outlet_key(key[1:])

    def _is_tatweel_li(self, j: int) -> bool:
        """Token j is "لـ" (li written with a tatweel, "to"): "وقال لـ"العربية.نت"."""
        return self.toks[j].key == "ل" and self.toks[j].text != "ل"

    def _tatweel_addressee(self, j: int) -> tuple[Span | None, int]:
        """At "لـ" (token j): the addressee after it and the token index past it. A short
        quoted name is taken whole with its marks (لـ"العربية.نت"), else a noun phrase."""
        k = j + 1
        if k >= len(self.toks):
            return None, k
        mark = self.open_at.get(self.toks[k].start)
        if mark is not None and self.words_in(mark) <= SPEAKER_WORDS and \
                mark.close in self.tok_at:
            a, b = mark.content
            return self.span(a, b), self.tok_at[mark.close] + 1
        a, b = self.phrase(k)
        return self.char_span_of(a, b), max(b, k)

    def is_outlet_at(self, k: int) -> bool:
        """Whether the phrase at token k is headed by an outlet noun (وكالة، الإذاعة، هيئة البث)."""
        if self.match("outlet", k):
            return True
        key = _bare_key(self.toks[k])
        if key.startswith("ال") and len(key) > 4:
            key = key[2:]
        return self.is_outlet_key(key)

    def is_outlet_key(self, key: str) -> bool:
        return self.lex.is_word("outlet", key) or bool(self.lex.candidates("outlet", key))

    def char_span_of(self, i: int, j: int, strip_prefix: bool = False) -> Span | None:
        if j <= i:
            return None
        s = self.toks[i].start + (1 if strip_prefix else 0)
        return self.span(s, self.toks[j - 1].end)

    def source_phrase(self, i: int) -> tuple[Span | None, int]:
        """At a source marker at token i: the source phrase and the index after it."""
        n = self.match("source", i)
        if not n:
            return None, i
        j = i + n
        prefix = False
        # "وفقا ل" ends in a prefix: the phrase starts inside the next word
        last = self.lex.candidates("source", self.toks[i].key) or \
            self.lex.candidates("source", self.toks[i].key[1:])
        if any(p[-1] == "ل" and len(p) == n + 1 for p in last):
            prefix = True
        # "وفق ما نقلت عنه وكالات": skip the verb and its pronoun object
        if j < len(self.toks) and self.toks[j].word and self.verb_at(j):
            j += 1
            if j < len(self.toks) and self.toks[j].key in ("عنه", "عنها", "عنهم"):
                j += 1
        a, b = self.phrase(j)
        return self.char_span_of(a, b, strip_prefix=prefix), b

    # ------------------------------------------------------------------ main pass
    def headline(self) -> int:
        """A first line "المتحدث: كلام" (a headline attribution): an indirect quote."""
        toks = self.toks
        first_line_end = self.text.find("\n")
        if first_line_end < 0:
            return 0
        for j, t in enumerate(toks[:8]):
            if t.start >= first_line_end:
                return 0
            if t.text == ":":
                if j == 0 or j > 5 or not all(x.word for x in toks[:j]):
                    return 0
                if any(self.verb_at(x) for x in range(j)):
                    return 0
                k = j + 1
                end = k
                while end < len(toks) and toks[end].end <= first_line_end:
                    end += 1
                if end - k < 2:
                    return 0
                s, e = toks[k].start, toks[end - 1].end
                speaker = self._speaker_from_span(self.char_span_of(0, j), (0, j))
                self.quotes.append(Quote(id="", kind="indirect", start=s, end=e,
                                         text=self.text[s:e], speaker=speaker.entity,
                                         speaker_mention=speaker.mention, verb=None,
                                         confidence=0.6))
                return end
        return 0

    def run(self) -> list[Quote]:
        i = self.headline()
        n = len(self.toks)
        while i < n:
            found = self.verb_at(i)
            if found is None:
                if self.toks[i].word and self.match("source", i) and self._clause_start(i):
                    nxt = self.attributed_clause(i)
                    if nxt > i:
                        i = nxt
                        continue
                i += 1
                continue
            info, _ = found
            if info.lemma in ("جاء", "ورد") and not (i + 1 < n and self.toks[i + 1].key == "في"):
                i += 1  # only "جاء في البيان", "ورد في بيان للرئاسة" report speech
                continue
            if info.aspect == "imperfect" and info.lemma == "رأى" and i > 0 and self._is_aux(i - 1):
                i += 1  # "كان يرى أن": a belief, not a statement
                continue
            if i > 0 and self.toks[i - 1].word and self.lex.is_word("neg", self.toks[i - 1].key):
                i += 1  # "لم يذكر البيان …": a statement not made
                continue
            if i > 0 and self.toks[i - 1].word and self._is_prep_word(i - 1):
                i += 1  # "ومن أبرز الحالات": after a preposition this is a noun
                continue
            if info.form == "أبرز" and i + 1 < n and (
                    self.toks[i + 1].key.endswith(("ه", "ها", "هم")) or
                    self.toks[i + 1].key in ("ما", "من")):
                i += 1  # "وأبرز دواوينه": the superlative, not "highlighted"
                continue
            if info.form in ("وصف", "وصفت") and i + 1 < n and self.toks[i + 1].key in ("ب", "بـ"):
                i += 1  # "خطوة وصفت بـ الحكيمة": described as, not speech
                continue
            nxt = self.frame(i, info)
            i = max(i + 1, nxt)
        self.colon_quotes()
        self.quotes.sort(key=lambda q: q.start)
        for k, q in enumerate(self.quotes, 1):
            q.id = f"q{k}"
        return self.quotes

    def colon_quotes(self) -> None:
        """"اليوسفي للأموي: «لن نفترق…»": an unclaimed marked quote after a colon, with a
        short phrase before the colon (no verb), is the phrase's words; a ل-word is the
        addressee."""
        toks = self.toks
        for mark in self.marks:
            if mark.open in self.used_marks or self.words_in(mark) < MIN_DIRECT_WORDS:
                continue
            k = self.tok_at.get(mark.open)
            if k is None or k < 2 or toks[k - 1].text != ":":
                continue
            b = k - 1
            a = b
            while a > 0 and toks[a - 1].word and toks[a - 1].sent == toks[k].sent and b - a < 6:
                a -= 1
            if a == b or (a > 0 and toks[a - 1].word and toks[a - 1].sent == toks[k].sent):
                continue  # too long, or not at a clause start: not a "speaker:" label
            if any(self.verb_at(x) for x in range(a, b)):
                continue  # a verb frame would have claimed it
            end = a + 1
            while end < b and b - a < 3 and not self.is_cls("stop", end) and \
                    not self._is_addressee_start(end, in_phrase=True) and \
                    not toks[end].key.startswith("ل") and end - a < 3:
                end += 1
            addressee = None
            for x in range(a + 1, b):
                if toks[x].key.startswith("ل") and len(toks[x].key) > 2:
                    addressee = self.char_span_of(x, x + 1, strip_prefix=True)
                    break
            sp = self._speaker_from_span(self._np_span(a, end), (a, end))
            s, e = mark.content
            while s < e and self.text[s].isspace():
                s += 1
            while e > s and self.text[e - 1].isspace():
                e -= 1
            self.used_marks.add(mark.open)
            self.quotes.append(Quote(
                id="", kind="direct", start=s, end=e, text=self.text[s:e], speaker=sp.entity,
                speaker_mention=sp.mention, verb=None, addressee=(
                    (self.entity_for(addressee.start, addressee.end)
                     or _restore_article(self.text, addressee))
                    if addressee else None), confidence=0.6))

    def _clause_start(self, i: int) -> bool:
        return i == 0 or self.toks[i - 1].sent != self.toks[i].sent or \
            self.toks[i - 1].text in _COMMAS or self.toks[i - 1].text in _SENT_END

    def attributed_clause(self, i: int) -> int:
        """"ووفقا لما ذكرته صحيفة «ديلي ميل»، فإن …", "وبحسب الوزير، فإن …": the clause after
        فإن is reported speech of the phrase after the marker (an outlet is speaker and
        source). Returns the index after the quote, or i when the shape does not match."""
        toks = self.toks
        n = self.match("source", i)
        j = i + n
        if j < len(toks) and toks[j].key in ("ما", "لما"):
            j += 1
        if j < len(toks) and toks[j].word and (self.verb_at(j) or toks[j].key.endswith("ته")):
            j += 1  # the relative verb: ذكرته، أفادت، نقلت
        src, _ = self.source_phrase(i)
        for k in range(j, min(len(toks), j + 12)):
            if toks[k].sent != toks[i].sent:
                return i
            if toks[k].text in _COMMAS and k + 1 < len(toks) and \
                    toks[k + 1].key in ("فان", "فانه", "فانها", "فانهم"):
                a = j
                while a < k and not toks[a].word:
                    a += 1
                phrase = (a, k)
                while phrase[1] > phrase[0] and not toks[phrase[1] - 1].word:
                    phrase = (phrase[0], phrase[1] - 1)
                if phrase[1] <= phrase[0]:
                    return i
                sp = self._np_span(*phrase)
                info = VerbInfo(toks[i].text, "حسب", "perfect", False)
                return self.emit_indirect(i, info, k + 2, phrase, None, sp, None)
        return i

    def frame(self, i: int, info: VerbInfo) -> int:
        """Read the frame of the reporting verb at token i; emit a quote if one is licensed."""
        toks = self.toks
        sent = toks[i].sent
        j = i + 1
        words = 0
        subj: tuple[int, int] | None = None
        addressee: Span | None = None
        source: Span | None = None
        relay_speaker: tuple[int, int] | None = None  # نقلت X عن Y قوله
        in_np = True
        extra = 0  # words read that are neither subject, addressee nor parenthetical
        if info.lemma in ("جاء", "ورد"):
            a, b = self.phrase(i + 2)  # "وجاء في البيان": the document is the speaker;
            # "جاء في خطابه": its owner, the current speaker
            owned = b - a == 1 and toks[a].key.endswith(("ه", "ها", "هم"))
            subj = (a, b) if b > a and not owned else None
            j = b
            in_np = False
        last = j - 1
        while j < len(toks) and words <= FRAME_WORDS:
            if j <= last:
                j = last + 1  # every step moves forward: the pass stays linear
                if j >= len(toks):
                    break
            last = j
            t = toks[j]
            if t.sent != sent:
                break
            if t.start in self.open_at:
                mark = self.open_at[t.start]
                short = self.words_in(mark) <= TERM_AFTER_WORDS and not self._is_clause(mark)
                if self._is_term_in_phrase(mark, j) or (extra and short) or (
                        subj is not None and subj[1] == j and not extra and short
                        and (self._word_after(mark) or subj[1] - subj[0] == 1
                             and self.words_in(mark) <= SHORT_MARKED)):
                    j = self.tok_at.get(mark.close, j) + 1
                    in_np = False
                    continue
                return self.emit_direct(i, info, mark, subj, addressee, source, relay_speaker)
            if t.text == ":":
                if j + 1 < len(toks) and toks[j + 1].start in self.open_at:
                    return self.emit_direct(i, info, self.open_at[toks[j + 1].start], subj,
                                            addressee, source, relay_speaker)
                if j + 1 < len(toks) and toks[j + 1].word and toks[j + 1].sent == sent:
                    # "وأضاف: بما أن …": speech after a colon, without marks
                    return self.emit_indirect(i, info, j + 1, subj, addressee, source,
                                              relay_speaker)
                break
            if t.text in _SENT_END or t.text in _CLAUSE_END or (
                    t.word and j > i + 1 and t.key in _CLAUSE_WORDS):
                break
            if t.text in _COMMAS and j + 1 < len(toks) and toks[j + 1].key in ("وهو", "وهي"):
                break  # "…، وهو إعلان يتوقع مراقبون أن …": the writer's aside
            c = self.match("comp", j)
            if c and j - 1 > i and self.is_cls("notcomp", j - 1) and toks[j].key in ("ان",):
                c = 0  # "بعد أن", "قبل أن": not reported speech
            if c:
                k = j + c
                if k < len(toks) and toks[k].start in self.open_at:
                    mark = self.open_at[toks[k].start]
                    if self._direct_after_comp(mark):
                        return self.emit_direct(i, info, mark, subj, addressee, source,
                                                relay_speaker)
                return self.emit_indirect(i, info, k, subj, addressee, source, relay_speaker)
            if self.is_cls("prep", j) and j + 1 < len(toks) and toks[j + 1].start in self.open_at:
                mark = self.open_at[toks[j + 1].start]
                if not self._is_term_in_phrase(mark, j + 1):
                    return self.emit_direct(i, info, mark, subj, addressee, source, relay_speaker)
            if t.word and t.key in _SUBORDINATORS:
                comma = next((c for c in range(j + 1, min(len(toks), j + PAREN_WORDS))
                              if toks[c].text in _COMMAS or toks[c].sent != sent
                              or toks[c].text in _SENT_END), None)
                if comma is not None and toks[comma].text in _COMMAS:
                    j = comma + 1  # skip the temporal clause up to its comma
                    in_np = False
                    continue
            skipped = self.skip_paren(j)
            if skipped != j:
                for k in range(j + 1, skipped):
                    if self.match("source", k):
                        source = self.source_phrase(k)[0] or source
                        break
                j = skipped
                in_np = False
                continue
            if self.match("source", j):
                src, j2 = self.source_phrase(j)
                source = src or source
                j = max(j2, j + 1)
                in_np = False
                continue
            if t.word and self.verb_at(j) and not self.is_cls("said", j):
                if subj is not None and subj[1] == j and self.verb_at(j)[0].aspect == "participle":
                    self.pending_subject = (j, subj)  # "وزاد اليزمي مؤكدا أن": its subject
                break  # another verb: this one introduced nothing
            if t.word and in_np and subj is None and self.is_cls("skip", j):
                j += 1
                continue
            if t.word and addressee is None and (in_np or subj is not None) and \
                    self._is_tatweel_li(j):
                # "لـ" + name: the name follows as its own token(s), often quoted
                addressee, j = self._tatweel_addressee(j)
                words += 1
                in_np = False
                continue
            if t.word and addressee is None and (in_np or subj is not None) and \
                    self._is_addressee_start(j) and toks[j].key not in ("له", "لها", "لهم"):
                a, b = self.phrase(j)
                pref = not toks[j].key.startswith("له") and toks[j].key not in ("لها", "لهم",
                                                                                 "لنا")
                addressee = self.char_span_of(a, b, strip_prefix=pref) if pref else \
                    self.char_span_of(a, b)
                j = b
                words += b - a
                in_np = False
                continue
            if t.word and in_np and subj is None and (
                    t.key in _CLAUSE_WORDS or t.key in _SUBORDINATORS or
                    (_ba_prefixed(t.text) and j + 1 < len(toks) and not toks[j + 1].word)):
                in_np = False  # "وقال فيما نشر صورة: «…»", "وتابع بحزن «…»"
                j += 1
                continue
            if t.word and in_np and subj is None and self._is_reflexive(j):
                in_np = False
                j += 1
                continue
            if t.word and in_np and subj is None and not self.is_cls("stop", j) \
                    and info.aspect != "participle":
                a, b = self.phrase(j)
                subj = (a, b)
                j = b
                words += b - a
                in_np = False
                continue
            if t.word and info.lemma == "نقل" and t.key == "عن" and relay_speaker is None:
                a, b = self.phrase(j + 1)
                if b > a:
                    relay_speaker = (a, b)
                    j = b
                    continue
            if t.word:
                words += 1
                extra += 1
            in_np = False
            j += 1
        # no introducer after the verb: a marked quote just before it ("«…»، قال الوزير")
        k = i - 1
        while k >= 0 and toks[k].text in _COMMAS | _DASHES:
            k -= 1
        if k >= 0 and k < i - 0 and toks[k].start in self.close_at and \
                info.aspect != "participle":
            mark = self.close_at[toks[k].start]
            if mark.open not in self.used_marks:
                self.emit_direct(i, info, mark, subj, addressee, source, relay_speaker,
                                 backward=True)
        return i + 1

    def _is_term_in_phrase(self, mark: MarkSpan, j: int) -> bool:
        """A short marked phrase followed, in the same sentence, by a complementizer is a
        name or term inside the frame ("قال حزب «الأمة» إن"), not the quote."""
        if self.words_in(mark) > SHORT_MARKED or self._is_clause(mark):
            return False
        k = self.tok_at.get(mark.close)
        if k is None:
            return False
        sent = self.toks[j].sent
        for m in range(k + 1, min(len(self.toks), k + 10)):
            if self.toks[m].sent != sent:
                return False
            if self.match("comp", m) or self.toks[m].start in self.open_at:
                return True
        return False

    def _is_clause(self, mark: MarkSpan) -> bool:
        """Marked words that read as a sentence (inner punctuation, or ending in . ? !), not
        as a name or a term."""
        content = self.text[mark.open + 1:mark.close].strip().rstrip("،, ")
        return any(c in content for c in "،,؛:") or content[-1:] in ".?!؟…"

    def _word_after(self, mark: MarkSpan) -> bool:
        """Whether a word (not punctuation) follows the closing mark: «…» then more text."""
        k = self.tok_at.get(mark.close)
        return k is not None and k + 1 < len(self.toks) and self.toks[k + 1].word and \
            self.toks[k + 1].sent == self.toks[k].sent

    def words_in(self, mark: MarkSpan) -> int:
        return len(self.text[mark.open + 1:mark.close].split())

    def _direct_after_comp(self, mark: MarkSpan) -> bool:
        """`قال إن "…"`: direct when the marked words are the whole clause (or most of it)."""
        if self.words_in(mark) > SHORT_MARKED:
            return True
        k = self.tok_at.get(mark.close)
        if k is None:
            return False
        sent = self.toks[k].sent
        rest = 0
        for m in range(k + 1, len(self.toks)):
            t = self.toks[m]
            if t.sent != sent or t.text in _SENT_END or t.text in _COMMAS:
                break
            rest += t.word
            if rest > 2:
                return False
        return True

    # ------------------------------------------------------------------ speakers
    def resolve_speaker(self, i: int, info: VerbInfo, subj: tuple[int, int] | None,
                        relay_speaker: tuple[int, int] | None,
                        source: Span | None) -> tuple[_Speaker, Span | None, float]:
        """Speaker, source and a confidence for the verb at token i."""
        toks = self.toks
        if info.aspect == "passive":
            return _Speaker(None, None), source, 0.6
        if relay_speaker is not None:
            # نقلت وكالة X عن Y قوله: Y speaks, X relays
            if subj is not None:
                source = self.char_span_of(*subj)
            sp = self.char_span_of(*relay_speaker)
            return self._speaker_from_span(sp, relay_speaker), source, 0.85
        if subj is None and self.pending_subject is not None and self.pending_subject[0] == i:
            subj = self.pending_subject[1]
        if subj is not None and info.lemma == "وصف" and toks[subj[0]].key.startswith("ال") and \
                self.entity_for(toks[subj[0]].start, toks[subj[1] - 1].end) is None:
            subj = None  # "ووصف الخطوة بأنها خطأ": the phrase is what was described
        if subj is not None and not self.is_cls("pronoun", subj[0]):
            sp = self.char_span_of(*subj)
            if sp is not None and self.entity_for(sp.start, sp.end) is None:
                apposed = self._apposed_person(subj[1])
                if apposed is not None:
                    subj, sp = apposed, self.char_span_of(*apposed)
            if sp is not None:
                if self.is_outlet_at(subj[0]):
                    source = source or sp  # an outlet speaking is speaker and source
                # "وأضاف الوزير": a bare role after a continuation verb is the current speaker
                return self._speaker_from_span(sp, subj, info.continuation), source, 0.9
        if not info.continuation:
            prev = i - 1
            if prev >= 0 and toks[prev].sent == toks[i].sent and toks[prev].word:
                _, pref = self.verb_at(i) or (None, 0)
                if _bare_key(toks[prev]) in ("قد", "لقد") and prev - 1 >= 0 and toks[prev - 1].word:
                    prev -= 1  # "… النقض قد اعتبرت", "للفنان طلال مداح فقد أكد"
                rel_key = _bare_key(toks[prev])
                if self.is_cls("relative", prev) or self.lex.is_word("relative", rel_key):
                    r = prev
                    if r - 1 >= 0 and toks[r - 1].text == ")":
                        while r - 1 >= 0 and toks[r - 1].text != "(" and prev - r < PAREN_WORDS:
                            r -= 1  # "مختبر «سيتزن لاب» (Citizen Lab) والذين قالوا"
                        r -= 1
                    if r - 1 >= 0 and toks[r - 1].text in _COMMAS | _DASHES:
                        r -= 1  # "غيتس، الذي قال", "أغراوال -الذي صرح"
                    a, b = self._phrase_before(r)
                    sp = self._np_span(a, b) if b > a else None
                    topic = 0 < b - a <= 2 and self.current is not None and all(
                        toks[x].key.startswith("ال") or toks[x].key in ("هو", "هي")
                        for x in range(a, b)) and self.entity_for(sp.start, sp.end) is None
                    if sp is not None and not topic:
                        # "… سيرغيه غايداي الذي قال إن" names the speaker; "المسيرة التي قالت
                        # إنها", "القضاء، الذي شدد على أنه" name the topic: the current speaker
                        return self._speaker_from_span(sp, (a, b)), source, 0.85
                elif not pref and not self.is_cls("stop", prev) and not self.match("comp", prev) \
                        and not self.lex.is_word("notsubject", rel_key) \
                        and not self._is_aux(prev) and not (
                            i + 1 < len(toks) and toks[i + 1].key in ("فيه", "فيها")):
                    a, b = self._phrase_before(prev + 1)
                    if b > a:
                        return self._speaker_from_span(self._np_span(a, b), (a, b)), \
                            source, 0.75
            # "وكانت الوزارة أعلنت أن": subject between an auxiliary and the verb
            k = i - 1
            while k >= 0 and i - k <= SPEAKER_WORDS and toks[k].word and toks[k].sent == toks[i].sent:
                if self._is_aux(k):
                    e = i - 1 if toks[i - 1].key == "قد" else i
                    if e - k > 1:
                        return self._speaker_from_span(self.char_span_of(k + 1, e), (k + 1, e)), \
                            source, 0.8
                    break
                k -= 1
        # a pronoun subject in a sentence the current speaker has not spoken in: the subject
        # of that sentence's main verb ("ورحبت ممثلة عن …، معربة عن أملها بأن «…»",
        # "ووصف المغزاوي … وقال إنه")
        if self.current is None or self.current_sent != toks[i].sent:
            subj2 = self._sentence_subject(i)
            if subj2 is not None:
                return self._speaker_from_span(self._np_span(*subj2), subj2), source, 0.7
        # continuation: the current speaker
        if self.current is not None and toks[i].sent - self.current_sent <= CONTINUATION_SENTENCES:
            return self.current, source, 0.75
        return _Speaker(None, None), source, 0.5

    def _apposed_person(self, j: int) -> tuple[int, int] | None:
        """Tokens of a person's name set off by commas (or dashes) at token j, right after a
        subject: "وقال وزير الخارجية السعودي، عادل الجبير، إن" — the role names no entity,
        the apposed name does, so it is the speaker. The name must end at a comma, a dash or
        the complementiser, so a list ("قال الوزير، محمد وعلي …") is never taken."""
        toks = self.toks
        if j + 1 >= len(toks) or toks[j].text not in _COMMAS | _DASHES:
            return None
        start = toks[j + 1].start
        k = bisect.bisect_left(self.ment_starts, start)
        end = None
        while k < len(self.ment) and self.ment[k][0] == start:
            if self.ment[k][3] == "PER":
                end = self.ment[k][1]
                break
            k += 1
        if end is None:
            return None
        e = j + 1
        while e < len(toks) and toks[e].end <= end:
            e += 1
        if e < len(toks) and toks[e].sent == toks[j].sent and (
                toks[e].text in _COMMAS | _DASHES or self.match("comp", e)):
            return (j + 1, e)
        return None

    def _sentence_subject(self, i: int) -> tuple[int, int] | None:
        """The phrase after the first verb of token i's sentence (VSO main clause), if any."""
        toks = self.toks
        sent = toks[i].sent
        k = i
        while k > 0 and toks[k - 1].sent == sent:
            k -= 1
        # skip a fronted phrase ending in a comma ("من جهتهما، أعرب …", "وفي بيان، قال …")
        first = toks[k].key[1:] if toks[k].key[:1] in "وف" else toks[k].key
        fronted = False
        if self.is_cls("stop", k) or self.match("pronoun", k) or self.lex.is_word("stop", first):
            # a fronted phrase may hold a quoted title: "وعن دوره في مسلسل "عطر الروح"
            # تحديداً، قال إن" (its quotation marks are tokens too)
            for c in range(k, min(i, k + FRONTED_WORDS)):
                if toks[c].text in _COMMAS:
                    k = c + 1
                    fronted = True
                    break
        if k >= i or not toks[k].word or self.is_cls("stop", k) or self.match("source", k):
            return None
        if toks[k].key in ("كما", "ثم", "لكن", "ولكن", "بينما", "فيما") and k + 1 < i:
            k += 1
        if toks[k].key in ("هذا", "هذه", "ذلك", "تلك", "هو", "هي", "وهو", "وهي"):
            return None  # "هذا بالرغم من أنه …": no verb-first main clause
        if toks[k].key in ("قد", "وقد", "لقد", "فقد") and k + 1 < i:
            k += 1
        if self.is_cls("neg", k) and k + 1 <= i:
            k += 1  # "كما لم ينكر أن": the negated verb is the main verb, not its subject
        if self.verb_at(k) and self.current is not None and not fronted:
            # "كما أكد دعم التحقيق، وأعلن أنه …": a reporting verb that introduced nothing
            # here has an object, not a subject, after it; the current speaker stands
            # (but "من جهتهما، أعرب المحاميان …" names a new one)
            return None
        k += 1  # past the main verb (or the auxiliary كان)
        if k < i and toks[k].key in ("هذا", "ذلك", "هذه"):
            return None  # "جاء هذا قبيل …": the subject is the previous event
        if k < i and self._is_reflexive(k):
            return None
        if k >= i or not toks[k].word or self.is_cls("stop", k) or self.verb_at(k):
            return None
        if self.match("comp", k) or self.toks[k].start in self.open_at:
            return None
        a, b = self.phrase(k)
        return (a, b) if b > a and b <= i else None

    def _phrase_before(self, i: int) -> tuple[int, int]:
        """The noun phrase ending just before token i (for SVO and relatives)."""
        toks = self.toks
        k = i - 1
        while k >= 0 and i - k <= 6:
            t = toks[k]
            if not t.word or t.sent != toks[i].sent or self.is_cls("stop", k) or \
                    self.match("comp", k) or self.verb_at(k) or self._is_aux(k) or \
                    t.key in ("لكن", "لكنه", "كما", "ثم", "بينما", "حين", "عندما", "اذ", "بل",
                              "فيما", "حيث"):
                break
            if self.match("source", k):
                break
            if _conj_prefixed(t.text):
                return k, i  # "… وبايدن يؤكد": the phrase starts after the conjunction
            k -= 1
        return k + 1, i

    def _np_span(self, a: int, b: int) -> Span | None:
        """A phrase's span, without a و/ل prefix on its first word (للحاكم → لحاكم...)."""
        if b <= a:
            return None
        word = self.toks[a].text
        strip = (word[:2] == "لل" and len(word) > 3) or _conj_prefixed(word)
        return self.char_span_of(a, b, strip_prefix=strip)

    def _is_prep_word(self, k: int) -> bool:
        key = self.toks[k].key
        if _conj_prefixed(self.toks[k].text) or key in ("ومن", "وفي", "وعن", "وعلى", "والى"):
            key = key[1:]
        return key in ("من", "في", "عن", "علي", "الي", "ب", "ل", "منذ", "حول")

    def _is_reflexive(self, k: int) -> bool:
        """"نفسه", "أنفسهم" after a verb: its reflexive object ("ويعتبر نفسه من …"), never
        its subject; the subject is unsaid (the current speaker)."""
        return self.toks[k].key.startswith(("نفس", "انفس"))

    def _is_aux(self, k: int) -> bool:
        key = self.toks[k].key
        return self.lex.is_word("aux", key) or (key[:1] in "وف" and self.lex.is_word("aux", key[1:]))

    def _role_words(self, eid: str) -> set[str]:
        """Words of the titles written before the entity's mentions ("وزيرة الخارجية … بيربوك")
        and of the speaker phrases that named it so far."""
        words = self._roles_cache.get(eid)
        if words is None:
            words = set()
            starts = [t.start for t in self.toks]
            for ms, _, mid, _ in self.ment:
                if mid != eid:
                    continue
                k = bisect.bisect_left(starts, ms)
                for t in self.toks[max(0, k - 4):k]:
                    if t.word:
                        words.add(_bare_key(t))
            self._roles_cache[eid] = words
        for q in self.quotes:
            if q.speaker == eid and q.speaker_mention is not None:
                words.update(word_key(q.speaker_mention.text).split())
        return words

    def _speaker_from_span(self, sp: Span | None, toks: tuple[int, int],
                           continuation: bool = False) -> _Speaker:
        if sp is None:
            return _Speaker(None, None)
        ent = self.entity_for(sp.start, sp.end)
        if ent is None and self.current is not None and self.current.entity is not None:
            # a bare role ("وأضاف الوزير", "المسؤول الروسي") refers back to the current speaker
            a, b = toks
            first = self.toks[a].key
            if first[:1] in "وف" and not self.lex.is_word("role", first):
                first = first[1:]
            if b - a <= 3 and self.lex.is_word("role", first) and \
                    self.types.get(self.current.entity) == "PER":
                # after وأضاف/وتابع, or when the current speaker was introduced by that role
                # ("وزير الدفاع … شويغو" … "وقال الوزير")
                stem = first[2:] if first.startswith("ال") else first
                if continuation or stem in self._role_words(self.current.entity):
                    ent = self.current.entity
        return _Speaker(ent, sp)

    # ------------------------------------------------------------------ emit
    def _source_after(self, j: int) -> Span | None:
        """A source marker right after a quote ("…"، وفقا لوكالة سبوتنيك)."""
        while j < len(self.toks) and self.toks[j].text in _COMMAS | _DASHES:
            j += 1
        if j < len(self.toks) and self.match("source", j):
            return self.source_phrase(j)[0]
        return None

    def emit_direct(self, i: int, info: VerbInfo, mark: MarkSpan, subj, addressee, source,
                    relay_speaker, backward: bool = False) -> int:
        if mark.open in self.used_marks:
            return i + 1
        if self.words_in(mark) < MIN_DIRECT_WORDS:
            return i + 1 if backward else self.tok_at.get(mark.close, i) + 1
        self.used_marks.add(mark.open)
        s, e = mark.content
        while s < e and self.text[s].isspace():
            s += 1
        while e > s and self.text[e - 1].isspace():
            e -= 1
        close_tok = self.tok_at.get(mark.close, i + 1)
        if not backward:
            source = source or self._source_after(close_tok + 1)
        speaker, source, conf = self.resolve_speaker(i, info, subj, relay_speaker, source)
        self._add("direct", s, e, i, info, speaker, addressee, source, conf)
        if backward:
            return i + 1  # resume after the verb
        # "… أن «…» وأن «…»": the same speaker goes on in a second marked quote
        nxt = close_tok + 1
        k = nxt
        if k < len(self.toks) and self.toks[k].word and self.toks[k].key in ("و", "وان", "وانه",
                                                                             "وانها", "وبان"):
            k += 1
        elif k + 1 < len(self.toks) and (self.toks[k].word or self.toks[k].text in _COMMAS) \
                and self.toks[k + 1].start in self.open_at and \
                self.toks[k].sent == self.toks[close_tok].sent:
            k += 1  # "«…» بالنووي «…»", "«…»، «…»": one word or comma between marked parts
        if k > nxt and k < len(self.toks) and self.toks[k].start in self.open_at:
            mark2 = self.open_at[self.toks[k].start]
            if self.words_in(mark2) >= MIN_DIRECT_WORDS and mark2.open not in self.used_marks:
                return self.emit_direct(i, info, mark2, subj, addressee, source, relay_speaker)
        return nxt

    def emit_indirect(self, i: int, info: VerbInfo, k: int, subj, addressee, source,
                      relay_speaker) -> int:
        toks = self.toks
        if k >= len(toks):
            return k
        sent = toks[k].sent
        end = k
        m = k
        stop_source: Span | None = None
        # "أغراوال -الذي صرح … بأن …- يبدو": the quote ends with the parenthetical
        in_dash = any(toks[x].text in _DASHES for x in range(max(0, i - 2), i))
        while m < len(toks) and m - k < CLAUSE_WORDS:
            t = toks[m]
            if t.start in self.open_at:
                close = self.tok_at.get(self.open_at[t.start].close)
                if close is not None and close > m:
                    self.used_marks.add(t.start)
                    end = close
                    m = close + 1
                    continue
            if t.sent != sent or t.text in _SENT_END or t.text in _CLAUSE_END:
                break
            if in_dash and t.text in _DASHES:
                break
            if t.text in _COMMAS | _DASHES or t.text == "(":
                n = m + 1
                if t.text in _DASHES and n < len(toks) and self.match("source", n):
                    c = self.skip_paren(m)
                    if c != m and c < len(toks) and toks[c].word and toks[c].sent == sent:
                        m = c  # "… من المتوقع -وفق الأسعار الجديدة- انخفاض …": goes on
                        continue
                tail = self.match("tail", n) if n < len(toks) else 0
                if tail:
                    after = n + tail
                    if after < len(toks) and toks[after].text in _COMMAS and \
                            after + 1 < len(toks) and toks[after + 1].word and \
                            toks[after + 1].sent == sent:
                        m = after + 1  # "…، فيتمثل، وفق قوله، في إعداد …": the quote goes on
                        continue
                    break
                if n < len(toks) and self.match("source", n):
                    stop_source = self.source_phrase(n)[0]
                    break
                if n < len(toks) and self.match("gloss", n):
                    break  # "، في إشارة إلى …": the writer's gloss, not the speaker's
                if n < len(toks) and toks[n].word:
                    v = self.verb_at(n)
                    if v and (v[0].aspect == "participle" or v[1]):
                        break
            elif t.word and m > k:
                v = self.verb_at(m)
                if v and v[0].aspect == "participle" and toks[m].key not in ("بالقول",):
                    break  # "… داعيا المواطنين إلى الهدوء", "… قائلا «…»": a new frame
                if v and v[0].aspect != "participle" and self._has_introducer(m, marks=False):
                    # "… وأكد أن …", "…، في وقت أكد فيه X أن …": a new reported clause;
                    # "أن إسرائيل أعلنت أنها …" (no comma, no و) is speech inside the quote
                    cut = None
                    for c in range(m - 1, max(k, m - 5), -1):
                        if toks[c].text in _COMMAS:
                            cut = c
                            break
                    if cut is None and v[1]:
                        cut = m
                    if cut is not None:
                        end = max((x for x in range(k, cut) if toks[x].word), default=k)
                        break
            if t.word or t.text in ("%",):
                end = m
            m += 1
        s = toks[k].start
        e = toks[end].end
        if toks[end].start in self.close_at:
            e = toks[end].end
        while e > s and (self.text[e - 1] in "،,؛;:-–— " or self.text[e - 1].isspace()):
            e -= 1
        if e <= s:
            return k
        speaker, source, conf = self.resolve_speaker(i, info, subj, relay_speaker,
                                                     source or stop_source)
        self._add("indirect", s, e, i, info, speaker, addressee, source, conf)
        return end + 1

    def _has_introducer(self, m: int, marks: bool = True) -> bool:
        """Whether the verb at token m has a complementizer (or a mark) within a short window."""
        for j in range(m + 1, min(len(self.toks), m + 10)):
            if self.toks[j].sent != self.toks[m].sent:
                return False
            if self.match("comp", j):
                return True
            if marks and (self.toks[j].start in self.open_at or self.toks[j].text == ":"):
                return True
        return False

    def _add(self, kind: str, s: int, e: int, i: int, info: VerbInfo, speaker: _Speaker,
             addressee: Span | None, source: Span | None, conf: float) -> None:
        verb_tok = self.toks[i]
        _, pref = self.verb_at(i) or (None, 0)
        verb = verb_tok.text[pref:] if info.lemma != "حسب" else None  # "وفقا لـ…، فإن": no verb
        src_id = self.entity_for(source.start, source.end) if source else None
        if src_id is not None and src_id == speaker.entity:
            src_id = speaker.entity  # the outlet speaks itself: speaker and source
        addr = None
        if addressee is not None:
            addr = self.entity_for(addressee.start, addressee.end) or _restore_article(
                self.text, addressee)
        if speaker.mention is None:
            conf = min(conf, 0.5)
        elif speaker.entity is None:
            conf = min(conf, 0.7)
        self.quotes.append(Quote(
            id="", kind=kind, start=s, end=e, text=self.text[s:e],  # type: ignore[arg-type]
            speaker=speaker.entity, speaker_mention=speaker.mention, verb=verb,
            source=src_id, addressee=addr, confidence=round(conf, 2)))
        if speaker.mention is not None:
            self.current = speaker
            self.current_sent = verb_tok.sent


def _restore_article(text: str, span: Span) -> str:
    """The addressee phrase as a name: "للتلفزيون الروسي" is ل + "التلفزيون الروسي"."""
    if span.start > 0 and text[span.start - 1:span.start + 1] == "لل":
        return "ا" + span.text
    return span.text


def _ba_prefixed(word: str) -> bool:
    """Whether ``word`` is ب + noun (an adverbial "بحزن"), by the clitic segmenter."""
    if word[:1] != "ب" or len(word) < 3:
        return False
    seg = segment_word(word)
    return len(seg) > 1 and seg[0] == (0, 1)


def _conj_prefixed(word: str) -> bool:
    """Whether ``word`` starts with the conjunction و/ف as a clitic (وبايدن, not وزير)."""
    if word[:1] not in "وف" or len(word) < 3:
        return False
    return len(segment_word(word)) > 1 and segment_word(word)[0] == (0, 1)


def _bare_key(tok: _Tok) -> str:
    """The token's key without a conjunction و/ف written onto it ("ولهذا" -> "لهذا")."""
    return tok.key[1:] if _conj_prefixed(tok.text) else tok.key


def extract_quotes(text: str, sentences: Sequence[tuple[int, int]] | None = None,
                   entities: Sequence[Entity] = ()) -> list[Quote]:
    """All quotes of ``text`` in reading order, with ids ``q1``, ``q2``...

    ``sentences`` are (start, end) pairs (default: :func:`rasid.text.split_sentences`);
    ``entities`` are the record's entities, used to resolve speakers and sources to ids.
    """
    if not text:
        return []
    if sentences is None:
        sentences = split_sentences(text)
    if not sentences:
        sentences = [(0, len(text))]
    return _Extractor(text, sentences, entities).run()
