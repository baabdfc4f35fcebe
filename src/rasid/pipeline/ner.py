"""``rasid_ner``: named entities (PER ORG GPE LOC FAC WEAPON MISC) as ``doc.ents``.

Two sources, merged:

1. a statistical spaCy NER (CNN tok2vec + transition parser) trained by
   ``make train-ner`` (training/ner/) on ANERcorp + AQMAR over rasid's clitic-aware tokens,
   shipped in ``rasid/resources/models/ner/model`` (see its MODEL_CARD.md), joined by a
   second model, a CRF (:mod:`rasid.ner.crf`, ``models/ner/crf``), whose confident spans
   are added where the CNN found nothing, and a third, a BiLSTM-CRF (:mod:`rasid.ner.lstm`,
   ``models/ner/lstm``), whose confident spans are added where neither found anything.
   Their LOC/GPE labels are refined by
   :func:`rasid.ner.geo.geo_label`;
2. the gazetteer ruler (:mod:`rasid.ner.gazetteer`) for WEAPON, FAC and high-value names
   (agencies, outlets, leaders) from data files in ``rasid/resources/ner/``.

Entity spans are token spans, and rasid's tokens split clitics off, so "لموسكو" yields the
entity "موسكو" and no span ever starts or ends inside a word's stem. The linker
(``rasid_link``) turns ``doc.ents`` into ``record.entities``.
"""

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import partial

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Span

from rasid.ner.acronyms import is_letter_name
from rasid.ner.ages import aged_persons
from rasid.ner.blas import single_threaded_blas
from rasid.ner.calendar_words import is_month_name, is_number_words
from rasid.ner.crf import SURELY_OUTSIDE, CrfTagger, confident
from rasid.ner.embed_cache import CachedTok2Vec
from rasid.ner.enumerations import enumerated_persons
from rasid.ner.features import TokenFeatures, packaged_classes, token_norm
from rasid.ner.filters import (
    accusative_nisba,
    adjective_homographs,
    common_place_noun,
    definite_adjective,
    drop_months,
    in_idiom,
    inside_latin_word,
    is_gloss,
    is_nisba_plural,
    manner_nouns,
)
from rasid.ner.gazetteer import find, known_people, name_key, pattern_key, patterns
from rasid.ner.geo import geo_label, is_place_head
from rasid.ner.label_agreement import OPENING_QUOTES, agree_labels, type_cues
from rasid.ner.latin_names import latin_model_spans, latin_spans, without_glosses
from rasid.ner.layout import (
    PROCLITIC_TOKENS,
    Layout,
    doc_keys,
    free_word,
    is_attached_proclitic,
    is_punct,
    layout_of,
    starts_arabic,
    untatweel,
)
from rasid.ner.lexicon import (
    COMPOUND_FIRST_SHARE,
    LEADING_PREPOSITIONS,
    NAME_LINKS,
    NAME_PART_SHARE,
    NEVER_PERSON_MIN,
    NEVER_PERSON_SHARE,
    NOUN_SEEN,
    RARE_WORD,
    SECOND_PARTS,
    ends_name_at,
    entity_share,
    facility_words,
    homograph_table,
    is_sports,
    is_title,
    name_enders,
    non_entity,
    person_share,
    word_list,
    written_non_entity,
)
from rasid.ner.lstm import LstmTagger, lstm_additions
from rasid.ner.merge import merge_spans, split_for_gazetteer, without_overlaps
from rasid.ner.model_files import load_model
from rasid.ner.name_particles import double_particle_names, over_particle, particle_at
from rasid.ner.named_as import named_persons
from rasid.ner.org_rules import (
    apply_acronyms,
    apply_eponyms,
    apply_org_rule,
    car_models,
    city_clubs,
    clubs_by_country,
    company_names,
    coordinated_bodies,
    fixture_teams,
    so_called_orgs,
    sporting_clubs,
    word_clubs,
)
from rasid.ner.place_rules import (
    cued_places,
    eponym_cities,
    facilities_of_places,
    feature_places,
    headed_places,
    named_places,
    without_state_noun,
)
from rasid.ner.propagate import propagate_names
from rasid.ner.ranked_players import ranked_players
from rasid.ner.rules import nisba_key, org_heads, stop_words
from rasid.ner.span_repair import (
    IMPERFECT_PREFIXES,
    LINEAGE,
    NO_INNER_CLITIC,
    POETRY_HEADS,
    act_of_country,
    after_family,
    after_name_opener,
    bare_head,
    before_god_formula,
    before_lineage,
    before_name_second_part,
    before_pronoun,
    before_score,
    complete_place,
    conjoined_people,
    country_list,
    leading_place,
    lineage_tail,
    missing_complement,
    opened_name,
    org_end,
    over_joined_kunya,
    past_name_link,
    person_list,
    possessed_head,
    trailing_country,
    unknown_place,
    without_leading_nisba,
)
from rasid.ner.speakers import speaker_names
from rasid.ner.storms import named_storms
from rasid.ner.written_names import (
    hashtag_labels,
    hyphenated_names,
    quoted_bodies,
    quoted_newspapers,
    quoted_outlets,
    quoted_works,
    regnal_numbers,
    whole_f_names,
    whole_hashtags,
    whole_l_names,
)
from rasid.pipeline.base import HOT_WORDS, keep_lexemes
from rasid.text import normalize_key, strip_marks, word_frequencies

__all__ = ["NerComponent", "LABELS"]


LABELS = ("PER", "ORG", "GPE", "LOC", "FAC", "WEAPON", "MISC")
# an indefinite accusative noun after a name (_without_accusative_nouns): seen this often
# alone, with its stem this often after the article, in raw news (wordfreq.tsv.gz)
_ACCUSATIVE_SEEN = 15
# definite words of titles.txt that do not open a name the model missed: "the former",
# "the general" (also "the team": "الفريق احترف"), "the referee" (also "the rule")
_NOT_OPENING = frozenset(("السابق", "السابقه", "الفريق", "الحكم", "العام"))
# how many times raw news must write a word, inside persons three times in ten, for it to
# be a word of a name its context announces ("كيث بالمر (48 عاما)", "يدعى ...")
_ANNOUNCED_NAME_SEEN = 5
_LISTED_NAME_SHARE = 0.1  # a name-list word inside persons less often than this is a word
# endings of a noun with a pronoun or in the indefinite accusative (_inflected_noun): the
# feminine "ة" of the stem is written "ت" before a pronoun ("شقيقته")
_NOUN_ENDINGS = ("تها", "تهم", "ته", "ها", "هم", "هما", "كم", "نا", "ه", "ا")
# the pronoun endings of those, as written (ه, never the ة of "حليمة"): a last word with one
# ends no person's name ("أحمد عصيد" + "استغرابه", his surprise), unless it ends in "يه"
# ("عادل فقيه", "وجيه"); the accusative "ا" is _without_accusative_nouns's
_PRONOUN_ENDINGS = ("ها", "هم", "هما", "ه")
# the CRF's probability of "O" for a word the CNN put around a CRF person or place above
# which the word may be cut off the name (:meth:`NerComponent._names_cut_to_crf`)
TRIM_OUTSIDE = 0.9
# a word raw news writes at least this often, and after "و" at least this share of those
# times, is a verb that opens a clause, never a given name (:meth:`_opens_clause`)
OPENS_CLAUSE_SEEN = 10
OPENS_CLAUSE_SHARE = 0.25
# ... unless raw news writes it inside persons at least this share of the time ("جودي",
# Judi, 15 of 46; "دان", Dan, 87 of 123; the verbs "شكك" 10 of 55, "كاد" 4 of 178)
CLAUSE_VERB_PERSON_SHARE = 0.2
# a one-word person raw news writes inside persons under this share of the time may be a
# club before a nationality adjective ("بورتو" 8 of 117; :meth:`_rarely_person`)
CLUB_PERSON_SHARE = 0.5
# a definite word raw news writes inside persons under this share of the time is a role or
# an epithet ("الزميل", "الصاعد", "المرشد"), not a family name
TITLE_LIKE_SHARE = 0.1
# endings of a feminine noun: "ة" of the singular, "ات" of the sound plural ("خسارة",
# "مباحثات"); a feminine adjective may also end in ى or ا ("كبرى", "عليا")
_FEMININE_NOUN_ENDINGS = ("ة", "ات")
_FEMININE_ADJECTIVE_ENDINGS = ("ة", "ات", "ى", "ا")


def _feminine_noun(word: str) -> bool:
    """The word ends as a feminine noun does (its adjective then ends in ة, ات, ى or ا)."""
    return strip_marks(word).endswith(_FEMININE_NOUN_ENDINGS)


def _masculine_adjective(word: str) -> bool:
    """The word cannot be a feminine adjective (:func:`_feminine_noun`)."""
    return not strip_marks(word).endswith(_FEMININE_ADJECTIVE_ENDINGS)


# a word in يون/يين is a name, not a plural of origin ("مصريون"), where raw news writes it
# this often, inside persons this share of the times: "نابليون" 10 of 16, "شامبليون", but not
# "شماليين" (11 of 34, from "الكوريين الشماليين" cut by the model)
_NAME_IN_YUN = (0.5, 5)
# a word raw news writes this often and almost never inside a person is no foreign name
# the model missed ("قالت", "عاما"; _foreign_name_word)
FREQUENT_WORD = 500
# a word written after "و" at least one time in this many is a verb, not a name
# (_unseen_name_word)
VERB_AFTER_WA = 10
CHUNK = 1000  # tokens per chunk (see NerComponent._chunks)
PIPE_BATCH = 2  # chunks per model call: bounds memory; two keep activations in cache (faster than 4 or 8)


@Language.factory(
    "rasid_ner",
    default_config={"model_path": None, "use_model": True, "use_gazetteer": True,
                    "drop_non_entities": True, "propagate": True, "org_rule": True,
                    "use_crf": True, "use_lstm": True},
)
class NerComponent:
    """Sets ``doc.ents`` from the statistical model and the gazetteer ruler."""

    def __init__(self, nlp: Language, name: str, model_path: str | None, use_model: bool,
                 use_gazetteer: bool, drop_non_entities: bool, propagate: bool,
                 org_rule: bool, use_crf: bool = True, use_lstm: bool = True) -> None:
        self.name = name
        self.org_rule = org_rule
        self.propagate = propagate
        self.use_gazetteer = use_gazetteer
        self.drop_non_entities = drop_non_entities
        self.model = load_model(model_path) if use_model else None
        # the second model adds the names the CNN leaves out (rasid.ner.crf), and a third,
        # the BiLSTM-CRF, the names both leave out (rasid.ner.lstm)
        self._crf = CrfTagger() if use_model and use_crf else None
        # the LSTM reads the packaged CNN's word vectors (a custom CNN has its own)
        self._lstm = (LstmTagger(vectors=self.model.vocab.vectors if model_path is None
                                 else None)
                      if self._crf is not None and use_lstm else None)
        # the model's own input features (its tokenizer carries the gazetteer-class table)
        features = getattr(self.model.tokenizer, "features", None) if self.model else None
        self._features = features or TokenFeatures()
        # the rules read the name lists as packaged now (the model keeps its training copy)
        self._classes = packaged_classes()
        # the model's per-word embedding stage, cached (rasid.ner.embed_cache)
        self._tok2vec = (CachedTok2Vec.for_model(self.model, self._features)
                         if self.model else None)
        self._kept = 0  # lexemes _keep_words added to the model's vocabulary
        self._last_words: list[list[str]] = []
        for label in LABELS:
            nlp.vocab.strings.add(label)

    # -- spaCy component API -------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64,
             max_tokens: int = 4000) -> Iterator[Doc]:
        """Process in batches of at most ``batch_size`` docs and about ``max_tokens`` tokens
        (the CNN's activations for a batch are what bounds peak memory)."""
        batch: list[Doc] = []
        n_tokens = 0
        for doc in docs:
            batch.append(doc)
            n_tokens += len(doc)
            if len(batch) >= batch_size or n_tokens >= max_tokens:
                yield from self._process(batch)
                batch, n_tokens = [], 0
        if batch:
            yield from self._process(batch)

    # -- internals -----------------------------------------------------------------------
    def _process(self, docs: list[Doc]) -> list[Doc]:
        if self.use_gazetteer:
            split = [split_for_gazetteer(d) for d in docs]
            docs = [d for d, _ in split]
            layouts = [layout for _, layout in split]
        else:
            layouts = [layout_of(d) for d in docs]
        predicted = self._predict(docs, layouts)
        for doc, layout, model_spans in zip(docs, layouts, predicted, strict=True):
            keys = doc_keys(doc, layout)
            matches = find(keys) if self.use_gazetteer else []
            spans = merge_spans(doc, latin_model_spans(layout, model_spans), matches)
            spans = latin_spans(doc, layout, spans)
            spans = lineage_tail(doc, layout, spans)
            spans = without_leading_nisba(doc, layout, spans, self._is_nisba)
            spans = self._without_accusative_nouns(doc, layout, spans)
            if self.org_rule:
                spans = apply_org_rule(doc, keys, spans, matches)
                spans = coordinated_bodies(doc, keys, spans, matches)
                spans = apply_eponyms(doc, keys, spans)
                spans = headed_places(doc, keys, spans)
                spans = so_called_orgs(doc, keys, spans)
            spans = apply_acronyms(doc, layout.texts, spans, self._is_nisba)
            spans = regnal_numbers(doc, layout, spans, self._is_nisba)
            spans = named_places(doc, keys, spans)
            spans = eponym_cities(doc, keys, spans)
            spans = without_state_noun(doc, keys, spans)
            spans = feature_places(doc, keys, spans)
            spans = facilities_of_places(doc, keys, spans)
            spans = whole_hashtags(layout, spans)
            spans = whole_l_names(doc, layout, keys, spans)
            spans = hyphenated_names(doc, layout, keys, spans)
            spans = car_models(doc, layout, keys, spans, self._is_nisba)
            spans = company_names(doc, layout, keys, spans, self._is_nisba)
            spans = self._org_before_person(doc, layout, spans)
            spans = self._titled_names(doc, layout, spans)
            spans = self._given_name_families(doc, layout, spans)
            spans = cued_places(doc, layout, keys, spans)
            may_name = partial(self._may_name_in_list, doc, layout)
            spans = enumerated_persons(doc, layout, spans, may_name)
            announced = partial(self._announced_name_word, doc, layout)
            spans = aged_persons(doc, layout, spans, announced)
            spans = named_persons(doc, layout, spans, announced)
            spans = named_storms(doc, layout, spans, lambda i, d=doc, lay=layout: (
                self._announced_name_word(d, lay, i, True)
                or self._unseen_name_word(d, lay, i)))
            if self.propagate:
                spans = propagate_names(doc, keys, spans, self._is_nisba)
            spans = agree_labels(doc, keys, spans, lambda i, d=doc: is_title(d, i))
            spans = hashtag_labels(layout, keys, spans)
            spans = quoted_outlets(keys, layout, spans)
            spans = quoted_newspapers(doc, layout, spans)
            spans = quoted_bodies(doc, layout, keys, spans)
            spans = quoted_works(doc, layout, spans)
            spans = sporting_clubs(doc, keys, spans)
            sports = is_sports(keys)
            spans = fixture_teams(doc, layout, spans, sports)
            spans = city_clubs(doc, layout, keys, spans, self._is_nisba)
            spans = clubs_by_country(doc, layout, spans, sports, self._is_nisba,
                                     self._rarely_person)
            spans = word_clubs(doc, layout, keys, spans, self._is_nisba)
            # after the cues had their say ("شركة «ميتا»" makes every "ميتا" the company)
            spans = self._without_common_word_people(keys, layout, spans)
            spans = self._without_trailing_verbs(doc, layout, spans)
            spans = self._without_adjective_persons(doc, layout, spans)
            spans = self._without_inflected_nouns(doc, layout, spans)
            # after the raw-news person counts had their say: they call "هاليب" never a person
            spans = ranked_players(doc, layout, spans,
                                   partial(self._foreign_name_word, doc, layout),
                                   partial(self._unseen_name_word, doc, layout),
                                   partial(self._listed_given_name, layout))
            spans = speaker_names(doc, layout, spans,
                                  partial(self._foreign_name_word, doc, layout),
                                  partial(self._unseen_name_word, doc, layout),
                                  partial(self._inflected_token, layout),
                                  lambda i, d=doc: is_title(d, i))
            spans = whole_l_names(doc, layout, keys, spans)  # and those propagation copied
            spans = whole_f_names(doc, layout, spans)
            spans = drop_months(layout.texts, spans)
            spans = without_glosses(layout, spans)
            if self.drop_non_entities:
                # gazetteer and propagated spans match normalised keys, so "علي" (a name found
                # once) would make every "على" ("on") an entity
                adjectives = adjective_homographs(keys, spans)
                manner = manner_nouns(keys, spans)  # "اللعب بحماس", with zeal
                spans = [s for s in spans if not written_non_entity(s.text)
                         and not (adjectives and s.start in adjectives)
                         and not (manner and s.start in manner)
                         and not accusative_nisba(keys, s)
                         and not definite_adjective(doc, keys, s)
                         and not inside_latin_word(doc, s)
                         and not in_idiom(keys, s)
                         and not common_place_noun(keys, s)
                         and not self._common_word_misc(layout, s)]
            doc.ents = without_overlaps(spans)
        return docs

    def _chunks(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges of at most ~CHUNK tokens, cut at sentence starts where possible
        (the model's context is a few tokens, so chunking bounds memory at no cost)."""
        if len(doc) <= CHUNK:
            return [(0, len(doc))]
        starts = [t.i for t in doc if t.is_sent_start] if doc.has_annotation("SENT_START") \
            else []
        out, begin = [], 0
        while len(doc) - begin > CHUNK:
            cuts = [i for i in starts if begin < i <= begin + CHUNK]
            end = cuts[-1] if cuts else begin + CHUNK
            out.append((begin, end))
            begin = end
        out.append((begin, len(doc)))
        return out

    def _predict(self, docs: list[Doc],
                 layouts: list[Layout]) -> list[list[tuple[int, int, str]]]:
        if self.model is None:
            return [[] for _ in docs]
        # strings the model's vocab learns from these copies are freed on exit (a server on
        # a news stream would otherwise keep every new word); the result is plain tuples
        with self.model.memory_zone():
            out = self._predict_in_zone(docs, layouts)
        self._keep_words()
        return out

    def _keep_words(self) -> None:
        """Keep the first ``HOT_WORDS`` distinct words seen as permanent lexemes of the
        model's vocabulary (outside its memory zone), so the words news repeats are not
        rebuilt in every document's zone (~2 ms per article). Bounded; a lexeme only caches
        attributes of its string, and the model reads the norms and classes set on each
        token, so predictions are the same with or without them."""
        pieces, self._last_words = self._last_words, []
        self._kept += keep_lexemes(self.model.vocab, (w for words in pieces for w in words),
                                   HOT_WORDS - self._kept)

    def _model_spans(self, copy: Doc, crf_spans: list[tuple[int, int, str]],
                     name_word: Callable[[int, bool], bool]) -> list[tuple[int, int, str]]:
        """The CNN's spans in one chunk, plus the CRF's spans that overlap none of them
        (the CNN, whose errors the rules were written against, wins every conflict) or
        that carry a person's name of the CNN's further ("فايزة" → "فايزة أبوالنجا",
        "إيمانويل" + "ماكرون"), over words that may be in a name (``name_word(i, leading)``,
        :meth:`_name_word`) and never onto a second full name ("ترامب" + "كيم جونغ أون":
        each later span the CRF joins is one word). A confident CRF person over exactly the
        words of a CNN MISC retypes it: MISC is the CNN's weakest type ("ادريس لكريني", a
        professor, was MISC). A CNN organisation of three or more words that ends with the
        words of a confident CRF person ran on into the person after it: it ends before him
        ("فرانس24" + "خالد الغرابلي", "لجنة الأمن القومي" + "علاء الدين بروجردي")."""
        found = [(e.start, e.end, e.label_) for e in copy.ents]
        for start, end, label in crf_spans:
            if label == "PER" and (start, end, "MISC") in found:
                found[found.index((start, end, "MISC"))] = (start, end, label)
                continue
            ran_on = [f for f in found if f[2] == "ORG" and f[1] == end and start - f[0] >= 2]
            if label == "PER" and ran_on:
                found[found.index(ran_on[0])] = (ran_on[0][0], start, "ORG")
                found.append((start, end, label))
                continue
            inside = [f for f in found if f[0] < end and start < f[1]]
            if inside and not (label == "PER" and self._carries_person(
                    inside, start, end, name_word)):
                continue
            found = [f for f in found if f not in inside]
            found.append((start, end, label))
        return sorted(found)

    def _names_cut_to_crf(self, found: list[tuple[int, int, str]],
                          crf_spans: list[tuple[int, int, str]], outside: numpy.ndarray,
                          layout: Layout, offset: int) -> list[tuple[int, int, str]]:
        """``found`` (one chunk's spans) with each CNN person that holds a confident CRF
        person and more words cut to the CRF's person, where every word it adds is one the
        CRF is sure lies outside any name (:meth:`_outside_name`) or inside another confident
        CRF entity, which then stands on its own. The CNN runs a name on into a role, verb
        or noun ("الثنائي بوسكيتس", "نبيل معلول انتفضوا", "محمد بديع المرشد", "زيدان ريال
        مدريد" = Zidane + Real Madrid) where the CRF, which reads each word's own counts in
        raw news, stops. Places too ("جارتها اليونان", its neighbour Greece;
        "الولايات المتحدة القومي", national), but never by a nationality adjective, which may
        end a place's full name ("الولايات المتحدة الأميركية")."""
        out = list(found)
        for span in found:
            start, end, label = span
            if label not in ("PER", "GPE", "LOC"):
                continue
            for c_start, c_end, c_label in crf_spans:
                if c_label != label or not start <= c_start < c_end <= end \
                        or (c_start, c_end) == (start, end):
                    continue
                others = [c for c in crf_spans if c[2] != label and start <= c[0] and c[1] <= end]
                covered = {i for c in others for i in range(c[0], c[1])}
                added = [(i, True) for i in range(start, c_start)] + \
                    [(i, False) for i in range(c_end, end)]
                if label != "PER" and any(self._is_nisba(layout.texts[i + offset])
                                          for i, _ in added):
                    break  # "الولايات المتحدة الأميركية", "ميلبورن الأسترالية": the name
                if all(i in covered or (outside[i] >= TRIM_OUTSIDE and self._outside_name(
                        layout.texts[i + offset], leading)) for i, leading in added):
                    out.remove(span)
                    out += [(c_start, c_end, c_label), *others]
                break
        return sorted(out)

    @staticmethod
    def _opens_clause(key: str) -> bool:
        """Raw news writes the word after "و" at least a quarter as often as alone, as it
        writes a verb that opens a clause ("وشكك" 29 times against "شكك" 56, "وغرد" 134
        against 112) and not a given name ("ومحمد" 686 against 12,304, "وأحمد" 325 against
        4,009); at least ten times, so the ratio means something."""
        freq = word_frequencies()
        seen = freq.get(key, 0)
        return seen >= OPENS_CLAUSE_SEEN and freq.get("و" + key, 0) >= OPENS_CLAUSE_SHARE * seen

    def _outside_name(self, text: str, leading: bool) -> bool:
        """The CNN's extra word ``text`` around a CRF person or place is no part of the name: no
        name-list word, and one raw news hardly ever writes inside a person (with the article
        under one time in ten: "الزميل", "الصاعد", "المرشد"; without it as rarely as
        :meth:`_never_person` asks: "فكرة", "خامس"), or, seen too rarely to count, a verb of
        "they" or a word with a pronoun written on ("انتفضوا", "لتدعيمه"). A word before the
        name has the article or a pronoun ("خطيبها") or is a verb that opens the clause
        (:meth:`_opens_clause`: "شكك" + "جيريمي كوربين"): another bare one may be a first
        name the counts confuse with a word ("آلان" with "الآن", now)."""
        norm = token_norm(text)
        classes = self._classes.get(norm, "")
        if "FIRST" in classes or "LAST" in classes:
            return False
        definite = text.startswith("ال")
        inside, total = person_share().get(norm, (0, 0))
        if leading and not definite and not text.endswith(_PRONOUN_ENDINGS):
            # "وجودي" (my existence) is a word too: the verb test alone took "جودي" (Judi)
            return self._opens_clause(norm) and not (
                total >= NEVER_PERSON_MIN and inside >= CLAUSE_VERB_PERSON_SHARE * total)
        if total >= NEVER_PERSON_MIN:
            return inside < (TITLE_LIKE_SHARE if definite else NEVER_PERSON_SHARE) * total
        return text.endswith(("وا", *_PRONOUN_ENDINGS))

    @staticmethod
    def _without_doubted(found: list[tuple[int, int, str]], outside: numpy.ndarray,
                         layout: Layout, offset: int) -> list[tuple[int, int, str]]:
        """``found`` (one chunk's spans, from ``offset`` in the document) without the
        one-word spans the CRF is sure name nothing (probability of "O" at least
        :data:`SURELY_OUTSIDE`): the CNN's guesses on common words ("المولود", "محام",
        "الاقتتال", "جاريا"; about 46 of 51 such spans on 894 census articles were no
        names). A word right after an opening quote, a type cue ("شركة أمارا", "محافظة
        إب": type_cues.tsv) or a hashtag's "#", which the CRF never saw, keeps its span."""
        cues = type_cues()
        kept = []
        for start, end, label in found:
            i = start + offset
            before = layout.texts[i - 1] if i else ""
            if end - start == 1 and outside[start] >= SURELY_OUTSIDE and before != "#" \
                    and before not in OPENING_QUOTES and normalize_key(before) not in cues:
                continue
            kept.append((start, end, label))
        return kept

    def _name_word(self, doc: Doc, layout: Layout, offset: int, i: int,
                   leading: bool) -> bool:
        """Whether a chunk's token ``i`` (``offset`` + i in ``doc``) may be carried into a
        person's name by the CRF: no title; ``leading`` (before the CNN's first word) a
        first name the news counts may miss, because the CNN missed it too ("ميلانيا" of
        "ميلانيا ترامب"), but right before a lineage's "بن" or "آل" only what
        :func:`before_lineage` would take ("بيان" + "بن دغر" is Bin Daghr's statement);
        after it, no word raw news writes often and hardly ever in a person
        (:meth:`_never_person`: "الظهير", "ردود")."""
        i += offset
        if is_title(doc, i):
            return False
        if leading:
            return token_norm(layout.texts[i + 1]) not in LINEAGE or before_lineage(
                doc, layout, i + 1, len(layout.texts), self._classes) == i
        return not self._never_person([layout.texts[i]])

    @staticmethod
    def _carries_person(inside: list[tuple[int, int, str]], start: int, end: int,
                        name_word: Callable[[int, bool], bool]) -> bool:
        """The CRF's person ``start:end`` carries the CNN's persons ``inside`` (sorted)
        further: see :meth:`_model_spans`."""
        if not all(label == "PER" and start <= a and b <= end for a, b, label in inside):
            return False
        if any(b - a > 1 for a, b, _ in inside[1:]) or \
                sum(b - a for a, b, _ in inside) >= end - start:
            return False
        covered = {i for a, b, _ in inside for i in range(a, b)}
        first = inside[0][0]
        return all(name_word(i, i < first) for i in range(start, end) if i not in covered)

    def _predict_in_zone(self, docs: list[Doc],
                         layouts: list[Layout]) -> list[list[tuple[int, int, str]]]:
        pieces = []  # (doc index, token offset, copy, its words' spaces)
        chunk_words = []
        features = self._features
        for k, doc in enumerate(docs):
            texts, spaces = layouts[k].texts, layouts[k].spaces
            for a, b in self._chunks(doc):
                words = [untatweel(w) for w in texts[a:b]]
                if self._kept < HOT_WORDS:
                    self._last_words.append(words)
                copy = Doc(self.model.vocab, words=words, spaces=spaces[a:b])
                pieces.append((k, a, features.set_on(copy, words), spaces[a:b]))
                chunk_words.append(words)
        copies = [c for _, _, c, _ in pieces]
        with single_threaded_blas():
            for name, proc in self.model.pipeline:
                # a few chunks per model call: all chunks of a long document in one batch
                # would hold activations for every token at once (peak memory grew with it)
                if name == "tok2vec" and self._tok2vec is not None:
                    for i in range(0, len(copies), PIPE_BATCH):
                        self._tok2vec.set_tensors(copies[i:i + PIPE_BATCH],
                                                  chunk_words[i:i + PIPE_BATCH])
                    continue
                copies = list(proc.pipe(copies, batch_size=PIPE_BATCH))
        # the second model reads the same chunks, all at once (rasid.ner.crf)
        sequences = [(words, chunk_spaces) for (_, _, _, chunk_spaces), words
                     in zip(pieces, chunk_words, strict=True)]
        crf_read = (self._crf.read(sequences) if self._crf is not None
                    else [([], None) for _ in pieces])
        # the third model adds what neither found (rasid.ner.lstm)
        lstm_read = (self._lstm.read(sequences) if self._lstm is not None
                     else [([], None) for _ in pieces])
        out: list[list[tuple[int, int, str]]] = [[] for _ in docs]
        for (k, offset, _, _), copy, (crf_scored, outside), (lstm_scored, _), (words, _) in zip(
                pieces, copies, crf_read, lstm_read, sequences, strict=True):
            doc, layout = docs[k], layouts[k]
            name_word = partial(self._name_word, doc, layout, offset)
            crf_spans = confident(crf_scored)
            found = self._model_spans(copy, crf_spans, name_word)
            if outside is not None:
                found = self._names_cut_to_crf(found, crf_spans, outside, layout, offset)
                found = self._without_doubted(found, outside, layout, offset)
            found += lstm_additions(found, lstm_scored, outside, words)
            for start, end, label in found:
                start, end = start + offset, end + offset
                if label == "PER":
                    start, end = over_particle(layout, start, end, self._common_word)
                # split-off proclitics and punctuation never belong to an entity, but the
                # "ف" of "فان" ("روبن فان بيرسي") does
                while start < end and ((is_attached_proclitic(layout, start)
                                        and not particle_at(layout, start, self._common_word))
                                       or is_punct(layout.texts[start])
                                       or layout.texts[start] in LEADING_PREPOSITIONS):
                    start += 1  # "في" of "مراسل الجوهرة في القصرين" opens no name
                while end > start and (is_punct(layout.texts[end - 1])
                                       or layout.texts[end - 1] in PROCLITIC_TOKENS):
                    end -= 1  # never end on "ب" of "بسلطنة", nor on "و" written apart
                if start >= end or possessed_head(layout, start, end):
                    continue
                end = before_pronoun(layout, start, end, label)
                if start >= end:
                    continue  # "حماس" + "ه" (his zeal), "قطر" + "ها" (its diameter)
                end = past_name_link(layout, start, end)
                if label in NO_INNER_CLITIC:
                    # a person's or place's name never contains a preposition or conjunction
                    # written onto a word: "محمد للجزيرة" ends before "ل"
                    for i in range(start + 1, end):
                        if is_attached_proclitic(layout, i) \
                                and not particle_at(layout, i, self._common_word) \
                                and not particle_at(layout, i - 3, self._common_word):
                            end = i
                            break
                    while end > start and is_punct(layout.texts[end - 1]):
                        end -= 1
                while end - 1 > start and token_norm(doc[end - 1].text) in stop_words():
                    end -= 1  # "إسلام آباد الأربعاء" ends before the weekday
                scored = before_score(layout, start, end)
                team = scored < end  # a word the model read with a score is a team's name
                end = scored
                if label == "PER" and end - start > 1 \
                        and token_norm(doc[start].text) in org_heads() - POETRY_HEADS:
                    label = "ORG"  # "إتحاد بن قردان" (a club; PER 42 times in Tunisian news)
                if label == "PER":
                    # a role ("القيادي") or a unit after a number ("87 كغ ياسين" in a list of
                    # weights) before the person; elsewhere such a word may be a name
                    # ("إسلام", also the religion)
                    while start < end and (is_title(doc, start) or (
                            start and layout.texts[start - 1].isdigit()
                            and non_entity(layout.texts[start]))):
                        start += 1
                    if start >= end:
                        continue  # only a title ("لفقيد")
                    start = before_name_second_part(layout, start, end)
                    start = self._over_compound_name(doc, layout, start)
                    start = before_lineage(doc, layout, start, end, self._features.classes)
                    start = after_name_opener(layout, start)
                    end = before_god_formula(layout, start, end)
                    end = after_family(layout, start, end)
                    end = over_joined_kunya(layout, end, self._features.classes)
                    if start >= end:
                        continue  # "رعاه الله", "بعون الله": a formula, no name
                    cut = next((i for i in range(start + 1, end)
                                if ends_name_at(layout.texts, i)), None)
                    if cut is not None:
                        # "زهير بن يوسف" + "أرملة" (widow of), "محمد" + "شقيق الشهيد",
                        # "خالد الفيصل" + "مستشار": a kinship or role noun in construct with
                        # the next word; a title at the end may be a family name
                        # ("ماجد المهندس", "علاء سعادة"), so titles.txt is not read here
                        end = cut
                        while end - 1 > start and token_norm(layout.texts[end - 1]) in NAME_LINKS:
                            end -= 1  # "ابن" + "شقيق" (nephew): no name link is left at the end
                    if end - start == 1 and token_norm(layout.texts[start]) in NAME_LINKS:
                        continue  # "ابن" + "عم" (a cousin): no name left
                    people = person_list(doc, layout, start, end, self._features.classes)
                    if people:
                        # "هشام العزلوك سالم الحداد": a list of players written without "و"
                        out[k].extend((a, b, "PER") for a, b in people[:-1])
                        start = people[-1][0]
                    people = conjoined_people(layout, start, end, self._features.classes,
                                              self._is_nisba, word_frequencies())
                    if people:
                        # "راديك وفريدل": two players, "و" left on the second's unknown name
                        out[k].extend((a, b, "PER") for a, b in people[:-1])
                        start, end = people[-1]
                    cut = trailing_country(doc, start, end)
                    if cut is not None:
                        # "ناشد زيلينسكي البرتغال", "سوسا اسبانيا": a person's name never ends
                        # in a country's name; the model ran the two together
                        out[k].append((cut, end, "GPE"))
                        end = cut
                    cut = leading_place(doc, start, end, self._features.classes)
                    if cut is not None:
                        # "والي سليانة" + "علي سعيد": the governor's province, then his name
                        out[k].append((start, cut, "GPE"))
                        start = cut
                elif label != "ORG" and end - start > 1 \
                        and token_norm(doc[start].text) in org_heads():
                    label = "ORG"  # "جامعة برمنغهام": an organisation head names an ORG
                if label == "ORG" and act_of_country(doc, start, end):
                    start, label = start + 1, "GPE"  # "تنظيم قطر" + "لكأس العالم"
                if label == "ORG":
                    opened = opened_name(layout, start, end,
                                         word_list("ner/org_openers.txt"), self._is_nisba)
                    if opened is None:
                        continue  # "تدريب نادي إنجليزي آخر": a club, not a name
                    end = opened
                    end = org_end(doc, layout, start, end)
                    end = self._before_clause(doc, layout, start, end)
                    end = self._before_nisba(layout, start, end)
                    while end - 1 > start and token_norm(doc[end - 1].text) in stop_words():
                        end -= 1  # cut before "سينبثق", the name ends before "التي" too
                if label in ("GPE", "LOC"):
                    # "الولايات المتحدة" + "حزب العمال": an organisation head opens a new name
                    end = next((i for i in range(start + 1, end) if not layout.joined[i]
                                and token_norm(layout.texts[i]) in org_heads()), end)
                if is_gloss(doc, start, end):
                    continue  # "(Opel Corsa)": a Latin gloss of the Arabic name before it
                if is_number_words(layout.texts, start, end) or not any(
                        ch.isalpha() for ch in doc[start:end].text):
                    continue  # "أربعمائة وخمسون", "1107.6": no name is made of numbers alone
                if self.drop_non_entities and not team and (
                        non_entity(doc[start:end].text) or self._described(doc, start, end)):
                    continue  # but "ريال" of "وفاز ريال 3-1" is Real Madrid, no riyal
                if end - start == 1 and ((is_nisba_plural(doc[start].text)
                                          and not self._written_in_persons(
                                              doc[start].text, *_NAME_IN_YUN))
                                         or self._is_bare_nisba(doc[start].text)):
                    # "مصريون", "سياسيون", "باكستاني": people described, not named; but
                    # "نابليون", a person in raw news, is a name
                    continue
                if end - start == 1 and bare_head(layout, start):
                    continue  # "إنشاء صندوق سيادي", "وقال البنك": a head noun alone names nothing
                if label in ("GPE", "LOC"):
                    if missing_complement(layout.texts, start, end):
                        continue  # "شبه اللاعب" (compared the player): no place
                    countries = country_list(layout.texts, start, end)
                    if countries:
                        out[k].extend((a, b, "GPE") for a, b in countries)
                        continue
                    end = complete_place(layout, start, end)
                    opened = opened_name(layout, start, end,
                                         word_list("ner/place_openers.txt"), self._is_nisba)
                    if opened is None:
                        continue  # "كفر" + "بالاقتصاد" (disbelieved): a town's noun alone
                    end = opened
                    if end - start > 1 and all(map(is_place_head, layout.texts[start:end])):
                        continue  # "شبه الجزيرة", "the peninsula": a common noun
                    if end - start == 1 and label == "LOC" and is_place_head(
                            layout.texts[start]) and unknown_place(layout.texts[start]):
                        continue  # "البحر" (the sea), "المحيط" (also: the surroundings)
                    label = geo_label(doc[start:end].text, default=label)
                    if end - start > 1 and normalize_key(layout.texts[start]) \
                            in facility_words()[0]:
                        label = "FAC"  # "ملعب رادس", "جامع القرويين": a built place
                out[k].append((start, end, label))
        for k, layout in enumerate(layouts):
            # "فان دير سار", which neither model found: see rasid.ner.name_particles
            extra = double_particle_names(layout, self._common_word)
            if extra:
                taken = {i for a, b, _ in out[k] for i in range(a, b)}
                out[k].extend((a, b, "PER") for a, b in extra
                              if not taken.intersection(range(a, b)))
        return out

    def _described(self, doc: Doc, start: int, end: int) -> bool:
        """The span describes, it does not name: a word of not_entities.txt followed only by
        nationality adjectives ("قوات الأمن السودانية", "الشرطة الإسرائيلية"; the events stage
        resolves such phrases to the country the adjective names), or an indefinite
        organisation head noun followed only by indefinite adjectives in "ية" ("منظمة
        إرهابية", "محكمة ألمانية", "منظمة غير ربحية": 19 ORG spans on 1,630 real articles,
        none of them a name) or by "ل" and what it is for ("مركز للشرطة")."""
        if end - start > 1 and token_norm(doc[start].text) in org_heads() and (all(
                t.text == "غير" or (not t.text.startswith("ال") and t.text.endswith("ية"))
                for t in doc[start + 1:end]) or doc[start + 1].text == "ل"):
            return True
        k = end
        while k > start + 1 and self._is_nisba(doc[k - 1].text):
            k -= 1
        return k < end and non_entity(doc[start:k].text)

    def _before_clause(self, doc: Doc, layout: Layout, start: int, end: int) -> int:
        """Where a model's organisation span ends when it runs past its name into the
        sentence: at an indefinite word right after a definite one ("هيئة الطيران المدني" +
        "سارعت", "جبهة النصرة" + "ذراع القاعدة", "وزارة الشؤون الاجتماعية" + "أو"). Inside
        an Arabic name a definite word is followed by definite words or by "و"/"ل" written
        onto one; an indefinite word after it only belongs to the name when it is a name
        itself (a word of the gazetteer classes: "مركز الأمير سلطان") or follows a title."""
        texts, classes = layout.texts, self._features.classes
        for i in range(start + 1, end):
            word, prev = texts[i], texts[i - 1]
            if (prev.startswith("ال") and not layout.joined[i - 1] and not layout.joined[i]
                    and starts_arabic(word) and not word.startswith(("ال", "لل"))
                    and word not in PROCLITIC_TOKENS and not is_title(doc, i - 1)
                    and token_norm(word) not in classes):
                return i
        return end

    def _before_nisba(self, layout: Layout, start: int, end: int) -> int:
        """Where a model's organisation span "head + proper name + nationality adjective"
        ends: before the adjective ("وكالة تسنيم" + "الإيرانية", "مجموعة فاغنر" + "الروسية"),
        which describes the organisation as rasid's gold leaves a nisba outside a name
        ("البحرية الأميركية" is no name at all). A definite name ("وكالة الأنباء السعودية")
        keeps its adjective: there the adjective is part of the name. Right after a one-word
        name only a masculine adjective goes, a club's country ("بورتو البرتغالي")."""
        texts = layout.texts
        for i in range(start + 1, end):
            prev = texts[i - 1]
            if i == start + 1 and token_norm(texts[i]).endswith("ه"):
                continue  # "أرامكو السعودية", "طيران السعودية": a company's own name; a
                # masculine one right after the name is a club's country ("أرسنال الإنجليزي")
            if texts[i].startswith("ال") and not layout.joined[i] and self._is_nisba(texts[i]) \
                    and starts_arabic(prev) and not prev.startswith("ال") \
                    and token_norm(prev) not in org_heads() and not layout.joined[i - 1]:
                return i
        return end

    def _without_common_word_people(self, keys: list[str], layout: Layout,
                                    spans: list[Span]) -> list[Span]:
        """``spans`` without the persons made only of common words (:meth:`_never_person`),
        except a person of the knowledge base and a family name the document gave in full
        ("زينب العدوي" ... "العدوي"), unless never_persons.txt lists every word: a wrong
        longer span ("جائزة الملك فيصل العالمية للغة العربية") names no family."""
        tails = {name_key(keys, i, s.end)
                 for s in spans if s.label_ == "PER" for i in range(s.start + 1, s.end)}
        listed = word_list("ner/never_persons.txt")
        out = []
        for s in spans:
            name = name_key(keys, s.start, s.end)
            if s.label_ != "PER" or name in known_people() or (
                    name in tails and not all(token_norm(w) in listed
                                              for w in layout.texts[s.start:s.end])) \
                    or not self._never_person(layout.texts[s.start:s.end]):
                out.append(s)
        return out

    def _name_part(self, doc: Doc, layout: Layout, i: int, taken: set[int],
                   first: bool = False) -> bool:
        """Token ``i`` can be part of a person's name the model missed: a whole word no
        entity covers (``taken``) that is a name-list word raw news writes inside persons at
        least one time in ten, a word it writes inside persons at least three times in ten
        (person_share.tsv.gz), or one it hardly writes at all (a foreign name: under 20 times
        in the frequency table) that does not look inflected (no accusative "ا", no pronoun,
        no imperfect prefix: "المدرب إراحته", "الروائي يقرع"). A ``first`` word is written
        without the article."""
        return free_word(layout, i, taken) and self._name_part_word(doc, layout, i, first)

    def _name_part_word(self, doc: Doc, layout: Layout, i: int, first: bool = False) -> bool:
        """:meth:`_name_part`'s tests of the word itself, wherever it is written (also
        the rest of a word after a "ب" the tokenizer cut off)."""
        texts = layout.texts
        norm, key = token_norm(texts[i]), normalize_key(texts[i])
        if (first and key.startswith("ال")) or len(key) < 3 or is_title(doc, i) \
                or norm in stop_words() or non_entity(texts[i]) \
                or is_month_name(texts, i, i + 1) or self._never_person([texts[i]]):
            return False
        classes = self._classes.get(norm, "")
        inside, total = person_share().get(norm, (0, 0))
        if "FIRST" in classes or "LAST" in classes:
            # "انتصار", "أكبر": name-list words that raw news mostly writes as words
            return total < NEVER_PERSON_MIN or inside >= _LISTED_NAME_SHARE * total
        if total >= NEVER_PERSON_MIN:
            return inside >= NAME_PART_SHARE * total
        return word_frequencies().get(key, 0) < RARE_WORD \
            and not key.endswith(("ا", "ه", "ها", "هم")) and key[:1] not in "يتن"

    def _announced_name_word(self, doc: Doc, layout: Layout, i: int, first: bool) -> bool:
        """Token ``i`` may be a word of a name that its context announces: right before an
        age in brackets (:func:`rasid.ner.ages.aged_persons`) or after "يدعى"
        (:func:`rasid.ner.named_as.named_persons`). :meth:`_name_part_word`, or a word raw
        news writes inside persons three times in ten however seldom it writes it ("كيث",
        13 of 20; "فيون", 5 of 6), since the context says a person; a ``first`` word has no
        article."""
        text = layout.texts[i]
        return self._name_part_word(doc, layout, i, first) or (
            self._written_in_persons(text, seen=_ANNOUNCED_NAME_SEEN)
            and not (first and token_norm(text).startswith("ال")))

    def _titled_names(self, doc: Doc, layout: Layout, spans: list[Span]) -> list[Span]:
        """A person's name the model missed after a definite title or role word (titles.txt):
        "الفنانة لميس", "الدكتور بسام الميمني", "الوزير مارينوف". The words after the title,
        none covered by an entity, are the name while each is one: a name-list word that raw
        news writes inside persons at least one time in ten, a word it writes inside persons
        at least three times in ten, or one it hardly writes at all (:meth:`_name_part`).
        The first word is written without the article and on its own. A definite
        nationality adjective may stand between the title and the name when the name's
        first word is a name-list word or one raw news writes inside persons three times in
        ten ("الرئيس الفلسطيني عرفات"; a rare word there is as often a verb run on:
        "اللاعب السعودي لايحتاج"). Not after an
        indefinite title ("يا", "سمو", "أمير"), nor after a title in construct with a noun
        before it, where the name names a place ("طريق الملك فهد", "مستشفى الملك فهد")."""
        taken = {i for s in spans for i in range(s.start, s.end)}
        freq = word_frequencies()
        facilities = facility_words()[0]
        texts = layout.texts

        def after_noun(i: int) -> bool:
            """The title is in construct after a noun or a place's head ("طريق الملك فهد",
            "مستشفى الملك فهد"): the name there names the place."""
            if i == 0 or not starts_arabic(texts[i - 1]):
                return False
            word = normalize_key(texts[i - 1])
            return token_norm(texts[i - 1]) in org_heads() or word in facilities or (
                not word.startswith("ال") and freq.get("ال" + word, 0) >= NOUN_SEEN)

        out = list(spans)
        for i in range(len(doc) - 1):
            if i in taken or not texts[i].startswith("ال") or not is_title(doc, i) \
                    or normalize_key(texts[i]) in _NOT_OPENING or after_noun(i):
                continue
            first = i + 1
            if free_word(layout, first, taken) and texts[first].startswith("ال") \
                    and self._is_nisba(texts[first]):
                first += 1  # "الرئيس الفلسطيني" + "عرفات"
                if first < len(doc) and not (
                        self._name_word_shape(doc, layout, first)
                        or self._written_in_persons(texts[first], seen=NEVER_PERSON_MIN)):
                    continue  # a word the model did not take ("اللاعب السعودي لايحتاج")
            if not self._name_part(doc, layout, first, taken, first=True):
                continue
            end = first + 1
            while end < first + 4 and self._name_part(doc, layout, end, taken):
                end += 1
            out.append(Span(doc, first, end, label="PER"))
            taken.update(range(first, end))
        return sorted(out, key=lambda x: x.start)

    def _given_name_families(self, doc: Doc, layout: Layout, spans: list[Span]) -> list[Span]:
        """A one-word person that is a listed given name takes the definite word after it
        when that word is a family name by raw news's counts (:meth:`_name_part`: inside
        persons three times in ten or more, or hardly written at all): "سلمان" + "الفرج",
        "حسين" + "الفردان". A family name that is also a common word ("المزروع", planted)
        fails the test and stays out."""
        taken = {i for s in spans for i in range(s.start, s.end)}
        out = []
        for span in spans:
            end = span.end
            if span.label_ == "PER" and len(span) == 1 and end < len(doc) \
                    and self._listed_given_name(layout, span.start) \
                    and layout.texts[end].startswith("ال") and not self._is_nisba(layout.texts[end]) \
                    and self._name_part(doc, layout, end, taken):
                out.append(Span(doc, span.start, end + 1, label="PER"))
                taken.add(end)
                continue
            out.append(span)
        return out

    def _org_before_person(self, doc: Doc, layout: Layout, spans: list[Span]) -> list[Span]:
        """An organisation's span that ran on into the first name of the person after it
        ("وزارة الصحة" + "محمد الرابحي", "بي بي سي" + "عطية نبيل", written without a title
        between): a span of three or more words whose last is a first name of the lists,
        after no title or lineage word, with a name's part after it, ends before the first
        name, and the person's name (the first name and the words after it that raw news
        mostly writes inside persons, or hardly writes at all) is a PER span."""
        texts, joined = layout.texts, layout.joined
        freq, shares = word_frequencies(), person_share()
        taken = {i for s in spans for i in range(s.start, s.end)}

        def name_part(i: int) -> bool:
            if not free_word(layout, i, taken) or token_norm(texts[i]) in stop_words():
                return False
            classes = self._classes.get(token_norm(texts[i]), "")
            inside, total = shares.get(token_norm(texts[i]), (0, 0))
            return "LAST" in classes or "FIRST" in classes or (
                total >= NEVER_PERSON_MIN and inside >= NAME_PART_SHARE * total) or (
                total < NEVER_PERSON_MIN and freq.get(normalize_key(texts[i]), 0) < RARE_WORD)

        out = []
        for span in spans:
            last = span.end - 1
            if span.label_ != "ORG" or len(span) < 3 or joined[last] \
                    or "FIRST" not in self._classes.get(token_norm(texts[last]), "") \
                    or is_letter_name(texts[last]) or is_letter_name(texts[last - 1]) \
                    or is_title(doc, last - 1) or token_norm(texts[last - 1]) in NAME_LINKS \
                    or not name_part(span.end):
                out.append(span)
                continue
            end = span.end + 1
            while end < span.end + 3 and name_part(end):
                end += 1
            out += [Span(doc, span.start, last, label="ORG"), Span(doc, last, end, label="PER")]
        return sorted(out, key=lambda x: x.start)

    def _without_adjective_persons(self, doc: Doc, layout: Layout,
                                   spans: list[Span]) -> list[Span]:
        """Without a one-word person that is an adjective after the noun it describes: "حدث
        فريد" (a unique event), "موضوع جاد" (a serious matter). Both words take the article
        often in raw news (the frequency table of resources/text: "الحدث", "الفريد"), the
        noun is no title, kinship noun or name-list word ("والد كريم" is Karim's father), and
        the article names no one else by the word (no other person's span holds it). A
        word after it that raw news mostly writes inside persons ("مساعد غالي" + "العنزي")
        shows a cut name instead, which stays. So does a word after a feminine noun that
        cannot be a feminine adjective: an adjective agrees with its noun ("خسارة كبيرة",
        "شهادة عليا"), so "خسارة جابر" and "مباحثات رايس" (Rice's talks) are a noun and the
        person it belongs to."""
        freq = word_frequencies()
        people: Counter[str] = Counter(
            token_norm(layout.texts[i]) for s in spans if s.label_ == "PER"
            for i in range(s.start, s.end))
        out = []
        for span in spans:
            i = span.start
            if span.label_ != "PER" or len(span) != 1 or i == 0 or layout.joined[i] \
                    or people[token_norm(layout.texts[i])] > 1:
                out.append(span)
                continue
            word, noun = normalize_key(layout.texts[i]), normalize_key(layout.texts[i - 1])
            classes = self._classes.get(token_norm(layout.texts[i - 1]), "")
            if i + 1 < len(doc) and not layout.joined[i + 1] \
                    and self._written_in_persons(layout.texts[i + 1]):
                out.append(span)  # "مساعد غالي" + "العنزي": a cut name, not an adjective
                continue
            if noun.startswith("ال") or not starts_arabic(noun) or layout.joined[i - 1] \
                    or (_feminine_noun(layout.texts[i - 1])
                        and _masculine_adjective(layout.texts[i])) \
                    or is_title(doc, i - 1) or noun in name_enders() \
                    or "FIRST" in classes or "LAST" in classes \
                    or freq.get("ال" + noun, 0) < NOUN_SEEN \
                    or freq.get("ال" + word, 0) < NOUN_SEEN:
                out.append(span)
        return out

    def _without_trailing_verbs(self, doc: Doc, layout: Layout,
                                spans: list[Span]) -> list[Span]:
        """Persons' spans without a last word that is a verb in the imperfect, where the model
        ran a name on into its verb ("ياكين" + "يصر", "ديميتروف" + "يهزم", "بدر" + "يسأل"):
        a word opening with ي or ت that raw news almost never has inside a person
        (:meth:`_never_person`) and no name list has, or a dual or plural imperfect too rare for
        those counts (:meth:`_plural_imperfect`: "لوكاكو" + "يقدمان"); or any word of
        never_persons.txt ("ابن كثير" + "رحمه", may God have mercy on him). A person that is
        such a dual or plural verb alone is dropped ('"ماسنجر" يتوقفان')."""
        listed = word_list("ner/never_persons.txt")
        out = []
        for s in spans:
            last = layout.texts[s.end - 1]
            if s.label_ == "PER" and len(s) == 1 and self._plural_imperfect(last):
                continue
            if s.label_ == "PER" and len(s) > 1 and not layout.joined[s.end - 1] \
                    and token_norm(layout.texts[s.end - 2]) not in NAME_LINKS and (
                    (token_norm(last)[:1] in IMPERFECT_PREFIXES and self._never_person([last]))
                    or self._plural_imperfect(last) or normalize_key(last) in listed):
                s = Span(doc, s.start, s.end - 1, label="PER")
            out.append(s)
        return out

    def _plural_imperfect(self, word: str) -> bool:
        """``word`` is an imperfect verb in the dual or plural ("يقدمان", "يلتقيان",
        "يقدمون"): it opens with ي or ت, ends in ان or ون, and raw news writes its singular
        (the word less that ending: "يقدم") at least 50 times, while no name list has the
        word ("يوهانسون": "يوهانس" is rare)."""
        key = token_norm(word)
        if len(key) < 6 or key[:1] not in IMPERFECT_PREFIXES or key[-2:] not in ("ان", "ون"):
            return False
        classes = self._classes.get(key, "")
        return "FIRST" not in classes and "LAST" not in classes \
            and word_frequencies().get(key[:-2], 0) >= NOUN_SEEN

    def _over_compound_name(self, doc: Doc, layout: Layout, start: int) -> int:
        """Where a person's span that the model began right after a compound given name
        ("كرم الله" + "أوغلو", "فخر الدين" + "الرازي") really begins: two words earlier, if
        the word before "الله"/"الدين"/"الرحمن" is a first name of the lists or inside a person
        at least 15% of the time in raw news, and no title ("آية الله", "رجل الدين")."""
        if start < 2 or token_norm(layout.texts[start - 1]) not in SECOND_PARTS \
                or layout.joined[start - 1] or layout.joined[start - 2]:
            return start
        first = layout.texts[start - 2]
        key = token_norm(first)
        if not starts_arabic(first) or is_title(doc, start - 2) \
                or "TITLE" in self._classes.get(key, ""):
            return start  # "آية" of "آية الله علي خامنئي" is a title
        person, total = person_share().get(key, (0, 0))
        if "FIRST" in self._classes.get(key, "") or (
                total and person >= COMPOUND_FIRST_SHARE * total):
            return start - 2
        return start

    def _common_word(self, word: str) -> bool:
        """:meth:`_never_person` of one word."""
        return self._never_person([word])

    def _never_person(self, words: list[str]) -> bool:
        """Every word is common in raw news and almost never inside a person there, and no
        name list has it (resources/ner/person_share.tsv.gz: "الأسنان", "الميدالية",
        "شهادة"); a first or family name of the lists always may be one ("آمال"). The words
        of never_persons.txt ("اللاعبان", "سابقون", "كواليس") are never persons either,
        however often the model made them one."""
        shares = person_share()
        listed = word_list("ner/never_persons.txt")
        for word in words:
            key = token_norm(word)
            if key in listed:
                continue
            counts = shares.get(key)
            if counts is None or counts[1] < NEVER_PERSON_MIN \
                    or counts[0] >= NEVER_PERSON_SHARE * counts[1]:
                return False
            classes = self._classes.get(key, "")
            if "FIRST" in classes or "LAST" in classes:
                return False
        return bool(words)

    def _common_word_misc(self, layout: Layout, span: Span) -> bool:
        """A MISC span of one word that raw news writes often and almost never inside any
        entity ("هرمونات", "وسيتوفر", "مكرر": the model's guesses for words it could not
        place), unless quoted ("«بخشيش»", a restaurant) or a name the gazetteer knows."""
        if span.label_ != "MISC" or len(span) != 1:
            return False
        i = span.start
        texts = layout.texts
        if 0 < i < len(texts) - 1 and texts[i - 1] in OPENING_QUOTES | {"("}:
            return False
        key = token_norm(texts[i])
        inside, total = entity_share().get(key, (0, 0))
        return total >= NEVER_PERSON_MIN and inside < NEVER_PERSON_SHARE * total \
            and pattern_key(texts[i]) not in patterns()[0]

    def _is_bare_nisba(self, text: str) -> bool:
        """The word is an indefinite nationality adjective and no given name: "باكستاني"
        ("a Pakistani", PER 5 times on Saudi news), but not "تركي" or "يمني", which are
        also first names (FIRST class)."""
        classes = self._classes.get(token_norm(text), "")
        return not text.startswith("ال") and "NISBA" in classes and "FIRST" not in classes

    @staticmethod
    def _written_in_persons(text: str, share: float = NAME_PART_SHARE, seen: int = 1) -> bool:
        """Raw news writes the word at least ``seen`` times, inside persons at least
        ``share`` of them (resources/ner/person_share.tsv.gz)."""
        inside, total = person_share().get(token_norm(text), (0, 0))
        return total >= seen and inside >= share * total

    def _name_word_shape(self, doc: Doc, layout: Layout, i: int) -> bool | None:
        """What the name lists and closed word classes say of token ``i`` as a word of a
        person's name: True for a listed given or family name, False for a function word,
        title, nationality adjective or a word of a listed place or body, None where they
        say nothing (the tests below then ask raw news)."""
        text = layout.texts[i]
        key = token_norm(text)
        classes = self._classes.get(key, "")
        if "FIRST" in classes or "LAST" in classes:
            return True
        if key in stop_words() or is_title(doc, i) or self._is_nisba(text) \
                or any(c in classes for c in ("GPE", "ORGHEAD", "LOC", "TITLE")):
            return False
        return None

    def _may_name_in_list(self, doc: Doc, layout: Layout, i: int) -> bool:
        """Token ``i`` may be a word of a person's name that a list of people skipped
        (:func:`rasid.ner.enumerations.enumerated_persons`): :meth:`_name_word_shape`, and
        otherwise no common word that raw news almost never has inside a person."""
        shape = self._name_word_shape(doc, layout, i)
        return shape if shape is not None else not self._common_word(layout.texts[i])

    def _foreign_name_word(self, doc: Doc, layout: Layout, i: int) -> bool:
        """Token ``i`` may be a word of a foreign name the model never tags:
        :meth:`_name_word_shape`, and otherwise, without raw news's person counts (which say
        "never a person" of "هاليب", because the model always missed it), no common noun: a
        word that raw news writes with the article 50 times or more ("منافسه": "المنافسه"),
        or, written with it, without ("الدور": "دور"), nor a word it writes 500 times or
        more and almost never inside a person ("قالت", "عاما")."""
        shape = self._name_word_shape(doc, layout, i)
        if shape is not None:
            return shape
        text = layout.texts[i]
        key = token_norm(text)
        freq = word_frequencies()
        other_form = key[2:] if key.startswith("ال") else "ال" + key
        return freq.get(other_form, 0) < NOUN_SEEN \
            and not (freq.get(key, 0) >= FREQUENT_WORD and self._common_word(text))

    def _listed_given_name(self, layout: Layout, i: int) -> bool:
        """Token ``i`` is a given name of the name lists (the FIRST class)."""
        return "FIRST" in self._classes.get(token_norm(layout.texts[i]), "")

    def _unseen_name_word(self, doc: Doc, layout: Layout, i: int) -> bool:
        """Token ``i`` may be a foreign name that the model never found, standing alone:
        :meth:`_foreign_name_word`, without the article, and not a verb. A verb is what
        raw news also writes after "و" one time in ten or more ("فازت": "وفازت" 160 times
        against 357; a name almost never opens a clause), or an imperfect that is almost
        never inside a person ("تصدق")."""
        text = layout.texts[i]
        key = token_norm(text)
        if key.startswith("ال") or not self._foreign_name_word(doc, layout, i):
            return False
        if "FIRST" in self._classes.get(key, "") or "LAST" in self._classes.get(key, ""):
            return True
        freq = word_frequencies()
        return freq.get("و" + key, 0) * VERB_AFTER_WA < max(freq.get(key, 0), 1) \
            and not (key[:1] in IMPERFECT_PREFIXES and self._common_word(text))

    @staticmethod
    def _rarely_person(text: str) -> bool:
        """Raw news writes the word often enough to count and inside a person under half of
        those times, so the model's one-word person may be a club ("بورتو" 8 of 117) but not
        "ميسي" (1,881 of 1,899; resources/ner/person_share.tsv.gz), nor a name it hardly
        knows, which may be a player's."""
        inside, total = person_share().get(token_norm(text), (0, 0))
        return total >= NEVER_PERSON_MIN and inside < CLUB_PERSON_SHARE * total

    def _is_nisba(self, text: str) -> bool:
        """The word is a nationality or origin adjective ("السودانية"; the NISBA class of
        resources/ner/token_classes.tsv, :func:`rasid.ner.rules.nisba_key`)."""
        return nisba_key(token_norm(text))

    def _without_inflected_nouns(self, doc: Doc, layout: Layout,
                                 spans: list[Span]) -> list[Span]:
        """Without the one-word persons that are a common noun with a pronoun or in the
        indefinite accusative: "بيضه" (its eggs), "لأوانه" ("السابق لأوانه", premature),
        "ألبانا" (milk), "أدبا", "جسدا". The word less its ending ("ه", "ها", "هم", "نا",
        "ته", "ا"...) is written with the article at least 50 times in raw news ("البيض";
        the frequency table of resources/text). A name-list word, a word raw news writes
        inside persons three times in ten or more, and a word the document writes after a
        title or inside a longer person ("الفيلسوف سبيلا") stay; so do words in "يا", where
        names are many ("صوفيا", "ماريا")."""
        freq = word_frequencies()
        named: set[str] | None = None
        out = []
        for span in spans:
            last = layout.texts[span.end - 1]
            if span.label_ == "PER" and len(span) > 1 and starts_arabic(last) \
                    and strip_marks(last).endswith(_PRONOUN_ENDINGS) \
                    and not strip_marks(last).endswith("يه") \
                    and self._inflected_noun(last, freq):
                # "أحمد عصيد" + "استغرابه" (his surprise): a noun with a pronoun ends no name
                out.append(Span(doc, span.start, span.end - 1, label="PER"))
                continue
            i = span.start
            if span.label_ != "PER" or len(span) != 1 or not starts_arabic(layout.texts[i]) \
                    or not self._inflected_noun(layout.texts[i], freq):
                out.append(span)
                continue
            if named is None:
                named = {token_norm(layout.texts[j]) for s in spans
                         if s.label_ == "PER" and len(s) > 1 for j in range(s.start, s.end)}
                named |= {token_norm(layout.texts[j]) for j in range(1, len(doc))
                          if is_title(doc, j - 1)
                          and normalize_key(layout.texts[j - 1]) not in _NOT_OPENING}
            if token_norm(layout.texts[i]) in named:
                out.append(span)
        return out

    def _inflected_token(self, layout: Layout, i: int) -> bool:
        """:meth:`_inflected_noun` of token ``i``."""
        return self._inflected_noun(layout.texts[i], word_frequencies())

    def _inflected_noun(self, text: str, freq: dict[str, int]) -> bool:
        """``text`` is a common noun with a pronoun ending or in the indefinite accusative,
        and no name (:meth:`_without_inflected_nouns`)."""
        key, norm = normalize_key(text), token_norm(text)
        classes = self._classes.get(norm, "")
        if "FIRST" in classes or "LAST" in classes or key.endswith("يا") \
                or self._written_in_persons(text):
            return False
        for ending in _NOUN_ENDINGS:
            if not key.endswith(ending) or len(key) - len(ending) < 3:
                continue
            stem = key[:-len(ending)] + ("ه" if ending.startswith("ت") else "")
            bare = stem[1:] if stem[:1] in PROCLITIC_TOKENS else ""
            if freq.get("ال" + stem, 0) >= NOUN_SEEN or (
                    bare and freq.get("ال" + bare, 0) >= NOUN_SEEN):
                return True
        return False

    def _without_accusative_nouns(self, doc: Doc, layout: Layout,
                                  spans: list[Span]) -> list[Span]:
        """Persons' spans without a last word that is a common noun in the indefinite
        accusative, where the model ran on into the sentence: "عزت أبو عوف" + "برنامجا",
        "حداد" + "وزيرا" (was minister), "سعود" + "مرسوما". Such a word ends in "ا", is
        seen in news on its own and its stem is common with the article ("الوزير"; the
        frequency table of resources/text). A name-list word ("رشا"), a foreign name
        ("جيوبا", "سانتانا": no "الجيوب" often enough, no "السانتان") and a word the
        document also writes where only a name can stand (after a preposition or a "keep"
        noun of adjective_homographs.tsv, where an accusative cannot: "من آلبا" for "خوردي
        ألبا", though "الألب" are the Alps) stay."""
        freq = word_frequencies()
        named: set[str] | None = None
        out = []
        for span in spans:
            last = span.end - 1
            word = normalize_key(layout.texts[last])
            if span.label_ != "PER" or last == span.start or layout.joined[last] \
                    or (span.end < len(doc) and layout.joined[span.end]) or len(word) < 4 \
                    or not word.endswith("ا") or word.endswith("يا") \
                    or freq.get(word, 0) < _ACCUSATIVE_SEEN \
                    or freq.get("ال" + word[:-1], 0) < NOUN_SEEN:
                out.append(span)
                continue
            classes = self._features.classes.get(token_norm(layout.texts[last]), "")
            if named is None:
                keep, norms = homograph_table().keep, list(map(normalize_key, layout.texts))
                named = {norms[i] for i in range(1, len(doc)) if norms[i - 1] in keep
                         or (layout.joined[i] and layout.texts[i - 1] in ("ب", "ل", "ك"))}
            if "FIRST" in classes or "LAST" in classes or word in named:
                out.append(span)
            else:
                out.append(Span(doc, span.start, last, label="PER"))
        return out
