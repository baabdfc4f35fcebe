"""Helpers shared by the NER test modules (importable because tests/ is on pytest's path,
like web_records.py)."""

from __future__ import annotations

import contextlib

from spacy.util import filter_spans


def ents(doc) -> set[tuple[str, str]]:
    """The doc's entities as (text, label) pairs: what the NER tests compare."""
    return {(e.text, e.label_) for e in doc.ents}


class _ScriptedModel:
    """Stands in for the statistical model inside ``rasid_ner``: it finds exactly the given
    (text, label) spans, at every place their words occur, and nothing else.

    Most rules correct what the model found ("ماجد" + "المهندس" after a title, a club's
    country after its name). A test that runs the packaged model checks the rule only as
    long as that model finds the same thing, so retraining the model broke about twenty such
    tests that had nothing wrong with their rule. With this stand-in a test states what
    the model found and checks what the rules make of it; the packaged model's own accuracy
    is measured by bench/ner_eval.py.
    """

    def __init__(self, vocab, found: list[tuple[str, str]]) -> None:
        self.vocab = vocab
        self.found = found
        self.pipeline = [("ner", self)]

    def memory_zone(self):
        return contextlib.nullcontext()

    def pipe(self, docs, batch_size: int = 1):
        for doc in docs:
            spans = []
            for text, label in self.found:
                start = 0
                while (i := doc.text.find(text, start)) >= 0:
                    span = doc.char_span(i, i + len(text), label=label)
                    if span is not None:  # not inside a longer word
                        spans.append(span)
                    start = i + len(text)
            doc.ents = filter_spans(spans)
            yield doc


def rules_on(nlp, text: str, model_found: list[tuple[str, str]]):
    """``text`` through ``nlp`` (a pipeline with rasid's NER component named "ner") when the
    statistical model finds exactly ``model_found``: the (text, label) spans the packaged
    model found there when the test was written. Each must occur in ``text`` on token
    boundaries, as rasid's tokenizer cuts it (a proclitic stays outside: "موسكو" of
    "لموسكو")."""
    component = nlp.get_pipe("ner")
    for found, _ in model_found:
        if found not in text:
            raise ValueError(f"model span {found!r} is not in the text")
    saved = component.model, component._tok2vec, component._crf, component._lstm
    component.model, component._tok2vec = _ScriptedModel(nlp.vocab, model_found), None
    # the stand-in is the whole statistical part: no CRF or LSTM spans
    component._crf = component._lstm = None
    try:
        return nlp(text)
    finally:
        component.model, component._tok2vec, component._crf, component._lstm = saved


def with_and_without(option: str):
    """Two segment + NER pipelines, the component's boolean ``option`` on and off (to see
    what a model adds: ``use_crf``, ``use_lstm``)."""
    import rasid.pipeline.ner  # noqa: F401
    import rasid.pipeline.segment  # noqa: F401
    from rasid.pipeline.base import new_language

    pipelines = new_language(), new_language()
    for pipeline, on in zip(pipelines, (True, False), strict=True):
        pipeline.add_pipe("rasid_segment", name="segment")
        pipeline.add_pipe("rasid_ner", name="ner", config={option: on})
    return pipelines
