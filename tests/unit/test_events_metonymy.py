"""rasid.events.metonymy: a capital acting in an event stands for its state, on real
sentences from ../shared/corpus (entities made by hand, with the KB ids the linker gives)."""

from __future__ import annotations

from test_events_actors import record, sentence_with

from rasid.document import validate
from rasid.events import add_actor_entities, code_events

MOSCOW, RUSSIA, KYIV, UKRAINE = "Q649", "Q159", "Q1899", "Q212"


def _coded(text: str, entities: dict[str, tuple[str, str | None]]):
    rec = record(text, {surface: typ for surface, (typ, _) in entities.items()})
    for ent in rec.entities:
        ent.kb_id = entities[ent.name][1]
    add_actor_entities(rec)
    rec.events = code_events(rec)
    validate(rec)
    return rec


def _kb(rec, eid):
    ent = rec.entity(eid)
    return ent.kb_id if ent else None


def test_capital_actor_is_the_state_named_in_the_document(corpus_text):
    text = sentence_with(corpus_text, "007", "تقصف موسكو")
    rec = _coded(text, {"موسكو": ("GPE", MOSCOW), "روسيا": ("GPE", RUSSIA),
                        "سيفيرودونيتسك": ("GPE", None)})
    shelling = next(v for v in rec.events if v.trigger.text == "تقصف")
    assert _kb(rec, shelling.actor) == RUSSIA  # the text says Moscow; Russia shells
    assert rec.entity(shelling.target).name == "سيفيرودونيتسك"
    # the capital stays an entity of its own, with its mention
    assert any(e.kb_id == MOSCOW and e.mentions for e in rec.entities)


def test_capital_stays_when_the_state_is_not_named(corpus_text):
    text = sentence_with(corpus_text, "007", "تقصف موسكو")
    text = text[:text.index("، كما أعلنت")]  # cut before "روسيا"
    rec = _coded(text, {"موسكو": ("GPE", MOSCOW), "سيفيرودونيتسك": ("GPE", None)})
    shelling = next(v for v in rec.events if v.trigger.text == "تقصف")
    assert _kb(rec, shelling.actor) == MOSCOW  # no entity is invented


def test_capital_target_is_the_state_only_in_political_events(corpus_text):
    text = sentence_with(corpus_text, "007", "أبدت روسيا")
    rec = _coded(text + " وتواصل القوات الروسية السيطرة على كييف. وأرسلت بولندا أسلحة إلى "
                 "كييف دعما لأوكرانيا.",
                 {"روسيا": ("GPE", RUSSIA), "كييف": ("GPE", KYIV),
                  "أوكرانيا": ("GPE", UKRAINE), "بولندا": ("GPE", None)})
    control = next(v for v in rec.events if v.trigger.text == "السيطرة")
    assert control.type == "COERCE" and _kb(rec, control.target) == KYIV  # the city itself
    sent = next(v for v in rec.events if v.trigger.text == "أرسلت")
    assert sent.type == "AID" and _kb(rec, sent.target) == UKRAINE  # aid goes to the state
