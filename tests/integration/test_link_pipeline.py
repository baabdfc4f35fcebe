"""rasid_link inside the full pipeline (rasid.pipeline.analyze) on real articles."""

from __future__ import annotations

import pytest

from rasid.document import validate
from rasid.pipeline import COMPONENTS, analyze


def test_link_is_registered_before_the_stages_that_use_entities():
    names = [n for n, _, _ in COMPONENTS]
    assert "rasid_link" in names
    for later in ("rasid_time", "rasid_quotes", "rasid_events"):
        if later in names:
            assert names.index("rasid_link") < names.index(later)


@pytest.mark.parametrize(("article", "published", "expected"), [
    ("001", "2022-05-17", {"NATO", "Joe Biden", "Sauli Niinistö", "Sergey Lavrov"}),
    ("010", "2022-05-23", {"Ebrahim Raisi", "Islamic Revolutionary Guard Corps", "Tehran"}),
])
def test_analyze_links_entities_and_records_validate(corpus_text, article, published,
                                                     expected):
    record = analyze(corpus_text(article), published)
    validate(record)
    names = {e.name_en for e in record.entities}
    assert expected <= names
    for q in record.quotes:
        assert q.speaker is None or record.entity(q.speaker) is not None
