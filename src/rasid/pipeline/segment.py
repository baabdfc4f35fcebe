"""``rasid_segment``: sentence boundaries from :func:`rasid.text.split_sentences`.

Sets ``token.is_sent_start`` so later stages can use ``doc.sents``, and fills
``record.sentences``.
"""

import numpy as np
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from rasid.document import Sentence
from rasid.text import split_sentences


@Language.factory("rasid_segment")
class SegmentComponent:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        record = doc._.record
        # record.text is doc.text (which spaCy rebuilds from the tokens at each access)
        spans = split_sentences(record.text if record is not None else doc.text)
        starts = {s for s, _ in spans}
        # one array write: setting token.is_sent_start one token at a time rescans the
        # doc on each write (quadratic: 100k characters took 15 s, 2M would take hours);
        # offsets read as one array (no Token objects)
        offsets = doc.to_array(IDX).tolist() if len(doc) else []
        is_start = np.fromiter((i == 0 or idx in starts for i, idx in enumerate(offsets)),
                               dtype=bool, count=len(doc))
        if len(doc):
            values = np.where(is_start, 1, -1).astype("int64").astype("uint64")
            doc.from_array([SENT_START], values.reshape(-1, 1))
        if record is not None:
            record.sentences = [Sentence(s, e) for s, e in spans]
        return doc
