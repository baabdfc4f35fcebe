"""``rasid_segment``: sentence boundaries from :func:`rasid.text.split_sentences`.

Sets ``token.is_sent_start`` so later stages can use ``doc.sents``, and fills
``record.sentences``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from rasid.document import Sentence
from rasid.text import split_sentences


@Language.factory("rasid_segment")
class SegmentComponent:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        spans = split_sentences(doc.text)
        starts = {s for s, _ in spans}
        for tok in doc:
            tok.is_sent_start = tok.i == 0 or tok.idx in starts
        if doc._.record is not None:
            doc._.record.sentences = [Sentence(s, e) for s, e in spans]
        return doc
