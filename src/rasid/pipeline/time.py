"""``rasid_time``: Arabic time expressions, normalised against the publication date.

Fills ``record.times`` (ids t1, t2, ... in text order) from :func:`rasid.time.tag_times`
run over ``doc.text`` with ``doc._.published`` as the anchor (never the clock). Without a
publication date, relative expressions keep ``value = None`` and a warning is added to
``record.warnings``. Requires ``rasid_segment`` only (it reads the text, not the tokens).
"""

from spacy.language import Language
from spacy.tokens import Doc

from rasid.document import DocumentRecord
from rasid.pipeline.base import RecordStage
from rasid.time import tag_times


@Language.factory("rasid_time")
class TimeComponent(RecordStage):
    def fill(self, doc: Doc, record: DocumentRecord) -> None:
        times, warnings = tag_times(record.text, doc._.published)  # == doc.text, not rebuilt
        record.times = times
        for warning in warnings:
            if warning not in record.warnings:
                record.warnings.append(warning)
