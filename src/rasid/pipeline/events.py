"""``rasid_events``: PLOVER events (record.events) and entity relations (record.relations).

Reads record.entities (from rasid_link), adds an entity (type ORG, no kb_id) for each
generic actor phrase that stands for none of them ("الشرطة", "مسلحون"; see
:mod:`rasid.events.actors`), and reads record.times (rasid_time) and record.quotes
(rasid_quotes) and the sentence boundaries; see :mod:`rasid.events`.
"""

from spacy.attrs import IDX, IS_SPACE, LENGTH
from spacy.language import Language
from spacy.tokens import Doc

from rasid.document import DocumentRecord
from rasid.events import add_actor_entities, code_events, extract_relations
from rasid.events.extract import prime_tokens
from rasid.pipeline.base import RecordStage


@Language.factory("rasid_events")
class EventsComponent(RecordStage):
    def fill(self, doc: Doc, record: DocumentRecord) -> None:
        # the Doc's tokens, read from arrays (no Token objects); record.text is doc.text
        text = record.text
        prime_tokens(text, ((idx, idx + length, text[idx:idx + length])
                            for idx, length, space in doc.to_array([IDX, LENGTH, IS_SPACE]).tolist()
                            if not space))
        record.relations = extract_relations(record)
        add_actor_entities(record)  # "قوات الاحتلال", "الشرطة": actors that are no name
        record.events = code_events(record, relations=record.relations)
