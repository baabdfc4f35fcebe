"""``rasid_events``: PLOVER events (record.events) and entity relations (record.relations).

Reads record.entities (from rasid_link), adds an entity (type ORG, no kb_id) for each
generic actor phrase that stands for none of them ("الشرطة", "مسلحون"; see
:mod:`rasid.events.actors`), and reads record.times (rasid_time) and record.quotes
(rasid_quotes) and the sentence boundaries; see :mod:`rasid.events`.
"""

from __future__ import annotations

from spacy.attrs import IDX, IS_SPACE, LENGTH
from spacy.language import Language
from spacy.tokens import Doc

from rasid.events import add_actor_entities, code_events, extract_relations
from rasid.events.extract import prime_tokens


@Language.factory("rasid_events")
class EventsComponent:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        record = doc._.record
        if record is None:
            return doc
        # the Doc's tokens, read from arrays (no Token objects); record.text is doc.text
        text = record.text
        prime_tokens(text, ((idx, idx + length, text[idx:idx + length])
                            for idx, length, space in doc.to_array([IDX, LENGTH, IS_SPACE]).tolist()
                            if not space))
        record.relations = extract_relations(record)
        add_actor_entities(record)  # "قوات الاحتلال", "الشرطة": actors that are no name
        record.events = code_events(record, relations=record.relations)
        return doc

    def pipe(self, docs, batch_size: int = 32):
        for doc in docs:
            yield self(doc)
