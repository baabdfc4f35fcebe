"""Token features shared by training and prediction.

The NER model embeds ``token.norm_``; rasid sets it to the orthographic key of the token
(alef/hamza forms, ta marbuta, alef maqsura and diacritics folded, see
:func:`rasid.text.normalize_key`) so "إسرائيل" and "اسرائيل" share one vector row.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc
from spacy.util import registry

from rasid.text import normalize_key


@lru_cache(maxsize=200_000)
def token_norm(text: str) -> str:
    return normalize_key(text) or text


def set_norms(doc: Doc) -> Doc:
    for tok in doc:
        tok.norm_ = token_norm(tok.text)
    return doc


class NormTokenizer:
    """rasid's clitic-aware tokenizer that also sets the NER norms (used in the model config)."""

    def __init__(self, vocab) -> None:
        from rasid.pipeline.base import RasidTokenizer

        self._tok = RasidTokenizer(vocab)
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        return set_norms(self._tok(text))

    def pipe(self, texts):
        for text in texts:
            yield self(text)

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> NormTokenizer:
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> NormTokenizer:
        return self


@registry.tokenizers("rasid.NormTokenizer.v1")
def create_norm_tokenizer():
    def make(nlp):
        return NormTokenizer(nlp.vocab)

    return make
