"""rasid.events: PLOVER coding on real sentences from ../shared/corpus.

The upstream stages (entities, times, quotes) are built by hand here so that these tests pin
the event coder alone: each case names the entity surfaces of its sentence the way the
linker would give them (one entity per name, every occurrence a mention).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from rasid.document import DocumentRecord, Entity, Quote, Sentence, Span, validate
from rasid.events import code_events, extract_relations
from rasid.events.lexicon import load_lexicon
from rasid.text import split_sentences


def sentence_with(corpus_text, name: str, snippet: str) -> str:
    """The sentence of corpus article ``name`` that contains ``snippet``."""
    text = corpus_text(name)
    at = text.index(snippet)
    for s, e in split_sentences(text):
        if s <= at < e:
            return text[s:e]
    raise AssertionError(f"{snippet!r} not inside one sentence of {name}")


def record(text: str, entities: dict[str, str] | None = None, *,
           aliases: dict[str, str] | None = None, published: str | None = None
           ) -> DocumentRecord:
    """A record with hand-made entities: {surface: TYPE}; aliases {surface: other surface}
    add mentions to an existing entity (coreference, as the linker would)."""
    rec = DocumentRecord(id="t", text=text, published=published)
    rec.sentences = [Sentence(s, e) for s, e in split_sentences(text)]
    taken: list[tuple[int, int]] = []
    by_name: dict[str, Entity] = {}
    forms = [(surf, surf, typ) for surf, typ in (entities or {}).items()]
    forms += [(alias, head, "") for alias, head in (aliases or {}).items()]
    for surf, head, typ in sorted(forms, key=lambda f: -len(f[0])):
        ent = by_name.get(head)
        if ent is None:
            ent = Entity(f"e{len(by_name) + 1}", typ or "GPE", head)
            by_name[head] = ent
        for m in re.finditer(re.escape(surf), text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            ent.mentions.append(Span(m.start(), m.end(), surf))
    rec.entities = [e for e in by_name.values() if e.mentions]
    for e in rec.entities:
        e.mentions.sort(key=lambda m: m.start)
    return rec


def coded(rec: DocumentRecord):
    rec.events = code_events(rec)
    rec.relations = extract_relations(rec)
    validate(rec)
    return rec.events


def name(rec: DocumentRecord, eid: str | None) -> str | None:
    ent = rec.entity(eid)
    return ent.name if ent else None


def event(events, trigger: str, rec: DocumentRecord | None = None, ctx: str | None = None):
    """The event whose trigger contains ``trigger`` (inside ``ctx`` of rec.text if given)."""
    hits = [v for v in events if trigger in v.trigger.text]
    if ctx is not None and rec is not None:
        at = rec.text.index(ctx)
        hits = [v for v in hits if at <= v.trigger.start < at + len(ctx)]
    assert hits, f"no event with trigger {trigger!r}: {[v.trigger.text for v in events]}"
    return hits[0]


# --------------------------------------------------------------------------- categories

CATEGORY_CASES = [
    # (article, snippet locating the sentence, trigger, category, mode or None)
    ("010", "لاغتيال العقيد حسن خدايي", "اغتيال", "ASSAULT", "assassination"),
    ("010", "حيث أطلق شخصان النار", "أطلق", "ASSAULT", "firearms"),
    ("009", "كما اعتقلت عشرات", "اعتقلت", "COERCE", "arrest"),
    ("007", "حيث تحشد -حسب", "تحشد", "MOBILIZE", None),
    ("001", "طرد دبلوماسييْن فنلنديين", "طرد", "SANCTION", "expel"),
    ("013", "التي تفرض عقوبات على صادرات", "تفرض", "SANCTION", "sanctions"),
    ("012", "للدموع مظاهرة في حي", "مظاهرة", "PROTEST", "demonstrate"),
    ("010", "الإيراني يتوعد بالثأر", "يتوعد", "THREATEN", None),
    ("010", "رفض مكتب رئيس الوزراء الإسرائيلي", "رفض", "REJECT", None),
    ("010", "اتهمت طهران تل أبيب", "اتهمت", "ACCUSE", "accuse"),
    ("005", "إن واشنطن طلبت من إسرائيل", "طلبت", "REQUEST", None),
    ("007", "واشنطن تدعم كييف بمدافع", "تدعم", "AID", "military"),
    ("007", "من أن انضمام أوكرانيا", "انضمام", "COOPERATE", "join"),
    ("005", "وواشنطن تدعم التحقيق", "تدعم", "SUPPORT", None),
    ("004", "ووافق الكونغرس الأميركي", "وافق", "AGREE", None),
    ("007", "إنهما ناقشا تعزيز", "ناقشا", "CONSULT", "discuss"),
    ("007", "أوامر بالانسحاب لمئات", "انسحاب", "RETREAT", "withdraw"),
    ("012", "مرسوما برفع حالة الطوارئ", "رفع", "CONCEDE", None),
]


@pytest.mark.parametrize(("article", "snippet", "trigger", "category", "mode"), CATEGORY_CASES)
def test_each_category_on_a_real_sentence(corpus_text, article, snippet, trigger, category,
                                          mode):
    sent = sentence_with(corpus_text, article, snippet)
    v = event(coded(record(sent)), trigger)
    assert v.type == category
    if mode is not None:
        assert v.mode == mode


def test_lexicon_covers_every_category_the_issue_lists():
    cats = {t.type for ts in load_lexicon().words.values() for t in ts}
    cats |= {p.trigger.type for p in load_lexicon().phrases}
    assert {"CONSULT", "AGREE", "SUPPORT", "COOPERATE", "AID", "REQUEST", "ACCUSE", "REJECT",
            "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "CONCEDE",
            "RETREAT"} <= cats


def test_search_is_not_consultation(corpus_text):
    sent = sentence_with(corpus_text, "007", "بحثا عن عبوات ناسفة")
    assert not [v for v in coded(record(sent)) if v.type == "CONSULT"]


def test_homographs_of_triggers_in_real_news(corpus_text):
    """cues.tsv v3: bare "صوت" is a voice ("إذاعة صوت فلسطين"), while "صوّت" with its shadda
    voted; "الطلب" after a market word is demand; "تستهدف تحقيق" aims at a figure. The
    last two sentences are 2018 news from ../shared/data/raw."""
    radio = sentence_with(corpus_text, "011", "إذاعة صوت فلسطين")
    assert not [v for v in coded(record(radio)) if v.type == "SUPPORT"]
    vote = sentence_with(corpus_text, "001", "صوّت البرلمان الفنلندي")
    assert event(coded(record(vote)), "صوّت").type == "SUPPORT"
    market = ("وانحسر الطلب على المعادن النفيسة بفعل توقعات بزيادات في أسعار الفائدة الأميركية. "
              "فقد أدى تراجع الطلب من كلٍ من الأسواق المحلية والأجنبية إلى تراجع نمو الأعمال "
              "الجديدة.")
    assert not [v for v in coded(record(market)) if v.type == "REQUEST"]
    budget = ("وقال رئيس الوزراء المصري، شريف إسماعيل، إن الموازنة تستهدف تحقيق فائض أولي "
              "قدره 2% من الناتج المحلي، وخفض عجز الموازنة")
    assert not [v for v in coded(record(budget, {"شريف إسماعيل": "PER"}))
                if v.type == "ASSAULT"]


# --------------------------------------------------------------------------- word order

def test_vso_actor_then_target(corpus_text):
    sent = sentence_with(corpus_text, "010", "اتهمت طهران تل أبيب")
    rec = record(sent, {"طهران": "GPE", "تل أبيب": "GPE"})
    v = event(coded(rec), "اتهمت")
    assert (name(rec, v.actor), name(rec, v.target)) == ("طهران", "تل أبيب")


def test_svo_actor_and_prepositional_target(corpus_text):
    sent = sentence_with(corpus_text, "005", "إن واشنطن طلبت من إسرائيل")
    rec = record(sent, {"واشنطن": "GPE", "إسرائيل": "GPE", "شيرين أبو عاقلة": "PER"})
    v = event(coded(rec), "طلبت")
    assert (name(rec, v.actor), name(rec, v.target)) == ("واشنطن", "إسرائيل")


def test_vso_title_before_subject_and_nisba_not_taken_as_object(corpus_text):
    sent = sentence_with(corpus_text, "010", "أنها ستهاجم المصالح")
    rec = record(sent, {"إسرائيل": "GPE", "إيران": "GPE"})
    v = event(coded(rec), "تهاجم")
    # "أنها ستهاجم المصالح الإيرانية": she (Israel, through the reporting verb) attacks
    # Iranian interests: the nisba adjective is the target, and the threat is future
    assert name(rec, v.actor) == "إسرائيل"
    assert name(rec, v.target) == "إيران"
    assert v.hypothetical


def test_relative_clause_subject(corpus_text):
    sent = sentence_with(corpus_text, "007", "الذي يعارض منح")
    rec = record(sent, {"أولاف شولتز": "PER", "أوكرانيا": "GPE", "إيمانويل ماكرون": "PER"})
    v = event(coded(rec), "يعارض")
    assert (name(rec, v.actor), name(rec, v.target)) == ("أولاف شولتز", "أوكرانيا")


# --------------------------------------------------------------------------- voice, nouns

def test_passive_with_agent_phrase(corpus_text):
    sent = sentence_with(corpus_text, "005", "التي قتلت برصاص الاحتلال")
    rec = record(sent, {"شيرين أبو عاقلة": "PER", "الاحتلال": "ORG", "مخيم جنين": "FAC"})
    v = event(coded(rec), "قتلت")
    assert name(rec, v.actor) == "الاحتلال"  # the agent, not the grammatical subject
    assert name(rec, v.target) == "شيرين أبو عاقلة"


def test_nominal_event_genitive_is_the_victim(corpus_text):
    sent = sentence_with(corpus_text, "010", "منذ اغتيال فخري زاده")
    rec = record(sent, {"خدايي": "PER", "فخري زاده": "PER", "إيران": "GPE"})
    v = event(coded(rec), "اغتيال", rec, "منذ اغتيال فخري")
    assert v.type == "ASSAULT" and v.mode == "assassination"
    assert name(rec, v.target) == "فخري زاده"


def test_nominal_event_with_subject_and_object(corpus_text):
    sent = sentence_with(corpus_text, "005", "لاقتحام الجيش الإسرائيلي لمخيم جنين")
    rec = record(sent, {"الجيش الإسرائيلي": "ORG", "مخيم جنين": "FAC",
                        "عبد الله": "PER", "أنطون أبو عاقلة": "PER"})
    v = event(coded(rec), "اقتحام")
    assert v.type == "COERCE"
    assert (name(rec, v.actor), name(rec, v.target)) == ("الجيش الإسرائيلي", "مخيم جنين")


def test_nisba_adjective_after_event_noun_is_the_actor(corpus_text):
    sent = sentence_with(corpus_text, "004", "وتسبب القصف الروسي")
    rec = record(sent, {"روسيا": "GPE", "سيفيرودونيتسك": "GPE", "لوغانسك": "GPE"},
                 aliases={"الروسي": "روسيا"})
    v = event(coded(rec), "القصف")
    assert name(rec, v.actor) == "روسيا"


def test_unknown_actor_stays_null(corpus_text):
    # "لمقتل العقيد ... خدايي أمس الأحد على يد مجهولين في طهران": killed by unknown men
    sent = sentence_with(corpus_text, "010", "على يد مجهولين")
    rec = record(sent, {"إبراهيم رئيسي": "PER", "حسن صياد خدايي": "PER", "طهران": "GPE",
                        "الحرس الثوري": "ORG", "إسرائيل": "GPE", "إيران": "GPE"})
    v = event(coded(rec), "مقتل")
    assert v.actor is None
    assert name(rec, v.target) == "حسن صياد خدايي"
    assert name(rec, v.location) == "طهران"


# --------------------------------------------------------------------------- flags

def test_refusal_negates_the_next_event_only(corpus_text):
    sent = sentence_with(corpus_text, "006", "امتنعت حتى الآن عن التنديد")
    rec = record(sent, {"روسيا": "GPE", "أوكرانيا": "GPE", "الهند": "GPE"})
    events = coded(rec)
    assert event(events, "التنديد").negated
    assert not event(events, "هجوما").negated


def test_negated_verb(corpus_text):
    sent = sentence_with(corpus_text, "008", "لا يهدد روسيا")
    rec = record(sent, {"روسيا": "GPE", "السويد": "GPE", "فنلندا": "GPE"})
    v = event(coded(rec), "يهدد")
    assert v.type == "THREATEN" and v.negated
    assert name(rec, v.target) == "روسيا"


def test_negated_nominal_event(corpus_text):
    sent = sentence_with(corpus_text, "001", "عدم الانضمام إلى أحلاف")
    v = event(coded(record(sent)), "الانضمام")
    assert v.negated


def test_plan_is_hypothetical_and_fact_is_not(corpus_text):
    sent = sentence_with(corpus_text, "004", "موسكو تخطط لإنشاء 12")
    assert event(coded(record(sent, {"موسكو": "GPE"})), "إنشاء").hypothetical
    sent = sentence_with(corpus_text, "010", "اتهمت طهران تل أبيب")
    assert not event(coded(record(sent)), "اتهمت").hypothetical


# --------------------------------------------------------------------------- time, quotes

@pytest.mark.parametrize(("published", "expected"), [("2022-05-23", "2022-05-22"),
                                                     ("2022-05-30", "2022-05-29")])
def test_event_date_resolves_against_the_publication_date(corpus_text, published, expected):
    from rasid.time import tag_times

    sent = sentence_with(corpus_text, "010", "إنه فكّك خلية")
    rec = record(sent, {"الحرس الثوري الإيراني": "ORG", "إسرائيل": "GPE", "الموساد": "ORG"},
                 published=published)
    rec.times, _ = tag_times(sent, dt.date.fromisoformat(published))
    events = coded(rec)
    dated = {v.trigger.text: next(t.value for t in rec.times if t.id == v.time)
             for v in events if v.time}
    assert dated.get("فكّك") == expected
    # the coordinated verb "وألقى القبض" shares its subject and its date
    arrest = event(events, "ألقى")
    assert name(rec, arrest.actor) == "الحرس الثوري الإيراني"
    assert dated.get(arrest.trigger.text) == expected


def test_undated_clause_gets_no_time(corpus_text):
    from rasid.time import tag_times

    sent = sentence_with(corpus_text, "010", "وراء تصفيته")
    rec = record(sent, published="2022-05-23")
    rec.times, _ = tag_times(sent, dt.date(2022, 5, 23))
    v = event(coded(rec), "اتهمت")
    assert v.time is None  # "27 نوفمبر 2020" dates the assassination, not the accusation


def test_threat_in_a_quote_is_attributed_to_the_speaker(corpus_text):
    sent = sentence_with(corpus_text, "008", "لا يهدد روسيا")
    rec = record(sent, {"فلاديمير بوتين": "PER", "السويد": "GPE", "فنلندا": "GPE",
                        "روسيا": "GPE"}, aliases={"بوتين": "فلاديمير بوتين"})
    at = sent.index("ترشح")
    end = sent.index("للرد") + len("للرد")
    putin = next(e for e in rec.entities if e.name == "فلاديمير بوتين")
    rec.quotes = [Quote("q1", "indirect", at, end, sent[at:end], speaker=putin.id)]
    v = event(coded(rec), "يهدد")
    assert v.quote == "q1"
    assert v.actor == putin.id


# --------------------------------------------------------------------------- relations

def test_role_relations_with_evidence(corpus_text):
    sent = sentence_with(corpus_text, "010", "قال الرئيس الإيراني إبراهيم رئيسي")
    rec = record(sent, {"إبراهيم رئيسي": "PER", "إيران": "GPE", "طهران": "GPE",
                        "الحرس الثوري": "ORG"})
    rels = extract_relations(rec)
    pres = [r for r in rels if r.label == "president_of"]
    assert [(name(rec, r.head), name(rec, r.tail)) for r in pres] == [("إبراهيم رئيسي",
                                                                        "إيران")]
    ev = pres[0].evidence
    assert sent[ev.start:ev.end] == "الرئيس الإيراني إبراهيم رئيسي"


def test_spokesperson_relation(corpus_text):
    sent = sentence_with(corpus_text, "010", "العميد رمضان شريف قال السبت")
    rec = record(sent, {"رمضان شريف": "PER", "الحرس الثوري": "ORG", "إيران": "GPE",
                        "إسرائيل": "GPE"})
    rels = {(r.label, name(rec, r.head), name(rec, r.tail)) for r in extract_relations(rec)}
    assert ("spokesperson_of", "رمضان شريف", "الحرس الثوري") in rels


def test_his_country_resolves_through_the_speakers_role(corpus_text):
    sent = sentence_with(corpus_text, "004", "أن بلاده ستُنشئ 12")
    rec = record(sent, {"سيرغي شويغو": "PER", "روسيا": "GPE", "فنلندا": "GPE",
                        "السويد": "GPE", "حلف شمال الأطلسي": "ORG"},
                 aliases={"الروسي": "روسيا"})
    v = event(coded(rec), "تُنشئ")
    assert v.type == "MOBILIZE" and v.hypothetical
    assert name(rec, v.actor) == "روسيا"


def test_no_entities_still_codes_events_with_null_arguments(corpus_text):
    rec = record(corpus_text("009"))
    events = coded(rec)
    assert len(events) >= 10
    assert all(v.actor is None and v.target is None for v in events)
    assert [v.id for v in events] == [f"v{n}" for n in range(1, len(events) + 1)]


def test_occupation_forces_name_israel_when_israel_is_in_the_record(corpus_text):
    sent = sentence_with(corpus_text, "009", "اعتداء الاحتلال على الجنازة")
    rec = record(sent, {"إسرائيل": "GPE", "وزارة الخارجية الفلسطينية": "ORG"})
    v = event(coded(rec), "اعتداء")
    assert v.type == "ASSAULT" and name(rec, v.actor) == "إسرائيل"
    # without Israel among the entities nothing is invented
    rec = record(sent, {"وزارة الخارجية الفلسطينية": "ORG"})
    assert event(coded(rec), "اعتداء").actor is None


def test_subject_of_a_plan_verb_does_the_planned_act(corpus_text):
    sent = sentence_with(corpus_text, "004", "موسكو تخطط لإنشاء 12")
    rec = record(sent, {"موسكو": "GPE", "الناتو": "ORG", "أوكرانيا": "GPE", "روسيا": "GPE"})
    v = event(coded(rec), "إنشاء")
    assert v.type == "MOBILIZE" and v.hypothetical
    assert name(rec, v.actor) == "موسكو"
