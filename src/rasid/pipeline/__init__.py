"""rasid's spaCy pipeline: one ``Language`` for Arabic with named, registered components.

Each stage is a small component in its own module under ``rasid.pipeline`` registered with
``@Language.factory("rasid_<name>")``. Components read the spaCy ``Doc`` and fill their part
of ``doc._.record`` (a :class:`rasid.document.DocumentRecord`); the publication date the
stages resolve against is ``doc._.published`` (a ``datetime.date`` or ``None``), never now().

Component modules (and ``base.py``, whose ``RecordStage.__init__`` they inherit) do not use
``from __future__ import annotations``: the spaCy versions rasid pins (3.8.2-3.8.6, see
pyproject.toml) validate each factory's arguments with a model built from its signature
and cannot resolve annotations left as strings ("field 'nlp' not yet prepared").

    >>> from rasid.pipeline import load, analyze
    >>> record = analyze("قال الرئيس الروسي فلاديمير بوتين إن ...", published="2024-10-11")
"""

from __future__ import annotations

import datetime as dt
import importlib
from functools import lru_cache

from spacy.language import Language

from rasid.document import DocumentRecord, content_id
from rasid.errors import PipelineConfigError
from rasid.ingest.readers import InputDocument
from rasid.pipeline.base import make_doc_with_record, new_language

__all__ = ["COMPONENTS", "analyze", "analyze_input", "build", "load", "parse_published"]

# (factory name, module that registers it, components it requires before it), in order.
COMPONENTS: list[tuple[str, str, tuple[str, ...]]] = [
    ("rasid_segment", "rasid.pipeline.segment", ()),
    ("rasid_ner", "rasid.pipeline.ner", ("rasid_segment",)),
    ("rasid_link", "rasid.pipeline.link", ("rasid_segment",)),
    ("rasid_time", "rasid.pipeline.time", ("rasid_segment",)),
    ("rasid_quotes", "rasid.pipeline.quotes", ("rasid_segment",)),
    ("rasid_events", "rasid.pipeline.events", ("rasid_segment",)),
]


def _check_order(names: list[str]) -> None:
    seen: list[str] = []
    requires = {n: req for n, _, req in COMPONENTS}
    for name in names:
        missing = [r for r in requires.get(name, ()) if r not in seen]
        if missing:
            raise PipelineConfigError(
                f"{name} needs {', '.join(missing)} before it; provided so far: "
                f"{', '.join(seen) or 'nothing'}")
        seen.append(name)


def build(components: list[str] | None = None) -> Language:
    """Build a fresh pipeline with ``components`` (default: all, in order)."""
    known = [n for n, _, _ in COMPONENTS]
    names = known if components is None else list(components)
    unknown = [n for n in names if n not in known]
    if unknown:
        raise PipelineConfigError(f"unknown component(s): {', '.join(unknown)}; "
                                  f"known: {', '.join(known)}")
    _check_order(names)
    nlp = new_language()
    modules = {n: m for n, m, _ in COMPONENTS}
    for name in names:
        importlib.import_module(modules[name])
        nlp.add_pipe(name, name=name.removeprefix("rasid_"))
    return nlp


@lru_cache(maxsize=4)
def _cached(components: tuple[str, ...] | None) -> Language:
    return build(list(components) if components is not None else None)


def load(components: list[str] | None = None) -> Language:
    """The shared, cached pipeline (the CLI, the server and each Ray actor call this)."""
    return _cached(tuple(components) if components is not None else None)


def parse_published(value: str | dt.date | None) -> dt.date | None:
    """Accept 'YYYY-MM-DD' (or a longer ISO timestamp) or a date; None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise ValueError(f"published date {value!r} is not YYYY-MM-DD") from None


def analyze(text: str, published: str | dt.date | None = None, *, doc_id: str | None = None,
            source: str | None = None, title: str | None = None,
            metadata: dict | None = None, warnings: list[str] | None = None,
            nlp: Language | None = None) -> DocumentRecord:
    """Analyse one text and return its :class:`DocumentRecord`."""
    nlp = nlp or load()
    pub = parse_published(published)
    record = DocumentRecord(
        id=doc_id or content_id(text), text=text, source=source,
        published=pub.isoformat() if pub else None, title=title,
        metadata=dict(metadata or {}), warnings=list(warnings or []),
    )
    # The record holds only Python data, so spaCy may free the strings and lexemes this
    # document added to the vocabulary (memory stays bounded on an endless news stream).
    with nlp.memory_zone():
        doc = make_doc_with_record(nlp, record, pub)
        for _, proc in nlp.pipeline:
            doc = proc(doc)
    keep = getattr(nlp.tokenizer, "keep_words", None)
    if keep is not None:
        keep()  # outside the zone: common words stay built for the next documents
    return record


def analyze_input(doc: InputDocument, published: str | dt.date | None = None,
                  nlp: Language | None = None) -> DocumentRecord:
    """Analyse a document from :mod:`rasid.ingest`; ``published`` overrides its own date.

    A publication date the input gives but that is not a date becomes a warning, not a
    failure: the document is still analysed, without an anchor.
    """
    warnings = list(doc.warnings)
    pub: str | dt.date | None = published or doc.published
    try:
        parse_published(pub)
    except ValueError:
        warnings.append(f"ignored publication date {pub!r}: not YYYY-MM-DD")
        pub = None
    return analyze(doc.text, pub, doc_id=doc.doc_id, source=doc.source, title=doc.title,
                   metadata=doc.metadata, warnings=warnings, nlp=nlp)
