"""PLOVER event coding and entity relations (the ``rasid_events`` pipeline stage).

    >>> from rasid.events import code_events, extract_relations
    >>> record.events = code_events(record)      # record with entities/times/quotes filled
    >>> record.relations = extract_relations(record)
"""

from rasid.events.actors import add_actor_entities
from rasid.events.extract import code_events
from rasid.events.relations import extract_relations

__all__ = ["add_actor_entities", "code_events", "extract_relations"]
