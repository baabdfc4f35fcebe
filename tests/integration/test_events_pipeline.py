"""rasid_events inside the real pipeline: ids resolve, offsets hold, dates follow published."""

from __future__ import annotations

from rasid.document import validate
from rasid.pipeline import analyze


def test_pipeline_events_resolve_to_record_ids(corpus_text):
    record = analyze(corpus_text("010"), published="2022-05-23")
    validate(record)  # every actor/target/location/time id exists, trigger text == slice
    assert len(record.events) >= 20
    names = {e.id: e.name for e in record.entities}
    accuse = [v for v in record.events if v.type == "ACCUSE" and v.trigger.text == "اتهمت"]
    # "اتهمت طهران": the capital stands for the state, which the article names
    assert accuse and names.get(accuse[0].actor) == "إيران"
    assert any(r.label == "president_of" and names.get(r.head) == "إبراهيم رئيسي"
               for r in record.relations)


def test_pipeline_event_dates_move_with_the_publication_date(corpus_text):
    text = corpus_text("010")
    a = analyze(text, published="2022-05-23")
    b = analyze(text, published="2022-05-30")

    def dated(record):
        times = {t.id: t.value for t in record.times}
        return {v.trigger.start: times.get(v.time) for v in record.events if v.time}

    da, db = dated(a), dated(b)
    shared = [k for k in da if k in db and da[k] and da[k].startswith("2022-05-2")]
    assert shared, "no relatively dated event"
    assert any(da[k] != db[k] for k in shared)


def test_events_stage_runs_without_entities():
    from rasid.pipeline import build

    nlp = build(["rasid_segment", "rasid_events"])
    record = analyze("واتهمت الحكومة المعارضة بالتحريض على العنف.", nlp=nlp)
    validate(record)
    assert [v.type for v in record.events] == ["ACCUSE"]
    # no named entity, but "الحكومة" is an actor phrase: an entity of its own, no kb_id
    actor = record.entity(record.events[0].actor)
    assert actor is not None and actor.name == "الحكومة" and actor.kb_id is None


def test_generic_forces_are_actor_phrases_not_named_entities(corpus_text):
    """"فرّقت قوات الأمن السودانية": NER leaves the description alone (not_entities.txt) and
    the events stage resolves it to the country the adjective names."""
    record = analyze(corpus_text("012"), published="2022-05-30")
    validate(record)
    names = {e.id: e.name for e in record.entities}
    dispersal = [v for v in record.events if v.trigger.text == "فرّقت"]
    assert dispersal and names.get(dispersal[0].actor) == "السودان"
    assert not any(e.name == "قوات الأمن" and e.kb_id for e in record.entities)
