"""Token features shared by training and prediction.

The NER model embeds ``token.norm_``; rasid sets it to the orthographic key of the token
(alef/hamza forms, ta marbuta, alef maqsura and diacritics folded, see
:func:`rasid.text.normalize_key`) so "إسرائيل" and "اسرائيل" share one vector row.

Models from version 2 also embed a gazetteer class per token (``FIRST``, ``LAST``, ``GPE``,
``NISBA``, ``TITLE``... from ``resources/ner/token_classes.tsv``, built by
training/ner/build_token_classes.py): name lists teach what 125k training tokens cannot. The
class rides in ``token.lemma_`` of the model's private Doc copy (rasid has no lemmatiser and
those copies never leave the NER component), so spaCy's stock ``MultiHashEmbed`` can embed it
as the ``LEMMA`` attribute. The tokenizer saves the table inside the model directory, so a
model always sees the classes it was trained with, whatever the packaged resource says later.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy
from spacy.attrs import LEMMA, NORM
from spacy.tokens import Doc
from spacy.util import registry

from rasid.resources import resource_path
from rasid.runtime import WORD_CACHE_SIZE
from rasid.text import normalize_key

CLASSES_FILE = "token_classes.tsv"


@lru_cache(maxsize=WORD_CACHE_SIZE)
def token_norm(text: str) -> str:
    return normalize_key(text) or text


def set_norms(doc: Doc) -> Doc:
    """Set only the norms (the features of version-1 models and of training conversion)."""
    return TokenFeatures()(doc)


@lru_cache(maxsize=1)
def packaged_classes() -> dict[str, str]:
    """The packaged token-class table (resources/ner/token_classes.tsv), as the rules read
    it: the lists as they are now, where the model keeps the copy it was trained with."""
    return read_classes(resource_path("ner/" + CLASSES_FILE).read_text(encoding="utf-8"))


def read_classes(text: str) -> dict[str, str]:
    """Parse a token-class table (``key<TAB>classes`` lines; '#' comments)."""
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, cls = line.partition("\t")
            out[key] = cls.strip()
    return out


class TokenFeatures:
    """Sets the model's input features on a Doc: norms, and gazetteer classes if any."""

    def __init__(self, classes: dict[str, str] | None = None) -> None:
        self.classes = classes or {}
        self.source = ""

    def __call__(self, doc: Doc) -> Doc:
        return self.set_on(doc, [t.text for t in doc])

    def set_on(self, doc: Doc, words: list[str]) -> Doc:
        """Set the features of ``doc``, whose token texts are ``words``, in one array write
        (no per-token Python objects: this runs on every token the model sees)."""
        if not words:
            return doc
        strings = doc.vocab.strings
        classes = self.classes
        norms = [token_norm(w) for w in words]
        if not classes:
            doc.from_array([NORM], numpy.array([strings.add(n) for n in norms],
                                               dtype=numpy.uint64))
            return doc
        rows = [(strings.add(n), strings.add(c) if (c := classes.get(n)) else 0)
                for n in norms]
        doc.from_array([NORM, LEMMA], numpy.array(rows, dtype=numpy.uint64))
        return doc

    def to_text(self) -> str:
        return self.source

    @classmethod
    def from_text(cls, text: str) -> TokenFeatures:
        feats = cls(read_classes(text))
        feats.source = text
        return feats


class NormTokenizer:
    """rasid's clitic-aware tokenizer that also sets the NER input features (model config)."""

    def __init__(self, vocab, features: TokenFeatures | None = None) -> None:
        from rasid.pipeline.base import RasidTokenizer

        self._tok = RasidTokenizer(vocab)
        self.vocab = vocab
        self.features = features or TokenFeatures()

    def __call__(self, text: str) -> Doc:
        return self.features(self._tok(text))

    def pipe(self, texts):
        for text in texts:
            yield self(text)

    def to_bytes(self, **kwargs) -> bytes:
        return self.features.to_text().encode("utf-8")

    def from_bytes(self, data: bytes, **kwargs) -> NormTokenizer:
        if data:
            self.features = TokenFeatures.from_text(data.decode("utf-8"))
        return self

    def to_disk(self, path, **kwargs) -> None:
        if self.features.classes:
            path = Path(path)
            path.mkdir(parents=True, exist_ok=True)
            (path / CLASSES_FILE).write_text(self.features.to_text(), encoding="utf-8")

    def from_disk(self, path, **kwargs) -> NormTokenizer:
        f = Path(path) / CLASSES_FILE
        if f.is_file():
            self.features = TokenFeatures.from_text(f.read_text(encoding="utf-8"))
        return self


@registry.tokenizers("rasid.NormTokenizer.v1")
def create_norm_tokenizer():
    """Norms only (models of version 1)."""
    def make(nlp):
        return NormTokenizer(nlp.vocab)

    return make


@registry.tokenizers("rasid.NormTokenizer.v2")
def create_class_tokenizer(classes: str = ""):
    """Norms + gazetteer classes read from ``classes`` (a path; empty = none). A trained model
    replaces the table with its own saved copy when loaded (``from_disk``)."""
    def make(nlp):
        feats = TokenFeatures()
        if classes and Path(classes).is_file():
            feats = TokenFeatures.from_text(Path(classes).read_text(encoding="utf-8"))
        return NormTokenizer(nlp.vocab, feats)

    return make
