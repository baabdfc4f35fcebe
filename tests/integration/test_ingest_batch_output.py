"""`rasid batch` output flows into the store with `rasid ingest DIR`, without re-analysis."""

import json

from rasid.batch import run_batch
from rasid.store import Store
from rasid.store.ingest import ingest


def test_batch_output_is_ingested_as_is_and_errors_are_reported(tmp_path, corpus_text):
    feed = tmp_path / "feed.jsonl"
    rows = [{"id": f"doc{i}", "text": corpus_text(f"00{i}")[:1500], "published": "2022-05-20"}
            for i in range(1, 5)]
    feed.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
                    + "\n{not json\n", encoding="utf-8")
    out = tmp_path / "out"
    run_batch([feed], out, engine="local", components=["rasid_segment", "rasid_time"])

    db = tmp_path / "store.db"
    stats = ingest([out], db, workers=1)
    assert stats.inserted == 4
    assert stats.errors == 1 and "feed.jsonl" in stats.error_messages[0]
    with Store(db) as store:
        stored = store.get_document("doc2")
    assert stored.text == rows[1]["text"]
    assert stored.times, "the batch's own analysis (time expressions) is what gets stored"

    again = ingest([out], db, workers=1)
    assert again.inserted == 0 and again.skipped == 4
