"""Capitals that stand for their states in events ("واشنطن تستعد لإرسال", "تقصف موسكو").

News names a government by its capital: when Washington sends howitzers, the actor is the
United States, and when aid goes to Kyiv, Ukraine receives it. Event coders (PETRARCH,
GDELT's CAMEO actors) code such capitals as the state. rasid does the same, conservatively:

- an event's **actor** that is a capital city (KB kind ``capital``) becomes its state;
- a **target** only for political categories (aid, talks, accusations, sanctions...):
  "السيطرة على كييف" (COERCE) and "قصف كييف" (ASSAULT) are about the city itself;
- only when the document already names the state as an entity, so no entity is invented
  and every id keeps its evidence in the text (the capital's own entity stays as it is).
"""

from __future__ import annotations

from rasid.document import DocumentRecord, Event
from rasid.kb import open_kb

__all__ = ["capitals_as_states", "STATE_TARGET_TYPES"]

# categories whose target is a polity rather than a place: a capital there means the state
STATE_TARGET_TYPES = frozenset((
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "SANCTION", "CONCEDE", "RETREAT"))


def capitals_as_states(record: DocumentRecord, events: list[Event]) -> None:
    """Replace capital-city actors (and targets of political events) by their state's entity
    where the record has one; see the module docstring."""
    if not events:
        return
    kb = open_kb()
    by_kb = {e.kb_id: e.id for e in record.entities if e.kb_id}
    state_of: dict[str, str | None] = {}

    def state(entity_id: str | None) -> str | None:
        if entity_id is None:
            return None
        if entity_id not in state_of:
            ent = record.entity(entity_id)
            kbe = kb.get(ent.kb_id) if ent is not None and ent.kb_id else None
            state_of[entity_id] = (by_kb.get(kbe.country)
                                   if kbe is not None and kbe.kind == "capital" else None)
        return state_of[entity_id]

    for v in events:
        if (s := state(v.actor)) is not None and s != v.target:
            v.actor = s
        if v.type in STATE_TARGET_TYPES and (s := state(v.target)) is not None \
                and s != v.actor:
            v.target = s
