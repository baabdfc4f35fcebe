"""Records for the API and page tests, built from real corpus articles (../shared/corpus).

The web layer's behaviour must not depend on how good NER or quote attribution are today,
so these records take the article text as it is, sentences from rasid's segmenter, and
facts located by searching the text for names it really contains; every offset is
computed, never typed in. They are stored with the store's own ``Store.upsert``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rasid.document import DocumentRecord, Entity, Event, Quote, Span, TimeExpression
from rasid.pipeline import analyze, load

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def read_corpus(name: str) -> str:
    """../shared/corpus/<name>.txt (skips the test when the corpus is not beside the clone)."""
    path = CORPUS / f"{name}.txt"
    if not path.exists():
        pytest.skip(f"{path} not available (tests read ../shared/corpus beside the clone)")
    return path.read_text(encoding="utf-8")


XSS = "<script>window.__xss = 1</script><img src=x onerror=\"window.__xss = 2\">"

# (name, type, kb_id, name_en, surface forms longest first) per article
ENTITIES = {
    "004": [
        ("سيرغي شويغو", "PER", "Q150856", "Sergei Shoigu", ["سيرغي شويغو", "شويغو"]),
        ("فولوديمير زيلينسكي", "PER", "Q3874799", "Volodymyr Zelenskyy",
         ["فولوديمير زيلينسكي", "زيلينسكي"]),
        ("الناتو", "ORG", "Q7184", "NATO", ["حلف شمال الأطلسي", "الناتو"]),
        ("واشنطن", "GPE", "Q61", "Washington", ["واشنطن"]),
        ("دونباس", "LOC", None, None, ["دونباس"]),
        ("روسيا", "GPE", "Q159", "Russia", ["روسيا"]),
    ],
    "001": [
        ("ساولي نينيستو", "PER", "Q29207", "Sauli Niinistö", ["ساولي نينيستو", "نينيستو"]),
        ("سانا مارين", "PER", "Q60735834", "Sanna Marin", ["سانا مارين"]),
        ("الناتو", "ORG", "Q7184", "NATO", ["حلف شمال الأطلسي", "الحلف الأطلسي", "الناتو"]),
        ("موسكو", "GPE", "Q649", "Moscow", ["موسكو"]),
        ("السويد", "GPE", "Q34", "Sweden", ["السويد"]),
    ],
}
PUBLISHED = {"004": "2022-05-20", "001": "2022-05-17"}
# (type, actor name, target name, trigger word) located in the article
EVENTS = {
    "004": [("MOBILIZE", "سيرغي شويغو", "الناتو", "ستُنشئ"),
            ("ACCUSE", "فولوديمير زيلينسكي", "روسيا", "شددت")],
    "001": [("THREATEN", "موسكو", "الناتو", "حذّرت")],
}


def _mentions(text: str, forms: list[str], taken: list[tuple[int, int]]) -> list[Span]:
    out = []
    for form in forms:
        for m in re.finditer(re.escape(form), text):
            a, b = m.span()
            if any(a < y and x < b for x, y in taken):
                continue
            taken.append((a, b))
            out.append(Span(a, b, form))
    return sorted(out, key=lambda s: s.start)


def build(name: str, text: str | None = None, doc_id: str | None = None) -> DocumentRecord:
    """A full record of corpus article ``name`` ('004' or '001')."""
    text = text if text is not None else read_corpus(name)
    base = analyze(text, PUBLISHED[name], nlp=load(["rasid_segment"]), doc_id=doc_id,
                   source=f"corpus/{name}.txt", title=text.split("\n", 1)[0])
    record = DocumentRecord(id=base.id, text=text, source=base.source,
                            published=base.published, title=base.title,
                            sentences=base.sentences)
    taken: list[tuple[int, int]] = []
    for i, (ename, etype, kb, en, forms) in enumerate(ENTITIES[name], start=1):
        mentions = _mentions(text, forms, taken)
        if mentions:
            record.entities.append(Entity(f"e{i}", etype, ename, mentions, en, kb, 0.9))
    by_name = {e.name: e for e in record.entities}
    people = [e for e in record.entities if e.type == "PER"]
    # direct quotes: text in "..." of at least 4 words, speaker = nearest person before it
    marks = [m.start() for m in re.finditer('"', text)]
    for open_, close in zip(marks[::2], marks[1::2], strict=False):
        qa, qb = open_ + 1, close
        if qb - qa < 20 or "\n" in text[qa:qb]:
            continue
        best = None
        for e in people:
            for sm in e.mentions:
                if qa - 120 <= sm.end <= qa and (best is None or sm.end > best[1].end):
                    best = (e, sm)
        record.quotes.append(Quote(
            f"q{len(record.quotes) + 1}", "direct", qa, qb, text[qa:qb],
            speaker=best[0].id if best else None, speaker_mention=best[1] if best else None,
            verb="قال", confidence=0.8))
    for m in re.finditer("اليوم الجمعة|اليوم الثلاثاء|الخميس", text):
        value = {"اليوم الجمعة": "2022-05-20", "اليوم الثلاثاء": "2022-05-17",
                 "الخميس": "2022-05-19"}[m.group()]
        if not any(m.start() < y and x < m.end() for x, y in taken):
            record.times.append(TimeExpression(f"t{len(record.times) + 1}", "DATE",
                                               m.start(), m.end(), m.group(), value))
    for kind, actor, target, word in EVENTS[name]:
        at = text.find(word)
        if at < 0 or actor not in by_name or target not in by_name:
            continue
        sentence = next(i for i, s in enumerate(record.sentences) if s.start <= at < s.end)
        record.events.append(Event(
            f"v{len(record.events) + 1}", kind, Span(at, at + len(word), word), sentence,
            actor=by_name[actor].id, target=by_name[target].id,
            time=record.times[0].id if record.times else None, confidence=0.7))
    return record


def xss_record() -> DocumentRecord:
    """Article 004 with a script payload in its first sentence (an entity sits beside it)."""
    text = read_corpus("004")
    first, rest = text.split("\n", 1)
    return build("004", f"{first}\n{XSS} {rest}", doc_id="xss-004")
