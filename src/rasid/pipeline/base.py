"""The Arabic ``Language`` with rasid's tokenizer, and the Doc extensions every stage uses."""

import datetime as dt
from collections.abc import Iterable
from typing import Self

from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from rasid.document import DocumentRecord
from rasid.text.tokenize import token_spans

if not Doc.has_extension("record"):
    Doc.set_extension("record", default=None)
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)


# Words kept as permanent lexemes (see RasidTokenizer.keep_words): spaCy builds a lexeme
# (flags, shape, norm...) for every word it has not kept, and rasid analyses each document
# in a memory zone that frees them again, so without this every common word ("في", "من",
# "ال...") was rebuilt in every document (~2 ms of a 500-word article).
HOT_WORDS = 30_000


def keep_lexemes(vocab: Vocab, words: Iterable[str], room: int) -> int:
    """Make the words ``vocab`` lacks permanent lexemes, at most ``room`` of them (call it
    outside any memory zone); returns how many were added. Shared by the pipeline's and the
    NER model's vocabularies (see ``HOT_WORDS``)."""
    added = 0
    for word in words:
        if added >= room:
            break
        if word not in vocab:
            vocab[word]
            added += 1
    return added


class RasidTokenizer:
    """spaCy tokenizer around :func:`rasid.text.tokenize`; ``doc.text`` equals the input.

    Whitespace between tokens becomes spaCy whitespace: one trailing space is the token's
    ``whitespace_``; anything else (newlines, runs of spaces) becomes a whitespace token.
    """

    def __init__(self, vocab: Vocab, hot_words: int = HOT_WORDS) -> None:
        self.vocab = vocab
        self.hot_words = hot_words
        self._last_words: list[str] = []
        self._kept = 0  # lexemes keep_words added

    def keep_words(self) -> None:
        """Keep the words of the last text tokenised as permanent lexemes, while the
        vocabulary holds fewer than ``hot_words``: call it outside ``nlp.memory_zone()``.

        The first documents of a stream fill the vocabulary with the words news repeats;
        later documents find them there instead of rebuilding them inside their memory zone.
        Memory stays bounded (``hot_words`` lexemes), and lexemes only cache attributes of
        their string, so analyses are the same with or without them.
        """
        words, self._last_words = self._last_words, []
        self._kept += keep_lexemes(self.vocab, words, self.hot_words - self._kept)

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for start, end, word in token_spans(text):
            if start > pos:
                gap = text[pos:start]
                if words and gap[0] == " ":
                    spaces[-1] = True
                    gap = gap[1:]
                if gap:
                    words.append(gap)
                    spaces.append(False)
            words.append(word)
            spaces.append(False)
            pos = end
        if pos < len(text):
            gap = text[pos:]
            if words and gap[0] == " ":
                spaces[-1] = True
                gap = gap[1:]
            if gap:
                words.append(gap)
                spaces.append(False)
        if self._kept < self.hot_words:
            self._last_words = words
        return Doc(self.vocab, words=words, spaces=spaces)

    def pipe(self, texts):
        for text in texts:
            yield self(text)

    # spaCy serialises tokenizers; ours is stateless (its data lives in resources/).
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> Self:
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> Self:
        return self


class RecordStage:
    """Base of the stages that read ``doc._.record`` and fill their part of it (time, quotes,
    events): spaCy's component protocol once, the work in :meth:`fill`. A Doc without a
    record (made by ``nlp.make_doc`` rather than :func:`rasid.pipeline.analyze`) passes
    through untouched."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        record = doc._.record
        if record is not None:
            self.fill(doc, record)
        return doc

    def pipe(self, docs, batch_size: int = 64):
        for doc in docs:
            yield self(doc)

    def fill(self, doc: Doc, record: DocumentRecord) -> None:
        raise NotImplementedError


def new_language() -> Language:
    """A blank Arabic ``Language`` using :class:`RasidTokenizer`."""
    import spacy

    from rasid.ingest.readers import MAX_DOCUMENT_CHARS

    nlp = spacy.blank("ar")
    nlp.tokenizer = RasidTokenizer(nlp.vocab)
    # rasid's own limit applies (make_doc_with_record); spaCy's default of 1,000,000 is
    # sized for its parser, which rasid does not use, and fails with a bare ValueError
    nlp.max_length = MAX_DOCUMENT_CHARS
    return nlp


def make_doc_with_record(nlp: Language, record: DocumentRecord,
                         published: dt.date | None) -> Doc:
    """Tokenise ``record.text`` and attach the record being filled and the anchor date.

    A text over ``MAX_DOCUMENT_CHARS`` is an :class:`~rasid.errors.InputError` (as when the
    readers meet one), raised before any analysis.
    """
    from rasid.errors import InputError
    from rasid.ingest.readers import MAX_DOCUMENT_CHARS

    if len(record.text) > MAX_DOCUMENT_CHARS:
        raise InputError(record.source or record.id,
                         f"document of {len(record.text):,} characters exceeds the limit of "
                         f"{MAX_DOCUMENT_CHARS:,}; split it into articles")
    doc = nlp.make_doc(record.text)
    doc._.record = record
    doc._.published = published
    if published is None:
        record.warnings.append("published date unknown: relative dates left unresolved")
    return doc
