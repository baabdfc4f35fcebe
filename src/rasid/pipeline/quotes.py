"""``rasid_quotes``: direct and indirect quotes with speaker, verb, addressee and source.

Fills ``record.quotes`` (ids q1, q2, ... in text order) from :func:`rasid.quotes.extract_quotes`
run over ``doc.text`` with the record's sentences and entities. Speakers and sources are
entity ids from ``record.entities`` (filled by ``rasid_link`` when it runs before this stage);
a speaker phrase no entity covers keeps ``speaker = None`` and is kept in ``speaker_mention``.
Requires ``rasid_segment``; runs after ``rasid_link`` when both are in the pipeline.
"""

from spacy.language import Language
from spacy.tokens import Doc

from rasid.document import DocumentRecord
from rasid.pipeline.base import RecordStage
from rasid.quotes import extract_quotes


@Language.factory("rasid_quotes")
class QuotesComponent(RecordStage):
    def fill(self, doc: Doc, record: DocumentRecord) -> None:
        sentences = [(s.start, s.end) for s in record.sentences] or None
        # record.text is doc.text (spaCy rebuilds doc.text from the tokens at each access)
        record.quotes = extract_quotes(record.text, sentences, record.entities)
