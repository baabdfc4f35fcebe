"""rasid.events: actors that are no name, nationality adjectives, light verbs, relative
clauses and participles, on real sentences from ../shared/corpus.

As in test_events.py, the upstream entities are made by hand from surfaces (the way the
linker would give them), so these tests pin the event coder alone.
"""

from __future__ import annotations

import datetime as dt
import re

from test_events import sentence_with

from rasid.document import DocumentRecord, Entity, Sentence, Span, validate
from rasid.events import add_actor_entities, code_events
from rasid.events.actors import ACTOR_CONFIDENCE
from rasid.events.extract import _nisba_table
from rasid.events.lexicon import key
from rasid.text import split_sentences
from rasid.time import tag_times


def record(text: str, entities: dict[str, str]) -> DocumentRecord:
    """Entities {surface: TYPE}, every occurrence a mention, longest surfaces first."""
    rec = DocumentRecord(id="t", text=text, published="2022-05-20")
    rec.sentences = [Sentence(s, e) for s, e in split_sentences(text)]
    taken: list[tuple[int, int]] = []
    for n, (surf, typ) in enumerate(sorted(entities.items(), key=lambda f: -len(f[0])), 1):
        ent = Entity(f"e{n}", typ, surf)
        for m in re.finditer(re.escape(surf), text):
            if not any(m.start() < e and s < m.end() for s, e in taken):
                taken.append((m.start(), m.end()))
                ent.mentions.append(Span(m.start(), m.end(), surf))
        if ent.mentions:
            rec.entities.append(ent)
    return rec


def coded(rec: DocumentRecord):
    """What the pipeline component does: actor entities, then events; the record validates."""
    add_actor_entities(rec)
    rec.events = code_events(rec)
    validate(rec)
    return rec.events


def event(rec: DocumentRecord, trigger: str, ctx: str | None = None):
    at = rec.text.index(ctx) if ctx else 0
    hits = [v for v in rec.events if trigger in v.trigger.text
            and (ctx is None or at <= v.trigger.start < at + len(ctx))]
    assert hits, f"no event {trigger!r}: {[v.trigger.text for v in rec.events]}"
    return hits[0]


def name(rec: DocumentRecord, eid: str | None) -> str | None:
    ent = rec.entity(eid)
    return ent.name if ent else None


# ------------------------------------------------------------------ generic actor phrases

def test_phrase_with_nisba_stands_for_the_country(corpus_text):
    # title of 003: "الحكومة الباكستانية تستدعي الجيش ..." and Pakistan named later
    text = corpus_text("003")
    rec = record(text[:text.index("بأن الحكومة استدعت") + 40], {"باكستان": "GPE"})
    coded(rec)
    v = event(rec, "تستدعي")
    assert v.type == "MOBILIZE"
    assert name(rec, v.actor) == "باكستان"
    assert not any(e.name == "الحكومة الباكستانية" for e in rec.entities)


def test_unqualified_phrase_becomes_its_own_entity(corpus_text):
    text = sentence_with(corpus_text, "003", "الشرطة حطمت")
    rec = record(text, {"ياسمين رشيد": "PER", "حركة إنصاف": "ORG"})
    added = add_actor_entities(rec)
    police = [e for e in added if e.name == "الشرطة"]
    assert len(police) == 1
    ent = police[0]
    assert ent.type == "ORG" and ent.kb_id is None and ent.name_en == "police"
    assert ent.confidence == ACTOR_CONFIDENCE
    assert all(text[m.start:m.end] == "الشرطة" for m in ent.mentions)
    rec.events = code_events(rec)
    validate(rec)
    assert event(rec, "حطمت").actor == ent.id


def test_actor_entities_get_an_english_name_from_their_words(corpus_text):
    """actors.tsv v2: the glosses compose the English name, qualifiers before the head; a
    country the record does not name follows in parentheses (the knowledge base's name)."""
    text = sentence_with(corpus_text, "005", "انهال عناصر الشرطة")
    english = {e.name: e.name_en for e in add_actor_entities(record(text, {}))}
    assert english["عناصر الشرطة"] == "police members"
    text = sentence_with(corpus_text, "004", "استيلاء القوات الروسية")
    english = {e.name: e.name_en for e in add_actor_entities(record(text, {}))}
    assert english["القوات الروسية"] == "forces (Russia)"


def test_bare_plural_forces_word_is_no_actor(corpus_text):
    # "وحدات" / "قوات" alone need a qualifier: "سيتمّ نشر وحدات في المنطقة" has no actor
    text = sentence_with(corpus_text, "004", "نشر وحدات")
    rec = record(text, {})
    assert not [e for e in add_actor_entities(rec) if e.name.startswith("وحدات")]


def test_occupation_police_in_idafa_and_coordinated_light_verb(corpus_text):
    text = sentence_with(corpus_text, "005", "اقتحمت شرطة الاحتلال")
    rec = record(text, {"القدس": "GPE"})
    coded(rec)
    storm = event(rec, "اقتحمت")
    # "في القدس الشرقية اقتحمت ...": the place phrase is adverbial, the subject follows
    assert name(rec, storm.actor) == "شرطة الاحتلال"
    # "... وحاولت تفريق حشد": the coordinated light verb keeps the same doer
    assert event(rec, "تفريق").actor == storm.actor


def test_occupation_forces_resolve_to_israel_when_named(corpus_text):
    text = corpus_text("009")
    rec = record(text, {"إسرائيل": "GPE", "القدس": "GPE"})
    coded(rec)
    israel = next(e.id for e in rec.entities if e.name == "إسرائيل")
    v = event(rec, "اعتداء", "الرئاسة الفلسطينية إن اعتداء قوات الاحتلال")
    assert v.actor == israel
    # no entity of its own for a phrase that stands for Israel
    assert not any(e.name.startswith("قوات الاحتلال") for e in rec.entities)


# ------------------------------------------------------------------ nationality adjectives

def test_kb_countries_give_nisba_adjectives_and_events_table_wins():
    table = _nisba_table()
    # "المنتجات الأوكرانية والروسية والبيلاروسية" (002): Belarus is only in the KB seed
    assert table[key("بيلاروسية")][0] == key("بيلاروسيا")
    # events/nisba.tsv comes first: its referents include the capital
    assert key("واشنطن") in table[key("أميركي")]
    # "جورجيفا" (a surname, 014) is no nisba form
    assert key("جورجيفا") not in table


def test_nisba_after_a_noun_is_the_objects_not_the_doers(corpus_text):
    # "احتجاز الناقلتين اليونانيتين": Greek tankers were seized, Greece seized nothing
    text = sentence_with(corpus_text, "013", "احتجاز الناقلتين اليونانيتين")
    rec = record(text, {"اليونانيتين": "GPE", "الحرس الثوري الإيراني": "ORG"})
    coded(rec)
    greece = next(e.id for e in rec.entities if e.name == "اليونانيتين")
    v = event(rec, "احتجاز")
    assert v.actor != greece
    assert v.target == greece


# ------------------------------------------------------------------ light verbs, clauses

def test_light_verb_with_its_subject_between(corpus_text):
    text = sentence_with(corpus_text, "007", "فشل موسكو في السيطرة")
    rec = record(text, {"موسكو": "GPE", "كييف": "GPE"})
    coded(rec)
    v = event(rec, "السيطرة", "فشل موسكو في السيطرة")
    assert name(rec, v.actor) == "موسكو"
    assert name(rec, v.target) == "كييف"
    assert v.negated  # "فشل في": a failure


def test_relative_clause_subject_is_the_antecedent(corpus_text):
    text = sentence_with(corpus_text, "027", "الذي يقوم بزيارة")
    rec = record(text, {"سيرغي لافروف": "PER", "الجزائر": "GPE"})
    coded(rec)
    v = event(rec, "زيارة", "الذي يقوم بزيارة")
    assert name(rec, v.actor) == "سيرغي لافروف"
    assert name(rec, v.target) == "الجزائر"


def test_relative_clause_after_a_preposition(corpus_text):
    text = sentence_with(corpus_text, "006", "بروسيا التي شنت هجوما")
    rec = record(text, {"روسيا": "GPE", "أوكرانيا": "GPE"})
    coded(rec)
    v = event(rec, "هجوم")
    assert v.type == "ASSAULT"
    assert name(rec, v.actor) == "روسيا"
    assert name(rec, v.target) == "أوكرانيا"


def test_relative_clause_with_resumptive_pronoun_has_antecedent_as_target(corpus_text):
    text = sentence_with(corpus_text, "007", "التي استولت عليها موسكو")
    rec = record(text, {"شبه جزيرة القرم": "LOC", "موسكو": "GPE"})
    coded(rec)
    v = event(rec, "استولت")
    assert name(rec, v.actor) == "موسكو"
    assert name(rec, v.target) == "شبه جزيرة القرم"


def test_verb_after_a_light_verb_takes_its_subject(corpus_text):
    # "المتظاهرين والشرطة التي حاولت منعهم": the police try, and prevent
    text = sentence_with(corpus_text, "003", "حاولت منعهم")
    rec = record(text, {})
    coded(rec)
    assert name(rec, event(rec, "منع", "حاولت منعهم").actor) == "الشرطة"


def test_participle_takes_the_clause_subject(corpus_text):
    text = sentence_with(corpus_text, "007", "محملة كييف")
    rec = record(text, {"روسيا": "GPE", "كييف": "GPE"})
    coded(rec)
    v = event(rec, "محملة")
    assert v.type == "ACCUSE"
    assert name(rec, v.actor) == "روسيا"
    assert name(rec, v.target) == "كييف"


def test_light_verbal_noun_with_its_subject(corpus_text):
    text = sentence_with(corpus_text, "006", "إجراء بيونغ يانغ تجربة")
    rec = record(text, {"بيونغ يانغ": "GPE"})
    coded(rec)
    v = event(rec, "تجربة", "إجراء بيونغ يانغ تجربة")
    assert name(rec, v.actor) == "بيونغ يانغ"


def test_verbal_noun_of_purpose_takes_the_near_subject(corpus_text):
    text = sentence_with(corpus_text, "003", "لتفريق نحو 150")
    rec = record(text, {})
    coded(rec)
    assert name(rec, event(rec, "تفريق", "لتفريق نحو 150").actor) == "الشرطة"


def test_revenge_for_an_event_is_no_purpose(corpus_text):
    # "الرئيس الإيراني يتوعد بالثأر لاغتيال العقيد": Iran's president did not assassinate
    text = corpus_text("010")
    head = text[:text.index("يتوعد بالثأر لاغتيال") + 60]
    rec = record(head, {"إبراهيم رئيسي": "PER", "حسن خدايي": "PER"})
    coded(rec)
    v = event(rec, "اغتيال", "لاغتيال العقيد")
    assert name(rec, v.actor) != "إبراهيم رئيسي"


def test_title_nisba_name_subject_is_the_person(corpus_text):
    text = sentence_with(corpus_text, "004", "ناشد الرئيس الأوكراني زيلينسكي")
    rec = record(text, {"زيلينسكي": "PER", "البرتغال": "GPE"})
    # the linker gives the adjective "الأوكراني" to Ukraine
    ukraine = Entity("e99", "GPE", "أوكرانيا")
    at = text.index("الأوكراني")
    ukraine.mentions.append(Span(at, at + len("الأوكراني"), "الأوكراني"))
    rec.entities.append(ukraine)
    coded(rec)
    v = event(rec, "ناشد")
    assert v.type == "REQUEST"
    assert name(rec, v.actor) == "زيلينسكي"
    assert name(rec, v.target) == "البرتغال"


def test_attack_on_a_coffin_does_not_target_the_dead(corpus_text):
    text = sentence_with(corpus_text, "009", "اعتدت على نعش")
    rec = record(text, {"شيرين أبو عاقلة": "PER"})
    coded(rec)
    v = event(rec, "اعتدت", "اعتدت على نعش")
    assert v.type == "ASSAULT"
    assert v.target is None


# ------------------------------------------------------------------ lexicon 1.2 (047)

def test_coup_attempt_foiled_by_the_government(corpus_text):
    text = sentence_with(corpus_text, "047", "إنها أحبطت محاولة انقلابية")
    rec = record(text, {})
    coded(rec)
    foil = event(rec, "أحبطت")
    coup = event(rec, "محاولة انقلابية")
    assert (foil.type, coup.type, coup.mode) == ("COERCE", "COERCE", "coup")
    # "قالت الحكومة المالية ... إنها أحبطت": the reporting verb's subject; "المالية" is
    # also "financial", so it is no nisba of Mali and the actor is the phrase "الحكومة"
    assert name(rec, foil.actor) == "الحكومة"


def test_dampened_resolve_is_no_foiling(corpus_text):
    text = sentence_with(corpus_text, "003", "أحبط عزيمة")
    rec = record(text, {})
    coded(rec)
    assert not [v for v in rec.events if "أحبط" in v.trigger.text]


def test_participle_of_call_and_state_protest(corpus_text):
    text = sentence_with(corpus_text, "047", "داعيا المواطنين")
    rec = record(text, {"باماكو": "GPE"})
    coded(rec)
    assert event(rec, "داعيا").type == "REQUEST"
    text = sentence_with(corpus_text, "047", "وذلك احتجاجا على رفض")
    rec = record(text, {"مالي": "GPE", "مجموعة دول الساحل الخمس": "ORG"})
    rec.times, _ = tag_times(text, dt.date(2022, 5, 17))
    coded(rec)
    # "مالي أعلنت أول أمس الأحد انسحابها": the light verb's subject, across the date
    # (the category of leaving an organisation is disputed in our gold: RETREAT in 006,
    # SANCTION in 019 and 047; the lexicon says RETREAT)
    withdraw = event(rec, "انسحاب")
    assert name(rec, withdraw.actor) == "مالي"
    assert name(rec, withdraw.target) == "مجموعة دول الساحل الخمس"
    assert event(rec, "احتجاجا").type in ("PROTEST", "ACCUSE")


def test_title_is_no_actor_phrase_and_keeps_its_relation(corpus_text):
    # regression: "الخارجية الروسي" inside "وزير الخارجية الروسي سيرغي لافروف" was taken as
    # an actor phrase and the minister_of relation lost its country
    from rasid.events import extract_relations

    text = sentence_with(corpus_text, "001", "وزير الخارجية الروسي سيرغي لافروف")
    rec = record(text, {"سيرغي لافروف": "PER", "روسيا": "GPE"})
    russia = Entity("e9", "GPE", "روسيا")
    at = text.index("الروسي ")
    russia.mentions.append(Span(at, at + len("الروسي"), "الروسي"))
    rec.entities = [e for e in rec.entities if e.name != "روسيا"] + [russia]
    assert not [e for e in add_actor_entities(rec) if "الخارجية" in e.name]
    rels = extract_relations(rec)
    assert any(r.label == "minister_of" and r.tail == "e9" for r in rels)
